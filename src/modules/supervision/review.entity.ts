import { Column, Index } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { LocalDateScalar } from "../../common/scalars";
import { TenantEntity, TenantRecord, TenantReferenceId } from "../../common/base.entity";
import { Node } from "../../common/node";
import { AuditReport } from "./audit-report.entity";
import { ReviewConclusion } from "./supervision.enums";
import { NullableText } from "../../common/columns";

@ObjectType({
  implements: Node,
  description: "The controller's review of a report: who, when, the conclusion and remarks. The latest review counts.",
})
@TenantEntity("audit_report_review")
@Index("ix_audit_report_review_report", ["organizationId", "auditReportId", "reviewedOn"])
export class AuditReportReview extends TenantRecord {
  @TenantReferenceId(() => AuditReport, "audit_report_id")
  auditReportId: string;

  @Field({ description: "Who reviewed the report (name and title)." })
  @Column({ type: "varchar", length: 200 })
  reviewer: string;

  @Field(() => LocalDateScalar, { description: "When the review was done." })
  @Column({ name: "reviewed_on", type: "date" })
  reviewedOn: string;

  @Field(() => ReviewConclusion, { description: "The conclusion." })
  @Column({ type: "enum", enum: ReviewConclusion, enumName: "review_conclusion" })
  conclusion: ReviewConclusion;

  @NullableText("remarks", "Remarks: scope gaps, CUECs checked, follow-up agreed.")
  remarks: string | null;

  @Column({ name: "recorded_by_api_key_id", type: "uuid", nullable: true })
  recordedByApiKeyId: string | null;
}
