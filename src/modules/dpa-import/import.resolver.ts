import { Arg, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { JSONObjectResolver } from "graphql-scalars";
import type { RequestContext } from "../../context";
import { LoadedField, reference } from "../../common/reference";
import { ALLOWED } from "../../common/auth";
import { PayloadMutation, WriteMutation, runMutation } from "../../common/mutation";
import { Evidence } from "../evidence/evidence.entity";
import { Agreement } from "../agreements/agreement.entity";
import { Processor } from "../processors/processor.entity";
import { AgreementImport, AgreementImportStatus } from "./agreement-import.entity";
import { draftFields } from "./draft-fields";
import {
  ConfirmAgreementImportInput,
  CorrectAgreementImportInput,
  DecideAgreementImportInput,
  ImportAgreementInput,
} from "./import.inputs";
import { agreementImportService } from "./import.service";
import { DraftField, AgreementImportPayload, ConfirmAgreementImportPayload } from "./import.types";

@Resolver(() => AgreementImport)
export class AgreementImportResolver {
  // Drafts quote the document, so they are for the roles that may read the document itself.
  @Authorized(...ALLOWED.readDocuments)
  @Query(() => AgreementImport, {
    nullable: true,
    description: "One import by id; null when it does not exist in your organization.",
  })
  agreementImport(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext) {
    return agreementImportService.find(ctx, id);
  }

  @Authorized(...ALLOWED.readDocuments)
  @Query(() => [AgreementImport], { description: "Imports, newest first (at most 100), optionally in one status." })
  agreementImports(
    @Ctx() ctx: RequestContext,
    @Arg("status", () => AgreementImportStatus, { nullable: true }) status: AgreementImportStatus | null,
  ) {
    return agreementImportService.list(ctx, status);
  }

  @LoadedField(() => Evidence, { description: "The uploaded document, with its SHA-256." })
  evidence = reference("evidenceById", (i: AgreementImport) => i.evidenceId);

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "The document's text as the importer read it (a PDF's text layer, a Word file's text): every citation's " +
      "start and end count its characters, so text.slice(start, end) is the quote. Null for imports made before " +
      "the text was kept.",
  })
  documentText(@Root() i: AgreementImport, @Ctx() ctx: RequestContext): Promise<string | null> {
    return agreementImportService.documentText(ctx, i.id);
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

  @LoadedField(() => Agreement, { nullable: true, description: "The agreement written on confirmation." })
  agreement = reference("agreementById", (i: AgreementImport) => i.agreementId);

  @LoadedField(() => Processor, {
    nullable: true,
    description:
      "The processor the agreement is with: while a DRAFT, the registered processor the document's processing " +
      "party matches (registration number, then name), if any; once CONFIRMED, the one the agreement was written for.",
  })
  processor = reference("processorById", (i: AgreementImport) => i.processorId);

  @PayloadMutation(
    AgreementImportPayload,
    "Read a DPA stored as evidence (.pdf, .docx, .txt, .md, .html) into a draft. Nothing else is written. To " +
      "upload and import in one request: POST /imports/agreement.",
  )
  importAgreement(input: ImportAgreementInput, ctx: RequestContext) {
    return agreementImportService.importEvidence(ctx, input.evidenceId);
  }

  @PayloadMutation(AgreementImportPayload, "Correct values of a draft; each is checked against its field's rule.")
  correctAgreementImport(input: CorrectAgreementImportInput, ctx: RequestContext) {
    return agreementImportService.correct(ctx, input);
  }

  @WriteMutation(() => ConfirmAgreementImportPayload, "Write the draft into the records, all or nothing.")
  confirmAgreementImport(
    @Arg("input") input: ConfirmAgreementImportInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ConfirmAgreementImportPayload> {
    return runMutation(ctx, input, () => agreementImportService.confirm(ctx, input));
  }

  @PayloadMutation(AgreementImportPayload, "Discard a draft; it is kept, marked DISCARDED.")
  discardAgreementImport(input: DecideAgreementImportInput, ctx: RequestContext) {
    return agreementImportService.discard(ctx, input);
  }
}
