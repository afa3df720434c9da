import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { LocalDateScalar } from "../../common/scalars";
import { Sensitivity } from "../taxonomy/taxonomy.entity";
import { DpiaStatus, LegalBasis, SpecialCategoryCondition } from "./activity.entity";
import { EnumValue, graphqlEnum } from "../../common/enums";
import { MaxLen } from "../../common/validation";
import type { Lang } from "../../common/i18n";

export const RecipientRole = graphqlEnum(
  "RecipientRole",
  "A processor the activity uses, or a sub-processor anywhere below one.",
  ["PROCESSOR", "SUB_PROCESSOR"],
);
export type RecipientRole = EnumValue<typeof RecipientRole>;

@ObjectType({ description: "Art. 30(1)(a): the controller, its DPO and representative." })
export class ControllerHeader {
  @Field() name: string;
  @Field(() => String, { nullable: true }) registrationNumber: string | null;
  @Field(() => String, { nullable: true }) address: string | null;
  @Field(() => String, { nullable: true }) countryCode: string | null;
  @Field(() => String, { nullable: true }) dpoName: string | null;
  @Field(() => String, { nullable: true }) dpoEmail: string | null;
  @Field(() => String, { nullable: true }) representative: string | null;
}

@ObjectType({ description: "A category of personal data in the record, with its own erasure limit where it differs." })
export class RecordDataCategory {
  @Field() key: string;
  @Field() name: string;
  @Field(() => Sensitivity) sensitivity: Sensitivity;
  @Field(() => String, {
    nullable: true,
    description: "Art. 30(1)(f) for this category; null = the activity's retention.",
  })
  retention: string | null;
}

@ObjectType({ description: "A category of data subjects in the record." })
export class RecordDataSubjectCategory {
  @Field() key: string;
  @Field() name: string;
  @Field() vulnerable: boolean;
}

/** A recipient's vendor register facts, as the recipient-level export shows them. */
export interface RecipientRegister {
  businessOwnerName: string | null;
  businessOwnerEmail: string | null;
  businessCriticality: string | null;
  renewalOn: string | null;
  tags: string[];
}

@ObjectType({
  description:
    "Art. 30(1)(d): a recipient derived from the processors the activity uses and their sub-processor trees.",
})
export class RecordRecipient {
  processorId: string;
  /** The vendor register's facts of the recipient (exports only; GraphQL reads them on RecordRecipient.processor). */
  register?: RecipientRegister;
  @Field() name: string;
  @Field(() => String, { nullable: true }) registrationNumber: string | null;
  @Field(() => RecipientRole) role: RecipientRole;
  @Field(() => String, { nullable: true, description: "Country of the legal entity." }) countryCode: string | null;
  @Field(() => [String], {
    description:
      "Where it processes: the agreement's locations for a processor, the engagement's countries for a sub-processor.",
  })
  processingCountries: string[];
  @Field(() => String, { nullable: true, description: "The processor that engages it (sub-processors)." }) engagedBy:
    string | null;
  @Field(() => Int, { description: "0 for a processor the activity uses, 1 for its sub-processors, and so on." })
  depth: number;
  @Field(() => String, { nullable: true, description: "The agreement it processes under (title)." }) agreement:
    string | null;
}

@ObjectType({
  description: "Art. 30(1)(e): a transfer to a third country, with the safeguard relied on and its evidence.",
})
export class RecordTransfer {
  engagementId: string | null;
  agreementId: string | null;
  /** The recipient's processor id (the export's recipient rows list each transfer on its recipient's row). */
  recipientId: string;
  @Field({ description: "The recipient." }) recipient: string;
  @Field(() => String, {
    nullable: true,
    description: "ISO 3166-1 alpha-2; null when the agreement states no country.",
  })
  country: string | null;
  @Field({ description: "THIRD_COUNTRY or ADEQUATE." }) countryClass: string;
  @Field(() => String, { nullable: true, description: "The mechanism (SCC, BCR, DPF, DEROGATION, adequacy decision)." })
  mechanism: string | null;
  @Field(() => [String], { description: "The chain from the processor the activity uses to the recipient." })
  path: string[];
  /** The path's length (its hop's depth + 1): the export builds a path only where it shows one. */
  pathLength: number;
  @Field(() => [String], {
    description: "Transfer findings on this hop (e.g. NO_VALID_MECHANISM, LOCATION_NOT_STATED).",
  })
  findings: string[];
}

@ObjectType({
  description: "Art. 30(1)(g): the controller's TOM description and what the processors have implemented.",
})
export class RecordMeasures {
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => [String], {
    description:
      'Per processor: implemented measures of those its agreement requires, e.g. "Capturi: 12 of 17 implemented".',
  })
  processorSummaries: string[];
  /** The same sentences per language (exports with lang=da). */
  processorSummariesByLang?: Record<Lang, string[]>;
}

@ObjectType({
  description: "One processing activity as art. 30(1) wants it, with what is derived and what is missing.",
})
export class ProcessingRecord {
  activityId: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) purposes: string | null;
  @Field(() => LegalBasis, { nullable: true }) legalBasis: LegalBasis | null;
  @Field(() => SpecialCategoryCondition, { nullable: true }) specialCategoryCondition: SpecialCategoryCondition | null;
  @Field(() => String, { nullable: true }) criminalDataBasis: string | null;
  @Field(() => String, { nullable: true }) legitimateInterests: string | null;
  @Field(() => [RecordDataSubjectCategory]) dataSubjectCategories: RecordDataSubjectCategory[];
  @Field(() => [RecordDataCategory]) dataCategories: RecordDataCategory[];
  @Field(() => [RecordRecipient], { description: "Processors used and every sub-processor in their trees." })
  recipients: RecordRecipient[];
  @Field(() => [String]) otherRecipients: string[];
  @Field(() => [RecordTransfer]) transfers: RecordTransfer[];
  @Field(() => String, { nullable: true }) retention: string | null;
  @Field(() => String, { nullable: true }) dataSource: string | null;
  @Field(() => DpiaStatus, { nullable: true }) dpiaStatus: DpiaStatus | null;
  @Field(() => String, { nullable: true }) dpiaLink: string | null;
  @Field(() => Boolean, { nullable: true }) automatedDecisionMaking: boolean | null;
  @Field(() => RecordMeasures) measures: RecordMeasures;
  @Field(() => String, { nullable: true }) jointController: string | null;
  @Field(() => [String], {
    description:
      "Art. 30(1) elements missing or empty, as codes: PURPOSES, LEGAL_BASIS, DATA_SUBJECTS, DATA_CATEGORIES, " +
      "RECIPIENTS, RETENTION, TOMS, ART9_CONDITION, ART10_BASIS, PROCESSOR_WITHOUT_AGREEMENT, " +
      "TRANSFER_WITHOUT_MECHANISM.",
  })
  missing: string[];
  @Field(() => [String], { description: "The same, in sentences naming what to fix." }) missingDetails: string[];
  /** The same sentences per language (exports with lang=da). */
  missingDetailsByLang?: Record<Lang, string[]>;
}

@ObjectType({ description: "The controller's record of processing activities (art. 30(1)), on a date." })
export class RecordsOfProcessing {
  @Field(() => LocalDateScalar, { description: "The date the record stands for." }) asOf: string;
  @Field(() => ControllerHeader) controller: ControllerHeader;
  @Field(() => [ProcessingRecord]) records: ProcessingRecord[];
}

@InputType({ description: "Which activities to include. All conditions must hold." })
export class RecordFilter {
  @Field(() => [ID], { nullable: true, description: "Only these activities." }) activityIds?: string[] | null;
  @Field(() => ID, { nullable: true, description: "Only activities whose recipients include this processor." })
  processorId?: string | null;
  @Field(() => LegalBasis, { nullable: true, description: "Only this art. 6 basis." }) legalBasis?: LegalBasis | null;
  @Field(() => Boolean, { nullable: true, description: "Only records with missing elements." }) incompleteOnly?:
    boolean | null;
  @Field(() => String, { nullable: true, description: "Name contains (case-insensitive; at most 200 characters)." })
  @MaxLen(200)
  search?: string | null;
}
