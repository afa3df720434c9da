import { Column, Index } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { TenantEntity, TenantRecord } from "../../common/base.entity";
import { Node } from "../../common/node";
import { EnumValue, graphqlEnum } from "../../common/enums";
import { NullableDate, NullableEnum, NullableText, NullableTimestamp, NullableVarchar } from "../../common/columns";

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
@TenantEntity("processor")
@Index("ix_processor_org_name", ["organizationId", "name", "id"])
@Index("ix_processor_org_renewal", ["organizationId", "renewalOn", "id"])
@Index("ix_processor_registration_key", ["organizationId", "registrationKey"], {
  where: "archived_at IS NULL AND registration_key IS NOT NULL",
})
export class Processor extends TenantRecord {
  @Field({ description: "The name the controller knows the processor by." })
  @Column({ type: "varchar", length: 200 })
  name: string;

  @NullableVarchar("legal_name", 300, 'Registered legal name, e.g. "Capturi A/S".')
  legalName: string | null;

  @NullableVarchar("registration_number", 50, "Registration number in the scheme given by registrationScheme.")
  registrationNumber: string | null;

  /**
   * The registration number in the form two numbers are compared (processor.rules registrationKey: "DK 12 34 56 78"
   * is 12345678), set with the number: a company is looked up by it with one index read.
   */
  @Column({ name: "registration_key", type: "varchar", length: 50, nullable: true })
  registrationKey: string | null;

  @NullableEnum("registration_scheme", RegistrationScheme, "Register the registration number belongs to.")
  registrationScheme: RegistrationScheme | null;

  @Field(() => String, { nullable: true, description: "ISO 3166-1 alpha-2 country of the legal entity." })
  @Column({ name: "country_code", type: "char", length: 2, nullable: true })
  countryCode: string | null;

  @NullableText("address", "Postal address of the legal entity.")
  address: string | null;

  @NullableVarchar("website", 500, "Website.")
  website: string | null;

  @NullableText("service_description", "What the processor does with the data, in a sentence or two.")
  serviceDescription: string | null;

  @NullableVarchar("contact_email", 320, "Privacy or DPA contact (email).")
  contactEmail: string | null;

  @Field({
    description:
      "True when the controller itself uses this processor (a vendor), whether or not a DPA is on file; false for " +
      "processors known only as sub-processors.",
  })
  @Column({ type: "boolean", default: false })
  direct: boolean;

  @NullableDate(
    "dpf_certified_since",
    "Date since which the processor is self-certified under the EU-US Data Privacy Framework (as checked on the " +
      "DPF list); null when not certified. Transfers to the US are adequate only for certified recipients.",
  )
  dpfCertifiedSince: string | null;

  @Field(() => ProcessorStatus, { description: "Lifecycle status of the relationship." })
  @Column({ type: "enum", enum: ProcessorStatus, enumName: "processor_status", default: ProcessorStatus.ACTIVE })
  status: ProcessorStatus;

  @NullableText("source", "Where the facts about this processor come from (document and clause).")
  source: string | null;

  // The vendor register's fields: what the controller keeps about a vendor beside the DPA.

  @NullableVarchar("business_owner_name", 200, "Who owns the vendor in the business (a person's name).")
  businessOwnerName: string | null;

  @NullableVarchar("business_owner_email", 320, "The business owner's email.")
  businessOwnerEmail: string | null;

  @NullableEnum(
    "business_criticality",
    BusinessCriticality,
    "How critical the vendor is to the business (set by people; not the computed risk).",
  )
  businessCriticality: BusinessCriticality | null;

  @NullableDate("contract_start_on", "Date the contract with the vendor started.")
  contractStartOn: string | null;

  @NullableDate(
    "renewal_on",
    "Date the contract renews (or ends) unless notice is given; the processor list sorts by it.",
  )
  renewalOn: string | null;

  @NullableDate("notice_on", "Last day to give notice before the renewal (not after renewalOn).")
  noticeOn: string | null;

  @NullableText(
    "services_provided",
    'The services the vendor provides to the business, e.g. "Payroll; time registration".',
  )
  servicesProvided: string | null;

  @Field(() => [String], {
    description: "Free tags for grouping and filtering (ProcessorFilter.tags), in the order given, no duplicates.",
  })
  // GIN index made by the migration (TypeORM cannot declare its method): `tags && ARRAY[...]` uses it.
  @Index("ix_processor_tags", { synchronize: false })
  @Column({ type: "text", array: true, default: () => "'{}'" })
  tags: string[];

  @NullableText("internal_notes", "Free internal notes about the vendor.")
  internalNotes: string | null;

  @NullableTimestamp(
    "archived_at",
    "Set when the record was archived; archived processors are hidden from lists by default.",
  )
  archivedAt: Date | null;
}
