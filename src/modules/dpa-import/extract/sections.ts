// Splits a DPA's text into the template's numbered clauses (1–15, with sub-clauses 7.3, 10.2 …) and
// the annexes' sub-sections (A.1 … D.2), keeping character offsets so every value can be cited.
import type { Citation } from "../draft.types";
import type { Block, ParsedDocument } from "./parse";
import { parseText } from "./parse";
import { linesOf, type Line } from "./parse/text";
import { headingSections, type Language, type Section } from "./structure";

export type { Language, Section } from "./structure";

export interface DpaDocument {
  text: string;
  /**
   * The text with the line breaks inside a block (a hard-wrapped paragraph, a PDF line) turned into
   * spaces: the same length, so an offset in one is the same offset in the other. Rules match here.
   */
  flat: string;
  format: ParsedDocument["format"];
  /**
   * Read by its lines, as plain text is: plain text, a PDF, and a Word file whose paragraphs carry the
   * template's numbering. Rules that read the text form's tab-separated tables and party blocks read these too.
   */
  byLines: boolean;
  blocks: Block[];
  /** Every heading of the document as a section, with its template slot where it fills one. */
  sections: Section[];
  /** Unfilled fields the rules met on the way (PLACEHOLDER readings), filled in as they read. */
  placeholders?: import("../draft.types").PlaceholderReading[];
  language: Language;
  /** The cover page before the first clause: title, parties. */
  cover: Section;
  clauses: Section[];
  subClauses: Section[];
  annexSections: Section[];
  /** On Datatilsynet's template: only then do clause and annex numbers mean the template's slots. */
  onTemplate: boolean;
  /**
   * The document says it is built on Datatilsynet's template ("bygger på Datatilsynets
   * standardkontraktsbestemmelser") and fills some of its clauses by title: a condensed copy. Its numbers are
   * its own, so they fill no slot, but the draft names the template.
   */
  declaresTemplate: boolean;
}

// A table-of-contents line ends in a page number ("7. Anvendelse af underdatabehandlere\t5") or dots.
const isTocLine = (line: string) => /(\t\s*\d+\s*$)|(\.{3,})|(\t\s*$)/.test(line);

/** A top-level clause heading: "7. Anvendelse af underdatabehandlere", short, no sentence. */
function clauseHeading(line: string): number | null {
  const m = /^\s*(?:Clause\s+|Bestemmelse\s+)?(\d{1,2})\.?\s+(\p{Lu}[^\n]{1,90})$/u.exec(line);
  if (!m || isTocLine(line)) return null;
  const title = m[2].trim();
  if (/[.:;,]$/.test(title) || title.split(/\s+/).length > 12) return null;
  return Number(m[1]);
}

/**
 * Numbered clauses 2–15: a heading counts only when it continues the sequence, so sub-clause "5. Underskrift" does
 * not.
 */
function findClauses(text: string, lines: Line[], annexStart: number, language: Language): Section[] {
  const headings: { number: number; line: Line }[] = [];
  let last = 0;
  for (const line of lines) {
    if (line.start >= annexStart) break;
    const n = clauseHeading(line.text);
    // The first heading may be 1–4 (some copies drop "2. Præambel"); after that at most one clause is skipped.
    if (n === null || n <= last || n > (last === 0 ? 4 : last + 2)) continue;
    headings.push({ number: n, line });
    last = n;
  }
  return headings.map((h, i) => ({
    reference: clauseReference(String(h.number), language),
    number: String(h.number),
    start: h.line.start,
    end: i + 1 < headings.length ? headings[i + 1].line.start : annexStart,
    bodyStart: Math.min(h.line.end + 1, text.length),
  }));
}

/** Sub-clauses "1. …", "2. …" inside a clause, numbered in sequence; loose paragraphs belong to the one before. */
function findSubClauses(clause: Section, lines: Line[], language: Language): Section[] {
  const found: { n: number; line: Line }[] = [];
  let expected = 1;
  for (const line of lines) {
    if (line.start < clause.bodyStart || line.start >= clause.end) continue;
    const m = /^\s*(\d{1,2})\.\s+\S/.exec(line.text);
    if (!m || Number(m[1]) !== expected) continue;
    found.push({ n: expected, line });
    expected++;
  }
  const own = /^§(\d+)$|^Clause (\d+)$/.exec(clause.reference);
  const label = own ? (own[1] ?? own[2]) : clause.number;
  return found.map((f, i) => ({
    reference: clauseReference(`${label}.${f.n}`, language),
    number: `${clause.number}.${f.n}`,
    start: f.line.start + (f.line.text.length - f.line.text.trimStart().length),
    end: i + 1 < found.length ? found[i + 1].line.start : clause.end,
    bodyStart: f.line.start,
  }));
}

const clauseReference = (n: string, language: Language) => (language === "da" ? `§${n}` : `Clause ${n}`);
const annexReference = (n: string, language: Language) => (language === "da" ? `Bilag ${n}` : `Appendix ${n}`);

/**
 * Annex sub-sections "A.1. Formålet …", "C.7 Procedurer …", "Appendix C.7 …" in the body (not the table of
 * contents).
 */
function findAnnexSections(text: string, lines: Line[], language: Language): Section[] {
  const found: { number: string; line: Line }[] = [];
  for (const line of lines) {
    const m = /^\s*(?:(?:Bilag|Appendix|Annex)\s+)?([A-D])\.(\d{1,2})\.?(?:\s|$)/.exec(line.text);
    if (!m || isTocLine(line.text)) continue;
    found.push({ number: `${m[1]}.${m[2]}`, line });
  }
  // An annex heading ("Bilag B Underdatabehandlere") also ends the sub-section before it.
  const annexHeadings = lines.filter(
    (l) => /^\s*(Bilag|Appendix|Annex)\s+[A-D](\s|$)/.test(l.text) && !isTocLine(l.text),
  );
  return found.map((f, i) => {
    const nextSection = i + 1 < found.length ? found[i + 1].line.start : text.length;
    const nextHeading = annexHeadings.find((h) => h.start > f.line.start && h.start < nextSection);
    return {
      reference: annexReference(f.number, language),
      number: f.number,
      start: f.line.start,
      end: nextHeading ? nextHeading.start : nextSection,
      bodyStart: Math.min(f.line.end + 1, text.length),
    };
  });
}

/** Danish or English, by counting a few function words each language cannot do without. */
export function detectLanguage(text: string): Language {
  const count = (re: RegExp) => (text.match(re) ?? []).length;
  const da = count(/\b(og|af|til|skal|den|det|som|med|behandling)\b/gi);
  const en = count(/\b(and|of|the|shall|to|with|which|processing)\b/gi);
  return en > da ? "en" : "da";
}

/**
 * A page's foot or head left inside a paragraph by a PDF's text ("Page 3 of 9", "Acme Ltd – DPA v2 – Side 3 af 9",
 * "- 3 -"): the line is the page's, not the sentence's, which runs on over it.
 */
const PAGE_LINE = new RegExp(
  String.raw`^[^\S\n]*(?:[^\n]{0,60}?(?<![\p{L}])(?:page|side)\s+\d{1,4}(?:\s*(?:of|af|\/)\s*\d{1,4})?|[-–]\s*` +
    String.raw`\d{1,4}\s*[-–]|\d{1,4}\s*\/\s*\d{1,4})[^\S\n]*$`,
  "iu",
);

/**
 * The text with line breaks inside blocks turned into spaces, page feet and heads inside a block blanked, and
 * Unicode's hyphens read as "-" (same length, same offsets).
 */
function flatten(parsed: ParsedDocument): string {
  // "Sub‑processors", "need‑to‑know": a hyphen that only keeps its line together (U+2010, U+2011) is a hyphen.
  const chars = parsed.text.replace(/[\u2010\u2011]/g, "-").split("");
  for (const b of parsed.blocks) {
    for (let i = b.start; i < b.end; i++) {
      if (chars[i] !== "\n") continue;
      chars[i] = " ";
      const next = parsed.text.indexOf("\n", i + 1);
      const lineEnd = next < 0 || next > b.end ? b.end : next;
      // Only a line with text after it in the block: a sentence runs over the page break.
      if (lineEnd < b.end && PAGE_LINE.test(parsed.text.slice(i + 1, lineEnd)))
        for (let j = i + 1; j < lineEnd; j++) chars[j] = " ";
    }
  }
  return chars.join("");
}

/** The document says it is Datatilsynet's standard contractual clauses (or their official English version). */
const SAYS_TEMPLATE = new RegExp(
  String.raw`standardkontrakt(?:s)?bestemmelser|standard contractual clauses for the purposes of article 28` +
    String.raw`\(3\)|datatilsynets (?:skabelon|standard)` +
    // The English version's own subtitle: "For the purposes of Article 28(3) of Regulation 2016/679 (the GDPR) (as
    // based on Opinion 14/2019 by the European Data Protection Board)"; the Danish "udtalelse 14/2019".
    String.raw`|for the purposes of article 28\(3\) of regulation (?:\(eu\) )?2016\/679|(?:opinion|udtalelse) 14\/2019`,
  "i",
);

/** Clauses and annex sections found by their numbered lines ("7. Anvendelse af …", "C.7 Procedurer …"). */
function numberedStructure(text: string, lines: Line[], language: Language) {
  const annexSections = findAnnexSections(text, lines, language);
  const firstAnnexHeading = lines.find(
    (l) => /^\s*(Bilag|Appendix|Annex)\s+A(\s|$)/.test(l.text) && !isTocLine(l.text),
  );
  const annexStart = Math.min(annexSections[0]?.start ?? text.length, firstAnnexHeading?.start ?? text.length);
  const clauses = findClauses(text, lines, annexStart, language);
  // The template's own numbers (seeds and faithful copies).
  const numberedOnTemplate = clauses.length >= 10 && annexSections.filter((s) => s.number.startsWith("C.")).length >= 4;
  return { annexSections, clauses, numberedOnTemplate };
}

/** "… er bygget på Datatilsynets standardkontraktsbestemmelser", "Strukturen følger Datatilsynets skabelon". */
const DECLARES_TEMPLATE = new RegExp(
  String.raw`(?:bygger på|bygget på|baseret på|følger|tager udgangspunkt i|udarbejdet (?:på baggrund af|ef` +
    String.raw`ter)|based on|follows)\s+(?:den danske\s+)?(?:Datatilsynets|the Danish Data Protection Agency['’]` +
    String.raw`s)\s+(?:officielle\s+)?(?:standardkontrakt\w*|skabelon|standard contractual clauses|template)`,
  "i",
);

export function readDocument(input: string | ParsedDocument): DpaDocument {
  const parsed = typeof input === "string" ? parseText(input) : input;
  const text = parsed.text;
  const language = detectLanguage(text);
  const lines = linesOf(text);
  const sections = headingSections(parsed, language);
  // Numbered lines are the structure of plain text and PDF. In a marked-up file (Word, HTML, Markdown) they
  // count only when they form the template's whole numbering (a Word file typed without heading styles).
  const byLines = numberedStructure(text, lines, language);
  // A Word file without heading styles (every line a paragraph) is read as its lines, like plain text.
  const plain =
    parsed.format === "text" ||
    parsed.format === "pdf" ||
    (parsed.format === "docx" && !parsed.blocks.some((b) => b.kind === "heading"));
  const headedClauses = sections.filter((s) => /^\d+$/.test(s.number)).length;
  // A Word file's paragraphs are its lines: when they carry the template's whole numbering, they are read as
  // the text form's lines are, whatever heading styles some of them have (styles are often only on the
  // short titles, or on the table of contents too); the headings then fill the slots the lines did not.
  // Headings the template's titles placed one slot off their own numbers ("1. Preamble" is the template's 2): the
  // copy left out the table of contents' clause, so its lines' numbers are not the template's, its headings are.
  const renumbered = sections.filter((s) => {
    const own = /^\s*(\d{1,2})\.?\s/.exec(text.slice(s.start, s.start + 6));
    return /^\d+$/.test(s.number) && own !== null && own[1] !== s.number;
  }).length;
  const useLines =
    plain ||
    (parsed.format !== "markdown" &&
      byLines.numberedOnTemplate &&
      (headedClauses < 5 || (parsed.format === "docx" && renumbered < 5)));
  const { annexSections, clauses }: { annexSections: Section[]; clauses: Section[] } = useLines
    ? byLines
    : { annexSections: [], clauses: [] };
  const numberedOnTemplate = byLines.numberedOnTemplate && clauses.length > 0;
  // Headings fill the slots the numbering did not: renumbered, unnumbered, Markdown, HTML and Word copies.
  const bySlot = (n: string) => [...clauses, ...annexSections].some((s) => s.number === n);
  for (const h of sections) {
    if (!h.number || bySlot(h.number)) continue;
    if (/^\d+$/.test(h.number)) clauses.push(h);
    else if (/^[A-D]\.\d+$/.test(h.number)) annexSections.push(h);
  }
  clauses.sort((a, b) => a.start - b.start);
  annexSections.sort((a, b) => a.start - b.start);
  const subClauses = clauses.flatMap((c) => findSubClauses(c, lines, language));
  const firstSlot = [...clauses, ...annexSections].reduce((m, s) => Math.min(m, s.start), text.length);
  const coverEnd =
    firstTocOrClause(lines, clauses) ?? (firstSlot < text.length ? firstSlot : Math.min(text.length, 3000));
  const slots = new Set([...clauses, ...annexSections].map((s) => s.number));
  const annexSlots = [...slots].filter((n) => /^[A-D]\.\d+$/.test(n)).length;
  const onTemplate =
    numberedOnTemplate ||
    (SAYS_TEMPLATE.test(text) && (annexSlots >= 4 || [...slots].filter((n) => /^\d+$/.test(n)).length >= 8));
  const declaresTemplate =
    onTemplate || (DECLARES_TEMPLATE.test(text) && [...slots].filter((n) => /^\d+$/.test(n)).length >= 4);
  return {
    onTemplate,
    declaresTemplate,
    text,
    flat: flatten(parsed),
    format: parsed.format,
    byLines: useLines,
    blocks: parsed.blocks,
    sections,
    language,
    cover: { reference: "preamble", number: "", start: 0, end: coverEnd, bodyStart: 0 },
    clauses,
    subClauses,
    annexSections,
  };
}

/** The cover page ends where the table of contents ("1. Indhold") or the first clause begins. */
function firstTocOrClause(lines: Line[], clauses: Section[]): number | null {
  const toc = lines.find((l) => /^\s*1\.?\s+(Indhold|Contents|Table of contents)/i.test(l.text));
  return toc?.start ?? clauses[0]?.start ?? null;
}

/** A clause or sub-clause or annex section by its number ("7.3", "10", "C.7"). */
export function section(doc: DpaDocument, number: string): Section | undefined {
  return [...doc.subClauses, ...doc.clauses, ...doc.annexSections].find((s) => s.number === number);
}

/** The text of a section's body (after its heading line). */
export const bodyOf = (doc: DpaDocument, s: Section) => doc.text.slice(s.bodyStart, s.end);

/** The one citation maker: a span of the document with the reference of the section it lies in. */
export function cite(doc: DpaDocument, start: number, end: number, reference?: string): Citation {
  // Trim whitespace so the quote is the words themselves.
  while (start < end && /\s/.test(doc.text[start])) start++;
  while (end > start && /\s/.test(doc.text[end - 1])) end--;
  return { reference: reference ?? referenceAt(doc, start), quote: doc.text.slice(start, end), start, end };
}

/** The most specific section that contains an offset: sub-clause, then clause or annex section, else preamble. */
export function referenceAt(doc: DpaDocument, offset: number): string {
  const within = (s: Section) => offset >= s.start && offset < s.end;
  const numbered = doc.subClauses.find(within) ?? doc.annexSections.find(within) ?? doc.clauses.find(within);
  // A heading inside the numbered section (or the only one there is) is more specific.
  const headed = (doc.sections ?? [])
    .filter((s) => within(s) && s.reference && (!numbered || (s.start >= numbered.start && s.end <= numbered.end)))
    .sort((a, b) => a.end - a.start - (b.end - b.start))[0];
  return (headed ?? numbered)?.reference ?? "preamble";
}

export interface SpanMatch {
  match: RegExpExecArray;
  start: number;
  end: number;
}

/** Every match of a pattern in a span of the document, with absolute offsets. */
export function findAll(doc: DpaDocument, pattern: RegExp, from = 0, to = doc.text.length): SpanMatch[] {
  const re = globalOf(pattern);
  const span = (doc.flat ?? doc.text).slice(from, to);
  // exec on the one copy, not matchAll: matchAll copies the pattern on every call, and a copy of a long pattern cost
  // ~50 µs (64,000 small places of a document took 9 s); the same matches, in the same order.
  const out: SpanMatch[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(span); m; m = re.exec(span)) {
    out.push({ match: m, start: from + m.index, end: from + m.index + m[0].length });
    if (m[0] === "") re.lastIndex = advancePast(span, re.lastIndex, re.unicode || re.flags.includes("v"));
  }
  re.lastIndex = 0;
  return out;
}

/** Where a global search goes on after an empty match (as matchAll does: one code point on with u or v). */
function advancePast(text: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= text.length) return index + 1;
  const lead = text.charCodeAt(index);
  const trail = text.charCodeAt(index + 1);
  return lead >= 0xd800 && lead <= 0xdbff && trail >= 0xdc00 && trail <= 0xdfff ? index + 2 : index + 1;
}

/**
 * The pattern with the g flag, made once per pattern: a rule reads thousands of small places with the same long
 * pattern, and compiling it again for each cost more than the matching. Only findAll uses the copy (its lastIndex).
 */
const globals = new WeakMap<RegExp, RegExp>();
function globalOf(pattern: RegExp): RegExp {
  let re = globals.get(pattern);
  if (!re) {
    re = new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : pattern.flags + "g");
    globals.set(pattern, re);
  }
  return re;
}
