import { Field, ObjectType, ArgsType, ID } from "type-graphql";
import { LocalDateScalar } from "../../common/scalars";
import { Evidence } from "../evidence/evidence.entity";
import { EnumValue, graphqlEnum } from "../../common/enums";
import { OptionalDate } from "../../common/validation";

export const EvidenceItemKind = graphqlEnum(
  "EvidenceItemKind",
  "AGREEMENT: the agreement in force. AGREEMENT_VERSION: an earlier or other version. SUBPROCESSOR_LIST: the " +
    "approved sub-processors on the list date. SUPERVISION_PLAN: the plan and its status. AUDIT_REPORT, REVIEW, " +
    "FINDING (with follow-up), BREACH_NOTICE. EVIDENCE_FILE: a file not attached to any item above.",
  [
    "AGREEMENT",
    "AGREEMENT_VERSION",
    "SUBPROCESSOR_LIST",
    "SUPERVISION_PLAN",
    "AUDIT_REPORT",
    "REVIEW",
    "FINDING",
    "BREACH_NOTICE",
    "EVIDENCE_FILE",
  ],
);
export type EvidenceItemKind = EnumValue<typeof EvidenceItemKind>;

@ObjectType({
  description:
    "One thing an auditor asks for, with the SHA-256 of the record as listed (RFC 8785 canonical JSON of " +
    "`record`) and the files that back it, each with its own SHA-256.",
})
export class EvidenceListItem {
  processorId: string | null;

  @Field(() => EvidenceItemKind, { description: "What the item is." })
  kind: EvidenceItemKind;

  @Field({ description: "Global id of the record (Agreement, AuditReport, …; the processor for lists and plans)." })
  subjectId: string;

  @Field({ description: "A title an auditor recognises." })
  title: string;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: "The date the item is effective for (signature, report receipt, review, notice, list date).",
  })
  effectiveOn: string | null;

  @Field(() => String, {
    nullable: true,
    description: "State, e.g. ACTIVE, SUPERSEDED, ACCEPTED, OPEN, CLOSED, OVERDUE.",
  })
  status: string | null;

  @Field({ description: "One line with the facts that matter (type, period, opinion, severity, hours, …)." })
  details: string;

  @Field({
    description:
      "SHA-256 (hex) of `record`, canonicalised with RFC 8785: recompute it to prove the listed facts are these.",
  })
  recordSha256: string;

  @Field({ description: "The listed facts as canonical JSON (RFC 8785)." })
  record: string;

  @Field(() => [Evidence], {
    description: "Files that back the item (download needs an ADMIN, EDITOR or AUDITOR key).",
  })
  files: Evidence[];
}

@ArgsType()
export class EvidenceListArgsType {
  @Field(() => ID, { nullable: true, description: "One processor; all processors when left out." })
  processorId?: string | null;

  @OptionalDate("Dated items (reports, reviews, findings, notices, files) from this date.")
  from?: string | null;

  @OptionalDate("Dated items up to this date; the sub-processor list is as it stood on this date.")
  to?: string | null;

  @Field(() => [EvidenceItemKind], { nullable: true, description: "Only these kinds." })
  kinds?: EvidenceItemKind[] | null;
}
