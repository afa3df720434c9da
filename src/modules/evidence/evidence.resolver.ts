import { Args, ClassType, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../../context";
import { linked, LoadedField, reference } from "../../common/reference";
import { PayloadMutation } from "../../common/mutation";
import { Processor } from "../processors/processor.entity";
import { Agreement } from "../agreements/agreement.entity";
import { Measure } from "../measures/measure.entity";
import { AuditReport } from "../supervision/audit-report.entity";
import { AuditFinding } from "../supervision/finding.entity";
import { BreachNotice } from "../supervision/breach-notice.entity";
import { RecordedBy } from "../auth/api-key.types";
import { apiKeyService } from "../auth/api-key.service";
import { Evidence } from "./evidence.entity";
import { RegisterExternalEvidenceInput, UpdateEvidenceInput } from "./evidence.inputs";
import { evidenceService } from "./evidence.service";
import { downloadPathOf } from "./evidence.rules";
import { EvidenceConnection, EvidencePayload, EvidenceArgs } from "./evidence.types";

@Resolver(() => Evidence)
export class EvidenceResolver {
  @Query(() => EvidenceConnection, {
    description:
      "The organization's evidence, newest effective date first. Upload files with POST /evidence (multipart); " +
      "download them from downloadPath.",
  })
  evidence(@Args() args: EvidenceArgs, @Ctx() ctx: RequestContext) {
    return evidenceService.list(ctx, args);
  }

  @LoadedField(() => Processor, { nullable: true, description: "The processor it concerns." })
  processor = reference("processorById", (e: Evidence) => e.processorId);

  @LoadedField(() => Agreement, { nullable: true, description: "The agreement it documents." })
  agreement = reference("agreementById", (e: Evidence) => e.agreementId);

  @LoadedField(() => AuditReport, { nullable: true, description: "The audit report it is or belongs to." })
  auditReport = reference("auditReportById", (e: Evidence) => e.auditReportId);

  @LoadedField(() => AuditFinding, { nullable: true, description: "The audit finding it documents." })
  finding = reference("findingById", (e: Evidence) => e.findingId);

  @LoadedField(() => BreachNotice, { nullable: true, description: "The processor's breach notice it documents." })
  breachNotice = reference("breachNoticeById", (e: Evidence) => e.breachNoticeId);

  @LoadedField(() => Measure, { nullable: true, description: "The security measure (TOM) it proves." })
  measure = reference("measureById", (e: Evidence) => e.measureId);

  @FieldResolver(() => RecordedBy, {
    nullable: true,
    description: "Who uploaded or registered it: the name and role of the API key used.",
  })
  uploadedBy(@Root() e: Evidence, @Ctx() ctx: RequestContext): Promise<RecordedBy | null> {
    return apiKeyService.recordedBy(ctx, e.uploadedByApiKeyId);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "DATABASE storage: the path of the download (GET, relative to the server root, same Authorization header; " +
      "roles ADMIN, EDITOR and AUDITOR). Null for EXTERNAL evidence: fetch externalUri and compare its SHA-256.",
  })
  downloadPath(@Root() e: Evidence): string | null {
    return downloadPathOf(e);
  }

  @PayloadMutation(
    EvidencePayload,
    "Register evidence kept outside tilsyn: its URI and the SHA-256 of its content (to upload a file instead, " +
      "POST it to /evidence).",
  )
  registerExternalEvidence(input: RegisterExternalEvidenceInput, ctx: RequestContext) {
    return evidenceService.registerExternal(ctx, input);
  }

  @PayloadMutation(
    EvidencePayload,
    "Change a piece of evidence's kind, title, effective date, remarks or links. Its content, hash, size and " +
      "storage never change: upload a new piece instead.",
  )
  updateEvidence(input: UpdateEvidenceInput, ctx: RequestContext) {
    return evidenceService.update(ctx, input);
  }
}

const EVIDENCE_LIST = "Evidence linked to it, newest effective date first.";

type EvidenceLoader =
  | "evidenceByProcessor"
  | "evidenceByAgreement"
  | "evidenceByAuditReport"
  | "evidenceByFinding"
  | "evidenceByBreachNotice";

/** The resolver of a record type's `evidence` field: the evidence linked to the record, by its loader. */
function EvidenceOf(type: ClassType, loader: EvidenceLoader, description = EVIDENCE_LIST) {
  @Resolver(() => type)
  class RecordEvidenceResolver {
    @LoadedField(() => [Evidence], { description })
    evidence = linked(loader);
  }
  return RecordEvidenceResolver;
}

export const ProcessorEvidenceResolver = EvidenceOf(
  Processor,
  "evidenceByProcessor",
  `${EVIDENCE_LIST} Includes evidence of its agreements, reports, findings and breach notices.`,
);
export const AgreementEvidenceResolver = EvidenceOf(Agreement, "evidenceByAgreement");
export const AuditReportEvidenceResolver = EvidenceOf(AuditReport, "evidenceByAuditReport");
export const AuditFindingEvidenceResolver = EvidenceOf(AuditFinding, "evidenceByFinding");
export const BreachNoticeEvidenceResolver = EvidenceOf(BreachNotice, "evidenceByBreachNotice");
