// Values as users write them in a register: headings, CVR numbers, countries, dates, yes/no, enum
// words, data categories. Pure functions; each answers a value or the rule the cell breaks.
import { isCountryCode } from "../../common/countries";
import { COUNTRY_PHRASES } from "../dpa-import/extract/vocabulary";
import type { UserErrorCode } from "../../common/errors";
import { withinChars } from "../../common/text-length";
import {
  cvrNumberOf,
  MAX_TAG_LENGTH,
  MAX_TAGS,
  normalizeTags,
  registrationNumberProblem,
} from "../processors/processor.rules";

/**
 * A cell as read from the file: text, a number, a boolean, empty, or a cell no value can be read from (an Excel error
 * such as #N/A, or a formula without a saved result). A date-formatted cell of a workbook is read as its ISO date
 * text (in the workbook's date system), so a number is a number the sheet shows as one, never a date.
 */
export type Cell = string | number | boolean | null | CellError;

/** A cell without a value: an error value (#DIV/0!, a formula's or typed), or a formula with no saved result. */
export interface CellError {
  /** The error as Excel shows it ("#DIV/0!"), or null for a formula with no saved result. */
  error: string | null;
  /** The formula, without "=", when the cell holds one. */
  formula?: string;
}

export const isCellError = (cell: Cell): cell is CellError => typeof cell === "object" && cell !== null;

/** What a cell without a value breaks, as a problem's rule. */
export function cellErrorRule(cell: CellError): string {
  const formula = cell.formula ? `the formula =${cell.formula.slice(0, 60)}` : "the cell";
  return cell.error === null
    ? `${formula} has no saved result (the file was not saved by Excel after it was calculated): open and ` +
        "save it in Excel, or write the value"
    : `${formula} gives the error ${cell.error.slice(0, 20)}: correct it, or write the value`;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; code: UserErrorCode; rule: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (code: UserErrorCode, rule: string): Parsed<never> => ({ ok: false, code, rule });

/** Lower case, Danish letters spelled out, accents and everything but letters and digits removed. */
export function normalizeHeading(s: string): string {
  return s
    .toLowerCase()
    .replace(/æ/g, "ae")
    .replace(/ø/g, "oe")
    .replace(/å/g, "aa")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]/g, "");
}

/** A cell as text: trimmed, inner runs of spaces kept; numbers without exponent; empty → "". */
export function cellText(cell: Cell): string {
  if (cell === null) return "";
  if (isCellError(cell)) return cell.error ?? "";
  if (typeof cell === "boolean") return cell ? "true" : "false";
  if (typeof cell === "number") return Number.isInteger(cell) ? String(cell) : String(cell);
  return cell.replace(/\u00a0/g, " ").trim();
}

export function isEmptyCell(cell: Cell): boolean {
  return !isCellError(cell) && cellText(cell) === "";
}

/** Column letters of a 0-based column index: 0 → A, 27 → AB. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

// --- registration numbers ---------------------------------------------------------------------------------

/**
 * A registration number as stored: a Danish CVR number (8 digits, written with spaces, dashes or dots, a
 * "DK" or "CVR" prefix) becomes its 8 digits; anything else is kept as written, spaces collapsed.
 */
export function parseRegistration(cell: Cell): Parsed<{ number: string; cvr: boolean }> {
  const text = cellText(cell);
  const cvr = cvrNumberOf(text);
  if (cvr) return ok({ number: cvr, cvr: true });
  if (registrationNumberProblem(text)) return fail("INVALID", "a CVR number has 8 digits");
  if (!withinChars(text, 50)) return fail("TOO_LONG", "a registration number has at most 50 characters");
  return ok({ number: text.replace(/\s+/g, " "), cvr: false });
}

// --- countries ------------------------------------------------------------------------------------------

let countryNames: Map<string, string> | null = null;

/** Every country's name in Danish and English (from the platform's ICU data) and the project's own list. */
function countryTable(): Map<string, string> {
  if (countryNames) return countryNames;
  const table = new Map<string, string>();
  const da = new Intl.DisplayNames(["da"], { type: "region" });
  const en = new Intl.DisplayNames(["en"], { type: "region" });
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (!isCountryCode(code)) continue;
      for (const names of [da, en]) {
        const name = names.of(code);
        if (!name || name === code) continue;
        // ICU writes "Trinidad & Tobago", "St. Kitts & Nevis": people write "and", "og" and "Saint" too.
        for (const and of ["&", "and", "og"])
          for (const st of ["St.", "Saint", "Sankt"])
            table.set(normalizeHeading(name.replace(/&/g, and).replace(/^St\. /, `${st} `)), code);
      }
    }
  }
  // The project's list (dpa-import's vocabulary) wins: it knows "USA", "Storbritannien", "Holland"…
  for (const [code, phrases] of COUNTRY_PHRASES)
    for (const p of phrases) if (p.length > 2) table.set(normalizeHeading(p), code);
  for (const [alias, code] of [
    ["uk", "GB"],
    ["england", "GB"],
    ["us", "US"],
    ["amerika", "US"],
    ["america", "US"],
    ["the united states", "US"],
    ["sydkorea", "KR"],
    ["south korea", "KR"],
  ] as const)
    table.set(normalizeHeading(alias), code);
  countryNames = table;
  return table;
}

/** One country: an ISO 3166-1 alpha-2 code (any case; UK is GB) or a Danish or English name. */
export function parseCountry(cell: Cell): Parsed<string> {
  const text = cellText(cell);
  if (/^[a-z]{2}$/i.test(text)) {
    const code = text.toUpperCase() === "UK" ? "GB" : text.toUpperCase();
    if (isCountryCode(code)) return ok(code);
  }
  const code = countryTable().get(normalizeHeading(text));
  if (code) return ok(code);
  return fail(
    "INVALID_COUNTRY_CODE",
    `"${text.slice(0, 60)}" is not a country: write an ISO code (DK, IE, US) or a name in Danish or English`,
  );
}

// Lists are split on their separators alone and each part trimmed: /\s*[,;]\s*/ scans a whole run of spaces from
// each of its positions (seconds for a cell of 60,000 spaces, in the request thread).

/** Parts of a list joined into one name at most: "Saint Kitts and Nevis" is 2, no country's name has more. */
const MAX_PARTS_OF_A_NAME = 3;

/**
 * A list of countries separated by , ; / | newlines, "og" or "and"; duplicates dropped, order kept. A name with
 * "and"/"og" in it ("Bosnia and Herzegovina", "Trinidad og Tobago") is one country: the longest run of parts that
 * names a country is taken.
 */
export function parseCountries(cell: Cell): Parsed<string[]> {
  const out: string[] = [];
  const items = cellText(cell)
    .split(/[,;/|\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
  for (const item of items) {
    // The item split on its "og"/"and" words, kept (odd indexes) to join parts back as written.
    const pieces = item.split(/\b(og|and)\b/i);
    const parts = pieces.filter((_, i) => i % 2 === 0);
    for (let i = 0; i < parts.length;) {
      if (!parts[i].trim()) {
        i++;
        continue;
      }
      let found: { code: string; next: number } | null = null;
      for (let j = Math.min(parts.length - 1, i + MAX_PARTS_OF_A_NAME - 1); j > i && !found; j--) {
        const one = parseCountry(pieces.slice(2 * i, 2 * j + 1).join(""));
        if (one.ok) found = { code: one.value, next: j + 1 };
      }
      if (!found) {
        const one = parseCountry(parts[i]);
        if (!one.ok) return one;
        found = { code: one.value, next: i + 1 };
      }
      if (!out.includes(found.code)) out.push(found.code);
      i = found.next;
    }
  }
  return ok(out);
}

// --- dates ----------------------------------------------------------------------------------------------

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

function isoOf(y: number, m: number, d: number): Parsed<string> {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return fail("OUT_OF_RANGE", `${String(d).padStart(2, "0")}-${String(m).padStart(2, "0")}-${y} is not a date`);
  if (y < 1900 || y > 2200) return fail("OUT_OF_RANGE", `the year ${y} is outside 1900–2200`);
  return ok(`${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`);
}

/** The date of an Excel serial in the 1900 date system (45352 → 2024-03-01). */
function serialDate(serial: number): Parsed<string> {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465)
    return fail("OUT_OF_RANGE", `${serial} is not an Excel date serial`);
  const d = new Date(EXCEL_EPOCH + Math.floor(serial) * 86_400_000);
  return isoOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/**
 * A date: ISO (2024-03-01), dd-mm-yyyy, dd.mm.yyyy, dd/mm/yyyy, or an Excel serial written as text (45352). A number
 * cell is refused: a workbook's date-formatted cells are read as ISO dates, so a number here is one the sheet shows
 * as a number (2025, 24), which read as a serial would be a date in 1905 or 1900.
 */
export function parseDate(cell: Cell): Parsed<string> {
  if (typeof cell === "number")
    return fail(
      "INVALID",
      `${cell} is a number, not a date: format the cell as a date, or write 2024-03-01, 01-03-2024 or 01.03.2024`,
    );
  const text = cellText(cell);
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?$/.exec(text);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/.exec(text);
  if (m) return isoOf(Number(m[3]), Number(m[2]), Number(m[1]));
  if (/^\d{5}(\.\d+)?$/.test(text)) return serialDate(Number(text));
  return fail("INVALID", `"${text.slice(0, 40)}" is not a date: write 2024-03-01, 01-03-2024 or 01.03.2024`);
}

// --- yes/no, numbers, enums -----------------------------------------------------------------------------

const YES = new Set(["ja", "j", "yes", "y", "x", "true", "sand", "1", "✓", "✔"]);
const NO = new Set(["nej", "n", "no", "false", "falsk", "0", "-"]);

export function parseYesNo(cell: Cell): Parsed<boolean> {
  if (typeof cell === "boolean") return ok(cell);
  const t = cellText(cell).toLowerCase();
  if (YES.has(t)) return ok(true);
  if (NO.has(t)) return ok(false);
  return fail("INVALID", `"${t.slice(0, 40)}" is not yes or no: write ja/nej or yes/no`);
}

export function parseInt32(cell: Cell, min = 0, max = 1_000_000): Parsed<number> {
  const t = cellText(cell).replace(/\s/g, "");
  const n = typeof cell === "number" ? cell : /^-?\d+(,0+|\.0+)?$/.test(t) ? Number(t.replace(",", ".")) : NaN;
  if (!Number.isInteger(n)) return fail("INVALID", `"${t.slice(0, 40)}" is not a whole number`);
  if (n < min || n > max) return fail("OUT_OF_RANGE", `${n} is outside ${min}–${max}`);
  return ok(n);
}

/** An enum value by its code or one of its words (any case, spacing, Danish letters as ae/oe/aa). */
export function parseEnum(cell: Cell, values: Readonly<Record<string, readonly string[]>>): Parsed<string> {
  const key = normalizeHeading(cellText(cell));
  for (const [value, words] of Object.entries(values)) {
    if (normalizeHeading(value) === key || words.some((w) => normalizeHeading(w) === key)) return ok(value);
  }
  return fail("INVALID", `"${cellText(cell).slice(0, 40)}" is not one of: ${Object.keys(values).join(", ")}`);
}

/**
 * A tags cell's parts: split on , ; and line breaks, except inside a part written in double quotes ("a, b" is one
 * tag, a quote in it doubled), as the export writes a tag holding a separator. A quote that is never closed is read
 * as written. One pass, no regex over the cell.
 */
export function splitTags(text: string): string[] {
  const parts: string[] = [];
  const separator = (ch: string) => ch === "," || ch === ";" || ch === "\n" || ch === "\r";
  let i = 0;
  while (i <= text.length) {
    while (i < text.length && (text[i] === " " || text[i] === "\t")) i++;
    let part = "";
    if (text[i] === '"') {
      let j = i + 1;
      let quoted = "";
      let closed = false;
      while (j < text.length) {
        if (text[j] === '"') {
          if (text[j + 1] === '"') {
            quoted += '"';
            j += 2;
            continue;
          }
          closed = true;
          j++;
          break;
        }
        quoted += text[j++];
      }
      if (closed) {
        part = quoted;
        i = j;
      }
    }
    while (i < text.length && !separator(text[i])) part += text[i++];
    parts.push(part);
    i++;
  }
  return parts;
}

/** Free tags separated by , ; or newlines (a tag holding one in double quotes), as the processor stores them. */
export function parseTags(cell: Cell): Parsed<string[]> {
  const tags = normalizeTags(splitTags(cellText(cell)));
  if (tags.length > MAX_TAGS) return fail("TOO_LONG", `at most ${MAX_TAGS} tags (${tags.length} given)`);
  const long = tags.find((t) => !withinChars(t, MAX_TAG_LENGTH));
  if (long) return fail("TOO_LONG", `a tag has at most ${MAX_TAG_LENGTH} characters ("${long.slice(0, 20)}…")`);
  return ok(tags);
}

// --- data categories ------------------------------------------------------------------------------------

export interface CategoryEntry {
  key: string;
  name: string;
}

/** Data categories by vocabulary key or label, separated by ; newlines or commas; unknown ones named. */
export function parseCategories(cell: Cell, vocabulary: readonly CategoryEntry[]): Parsed<string[]> {
  const byKey = new Map(vocabulary.map((c) => [c.key.toLowerCase(), c.key]));
  const byName = new Map(vocabulary.map((c) => [normalizeHeading(c.name), c.key]));
  const out: string[] = [];
  const parts = cellText(cell)
    .split(/[;\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
  for (const part of parts) {
    const key = byKey.get(part.toLowerCase()) ?? byName.get(normalizeHeading(part));
    if (!key) return fail("NOT_FOUND", `"${part.slice(0, 60)}" is not a data category (by key or label)`);
    if (!out.includes(key)) out.push(key);
  }
  return ok(out);
}
