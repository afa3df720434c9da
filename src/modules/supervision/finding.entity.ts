import { Column, Index, JoinColumn, ManyToOne } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { TenantEntity, TenantRecord, TenantReferenceId } from "../../common/base.entity";
import { Node } from "../../common/node";
import { Processor } from "../processors/processor.entity";
import { Measure } from "../measures/measure.entity";
import { AuditReport } from "./audit-report.entity";
import { FindingSeverity, FindingSource, FindingStatus } from "./supervision.enums";
import { NullableDate, NullableText, NullableVarchar } from "../../common/columns";

@ObjectType({
  implements: Node,
  description:
    "An exception found in a report or by the controller's own review, and its follow-up until it is closed with " +
    "a note.",
})
@TenantEntity("audit_finding")
@Index("ix_audit_finding_processor", ["organizationId", "processorId", "status"])
@Index("ix_audit_finding_report", ["organizationId", "auditReportId"])
export class AuditFinding extends TenantRecord {
  @TenantReferenceId(() => Processor, "processor_id")
  processorId: string;

  @TenantReferenceId(() => AuditReport, "audit_report_id", { nullable: true })
  auditReportId: string | null;

  @Column({ name: "measure_id", type: "uuid", nullable: true })
  measureId: string | null;

  @ManyToOne(() => Measure, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "measure_id" })
  measureRecord?: Measure;

  @Field(() => FindingSource, {
    description: "Found by the auditor (REPORT) or by the controller (CONTROLLER_REVIEW).",
  })
  @Column({ type: "enum", enum: FindingSource, enumName: "finding_source" })
  source: FindingSource;

  @NullableVarchar(
    "control_objective",
    500,
    'The control objective the exception concerns, e.g. "CO 4: logical access".',
  )
  controlObjective: string | null;

  @Field({ description: "What was found." })
  @Column({ type: "text" })
  description: string;

  @Field(() => FindingSeverity, { description: "How serious it is." })
  @Column({ type: "enum", enum: FindingSeverity, enumName: "finding_severity" })
  severity: FindingSeverity;

  @NullableText("processor_response", "The processor's (management's) response.")
  processorResponse: string | null;

  @NullableVarchar("owner", 200, "Who at the controller follows it up.")
  owner: string | null;

  @NullableDate("due_on", "When it must be resolved.")
  dueOn: string | null;

  @Field(() => FindingStatus, { description: "Follow-up state." })
  @Column({ type: "enum", enum: FindingStatus, enumName: "finding_status", default: FindingStatus.OPEN })
  status: FindingStatus;

  @NullableDate("closed_on", "When it was closed.")
  closedOn: string | null;

  @NullableText("closing_note", "Why it could be closed (required to close).")
  closingNote: string | null;
}
