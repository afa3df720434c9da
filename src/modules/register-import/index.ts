import { defineModule } from "../../common/module";
import { RegisterImport, RegisterImportPlan } from "./register-import.entity";
import { RegisterImportResolver } from "./register-import.resolver";
import { registerImportRouter } from "./register-import.http";
import { registerImportLoaders } from "./register-import.loaders";

/** A vendor register (.xlsx or .csv) planned against the register, then applied in one transaction; the template
 * and the register's export in its layout. */
export default defineModule({
  name: "register-import",
  entities: [RegisterImport, RegisterImportPlan],
  resolvers: [RegisterImportResolver],
  loaders: registerImportLoaders,
  routers: [registerImportRouter],
  tenantTables: ["register_import", "register_import_plan"],
  // The sheets and plan derive from the uploaded file (hashed on the import) and the register.
  unauditedTables: ["register_import_plan"],
});
