// Plain text (an uploaded .txt, a PDF's text layer) keeps its characters (but long runs of whitespace, cut by
// normaliseText in parse/index.ts); blocks are found
// from its lines: a blank line ends a paragraph, hard-wrapped lines stay one paragraph, and headings,
// list items and table rows (tab-separated or aligned in columns) are blocks of their own.
import type { Block, ParsedDocument } from "./types";

/** A line of the text with its offsets (the newline not included). */
export interface Line {
  start: number;
  end: number;
  text: string;
}

export function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const raw of text.split("\n")) {
    lines.push({ start, end: start + raw.length, text: raw });
    start += raw.length + 1;
  }
  return lines;
}

const NUMBERED_HEADING = new RegExp(
  String.raw`^\s*(?:(?:Bilag|Annex|Appendix|Appendiks|Schedule|Exhibit|Bestemmelse|Clause|Punkt)\s+[\dA-Z]{` +
    String.raw`1,4}(?:\.[\dA-Z]{1,3})*\b|(?:\d{1,2}(?:\.\d{1,2})*|[A-D]\.\d{1,2})\.?\s+\p{Lu})`,
  "u",
);
const LIST_ITEM = /^\s*(?:[-•*–]\s+|\(?[a-z]\)\s+|\(?(?:i{1,3}|iv|v|vi{1,3})\)\s+)/;
const ALIGNED_GAP = / {2,}\S/g;

/** A heading in plain text: a short numbered line, or a short line in capitals, that is no sentence. */
export function isTextHeading(line: string): boolean {
  const t = line.trim();
  if (!t || t.length > 110 || /[,;]$/.test(t) || /\t/.test(t)) return false;
  const words = t.split(/\s+/).length;
  if (words > 14) return false;
  if (NUMBERED_HEADING.test(t)) return !/[.:]\s*$/.test(t.replace(/^\s*[\d.A-D]+\.?\s*/, "")) || words <= 3;
  const letters = t.replace(/[^\p{L}]/gu, "");
  return letters.length >= 4 && letters === letters.toUpperCase() && !/[.:]$/.test(t);
}

function cellsOf(line: Line): { start: number; end: number }[] | null {
  const cells: { start: number; end: number }[] = [];
  const parts = line.text.includes("\t") ? /[^\t]+/g : /\S+(?: \S+)*/g;
  if (!line.text.includes("\t") && (line.text.trim().match(ALIGNED_GAP) ?? []).length < 2) return null;
  for (const m of line.text.matchAll(parts)) {
    const lead = m[0].length - m[0].trimStart().length;
    const value = m[0].trim();
    if (!value) continue;
    const start = line.start + (m.index ?? 0) + lead;
    cells.push({ start, end: start + value.length });
  }
  return cells.length >= 2 ? cells : null;
}

/**
 * A PDF's text layer has no blank lines between paragraphs; a line much shorter than the page's
 * usual line ends its paragraph, as it does on the page.
 */
function paragraphEnds(lines: Line[]): Set<number> {
  const lengths = lines
    .map((l) => l.text.trim().length)
    .filter((n) => n > 0)
    .sort((a, b) => a - b);
  const usual = lengths[Math.floor(lengths.length * 0.9)] ?? 0;
  const ends = new Set<number>();
  lines.forEach((l, i) => {
    const n = l.text.trim().length;
    if (n > 0 && usual >= 40 && n < usual * 0.7) ends.add(i);
  });
  return ends;
}

/**
 * headings: lines known to be headings whatever their words (a PDF's lines set larger than its body), by their
 * text.
 */
export function parseText(
  text: string,
  format: ParsedDocument["format"] = "text",
  headings: ReadonlySet<string> = new Set(),
): ParsedDocument {
  const blocks: Block[] = [];
  let paragraph: Block | null = null;
  let table = 0;
  let inTable = false;
  const close = () => {
    if (paragraph) blocks.push(paragraph);
    paragraph = null;
  };
  const lines = linesOf(text);
  // A PDF whose layout gave its paragraphs blank lines (pdf.ts) needs no guessing from line lengths.
  const ends = format === "pdf" && !/\n[^\S\n]*\n/.test(text) ? paragraphEnds(lines) : new Set<number>();
  lines.forEach((line, index) => {
    const t = line.text;
    if (!t.trim()) {
      close();
      inTable = false;
      return;
    }
    const lead = t.length - t.trimStart().length;
    const start = line.start + lead;
    const end = line.start + t.trimEnd().length;
    const cells = cellsOf(line);
    if (cells) {
      close();
      if (!inTable) table++;
      inTable = true;
      blocks.push({ kind: "tableRow", start, end, cells, table });
      return;
    }
    inTable = false;
    if (isTextHeading(t) || headings.has(t.trim())) {
      close();
      blocks.push({ kind: "heading", start, end, level: 0 });
      return;
    }
    // "- 3 -" is a page number, not a list item: the paragraph runs on over it.
    if ((LIST_ITEM.test(t) || /^\s*\d{1,2}\.\s+\S/.test(t)) && !/^\s*[-–]\s*\d{1,4}\s*[-–]\s*$/.test(t)) {
      close();
      paragraph = { kind: "listItem", start, end };
    } else if (paragraph) paragraph.end = end;
    else paragraph = { kind: "paragraph", start, end };
    if (ends.has(index)) close();
  });
  close();
  return { format, text, blocks };
}
