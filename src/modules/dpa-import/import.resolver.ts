import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  Float,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  registerEnumType,
  Resolver,
  Root,
} from "type-graphql";
import { JSONObjectResolver, JSONResolver } from "graphql-scalars";
import type { RequestContext } from "../../context";
import { WRITERS } from "../../common/auth";
import { UserError } from "../../common/errors";
import { decodeIdOf } from "../../common/global-id";
import { Payload, runMutation } from "../../common/mutation";
import { Evidence } from "../evidence/evidence.entity";
import { DOWNLOAD_ROLES } from "../evidence/evidence.http";
import { Agreement } from "../agreements/agreement.entity";
import { Processor } from "../processors/processor.entity";
import { SubprocessorEngagement } from "../subprocessors/engagement.entity";
import { AgreementImport, AgreementImportStatus, AgreementImportText } from "./agreement-import.entity";
import { draftFields } from "./draft-fields";
import {
  ConfirmAgreementImportInput,
  CorrectAgreementImportInput,
  DecideAgreementImportInput,
  ImportAgreementInput,
} from "./import.inputs";
import { agreementImportService } from "./import.service";

@ObjectType({ description: "Where a value was read: the clause or annex and the exact text." })
class DraftCitation {
  @Field({ description: "As the document numbers it: §10.2, Bilag C.7, Annex B.1, preamble …" }) reference: string;
  @Field({ description: "The exact text span." }) quote: string;
  @Field(() => Int, { description: "Offset of the span in the document's text." }) start: number;
  @Field(() => Int, { description: "End offset (exclusive)." }) end: number;
}

export enum ReadingKind {
  VALUE = "VALUE",
  PLACEHOLDER = "PLACEHOLDER",
}
registerEnumType(ReadingKind, {
  name: "ReadingKind",
  description:
    "VALUE: the document states a value here. PLACEHOLDER: the document leaves the field unfilled here ([●], [Navn], [24], ${…}, an empty label); the value is null.",
});

@ObjectType({ description: "One of several things the document says about a field." })
class DraftReading {
  @Field(() => JSONResolver, { nullable: true }) value: unknown;
  @Field(() => [DraftCitation]) citations: DraftCitation[];
  @Field(() => ReadingKind, { description: "A value, or a placeholder the document leaves unfilled." })
  kind: ReadingKind;
}

@ObjectType({ description: "One reviewable value of an imported draft." })
class DraftField {
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

const AgreementImportPayload = Payload(
  AgreementImport,
  "agreementImport",
  "AgreementImportPayload",
  "Result of an import mutation.",
);
type AgreementImportPayloadShape = { agreementImport?: AgreementImport | null; userErrors: UserError[] };

@ObjectType({ description: "What a confirmation wrote." })
class ConfirmAgreementImportPayload {
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

@Resolver(() => AgreementImport)
export class AgreementImportResolver {
  // Drafts quote the document, so they are for the roles that may read the document itself.
  @Authorized(...DOWNLOAD_ROLES)
  @Query(() => AgreementImport, {
    nullable: true,
    description: "One import by id; null when it does not exist in your organization.",
  })
  agreementImport(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext) {
    const uuid = decodeIdOf("AgreementImport", id);
    return uuid ? ctx.manager.findOne(AgreementImport, { where: { id: uuid } }) : null;
  }

  @Authorized(...DOWNLOAD_ROLES)
  @Query(() => [AgreementImport], { description: "Imports, newest first (at most 100), optionally in one status." })
  agreementImports(
    @Ctx() ctx: RequestContext,
    @Arg("status", () => AgreementImportStatus, { nullable: true }) status: AgreementImportStatus | null,
  ) {
    return ctx.manager.find(AgreementImport, {
      where: status ? { status } : {},
      order: { createdAt: "DESC", id: "ASC" },
      take: 100,
    });
  }

  @FieldResolver(() => Evidence, { description: "The uploaded document, with its SHA-256." })
  evidence(@Root() i: AgreementImport, @Ctx() ctx: RequestContext) {
    return ctx.loaders.evidenceById.load(i.evidenceId);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "The document's text as the importer read it (a PDF's text layer, a Word file's text): every citation's start and end count its characters, so text.slice(start, end) is the quote. Null for imports made before the text was kept.",
  })
  async documentText(@Root() i: AgreementImport, @Ctx() ctx: RequestContext): Promise<string | null> {
    const row = await ctx.manager.findOne(AgreementImportText, { where: { agreementImportId: i.id } });
    return row?.text ?? null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "How the upload was read: text, markdown, html, docx or pdf.",
  })
  format(@Root() i: AgreementImport) {
    return i.draft.format ?? null;
  }

  @FieldResolver(() => String, { description: "da or en." })
  language(@Root() i: AgreementImport) {
    return i.draft.language;
  }

  @FieldResolver(() => [DraftField], { description: "Every modelled value, in the order a reviewer reads a DPA." })
  fields(@Root() i: AgreementImport) {
    return draftFields(i.draft, i.corrections);
  }

  @FieldResolver(() => [String], {
    description: "Modelled fields the document did not yield, e.g. clauses.breachNotificationHours.",
  })
  missing(@Root() i: AgreementImport) {
    return i.draft.missing;
  }

  @FieldResolver(() => JSONObjectResolver, {
    description: "The draft exactly as read, item by item with citations (sub-processors, measures, categories).",
  })
  draft(@Root() i: AgreementImport) {
    return i.draft;
  }

  @FieldResolver(() => Agreement, { nullable: true, description: "The agreement written on confirmation." })
  agreement(@Root() i: AgreementImport, @Ctx() ctx: RequestContext) {
    return i.agreementId ? ctx.loaders.agreementById.load(i.agreementId) : null;
  }

  @FieldResolver(() => Processor, { nullable: true, description: "The processor the confirmed agreement is with." })
  processor(@Root() i: AgreementImport, @Ctx() ctx: RequestContext) {
    return i.processorId ? ctx.loaders.processorById.load(i.processorId) : null;
  }

  @Authorized(...WRITERS)
  @Mutation(() => AgreementImportPayload, {
    description:
      "Read a DPA stored as evidence (.pdf, .docx, .txt, .md, .html) into a draft. Nothing else is written. To upload and import in one request: POST /imports/agreement.",
  })
  importAgreement(
    @Arg("input") input: ImportAgreementInput,
    @Ctx() ctx: RequestContext,
  ): Promise<AgreementImportPayloadShape> {
    return runMutation(ctx, input, async () => ({
      agreementImport: await agreementImportService.importEvidence(ctx, input.evidenceId),
    }));
  }

  @Authorized(...WRITERS)
  @Mutation(() => AgreementImportPayload, {
    description: "Correct values of a draft; each is checked against its field's rule.",
  })
  correctAgreementImport(
    @Arg("input") input: CorrectAgreementImportInput,
    @Ctx() ctx: RequestContext,
  ): Promise<AgreementImportPayloadShape> {
    return runMutation(ctx, input, async () => ({ agreementImport: await agreementImportService.correct(ctx, input) }));
  }

  @Authorized(...WRITERS)
  @Mutation(() => ConfirmAgreementImportPayload, { description: "Write the draft into the records, all or nothing." })
  confirmAgreementImport(
    @Arg("input") input: ConfirmAgreementImportInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ConfirmAgreementImportPayload> {
    return runMutation(ctx, input, () => agreementImportService.confirm(ctx, input));
  }

  @Authorized(...WRITERS)
  @Mutation(() => AgreementImportPayload, { description: "Discard a draft; it is kept, marked DISCARDED." })
  discardAgreementImport(
    @Arg("input") input: DecideAgreementImportInput,
    @Ctx() ctx: RequestContext,
  ): Promise<AgreementImportPayloadShape> {
    return runMutation(ctx, input, async () => ({ agreementImport: await agreementImportService.discard(ctx, input) }));
  }
}

export const IMPORT_RESOLVERS = [AgreementImportResolver] as const;
