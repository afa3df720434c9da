// Receiving a multipart upload (POST /evidence, POST /imports/agreement): the key checked before the body
// is read, the file hashed and counted as it streams within the size limit, then stored in one
// transaction. The routes themselves are in evidence.http.ts and dpa-import/import.http.ts.
import { createHash } from "node:crypto";
import { Request, Response } from "express";
import type { HttpDeps } from "../../common/module";
import { sendError } from "../../http/request-context";
import { admitUpload, readMultipart } from "../../http/upload";
import type { RequestContext } from "../../context";

import { HttpError, httpErrorOfUserError, unprocessable, UserInputFailure } from "../../common/errors";
import { toGlobalId } from "../../common/global-id";
import { validateInput } from "../../common/validation";
import { Evidence } from "./evidence.entity";
import { UPLOAD_TEXT_FIELDS, UploadEvidenceFields } from "./evidence.inputs";
import { downloadPathOf, normalizeMediaType, safeFileName } from "./evidence.rules";
import { StoredFile } from "./evidence.service";

const FIELD_MAX_BYTES = 64 * 1024;

interface ParsedUpload {
  fields: UploadEvidenceFields;
  file: StoredFile;
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError("PAYLOAD_TOO_LARGE", `The file is too large: the limit is ${maxBytes} bytes.`, "file");
}

/** Validates the text fields with the class-validator rules of the GraphQL inputs; the first problem wins. */
async function validateFields(raw: Record<string, string>): Promise<UploadEvidenceFields | HttpError> {
  const fields = new UploadEvidenceFields();
  for (const [name, value] of Object.entries(raw)) {
    const v = name === "title" || name === "description" ? value : value.trim();
    if (v.trim() !== "" || name === "title") (fields as unknown as Record<string, string>)[name] = v;
  }
  const errors = await validateInput(fields, []);
  if (errors.length) {
    const [first] = errors;
    return httpErrorOfUserError(first);
  }
  return fields;
}

/**
 * Reads a multipart upload. Text fields are collected and validated when the file part starts; the
 * file is hashed and counted as it streams and kept in memory only while within the limit. On any
 * problem it stops reading at once and rejects with the HttpError to send.
 */
function parseUpload(
  req: Request,
  maxBytes: number,
  timeoutMs: number,
  defaults: Record<string, string> = {},
): Promise<ParsedUpload> {
  return new Promise<ParsedUpload>((resolve, reject) => {
    const reading = readMultipart(
      req,
      {
        fieldNameSize: 100,
        fieldSize: FIELD_MAX_BYTES,
        fields: 30,
        files: 2,
        parts: 40,
        headerPairs: 100,
        fileSize: maxBytes + 1,
      },
      timeoutMs,
      reject,
    );
    if (!reading) return;
    const { bb, stop } = reading;
    const raw: Record<string, string> = {};
    let fields: UploadEvidenceFields | null = null;
    let file: StoredFile | null = null;
    let fileSeen = false;

    const done = () => {
      if (reading.settle()) resolve({ fields: fields as UploadEvidenceFields, file: file as StoredFile });
    };

    bb.on("field", (name, value, info) => {
      if (reading.settled) return;
      if (name === "file")
        return stop(unprocessable("INVALID", "file must be a file part (with a filename), not a text field.", "file"));
      if (!(UPLOAD_TEXT_FIELDS as readonly string[]).includes(name)) {
        return stop(
          unprocessable(
            "INVALID",
            `${name} is not a field of an evidence upload; the fields are: ${UPLOAD_TEXT_FIELDS.join(", ")} and file.`,
            name,
          ),
        );
      }
      if (fileSeen) return stop(unprocessable("INVALID", `${name} must come before the file part.`, name));
      if (info.valueTruncated)
        return stop(unprocessable("TOO_LONG", `${name} must be at most ${FIELD_MAX_BYTES} bytes.`, name));
      if (name in raw) return stop(unprocessable("INVALID", `${name} was sent more than once.`, name));
      raw[name] = value;
    });

    bb.on("file", (name, stream, info) => {
      if (reading.settled) return void stream.resume();
      if (name !== "file")
        return stop(
          unprocessable(
            "INVALID",
            `Unexpected file part "${name.slice(0, 100)}": send exactly one file part, named file.`,
            "file",
          ),
        );
      if (fileSeen) return stop(unprocessable("INVALID", "Send exactly one file part named file.", "file"));
      fileSeen = true;
      // Busboy holds the file part (backpressure) until the fields are checked.
      validateFields({ ...defaults, ...raw }).then(
        (checked) => {
          if (reading.settled) return;
          if (checked instanceof HttpError) return stop(checked);
          fields = checked;
          const hash = createHash("sha256");
          const chunks: Buffer[] = [];
          let size = 0;
          stream.on("data", (chunk: Buffer) => {
            if (reading.settled) return;
            size += chunk.length;
            if (size > maxBytes) return stop(tooLarge(maxBytes));
            hash.update(chunk);
            chunks.push(chunk);
          });
          stream.on("end", () => {
            if (reading.settled) return;
            file = {
              content: Buffer.concat(chunks, size),
              sha256: hash.digest("hex"),
              sizeBytes: size,
              mediaType: normalizeMediaType(info.mimeType),
              fileName: safeFileName(info.filename),
            };
          });
        },
        (err) => {
          console.error(
            JSON.stringify({
              level: "error",
              msg: "evidence field validation failed",
              error: err instanceof Error ? err.stack : String(err),
            }),
          );
          stop(new HttpError("INTERNAL", "Internal server error."));
        },
      );
    });

    bb.on("close", () => {
      if (reading.settled) return;
      if (!fileSeen) {
        // Report missing or bad fields first, then the missing file.
        void validateFields({ ...defaults, ...raw }).then((checked) => {
          if (checked instanceof HttpError) stop(checked);
          else
            stop(
              unprocessable(
                "REQUIRED",
                "file is required: send the content as a file part named file, after the text fields.",
                "file",
              ),
            );
        });
        return;
      }
      if (!file) return stop(unprocessable("REQUIRED", "file is required.", "file"));
      if (file.sizeBytes === 0) return stop(unprocessable("INVALID", "file is empty.", "file"));
      done();
    });
    bb.on("partsLimit", () =>
      stop(unprocessable("INVALID", "Too many parts: send the text fields and one file.", null)),
    );
    bb.on("fieldsLimit", () => stop(unprocessable("INVALID", "Too many fields.", null)));
    bb.on("filesLimit", () => stop(unprocessable("INVALID", "Send exactly one file part named file.", "file")));
    reading.start();
  });
}

export function evidenceJson(e: Evidence) {
  return {
    id: toGlobalId("Evidence", e.id),
    kind: e.kind,
    title: e.title,
    effectiveOn: e.effectiveOn,
    fileName: e.fileName,
    mediaType: e.mediaType,
    sizeBytes: e.sizeBytes,
    sha256: e.sha256,
    storage: e.storage,
    version: e.version,
    downloadPath: downloadPathOf(e),
  };
}

export interface UploadHandling<P> {
  /** Text fields the upload may leave out. */
  defaults?: Record<string, string>;
  /** A lower size limit than the evidence limit (config.evidenceMaxBytes), for this upload. */
  maxBytes?: number;
  /**
   * A place for the work on the file, taken once the body is read (so a slow sender holds none) and kept until the
   * upload is stored (call the result to give it back); an HttpError refuses the upload.
   */
  admit?: (organizationId: string) => () => void;
  /** Work on the file before the database is touched; an HttpError refuses the upload. */
  prepare: (file: StoredFile, organizationId: string) => Promise<P>;
  /** Writes, inside the request's transaction; returns the 201 body. */
  store: (
    ctx: RequestContext,
    fields: UploadEvidenceFields,
    file: StoredFile,
    prepared: P,
  ) => Promise<{ body: object; location?: string | null }>;
}

/**
 * A multipart upload from key check to 201: the key is checked before the body is read, the body is
 * read with no database connection held, and everything is written in one transaction (rolled back on
 * any failure). POST /evidence and POST /imports/agreement differ only in `handling`.
 */
export async function receiveUpload<P>(
  deps: HttpDeps,
  req: Request,
  res: Response,
  handling: UploadHandling<P>,
): Promise<void> {
  // 1. Who is calling, before a byte of the body is read; what is sent, before it is read; a place of the uploads'
  // gate, kept until the upload is stored or refused.
  const { config } = deps;
  const maxBytes = Math.min(handling.maxBytes ?? config.evidenceMaxBytes, config.evidenceMaxBytes);
  const expects = "the text fields, then one file part named file";
  const admitted = await admitUpload(deps, req, res, expects, maxBytes, () => tooLarge(maxBytes));
  if (!admitted) return;
  try {
    await receiveAdmitted(deps, req, res, handling, admitted.organizationId, maxBytes);
  } finally {
    admitted.release();
  }
}

async function receiveAdmitted<P>(
  { config, withContext }: HttpDeps,
  req: Request,
  res: Response,
  handling: UploadHandling<P>,
  organizationId: string,
  maxBytes: number,
): Promise<void> {
  // 2. Read the body with no database connection held.
  let parsed: ParsedUpload;
  let prepared: P;
  let release: () => void = () => undefined;
  try {
    parsed = await parseUpload(req, maxBytes, config.uploadReadTimeoutMs, handling.defaults);
    if (parsed.fields.sha256 && parsed.fields.sha256.toLowerCase() !== parsed.file.sha256) {
      throw unprocessable(
        "HASH_MISMATCH",
        `sha256 does not match the uploaded content: you declared ${parsed.fields.sha256.toLowerCase()}, the ` +
          `content's SHA-256 is ${parsed.file.sha256}. Nothing was stored.`,
        "sha256",
      );
    }
    if (handling.admit) release = handling.admit(organizationId);
    prepared = await handling.prepare(parsed.file, organizationId);
  } catch (err) {
    release();
    const httpError = err instanceof HttpError ? err : new HttpError("INTERNAL", "Internal server error.");
    if (!(err instanceof HttpError))
      console.error(
        JSON.stringify({ level: "error", msg: "upload failed", error: err instanceof Error ? err.stack : String(err) }),
      );
    // The client may still be sending: close the connection after the answer instead of reading on.
    if (!req.complete) res.setHeader("Connection", "close");
    return sendError(res, httpError);
  }
  const { fields, file } = parsed;

  // 3. Links checked and everything inserted in one transaction (rolled back on any failure).
  const result: { body?: object; location?: string | null } = {};
  try {
    await withContext(req, res, "write", async (ctx) => {
      try {
        Object.assign(result, await handling.store(ctx, fields, file, prepared));
      } catch (err) {
        if (err instanceof UserInputFailure) {
          const [first] = err.userErrors;
          throw httpErrorOfUserError(first);
        }
        throw err;
      }
    });
  } finally {
    release();
  }
  if (!result.body || res.headersSent) return;
  if (result.location) res.location(result.location);
  res.status(201).json(result.body);
}
