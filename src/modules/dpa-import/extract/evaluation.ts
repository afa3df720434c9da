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
import type { AgreementDraft, Citation, Extracted } from "../draft.types";
import { extractAgreementDraft } from "./index";

export interface Label {
  document: string;
  /** "seed": read from seeds/dpas; "fixture": test/fixtures/dpa-import/documents. */
  source: "seed" | "fixture";
  expectError?: string;
  language?: string;
  template?: string;
  kind?: string;
  title?: string | null;
  parties?: Record<
    string,
    { name: string; registrationNumber: string | null; address: string | null; countryCode: string | null }
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
  source: "seed" | "fixture";
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

function list(expected: string[] | null | undefined, actual: string[] | null | undefined): Count {
  const e = new Set((expected ?? []).map(normalise));
  const a = new Set((actual ?? []).map(normalise));
  const tp = [...a].filter((x) => e.has(x)).length;
  return { tp, fp: a.size - tp, fn: e.size - tp };
}

const measureItem = (m: string | { text: string }) => (typeof m === "string" ? m : `text:${normalise(m.text)}`);

/** Every field's count for one document. */
export function scoreDraft(draft: AgreementDraft, label: Label): Record<string, Count> {
  const fields: Record<string, Count> = {};
  fields.language = scalar(label.language, draft.language, same);
  fields.template = scalar(label.template, draft.template, same);
  fields.kind = scalar(label.kind, value(draft.kind), same);
  fields.title = scalar(label.title, value(draft.title), sameText);
  for (const [role, expected] of Object.entries(label.parties ?? {})) {
    const party = draft.parties.find((p) => p.role === role);
    fields[`parties.${role}.name`] = scalar(expected?.name, party?.name.value, sameText);
    fields[`parties.${role}.registrationNumber`] = scalar(
      expected?.registrationNumber,
      party ? value(party.registrationNumber) : null,
      sameText,
    );
    fields[`parties.${role}.address`] = scalar(expected?.address, party ? value(party.address) : null, sameText);
    fields[`parties.${role}.countryCode`] = scalar(expected?.countryCode, party?.countryCode ?? null, same);
  }
  // Parties the document has but the label does not expect are spurious.
  for (const party of draft.parties)
    if (!label.parties?.[party.role]) fields[`parties.${party.role}.name`] = { tp: 0, fp: 1, fn: 0 };
  const clauses = label.clauses ?? {};
  for (const [name, expected] of Object.entries(clauses)) {
    if (name === "processorAudit" || name === "subprocessorAudit") {
      const audit = draft.clauses[name];
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
    fields.subprocessors = list(
      label.subprocessors.map((s) => s.name),
      draft.subprocessors.map((s) => s.value.name),
    );
    const details = (key: "registrationNumber" | "countryCode", equal: (a: unknown, b: unknown) => boolean) => {
      const total: Count = { tp: 0, fp: 0, fn: 0 };
      for (const expected of label.subprocessors!) {
        const actual = draft.subprocessors.find((s) => sameText(s.value.name, expected.name));
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

export function documentPath(repoRoot: string, label: Label): string {
  return label.source === "seed"
    ? path.join(repoRoot, "seeds", "dpas", label.document)
    : path.join(repoRoot, "test", "fixtures", "dpa-import", "documents", label.document);
}

export function loadLabels(repoRoot: string): Label[] {
  const dir = labelsDir(repoRoot);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as Label);
}

/** Runs the importer on one labelled document and scores it. */
export function evaluateDocument(repoRoot: string, label: Label): DocumentScore {
  const text = fs.readFileSync(documentPath(repoRoot, label), "utf8");
  const score: DocumentScore = {
    document: label.document,
    source: label.source,
    fields: {},
    citations: { total: 0, invalid: [] },
  };
  let draft: AgreementDraft;
  try {
    draft = extractAgreementDraft(text);
  } catch (e) {
    const name = (e as Error).name;
    score.error = name;
    score.fields.error =
      label.expectError === name ? { tp: 1, fp: 0, fn: 0 } : { tp: 0, fp: 1, fn: label.expectError ? 1 : 0 };
    return score;
  }
  if (label.expectError) {
    score.fields.error = { tp: 0, fp: 0, fn: 1 };
    return score;
  }
  score.fields = scoreDraft(draft, label);
  score.citations = { total: citationsOf(draft).length, invalid: invalidCitations(draft, text) };
  return score;
}

export const precision = (c: Count) => (c.tp + c.fp === 0 ? null : c.tp / (c.tp + c.fp));
export const recall = (c: Count) => (c.tp + c.fn === 0 ? null : c.tp / (c.tp + c.fn));

export function sum(counts: Count[]): Count {
  return counts.reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
}
