// The plain text of an uploaded DPA (.txt, .pdf, .docx), for the rule-based importer. A file that
// cannot be read is refused (ImportRefused) with a code the API maps to a message for the user.
import Module from "node:module";
import path from "node:path";
import mammoth from "mammoth";
import { PDFParse } from "pdf-parse";
import { ImportRefused } from "./import.errors";

/** Offsets in citations count characters of this text, so line endings and the BOM are settled here, once. */
const normaliseText = (text: string) => text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");

const hasWords = (text: string) => /\p{L}/u.test(text);

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
}

async function pdfText(bytes: Buffer): Promise<string> {
  preloadPdfWorker();
  let parser: PDFParse | undefined;
  let pages: { text: string }[];
  try {
    parser = new PDFParse({ data: new Uint8Array(bytes) });
    pages = (await parser.getText()).pages;
  } catch (e) {
    throw new ImportRefused("UNREADABLE_PDF", `The PDF could not be read: ${(e as Error).message}`);
  } finally {
    await parser?.destroy().catch(() => undefined);
  }
  // Pages joined by a line break; pdf-parse's own "-- 1 of 2 --" page markers are left out.
  const text = pages.map((p) => p.text).join("\n");
  if (pages.length > 0 && !hasWords(text))
    throw new ImportRefused(
      "SCANNED_PDF",
      "The PDF has pages but no text layer (probably a scan); run OCR on it or upload the original document.",
    );
  return text;
}

async function docxText(bytes: Buffer): Promise<string> {
  try {
    return (await mammoth.extractRawText({ buffer: bytes })).value;
  } catch (e) {
    throw new ImportRefused("UNREADABLE_DOCX", `The Word document could not be read: ${(e as Error).message}`);
  }
}

export async function documentText(bytes: Buffer, fileName: string): Promise<string> {
  const extension = path.extname(fileName).toLowerCase();
  let text: string;
  if (extension === ".txt") text = bytes.toString("utf8");
  else if (extension === ".pdf") text = await pdfText(bytes);
  else if (extension === ".docx") text = await docxText(bytes);
  else
    throw new ImportRefused(
      "UNSUPPORTED_MEDIA_TYPE",
      `Files of type "${extension || fileName}" are not supported; upload a .pdf, .docx or .txt file.`,
    );
  const normalised = normaliseText(text);
  if (!hasWords(normalised)) throw new ImportRefused("EMPTY_DOCUMENT", "The document contains no text.");
  return normalised;
}
