// Builds the Word and PDF forms of a corpus document from its text at evaluation time, so the
// importer is measured on the files users upload without committing binaries. Used by the
// evaluation and tests only (docx and pdf-lib are development dependencies).
import MarkdownIt from "markdown-it";
import { parseMarkdown } from "./parse";
import type { ParsedDocument } from "./parse";

/** A DOCX with the document's headings, paragraphs, list items and tables, built with the docx package. */
export async function docxOf(markdown: string): Promise<Buffer> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const d = require("docx") as typeof import("docx");
  const parsed: ParsedDocument = parseMarkdown(markdown);
  const children: (import("docx").Paragraph | import("docx").Table)[] = [];
  const levels = [
    d.HeadingLevel.HEADING_1,
    d.HeadingLevel.HEADING_2,
    d.HeadingLevel.HEADING_3,
    d.HeadingLevel.HEADING_4,
  ];
  let rows: import("docx").TableRow[] = [];
  const endTable = () => {
    if (rows.length) children.push(new d.Table({ rows }));
    rows = [];
  };
  for (const b of parsed.blocks) {
    const text = parsed.text.slice(b.start, b.end);
    if (b.kind === "tableRow") {
      const cells = (b.cells ?? []).map(
        (c) => new d.TableCell({ children: [new d.Paragraph(parsed.text.slice(c.start, c.end))] }),
      );
      rows.push(new d.TableRow({ children: cells }));
      continue;
    }
    endTable();
    if (b.kind === "heading")
      children.push(new d.Paragraph({ text, heading: levels[Math.min(3, Math.max(0, (b.level ?? 1) - 1))] }));
    else for (const line of text.split("\n")) children.push(new d.Paragraph(line));
  }
  endTable();
  return d.Packer.toBuffer(new d.Document({ sections: [{ children }] }));
}

/** A PDF of the text, lines wrapped at the page width (as a word processor would), Helvetica. */
export async function pdfOf(text: string): Promise<Buffer> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { PDFDocument, StandardFonts } = require("pdf-lib") as typeof import("pdf-lib");
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const size = 10;
  const width = 495;
  // Helvetica's WinAnsi encoding has no arrows or maths signs; such characters are dropped.
  const encodable = (s: string) =>
    [...s]
      .filter((ch) => {
        try {
          font.encodeText(ch);
          return true;
        } catch {
          return false;
        }
      })
      .join("");
  const lines: string[] = [];
  for (const raw of text.split("\n")) {
    const words = encodable(raw.replace(/\t/g, "    ")).split(" ");
    let line = "";
    for (const w of words) {
      const next = line ? `${line} ${w}` : w;
      if (font.widthOfTextAtSize(next, size) > width && line) {
        lines.push(line);
        line = w;
      } else line = next;
    }
    lines.push(line);
  }
  let page = pdf.addPage([595, 842]);
  let y = 800;
  for (const line of lines) {
    if (y < 50) {
      page = pdf.addPage([595, 842]);
      y = 800;
    }
    if (line.trim()) page.drawText(line, { x: 50, y, size, font });
    y -= 14;
  }
  return Buffer.from(await pdf.save());
}

/** Prints HTML as a user's browser does ("Save as PDF"). */
export interface Printer {
  /** A4, 2 cm margins, Chrome's own header and footer (date and title, address and "page / pages"). */
  print(html: string): Promise<Buffer>;
  close(): Promise<void>;
}

/**
 * Debian's chromium (CHROMIUM_PATH, else /usr/bin/chromium) driven by playwright-core, with every request but
 * the page's own data refused: a corpus page's images and scripts are not fetched, as the browser tests do.
 */
export async function openPrinter(): Promise<Printer> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { chromium } = require("playwright-core") as typeof import("playwright-core");
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync"],
  });
  const context = await browser.newContext();
  await context.route("**/*", (route) =>
    route.request().url().startsWith("data:") ? route.continue() : route.abort("internetdisconnected"),
  );
  const page = await context.newPage();
  return {
    async print(html) {
      await page.setContent(html, { waitUntil: "domcontentloaded", timeout: 20_000 });
      const margin = { top: "2cm", bottom: "2cm", left: "2cm", right: "2cm" };
      return Buffer.from(await page.pdf({ format: "A4", displayHeaderFooter: true, margin }));
    },
    close: () => browser.close(),
  };
}

/** The page a browser shows for a corpus document: an HTML file itself, Markdown rendered (its front matter cut). */
export function pageOf(document: string, source: string): string {
  if (!/\.(md|markdown)$/i.test(document)) return source;
  const body = new MarkdownIt({ html: true }).render(source.replace(/^---\n[\s\S]*?\n---\n/, ""));
  const title = document.replace(/[<&>]/g, "");
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
}
