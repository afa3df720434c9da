import { Column, Entity, Index, Unique } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { DateTimeResolver, LocalDateResolver } from "graphql-scalars";
import { TenantRecord } from "../../common/base.entity";
import { Node } from "../../common/node";
import { EnumValue, graphqlEnum } from "../../common/enums";

export const ProcessorStatus = graphqlEnum("ProcessorStatus", "Where the controller stands with a processor.", [
  "ONBOARDING",
  "ACTIVE",
  "OFFBOARDING",
  "TERMINATED",
]);
export type ProcessorStatus = EnumValue<typeof ProcessorStatus>;

export const RegistrationScheme = graphqlEnum(
  "RegistrationScheme",
  "Which register a registration number belongs to (CVR = Danish Central Business Register).",
  ["CVR", "VAT", "COMPANY_NO", "OTHER"],
);
export type RegistrationScheme = EnumValue<typeof RegistrationScheme>;

export const BusinessCriticality = graphqlEnum(
  "BusinessCriticality",
  "How much the business depends on a vendor, as the controller judges it (what stops if the vendor stops). " +
    "Set by people; separate from the computed risk score, which measures data protection exposure.",
  {
    LOW: "Replaceable at short notice; little stops without it.",
    MEDIUM: "Supports a business process; a workaround exists.",
    HIGH: "A business process stops without it.",
    CRITICAL: "The business cannot run without it.",
  },
);
export type BusinessCriticality = EnumValue<typeof BusinessCriticality>;

@ObjectType({
  implements: Node,
  description:
    "A legal entity that processes personal data for the controller, directly (a vendor) or further down the " +
    "chain (a sub-processor).",
})
@Entity("processor")
@Unique("uq_processor_org_id", ["organizationId", "id"])
@Index("ix_processor_org_name", ["organizationId", "name", "id"])
@Index("ix_processor_org_renewal", ["organizationId", "renewalOn", "id"])
export class Processor extends TenantRecord {
  @Field({ description: "The name the controller knows the processor by." })
  @Column({ type: "varchar", length: 200 })
  name: string;

  @Field(() => String, { nullable: true, description: 'Registered legal name, e.g. "Capturi A/S".' })
  @Column({ name: "legal_name", type: "varchar", length: 300, nullable: true })
  legalName: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Registration number in the scheme given by registrationScheme.",
  })
  @Column({ name: "registration_number", type: "varchar", length: 50, nullable: true })
  registrationNumber: string | null;

  @Field(() => RegistrationScheme, { nullable: true, description: "Register the registration number belongs to." })
  @Column({
    name: "registration_scheme",
    type: "enum",
    enum: RegistrationScheme,
    enumName: "registration_scheme",
    nullable: true,
  })
  registrationScheme: RegistrationScheme | null;

  @Field(() => String, { nullable: true, description: "ISO 3166-1 alpha-2 country of the legal entity." })
  @Column({ name: "country_code", type: "char", length: 2, nullable: true })
  countryCode: string | null;

  @Field(() => String, { nullable: true, description: "Postal address of the legal entity." })
  @Column({ type: "text", nullable: true })
  address: string | null;

  @Field(() => String, { nullable: true, description: "Website." })
  @Column({ type: "varchar", length: 500, nullable: true })
  website: string | null;

  @Field(() => String, { nullable: true, description: "What the processor does with the data, in a sentence or two." })
  @Column({ name: "service_description", type: "text", nullable: true })
  serviceDescription: string | null;

  @Field(() => String, { nullable: true, description: "Privacy or DPA contact (email)." })
  @Column({ name: "contact_email", type: "varchar", length: 320, nullable: true })
  contactEmail: string | null;

  @Field({
    description:
      "True when the controller itself uses this processor (a vendor), whether or not a DPA is on file; false for " +
      "processors known only as sub-processors.",
  })
  @Column({ type: "boolean", default: false })
  direct: boolean;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description:
      "Date since which the processor is self-certified under the EU-US Data Privacy Framework (as checked on the " +
      "DPF list); null when not certified. Transfers to the US are adequate only for certified recipients.",
  })
  @Column({ name: "dpf_certified_since", type: "date", nullable: true })
  dpfCertifiedSince: string | null;

  @Field(() => ProcessorStatus, { description: "Lifecycle status of the relationship." })
  @Column({ type: "enum", enum: ProcessorStatus, enumName: "processor_status", default: ProcessorStatus.ACTIVE })
  status: ProcessorStatus;

  @Field(() => String, {
    nullable: true,
    description: "Where the facts about this processor come from (document and clause).",
  })
  @Column({ type: "text", nullable: true })
  source: string | null;

  // The vendor register's fields: what the controller keeps about a vendor beside the DPA.

  @Field(() => String, { nullable: true, description: "Who owns the vendor in the business (a person's name)." })
  @Column({ name: "business_owner_name", type: "varchar", length: 200, nullable: true })
  businessOwnerName: string | null;

  @Field(() => String, { nullable: true, description: "The business owner's email." })
  @Column({ name: "business_owner_email", type: "varchar", length: 320, nullable: true })
  businessOwnerEmail: string | null;

  @Field(() => BusinessCriticality, {
    nullable: true,
    description: "How critical the vendor is to the business (set by people; not the computed risk).",
  })
  @Column({
    name: "business_criticality",
    type: "enum",
    enum: BusinessCriticality,
    enumName: "business_criticality",
    nullable: true,
  })
  businessCriticality: BusinessCriticality | null;

  @Field(() => LocalDateResolver, { nullable: true, description: "Date the contract with the vendor started." })
  @Column({ name: "contract_start_on", type: "date", nullable: true })
  contractStartOn: string | null;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: "Date the contract renews (or ends) unless notice is given; the processor list sorts by it.",
  })
  @Column({ name: "renewal_on", type: "date", nullable: true })
  renewalOn: string | null;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: "Last day to give notice before the renewal (not after renewalOn).",
  })
  @Column({ name: "notice_on", type: "date", nullable: true })
  noticeOn: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The services the vendor provides to the business, e.g. "Payroll; time registration".',
  })
  @Column({ name: "services_provided", type: "text", nullable: true })
  servicesProvided: string | null;

  @Field(() => [String], {
    description: "Free tags for grouping and filtering (ProcessorFilter.tags), in the order given, no duplicates.",
  })
  // GIN index made by the migration (TypeORM cannot declare its method): `tags && ARRAY[...]` uses it.
  @Index("ix_processor_tags", { synchronize: false })
  @Column({ type: "text", array: true, default: () => "'{}'" })
  tags: string[];

  @Field(() => String, { nullable: true, description: "Free internal notes about the vendor." })
  @Column({ name: "internal_notes", type: "text", nullable: true })
  internalNotes: string | null;

  @Field(() => DateTimeResolver, {
    nullable: true,
    description: "Set when the record was archived; archived processors are hidden from lists by default.",
  })
  @Column({ name: "archived_at", type: "timestamptz", nullable: true })
  archivedAt: Date | null;
}
