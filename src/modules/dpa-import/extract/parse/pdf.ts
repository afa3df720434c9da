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
  /** The line's parts between tab stops, with where each starts and ends across the page. */
  cells: Cell[];
  /** A table's row put together from its cells (withTableRows): never joined with the lines around it. */
  row?: boolean;
}

interface Cell {
  x: number;
  right: number;
  y: number;
  text: string;
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
    const cells: Cell[] = [];
    let cell: Cell | null = null;
    const tab = () => {
      text += "\t";
      cell = null;
    };
    for (const r of group) {
      // A run of spaces as wide as a few characters (a tab a converter wrote as spaces) is a tab stop.
      if (!r.text.trim()) {
        if (r.right - r.x > r.size * 0.9) tab();
        else if (!/\s$/.test(text)) text += " ";
        if (cell && !/\s$/.test(cell.text)) cell.text += " ";
        end = Math.max(end ?? r.right, r.right);
        continue;
      }
      const gap = end === null ? 0 : r.x - end;
      if (end !== null) {
        if (gap > r.size * 1.2) tab();
        else if (gap > r.size * 0.15 && !/\s$/.test(text) && !/^\s/.test(r.text)) text += " ";
      }
      text += r.text;
      const joint: string = cell && gap > r.size * 0.15 && !/\s$/.test(cell.text) && !/^\s/.test(r.text) ? " " : "";
      if (cell) {
        cell.text += joint + r.text;
        cell.right = Math.max(cell.right, r.right);
      } else {
        cell = { x: r.x, right: r.right, y: r.y, text: r.text };
        cells.push(cell);
      }
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
      cells: cells.map((c) => ({ ...c, text: c.text.trim() })).filter((c) => c.text),
    });
  }
  return lines;
}

/**
 * A table as a browser prints it: a cell's text wraps inside its column, and a cell shorter than its row sits
 * in the middle of the row's height, on a baseline of its own, so the page's lines are not the table's rows.
 * Where lines stand side by side closer than the line spacing, or several carry tab stops, the lines between
 * two paragraph gaps are read as a table: each column's lines make cells (a wider step than the line
 * spacing ends a cell), and cells whose heights overlap make one row, read as its cells joined by tabs.
 */
function withTableRows(lines: Line[], step: number): Line[] {
  const out: Line[] = [];
  let i = 0;
  while (i < lines.length) {
    let j = i + 1;
    while (j < lines.length && lines[j - 1].y - lines[j].y <= step * 1.4) j++;
    const region = lines.slice(i, j);
    out.push(...(isTable(region, step) ? rowsOf(region, step) : region));
    i = j;
  }
  return out;
}

/** Two lines whose baselines are closer than a line's height, one beside the other: cells of one row. */
const sideBySide = (a: Line, b: Line, step: number) =>
  a !== b && Math.abs(a.y - b.y) > 1 && Math.abs(a.y - b.y) < step * 0.85 && (a.right <= b.left || b.right <= a.left);

function isTable(region: Line[], step: number): boolean {
  if (region.length < 2) return false;
  // A browser's table, not a word processor's tab stops: cells side by side off each other's baselines, or rows
  // set a little further apart than lines (the cells' padding).
  const paired = region.some((l, i) => region.slice(i + 1, i + 4).some((o) => sideBySide(l, o, step)));
  const spaced = region.slice(1).some((l, i) => region[i].y - l.y > step * 1.1);
  if (!paired && !spaced) return false;
  let tabbed = 0;
  region.forEach((l, i) => {
    const near = region.slice(Math.max(0, i - 3), i + 4);
    if (l.cells.length >= 2 || near.some((o) => sideBySide(l, o, step))) tabbed++;
  });
  return tabbed >= Math.max(2, region.length * 0.3);
}

function rowsOf(region: Line[], step: number): Line[] {
  // Every line a row of its own already (no cell wraps): as it is.
  if (region.every((l) => l.cells.length >= 2)) return region;
  const size = Math.max(...region.map((l) => l.size));
  // A column's cells: a part on the line below one and across the same stretch of the page (left-aligned,
  // centred or right-aligned alike) goes on with it.
  const cells = region.flatMap((l) => l.cells.map((c) => ({ ...c, line: l }))).sort((a, b) => b.y - a.y || a.x - b.x);
  interface Block {
    left: number;
    right: number;
    top: number;
    bottom: number;
    parts: typeof cells;
  }
  const blocks: Block[] = [];
  for (const c of cells) {
    const block = blocks.find((b) => {
      const last = b.parts[b.parts.length - 1];
      const down = last.y - c.y;
      return down > 1 && down <= step * 1.1 && c.x < last.right && c.right > last.x;
    });
    if (block && !block.parts.some((p) => Math.abs(p.y - c.y) <= 1)) {
      block.parts.push(c);
      block.bottom = c.y - c.line.size * 0.25;
      block.left = Math.min(block.left, c.x);
      block.right = Math.max(block.right, c.right);
    } else
      blocks.push({
        left: c.x,
        right: c.right,
        top: c.y + c.line.size * 0.75,
        bottom: c.y - c.line.size * 0.25,
        parts: [c],
      });
  }
  // Rows: cells whose heights overlap.
  blocks.sort((a, b) => b.top - a.top);
  const rows: Block[][] = [];
  let bottom = Infinity;
  for (const b of blocks) {
    if (rows.length && b.top - bottom > size * 0.2) {
      rows[rows.length - 1].push(b);
      bottom = Math.min(bottom, b.bottom);
    } else {
      rows.push([b]);
      bottom = b.bottom;
    }
  }
  const out: Line[] = [];
  for (const row of rows) {
    const lines = [...new Set(row.flatMap((b) => b.parts.map((p) => p.line)))].sort((a, b) => b.y - a.y);
    // The row's columns, left to right: blocks across the same stretch are one column's.
    const columns: Block[][] = [];
    for (const b of [...row].sort((a, b) => a.left - b.left)) {
      const last = columns[columns.length - 1];
      if (last && b.left < Math.max(...last.map((x) => x.right)) - size * 0.5) last.push(b);
      else columns.push([b]);
    }
    // One column only: the lines as they were (a caption, a paragraph), left to the wrap rules below.
    if (columns.length < 2) {
      out.push(...lines.filter((l) => !out.includes(l)));
      continue;
    }
    const text = columns
      .map((column) =>
        column
          .flatMap((b) => b.parts)
          .sort((a, b) => b.y - a.y || a.x - b.x)
          .map((p) => p.text)
          .join(" "),
      )
      .join("\t");
    out.push({
      y: lines[0].y,
      left: Math.min(...lines.map((l) => l.left)),
      right: Math.max(...lines.map((l) => l.right)),
      size: Math.max(...lines.map((l) => l.size)),
      text,
      firstWord: 0,
      tabEnd: false,
      cells: [],
      row: true,
    });
  }
  return out;
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
  return layoutOf(pages).text;
}

/**
 * The laid-out text and its headings: lines set larger than the body's text (a browser's h1–h3, a word
 * processor's heading styles), which the plain-text reader could not tell from a short paragraph.
 */
export function layoutOf(pages: TextItem[][]): { text: string; headings: string[] } {
  const out: string[] = [];
  const large = new Set<number>();
  let previous: { line: Line; right: number } | null = null;
  const all = withoutRunningLines(pages.map(linesOfPage));
  // The body's size: that of most of the text's characters.
  const bySize = all
    .flat()
    .map((l) => [l.size, l.text.length] as const)
    .sort((a, b) => a[0] - b[0]);
  let half = bySize.reduce((n, [, c]) => n + c, 0) / 2;
  const bodySize = bySize.find(([, c]) => (half -= c) <= 0)?.[0] ?? 0;
  for (const page of all) {
    if (!page.length) continue;
    // A table's lines become its rows first, spaced as the body's lines are.
    const sizes = page.map((l) => l.size).sort((a, b) => a - b);
    const body = sizes[Math.floor(sizes.length / 2)];
    // The line spacing inside a paragraph: the most common step between lines of the body's size.
    const counts = new Map<number, number>();
    page.slice(1).forEach((l, i) => {
      const d = Math.round((page[i].y - l.y) * 2) / 2;
      if (d >= body * 0.9 && d <= body * 2 && l.size === body) counts.set(d, (counts.get(d) ?? 0) + 1);
    });
    // A table's rows a few points further apart may be as many: the closest step that is common.
    const most = Math.max(0, ...counts.values());
    const usual =
      [...counts].filter(([, n]) => n >= Math.max(2, most * 0.2)).sort((a, b) => a[0] - b[0])[0]?.[0] ??
      [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ??
      body * 1.2;
    const lines = withTableRows(page, usual);
    // The right margin: where most full lines end (a long URL running past it does not move it).
    const rights = lines.map((l) => l.right).sort((a, b) => a - b);
    const right = rights[Math.floor(rights.length * 0.9)];
    const steps = page
      .slice(1)
      .map((l, i) => page[i].y - l.y)
      .filter((d) => d > 0)
      .sort((a, b) => a - b);
    // The usual line spacing; a page of a few lines (a title page) says little, so at most 1.5 lines of text.
    const size = Math.max(...lines.map((l) => l.size));
    const spacing = Math.min(steps[Math.floor(steps.length / 2)] ?? size * 1.2, size * 1.5);
    lines.forEach((line, i) => {
      const step = i > 0 ? lines[i - 1].y - line.y : null;
      // A table's rows follow one another whatever their height.
      const gap = step !== null && step > spacing * 1.4 && !(line.row && lines[i - 1].row);
      const space = line.size * 0.3;
      // Wrapped: the first word would not have fit after the line before, which reaches the right margin (its
      // width is estimated from the run's average character, hence the margin of a character or two).
      const wrapped =
        previous !== null &&
        !line.row &&
        !previous.line.row &&
        !gap &&
        // A row of a table laid out with tab stops wraps too; its rest has fewer cells than a row, or goes on
        // in lower case.
        (!line.text.includes("\t") ||
          cellsOf(line.text) < cellsOf(previous.line.text) ||
          /^\s*\p{Ll}/u.test(line.text)) &&
        previous.line.right + space + line.firstWord > previous.right - line.size * 1.2 &&
        line.left >= previous.line.left - line.size &&
        !OPENS_ITEM.test(line.text) &&
        // A heading's last line and the body under it are set in different sizes.
        Math.abs(line.size - previous.line.size) <= Math.max(line.size, previous.line.size) * 0.1 &&
        // A sentence that ends at the margin before a capital: as likely a heading or a new paragraph as a
        // wrap; left as two lines (one paragraph to the plain-text reader either way).
        !(/[.:!?]$/.test(previous.line.text) && /^\s*\p{Lu}/u.test(line.text));
      const joint = previous?.line.tabEnd || /^ *\t/.test(line.text) ? "\t" : " ";
      if (wrapped) out[out.length - 1] += `${joint}${line.text.trimStart()}`;
      else {
        if (gap) out.push("");
        out.push(line.text);
        if (!line.row && bodySize && line.size >= bodySize * 1.15) large.add(out.length - 1);
      }
      previous = { line, right };
    });
  }
  const headings = [...large]
    .map((i) => out[i].trim())
    .filter((t) => t.length <= 150 && t.split(/\s+/).length <= 20 && !/[,;]$/.test(t));
  return { text: out.join("\n"), headings };
}

/**
 * The text of a PDF, laid out from its runs' positions. pdf-parse's own text joins runs without their
 * geometry; its document (pdf.js) is reached through its loader, the one member not in its typings.
 * Should that member ever go, pdf-parse's own text is used.
 */
export async function pdfText(bytes: Uint8Array): Promise<{ text: string; pages: number; headings: string[] }> {
  preloadPdfWorker();
  let parser: PDFParse | undefined;
  try {
    parser = new PDFParse({ data: new Uint8Array(bytes) });
    const loader = parser as unknown as { load?: () => Promise<PdfDocument> };
    if (typeof loader.load !== "function") {
      const pages = (await parser.getText()).pages;
      return { text: pages.map((p) => p.text).join("\n"), pages: pages.length, headings: [] };
    }
    const doc = await loader.load();
    const pages: TextItem[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      pages.push(content.items.filter((i): i is TextItem => "str" in i));
      page.cleanup();
    }
    return { ...layoutOf(pages), pages: doc.numPages };
  } catch (e) {
    throw new PdfTextError((e as Error).message);
  } finally {
    await parser?.destroy().catch(() => undefined);
    keepNativePush(); // pdf.js's own dynamic import of its worker may have loaded it
  }
}
