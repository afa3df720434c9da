// What every multipart upload endpoint (POST /evidence, /imports/agreement, /imports/agreements, /imports/register)
// does the same way: the key checked before the body is read, the content type and declared length checked, a
// place of the uploads' gate taken before the body is read, and a busboy parser that stops reading at the first
// problem or when the body has not arrived within UPLOAD_READ_TIMEOUT_MS.
import type { Request, Response } from "express";
import busboy from "busboy";
import type { HttpDeps } from "../common/module";
import { HttpError } from "../common/errors";
import { sendError } from "./request-context";
import type { SlotGate } from "./slots";

/** Room for the text fields and multipart framing on top of the files themselves. */
export const FORM_OVERHEAD_BYTES = 1024 * 1024;

/** Seconds a client refused with UPLOADS_BUSY is told to wait (an upload of EVIDENCE_MAX_BYTES takes seconds). */
export const UPLOAD_RETRY_AFTER_SECONDS = 5;

/** An upload admitted: whose it is, and its place of the uploads' gate (call `release` once it is stored). */
export interface AdmittedUpload {
  organizationId: string;
  release: () => void;
}

/**
 * The caller's organization when the upload may be read (null when not): the caller may write (asked in a
 * short transaction of its own, before a byte of the body is read), the body is multipart/form-data (`parts`
 * says what it should hold), its declared length is within `maxBytes` (else `tooLarge` is answered), and a place
 * of the uploads' gate is free (UPLOAD_CONCURRENCY_PER_ORG, UPLOAD_CONCURRENCY; else 503 UPLOADS_BUSY). Without the
 * gate every body was read at once: one key's 20 uploads of 25 MB held another tenant's query 3.4-5.5 s. When null,
 * the answer is sent; a refusal closes the connection rather than reading (and discarding) an upload nobody will
 * store.
 */
export async function admitUpload(
  { withContext, uploads }: Pick<HttpDeps, "withContext" | "uploads">,
  req: Request,
  res: Response,
  parts: string,
  maxBytes: number,
  tooLarge: () => HttpError,
): Promise<AdmittedUpload | null> {
  const caller: { organizationId?: string } = {};
  res.setHeader("Connection", "close");
  await withContext(req, res, "write", async (ctx) => {
    caller.organizationId = ctx.actor.organizationId;
  });
  if (!caller.organizationId || res.headersSent) return null;
  if (!req.is("multipart/form-data")) {
    sendError(
      res,
      new HttpError("UNSUPPORTED_MEDIA_TYPE", `${req.method} ${req.path} takes multipart/form-data: ${parts}.`),
    );
    return null;
  }
  const declaredLength = Number(req.headers["content-length"]);
  if (Number.isFinite(declaredLength) && declaredLength > maxBytes + FORM_OVERHEAD_BYTES) {
    sendError(res, tooLarge());
    return null;
  }
  let release = uploads.tryEnter(caller.organizationId);
  // Every place taken, none by this organization's full share: the slowest body still arriving far below an
  // ordinary connection's rate gives its place up (without it, two keys sending a byte a second held all
  // UPLOAD_CONCURRENCY places, and every other tenant's upload was refused for UPLOAD_READ_TIMEOUT_MS, again and
  // again).
  if (!release && uploads.size >= uploads.limits.total && preemptSlowest(uploads))
    release = uploads.tryEnter(caller.organizationId);
  if (!release) {
    sendError(res, uploadsBusy(uploads));
    return null;
  }
  const arriving: Arriving = { gate: uploads, req, since: Date.now(), release, reading: null };
  ARRIVING.add(arriving);
  const done = release;
  res.removeHeader("Connection");
  return {
    organizationId: caller.organizationId,
    release: () => {
      ARRIVING.delete(arriving);
      done();
    },
  };
}

/** An upload whose body may still be arriving, and what stops it. */
interface Arriving {
  gate: SlotGate;
  req: Request;
  since: number;
  release: () => void;
  /** Its reading, once started (readMultipart). */
  reading: MultipartReading | null;
}

const ARRIVING = new Set<Arriving>();

/** An upload may be made to give its place up once its body has been arriving this long … */
export const UPLOAD_PREEMPT_AFTER_MS = 5000;
/** … at under this many bytes a second on average (64 KB/s, half a megabit: far below any office connection). */
export const UPLOAD_PREEMPT_BELOW_BYTES_PER_SECOND = 64 * 1024;

/**
 * Stops the slowest upload of `gate` whose body is still arriving below UPLOAD_PREEMPT_BELOW_BYTES_PER_SECOND after
 * UPLOAD_PREEMPT_AFTER_MS (503 UPLOADS_BUSY, nothing stored) and gives its place back; false when none is that slow.
 */
function preemptSlowest(gate: SlotGate): boolean {
  const now = Date.now();
  let slowest: { upload: Arriving; rate: number } | null = null;
  for (const upload of ARRIVING) {
    const { req, reading } = upload;
    if (upload.gate !== gate || !reading || reading.settled || req.complete) continue;
    const elapsed = now - upload.since;
    if (elapsed < UPLOAD_PREEMPT_AFTER_MS) continue;
    const rate = (req.socket.bytesRead * 1000) / elapsed;
    if (rate < UPLOAD_PREEMPT_BELOW_BYTES_PER_SECOND && (!slowest || rate < slowest.rate)) slowest = { upload, rate };
  }
  if (!slowest) return false;
  const { upload, rate } = slowest;
  ARRIVING.delete(upload);
  upload.reading!.stop(
    Object.assign(
      new HttpError(
        "UPLOADS_BUSY",
        `The upload arrived at ${Math.round(rate)} bytes a second, under ${UPLOAD_PREEMPT_BELOW_BYTES_PER_SECOND} ` +
          `(UPLOAD_CONCURRENCY is taken and others wait), so its place was given to another; nothing was stored. ` +
          `Send it again over a faster connection.`,
      ),
      { retryAfterSeconds: UPLOAD_RETRY_AFTER_SECONDS },
    ),
  );
  upload.release();
  return true;
}

function uploadsBusy(uploads: SlotGate): HttpError {
  const { perOrganization, total } = uploads.limits;
  return Object.assign(
    new HttpError(
      "UPLOADS_BUSY",
      (uploads.size >= total
        ? `The service already receives ${total} uploads (UPLOAD_CONCURRENCY)`
        : `Your organization already sends ${perOrganization} uploads at once (UPLOAD_CONCURRENCY_PER_ORG)`) +
        `; nothing of this one was read or stored. Send it again in ${UPLOAD_RETRY_AFTER_SECONDS} s.`,
    ),
    { retryAfterSeconds: UPLOAD_RETRY_AFTER_SECONDS },
  );
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
 * answers null) when it has no usable boundary. A malformed, broken or incomplete body stops the reading, and so
 * does one that has not arrived within `timeoutMs` (UPLOAD_TIMEOUT: a sender of a byte a second would otherwise hold
 * its place of the uploads' gate until Node's own request timeout, 300 s).
 */
export function readMultipart(
  req: Request,
  limits: busboy.Limits,
  timeoutMs: number,
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
  let timer: NodeJS.Timeout | undefined;
  const reading: MultipartReading = {
    bb,
    get settled() {
      return settled;
    },
    settle() {
      if (settled) return false;
      settled = true;
      clearTimeout(timer);
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
      timer = setTimeout(
        () =>
          reading.stop(
            new HttpError(
              "UPLOAD_TIMEOUT",
              `The upload's body did not arrive within ${timeoutMs / 1000} s (UPLOAD_READ_TIMEOUT_MS); nothing was ` +
                `stored. Send it again over a faster connection.`,
            ),
          ),
        timeoutMs,
      );
      req.pipe(bb);
    },
  };
  for (const upload of ARRIVING) if (upload.req === req) upload.reading = reading;
  return reading;
}
