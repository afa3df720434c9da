import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { DateTimeScalar, LocalDateScalar } from "../../common/scalars";
import { EngagementStatus, TransferMechanism } from "./engagement.entity";
import { NullableText } from "../../common/columns";

/**
 * One state of a sub-processor engagement, with the date it took effect. Rows are written by a
 * database trigger on every change that matters for the chain, so no code path can skip them, and
 * the application role may only read them. "The list as it stood on a date" is read from here.
 */
@ObjectType({ description: "A recorded state of a sub-processor engagement and the date it took effect." })
@Entity("subprocessor_engagement_history")
@Index("ix_engagement_history_engagement", ["organizationId", "engagementId", "effectiveOn"])
@Index("ix_engagement_history_processor", ["organizationId", "processorId", "effectiveOn"])
export class EngagementHistoryEntry {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "organization_id", type: "uuid" })
  organizationId: string;

  @Column({ name: "engagement_id", type: "uuid" })
  engagementId: string;

  @Column({ name: "processor_id", type: "uuid" })
  processorId: string;

  @Column({ name: "subprocessor_id", type: "uuid" })
  subprocessorId: string;

  @Column({ name: "agreement_id", type: "uuid", nullable: true })
  agreementId: string | null;

  @Field(() => EngagementStatus, { description: "Status from effectiveOn." })
  @Column({ type: "enum", enum: EngagementStatus, enumName: "engagement_status" })
  status: EngagementStatus;

  @Field(() => [String], { description: "Processing countries recorded in this state." })
  @Column({ type: "char", length: 2, array: true })
  countries: string[];

  @Field(() => TransferMechanism, { description: "Transfer mechanism recorded in this state." })
  @Column({ name: "transfer_mechanism", type: "enum", enum: TransferMechanism, enumName: "transfer_mechanism" })
  transferMechanism: TransferMechanism;

  @NullableText("purpose", "Purpose recorded in this state.")
  purpose: string | null;

  @Field(() => Boolean, { description: "Whether the engagement record was archived in this state." })
  @Column({ type: "boolean", default: false })
  archived: boolean;

  @Field(() => LocalDateScalar, {
    description:
      "The business date this state took effect: the approval date for APPROVED, the end date for REMOVED, the " +
      "notice date for PROPOSED, otherwise the day it was recorded.",
  })
  @Column({ name: "effective_on", type: "date" })
  effectiveOn: string;

  @Field(() => DateTimeScalar, { description: "When the change was recorded." })
  @CreateDateColumn({ name: "recorded_at", type: "timestamptz" })
  recordedAt: Date;

  @Column({ name: "actor_api_key_id", type: "uuid", nullable: true })
  actorApiKeyId: string | null;
}
