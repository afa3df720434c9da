// What every multipart upload endpoint (POST /evidence, /imports/agreement, /imports/agreements) does
// the same way: the key checked before the body is read, the content type and declared length checked,
// and a busboy parser that stops reading at the first problem.
import type { Request, Response } from "express";
import busboy from "busboy";
import type { HttpDeps } from "../common/module";
import { HttpError } from "../common/errors";
import { sendError } from "./request-context";

/** Room for the text fields and multipart framing on top of the files themselves. */
export const FORM_OVERHEAD_BYTES = 1024 * 1024;

/**
 * The caller's organization when the upload may be read (null when not): the caller may write (asked in a
 * short transaction of its own, before a byte of the body is read), the body is multipart/form-data (`parts`
 * says what it should hold), and its declared length is within `maxBytes` (else `tooLarge` is answered). When
 * null, the answer is sent; a refusal closes the connection rather than reading (and discarding) an upload
 * nobody will store.
 */
export async function admitUpload(
  withContext: HttpDeps["withContext"],
  req: Request,
  res: Response,
  parts: string,
  maxBytes: number,
  tooLarge: () => HttpError,
): Promise<string | null> {
  const caller: { organizationId?: string } = {};
  res.setHeader("Connection", "close");
  await withContext(req, res, "write", async (ctx) => {
    caller.organizationId = ctx.actor.organizationId;
  });
  if (!caller.organizationId || res.headersSent) return null;
  res.removeHeader("Connection");
  if (!req.is("multipart/form-data")) {
    sendError(
      res,
      new HttpError("UNSUPPORTED_MEDIA_TYPE", `${req.method} ${req.path} takes multipart/form-data: ${parts}.`),
    );
    return null;
  }
  const declaredLength = Number(req.headers["content-length"]);
  if (Number.isFinite(declaredLength) && declaredLength > maxBytes + FORM_OVERHEAD_BYTES) {
    res.setHeader("Connection", "close");
    sendError(res, tooLarge());
    return null;
  }
  return caller.organizationId;
}

/** A multipart body being read: the parser, and how the reading ends. */
export interface MultipartReading {
  bb: busboy.Busboy;
  /** Whether the reading has ended (stopped or settled). */
  readonly settled: boolean;
  /** Ends the reading as a success; false when it had already ended. */
  settle(): boolean;
  /** Stops reading at once and rejects with the HttpError to send. */
  stop(err: HttpError): void;
  /** Pipes the request into the parser; call it once the parser's handlers are on. */
  start(): void;
}

/**
 * Starts reading `req` as multipart/form-data within `limits`, or rejects with UNSUPPORTED_MEDIA_TYPE (and
 * answers null) when it has no usable boundary. A malformed, broken or incomplete body stops the reading.
 */
export function readMultipart(
  req: Request,
  limits: busboy.Limits,
  reject: (err: HttpError) => void,
): MultipartReading | null {
  let bb: busboy.Busboy;
  try {
    bb = busboy({ headers: req.headers, defParamCharset: "utf8", limits });
  } catch {
    reject(new HttpError("UNSUPPORTED_MEDIA_TYPE", "Send the upload as multipart/form-data with a boundary."));
    return null;
  }
  // A body that ends inside a file part destroys that part's stream with busboy's error: the parser's own
  // 'error' (start's `malformed`) answers it, and without a listener here it would be uncaught (the process exits).
  bb.on("file", (_name, stream) => stream.on("error", () => undefined));
  let settled = false;
  const reading: MultipartReading = {
    bb,
    get settled() {
      return settled;
    },
    settle() {
      if (settled) return false;
      settled = true;
      return true;
    },
    stop(err) {
      if (!reading.settle()) return;
      // Stop parsing. A body still arriving is not read on (the answer closes the connection);
      // one that has fully arrived is drained so that the connection can be reused.
      req.unpipe(bb);
      if (req.complete) req.resume();
      else req.pause();
      bb.removeAllListeners();
      bb.on("error", () => undefined);
      reject(err);
    },
    start() {
      const malformed = () =>
        reading.stop(new HttpError("BAD_REQUEST", "The multipart body is malformed or incomplete."));
      bb.on("error", malformed);
      req.on("error", malformed);
      req.on("close", () => {
        if (!req.complete) malformed();
      });
      req.pipe(bb);
    },
  };
  return reading;
}
