import { Column, Entity, JoinColumn, ManyToOne, Unique } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { TenantRecord, TenantReferenceId } from "../../common/base.entity";
import { Node } from "../../common/node";
import { Processor } from "../processors/processor.entity";
import { Measure } from "./measure.entity";
import { EnumValue, graphqlEnum } from "../../common/enums";
import { NullableDate, NullableText } from "../../common/columns";

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

  @NullableText("evidence", "What shows the status (a statement in the DPA, a report section, ...).")
  evidence: string | null;

  @NullableDate("verified_on", "When the status was last verified.")
  verifiedOn: string | null;

  @NullableText("source", "Source of the statement (document and clause).")
  source: string | null;
}
