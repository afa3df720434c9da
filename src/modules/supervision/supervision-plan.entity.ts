import { Column, Unique } from "typeorm";
import { TenantEntity, TenantRecord, TenantReferenceId } from "../../common/base.entity";
import { Processor } from "../processors/processor.entity";
import { SupervisionMethod } from "../agreements/agreement.enums";

/**
 * What the controller decided about supervising one processor. What the agreement requires is read
 * from the agreement live, so the plan follows a new agreement without being edited.
 */
@TenantEntity("supervision_plan")
@Unique("uq_supervision_plan_processor", ["organizationId", "processorId"])
export class SupervisionChoice extends TenantRecord {
  @TenantReferenceId(() => Processor, "processor_id", { oneToOne: true })
  processorId: string;

  @Column({
    name: "chosen_method",
    type: "enum",
    enum: SupervisionMethod,
    enumName: "supervision_method",
    nullable: true,
  })
  chosenMethod: SupervisionMethod | null;

  @Column({ type: "text", nullable: true })
  rationale: string | null;

  /** A shorter interval than the agreement's, chosen by the controller. */
  @Column({ name: "interval_months", type: "int", nullable: true })
  intervalMonths: number | null;

  @Column({ type: "varchar", length: 200, nullable: true })
  owner: string | null;
}
