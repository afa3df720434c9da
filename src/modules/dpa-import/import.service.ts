// DPA import: a stored document is read into a draft (nothing else is written), a reviewer corrects
// it, and a confirmation writes the processor, the agreement (superseding the one in force), its
// engagements and the document's links in the request's one transaction.
import { firstChars } from "../../common/text-length";
import type { RequestContext } from "../../context";
import { GraphQLError } from "graphql";
import {
  failInput,
  GRAPHQL_ERROR_CODES,
  type GraphQLErrorCode,
  userError,
  UserError,
  UserErrorCode,
  UserInputFailure,
} from "../../common/errors";
import { createOwned, findForUpdateAtVersion } from "../../common/lookup";
import { toGlobalId, decodeIdOf } from "../../common/global-id";
import { validateInput } from "../../common/validation";
import { todayIso } from "../../common/dates";
import { Evidence, EvidenceStorage } from "../evidence/evidence.entity";
import { evidenceService, StoredFile } from "../evidence/evidence.service";
import { UploadEvidenceFields } from "../evidence/evidence.inputs";
import { Processor } from "../processors/processor.entity";
import { CreateProcessorInput } from "../processors/processor.inputs";
import { processorService, type ProcessorLookup } from "../processors/processor.service";
import { Agreement } from "../agreements/agreement.entity";
import { AgreementKind, AgreementStatus, SCALAR_CLAUSES } from "../agreements/agreement.enums";
import {
  AuditTermsInput,
  CategoryRefInput,
  ClauseSourceInput,
  CreateAgreementInput,
  RequiredMeasureInput,
} from "../agreements/agreement.inputs";
import { agreementService } from "../agreements/agreement.service";
import { latestActiveOf } from "../agreements/agreement.rules";
import { EngagementStatus, SubprocessorEngagement, TransferMechanism } from "../subprocessors/engagement.entity";
import { CreateSubprocessorEngagementInput } from "../subprocessors/engagement.inputs";
import { engagementService } from "../subprocessors/engagement.service";
import { endedByDay } from "../subprocessors/engagement.rules";
import { eeaCountriesOn } from "../transfers/transfer-rules";
import { AgreementImport, AgreementImportStatus, AgreementImportText } from "./agreement-import.entity";
import { events, payloads } from "../events";
import { DocumentReadError } from "./document-text";
import { DocumentTooComplex } from "./reader/limits";
import { DocumentReadersBusy, readAgreementDraft } from "./reader/reader";
import { ImportRefused, refusalCodeOf } from "./import.errors";
import { NotADpaError } from "./extract";
import { correctionProblem, draftFields, DraftFieldView, MAX_DRAFT_LIST } from "./draft-fields";
import type { AgreementDraft, ExtractedSubprocessor } from "./draft.types";
import type {
  ConfirmAgreementImportInput,
  CorrectAgreementImportInput,
  DecideAgreementImportInput,
} from "./import.inputs";

/** A document read into a draft: the draft, and the text its citations' offsets count in (kept apart from it). */
export interface ReadDocument {
  draft: AgreementDraft;
  text: string;
}

/**
 * Reads a document (PDF, Word, Markdown, HTML or text, judged by content, name and type) into a draft, or refuses
 * it with the reason (no database). Document and draft are read in a worker thread within limits (reader/reader.ts);
 * when every reader is busy, or the organization holds its share of them, DocumentReadersBusy passes through.
 */
async function readDraft(
  content: Buffer,
  fileName: string | null,
  mediaType: string | null,
  organizationId: string,
): Promise<ReadDocument> {
  try {
    // The text goes to its own table (agreement_import_text), not into the audited draft.
    const { text, ...draft } = await readAgreementDraft({ bytes: content, fileName, mediaType }, organizationId);
    return { draft, text: text ?? "" };
  } catch (err) {
    if (err instanceof DocumentReadError || err instanceof NotADpaError)
      throw new ImportRefused(refusalCodeOf(err.code), err.message);
    if (err instanceof DocumentTooComplex) throw new ImportRefused("DOCUMENT_TOO_COMPLEX", err.message);
    throw err;
  }
}

/**
 * The processor of the organization the document is with, where its parties allow: the processing party
 * (the processor of a DPA, the sub-processor of a sub-processor agreement) matched by registration number,
 * then by name, as confirmation matches it. Null when the document names none or none matches; nothing is created.
 */
async function matchedProcessor(ctx: RequestContext, draft: AgreementDraft): Promise<Processor | null> {
  const role = draft.kind.value === "SUBPROCESSOR_AGREEMENT" ? "SUBPROCESSOR" : "PROCESSOR";
  const party = draft.parties.find((p) => p.role === role);
  const name = party?.name.value?.trim();
  if (!party || !name) return null;
  return processorService.findLike(ctx, { name, registrationNumber: party.registrationNumber?.value ?? null });
}

/** Every reader busy, as a GraphQL error: 503 with Retry-After, the request's writes rolled back. */
function readersBusyError(err: DocumentReadersBusy): GraphQLError {
  return new GraphQLError(err.message, {
    extensions: {
      code: "DOCUMENT_READERS_BUSY" satisfies GraphQLErrorCode,
      retryAfterSeconds: err.retryAfterSeconds,
      http: {
        status: GRAPHQL_ERROR_CODES.DOCUMENT_READERS_BUSY.status,
        headers: new Map([["retry-after", String(err.retryAfterSeconds)]]),
      },
    },
  });
}

/** Stores the import of a stored document: its draft and the text it was read from, in the caller's transaction. */
async function storeImport(ctx: RequestContext, evidence: Evidence, read: ReadDocument): Promise<AgreementImport> {
  const { draft, text } = read;
  const matched = await matchedProcessor(ctx, draft);
  const stored = await ctx.manager.save(
    createOwned(ctx, AgreementImport, {
      evidenceId: evidence.id,
      status: AgreementImportStatus.DRAFT,
      extractor: draft.extractor,
      draft,
      corrections: {},
      agreementId: null,
      processorId: matched?.id ?? null,
      decidedAt: null,
      decidedByApiKeyId: null,
    }),
  );
  await ctx.manager.insert(AgreementImportText, {
    agreementImportId: stored.id,
    organizationId: ctx.actor.organizationId,
    text,
  });
  await events.record(ctx.manager, "agreement_import.draft_ready", payloads.agreementImportDraftReady(stored));
  return stored;
}

/** The evidence fields of an upload made to be imported: an agreement document dated today unless told. */
function importUploadDefaults(): Record<string, string> {
  return { kind: "AGREEMENT_DOCUMENT", title: "Data processing agreement (imported)", effectiveOn: todayIso() };
}

async function openDraft(
  ctx: RequestContext,
  input: { id: string; version?: number | null },
): Promise<AgreementImport> {
  const found = await findForUpdateAtVersion(ctx, AgreementImport, "AgreementImport", input);
  if (found.status !== AgreementImportStatus.DRAFT) {
    failInput(
      "id",
      UserErrorCode.INVALID_STATE,
      `the import is ${found.status}; only a DRAFT can be corrected, confirmed or discarded`,
    );
  }
  return found;
}

const ISO2 = /^[A-Z]{2}$/;

/** The processing party and, for a sub-processor agreement, the processor that engaged it. */
function partiesOf(fields: Map<string, DraftFieldView>, kind: AgreementKind) {
  const party = (role: string) => {
    const v = (name: string) => fields.get(`parties.${role}.${name}`)?.value as string | null | undefined;
    const name = v("name");
    return name
      ? {
          role,
          name,
          registrationNumber: v("registrationNumber") ?? null,
          registrationScheme: v("registrationScheme") ?? null,
          address: v("address") ?? null,
          countryCode: v("countryCode") ?? null,
        }
      : null;
  };
  return kind === AgreementKind.SUBPROCESSOR_AGREEMENT
    ? { processing: party("SUBPROCESSOR"), principal: party("PROCESSOR") }
    : { processing: party("PROCESSOR"), principal: null };
}

type PartyFacts = NonNullable<ReturnType<typeof partiesOf>["processing"]>;

/** A processor of the organization with this registration number, else this name; created when neither. */
async function processorFor(
  ctx: RequestContext,
  facts: {
    name: string;
    registrationNumber: string | null;
    registrationScheme: string | null;
    address: string | null;
    countryCode: string | null;
    description?: string | null;
  },
  direct: boolean,
  source: string,
  registered: ProcessorLookup,
) {
  // The organization's processors are read once per confirmation (registered), not once per party and
  // sub-processor: that read every processor again for each of a draft's sub-processors (2,000 took 52 s).
  const existing = await processorService.findLike(ctx, facts, registered);
  if (existing) return { processor: existing, created: false };
  const input = Object.assign(new CreateProcessorInput(), {
    name: firstChars(facts.name, 200),
    legalName: firstChars(facts.name, 200),
    registrationNumber: facts.registrationNumber,
    registrationScheme: facts.registrationScheme,
    countryCode: facts.countryCode && ISO2.test(facts.countryCode) ? facts.countryCode : null,
    address: facts.address,
    serviceDescription: facts.description ? firstChars(facts.description, 2000) : null,
    direct,
    source,
  });
  await validated(input, ["input"]);
  const processor = await processorService.create(ctx, input);
  registered.add(processor);
  return { processor, created: true };
}

/** Inputs built here are checked with the same rules as the API's own inputs. */
async function validated(input: object, path: string[]): Promise<void> {
  const errors = await validateInput(input, path);
  if (errors.length) throw new UserInputFailure(errors);
}

function agreementInput(
  values: Map<string, DraftFieldView>,
  processorId: string,
  principalId: string | null,
  supersedesId: string | null,
  documentName: string,
  input: ConfirmAgreementImportInput,
): CreateAgreementInput {
  const v = <T>(p: string) => (values.get(p)?.value ?? null) as T | null;
  const sources: ClauseSourceInput[] = [];
  const cite = (clause: string, ...paths: string[]) => {
    const citations = paths.flatMap((p) => values.get(p)?.citations ?? []);
    if (!citations.length || paths.every((p) => v(p) === null)) return;
    const refs = [...new Set(citations.map((c) => c.reference))].join("; ");
    sources.push(
      Object.assign(new ClauseSourceInput(), {
        clause,
        reference: `${documentName} ${refs}`.slice(0, 500),
        note: `'${citations[0].quote}'`.slice(0, 2000),
      }),
    );
  };
  const audit = (who: "processorAudit" | "subprocessorAudit") => {
    const p = (f: string) => `clauses.${who}.${f}`;
    const terms = Object.assign(new AuditTermsInput(), {
      methods: v<string[]>(p("methods")) ?? [],
      intervalMonths: v<number>(p("intervalMonths")),
      dueDay: v<string>(p("dueDay")),
      noticeDays: v<number>(p("noticeDays")),
      paidBy: v<string>(p("paidBy")),
    });
    cite(who, p("methods"), p("intervalMonths"), p("dueDay"), p("noticeDays"), p("paidBy"));
    return terms;
  };
  const clauses = Object.fromEntries(SCALAR_CLAUSES.map((name) => [name, v(`clauses.${name}`)]));
  for (const name of SCALAR_CLAUSES) if (name !== "processingLocationsText") cite(name, `clauses.${name}`);
  cite("processingLocations", "clauses.processingCountries", "clauses.processingLocationsText");
  const measures = (v<{ key: string | null; text: string }[]>("measures") ?? []).filter((m) => m.key);
  const byKey = new Map<string, string>();
  for (const m of measures) if (!byKey.has(m.key!)) byKey.set(m.key!, m.text);
  return Object.assign(new CreateAgreementInput(), {
    processorId: toGlobalId("Processor", processorId),
    principalId: principalId ? toGlobalId("Processor", principalId) : null,
    supersedesId: supersedesId ? toGlobalId("Agreement", supersedesId) : null,
    kind: v("kind"),
    template: v("template"),
    status: AgreementStatus.ACTIVE,
    title: (v<string>("title") ?? `Data processing agreement – ${documentName}`).slice(0, 300),
    documentReference: documentName.slice(0, 500),
    signedOn: input.signedOn ?? null,
    effectiveFrom: input.effectiveFrom ?? null,
    ...clauses,
    processingCountries: v<string[]>("clauses.processingCountries") ?? [],
    processorAudit: audit("processorAudit"),
    subprocessorAudit: audit("subprocessorAudit"),
    sources,
    dataCategories: [...new Set(v<string[]>("dataCategories") ?? [])].map((key) =>
      Object.assign(new CategoryRefInput(), { key, source: `${documentName} Bilag A.3` }),
    ),
    dataSubjectCategories: [...new Set(v<string[]>("dataSubjectCategories") ?? [])].map((key) =>
      Object.assign(new CategoryRefInput(), { key, source: `${documentName} Bilag A.4` }),
    ),
    requiredMeasures: [...byKey].map(([measureKey, text]) =>
      Object.assign(new RequiredMeasureInput(), {
        measureKey,
        clauseText: text.slice(0, 5000),
        source: `${documentName} Bilag C.2`,
      }),
    ),
  });
}

/** The transfer mechanism of an annex B row: stated, else none needed inside the EEA, else unknown. */
function mechanismOf(s: ExtractedSubprocessor, eea: Set<string>): TransferMechanism {
  if (s.transferMechanism && (Object.values(TransferMechanism) as string[]).includes(s.transferMechanism))
    return s.transferMechanism as TransferMechanism;
  return s.countryCode && eea.has(s.countryCode) ? TransferMechanism.NOT_NEEDED_EEA : TransferMechanism.UNKNOWN;
}

export interface ConfirmResult {
  agreementImport: AgreementImport;
  agreement: Agreement;
  processor: Processor;
  createdProcessors: Processor[];
  engagements: SubprocessorEngagement[];
  /** What the confirmation could not write, e.g. measures that match no catalogue entry (kept in the draft). */
  notes: string[];
}

let batchSavepoints = 0;

export const agreementImportService = {
  /** The text an import was read from; null for imports made before the text was kept. */
  async documentText(ctx: RequestContext, importId: string): Promise<string | null> {
    const row = await ctx.manager.findOne(AgreementImportText, { where: { agreementImportId: importId } });
    return row?.text ?? null;
  },

  readDraft,
  uploadDefaults: importUploadDefaults,
  /** One import by global id; null when it does not exist in the organization. */
  async find(ctx: RequestContext, globalId: string): Promise<AgreementImport | null> {
    const uuid = decodeIdOf("AgreementImport", globalId);
    return uuid ? ctx.manager.findOne(AgreementImport, { where: { id: uuid } }) : null;
  },

  /** Imports, newest first (at most 100), optionally in one status. */
  list(ctx: RequestContext, status: AgreementImportStatus | null): Promise<AgreementImport[]> {
    return ctx.manager.find(AgreementImport, {
      where: status ? { status } : {},
      order: { createdAt: "DESC", id: "ASC" },
      take: 100,
    });
  },

  /** importAgreement: reads a document already stored as evidence into a draft. */
  async importEvidence(ctx: RequestContext, evidenceId: string): Promise<AgreementImport> {
    const evidence = await evidenceService.ofInput(ctx, evidenceId, ["input", "evidenceId"]);
    if (evidence.storage === EvidenceStorage.EXTERNAL) {
      failInput(
        "evidenceId",
        UserErrorCode.INVALID,
        `the evidence is kept outside tilsyn (${evidence.externalUri}); upload the file itself with POST ` +
          `/imports/agreement or POST /evidence`,
      );
    }
    const content = await evidenceService.content(ctx, evidence.id);
    if (!content) failInput("evidenceId", UserErrorCode.INVALID, "the evidence has no stored content");
    let read: ReadDocument;
    try {
      read = await readDraft(content, evidence.fileName, evidence.mediaType, ctx.actor.organizationId);
    } catch (err) {
      if (err instanceof ImportRefused) failInput("evidenceId", err.code, err.message);
      if (err instanceof DocumentReadersBusy) throw readersBusyError(err);
      throw err;
    }
    return storeImport(ctx, evidence, read);
  },

  /** POST /imports/agreement: the upload is stored as evidence and read, or nothing is stored. */
  async importUpload(
    ctx: RequestContext,
    fields: UploadEvidenceFields,
    file: StoredFile,
    read: ReadDocument,
  ): Promise<AgreementImport> {
    const evidence = await evidenceService.createStored(ctx, fields, file);
    return storeImport(ctx, evidence, read);
  },

  /**
   * One document of a batch (POST /imports/agreements): stored as evidence and read into a draft under a
   * savepoint of its own, so a failure leaves nothing of this document and keeps the batch's others.
   */
  async importBatchDocument(
    ctx: RequestContext,
    fields: UploadEvidenceFields,
    file: StoredFile,
    read: ReadDocument,
  ): Promise<{ agreementImport: AgreementImport; evidence: Evidence }> {
    const savepoint = `batch_document_${++batchSavepoints}`;
    await ctx.queryRunner.query(`SAVEPOINT ${savepoint}`);
    const atCommit = ctx.transaction?.atCommitMark?.() ?? 0;
    try {
      const evidence = await evidenceService.createStored(ctx, fields, file);
      const agreementImport = await storeImport(ctx, evidence, read);
      await ctx.queryRunner.query(`RELEASE SAVEPOINT ${savepoint}`);
      return { agreementImport, evidence };
    } catch (err) {
      await ctx.queryRunner.query(`ROLLBACK TO SAVEPOINT ${savepoint}`);
      ctx.transaction?.dropAtCommit?.(atCommit);
      throw err;
    }
  },

  async correct(ctx: RequestContext, input: CorrectAgreementImportInput): Promise<AgreementImport> {
    const found = await openDraft(ctx, input);
    const errors: UserError[] = [];
    const corrections = { ...found.corrections };
    input.corrections.forEach((c, i) => {
      const problem = correctionProblem(c.path, c.value ?? null);
      if (problem)
        errors.push(userError(["input", "corrections", String(i), problem.on], UserErrorCode.INVALID, problem.message));
      else corrections[c.path] = c.value ?? null;
    });
    if (errors.length) throw new UserInputFailure(errors);
    found.corrections = corrections;
    return ctx.manager.save(found);
  },

  async discard(ctx: RequestContext, input: DecideAgreementImportInput): Promise<AgreementImport> {
    const found = await openDraft(ctx, input);
    Object.assign(found, {
      status: AgreementImportStatus.DISCARDED,
      decidedAt: new Date(),
      decidedByApiKeyId: ctx.actor.apiKeyId,
    });
    return ctx.manager.save(found);
  },

  async confirm(ctx: RequestContext, input: ConfirmAgreementImportInput): Promise<ConfirmResult> {
    const found = await openDraft(ctx, input);
    const evidence = await evidenceService.find(ctx, found.evidenceId);
    if (!evidence) throw new Error(`The evidence of import ${found.id} is gone.`);
    const documentName = evidence.fileName ?? evidence.title;
    const fields = new Map(draftFields(found.draft, found.corrections).map((f) => [f.path, f]));
    // A document can yield more than a correction may give (its text is read up to 2,000,000 characters).
    for (const f of fields.values())
      if (Array.isArray(f.value) && f.value.length > MAX_DRAFT_LIST)
        failInput(
          "id",
          UserErrorCode.INVALID,
          `the draft's ${f.path} lists ${f.value.length} items, more than the ${MAX_DRAFT_LIST} one confirmation ` +
            `takes; correct ${f.path} (correctAgreementImport) first`,
        );
    const kind = fields.get("kind")?.value as AgreementKind;
    const parties = partiesOf(fields, kind);
    const createdProcessors: Processor[] = [];
    const notes: string[] = [];
    const source = `${documentName} (import)`;
    const registered = await processorService.like(ctx);

    const party = async (facts: PartyFacts | null, field: string, direct: boolean) => {
      if (!facts)
        failInput(
          field,
          UserErrorCode.REQUIRED,
          `the document names no ` +
            `${field === "principalId" ? "processor that engaged the sub-processor" : "processor"}; give ${field} ` +
            `or correct parties.*.name`,
        );
      const { processor, created } = await processorFor(ctx, facts, direct, source, registered);
      if (created) createdProcessors.push(processor);
      return processor;
    };
    // Ids given are looked up first, so a wrong id is NOT_FOUND whatever the draft says.
    const givenPrincipal = input.principalId
      ? await processorService.ofInput(ctx, input.principalId, ["input", "principalId"])
      : null;
    const givenProcessor = input.processorId
      ? await processorService.ofInput(ctx, input.processorId, ["input", "processorId"])
      : null;
    if (givenPrincipal && kind !== AgreementKind.SUBPROCESSOR_AGREEMENT) {
      failInput(
        "principalId",
        UserErrorCode.INVALID,
        "principalId is for a sub-processor agreement; this draft's kind is DPA (correct the field kind if the " +
          "document is a sub-processor agreement)",
      );
    }
    const principal =
      kind === AgreementKind.SUBPROCESSOR_AGREEMENT
        ? (givenPrincipal ?? (await party(parties.principal, "principalId", true)))
        : null;
    const processor = givenProcessor ?? (await party(parties.processing, "processorId", kind === AgreementKind.DPA));

    // A new version supersedes the latest ACTIVE agreement of the same kind and principal, in force or not
    // (a renewal replaces the one that expired).
    const inForce = latestActiveOf(
      (await agreementService.ofProcessor(ctx, processor.id)).filter(
        (a) => !a.archivedAt && a.kind === kind && a.principalId === (principal?.id ?? null),
      ),
    );
    const agreementIn = agreementInput(
      fields,
      processor.id,
      principal?.id ?? null,
      inForce?.id ?? null,
      documentName,
      input,
    );
    await validated(agreementIn, ["input"]);
    const agreement = await agreementService.create(ctx, agreementIn);
    const unmatched = ((fields.get("measures")?.value as { key: string | null }[] | null) ?? []).filter(
      (m) => !m.key,
    ).length;
    if (unmatched)
      notes.push(
        `${unmatched} measure(s) match no TOM catalogue entry; they are kept as text in the import draft, not as ` +
          `required measures.`,
      );

    // Annex B: each listed sub-processor is engaged by the processing party under this agreement.
    const eea = new Set(eeaCountriesOn(todayIso()));
    const engagements: SubprocessorEngagement[] = [];
    const existing = await engagementService.ofProcessor(ctx, processor.id);
    for (const s of (fields.get("subprocessors")?.value as ExtractedSubprocessor[] | null) ?? []) {
      const { processor: sub, created } = await processorFor(
        ctx,
        {
          name: s.legalName ?? s.name,
          registrationNumber: s.registrationNumber,
          registrationScheme: s.registrationScheme,
          address: s.address,
          countryCode: s.countryCode,
          description: s.description,
        },
        false,
        source,
        registered,
      );
      if (created) createdProcessors.push(sub);
      // Engaged already unless that engagement has ended (a removal scheduled for a later day has not).
      if (existing.some((e) => e.subprocessorId === sub.id && !e.archivedAt && !endedByDay(e, todayIso()))) {
        notes.push(`${sub.name} is already engaged by ${processor.name}; its engagement was left as it is.`);
        continue;
      }
      const engagementIn = Object.assign(new CreateSubprocessorEngagementInput(), {
        processorId: toGlobalId("Processor", processor.id),
        subprocessorId: toGlobalId("Processor", sub.id),
        agreementId: toGlobalId("Agreement", agreement.id),
        purpose: s.description?.slice(0, 2000) ?? null,
        countries: s.countryCode ? [s.countryCode] : [],
        transferMechanism: mechanismOf(s, eea),
        status: EngagementStatus.APPROVED,
        source: `${documentName} Bilag B.1`,
      });
      await validated(engagementIn, ["input"]);
      engagements.push(await engagementService.create(ctx, engagementIn));
    }

    // The document becomes the agreement's evidence.
    evidence.agreementId = agreement.id;
    evidence.processorId = processor.id;
    await ctx.manager.save(evidence);
    Object.assign(found, {
      status: AgreementImportStatus.CONFIRMED,
      agreementId: agreement.id,
      processorId: processor.id,
      decidedAt: new Date(),
      decidedByApiKeyId: ctx.actor.apiKeyId,
    });
    const saved = await ctx.manager.save(found);
    return { agreementImport: saved, agreement, processor, createdProcessors, engagements, notes };
  },
};
