import { Field, Float, Int, ObjectType } from "type-graphql";
import { JSONResolver } from "graphql-scalars";
import { UserError } from "../../common/errors";
import { Payload } from "../../common/mutation";
import { Agreement } from "../agreements/agreement.entity";
import { Processor } from "../processors/processor.entity";
import { SubprocessorEngagement } from "../subprocessors/engagement.entity";
import { AgreementImport } from "./agreement-import.entity";
import { EnumValue, graphqlEnum } from "../../common/enums";

@ObjectType({ description: "Where a value was read: the clause or annex and the exact text." })
export class DraftCitation {
  @Field({ description: "As the document numbers it: §10.2, Bilag C.7, Annex B.1, preamble …" }) reference: string;
  @Field({ description: "The exact text span." }) quote: string;
  @Field(() => Int, { description: "Offset of the span in the document's text." }) start: number;
  @Field(() => Int, { description: "End offset (exclusive)." }) end: number;
}

export const ReadingKind = graphqlEnum(
  "ReadingKind",
  "VALUE: the document states a value here. PLACEHOLDER: the document leaves the field unfilled here ([●], " +
    "[Navn], [24], ${…}, an empty label); the value is null.",
  ["VALUE", "PLACEHOLDER"],
);
export type ReadingKind = EnumValue<typeof ReadingKind>;

@ObjectType({ description: "One of several things the document says about a field." })
export class DraftReading {
  @Field(() => JSONResolver, { nullable: true }) value: unknown;
  @Field(() => [DraftCitation]) citations: DraftCitation[];
  @Field(() => ReadingKind, { description: "A value, or a placeholder the document leaves unfilled." })
  kind: ReadingKind;
}

@ObjectType({ description: "One reviewable value of an imported draft." })
export class DraftField {
  @Field({
    description:
      "Path of the field, e.g. clauses.breachNotificationHours or parties.PROCESSOR.name; corrections name it.",
  })
  path: string;
  @Field(() => JSONResolver, {
    nullable: true,
    description: "The value a confirmation writes: the correction if there is one, else what was read.",
  })
  value: unknown;
  @Field(() => JSONResolver, { nullable: true, description: "What the document yielded; null when nothing was found." })
  extracted: unknown;
  @Field({ description: "Whether a reviewer set the value." }) corrected: boolean;
  @Field(() => Float, {
    nullable: true,
    description: "0–1: 0.95 the template's own sentence, lower for looser matches; null for values not read from text.",
  })
  confidence: number | null;
  @Field(() => [DraftCitation], { description: "Where it was read." }) citations: DraftCitation[];
  @Field(() => [DraftReading], {
    description: "When the document contradicts itself: every reading; the value is the stricter one.",
  })
  readings: DraftReading[];
  @Field(() => String, { nullable: true, description: "Why the value was chosen, when there is a reason to give." })
  note: string | null;
}

export const AgreementImportPayload = Payload(AgreementImport, "agreementImport", "Result of an import mutation.");

@ObjectType({ description: "What a confirmation wrote." })
export class ConfirmAgreementImportPayload {
  @Field(() => AgreementImport, { nullable: true }) agreementImport?: AgreementImport | null;
  @Field(() => Agreement, {
    nullable: true,
    description: "The new agreement (ACTIVE; the one it supersedes is SUPERSEDED).",
  })
  agreement?: Agreement | null;
  @Field(() => Processor, { nullable: true, description: "The processor the agreement is with." })
  processor?: Processor | null;
  @Field(() => [Processor], {
    nullable: true,
    description: "Processors created because none matched by registration number or name.",
  })
  createdProcessors?: Processor[];
  @Field(() => [SubprocessorEngagement], { nullable: true, description: "The engagements written from annex B." })
  engagements?: SubprocessorEngagement[];
  @Field(() => [String], { nullable: true, description: "What was not written, and why." }) notes?: string[];
  @Field(() => [UserError]) userErrors: UserError[];
}
