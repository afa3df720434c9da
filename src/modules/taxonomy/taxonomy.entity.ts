import { Column, Entity, Index, JoinColumn, ManyToOne } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { BaseRecord } from "../../common/base.entity";
import { Node } from "../../common/node";
import { EnumValue, graphqlEnum } from "../../common/enums";
import { NullableText } from "../../common/columns";

export const Sensitivity = graphqlEnum("Sensitivity", "Legal tier of a data category, from least to most protected.", {
  ORDINARY: "Ordinary personal data (almindelige oplysninger).",
  CONFIDENTIAL: "Confidential data in Danish practice (fortrolige): finances, social matters.",
  NATIONAL_ID: "National identification number (CPR), Danish Data Protection Act §11.",
  CRIMINAL: "Criminal convictions and offences, GDPR art. 10.",
  SPECIAL: "Special categories, GDPR art. 9(1): health, biometric, genetic, beliefs, ...",
});
export type Sensitivity = EnumValue<typeof Sensitivity>;

/** Order of sensitivity tiers, least to most protected. */
export const SENSITIVITY_ORDER: Sensitivity[] = [
  Sensitivity.ORDINARY,
  Sensitivity.CONFIDENTIAL,
  Sensitivity.NATIONAL_ID,
  Sensitivity.CRIMINAL,
  Sensitivity.SPECIAL,
];

// Vocabulary rows: organization_id NULL = the shipped default vocabulary, visible to every tenant;
// otherwise an organization's own extension.
@ObjectType({
  implements: Node,
  description: "A category of personal data in a hierarchical vocabulary (dotted keys, after fideslang).",
})
@Entity("data_category")
@Index("uq_data_category_global_key", ["key"], { unique: true, where: `"organization_id" IS NULL` })
@Index("uq_data_category_org_key", ["organizationId", "key"], { unique: true, where: `"organization_id" IS NOT NULL` })
export class DataCategory extends BaseRecord {
  @Column({ name: "organization_id", type: "uuid", nullable: true })
  organizationId: string | null;

  @ManyToOne("Organization", { onDelete: "CASCADE" })
  @JoinColumn({ name: "organization_id" })
  organizationRecord?: unknown;

  @Field({ description: "Dotted key, e.g. user.contact.email; the parent is the key without its last segment." })
  @Column({ type: "varchar", length: 200 })
  key: string;

  @Field({ description: "Display name." })
  @Column({ type: "varchar", length: 200 })
  name: string;

  @NullableText("description", "What the category covers.")
  description: string | null;

  @Field(() => Sensitivity, { description: "Legal sensitivity tier." })
  @Column({ type: "enum", enum: Sensitivity, enumName: "sensitivity" })
  sensitivity: Sensitivity;
}

@ObjectType({ implements: Node, description: "A category of data subjects (employees, customers, children, ...)." })
@Entity("data_subject_category")
@Index("uq_data_subject_category_global_key", ["key"], { unique: true, where: `"organization_id" IS NULL` })
@Index("uq_data_subject_category_org_key", ["organizationId", "key"], {
  unique: true,
  where: `"organization_id" IS NOT NULL`,
})
export class DataSubjectCategory extends BaseRecord {
  @Column({ name: "organization_id", type: "uuid", nullable: true })
  organizationId: string | null;

  @ManyToOne("Organization", { onDelete: "CASCADE" })
  @JoinColumn({ name: "organization_id" })
  organizationRecord?: unknown;

  @Field({ description: "Key, e.g. employee or citizen.child." })
  @Column({ type: "varchar", length: 200 })
  key: string;

  @Field({ description: "Display name." })
  @Column({ type: "varchar", length: 200 })
  name: string;

  @NullableText("description", "Who the category covers.")
  description: string | null;

  @Field({
    description: "Vulnerable data subjects (children, patients, recipients of social services) raise the risk.",
  })
  @Column({ type: "boolean", default: false })
  vulnerable: boolean;
}
