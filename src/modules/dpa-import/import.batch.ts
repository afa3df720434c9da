// POST /imports/agreements — a folder of DPAs in one request: several file parts named `file`, each a
// document (.pdf, .docx, .txt, .md, .html) or a .zip of documents. Each document becomes its own
// evidence and import draft, matched to a processor where its parties allow, or gets a refusal with a
// code; the answer lists every document's status. Each document is written under a savepoint of its own
// (nothing of a document is half-written; a bad one does not stop the others). A ZIP is opened with
// limits that stop a ZIP bomb before it inflates (import.archive.ts).
import { createHash } from "node:crypto";
import path from "node:path";
import type { Request, Response } from "express";
import type { HttpDeps } from "../../common/module";
import { HttpError, HttpErrorCode, unprocessable, UserInputFailure } from "../../common/errors";
import { toGlobalId } from "../../common/global-id";
import { todayIso } from "../../common/dates";
import { sendError } from "../../http/request-context";
import { admitUpload, readMultipart } from "../../http/upload";
import { EvidenceKind } from "../evidence/evidence.entity";
import { UploadEvidenceFields } from "../evidence/evidence.inputs";
import { normalizeMediaType, safeFileName } from "../evidence/evidence.rules";
import type { StoredFile } from "../evidence/evidence.service";
import { evidenceJson } from "../evidence/evidence.upload";
import { ArchiveRefused, readArchive, type ArchiveLimits } from "./import.archive";
import { DocumentReadersBusy } from "./reader/reader";
import { ImportRefused } from "./import.errors";
import { agreementImportService, type ReadDocument } from "./import.service";

/** Documents in one request, ZIP entries included. */
export const BATCH_MAX_DOCUMENTS = 50;
/** File parts in one request. */
const BATCH_MAX_PARTS = 50;

/** The limits of one request and of each ZIP in it, from the evidence size limit. */
export function batchLimits(evidenceMaxBytes: number): { requestBytes: number; archive: ArchiveLimits } {
  return {
    // What is sent: twice the size of one document (a folder of DPAs is mostly small text and Word files).
    requestBytes: 2 * evidenceMaxBytes,
    archive: {
      maxEntries: BATCH_MAX_DOCUMENTS,
      maxRecords: 4 * BATCH_MAX_DOCUMENTS,
      maxEntryBytes: evidenceMaxBytes,
      maxTotalBytes: 4 * evidenceMaxBytes,
      // Text compresses up to about 10 times, Word and PDF files hardly at all; a ZIP bomb a thousand times.
      maxRatio: 100,
      ratioFloorBytes: 1024 * 1024,
    },
  };
}

interface Part {
  name: string;
  mediaType: string;
  content: Buffer | null;
  tooLarge: boolean;
}

export type DocumentStatus =
  | {
      file: string;
      status: "IMPORTED";
      agreementImport: object;
      evidence: object;
    }
  | { file: string; status: "REFUSED"; error: { code: HttpErrorCode; message: string } };

/** The file parts of the request, each kept in memory within its limit; the request's total within its own. */
function parseParts(req: Request, maxFileBytes: number, maxRequestBytes: number, timeoutMs: number): Promise<Part[]> {
  return new Promise((resolve, reject) => {
    const limits = { fields: 1, files: BATCH_MAX_PARTS, parts: BATCH_MAX_PARTS + 1, fileSize: maxFileBytes + 1 };
    const reading = readMultipart(req, limits, timeoutMs, reject);
    if (!reading) return;
    const { bb, stop } = reading;
    const parts: Part[] = [];
    let total = 0;
    let open = 0;
    let closed = false;
    const finish = () => {
      if (!closed || open > 0) return;
      if (reading.settle()) resolve(parts);
    };
    bb.on("field", (name) =>
      stop(
        unprocessable(
          "INVALID",
          `${name.slice(0, 100)} is not a field of this endpoint: send the documents as file parts named file.`,
          name.slice(0, 100),
        ),
      ),
    );
    bb.on("file", (name, stream, info) => {
      if (reading.settled) return void stream.resume();
      if (name !== "file")
        return stop(
          unprocessable("INVALID", `Unexpected file part "${name.slice(0, 100)}": name every part file.`, "file"),
        );
      const part: Part = {
        name: safeFileName(info.filename) ?? `document-${parts.length + 1}`,
        mediaType: normalizeMediaType(info.mimeType),
        content: null,
        tooLarge: false,
      };
      parts.push(part);
      open++;
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("data", (chunk: Buffer) => {
        if (reading.settled) return;
        total += chunk.length;
        if (total > maxRequestBytes)
          return stop(
            new HttpError("PAYLOAD_TOO_LARGE", `The documents are too large: at most ${maxRequestBytes} bytes in all.`),
          );
        size += chunk.length;
        // A part over its limit is read on (and dropped) so the other parts still arrive; it is refused alone.
        if (size > maxFileBytes) part.tooLarge = true;
        else chunks.push(chunk);
      });
      stream.on("end", () => {
        open--;
        if (!part.tooLarge) part.content = Buffer.concat(chunks, size);
        finish();
      });
    });
    bb.on("close", () => {
      if (reading.settled) return;
      closed = true;
      if (!parts.length)
        return stop(unprocessable("REQUIRED", "file is required: send one or more file parts named file.", "file"));
      finish();
    });
    bb.on("filesLimit", () =>
      stop(unprocessable("INVALID", `At most ${BATCH_MAX_PARTS} file parts in one request.`, "file")),
    );
    bb.on("partsLimit", () =>
      stop(unprocessable("INVALID", `At most ${BATCH_MAX_PARTS} file parts in one request.`, "file")),
    );
    bb.on("fieldsLimit", () => stop(unprocessable("INVALID", "This endpoint takes file parts only.", null)));
    reading.start();
  });
}

const isArchive = (p: { name: string; mediaType: string | null }) =>
  path.extname(p.name).toLowerCase() === ".zip" ||
  (path.extname(p.name) === "" && /^application\/(x-)?zip(-compressed)?$/.test(p.mediaType ?? ""));

/** A ZIP entry's media type, from its name (the archive says nothing else about it). */
const ENTRY_MEDIA_TYPES: Record<string, string> = {
  ".pdf": "application/pdf",
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ".txt": "text/plain",
  ".md": "text/markdown",
  ".markdown": "text/markdown",
  ".html": "text/html",
  ".htm": "text/html",
};

interface Candidate {
  file: string;
  fileName: string;
  mediaType: string;
  content?: Buffer;
  refusal?: { code: HttpErrorCode; message: string };
}

/** The request's documents: its file parts, with each ZIP replaced by the documents in it. */
async function documentsOf(parts: Part[], maxFileBytes: number, limits: ArchiveLimits): Promise<Candidate[]> {
  const out: Candidate[] = [];
  for (const part of parts) {
    const base = { file: part.name, fileName: part.name, mediaType: part.mediaType };
    if (part.tooLarge || !part.content) {
      out.push({
        ...base,
        refusal: { code: "PAYLOAD_TOO_LARGE", message: `The file is too large: the limit is ${maxFileBytes} bytes.` },
      });
      continue;
    }
    if (!isArchive(part)) {
      out.push({ ...base, content: part.content });
      continue;
    }
    try {
      for (const entry of await readArchive(part.content, limits)) {
        const name = safeFileName(path.posix.basename(entry.name)) ?? "document";
        const mediaType = normalizeMediaType(ENTRY_MEDIA_TYPES[path.extname(name).toLowerCase()]);
        const candidate = { file: `${part.name}/${entry.name}`, fileName: name, mediaType };
        if ("refused" in entry) out.push({ ...candidate, refusal: entry.refused });
        else out.push({ ...candidate, content: entry.bytes });
      }
    } catch (e) {
      if (!(e instanceof ArchiveRefused)) throw e;
      out.push({ ...base, refusal: { code: e.code, message: e.message } });
    }
  }
  return out;
}

const refused = (c: Candidate, code: HttpErrorCode, message: string): DocumentStatus => ({
  file: c.file,
  status: "REFUSED",
  error: { code, message },
});

/** POST /imports/agreements: every document's status, 200; 4xx only for a request that cannot be read at all. */
export async function importBatch(deps: HttpDeps, req: Request, res: Response): Promise<void> {
  // Who is calling, before a byte of the body is read; what is sent, before it is read; a place of the uploads'
  // gate, kept until the documents are stored or refused.
  const limits = batchLimits(deps.config.evidenceMaxBytes);
  const tooLarge = () =>
    new HttpError("PAYLOAD_TOO_LARGE", `The documents are too large: at most ${limits.requestBytes} bytes in all.`);
  const expects = "one or more file parts named file";
  const admitted = await admitUpload(deps, req, res, expects, limits.requestBytes, tooLarge);
  if (!admitted) return;
  try {
    await importAdmitted(deps, req, res, admitted.organizationId);
  } finally {
    admitted.release();
  }
}

async function importAdmitted(
  { config, withContext }: HttpDeps,
  req: Request,
  res: Response,
  organizationId: string,
): Promise<void> {
  const limits = batchLimits(config.evidenceMaxBytes);

  // Read and parse every document with no database connection held.
  const statuses: (DocumentStatus | null)[] = [];
  const ready: { index: number; name: string; file: StoredFile; read: ReadDocument; title: string }[] = [];
  try {
    const parts = await parseParts(req, config.evidenceMaxBytes, limits.requestBytes, config.uploadReadTimeoutMs);
    const candidates = await documentsOf(parts, config.evidenceMaxBytes, limits.archive);
    if (candidates.length > BATCH_MAX_DOCUMENTS)
      throw unprocessable(
        "INVALID",
        `The request holds ${candidates.length} documents (ZIP entries included); at most ${BATCH_MAX_DOCUMENTS}.`,
        "file",
      );
    const seen = new Map<string, string>();
    for (const c of candidates) {
      if (c.refusal || !c.content) {
        statuses.push(refused(c, c.refusal?.code ?? "INVALID", c.refusal?.message ?? "The file is empty."));
        continue;
      }
      if (c.content.length === 0) {
        statuses.push(refused(c, "INVALID", "The file is empty."));
        continue;
      }
      const sha256 = createHash("sha256").update(c.content).digest("hex");
      const earlier = seen.get(sha256);
      if (earlier) {
        const message = `The same document (SHA-256 ${sha256}) is in this request as ${earlier}.`;
        statuses.push(refused(c, "DUPLICATE", message));
        continue;
      }
      seen.set(sha256, c.file);
      try {
        const read = await agreementImportService.readDraft(c.content, c.fileName, c.mediaType, organizationId);
        ready.push({
          index: statuses.length,
          name: c.file,
          file: {
            content: c.content,
            sha256,
            sizeBytes: c.content.length,
            mediaType: c.mediaType,
            fileName: c.fileName,
          },
          read,
          title: `Data processing agreement: ${c.fileName}`.slice(0, 300),
        });
        statuses.push(null);
      } catch (err) {
        if (!(err instanceof ImportRefused)) throw err;
        statuses.push(refused(c, err.code, err.message));
      }
    }
  } catch (err) {
    // Every reader busy: the whole request is answered 503 with Retry-After (the drafts read so far are not stored).
    const busy =
      err instanceof DocumentReadersBusy
        ? Object.assign(new HttpError("DOCUMENT_READERS_BUSY", err.message), {
            retryAfterSeconds: err.retryAfterSeconds,
          })
        : null;
    const httpError = busy ?? (err instanceof HttpError ? err : new HttpError("INTERNAL", "Internal server error."));
    if (!busy && !(err instanceof HttpError))
      console.error(
        JSON.stringify({ level: "error", msg: "batch import failed", error: err instanceof Error ? err.stack : err }),
      );
    if (!req.complete) res.setHeader("Connection", "close");
    return sendError(res, httpError);
  }

  // Each readable document written under its own savepoint, in one transaction.
  let done = false;
  await withContext(req, res, "write", async (ctx) => {
    for (const doc of ready) {
      const fields = Object.assign(new UploadEvidenceFields(), {
        kind: EvidenceKind.AGREEMENT_DOCUMENT,
        title: doc.title,
        effectiveOn: todayIso(),
      });
      try {
        const { agreementImport: imported, evidence } = await agreementImportService.importBatchDocument(
          ctx,
          fields,
          doc.file,
          doc.read,
        );
        const processor = imported.processorId ? await ctx.loaders.processorById.load(imported.processorId) : null;
        const { draft } = doc.read;
        statuses[doc.index] = {
          file: doc.name,
          status: "IMPORTED",
          agreementImport: {
            id: toGlobalId("AgreementImport", imported.id),
            status: imported.status,
            kind: draft.kind.value,
            language: draft.language,
            template: draft.template,
            format: draft.format ?? null,
            processor: processor ? { id: toGlobalId("Processor", processor.id), name: processor.name } : null,
            missing: draft.missing,
          },
          evidence: evidenceJson(evidence),
        };
      } catch (err) {
        if (!(err instanceof UserInputFailure)) throw err;
        const [first] = err.userErrors;
        statuses[doc.index] = {
          file: doc.name,
          status: "REFUSED",
          error: { code: first.code as HttpErrorCode, message: first.message },
        };
      }
    }
    done = true;
  });
  if (!done || res.headersSent) return;
  const documents = statuses as DocumentStatus[];
  res.status(200).json({
    imported: documents.filter((d) => d.status === "IMPORTED").length,
    refused: documents.filter((d) => d.status === "REFUSED").length,
    documents,
  });
}
