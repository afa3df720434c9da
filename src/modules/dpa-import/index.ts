import { defineModule } from "../../common/module";
import { AgreementImport } from "./agreement-import.entity";
import { AgreementImportResolver } from "./import.resolver";
import { importRouter } from "./import.http";

/** Reading a signed DPA into a cited draft, reviewed and confirmed into an agreement. */
export default defineModule({
  name: "dpa-import",
  entities: [AgreementImport],
  resolvers: [AgreementImportResolver],
  routers: [importRouter],
  tenantTables: ["agreement_import"],
});
