import { defineModule } from "../../common/module";
import { Evidence, EvidenceContent } from "./evidence.entity";
import {
  AgreementEvidenceResolver,
  AuditFindingEvidenceResolver,
  AuditReportEvidenceResolver,
  BreachNoticeEvidenceResolver,
  EvidenceResolver,
  ProcessorEvidenceResolver,
} from "./evidence.resolver";
import { evidenceLoaders } from "./evidence.loaders";
import { evidenceRouter } from "./evidence.http";

/** Evidence: files (or external links) that prove a record, with their hashes; uploads and downloads over HTTP. */
export default defineModule({
  name: "evidence",
  entities: [Evidence, EvidenceContent],
  resolvers: [
    EvidenceResolver,
    ProcessorEvidenceResolver,
    AgreementEvidenceResolver,
    AuditReportEvidenceResolver,
    AuditFindingEvidenceResolver,
    BreachNoticeEvidenceResolver,
  ],
  loaders: evidenceLoaders,
  routers: [evidenceRouter],
  tenantTables: ["evidence", "evidence_content"],
  // The bytes are not logged; their SHA-256 is, with the evidence row.
  unauditedTables: ["evidence_content"],
});
