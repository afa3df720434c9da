// What an uploaded document may cost to read. A document over any of these is refused with
// DOCUMENT_TOO_COMPLEX naming the limit, before (or instead of) the reader spending more on it. The
// numbers sit far above any agreement a person writes (the corpus' largest Word file inflates to well
// under 1 MB, its longest text is under 100,000 characters) and far below what hurts the server.

import { MAX_HTML_DEPTH } from "../extract/parse/nesting";

export interface DocumentLimits {
  /** Bytes all parts of a Word file (or all streams of a PDF) may inflate to, together. */
  maxInflatedBytes: number;
  /** Largest inflated/compressed ratio of one zip entry that inflates to more than ratioFloorBytes. */
  maxCompressionRatio: number;
  /** Entries under this inflated size are not held to the ratio (tiny parts compress oddly). */
  ratioFloorBytes: number;
  /** Entries of a zip (parts of a Word file), nested archives included. */
  maxZipEntries: number;
  /** How deep archives may sit inside the Word file (an embedded workbook is one level). */
  maxZipDepth: number;
  /** Pages of a PDF. */
  maxPages: number;
  /** Content-stream operators of a PDF, each stream counted once per page that draws it. */
  maxOperators: number;
  /** Characters of the document's text (and 4 bytes per character of a text, Markdown or HTML upload). */
  maxTextChars: number;
  /** Heap of the worker that reads one document, in MB (worker_threads resourceLimits). */
  memoryMb: number;
  /** Wall-clock time one document may take to read, in ms; the worker is stopped after it. */
  timeoutMs: number;
}

export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = {
  maxInflatedBytes: 32 * 1024 * 1024,
  maxCompressionRatio: 200,
  ratioFloorBytes: 1024 * 1024,
  maxZipEntries: 2000,
  maxZipDepth: 2,
  maxPages: 1000,
  maxOperators: 1_000_000,
  maxTextChars: 2_000_000,
  memoryMb: 512,
  timeoutMs: 20_000,
};

/** Which limit a document went over; the message says it in the uploader's words. */
export type DocumentLimit =
  | "inflatedSize"
  | "compressionRatio"
  | "zipEntries"
  | "zipDepth"
  | "pages"
  | "operators"
  | "textLength"
  | "nesting"
  | "memory"
  | "time";

export class DocumentTooComplex extends Error {
  constructor(
    readonly limit: DocumentLimit,
    message: string,
  ) {
    super(message);
    this.name = "DocumentTooComplex";
  }
}

const mb = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

/** The refusal for a limit, in the project's words (what was too much, and the limit). */
export function tooComplex(limit: DocumentLimit, limits: DocumentLimits, detail = ""): DocumentTooComplex {
  const text: Record<DocumentLimit, string> = {
    inflatedSize: `its compressed content unpacks to more than ${mb(limits.maxInflatedBytes)}`,
    compressionRatio:
      `a part of it is compressed more than ${limits.maxCompressionRatio} to 1 (as a zip bomb is), ` +
      `which no ordinary document is`,
    zipEntries: `it has more than ${limits.maxZipEntries} parts`,
    zipDepth: `it holds archives nested more than ${limits.maxZipDepth} deep`,
    pages: `it has more than ${limits.maxPages} pages`,
    operators: `its pages hold more than ${limits.maxOperators} drawing operations`,
    textLength: `its text is longer than ${limits.maxTextChars} characters`,
    nesting: `its markup nests elements more than ${MAX_HTML_DEPTH} deep`,
    memory: `reading it needs more than ${limits.memoryMb} MB of memory`,
    time: `reading it takes longer than ${Math.round(limits.timeoutMs / 1000)} s`,
  };
  return new DocumentTooComplex(
    limit,
    `The document is too complex to read (limit: ${limit}): ${text[limit]}${detail}. Nothing was stored; ` +
      `save or print it again as an ordinary PDF or Word file, or split it.`,
  );
}
