// Scores a draft against a labelled document, field by field. Comparison rules per field type:
// - scalar (numbers, enums, booleans, "MM-DD", language, template, kind): equal values;
// - name-like text (title, party name/address/registration number, sub-processor registration):
//   equal after collapsing whitespace, ignoring case and trailing punctuation;
// - free text (purposes, nature, duration, processingLocationsText): the label is a distinctive
//   substring that the extracted value must contain (normalised the same way);
// - lists (countries, methods, data categories, data subjects, sub-processors by name, measures by
//   key, or by text when the key is null, missing paths): sets of normalised items.
// Scalars: a correct value is 1 TP, a wrong one 1 FP + 1 FN, a missing one 1 FN, a spurious one 1 FP.
// Lists: TP = correct extracted items, FP = other extracted items, FN = labelled items not extracted.
import fs from "node:fs";
import path from "node:path";
import type { AgreementDraft, AuditTerms, Citation, Extracted } from "../draft.types";
import { extractAgreementDraft } from "./index";
import { parseDocument, type ParsedDocument } from "./parse";
import type { Printer } from "./corpus-forms";

/** The corpus's parts, in the order they are reported. */
export const CORPUS_PARTS = [
  "train",
  "dev",
  "held-out-2",
  "held-out-3",
  "held-out-4",
  "held-out-5",
  "held-out-6",
  "held-out-7",
  "held-out-8",
  "held-out-9",
  "held-out-10",
  "held-out-11",
  "held-out-12",
  "held-out-13",
  "held-out-14",
  "held-out-15",
  "held-out-16",
  "held-out-17",
  "held-out-18",
  "held-out-19",
  "held-out-20",
  "held-out-21",
  "held-out-22",
  "held-out-23",
  "held-out-24",
  "held-out-25",
  "held-out-26",
  "held-out-27",
  "held-out-28",
  "held-out-29",
  "held-out-30",
  "held-out-31",
  "held-out-32",
  "held-out-33",
  "held-out-35",
  "held-out-34",
  "held-out-36",
  "held-out-37",
  "held-out-38",
  "held-out-39",
  "held-out-40",
  "held-out-41",
  "held-out-42",
  "held-out-43",
  "held-out-44",
  "held-out-45",
  "held-out-46",
  "held-out-47",
  "held-out-48",
  "held-out-49",
  "held-out-50",
  "held-out-51",
  "held-out-52",
  "held-out-53",
  "held-out-54",
  "held-out-55",
  "held-out-56",
  "held-out-57",
  "held-out-58",
  "held-out-59",
  "held-out-60",
  "held-out-61",
  "held-out-62",
  "held-out-63",
  "held-out-64",
] as const;
export type CorpusPart = (typeof CORPUS_PARTS)[number];

export interface Label {
  document: string;
  /**
   * "seed": read from seeds/dpas; "fixture": test/fixtures/dpa-import/documents; "corpus": the real DPAs in
   * test/fixtures/dpa-import/corpus/documents, read from bytes as an upload is.
   */
  source: "seed" | "fixture" | "corpus";
  /**
   * Corpus documents: the part of the split. "train", "dev", "held-out-2" and "held-out-3" are seen (rules
   * were written against them; the held-out parts were held out once, studied after their one scoring);
   * "held-out-4" and "held-out-5" were unseen until their one scoring (after the fourth and fifth rounds) and have
   * been studied since; "held-out-6" was committed before the importer was run on it, scored once after the sixth
   * round and studied in the seventh; "held-out-7" was committed before the importer was run on it, scored once
   * after the seventh round and studied in the eighth; "held-out-8" was committed before the importer was run on it,
   * scored once after the ninth round and studied in the tenth; "held-out-9" was committed before the importer was run
   * on it, scored once after the eleventh round and studied in the twelfth; "held-out-10" was committed before the
   * importer was run on it, scored once after the twelfth round and studied in the thirteenth; "held-out-11" was
   * committed before the importer was run on it, scored once after the thirteenth round and studied in the
   * fourteenth; held-out-10 and held-out-11 were studied again in the fifteenth; "held-out-12" was committed before
   * the importer was run on it, scored once after the fifteenth round and studied in the sixteenth; "held-out-13" was
   * committed before the importer was run on it, scored once after the sixteenth round and studied in the
   * seventeenth; "held-out-14" was committed before the importer was run on it, scored once after the seventeenth
   * round and studied in the eighteenth; "held-out-15" was committed before the importer was run on it, scored
   * once after the eighteenth round and studied in the nineteenth; "held-out-16" was committed before the
   * importer was run on it, scored once after the nineteenth round and studied in the twentieth; "held-out-17" was
   * committed before the importer was run on it, scored once after the twentieth round and studied in the
   * twenty-first; "held-out-18" was committed before the importer was run on it, scored once after the
   * twenty-first round and studied in the twenty-second; "held-out-19" was committed before the importer was
   * run on it, scored once after the twenty-second round and studied in the twenty-third; "held-out-20" was
   * committed before the importer was run on it, scored once after the twenty-third round and studied in the
   * twenty-fourth; "held-out-21" was committed before the importer was run on it, scored once after the
   * twenty-fourth round and studied in part in the twenty-fifth and in the twenty-sixth; "held-out-22" was committed
   * before the importer was run on it, scored once after the twenty-sixth round and studied in part in the
   * twenty-seventh and in the twenty-eighth; "held-out-23" was committed before the importer was run on it, scored
   * once after the twenty-eighth round and studied in the twenty-ninth; "held-out-24" was committed before the
   * importer was run on it, scored once after the twenty-ninth round and studied in the thirtieth; "held-out-25" was
   * committed before the importer was run on it, scored once after the thirtieth round and studied in the
   * thirty-first; "held-out-26" and "held-out-27" were committed before the importer was run on them, scored once
   * after the thirty-first round and studied in the thirty-second (the parties and data) and the thirty-third (the
   * clauses and sub-processors' countries); "held-out-28" was committed before the importer was run on it and scored
   * once after the thirty-second and thirty-third rounds and studied in the thirty-fourth; "held-out-29" was committed
   * before the importer was run on it, scored once after the thirty-fourth round and studied in the thirty-fifth and
   * the thirty-sixth; "held-out-30" and "held-out-31" were committed before the importer was run on them and scored
   * once after the thirty-fifth round; one cause of each was fixed then (the thirty-eighth round); both were studied
   * in the thirty-ninth; "held-out-32" was committed before the importer was run on it and scored once after the
   * thirty-sixth and thirty-eighth rounds, and "held-out-33" the same; both were studied in the fortieth (the end of
   * contract, data subjects, data categories and the processor's country).
   * "held-out-35" was committed before the importer was run on it and scored once after the thirty-ninth and
   * fortieth rounds.
   * "held-out-34" was committed before the importer was run on it and scored once after the thirty-ninth and
   * fortieth rounds.
   * "held-out-36" to "held-out-39" were committed before the importer was run on them and scored once after the
   * forty-first and forty-second rounds; the value each of "held-out-36" and "held-out-37" took where a field was
   * unfilled was fixed in the forty-third; all four were studied in the forty-fourth.
   * "held-out-40" and "held-out-41" were committed before the importer was run on them and scored once after the
   * forty-third round; both were studied in the forty-fifth.
   * "held-out-42" and "held-out-43" were committed before the importer was run on them and scored once after the
   * forty-fourth round.
   * "held-out-44" and "held-out-45" were committed before the importer was run on them and scored once after the
   * forty-fourth round and the one-line party cards.
   * "held-out-42" to "held-out-45" were studied in the forty-sixth round.
   * "held-out-46" to "held-out-50" were committed before the importer was run on them and scored once after the
   * forty-sixth round.
   * "held-out-46" to "held-out-50" were studied in the forty-seventh round.
   * "held-out-51" to "held-out-55" were committed before the importer was run on them and scored once after the
   * forty-seventh round.
   * "held-out-56" to "held-out-59" were committed before the importer was run on them and scored once after the
   * forty-eighth round.
   * "held-out-56" to "held-out-59" were studied in the forty-ninth round.
   * "held-out-60" to "held-out-63" were committed before the importer was run on them and scored once after the
   * forty-ninth round.
   * "held-out-60" to "held-out-63" were studied in the fiftieth round.
   * "held-out-64" was committed before the importer was run on it and scored once after the fiftieth round.
   */
  part?: CorpusPart;
  /** Corpus documents evaluated as a Word or PDF file built from their text. */
  form?: "docx" | "pdf";
  /** Field paths that are unfilled in the document: no value may be taken, a PLACEHOLDER reading is expected. */
  placeholders?: string[];
  /** Bracketed examples ("fx Contabo GmbH") that must never become values or sub-processors. */
  examples?: string[];
  expectError?: string;
  language?: string;
  template?: string;
  kind?: string;
  title?: string | null;
  /** A role set to null is not scored (a generic "the customer" the document never names). */
  parties?: Record<
    string,
    {
      name: string | null;
      registrationNumber: string | null;
      address: string | null;
      countryCode: string | null;
    } | null
  >;
  clauses?: Record<string, unknown>;
  dataCategories?: string[];
  dataSubjectCategories?: string[];
  subprocessors?: { name: string; registrationNumber: string | null; countryCode: string | null }[];
  measures?: (string | { text: string })[];
  missing?: string[];
}

export interface Count {
  tp: number;
  fp: number;
  fn: number;
}

export interface DocumentScore {
  document: string;
  source: Label["source"];
  part?: Label["part"];
  /** Placeholders and examples that were taken as values: must be 0. */
  placeholdersTaken: string[];
  fields: Record<string, Count>;
  citations: { total: number; invalid: string[] };
  error?: string;
}

const FREE_TEXT = new Set(["purposes", "nature", "duration", "processingLocationsText"]);

export const normalise = (s: string) =>
  s
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[.,;:]+$/, "")
    .toLowerCase();

const value = <T>(e: Extracted<T> | null | undefined): T | null => (e ? e.value : null);

function scalar(expected: unknown, actual: unknown, equal: (a: unknown, b: unknown) => boolean): Count {
  const hasExpected = expected !== null && expected !== undefined;
  const hasActual = actual !== null && actual !== undefined;
  if (hasExpected && hasActual) return equal(expected, actual) ? { tp: 1, fp: 0, fn: 0 } : { tp: 0, fp: 1, fn: 1 };
  return { tp: 0, fp: hasActual ? 1 : 0, fn: hasExpected ? 1 : 0 };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const sameText = (a: unknown, b: unknown) => normalise(String(a)) === normalise(String(b));
const contains = (label: unknown, actual: unknown) => normalise(String(actual)).includes(normalise(String(label)));
/** A registration number is its letters and digits: "53.540.982/0001-70" and "53540982/0001-70" are one number. */
const sameNumber = (a: unknown, b: unknown) =>
  String(a)
    .replace(/[^\p{L}\p{N}]/gu, "")
    .toUpperCase() ===
  String(b)
    .replace(/[^\p{L}\p{N}]/gu, "")
    .toUpperCase();

function list(expected: string[] | null | undefined, actual: string[] | null | undefined): Count {
  const e = new Set((expected ?? []).map(normalise));
  const a = new Set((actual ?? []).map(normalise));
  const tp = [...a].filter((x) => e.has(x)).length;
  return { tp, fp: a.size - tp, fn: e.size - tp };
}

/** Letters and digits only, lower case: "Supabase, Inc. (US)" → "supabase inc us". */
const bare = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

/**
 * The same company when the names agree, or one is the other followed by what a table adds to a name:
 * a bracket ("Supabase, Inc. (US)"), a dash and a product ("HeiGIT gGmbH — OpenRouteService"), a country.
 */
export function sameCompany(label: string, extracted: string): boolean {
  const a = bare(label);
  const b = bare(extracted);
  if (!a || !b) return false;
  if (a === b) return true;
  const strip = (s: string) =>
    bare(
      s
        .replace(/\s*\([^)]*\)\s*/g, " ")
        .replace(/\s+[—–-]\s+.*$/, "")
        .replace(/,\s*[^,]+$/, (m) => m),
    );
  if (strip(label) === strip(extracted) || strip(extracted) === a || strip(label) === b) return true;
  // A legal name the table lengthens ("Atlassian Pty Ltd and its affiliates" for "Atlassian Pty Ltd").
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.split(" ").length >= 2 && long.startsWith(`${short} `);
}

const measureItem = (m: string | { text: string }) => (typeof m === "string" ? m : `text:${normalise(m.text)}`);

/** Every field's count for one document. */
export function scoreDraft(draft: AgreementDraft, label: Label): Record<string, Count> {
  const fields: Record<string, Count> = {};
  fields.language = scalar(label.language, draft.language, same);
  fields.template = scalar(label.template, draft.template, same);
  fields.kind = scalar(label.kind, value(draft.kind), same);
  if ("title" in label) fields.title = scalar(label.title, value(draft.title), sameText);
  for (const [role, expected] of Object.entries(label.parties ?? {})) {
    if (expected === null) continue;
    const party = draft.parties.find((p) => p.role === role);
    fields[`parties.${role}.name`] = scalar(expected?.name, party?.name.value, sameText);
    fields[`parties.${role}.registrationNumber`] = scalar(
      expected?.registrationNumber,
      party ? value(party.registrationNumber) : null,
      sameNumber,
    );
    fields[`parties.${role}.address`] = scalar(expected?.address, party ? value(party.address) : null, sameText);
    fields[`parties.${role}.countryCode`] = scalar(expected?.countryCode, party?.countryCode ?? null, same);
  }
  // Parties the document has but the label does not expect are spurious.
  for (const party of draft.parties)
    if (label.parties && !(party.role in label.parties)) fields[`parties.${party.role}.name`] = { tp: 0, fp: 1, fn: 0 };
  const clauses = label.clauses ?? {};
  for (const [name, expected] of Object.entries(clauses)) {
    if (name === "processorAudit" || name === "subprocessorAudit") {
      const audit = (draft.clauses[name] ?? {}) as AuditTerms;
      for (const [term, exp] of Object.entries((expected ?? {}) as Record<string, unknown>)) {
        const actual = value(audit[term as keyof typeof audit] as Extracted<unknown> | null);
        fields[`clauses.${name}.${term}`] =
          term === "methods" ? list(exp as string[] | null, actual as string[] | null) : scalar(exp, actual, same);
      }
      continue;
    }
    const actual = value(draft.clauses[name as keyof typeof draft.clauses] as Extracted<unknown> | null);
    fields[`clauses.${name}`] =
      name === "processingCountries"
        ? list(expected as string[] | null, actual as string[] | null)
        : scalar(expected, actual, FREE_TEXT.has(name) ? contains : same);
  }
  if (label.dataCategories)
    fields.dataCategories = list(
      label.dataCategories,
      draft.dataCategories.map((c) => c.value.key),
    );
  if (label.dataSubjectCategories)
    fields.dataSubjectCategories = list(
      label.dataSubjectCategories,
      draft.dataSubjectCategories.map((c) => c.value),
    );
  if (label.subprocessors) {
    const names = draft.subprocessors.map((s) => s.value.name);
    const matched = label.subprocessors.filter((e) => names.some((n) => sameCompany(e.name, n)));
    fields.subprocessors = {
      tp: matched.length,
      fp: names.filter((n) => !label.subprocessors!.some((e) => sameCompany(e.name, n))).length,
      fn: label.subprocessors.length - matched.length,
    };
    const details = (key: "registrationNumber" | "countryCode", equal: (a: unknown, b: unknown) => boolean) => {
      const total: Count = { tp: 0, fp: 0, fn: 0 };
      for (const expected of label.subprocessors!) {
        const actual = draft.subprocessors.find((s) => sameCompany(expected.name, s.value.name));
        if (!actual) continue;
        const c = scalar(expected[key], actual.value[key], equal);
        total.tp += c.tp;
        total.fp += c.fp;
        total.fn += c.fn;
      }
      return total;
    };
    fields["subprocessors.registrationNumber"] = details("registrationNumber", sameText);
    fields["subprocessors.countryCode"] = details("countryCode", same);
  }
  if (label.measures)
    fields.measures = list(
      label.measures.map(measureItem),
      draft.measures.map((m) => (m.value.key ? m.value.key : `text:${normalise(m.value.text)}`)),
    );
  if (label.missing) fields.missing = list(label.missing, draft.missing);
  return fields;
}

/** Every citation in the draft, with where it sits, so a broken one can be named. */
export function citationsOf(draft: AgreementDraft): { path: string; citations: Citation[] }[] {
  const found: { path: string; citations: Citation[] }[] = [];
  const visit = (node: unknown, at: string) => {
    if (!node || typeof node !== "object") return;
    if ("citations" in node && "value" in node)
      found.push({ path: at, citations: (node as Extracted<unknown>).citations });
    for (const [k, v] of Object.entries(node))
      if (k !== "citations" && k !== "readings") visit(v, at ? `${at}.${k}` : k);
  };
  visit(draft, "");
  return found;
}

/** A citation is valid when its quote is exactly the span it claims and it names a reference. */
export function invalidCitations(draft: AgreementDraft, text: string): string[] {
  const invalid: string[] = [];
  for (const { path: at, citations } of citationsOf(draft)) {
    if (citations.length === 0) invalid.push(`${at}: no citation`);
    for (const c of citations)
      if (!c.reference || !c.quote || c.quote !== text.slice(c.start, c.end))
        invalid.push(`${at}: ${c.reference} "${c.quote.slice(0, 40)}" is not the span ${c.start}–${c.end}`);
  }
  return invalid;
}

export const labelsDir = (repoRoot: string) => path.join(repoRoot, "test", "fixtures", "dpa-import", "labels");
export const corpusDir = (repoRoot: string) => path.join(repoRoot, "test", "fixtures", "dpa-import", "corpus");

export function documentPath(repoRoot: string, label: Label): string {
  if (label.source === "seed") return path.join(repoRoot, "seeds", "dpas", label.document);
  if (label.source === "corpus") return path.join(corpusDir(repoRoot), "documents", label.document);
  return path.join(repoRoot, "test", "fixtures", "dpa-import", "documents", label.document);
}

const readLabels = (dir: string) =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith(".json"))
        .sort()
        .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as Label)
    : [];

/** The seed and fixture labels, then the corpus's. */
export function loadLabels(repoRoot: string): Label[] {
  return [...readLabels(labelsDir(repoRoot)), ...readLabels(path.join(corpusDir(repoRoot), "labels"))];
}

/** Placeholders and examples the draft took as values: each is a failure however the rest scores. */
export function placeholdersTaken(draft: AgreementDraft, label: Label): string[] {
  const taken: string[] = [];
  const views = new Map<string, unknown>();
  for (const party of draft.parties)
    for (const k of ["name", "registrationNumber", "address"] as const)
      views.set(`parties.${party.role}.${k}`, (party[k] as Extracted<unknown> | null)?.value ?? null);
  for (const [k, v] of Object.entries(draft.clauses)) {
    if (k === "processorAudit" || k === "subprocessorAudit")
      for (const [t, e] of Object.entries(v as object)) views.set(`clauses.${k}.${t}`, value(e as Extracted<unknown>));
    else views.set(`clauses.${k}`, value(v as Extracted<unknown>));
  }
  for (const p of label.placeholders ?? [])
    if ((views.get(p) ?? null) !== null) taken.push(`${p} = ${JSON.stringify(views.get(p))}`);
  const values = [...draft.subprocessors.map((s) => s.value.name), ...draft.parties.map((p) => p.name.value)];
  for (const example of label.examples ?? [])
    for (const v of values) if (normalise(v).includes(normalise(example))) taken.push(`example "${example}" in "${v}"`);
  return taken;
}

/** How many of the labelled placeholders the draft marked PLACEHOLDER (and cited). */
function placeholderCount(draft: AgreementDraft, label: Label): Count {
  const marked = new Set((draft.placeholders ?? []).map((p) => p.path));
  const expected = label.placeholders ?? [];
  const tp = expected.filter((p) => marked.has(p)).length;
  return { tp, fp: 0, fn: expected.length - tp };
}

function scoreOf(label: Label, draft: AgreementDraft, text: string): DocumentScore {
  const fields = scoreDraft(draft, label);
  if (label.placeholders) fields.placeholders = placeholderCount(draft, label);
  return {
    document: label.document,
    source: label.source,
    part: label.part,
    fields,
    placeholdersTaken: placeholdersTaken(draft, label),
    citations: { total: citationsOf(draft).length, invalid: invalidCitations(draft, text) },
  };
}

/** What a document the importer refused yields: nothing, so each labelled value counts as missed. */
const NOTHING_READ = {
  language: null,
  template: null,
  kind: null,
  title: null,
  parties: [],
  clauses: {},
  dataCategories: [],
  dataSubjectCategories: [],
  subprocessors: [],
  measures: [],
  missing: [],
} as unknown as AgreementDraft;

function errorScore(label: Label, e: unknown): DocumentScore {
  const name = (e as Error).name;
  if (label.expectError === name) return { ...scoreOfError(label, name), fields: { error: { tp: 1, fp: 0, fn: 0 } } };
  // An unexpected refusal is a miss of every value the label holds, not a document left out of the sum.
  const missed = label.expectError ? {} : scoreDraft(NOTHING_READ, label);
  if (label.placeholders && !label.expectError) missed.placeholders = placeholderCount(NOTHING_READ, label);
  return {
    ...scoreOfError(label, name),
    fields: { ...missed, error: { tp: 0, fp: 1, fn: label.expectError ? 1 : 0 } },
  };
}

function scoreOfError(label: Label, name: string): DocumentScore {
  return {
    document: label.document,
    source: label.source,
    part: label.part,
    fields: {},
    placeholdersTaken: [],
    citations: { total: 0, invalid: [] },
    error: name,
  };
}

/** Runs the importer on one labelled text document (seeds and fixtures) and scores it. */
export function evaluateDocument(repoRoot: string, label: Label): DocumentScore {
  const text = fs.readFileSync(documentPath(repoRoot, label), "utf8");
  let draft: AgreementDraft;
  try {
    draft = extractAgreementDraft(text);
  } catch (e) {
    return errorScore(label, e);
  }
  if (label.expectError) return { ...scoreOf(label, draft, text), fields: { error: { tp: 0, fp: 0, fn: 1 } } };
  return scoreOf(label, draft, text);
}

/** The bytes an uploader would send for a corpus document: the file itself, or its Word or PDF form. */
export async function uploadOf(repoRoot: string, label: Label): Promise<{ bytes: Buffer; fileName: string }> {
  const file = documentPath(repoRoot, label);
  const bytes = fs.readFileSync(file);
  if (!label.form) return { bytes, fileName: label.document };
  const forms = await import("./corpus-forms");
  const base = label.document.replace(/\.[^.]+$/, "");
  return label.form === "docx"
    ? { bytes: await forms.docxOf(bytes.toString("utf8")), fileName: `${base}.docx` }
    : {
        bytes: await forms.pdfOf((await parseDocument({ bytes, fileName: label.document })).text),
        fileName: `${base}.pdf`,
      };
}

/** Any labelled document, read from bytes as an upload is (corpus), or from its text (seeds, fixtures). */
export async function evaluateLabel(repoRoot: string, label: Label): Promise<DocumentScore> {
  if (label.source !== "corpus") return evaluateDocument(repoRoot, label);
  let parsed: ParsedDocument;
  let draft: AgreementDraft;
  try {
    parsed = await parseDocument(await uploadOf(repoRoot, label));
    draft = extractAgreementDraft(parsed);
  } catch (e) {
    return errorScore(label, e);
  }
  return scoreOf(label, draft, parsed.text);
}

/** A corpus document a browser can print: an HTML or Markdown file (not a built form, not one to be refused). */
export const printable = (label: Label) =>
  label.source === "corpus" && !label.form && !label.expectError && /\.(html?|md|markdown)$/i.test(label.document);

/**
 * A corpus HTML or Markdown document as a user uploads it after printing it from a browser ("Save as PDF"),
 * scored against the same label: the PDF reader on a layout it did not make (tables, running heads and feet).
 */
export async function evaluatePrinted(repoRoot: string, label: Label, printer: Printer): Promise<DocumentScore> {
  const forms = await import("./corpus-forms");
  const source = fs.readFileSync(documentPath(repoRoot, label), "utf8");
  let parsed: ParsedDocument;
  let draft: AgreementDraft;
  try {
    const bytes = await printer.print(forms.pageOf(label.document, source));
    parsed = await parseDocument({ bytes, fileName: label.document.replace(/\.[^.]+$/, ".pdf") });
    draft = extractAgreementDraft(parsed);
  } catch (e) {
    return errorScore(label, e);
  }
  return scoreOf(label, draft, parsed.text);
}

export const precision = (c: Count) => (c.tp + c.fp === 0 ? null : c.tp / (c.tp + c.fp));
export const recall = (c: Count) => (c.tp + c.fn === 0 ? null : c.tp / (c.tp + c.fn));

export function sum(counts: Count[]): Count {
  return counts.reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
}
