// bytes + file name + media type → ParsedDocument: the one entry point for reading an upload. Pure and
// serialisable both ways (Uint8Array and strings in, plain data out), so it can run in a worker thread.
// The format is judged by content first (a PDF or Word file announces itself), then by name and type.
import path from "node:path";
import { docxHtml } from "./docx";
import { parseHtml } from "./html";
import { HtmlTooDeep } from "./nesting";
import { parseMarkdown } from "./markdown";
import { pdfText } from "./pdf";
import { looksLikeSource, sourceHtml } from "./source";
import { parseText } from "./text";
import type { DocumentFormat, ParsedDocument } from "./types";
import { decodeText } from "../../../../common/text-encoding";

export type { Block, BlockKind, DocumentFormat, ParsedDocument, Span } from "./types";
export { parseHtml } from "./html";
export { parseMarkdown } from "./markdown";
export { parseText } from "./text";

export type DocumentReadErrorCode =
  "UNSUPPORTED_FILE_TYPE" | "EMPTY_DOCUMENT" | "SCANNED_PDF" | "UNREADABLE_PDF" | "UNREADABLE_DOCX";

export class DocumentReadError extends Error {
  constructor(
    readonly code: DocumentReadErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "DocumentReadError";
  }
}

export interface DocumentInput {
  bytes: Uint8Array;
  fileName?: string | null;
  mediaType?: string | null;
}

// A web page's source file (React/Next.js, TypeScript data, a PHP template) is text that source.ts renders.
const SOURCE_EXTENSIONS = [".tsx", ".jsx", ".ts", ".js", ".mjs", ".vue", ".svelte", ".php"];

export const ACCEPTED_EXTENSIONS = [".pdf", ".docx", ".txt", ".md", ".markdown", ".html", ".htm", ...SOURCE_EXTENSIONS];

const TYPE_OF_MEDIA: Record<string, DocumentFormat> = {
  "application/pdf": "pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "text/plain": "text",
  "text/markdown": "markdown",
  "text/x-markdown": "markdown",
  "text/html": "html",
  "application/xhtml+xml": "html",
};

const TYPE_OF_EXTENSION: Record<string, DocumentFormat> = {
  ".pdf": "pdf",
  ".docx": "docx",
  ".txt": "text",
  ".md": "markdown",
  ".markdown": "markdown",
  ".html": "html",
  ".htm": "html",
  ...Object.fromEntries(SOURCE_EXTENSIONS.map((e): [string, DocumentFormat] => [e, "text"])),
};

/** Whitespace within a line kept in a row (PDF columns aligned with spaces keep their gaps). */
const LONGEST_GAP = 32;
const LONG_GAP = new RegExp(`[^\\S\\n]{${LONGEST_GAP + 1},}`, "g");
/** Three or more blank lines (lines of whitespace) after a line's end. */
const BLANK_LINES = /\n(?:[^\S\n]*\n){3,}/g;

/**
 * Offsets in citations count characters of the text, so line endings, the BOM and runs of whitespace are settled
 * here, once. A run of whitespace within a line is kept to its first LONGEST_GAP characters, and more than two
 * blank lines in a row become two: the rules' patterns (`^\s*…` on every line, `\s*\(?\s*"`) scan a run of
 * whitespace from each of its positions, so 5 KB of blank lines, or of no-break spaces, held a reader for its whole
 * DOCUMENT_READ_TIMEOUT_MS (2,000 blank lines took 8 s, 5,000 took 75 s). No agreement's meaning is in such a run.
 */
export const normaliseText = (text: string) =>
  text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .replace(LONG_GAP, (gap) => gap.slice(0, LONGEST_GAP))
    .replace(BLANK_LINES, "\n\n\n");

const hasWords = (text: string) => /\p{L}/u.test(text);
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);
const isPdf = (bytes: Uint8Array) => startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d]);
const isZip = (bytes: Uint8Array) => startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);

/**
 * Text that is HTML markup: a page, or HTML kept inside a source file. A text with a few stray tags
 * (copied from a web page) stays text: the block tags must be dense, one per thousand characters.
 */
export function looksLikeHtml(text: string): boolean {
  if (/^\s*(<!doctype html|<html[\s>])/i.test(text)) return true;
  const tags = text.match(/<(p|h[1-6]|li|tr|td|table|div|section|article)\b[^>]*>/gi) ?? [];
  return tags.length >= 5 && tags.length * 1000 >= text.length;
}

/** Markdown that says so: ATX headings, pipe tables, emphasis, list markers at line starts. */
export function looksLikeMarkdown(text: string): boolean {
  const signals = [
    /^#{1,6}\s+\S/m,
    /^\s*\|?\s*:?-{3,}:?\s*\|/m,
    /\*\*[^*\n]+\*\*/,
    /^---\n[\s\S]*?\n---\n/,
    /^\s*[-*]\s+\S[\s\S]*^\s*[-*]\s+\S/m,
  ];
  return signals.filter((s) => s.test(text)).length >= 2;
}

/**
 * A text file's text, whatever it was saved as (decodeText: a BOM's encoding, UTF-8, else Windows-1252), or null
 * when it is not text (a NUL anywhere: UTF-16 is read from its BOM). Kept per file: formatOf and parseDocument both
 * need it.
 */
const decodedTexts = new WeakMap<Uint8Array, string | null>();
function textOf(bytes: Uint8Array): string | null {
  if (!decodedTexts.has(bytes)) {
    const decoded = decodeText(bytes);
    decodedTexts.set(bytes, decoded && !decoded.text.includes("\u0000") ? decoded.text : null);
  }
  return decodedTexts.get(bytes)!;
}

/** Which reader a file needs, or null when it is nothing we read. */
export function formatOf(input: DocumentInput): DocumentFormat | null {
  const { bytes } = input;
  const extension = path.extname(input.fileName ?? "").toLowerCase();
  const media = (input.mediaType ?? "").split(";")[0].trim().toLowerCase();
  const byName = TYPE_OF_EXTENSION[extension] ?? TYPE_OF_MEDIA[media] ?? null;
  if (isPdf(bytes)) return "pdf";
  if (isZip(bytes) && (byName === "docx" || byName === null)) return "docx";
  // A declared PDF or Word file that is not one is read as what it claims, and fails as unreadable.
  if (byName === "pdf" || byName === "docx") return byName;
  const known = ACCEPTED_EXTENSIONS.includes(extension) || media in TYPE_OF_MEDIA;
  if (!known && extension && extension !== ".bin") return null;
  const decoded = textOf(bytes);
  if (!decoded) return null;
  // Normalised as it will be read: looksLikeMarkdown's patterns scan runs of whitespace as the rules do.
  const text = normaliseText(decoded.slice(0, 200_000));
  // A file named .html that holds no tag at all is text saved under that name: its line breaks are its structure.
  if ((byName === "html" && /<[a-z!/]/i.test(text)) || looksLikeHtml(text)) return "html";
  if (byName === "markdown" || looksLikeMarkdown(text)) return "markdown";
  return "text";
}

async function readPdf(bytes: Uint8Array): Promise<{ text: string; headings: string[] }> {
  let read: { text: string; pages: number; headings: string[] };
  try {
    read = await pdfText(bytes);
  } catch (e) {
    if (e instanceof DocumentReadError) throw e;
    // pdf.js's own message names its internals (objects, xref tables): the client gets the project's words.
    throw new DocumentReadError(
      "UNREADABLE_PDF",
      "The PDF could not be read: it is damaged, encrypted or not a PDF. Save it again as a PDF and upload that.",
    );
  }
  if (read.pages > 0 && !hasWords(read.text))
    throw new DocumentReadError(
      "SCANNED_PDF",
      "The PDF has pages but no text layer (probably a scan); run OCR on it or upload the original document.",
    );
  return read;
}

/** Word through mammoth's HTML, so headings, lists and tables keep their structure (docx.ts). */
async function readDocx(bytes: Uint8Array): Promise<ParsedDocument> {
  let read: { html: string; numbered: boolean };
  try {
    read = await docxHtml(bytes);
  } catch (e) {
    if (e instanceof DocumentReadError || e instanceof HtmlTooDeep) throw e;
    // mammoth's and JSZip's messages name their internals (zip directories, XML parts).
    throw new DocumentReadError(
      "UNREADABLE_DOCX",
      "The Word document could not be read: it is damaged or not a .docx file. Save it again as .docx and upload that.",
    );
  }
  return parseHtml(read.html, "docx", { tabs: true, orderedMarkers: !read.numbered });
}

export async function parseDocument(input: DocumentInput): Promise<ParsedDocument> {
  const format = formatOf(input);
  if (!format) {
    const extension = path.extname(input.fileName ?? "").toLowerCase();
    // A name of a kind we read (".txt", ".md" …) on bytes that are not text (a NUL, or no encoding reads them): the
    // name and the content disagree, and "not supported; upload a .txt" would contradict itself.
    if (ACCEPTED_EXTENSIONS.includes(extension) && !textOf(input.bytes))
      throw new DocumentReadError(
        "UNSUPPORTED_FILE_TYPE",
        `The file is named "${extension}" but its content is not text (it holds bytes no text file has, as a ` +
          `program or an image does); upload the agreement itself as a .pdf, .docx, .txt, .md or .html file.`,
      );
    throw new DocumentReadError(
      "UNSUPPORTED_FILE_TYPE",
      `Files of type "${extension || input.mediaType || input.fileName || "unknown"}" are not support` +
        `ed; upload a .pdf, .docx, .txt, .md or .html file, or a web page's source (${SOURCE_EXTENSIONS.join(", ")}).`,
    );
  }
  let parsed: ParsedDocument;
  if (format === "pdf") {
    const read = await readPdf(input.bytes);
    parsed = parseText(normaliseText(read.text), "pdf", new Set(read.headings.map((h) => normaliseText(h).trim())));
  } else if (format === "docx") parsed = await readDocx(input.bytes);
  else {
    const text = normaliseText(textOf(input.bytes)!);
    // A page kept as its source file (JSX, TypeScript) is read as the page it renders (source.ts).
    const rendered = format !== "markdown" && looksLikeSource(text) ? sourceHtml(text) : null;
    if (rendered) parsed = parseHtml(rendered);
    else parsed = format === "html" ? parseHtml(text) : format === "markdown" ? parseMarkdown(text) : parseText(text);
  }
  if (!hasWords(parsed.text)) throw new DocumentReadError("EMPTY_DOCUMENT", "The document contains no text.");
  return parsed;
}
