// The register import's plan, as a pure function of the file's sheets, the user's column corrections and
// the organization's register as it stands: which sheet is what, which column is which field, and for
// every row what would be written (CREATE, UPDATE with the changed fields, UNCHANGED) or why not
// (REJECTED), with every problem named by sheet, row, column and rule. Nothing here touches the database.
import type { UserErrorCode } from "../../common/errors";
import { charCount, withinChars } from "../../common/text-length";
import { companyNameKey as nameKey, contractDatesProblem, registrationKey } from "../processors/processor.rules";
import { EngagementStatus } from "../subprocessors/engagement.entity";
import { removalDateRule } from "../subprocessors/engagement.rules";
import { fieldsOf, SHEET_KINDS, SHEETS, SheetKind, TargetField } from "./register-fields";
import {
  Cell,
  CategoryEntry,
  cellErrorRule,
  cellText,
  isCellError,
  columnLetter,
  isEmptyCell,
  normalizeHeading,
  parseCategories,
  parseCountries,
  parseCountry,
  parseDate,
  parseEnum,
  Parsed,
  parseInt32,
  parseRegistration,
  parseTags,
  parseYesNo,
} from "./register-values.rules";

export interface SourceSheet {
  name: string;
  /** Every row from the sheet's first row (index 0 is spreadsheet row 1); a missing row is []. */
  rows: Cell[][];
}

export interface ColumnCorrection {
  sheet: string;
  /** Column letter (C) or heading as written. */
  column: string;
  /** A field of the sheet's kind, or null to ignore the column. */
  field: string | null;
}

export type RowAction = "CREATE" | "UPDATE" | "UNCHANGED" | "REJECTED";
export type Severity = "ERROR" | "WARNING";

export interface Problem {
  sheet: string;
  /** Spreadsheet row (1-based); null for a problem of the whole sheet or column. */
  row: number | null;
  /** Column letter; null for a problem of a whole row or sheet. */
  column: string | null;
  heading: string | null;
  field: string | null;
  code: UserErrorCode;
  rule: string;
  severity: Severity;
}

export interface PlannedColumn {
  letter: string;
  heading: string;
  field: string | null;
  mappedBy: "HEADING" | "CORRECTION" | null;
}

export interface PlannedSheet {
  name: string;
  kind: SheetKind | null;
  headerRow: number | null;
  rowsRead: number;
  emptyRowsSkipped: number;
  columns: PlannedColumn[];
}

export interface Change {
  field: string;
  from: string | null;
  to: string | null;
}

/** A processor already in the register or planned by a row of the plan. */
export type Ref = { existing: string } | { planned: number };

export interface PlannedRow {
  sheet: string;
  row: number;
  /** What the row writes: a processor, an engagement (sub-processor sheet) or an agreement. */
  kind: SheetKind;
  action: RowAction;
  label: string;
  /** The record updated (or found unchanged), with the version the plan read. */
  recordId: string | null;
  recordVersion: number | null;
  /** The record's fields as the row wants them (service input field names). */
  values: Record<string, unknown>;
  changes: Change[];
  /** For an engagement: parent and sub-processor; for an agreement: its processor. */
  refs: Record<string, Ref>;
  /** A sub-processor registered because a sub-processor row names a company the register does not know. */
  implicit?: boolean;
}

export interface PlanCounts {
  create: number;
  update: number;
  unchanged: number;
  rejected: number;
}

export interface Plan {
  sheets: PlannedSheet[];
  rows: PlannedRow[];
  problems: Problem[];
  rowsRead: number;
  counts: PlanCounts;
  /** Problems that stop the whole plan from being applied (a missing required column, a bad correction). */
  blocking: number;
  /** Every problem found, kept or not (plans stored before the bound have none: problems.length). */
  problemCount?: number;
  /** The problems not kept, counted per sheet, column and code (see PLAN_PROBLEMS_PER_COLUMN). */
  problemsOmitted?: OmittedProblems[];
}

/** Problems of one sheet column and code beyond the first PLAN_PROBLEMS_PER_COLUMN: counted, not kept. */
export interface OmittedProblems {
  sheet: string;
  column: string | null;
  field: string | null;
  code: UserErrorCode;
  count: number;
}

/**
 * Problems kept in a plan per sheet, column and code (the same rule broken down a column): the first 100, in row
 * order; the others are counted (problemsOmitted, problemCount). A file of 50,000 rows with every value wrong
 * made 400,000 problems, a 104 MB plan whose INSERT ran past the statement timeout; bounded, a plan holds at most
 * 100 problems × columns × codes (plus problems of whole sheets, all kept) whatever the number of rows.
 */
export const PLAN_PROBLEMS_PER_COLUMN = 100;

/** The problems kept (every problem of a whole sheet, at most PLAN_PROBLEMS_PER_COLUMN per column and code). */
export function boundProblems(problems: Problem[]): { kept: Problem[]; omitted: OmittedProblems[] } {
  const seen = new Map<string, number>();
  const omitted = new Map<string, OmittedProblems>();
  const kept: Problem[] = [];
  for (const p of problems) {
    if (p.row === null) {
      kept.push(p);
      continue;
    }
    const key = JSON.stringify([p.sheet, p.column, p.field, p.code]);
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n <= PLAN_PROBLEMS_PER_COLUMN) kept.push(p);
    else {
      const o = omitted.get(key);
      if (o) o.count++;
      else omitted.set(key, { sheet: p.sheet, column: p.column, field: p.field, code: p.code, count: 1 });
    }
  }
  return { kept, omitted: [...omitted.values()] };
}

export interface ExistingRecord {
  id: string;
  version: number;
  [field: string]: unknown;
}

export interface Register {
  processors: ExistingRecord[];
  /** Engagements: processorId, subprocessorId and their fields. */
  engagements: ExistingRecord[];
  /** The controller's DPAs: processorId, title and key terms, dataCategories as keys. */
  agreements: ExistingRecord[];
  categories: CategoryEntry[];
}

/** The service's validation of a row's would-be input (the API's class-validator rules), by field. */
export type RowCheck = (
  kind: SheetKind,
  action: "CREATE" | "UPDATE",
  values: Record<string, unknown>,
) => { field: string; code: UserErrorCode; rule: string }[];

// --- sheets and columns -----------------------------------------------------------------------------------

/**
 * The heading without its bracketed parts ("Land (ISO)" → "Land "), as /\([^)]*\)|\[[^\]]*\]/g would remove them,
 * in one pass: that regex scans to the end of the heading from every "(" that is never closed, so a 30 KB heading
 * of "(" took seconds per field in the request thread, holding every tenant's requests.
 */
export function withoutBrackets(heading: string): string {
  let out = "";
  let i = 0;
  // Where the last search for a closing bracket found none: no later search can find one either.
  const unclosed = { ")": false, "]": false };
  while (i < heading.length) {
    const ch = heading[i];
    const close = ch === "(" ? ")" : ch === "[" ? "]" : null;
    if (close && !unclosed[close]) {
      const j = heading.indexOf(close, i + 1);
      if (j >= 0) {
        i = j + 1;
        continue;
      }
      unclosed[close] = true;
    }
    out += ch;
    i++;
  }
  return out;
}

/** A heading's normalized forms, kept for the last heading: every field of a sheet kind is matched against it. */
let lastHeading: { heading: string; h: string; bare: string } | null = null;

function headingForms(heading: string): { h: string; bare: string } {
  if (lastHeading?.heading !== heading)
    lastHeading = { heading, h: normalizeHeading(heading), bare: normalizeHeading(withoutBrackets(heading)) };
  return lastHeading;
}

function headingMatch(field: TargetField, heading: string): 0 | 1 | 2 {
  const { h, bare } = headingForms(heading);
  if (!h) return 0;
  if (h === normalizeHeading(field.da) || h === normalizeHeading(field.en)) return 2;
  if (field.synonyms.some((s) => normalizeHeading(s) === h)) return 1;
  if (bare && bare !== h) {
    if (bare === normalizeHeading(field.da) || bare === normalizeHeading(field.en)) return 2;
    if (field.synonyms.some((s) => normalizeHeading(s) === bare)) return 1;
  }
  return 0;
}

/** The field a heading names in a sheet of this kind (its own headings before synonyms), if any. */
export function fieldOfHeading(kind: SheetKind, heading: string): TargetField | null {
  let best: TargetField | null = null;
  let score = 0;
  for (const f of fieldsOf(kind)) {
    const s = headingMatch(f, heading);
    if (s > score) [best, score] = [f, s];
  }
  return best;
}

export function sheetKindOfName(name: string): SheetKind | null {
  const n = normalizeHeading(name);
  for (const kind of SHEET_KINDS) {
    const s = SHEETS[kind];
    if ([s.da, s.en, ...s.synonyms].some((w) => normalizeHeading(w) === n)) return kind;
  }
  return null;
}

function recognised(kind: SheetKind, row: Cell[]): number {
  return row.filter((c) => typeof c === "string" && fieldOfHeading(kind, c)).length;
}

/** The template's guide (and users' own notes sheets by these names) is never read as a register. */
export const GUIDE_SHEETS = new Set(["vejledning", "guide", "instructions", "instruktioner", "readme", "noter"]);

/** The header row (first 10 non-empty rows: the one naming most fields) and the sheet's kind. */
export function detectSheet(sheet: SourceSheet): { kind: SheetKind | null; headerIndex: number | null } {
  if (GUIDE_SHEETS.has(normalizeHeading(sheet.name))) return { kind: null, headerIndex: null };
  const byName = sheetKindOfName(sheet.name);
  let best: { kind: SheetKind; index: number; score: number } | null = null;
  let seen = 0;
  for (let i = 0; i < sheet.rows.length && seen < 10; i++) {
    const row = sheet.rows[i];
    if (!row.some((c) => !isEmptyCell(c))) continue;
    seen++;
    for (const kind of byName ? [byName] : SHEET_KINDS) {
      const score = recognised(kind, row);
      if (score > 0 && (!best || score > best.score)) best = { kind, index: i, score };
    }
  }
  if (!best) return { kind: byName, headerIndex: null };
  // A sheet named by its headings needs its identifying field among them (a "Notes" sheet is not a register).
  if (!byName) {
    const required = fieldsOf(best.kind).filter((f) => f.required);
    const header = sheet.rows[best.index];
    if (!required.some((f) => header.some((c) => typeof c === "string" && headingMatch(f, c))))
      return { kind: null, headerIndex: null };
  }
  return { kind: best.kind, headerIndex: best.index };
}

/** The corrections of a sheet that name no column of it, or a column another correction names too. */
function correctionProblems(
  sheetName: string,
  columns: readonly PlannedColumn[],
  corrections: readonly ColumnCorrection[],
): Problem[] {
  const problems: Problem[] = [];
  const byColumn = new Map<string, ColumnCorrection>();
  const last = columns.length ? columns[columns.length - 1].letter : null;
  for (const c of corrections) {
    if (c.sheet !== sheetName) continue;
    const hit = columns.filter((col) => correctionNames(c, col.letter, col.heading));
    const column = JSON.stringify(c.column.slice(0, 80));
    if (!hit.length) {
      problems.push(
        sheetProblem(
          sheetName,
          null,
          `columnMapping: column ${column} is neither a column of the sheet (${last ? `A–${last}` : "none"}) ` +
            "nor one of its headings",
        ),
      );
      continue;
    }
    for (const col of hit) {
      const before = byColumn.get(col.letter);
      if (before && before !== c) {
        problems.push({
          ...sheetProblem(
            sheetName,
            col.letter,
            `columnMapping: column ${col.letter} is mapped twice (to ${before.field ?? "null"} and to ` +
              `${c.field ?? "null"}): map it once`,
          ),
          heading: col.heading,
        });
      } else byColumn.set(col.letter, c);
    }
  }
  return problems;
}

/** Whether a correction names the column of this letter and heading (by letter, or by heading as written). */
function correctionNames(c: ColumnCorrection, letter: string, heading: string): boolean {
  return (
    c.column.trim().toUpperCase() === letter || (!!heading && normalizeHeading(c.column) === normalizeHeading(heading))
  );
}

function mapColumns(
  sheet: SourceSheet,
  kind: SheetKind,
  headerIndex: number,
  corrections: readonly ColumnCorrection[],
  problems: Problem[],
): PlannedColumn[] {
  const header = sheet.rows[headerIndex];
  // A loop, not Math.max(...rows): spreading a sheet's rows as arguments overflows the stack at a few 100,000 rows.
  let width = header.length;
  for (let i = headerIndex; i < sheet.rows.length; i++) width = Math.max(width, sheet.rows[i].length);
  const columns: PlannedColumn[] = [];
  for (let i = 0; i < width; i++) {
    const heading = cellText(header[i] ?? null);
    const letter = columnLetter(i);
    const correction = corrections.find((c) => c.sheet === sheet.name && correctionNames(c, letter, heading));
    if (correction) {
      columns.push({ letter, heading, field: correction.field, mappedBy: "CORRECTION" });
      continue;
    }
    const field = heading ? fieldOfHeading(kind, heading) : null;
    columns.push({ letter, heading, field: field?.key ?? null, mappedBy: field ? "HEADING" : null });
  }
  // One column per field: a correction wins, then the best heading, then the first column.
  const byField = new Map<string, PlannedColumn>();
  const rank = (c: PlannedColumn) => {
    if (c.mappedBy === "CORRECTION") return 3;
    const f = fieldsOf(kind).find((x) => x.key === c.field);
    return f ? headingMatch(f, c.heading) : 0;
  };
  for (const c of columns) {
    if (!c.field) continue;
    const held = byField.get(c.field);
    if (!held || rank(c) > rank(held)) byField.set(c.field, c);
  }
  for (const c of columns) {
    if (c.field && byField.get(c.field) !== c) {
      const held = byField.get(c.field) as PlannedColumn;
      problems.push({
        sheet: sheet.name,
        row: headerIndex + 1,
        column: c.letter,
        heading: c.heading,
        field: c.field,
        code: "DUPLICATE",
        rule: `column ${held.letter} ("${held.heading}") is already ${c.field}; this column is ignored`,
        severity: "WARNING",
      });
      c.field = null;
      c.mappedBy = null;
    } else if (!c.field && c.heading && c.mappedBy !== "CORRECTION") {
      problems.push({
        sheet: sheet.name,
        row: headerIndex + 1,
        column: c.letter,
        heading: c.heading,
        field: null,
        code: "INVALID",
        rule: `unknown column "${c.heading.slice(0, 80)}" is ignored (correct it with columnMapping)`,
        severity: "WARNING",
      });
    }
  }
  return columns;
}

// --- values -----------------------------------------------------------------------------------------------

/**
 * The cell's lines trimmed and joined by `separator`, blank lines dropped: what .replace(/\s*\n\s*\/g, separator)
 * gives for a trimmed cell, in one pass. That regex scans a whole run of spaces from each of its positions, so a
 * cell of 60,000 spaces between two words held the request thread (every tenant) for about 3 s.
 */
export function foldLines(text: string, separator: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .join(separator);
}

function parseValue(field: TargetField, cell: Cell, categories: readonly CategoryEntry[]): Parsed<unknown> {
  switch (field.type) {
    case "text":
    case "ref": {
      const text = foldLines(cellText(cell), field.maxLength && field.maxLength > 500 ? "\n" : " ");
      if (field.maxLength && !withinChars(text, field.maxLength))
        return {
          ok: false,
          code: "TOO_LONG",
          rule: `at most ${field.maxLength} characters (${charCount(text)} given)`,
        };
      return { ok: true, value: text };
    }
    case "registration":
      return parseRegistration(cell);
    case "country":
      return parseCountry(cell);
    case "countries":
      return parseCountries(cell);
    case "date":
      return parseDate(cell);
    case "yesno":
      return parseYesNo(cell);
    case "int":
      return parseInt32(cell, 0, 8760);
    case "enum":
      return parseEnum(cell, field.values ?? {});
    case "categories":
      return parseCategories(cell, categories);
    case "tags":
      return parseTags(cell);
  }
}

/** How a value reads in a change and how two values are compared. */
export function display(value: unknown): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (Array.isArray(value)) return value.length ? [...value].map(String).sort().join(", ") : null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

/**
 * Whether a stored value is the value a row wants. Text is compared as the import reads a cell (parseValue: lines
 * trimmed, blank lines dropped, CRLF or CR as a line break, joined by a line break or a space), so that text stored
 * through the API ("x\r\ny", "  x") is UNCHANGED against its own export, which a spreadsheet or CSV gives back so.
 */
function sameValue(field: TargetField | undefined, existing: unknown, wanted: unknown): boolean {
  if (field?.key === "registrationNumber")
    return registrationKey(existing as string | null) === registrationKey(wanted as string | null);
  if (field?.type === "text" && typeof existing === "string") {
    const read = parseValue(field, existing, []);
    if (read.ok) return display(read.value) === display(wanted);
  }
  return display(existing) === display(wanted);
}

// --- the plan ---------------------------------------------------------------------------------------------

/** Several processors (of the register as it will be after the file's processor rows) answer to one name. */
export interface Ambiguous {
  ambiguous: Ref[];
}

/**
 * The processors a row may name, as the register will be after the file's processor rows: by registration number
 * (one processor a number), by name and by legal name (any number of processors: names need not be unique). A
 * processor row that matches one replaces its names and number with the row's.
 */
class ProcessorIndex {
  private byReg = new Map<string, Ref>();
  private byName = new Map<string, Map<string, Ref>>();
  private byLegalName = new Map<string, Map<string, Ref>>();
  private keysOf = new Map<string, { reg: string | null; name: string | null; legal: string | null }>();
  /** Each processor's registration number as written (for messages), by refKey. */
  readonly numberOf = new Map<string, string | null>();

  add(ref: Ref, name: string | null, legalName: string | null, registration: string | null, replace = false) {
    const key = refKey(ref);
    const old = this.keysOf.get(key);
    if (old && replace) {
      if (old.reg && this.byReg.get(old.reg) && refKey(this.byReg.get(old.reg) as Ref) === key)
        this.byReg.delete(old.reg);
      if (old.name) this.byName.get(old.name)?.delete(key);
      if (old.legal) this.byLegalName.get(old.legal)?.delete(key);
    }
    const reg = registrationKey(registration);
    if (reg && (replace || !this.byReg.has(reg))) this.byReg.set(reg, ref);
    const put = (map: Map<string, Map<string, Ref>>, k: string | null) => {
      if (!k) return;
      const refs = map.get(k) ?? new Map<string, Ref>();
      refs.set(key, ref);
      map.set(k, refs);
    };
    const names = { reg, name: name ? nameKey(name) : null, legal: legalName ? nameKey(legalName) : null };
    put(this.byName, names.name);
    put(this.byLegalName, names.legal);
    this.keysOf.set(key, names);
    this.numberOf.set(key, registration);
  }

  /** The processors of a name: those of that name, else those of that legal name; none, one, or several. */
  private named(name: string): Ref[] {
    const k = nameKey(name);
    const byName = [...(this.byName.get(k)?.values() ?? [])];
    return byName.length ? byName : [...(this.byLegalName.get(k)?.values() ?? [])];
  }

  private oneOf(refs: Ref[]): Ref | Ambiguous | null {
    return refs.length === 0 ? null : refs.length === 1 ? refs[0] : { ambiguous: refs };
  }

  /** A processor row's company: by registration number, else by name (several of that name: ambiguous). */
  find(name: string | null, registration: string | null): { ref: Ref; by: "registration" | "name" } | Ambiguous | null {
    const reg = registrationKey(registration);
    const r = reg ? this.byReg.get(reg) : undefined;
    if (r) return { ref: r, by: "registration" };
    const found = name ? this.oneOf(this.named(name)) : null;
    return found && !("ambiguous" in found) ? { ref: found, by: "name" } : found;
  }

  /**
   * A reference written as a name or a registration number, with the number of its own column if the row has one:
   * the number first; a number of no processor names the processor of that name only if it has no number (else
   * "number"). Several processors of the name and no number to choose: ambiguous, never a guess.
   */
  findText(text: string, registration: string | null = null): Ref | Ambiguous | "number" | null {
    const reg = registrationKey(registration);
    if (reg) {
      const r = this.byReg.get(reg);
      if (r) return r;
      const named = this.named(text);
      return named.length === 1 && !this.keysOf.get(refKey(named[0]))?.reg ? named[0] : "number";
    }
    const cvr = parseRegistration(text);
    if (cvr.ok && cvr.value.cvr) {
      const r = this.byReg.get(registrationKey(cvr.value.number) as string);
      if (r) return r;
    }
    return this.byReg.get(registrationKey(text) as string) ?? this.oneOf(this.named(text));
  }
}

export const refKey = (ref: Ref) => ("existing" in ref ? `e:${ref.existing}` : `p:${ref.planned}`);

interface RowContext {
  sheet: SourceSheet;
  index: number;
  cells: Cell[];
  columns: PlannedColumn[];
  kind: SheetKind;
  problems: Problem[];
}

function problemAt(
  ctx: RowContext,
  field: string | null,
  code: UserErrorCode,
  rule: string,
  severity: Severity = "ERROR",
): Problem {
  const column = field ? ctx.columns.find((c) => c.field === field) : undefined;
  const p: Problem = {
    sheet: ctx.sheet.name,
    row: ctx.index + 1,
    column: column?.letter ?? null,
    heading: column?.heading ?? null,
    field,
    code,
    rule,
    severity,
  };
  ctx.problems.push(p);
  return p;
}

/** The row's parsed values by field (cells left empty are absent), and its problems. */
function readRow(ctx: RowContext, categories: readonly CategoryEntry[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const f of fieldsOf(ctx.kind)) {
    const column = ctx.columns.findIndex((c) => c.field === f.key);
    const cell = column >= 0 ? (ctx.cells[column] ?? null) : null;
    if (isEmptyCell(cell)) {
      if (f.required) problemAt(ctx, f.key, "REQUIRED", `${f.en} (${f.da}) is required`);
      continue;
    }
    if (isCellError(cell)) {
      problemAt(ctx, f.key, "INVALID", cellErrorRule(cell));
      continue;
    }
    const parsed = parseValue(f, cell, categories);
    if (parsed.ok) values[f.key] = parsed.value;
    else problemAt(ctx, f.key, parsed.code, parsed.rule);
  }
  return values;
}

function diff(existing: ExistingRecord, wanted: Record<string, unknown>, fields: readonly TargetField[]): Change[] {
  const changes: Change[] = [];
  for (const f of fields) {
    const field = f.key;
    if (!(field in wanted)) continue;
    if (!sameValue(f, existing[field], wanted[field]))
      changes.push({ field, from: display(existing[field]), to: display(wanted[field]) });
  }
  return changes;
}

const PROCESSOR_FIELDS = fieldsOf("processors");
const ENGAGEMENT_FIELDS = fieldsOf("subprocessors").filter((f) =>
  ["countries", "transferMechanism", "purpose", "status"].includes(f.key),
);
const AGREEMENT_FIELDS = fieldsOf("agreements").filter((f) => f.type !== "ref" && f.type !== "registration");

/**
 * Rows planned between two turns of the event loop. Planning runs in the request thread (the API's validation
 * of each row takes ~40 µs, 2 s for 50,000 rows): every PLAN_ROWS_PER_TURN rows it yields (setImmediate), so other
 * tenants' requests are answered between the turns (~20 ms each) rather than after the whole plan.
 */
export const PLAN_ROWS_PER_TURN = 500;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The plan of a register file against the register as it stands. Processor sheets are planned first, then
 * sub-processor sheets (their parents and sub-processors may be rows of the processor sheets), then
 * agreement sheets, whatever the order of the sheets in the file. Yields to the event loop every
 * PLAN_ROWS_PER_TURN rows; the plan is the same as if it did not.
 */
export async function planRegister(
  sheets: readonly SourceSheet[],
  corrections: readonly ColumnCorrection[],
  register: Register,
  check: RowCheck = () => [],
): Promise<Plan> {
  const problems: Problem[] = [];
  const plannedSheets: PlannedSheet[] = [];
  const rows: PlannedRow[] = [];
  let blocking = 0;

  for (const c of corrections) {
    if (!sheets.some((s) => s.name === c.sheet)) {
      problems.push(sheetProblem(c.sheet, null, `columnMapping names no sheet "${c.sheet}"`));
      blocking++;
    }
  }

  const detected = sheets.map((sheet) => {
    const { kind, headerIndex } = detectSheet(sheet);
    const planned: PlannedSheet = {
      name: sheet.name,
      kind,
      headerRow: headerIndex === null ? null : headerIndex + 1,
      rowsRead: 0,
      emptyRowsSkipped: 0,
      columns: [],
    };
    plannedSheets.push(planned);
    if (kind === null || headerIndex === null) {
      if (corrections.some((c) => c.sheet === sheet.name)) {
        problems.push(
          sheetProblem(sheet.name, null, "columnMapping: the sheet has no register headings, so it is not read"),
        );
        blocking++;
      }
      const guide = GUIDE_SHEETS.has(normalizeHeading(sheet.name));
      if (!guide && sheet.rows.some((r) => r.some((c) => !isEmptyCell(c))))
        problems.push({
          ...sheetProblem(sheet.name, null, "no register headings found: the sheet is not read"),
          severity: "WARNING",
        });
      return null;
    }
    planned.columns = mapColumns(sheet, kind, headerIndex, corrections, problems);
    for (const p of correctionProblems(sheet.name, planned.columns, corrections)) {
      problems.push(p);
      blocking++;
    }
    for (const c of planned.columns) {
      if (c.mappedBy === "CORRECTION" && c.field && !fieldsOf(kind).some((f) => f.key === c.field)) {
        problems.push({
          ...sheetProblem(sheet.name, c.letter, `columnMapping: ${c.field} is not a field of the ${kind} sheet`),
          heading: c.heading,
        });
        blocking++;
        c.field = null;
      }
    }
    const missing = fieldsOf(kind).filter((f) => f.required && !planned.columns.some((c) => c.field === f.key));
    for (const f of missing) {
      problems.push({
        ...sheetProblem(sheet.name, null, `the required column ${f.en} (${f.da}) is missing`),
        field: f.key,
        code: "REQUIRED",
      });
      blocking++;
    }
    for (let i = headerIndex + 1; i < sheet.rows.length; i++) {
      if (sheet.rows[i].some((c) => !isEmptyCell(c))) planned.rowsRead++;
      else planned.emptyRowsSkipped++;
    }
    return missing.length ? null : { sheet, kind, headerIndex, columns: planned.columns };
  });

  const index = new ProcessorIndex();
  for (const p of register.processors)
    index.add(
      { existing: p.id },
      p.name as string,
      (p.legalName as string | null) ?? null,
      (p.registrationNumber as string | null) ?? null,
    );
  const processorById = new Map(register.processors.map((p) => [p.id, p]));
  const claimed = new Map<string, number>();

  const reject = (row: PlannedRow) => {
    row.action = "REJECTED";
    row.changes = [];
  };
  const checked = (row: PlannedRow, ctx: RowContext) => {
    if (row.action === "REJECTED" || row.action === "UNCHANGED") return;
    for (const e of check(row.kind, row.action, row.values)) problemAt(ctx, e.field, e.code, e.rule);
    if (row.kind === "processors") {
      // The contract dates' order, on the record as it would be after the row (processors' own rule).
      const existing = row.recordId ? processorById.get(row.recordId) : undefined;
      const date = (f: string) => ((f in row.values ? row.values[f] : existing?.[f]) ?? null) as string | null;
      const problem = contractDatesProblem({
        contractStartOn: date("contractStartOn"),
        renewalOn: date("renewalOn"),
        noticeOn: date("noticeOn"),
      });
      if (problem) problemAt(ctx, problem[0], "OUT_OF_RANGE", problem[1]);
    }
    if (ctx.problems.some((p) => p.severity === "ERROR")) reject(row);
  };
  const refRejected = (ref: Ref) => "planned" in ref && rows[ref.planned].action === "REJECTED";
  const labelOf = (ref: Ref) =>
    "existing" in ref ? String(processorById.get(ref.existing)?.name ?? "") : rows[ref.planned].label;

  let sinceTurn = 0;
  const each = async (kind: SheetKind, fn: (ctx: RowContext) => void) => {
    for (const d of detected) {
      if (!d || d.kind !== kind) continue;
      for (let i = d.headerIndex + 1; i < d.sheet.rows.length; i++) {
        if (++sinceTurn >= PLAN_ROWS_PER_TURN) {
          sinceTurn = 0;
          await nextTurn();
        }
        const cells = d.sheet.rows[i];
        if (!cells.some((c) => !isEmptyCell(c))) continue;
        const ctx: RowContext = { sheet: d.sheet, index: i, cells, columns: d.columns, kind, problems: [] };
        fn(ctx);
        problems.push(...ctx.problems);
      }
    }
  };
  const newRow = (ctx: RowContext, label: string, values: Record<string, unknown>): PlannedRow => ({
    sheet: ctx.sheet.name,
    row: ctx.index + 1,
    kind: ctx.kind,
    action: "CREATE",
    label,
    recordId: null,
    recordVersion: null,
    values,
    changes: [],
    refs: {},
  });

  // Processors.
  await each("processors", (ctx) => {
    const values = readRow(ctx, register.categories);
    const name = (values.name as string | undefined) ?? "";
    const reg = (values.registrationNumber as { number: string; cvr: boolean } | undefined) ?? null;
    if (reg) values.registrationNumber = reg.number;
    const row = newRow(ctx, name || `row ${ctx.index + 1}`, values);
    rows.push(row);
    const at = rows.length - 1;
    if (ctx.problems.some((p) => p.severity === "ERROR")) return reject(row);
    const found = index.find(name, reg?.number ?? null);
    if (found && "ambiguous" in found) {
      problemAt(ctx, "name", "INVALID", ambiguousRule(index, name, found, "processors", "registrationNumber"));
      return reject(row);
    }
    if (found && "planned" in found.ref) {
      const first = rows[found.ref.planned];
      problemAt(
        ctx,
        found.by === "registration" ? "registrationNumber" : "name",
        "DUPLICATE",
        `the same company as ${first.sheet} row ${first.row} (same ${found.by})`,
      );
      return reject(row);
    }
    if (found && "existing" in found.ref) {
      const existing = processorById.get(found.ref.existing) as ExistingRecord;
      const existingReg = registrationKey(existing.registrationNumber as string | null);
      if (found.by === "name" && reg && existingReg && existingReg !== registrationKey(reg.number)) {
        problemAt(
          ctx,
          "registrationNumber",
          "DUPLICATE",
          `a processor named "${existing.name}" is registered with number ${existing.registrationNumber}; ` +
            `this row says ${reg.number}: correct the number or the name`,
        );
        return reject(row);
      }
      const before = claimed.get(existing.id);
      if (before !== undefined) {
        const first = rows[before];
        problemAt(
          ctx,
          found.by === "registration" ? "registrationNumber" : "name",
          "DUPLICATE",
          `the same company as ${first.sheet} row ${first.row} (processor "${existing.name}")`,
        );
        return reject(row);
      }
      claimed.set(existing.id, at);
      row.recordId = existing.id;
      row.recordVersion = existing.version;
      row.label = String(existing.name);
      row.changes = diff(existing, values, PROCESSOR_FIELDS);
      row.action = row.changes.length ? "UPDATE" : "UNCHANGED";
    } else {
      if (reg?.cvr) values.registrationScheme = "CVR";
      if (!("direct" in values)) values.direct = true;
    }
    checked(row, ctx);
    // The processor as it will be after the row: its name, and its legal name and number where the row has none.
    const stored = row.recordId ? processorById.get(row.recordId) : undefined;
    if (row.action !== "REJECTED")
      index.add(
        row.recordId ? { existing: row.recordId } : { planned: at },
        name,
        ((values.legalName ?? stored?.legalName) as string | undefined) ?? null,
        reg?.number ?? ((stored?.registrationNumber as string | null | undefined) || null),
        true,
      );
  });

  // Sub-processor engagements.
  const pairs = new Map<string, number>();
  await each("subprocessors", (ctx) => {
    const values = readRow(ctx, register.categories);
    const parentText = (values.parent as string | undefined) ?? "";
    const parentReg = (values.parentRegistrationNumber as { number: string } | undefined)?.number ?? null;
    const subName = (values.subprocessor as string | undefined) ?? "";
    const reg = (values.subprocessorRegistrationNumber as { number: string; cvr: boolean } | undefined) ?? null;
    delete values.parent;
    delete values.parentRegistrationNumber;
    delete values.subprocessor;
    delete values.subprocessorRegistrationNumber;
    const row = newRow(ctx, `${parentText} → ${subName}`, values);
    if (ctx.problems.some((p) => p.severity === "ERROR")) {
      rows.push(row);
      return reject(row);
    }
    const parent = index.findText(parentText, parentReg);
    if (!parent)
      problemAt(ctx, "parent", "NOT_FOUND", `no processor "${parentText.slice(0, 80)}" in the register or file`);
    else if (parent === "number") problemAt(ctx, "parentRegistrationNumber", "NOT_FOUND", noNumberRule(parentReg));
    else if ("ambiguous" in parent)
      problemAt(
        ctx,
        "parent",
        "INVALID",
        ambiguousRule(index, parentText, parent, "subprocessors", "parentRegistrationNumber"),
      );
    else if (refRejected(parent))
      problemAt(ctx, "parent", "INVALID", `the processor's own row (${rowName(rows, parent)}) is rejected`);
    const foundSub = index.find(subName, reg?.number ?? null);
    if (foundSub && "ambiguous" in foundSub)
      problemAt(
        ctx,
        "subprocessor",
        "INVALID",
        ambiguousRule(index, subName, foundSub, "subprocessors", "subprocessorRegistrationNumber"),
      );
    let sub = foundSub && "ref" in foundSub ? foundSub.ref : null;
    if (sub && refRejected(sub)) {
      problemAt(ctx, "subprocessor", "INVALID", `the sub-processor's own row (${rowName(rows, sub)}) is rejected`);
    }
    if (ctx.problems.some((p) => p.severity === "ERROR")) {
      rows.push(row);
      return reject(row);
    }
    if (!sub) {
      // A company the register does not know yet: registered as a processor (not direct) by this row.
      const created: PlannedRow = {
        ...newRow(ctx, subName, {
          name: subName,
          direct: false,
          ...(reg ? { registrationNumber: reg.number } : {}),
          ...(reg?.cvr ? { registrationScheme: "CVR" } : {}),
        }),
        kind: "processors",
        implicit: true,
      };
      const subCtx = { ...ctx, kind: "processors" as SheetKind, problems: [] as Problem[] };
      rows.push(created);
      checked(created, subCtx);
      ctx.problems.push(...subCtx.problems);
      if (created.action === "REJECTED") {
        rows.push(row);
        return reject(row);
      }
      sub = { planned: rows.length - 1 };
      index.add(sub, subName, null, reg?.number ?? null);
    }
    const parentRef = parent as Ref;
    row.refs = { parent: parentRef, subprocessor: sub };
    row.label = `${labelOf(parentRef)} → ${labelOf(sub)}`;
    rows.push(row);
    const at = rows.length - 1;
    if (refKey(parentRef) === refKey(sub)) {
      problemAt(ctx, "subprocessor", "SELF_REFERENCE", "a processor cannot be its own sub-processor");
      return reject(row);
    }
    const pair = `${refKey(parentRef)}|${refKey(sub)}`;
    const before = pairs.get(pair);
    if (before !== undefined) {
      problemAt(
        ctx,
        "subprocessor",
        "DUPLICATE",
        `the same engagement as ${rows[before].sheet} row ${rows[before].row}`,
      );
      return reject(row);
    }
    pairs.set(pair, at);
    if ("existing" in parentRef && "existing" in sub) {
      const existing = register.engagements.find(
        (e) => e.processorId === parentRef.existing && e.subprocessorId === sub.existing,
      );
      if (existing) {
        row.recordId = existing.id;
        row.recordVersion = existing.version;
        row.changes = diff(existing, values, ENGAGEMENT_FIELDS);
        row.action = row.changes.length ? "UPDATE" : "UNCHANGED";
        // The register has no removal date, but a status it sets must fit the one the engagement holds.
        const removal =
          row.action === "UPDATE" &&
          removalDateRule({
            status: (values.status ?? existing.status) as EngagementStatus,
            removedOn: (existing.removedOn ?? null) as string | null,
          });
        if (removal) problemAt(ctx, "status", "INVALID", removal);
      }
    }
    checked(row, ctx);
  });

  // Agreements' key terms.
  const agreementKeys = new Map<string, number>();
  await each("agreements", (ctx) => {
    const values = readRow(ctx, register.categories);
    const processorText = (values.processor as string | undefined) ?? "";
    const processorReg = (values.processorRegistrationNumber as { number: string } | undefined)?.number ?? null;
    delete values.processor;
    delete values.processorRegistrationNumber;
    const row = newRow(ctx, `${processorText}: ${(values.title as string) ?? "DPA"}`, values);
    rows.push(row);
    const at = rows.length - 1;
    if (ctx.problems.some((p) => p.severity === "ERROR")) return reject(row);
    const processor = index.findText(processorText, processorReg);
    if (!processor) {
      problemAt(ctx, "processor", "NOT_FOUND", `no processor "${processorText.slice(0, 80)}" in the register or file`);
      return reject(row);
    }
    if (processor === "number") {
      problemAt(ctx, "processorRegistrationNumber", "NOT_FOUND", noNumberRule(processorReg));
      return reject(row);
    }
    if ("ambiguous" in processor) {
      problemAt(
        ctx,
        "processor",
        "INVALID",
        ambiguousRule(index, processorText, processor, "agreements", "processorRegistrationNumber"),
      );
      return reject(row);
    }
    if (refRejected(processor)) {
      problemAt(ctx, "processor", "INVALID", `the processor's own row (${rowName(rows, processor)}) is rejected`);
      return reject(row);
    }
    row.refs = { processor };
    const title = (values.title as string | undefined) ?? null;
    const key = `${refKey(processor)}|${title ? nameKey(title) : ""}|${values.effectiveFrom ?? ""}`;
    const before = agreementKeys.get(key);
    if (before !== undefined) {
      problemAt(ctx, "title", "DUPLICATE", `the same agreement as ${rows[before].sheet} row ${rows[before].row}`);
      return reject(row);
    }
    agreementKeys.set(key, at);
    row.label = `${labelOf(processor)}: ${title ?? "DPA"}`;
    if ("existing" in processor) {
      const own = register.agreements.filter((a) => a.processorId === processor.existing);
      const sameTitle = title ? own.filter((a) => nameKey(String(a.title ?? "")) === nameKey(title)) : [];
      const existing = title
        ? sameTitle.length > 1
          ? sameTitle.find((a) => display(a.effectiveFrom) === display(values.effectiveFrom))
          : sameTitle[0]
        : own.filter((a) => a.status !== "SUPERSEDED" && a.status !== "TERMINATED").length === 1
          ? own.find((a) => a.status !== "SUPERSEDED" && a.status !== "TERMINATED")
          : undefined;
      if (existing) {
        row.recordId = existing.id;
        row.recordVersion = existing.version;
        row.changes = diff(existing, values, AGREEMENT_FIELDS);
        row.action = row.changes.length ? "UPDATE" : "UNCHANGED";
      }
    }
    if (row.action === "CREATE" && !title) values.title = `Databehandleraftale – ${labelOf(processor)}`;
    checked(row, ctx);
  });

  const counts: PlanCounts = { create: 0, update: 0, unchanged: 0, rejected: 0 };
  for (const r of rows) counts[r.action.toLowerCase() as keyof PlanCounts]++;
  const { kept, omitted } = boundProblems(problems);
  return {
    sheets: plannedSheets,
    rows,
    problems: kept,
    rowsRead: plannedSheets.reduce((n, s) => n + s.rowsRead, 0),
    counts,
    blocking,
    problemCount: problems.length,
    problemsOmitted: omitted,
  };
}

/** Why a row naming one of several processors of a name is refused: their numbers, and the column to tell them by. */
function ambiguousRule(index: ProcessorIndex, name: string, found: Ambiguous, kind: SheetKind, by: string): string {
  const numbers = found.ambiguous.map((r) => index.numberOf.get(refKey(r)) || "none").sort();
  const column = fieldsOf(kind).find((f) => f.key === by) as TargetField;
  return (
    `${found.ambiguous.length} processors are named "${name.slice(0, 80)}" in the register or file ` +
    `(registration numbers ${numbers.slice(0, 5).join(", ")}${numbers.length > 5 ? ", …" : ""}): write the ` +
    `registration number of the one you mean in the column "${column.en}" ("${column.da}")`
  );
}

const noNumberRule = (number: string | null) =>
  `no processor with registration number ${String(number).slice(0, 50)} in the register or file`;

function rowName(rows: PlannedRow[], ref: Ref): string {
  if ("existing" in ref) return "existing";
  const r = rows[ref.planned];
  return `${r.sheet} row ${r.row}`;
}

function sheetProblem(sheet: string, column: string | null, rule: string): Problem {
  return { sheet, row: null, column, heading: null, field: null, code: "INVALID", rule, severity: "ERROR" };
}

/** The problems of one row (for the plan's row view). */
export function problemsOfRow(plan: Plan, row: PlannedRow): Problem[] {
  return plan.problems.filter((p) => p.sheet === row.sheet && p.row === row.row);
}
