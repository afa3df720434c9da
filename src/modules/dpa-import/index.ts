import { defineModule } from "../../common/module";
import { AgreementImport, AgreementImportText } from "./agreement-import.entity";
import { AgreementImportResolver } from "./import.resolver";
import { importRouter } from "./import.http";

/** Reading a signed DPA into a cited draft, reviewed and confirmed into an agreement. */
export default defineModule({
  name: "dpa-import",
  entities: [AgreementImport, AgreementImportText],
  resolvers: [AgreementImportResolver],
  routers: [importRouter],
  tenantTables: ["agreement_import", "agreement_import_text"],
  // The text is derived from the (hashed) evidence file, as evidence_content is its bytes.
  unauditedTables: ["agreement_import_text"],
  // A draft is the document read (its text, its quotes): node(id) shows it to the roles agreementImport(id) does.
  restrictedNodes: { AgreementImport: "readDocuments" },
});
