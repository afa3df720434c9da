// The register's layout on the way out: the template (headings only, and a guide) and the export (the
// register in the template's layout, so that importing it back is all UNCHANGED). Pure: rows of text.
import { fieldsOf, SHEET_KINDS, SHEETS, SheetKind, TargetField } from "./register-fields";
import type { ExistingRecord, Register } from "./register-import.rules";

export type Lang = "da" | "en";
export const LANGS: readonly Lang[] = ["da", "en"];

export interface LayoutSheet {
  kind: SheetKind;
  name: string;
  headings: string[];
  rows: (string | number)[][];
}

/** The columns of a sheet: the template's all, the export's those it may show. */
function columnsOf(kind: SheetKind, forExport: boolean): TargetField[] {
  return fieldsOf(kind).filter((f) => !forExport || f.exported !== false);
}

export function headingsOf(kind: SheetKind, lang: Lang, forExport = false): string[] {
  return columnsOf(kind, forExport).map((f) => (lang === "da" ? f.da : f.en));
}

/** A value as the template writes it (and the importer reads it back). */
export function formatValue(field: TargetField, value: unknown, lang: Lang): string | number {
  if (value === null || value === undefined) return "";
  switch (field.type) {
    case "yesno":
      return value ? (lang === "da" ? "Ja" : "Yes") : lang === "da" ? "Nej" : "No";
    case "enum":
      return lang === "da" ? (field.labelsDa?.[String(value)] ?? String(value)) : String(value);
    case "countries":
      return Array.isArray(value) ? value.join(", ") : String(value);
    case "categories":
      return Array.isArray(value) ? [...value].sort().join("; ") : String(value);
    case "tags":
      return Array.isArray(value) ? value.map((t) => quoteTag(String(t))).join(", ") : String(value);
    case "int":
      return typeof value === "number" ? value : String(value);
    case "date":
      return value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
    default:
      return String(value);
  }
}

/**
 * A tag as a tags cell writes it: in double quotes (a quote doubled) when it holds a separator (, ; or a line break)
 * or starts with a quote, so that the import (parseTags) reads it back as one tag; else as it is.
 */
export function quoteTag(tag: string): string {
  return /[,;\n\r]/.test(tag) || tag.startsWith('"') ? `"${tag.replace(/"/g, '""')}"` : tag;
}

// One collator for every comparison: localeCompare(…, "da") sets one up per call (most of the layout's time).
const danish = new Intl.Collator("da");
const byName = (a: ExistingRecord, b: ExistingRecord) =>
  danish.compare(String(a.name), String(b.name)) || a.id.localeCompare(b.id);

/** The register in the template's layout: processors, sub-processor engagements, DPAs' key terms. */
export function registerLayout(register: Register, lang: Lang): LayoutSheet[] {
  const processors = [...register.processors].sort(byName);
  const byId = new Map(processors.map((p) => [p.id, p]));
  const order = new Map(processors.map((p, i) => [p.id, i]));
  const rowOf = (kind: SheetKind, record: Record<string, unknown>) =>
    columnsOf(kind, true).map((f) => formatValue(f, record[f.key], lang));

  const engagements = register.engagements
    .filter((e) => byId.has(e.processorId as string) && byId.has(e.subprocessorId as string))
    .sort(
      (a, b) =>
        (order.get(a.processorId as string) as number) - (order.get(b.processorId as string) as number) ||
        (order.get(a.subprocessorId as string) as number) - (order.get(b.subprocessorId as string) as number) ||
        a.id.localeCompare(b.id),
    );
  const agreements = register.agreements
    .filter((a) => byId.has(a.processorId as string))
    .sort(
      (a, b) =>
        (order.get(a.processorId as string) as number) - (order.get(b.processorId as string) as number) ||
        String(a.effectiveFrom ?? "").localeCompare(String(b.effectiveFrom ?? "")) ||
        a.id.localeCompare(b.id),
    );
  const sheets: Record<SheetKind, (string | number)[][]> = {
    processors: processors.map((p) => rowOf("processors", p)),
    subprocessors: engagements.map((e) => {
      const sub = byId.get(e.subprocessorId as string) as ExistingRecord;
      const parent = byId.get(e.processorId as string) as ExistingRecord;
      // The parent's number beside its name: names need not be unique, the import resolves by the number first.
      return rowOf("subprocessors", {
        ...e,
        parent: parent.name,
        parentRegistrationNumber: parent.registrationNumber,
        subprocessor: sub.name,
        subprocessorRegistrationNumber: sub.registrationNumber,
      });
    }),
    agreements: agreements.map((a) =>
      rowOf("agreements", {
        ...a,
        processor: byId.get(a.processorId as string)?.name,
        processorRegistrationNumber: byId.get(a.processorId as string)?.registrationNumber,
      }),
    ),
  };
  return SHEET_KINDS.map((kind) => ({
    kind,
    name: SHEETS[kind][lang],
    headings: headingsOf(kind, lang, true),
    rows: sheets[kind],
  }));
}

/** The template's guide: one row per column of each sheet. */
export function guideRows(lang: Lang): string[][] {
  const head =
    lang === "da"
      ? ["Ark", "Overskrift (dansk)", "Heading (English)", "Påkrævet", "Også genkendt", "Indhold"]
      : ["Sheet", "Heading (Danish)", "Heading (English)", "Required", "Also recognised", "What it takes"];
  const rows = SHEET_KINDS.flatMap((kind) =>
    fieldsOf(kind).map((f) => [
      SHEETS[kind][lang],
      f.da,
      f.en,
      f.required ? (lang === "da" ? "Ja" : "Yes") : "",
      f.synonyms.join(", "),
      f.note,
    ]),
  );
  return [head, ...rows];
}

export const GUIDE_SHEET_NAME: Record<Lang, string> = { da: "Vejledning", en: "Guide" };
