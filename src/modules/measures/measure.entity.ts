import { Column, Entity, Index, JoinColumn, ManyToOne } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { BaseRecord } from "../../common/base.entity";
import { Node } from "../../common/node";
import { EnumValue, graphqlEnum } from "../../common/enums";
import { NullableText } from "../../common/columns";

export const MeasureKind = graphqlEnum("MeasureKind", "Kind of security measure.", [
  "TECHNICAL",
  "ORGANISATIONAL",
  "PHYSICAL",
]);
export type MeasureKind = EnumValue<typeof MeasureKind>;

@ObjectType({ implements: Node, description: "A technical or organisational measure (TOM) in the art. 32 catalogue." })
@Entity("measure")
@Index("uq_measure_global_key", ["key"], { unique: true, where: `"organization_id" IS NULL` })
@Index("uq_measure_org_key", ["organizationId", "key"], { unique: true, where: `"organization_id" IS NOT NULL` })
export class Measure extends BaseRecord {
  @Column({ name: "organization_id", type: "uuid", nullable: true })
  organizationId: string | null;

  @ManyToOne("Organization", { onDelete: "CASCADE" })
  @JoinColumn({ name: "organization_id" })
  organizationRecord?: unknown;

  @Field({ description: "Stable key, e.g. encryption.in_transit." })
  @Column({ type: "varchar", length: 200 })
  key: string;

  @Field({ description: "Title." })
  @Column({ type: "varchar", length: 300 })
  title: string;

  @NullableText("description", "What the measure requires.")
  description: string | null;

  @Field(() => MeasureKind, { description: "Technical, organisational or physical." })
  @Column({ type: "enum", enum: MeasureKind, enumName: "measure_kind" })
  kind: MeasureKind;

  @Field(() => [String], {
    description:
      "GDPR art. 32(1) points the measure serves: a (pseudonymisation, encryption), b (CIA and resilience), c " +
      "(restore), d (testing).",
  })
  @Column({ name: "art32_points", type: "varchar", length: 1, array: true, default: () => "'{}'" })
  art32Points: string[];

  @Field(() => [String], { description: "ISO/IEC 27001:2022 Annex A controls, e.g. A.8.24." })
  @Column({ name: "iso27001_refs", type: "varchar", length: 10, array: true, default: () => "'{}'" })
  iso27001Refs: string[];
}
