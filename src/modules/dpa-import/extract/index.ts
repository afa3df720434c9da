// Rule-based reading of a DPA on Datatilsynet's standard contractual clauses into an AgreementDraft.
// Pure: text in, draft out; no database, no network. Other templates yield what the same rules find,
// and the `missing` list says what a reviewer has to fill in by hand.
import type { AgreementDraft, Extracted, ExtractedClauses, ExtractedParty } from "../draft.types";
import {
  auditTerms,
  dataCategories,
  dataSubjectCategories,
  durationPlace,
  locationsPlace,
  measuresOf,
  naturePlace,
  processingCountries,
  purposesPlace,
  subprocessors,
} from "./annexes";
import {
  breachNotificationHours,
  endOfContractAction,
  freeText,
  objectionSuspendsChange,
  retentionAfterEndDays,
  subprocessorAuthorization,
  subprocessorNoticeDays,
  thirdCountryTransfers,
} from "./clauses";
import { extractParties, partyMarkers } from "./parties";
import { NOTE_FIELDS, notePlaceholder, unfilledNotes } from "./placeholders";
import { found } from "./readings";
import { parseText, type ParsedDocument } from "./parse";
import { cite, findAll, readDocument, type DpaDocument } from "./sections";

export const EXTRACTOR_VERSION = "dt-scc-rules/1";

/** The text is not a data processing agreement at all (an invoice, terms of sale …). */
export class NotADpaError extends Error {
  readonly code = "NOT_A_DPA";
  constructor(
    message = "The document does not look like a data processing agreement: it never mentions a data processor " +
      "or personal data.",
  ) {
    super(message);
    this.name = "NotADpaError";
  }
}

// Besides the words of personal data: an addendum's own name, and the two roles of art. 28 in one sentence (a DPA
// that says "Client Data" throughout and "Customer is the controller …; LolaDesk is the processor" was refused).
const DPA_WORDS = new RegExp(
  "databehandl|personoplysning|persondata|data processor|personal data|data processing agreement|databeskyttelse|GDPR" +
    "|data (?:processing|protection) addendum|data protection agreement" +
    // A US student-data privacy agreement (FERPA) speaks of "Student Data" and "personally identifiable information".
    "|data privacy agreement|personally identifiable information" +
    "|\\bcontroller\\b[^.]{0,200}\\bprocessor\\b|\\bprocessor\\b[^.]{0,200}\\bcontroller\\b",
  "i",
);

function kindOf(doc: DpaDocument): Extracted<"DPA" | "SUBPROCESSOR_AGREEMENT"> {
  const markers = partyMarkers(doc);
  const sub = markers.find((m) => m.role === "SUBPROCESSOR");
  if (sub) return found("SUBPROCESSOR_AGREEMENT" as const, cite(doc, sub.start, sub.end), 0.95);
  const processor = markers.find((m) => m.role === "PROCESSOR");
  if (processor) return found("DPA" as const, cite(doc, processor.start, processor.end), 0.9);
  const first = findAll(doc, DPA_WORDS)[0];
  return found("DPA" as const, cite(doc, first.start, first.end), 0.5);
}

function titleOf(doc: DpaDocument): Extracted<string> | null {
  const first = findAll(doc, /^[^\S\n]*(\S[^\n]*)$/gm, doc.cover.start, doc.cover.end)[0];
  if (!first) return null;
  const citation = cite(doc, first.start, first.end);
  return found(citation.quote, citation, 0.8);
}

function clausesOf(doc: DpaDocument, parties: ExtractedParty[], kind: string): ExtractedClauses {
  return {
    breachNotificationHours: breachNotificationHours(doc),
    subprocessorAuthorization: subprocessorAuthorization(doc),
    subprocessorNoticeDays: subprocessorNoticeDays(doc),
    objectionSuspendsChange: objectionSuspendsChange(doc),
    thirdCountryTransfers: thirdCountryTransfers(doc),
    processingCountries: processingCountries(doc, parties, kind),
    processingLocationsText: freeText(doc, locationsPlace(doc)),
    endOfContractAction: endOfContractAction(doc),
    retentionAfterEndDays: retentionAfterEndDays(doc),
    processorAudit: auditTerms(doc, "C.7", kind),
    subprocessorAudit: auditTerms(doc, "C.8", kind),
    purposes: freeText(doc, purposesPlace(doc)),
    nature: freeText(doc, naturePlace(doc)),
    duration: freeText(doc, durationPlace(doc)),
  };
}

/** Dotted paths of every modelled field the document did not yield. */
export function missingFields(draft: Omit<AgreementDraft, "missing">): string[] {
  const missing: string[] = [];
  const visit = (value: unknown, path: string) => {
    if (value === null || value === undefined) missing.push(path);
    else if (typeof value === "object" && !("value" in (value as object)) && !Array.isArray(value))
      for (const [k, v] of Object.entries(value as object)) visit(v, `${path}.${k}`);
  };
  visit(draft.title, "title");
  for (const [k, v] of Object.entries(draft.clauses)) visit(v, `clauses.${k}`);
  // A sub-processor agreement is between a processor and its sub-processor; the controller is not a party.
  const roles =
    draft.kind.value === "SUBPROCESSOR_AGREEMENT"
      ? (["PROCESSOR", "SUBPROCESSOR"] as const)
      : (["CONTROLLER", "PROCESSOR"] as const);
  for (const role of roles) {
    const party = draft.parties.find((p) => p.role === role);
    if (!party) missing.push(`parties.${role}`);
    else {
      if (!party.registrationNumber) missing.push(`parties.${role}.registrationNumber`);
      if (!party.address) missing.push(`parties.${role}.address`);
    }
  }
  for (const list of ["dataCategories", "dataSubjectCategories", "subprocessors", "measures"] as const)
    if (draft[list].length === 0) missing.push(list);
  return missing;
}

/**
 * A value read from inside an unfilled note ("[[OWNER: legal entity name and address (the \"Processor\")]]",
 * "[[OWNER: notice period, e.g. 30 days]]") is the note's question, not the agreement's answer: the field is
 * marked PLACEHOLDER instead, and a party named only there, a sub-processor or category listed only there, is
 * dropped.
 */
function withoutNoteReadings(
  doc: DpaDocument,
  draft: Omit<AgreementDraft, "missing">,
): Omit<AgreementDraft, "missing"> {
  const notes = unfilledNotes(doc.text);
  if (!notes.length) return draft;
  const inNote = (e: Extracted<unknown> | null | undefined): e is Extracted<unknown> =>
    !!e && e.citations.every((c) => notes.some((n) => c.start >= n.start && c.end <= n.end));
  const unfilled = <T>(e: Extracted<T> | null, path: string): Extracted<T> | null => {
    if (!inNote(e)) return e;
    notePlaceholder(doc, path, e.citations[0].start, e.citations[0].end);
    return null;
  };
  const parties = draft.parties.flatMap((p) => {
    if (unfilled(p.name, `parties.${p.role}.name`) === null) return [];
    const address = unfilled(p.address, `parties.${p.role}.address`);
    const registrationNumber = unfilled(p.registrationNumber, `parties.${p.role}.registrationNumber`);
    return [{ ...p, address, registrationNumber, registrationScheme: registrationNumber && p.registrationScheme }];
  });
  const clauses = Object.fromEntries(
    Object.entries(draft.clauses).map(([k, v]) =>
      k === "processorAudit" || k === "subprocessorAudit"
        ? [k, Object.fromEntries(Object.entries(v as object).map(([t, e]) => [t, unfilled(e, `clauses.${k}.${t}`)]))]
        : [k, unfilled(v as Extracted<unknown> | null, `clauses.${k}`)],
    ),
  ) as unknown as ExtractedClauses;
  return {
    ...draft,
    parties,
    clauses,
    dataCategories: draft.dataCategories.filter((c) => !inNote(c)),
    dataSubjectCategories: draft.dataSubjectCategories.filter((c) => !inNote(c)),
    subprocessors: draft.subprocessors.filter((s) => !inNote(s)),
    placeholders: doc.placeholders ?? [],
  };
}

/**
 * The processor is never its own sub-processor: a name read as a sub-processor that is the processor's ("… must have
 * authority to appoint Clientovo as a subprocessor") is the party, not a company it engages.
 */
function notTheProcessor(
  found: AgreementDraft["subprocessors"],
  parties: AgreementDraft["parties"],
): AgreementDraft["subprocessors"] {
  const own = parties
    .find((p) => p.role === "PROCESSOR")
    ?.name.value.trim()
    .toLowerCase();
  return own ? found.filter((s) => s.value.name.trim().toLowerCase() !== own) : found;
}

/**
 * A field the document leaves to a note still to be answered ("prior written notice … and [CONFIRM: reasonable
 * objection window]"): no value was read, and the note in the clause's paragraph asks for it, so the field is marked
 * PLACEHOLDER.
 */
function notesAsPlaceholders(doc: ReturnType<typeof readDocument>, draft: Omit<AgreementDraft, "missing">): void {
  for (const note of unfilledNotes(doc.text)) {
    const block = doc.blocks.find((b) => b.start <= note.start && note.start < b.end);
    if (!block) continue;
    const asked = doc.text.slice(note.start, note.end);
    const paragraph = doc.text.slice(block.start, block.end);
    for (const [path, asks, about] of NOTE_FIELDS) {
      const key = path.replace(/^clauses\./, "") as keyof typeof draft.clauses;
      if (draft.clauses[key] || !asks.test(asked) || !about.test(paragraph)) continue;
      notePlaceholder(doc, path, note.start, note.end);
    }
  }
}

/** Reads a parsed upload (or, for plain text, the text itself) into a cited draft. */
export function extractAgreementDraft(input: string | ParsedDocument): AgreementDraft {
  const parsed = typeof input === "string" ? parseText(input) : input;
  const text = parsed.text;
  if (!DPA_WORDS.test(text)) throw new NotADpaError();
  const doc = readDocument(parsed);
  const kind = kindOf(doc);
  const parties = extractParties(doc);
  const draft = withoutNoteReadings(doc, {
    extractor: EXTRACTOR_VERSION,
    language: doc.language,
    template: doc.declaresTemplate ? "DATATILSYNET_SCC" : "OTHER",
    kind,
    title: titleOf(doc),
    parties,
    clauses: clausesOf(doc, parties, kind.value),
    dataCategories: dataCategories(doc),
    dataSubjectCategories: dataSubjectCategories(doc),
    subprocessors: notTheProcessor(subprocessors(doc), parties),
    measures: measuresOf(doc),
    placeholders: doc.placeholders ?? [],
  });
  notesAsPlaceholders(doc, draft);
  const placeholders = doc.placeholders ?? [];
  return { ...draft, placeholders, missing: missingFields(draft), text, format: parsed.format };
}
