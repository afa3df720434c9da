import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from "typeorm";
import { TenantRecord, TenantReferenceId } from "../../common/base.entity";
import { Processor } from "../processors/processor.entity";
import type { RiskFactor } from "./risk-engine";
import type { RiskModel, RiskTier } from "./risk-model";

/** An organization's own version of the risk model (same shape as the default dt-v1). */
@Entity("risk_model")
@Unique("uq_risk_model_version", ["organizationId", "modelVersion"])
export class RiskModelVersion extends TenantRecord {
  @Column({ name: "model_version", type: "varchar", length: 50 })
  modelVersion: string;

  @Column({ type: "jsonb" })
  definition: RiskModel;

  @Column({ type: "text", nullable: true })
  note: string | null;

  @Column({ name: "created_by_api_key_id", type: "uuid", nullable: true })
  createdByApiKeyId: string | null;
}

/** A stored assessment. One is written whenever a recompute changes a processor's result. */
@Entity("risk_assessment")
@Index("ix_risk_assessment_processor", ["organizationId", "processorId", "computedAt"])
@Index("uq_risk_assessment_current", ["organizationId", "processorId"], { unique: true, where: "is_current" })
// The dashboard's ranking: (organization_id, score DESC, processor_id DESC) WHERE is_current, made by its
// migration (TypeORM cannot say DESC per column, so it leaves this index alone).
@Index("ix_risk_assessment_rank", { synchronize: false })
export class RiskAssessmentRecord {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "organization_id", type: "uuid" })
  organizationId: string;

  @TenantReferenceId(() => Processor, "processor_id", { onDelete: "CASCADE" })
  processorId: string;

  @Column({ name: "model_version", type: "varchar", length: 50 })
  modelVersion: string;

  @Column({ type: "double precision" })
  score: number;

  @Column({ name: "own_score", type: "double precision" })
  ownScore: number;

  @Column({ type: "varchar", length: 10 })
  tier: RiskTier;

  @Column({ name: "inherent_points", type: "int" })
  inherentPoints: number;

  @Column({ name: "minimum_concept", type: "int" })
  minimumConcept: number;

  /** Packed factors (see packFactor in risk.service.ts). */
  @Column({ type: "jsonb" })
  factors: RiskFactor[];

  /**
   * Not a column: the factors were read without input, explanation and evidence (the dashboard's ranked page,
   * processor.service); RiskAssessment.factors reads them whole when a query asks for those.
   */
  lightFactors?: boolean;

  /**
   * SHA-256 of the result (model version, score, tier, factors) as canonical JSON: compared to skip unchanged results.
   */
  @Column({ type: "char", length: 64 })
  fingerprint: string;

  @CreateDateColumn({ name: "computed_at", type: "timestamptz" })
  computedAt: Date;

  /**
   * The tier the facts' floors allow at least (NONE: no floor applies; null: stored before it was kept):
   * with it, a new own score below is propagated into this assessment without gathering its facts again.
   */
  @Column({ name: "floor_tier", type: "varchar", length: 10, nullable: true })
  floorTier: string | null;

  /**
   * The propagation factor's source and the own score it propagated, as columns (narrow: they are kept;
   * false for rows stored before), so the processors above a moved score are judged without their factors.
   */
  @Column({ name: "propagated_from", type: "uuid", nullable: true })
  propagatedFrom: string | null;

  @Column({ name: "propagated_own_score", type: "double precision", nullable: true })
  propagatedOwnScore: number | null;

  @Column({ type: "boolean", default: false })
  narrow: boolean;

  /** The processor's latest assessment (one per processor): what a dashboard sorts and shows. */
  @Column({ name: "is_current", type: "boolean", default: false })
  isCurrent: boolean;
}

/** Whether an organization's stored scores still match its data and today's date. */
@Entity("risk_freshness")
export class RiskFreshness {
  @PrimaryColumn({ name: "organization_id", type: "uuid" })
  organizationId: string;

  @Column({ type: "boolean", default: true })
  stale: boolean;

  @Column({ name: "computed_on", type: "date", nullable: true })
  computedOn: string | null;

  @Column({ name: "model_version", type: "varchar", length: 50, nullable: true })
  modelVersion: string | null;
}
