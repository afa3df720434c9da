import { Column, Entity, JoinColumn, ManyToOne, Unique } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { TenantRecord, TenantReferenceId } from "../../common/base.entity";
import { Node } from "../../common/node";
import { Processor } from "../processors/processor.entity";
import { Measure } from "./measure.entity";
import { EnumValue, graphqlEnum } from "../../common/enums";

export const MeasureStatus = graphqlEnum("MeasureStatus", "How far a processor has implemented a measure.", [
  "IMPLEMENTED",
  "PARTIAL",
  "NOT_IMPLEMENTED",
  "UNKNOWN",
]);
export type MeasureStatus = EnumValue<typeof MeasureStatus>;

@ObjectType({
  implements: Node,
  description: "The state of one security measure at one processor, with the evidence for it.",
})
@Entity("processor_measure")
@Unique("uq_processor_measure", ["processorId", "measureId"])
export class ProcessorMeasure extends TenantRecord {
  @TenantReferenceId(() => Processor, "processor_id", { onDelete: "CASCADE" })
  processorId: string;

  @Column({ name: "measure_id", type: "uuid" })
  measureId: string;

  @ManyToOne(() => Measure, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "measure_id" })
  measureRecord?: Measure;

  @Field(() => MeasureStatus, { description: "Implementation status." })
  @Column({ type: "enum", enum: MeasureStatus, enumName: "measure_status", default: MeasureStatus.UNKNOWN })
  status: MeasureStatus;

  @Field(() => String, {
    nullable: true,
    description: "What shows the status (a statement in the DPA, a report section, ...).",
  })
  @Column({ type: "text", nullable: true })
  evidence: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "When the status was last verified." })
  @Column({ name: "verified_on", type: "date", nullable: true })
  verifiedOn: string | null;

  @Field(() => String, { nullable: true, description: "Source of the statement (document and clause)." })
  @Column({ type: "text", nullable: true })
  source: string | null;
}
