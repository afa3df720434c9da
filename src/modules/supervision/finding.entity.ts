import { Column, Entity, Index, JoinColumn, ManyToOne, Unique } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { TenantRecord, TenantReferenceId } from "../../common/base.entity";
import { Node } from "../../common/node";
import { Processor } from "../processors/processor.entity";
import { Measure } from "../measures/measure.entity";
import { AuditReport } from "./audit-report.entity";
import { FindingSeverity, FindingSource, FindingStatus } from "./supervision.enums";

@ObjectType({
  implements: Node,
  description:
    "An exception found in a report or by the controller's own review, and its follow-up until it is closed with " +
    "a note.",
})
@Entity("audit_finding")
@Unique("uq_audit_finding_org_id", ["organizationId", "id"])
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

  @Field(() => String, {
    nullable: true,
    description: 'The control objective the exception concerns, e.g. "CO 4: logical access".',
  })
  @Column({ name: "control_objective", type: "varchar", length: 500, nullable: true })
  controlObjective: string | null;

  @Field({ description: "What was found." })
  @Column({ type: "text" })
  description: string;

  @Field(() => FindingSeverity, { description: "How serious it is." })
  @Column({ type: "enum", enum: FindingSeverity, enumName: "finding_severity" })
  severity: FindingSeverity;

  @Field(() => String, { nullable: true, description: "The processor's (management's) response." })
  @Column({ name: "processor_response", type: "text", nullable: true })
  processorResponse: string | null;

  @Field(() => String, { nullable: true, description: "Who at the controller follows it up." })
  @Column({ type: "varchar", length: 200, nullable: true })
  owner: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "When it must be resolved." })
  @Column({ name: "due_on", type: "date", nullable: true })
  dueOn: string | null;

  @Field(() => FindingStatus, { description: "Follow-up state." })
  @Column({ type: "enum", enum: FindingStatus, enumName: "finding_status", default: FindingStatus.OPEN })
  status: FindingStatus;

  @Field(() => LocalDateResolver, { nullable: true, description: "When it was closed." })
  @Column({ name: "closed_on", type: "date", nullable: true })
  closedOn: string | null;

  @Field(() => String, { nullable: true, description: "Why it could be closed (required to close)." })
  @Column({ name: "closing_note", type: "text", nullable: true })
  closingNote: string | null;
}
