// A PDF's text layer laid out as its pages show it, from the positions of its text runs (pdf.js through
// pdf-parse): runs on one baseline make a line, in order across the page; a wide gap between runs (a tab
// stop, a table's column) becomes a tab, so a table reads as rows × cells as the text form's tab-separated
// lines do; a line the next line's first word would not have fit on is a word processor's wrap and is joined
// with it, so a paragraph is one line as in the text; a vertical gap wider than the page's line spacing is a
// blank line (a paragraph break). The plain text then goes through the plain-text reader.
import Module from "node:module";
import path from "node:path";
import { keepNativePush } from "../../../../common/native-push"; // before pdf-parse: see there
import { PDFParse } from "pdf-parse";

keepNativePush();

/** The parts of pdf.js's text content this reader uses. */
interface TextItem {
  str: string;
  /** [a, b, c, d, x, y]: the run's text matrix; x, y is its baseline start in page space (y upwards). */
  transform: number[];
  width: number;
  height: number;
  hasEOL?: boolean;
}
interface PdfPage {
  getTextContent(): Promise<{ items: (TextItem | { type: string })[] }>;
  cleanup(): void;
}
interface PdfDocument {
  numPages: number;
  getPage(n: number): Promise<PdfPage>;
}

export class PdfTextError extends Error {}

/**
 * pdf.js loads its worker with a dynamic import(), which some hosts refuse (jest's module sandbox).
 * Loading the worker module in-process once, where pdf.js looks for it first, works everywhere.
 */
function preloadPdfWorker(): void {
  const host = globalThis as { pdfjsWorker?: unknown };
  if (host.pdfjsWorker) return;
  try {
    // Node's own loader (which can require an ES module): a sandboxed require such as jest's would
    // try to transform the worker's source instead.
    const load = (Module as unknown as { _load(request: string, parent: null, isMain: boolean): unknown })._load;
    host.pdfjsWorker = load(path.join(path.dirname(require.resolve("pdf-parse")), "pdf.worker.mjs"), null, false);
  } catch {
    // Left to pdf.js's own dynamic import.
  }
  keepNativePush(); // the worker's bundle replaces it again
}

interface Run {
  x: number;
  y: number;
  right: number;
  size: number;
  text: string;
}

interface Line {
  y: number;
  left: number;
  right: number;
  size: number;
  text: string;
  /** Width of the line's first word, to judge whether it would have fit on the line before. */
  firstWord: number;
  /** The line ends in a tab stop. */
  tabEnd: boolean;
}

/** Spaces a typist or a converter used for a tab (three or more) count as one. */
const SPACED_TAB = / {3,}/g;

function linesOfPage(items: TextItem[]): Line[] {
  const runs: Run[] = items
    .filter((i) => typeof i.str === "string" && i.str.length > 0 && i.transform)
    .map((i) => {
      const size = Math.hypot(i.transform[2], i.transform[3]) || i.height || 10;
      return { x: i.transform[4], y: i.transform[5], right: i.transform[4] + i.width, size, text: i.str };
    });
  // Top to bottom, then left to right; runs within half a font size of a baseline share the line.
  runs.sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: Run[][] = [];
  for (const r of runs) {
    const line = groups[groups.length - 1];
    if (line && Math.abs(line[0].y - r.y) <= Math.max(2, r.size * 0.5)) line.push(r);
    else groups.push([r]);
  }
  const lines: Line[] = [];
  for (const group of groups) {
    group.sort((a, b) => a.x - b.x);
    let text = "";
    let end: number | null = null;
    for (const r of group) {
      // A run of spaces as wide as a few characters (a tab a converter wrote as spaces) is a tab stop.
      if (!r.text.trim()) {
        if (r.right - r.x > r.size * 0.9) text += "\t";
        else if (!/\s$/.test(text)) text += " ";
        end = Math.max(end ?? r.right, r.right);
        continue;
      }
      const gap = end === null ? 0 : r.x - end;
      if (end !== null) {
        if (gap > r.size * 1.2) text += "\t";
        else if (gap > r.size * 0.15 && !/\s$/.test(text) && !/^\s/.test(r.text)) text += " ";
      }
      text += r.text;
      end = Math.max(end ?? r.right, r.right);
    }
    // A row wrapped just after a tab stop keeps the tab at the join.
    const tabEnd = /(\t| {3,})\s*$/.test(text);
    const clean = text
      .replace(SPACED_TAB, "\t")
      .replace(/ *\t[\t ]*/g, (m) => "\t".repeat(Math.max(1, (m.match(/\t/g) ?? []).length)))
      .replace(/\s+$/, "");
    if (!clean.trim()) continue;
    const first = group[0];
    const word = /^\s*\S+/.exec(first.text)?.[0].trim() ?? "";
    const firstWord = first.text.length ? ((first.right - first.x) * word.length) / first.text.length : 0;
    lines.push({
      y: first.y,
      left: first.x,
      right: Math.max(...group.map((r) => r.right)),
      size: Math.max(...group.map((r) => r.size)),
      text: clean,
      firstWord,
      tabEnd,
    });
  }
  return lines;
}

/** A line that opens a new item however full the line before it was: a number, a bullet, an annex. */
const OPENS_ITEM = /^\s*(?:\d{1,2}(?:\.\d{1,2})*\.\s|[A-D]\.\d{1,2}\.?\s|[-•*–]\s|\(?[a-z]\)\s|Bilag\s|Annex\s)/;

const cellsOf = (text: string) => text.split("\t").filter((c) => c.trim()).length;

/** The lines of all pages as text: wrapped lines joined, paragraph gaps as blank lines, tab stops as tabs. */
/** A line that is only a page number: "3", "- 3 -", "Side 3 af 12", "Page 3 of 12", "3/12". */
const PAGE_NUMBER = /^\s*(?:side|page|s\.|p\.)?\s*[-–]?\s*\d{1,4}\s*[-–]?\s*(?:(?:af|of|\/)\s*\d{1,4})?\s*$/i;

/**
 * Running heads and feet: a page's first line or one of its last two that recurs, at the same height and
 * with the same words (numbers aside), on half the pages or more; and page numbers there. They are the
 * page's, not the agreement's, and would cut a paragraph that runs over a page break.
 */
function withoutRunningLines(pages: Line[][]): Line[][] {
  if (pages.length < 2) return pages;
  // A page's first line and its last two (a foot is often a line of text over the page number); on a page of
  // a few lines, its first and last.
  const edges = (lines: Line[]) => [...lines.slice(0, 1), ...lines.slice(lines.length >= 6 ? -2 : -1)];
  const key = (l: Line) => `${Math.round(l.y / 2)}|${l.text.replace(/\d+/g, "#").replace(/\s+/g, " ").trim()}`;
  const seen = new Map<string, number>();
  for (const lines of pages) for (const k of new Set(edges(lines).map(key))) seen.set(k, (seen.get(k) ?? 0) + 1);
  const running = (l: Line) => (seen.get(key(l)) ?? 0) >= Math.max(2, Math.ceil(pages.length / 2));
  return pages.map((lines) => {
    const edge = new Set(edges(lines));
    return lines.filter((l) => !edge.has(l) || !(running(l) || PAGE_NUMBER.test(l.text)));
  });
}

export function layoutText(pages: TextItem[][]): string {
  const out: string[] = [];
  let previous: { line: Line; right: number } | null = null;
  for (const lines of withoutRunningLines(pages.map(linesOfPage))) {
    if (!lines.length) continue;
    // The right margin: where most full lines end (a long URL running past it does not move it).
    const rights = lines.map((l) => l.right).sort((a, b) => a - b);
    const right = rights[Math.floor(rights.length * 0.9)];
    const steps = lines
      .slice(1)
      .map((l, i) => lines[i].y - l.y)
      .filter((d) => d > 0)
      .sort((a, b) => a - b);
    // The usual line spacing; a page of a few lines (a title page) says little, so at most 1.5 lines of text.
    const size = Math.max(...lines.map((l) => l.size));
    const spacing = Math.min(steps[Math.floor(steps.length / 2)] ?? size * 1.2, size * 1.5);
    lines.forEach((line, i) => {
      const step = i > 0 ? lines[i - 1].y - line.y : null;
      const gap = step !== null && step > spacing * 1.4;
      const space = line.size * 0.3;
      // Wrapped: the first word would not have fit after the line before, which reaches the right margin (its
      // width is estimated from the run's average character, hence the margin of a character or two).
      const wrapped =
        previous !== null &&
        !gap &&
        // A row of a table laid out with tab stops wraps too; its rest has fewer cells than a row, or goes on
        // in lower case.
        (!line.text.includes("\t") ||
          cellsOf(line.text) < cellsOf(previous.line.text) ||
          /^\s*\p{Ll}/u.test(line.text)) &&
        previous.line.right + space + line.firstWord > previous.right - line.size * 1.2 &&
        line.left >= previous.line.left - line.size &&
        !OPENS_ITEM.test(line.text) &&
        // A sentence that ends at the margin before a capital: as likely a heading or a new paragraph as a
        // wrap; left as two lines (one paragraph to the plain-text reader either way).
        !(/[.:!?]$/.test(previous.line.text) && /^\s*\p{Lu}/u.test(line.text));
      const joint = previous?.line.tabEnd || /^ *\t/.test(line.text) ? "\t" : " ";
      if (wrapped) out[out.length - 1] += `${joint}${line.text.trimStart()}`;
      else {
        if (gap) out.push("");
        out.push(line.text);
      }
      previous = { line, right };
    });
  }
  return out.join("\n");
}

/**
 * The text of a PDF, laid out from its runs' positions. pdf-parse's own text joins runs without their
 * geometry; its document (pdf.js) is reached through its loader, the one member not in its typings.
 * Should that member ever go, pdf-parse's own text is used.
 */
export async function pdfText(bytes: Uint8Array): Promise<{ text: string; pages: number }> {
  preloadPdfWorker();
  let parser: PDFParse | undefined;
  try {
    parser = new PDFParse({ data: new Uint8Array(bytes) });
    const loader = parser as unknown as { load?: () => Promise<PdfDocument> };
    if (typeof loader.load !== "function") {
      const pages = (await parser.getText()).pages;
      return { text: pages.map((p) => p.text).join("\n"), pages: pages.length };
    }
    const doc = await loader.load();
    const pages: TextItem[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      pages.push(content.items.filter((i): i is TextItem => "str" in i));
      page.cleanup();
    }
    return { text: layoutText(pages), pages: doc.numPages };
  } catch (e) {
    throw new PdfTextError((e as Error).message);
  } finally {
    await parser?.destroy().catch(() => undefined);
    keepNativePush(); // pdf.js's own dynamic import of its worker may have loaded it
  }
}
