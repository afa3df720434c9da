import { Field, ID, Int, ObjectType, InputType } from "type-graphql";
import { graphqlEnum } from "../../common/enums";
import { LocalDateScalar } from "../../common/scalars";
import { Processor } from "../processors/processor.entity";
import { SubprocessorEngagement } from "../subprocessors/engagement.entity";
import type { AdequacyDecision as AdequacyDecisionData, HopDestination, HopFinding } from "../transfers/transfer-rules";
import type { Exposure, ExposureHop } from "./exposure";
import { IsCountryCode } from "../../common/validation";

export const CountryClass = graphqlEnum(
  "CountryClass",
  "Where data goes, for chapter V GDPR: inside the EEA, a country with an adequacy decision covering the " +
    "recipient, or another third country.",
  ["EEA", "ADEQUATE", "THIRD_COUNTRY"],
);

export const TransferFindingKind = graphqlEnum(
  "TransferFindingKind",
  "NO_VALID_MECHANISM: a third-country hop without SCC, BCR, a derogation or DPF for a certified recipient. " +
    "DPF_RECIPIENT_NOT_CERTIFIED: DPF relied on for a recipient not certified. PROHIBITED_BY_AGREEMENT: the " +
    "governing agreement prohibits third-country transfers (a breach of the DPA). LOCATION_NOT_STATED: the hop " +
    "names no processing country.",
  ["NO_VALID_MECHANISM", "DPF_RECIPIENT_NOT_CERTIFIED", "PROHIBITED_BY_AGREEMENT", "LOCATION_NOT_STATED"],
);

export const AdequacyScope = graphqlEnum(
  "AdequacyScope",
  "Which recipients in the jurisdiction an adequacy decision covers.",
  ["FULL", "DPF_CERTIFIED_ONLY", "SELF_CERTIFIED_ONLY", "COMMERCIAL_ONLY", "PRIVATE_SECTOR"],
);

@ObjectType({ description: "A Commission adequacy decision (art. 45 GDPR), from tilsyn's dated reference data." })
export class AdequacyDecision {
  @Field({ description: 'Stable key in the reference data, e.g. "uk-2025".' })
  id: string;

  @Field({ description: "ISO 3166-1 alpha-2 code of the jurisdiction." })
  jurisdiction: string;

  @Field({ description: "Name of the jurisdiction." })
  name: string;

  @Field(() => AdequacyScope, { description: "Which recipients it covers." })
  scope: string;

  @Field(() => LocalDateScalar, { description: "First day in force." })
  validFrom: string;

  @Field(() => LocalDateScalar, { nullable: true, description: "Last day in force; null while in force." })
  validTo: string | null;

  @Field({ description: "The decision's reference." })
  reference: string;

  @Field(() => String, {
    nullable: true,
    description:
      "The US self-certification framework the decision relies on (Safe Harbour, Privacy Shield, Data Privacy " +
      "Framework); null otherwise.",
  })
  framework: string | null;

  @Field({ description: "What the scope means in practice." })
  scopeNote: string;

  @Field(() => String, { nullable: true, description: "Further remarks (reviews, court cases, unverified facts)." })
  note: string | null;

  static from(d: AdequacyDecisionData): AdequacyDecision {
    return Object.assign(new AdequacyDecision(), d);
  }
}

@ObjectType({
  description: "One processor below the root of a sub-processor tree, and the engagement that reached it.",
})
export class SubprocessorTreeNode {
  @Field(() => Int, { description: "Levels below the root (1 = a direct sub-processor of the root)." })
  depth: number;

  @Field(() => [ID], { description: "Global ids of the processors from the root down to this node." })
  path: string[];

  @Field({
    description:
      "True when this processor already appears higher on the same path: the chain loops here and is not followed " +
      "further.",
  })
  cycle: boolean;

  @Field(() => Processor, { description: "The processor at this node." })
  processor: Processor;

  @Field(() => SubprocessorEngagement, {
    description: "The engagement (edge) through which the parent engages this processor.",
  })
  engagement: SubprocessorEngagement;
}

@ObjectType({
  description: "A chain of engagements from one of the controller's direct processors down to a processor.",
})
export class ProcessorChain {
  processorIds: string[];
  engagementIds: string[];

  @Field(() => Int, { description: "Number of engagements (hops) in the chain." })
  length: number;
}

@ObjectType({ description: "One processing country of a hop and how chapter V GDPR treats it." })
export class TransferDestination {
  @Field(() => String, {
    nullable: true,
    description: "ISO 3166-1 alpha-2 code; null when the hop states no country but relies on a transfer tool.",
  })
  country: string | null;

  @Field(() => CountryClass, { description: "EEA, ADEQUATE or THIRD_COUNTRY on the date assessed." })
  countryClass: string;

  @Field(() => AdequacyDecision, { nullable: true, description: "The adequacy decision relied on, if any." })
  adequacyDecision: AdequacyDecision | null;

  @Field({ description: "Why the country got its class." })
  explanation: string;

  static from(d: HopDestination): TransferDestination {
    return Object.assign(new TransferDestination(), {
      country: d.country,
      countryClass: d.countryClass,
      adequacyDecision: d.adequacy ? AdequacyDecision.from(d.adequacy) : null,
      explanation: d.explanation,
    });
  }
}

@ObjectType({ description: "A transfer problem found on a hop, with the chain that leads to it." })
export class TransferFinding {
  hop: ExposureHop;

  @Field(() => TransferFindingKind, { description: "What is wrong." })
  kind: string;

  @Field(() => String, { nullable: true, description: "The country concerned, if one is stated." })
  country: string | null;

  @Field({ description: "What is wrong, in a sentence." })
  message: string;

  static from(hop: ExposureHop, f: HopFinding): TransferFinding {
    return Object.assign(new TransferFinding(), { hop, kind: f.kind, country: f.country, message: f.message });
  }
}

@ObjectType({
  description:
    "One hop of a processor's chain: the processor's own processing (depth 0) or an engagement of a sub-processor.",
})
export class TransferHop {
  hop: ExposureHop;

  @Field(() => Int, {
    description: "0 for the processor's own processing, 1 for its direct sub-processors, and so on.",
  })
  depth: number;

  @Field(() => [TransferDestination], { description: "Each processing country of the hop, classified." })
  destinations: TransferDestination[];

  @Field(() => CountryClass, {
    nullable: true,
    description: "The worst class among the destinations; null when no location is known.",
  })
  worstClass: string | null;

  @Field(() => [TransferFinding], { description: "Problems on this hop." })
  findings: TransferFinding[];

  static from(hop: ExposureHop): TransferHop {
    return Object.assign(new TransferHop(), {
      hop,
      depth: hop.depth,
      destinations: hop.assessment.destinations.map(TransferDestination.from),
      worstClass: hop.assessment.worstClass,
      findings: hop.assessment.findings.map((f) => TransferFinding.from(hop, f)),
    });
  }
}

@ObjectType({ description: "Transfer exposure of a processor and everything below it." })
export class TransferExposure {
  processorId: string;

  @Field(() => LocalDateScalar, { description: "The date the chain and the rules were evaluated for." })
  asOf: string;

  @Field(() => [String], { description: "Every processing country reached, sorted." })
  countries: string[];

  @Field(() => CountryClass, { nullable: true, description: "The worst class reached anywhere in the chain." })
  worstClass: string | null;

  @Field(() => Int, { description: "Hops with at least one non-EEA, non-adequate destination." })
  thirdCountryHops: number;

  @Field(() => Int, { description: "Findings of kind NO_VALID_MECHANISM or DPF_RECIPIENT_NOT_CERTIFIED." })
  hopsWithoutMechanism: number;

  @Field(() => Int, { description: "Findings of kind PROHIBITED_BY_AGREEMENT: breaches of a DPA." })
  agreementBreaches: number;

  @Field(() => [TransferHop], { description: "Every hop, breadth first, each reached by its shortest chain." })
  hops: TransferHop[];

  @Field(() => [TransferFinding], { description: "Every finding, with its chain." })
  findings: TransferFinding[];

  static from(processorId: string, asOf: string, e: Exposure): TransferExposure {
    const hops = e.hops.map(TransferHop.from);
    const findings = hops.flatMap((h) => h.findings);
    return Object.assign(new TransferExposure(), {
      processorId,
      asOf,
      countries: e.countries,
      worstClass: e.worstClass,
      thirdCountryHops: e.hops.filter((h) => h.assessment.worstClass === "THIRD_COUNTRY").length,
      hopsWithoutMechanism: findings.filter(
        (f) => f.kind === "NO_VALID_MECHANISM" || f.kind === "DPF_RECIPIENT_NOT_CERTIFIED",
      ).length,
      agreementBreaches: findings.filter((f) => f.kind === "PROHIBITED_BY_AGREEMENT").length,
      hops,
      findings,
    });
  }
}

@ObjectType({
  description: "A sub-processor shared by several of the controller's direct processors (fourth-party concentration).",
})
export class SubprocessorConcentration {
  subprocessorId: string;
  directProcessorIds: string[];

  @Field(() => Int, { description: "How many direct processors reach it anywhere in their chains." })
  directProcessorCount: number;
}

@ObjectType({ description: "The EEA and adequacy reference data in force on a date." })
export class TransferRules {
  @Field({ description: "Version of the reference data." })
  version: string;

  @Field(() => LocalDateScalar, { description: "The date the lists are for." })
  asOf: string;

  @Field(() => [String], {
    description: "ISO codes inside the EEA on that date (EU member states with their own codes, IS, LI, NO).",
  })
  eeaCountries: string[];

  @Field(() => [AdequacyDecision], { description: "Adequacy decisions in force on that date." })
  adequacyDecisions: AdequacyDecision[];

  @Field(() => [String], { description: "Where the data come from." })
  sources: string[];
}

@InputType({ description: "Which direct processors to list by transfer exposure. All conditions must hold." })
export class TransferExposureFilter {
  @Field(() => String, {
    nullable: true,
    description: "Only processors whose chain reaches this ISO 3166-1 alpha-2 country (in capitals).",
  })
  @IsCountryCode()
  country?: string | null;

  @Field(() => CountryClass, {
    nullable: true,
    description: "Only processors whose chain reaches a destination of this class.",
  })
  countryClass?: keyof typeof CountryClass | null;

  @Field(() => Boolean, { nullable: true, description: "Only processors with at least one transfer finding." })
  withFindingsOnly?: boolean | null;
}
