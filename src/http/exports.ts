// Exports (GET /exports/…) are bounded and fair:
//   - at most EXPORT_CONCURRENCY_PER_ORG exports of one organization, and EXPORT_CONCURRENCY of all, at a
//     time in this process (each holds a pool connection while its file is written, so they can never take
//     the whole pool); beyond it 429 TOO_MANY_EXPORTS with Retry-After, before any work;
//   - at most EXPORT_MAX_ROWS rows and EXPORT_MAX_BYTES bytes per answer: refused up front (422
//     EXPORT_TOO_LARGE, the message says how to narrow it) when the exporter can count its rows, and
//     enforced again while the file is written;
//   - the file is written (spooled) to an unlinked temporary file inside the request transaction, then the
//     transaction ends and the connection goes back to the pool before the first byte is sent: a slow
//     client holds a file descriptor, never a database connection. A file over a limit is never sent in
//     part: the client gets the error instead, with nothing half-downloaded.
import type { Request, Response } from "express";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import type { RequestContext } from "../context";
import { HttpError } from "../common/errors";
import { addErrorCode } from "../common/logger";
import { requestScope, type WithContext } from "./request-context";
import { SlotGate } from "./slots";

export interface ExportLimits {
  maxRows: number;
  maxBytes: number;
  perOrganization: number;
  /** Exports of all organizations at once in this process: fewer than the pool's connections. */
  total: number;
}

/** Seconds a client refused with 429 is told to wait (an export takes seconds). */
export const EXPORT_RETRY_AFTER_SECONDS = 5;

/** The exports running in this process, per organization. */
export class ExportGate extends SlotGate<ExportLimits> {}

const mb = (bytes: number) => `${Math.round((bytes / 2 ** 20) * 10) / 10} MB`;

/** 422 EXPORT_TOO_LARGE: what is over which limit, and how to narrow the export. */
export function exportTooLarge(what: string, narrow: string): HttpError {
  return new HttpError("EXPORT_TOO_LARGE", `${what} ${narrow}`);
}

/** "N rows, over EXPORT_MAX_ROWS = M" / "at least X MB, over EXPORT_MAX_BYTES = Y MB" phrases for messages. */
export const overRows = (rows: number, limits: ExportLimits) =>
  `${rows.toLocaleString("en")} rows, over the limit of ${limits.maxRows.toLocaleString("en")} (EXPORT_MAX_ROWS)`;
export const overBytes = (bytes: number, limits: ExportLimits) =>
  `${mb(bytes)}, over the limit of ${mb(limits.maxBytes)} (EXPORT_MAX_BYTES)`;

/**
 * The export's file while it is written: an unlinked temporary file (nothing is left behind, whatever
 * happens to the process) that counts rows and bytes and refuses to grow past the limits.
 */
/** Where a spool's bytes go: its temporary file, or (in the export worker) the thread that owns the file. */
export interface SpoolTarget {
  /** Writes `data` at `position` (the file's) or next (the worker's, which sends it on). */
  write(data: Buffer, offset: number, length: number, position: number): Promise<unknown>;
}

export class Spool {
  rows = 0;
  bytes = 0;
  private pending: Buffer[] = [];
  private pendingLength = 0;
  /** The bytes handed to the target so far. */
  private written = 0;
  private closed = false;

  private constructor(
    private readonly handle: SpoolTarget,
    readonly limits: ExportLimits,
    /** Says how to narrow this export (filters, granularity), for the error when a limit is reached. */
    private readonly narrow: () => string,
  ) {}

  static async open(limits: ExportLimits, narrow: () => string): Promise<Spool> {
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "tilsyn-export-"));
    try {
      const handle = await fs.promises.open(path.join(dir, "export"), "w+", 0o600);
      return new Spool(handle, limits, narrow);
    } finally {
      // The open handle keeps the file; its name goes at once.
      await fs.promises.rm(dir, { recursive: true, force: true });
    }
  }

  /** A spool whose bytes go to `target` as it flushes them (the export worker's), with the same limits. */
  static into(target: SpoolTarget, limits: ExportLimits, narrow: () => string): Spool {
    return new Spool(target, limits, narrow);
  }

  /** Set when the client leaves while the file is written: the work stops at its next row. */
  abandoned = false;

  private assertWanted(): void {
    if (this.abandoned) throw new HttpError("CLIENT_CLOSED_REQUEST", "The client closed the connection.");
  }

  /** Counts rows about to be written; over EXPORT_MAX_ROWS ends the export with EXPORT_TOO_LARGE. */
  countRows(n = 1): void {
    this.assertWanted();
    this.rows += n;
    if (this.rows > this.limits.maxRows)
      throw exportTooLarge(
        `The export reached the limit of ${this.limits.maxRows.toLocaleString("en")} rows (EXPORT_MAX_ROWS).`,
        this.narrow(),
      );
  }

  /** Appends text or bytes (in 256 KB writes); over EXPORT_MAX_BYTES ends the export with EXPORT_TOO_LARGE. */
  async write(chunk: string | Buffer): Promise<void> {
    this.assertWanted();
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    this.bytes += bytes.length;
    if (this.bytes > this.limits.maxBytes)
      throw exportTooLarge(
        `The export reached the limit of ${mb(this.limits.maxBytes)} (EXPORT_MAX_BYTES) after ` +
          `${this.rows.toLocaleString("en")} rows.`,
        this.narrow(),
      );
    this.pending.push(bytes);
    this.pendingLength += bytes.length;
    if (this.pendingLength >= 256 * 1024) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.pending.length) return;
    const data = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending);
    this.pending = [];
    this.pendingLength = 0;
    const position = this.written;
    this.written += data.length;
    await this.handle.write(data, 0, data.length, position);
  }

  /**
   * Empties the file and its counts, for an export written again from the start (the export worker's, run again
   * on the request's thread when the worker died under it).
   */
  async restart(): Promise<void> {
    this.assertWanted();
    this.pending = [];
    this.pendingLength = 0;
    this.rows = 0;
    this.bytes = 0;
    this.written = 0;
    await (this.handle as Partial<fs.promises.FileHandle>).truncate?.(0);
  }

  /** The spool as a stream, for writers that want one (exceljs); a limit reached is the stream's error. */
  writable(): Writable {
    return new Writable({
      highWaterMark: 256 * 1024,
      write: (chunk: Buffer, _encoding, callback) => {
        this.write(chunk).then(() => callback(), callback);
      },
    });
  }

  /**
   * Sends the whole file with its length, then closes it; `beforeLastChunk` runs before its last bytes go out (the
   * export's slot is freed there: a client that has read the whole file, it knows the length, and asks for the
   * next finds the slot free, never 429 for an export that is in fact over; seen in CI under load, when the slot
   * was freed only after the send resolved). Rejects when the client leaves first.
   * The file goes out through two buffers taken in turn, each sent before it is read into again: a read stream
   * allocates a buffer per 64 KB, which the request thread (allocating little else while it sends) kept until its
   * next collection (measured: +32 MB of RSS for a 50 MB file).
   */
  async send(res: Response, beforeLastChunk: () => void = () => undefined): Promise<void> {
    await this.flush();
    res.setHeader("Content-Length", String(this.bytes));
    this.closed = true;
    const file = this.handle as fs.promises.FileHandle;
    try {
      const buffers = [Buffer.allocUnsafeSlow(SEND_CHUNK), Buffer.allocUnsafeSlow(SEND_CHUNK)];
      let sent = Promise.resolve();
      let position = 0;
      if (this.bytes === 0) beforeLastChunk();
      for (let turn = 0; position < this.bytes; turn++) {
        const buffer = buffers[turn % 2];
        const want = Math.min(SEND_CHUNK, this.bytes - position);
        const { bytesRead } = await file.read(buffer, 0, want, position);
        if (bytesRead === 0) throw new Error("The export file ended before its length.");
        position += bytesRead;
        await sent; // the other buffer's bytes have gone out
        if (position >= this.bytes) beforeLastChunk();
        sent = sendChunk(res, buffer.subarray(0, bytesRead));
        sent.catch(() => undefined); // awaited at the next turn; meanwhile a failure is not unhandled
      }
      await sent;
      res.end();
      await finished(res);
    } finally {
      await file.close().catch(() => undefined);
    }
  }

  async discard(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await (this.handle as Partial<fs.promises.FileHandle>).close?.().catch(() => undefined);
  }
}

const SEND_CHUNK = 256 * 1024;

/** Writes `chunk` to the response; resolves once it has gone out (its buffer free), rejects if the client left. */
function sendChunk(res: Response, chunk: Buffer): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (res.destroyed) return reject(new Error("The client closed the connection."));
    const onClose = () => reject(new Error("The client closed the connection."));
    res.once("close", onClose);
    res.write(chunk, (err) => {
      res.off("close", onClose);
      if (err) reject(err);
      else resolve();
    });
  });
}

/**
 * A slot of the organization's for one export (or evidence download, which holds a pool connection while it reads a
 * file of up to EVIDENCE_MAX_BYTES): call the result to give it back. None free: 429 TOO_MANY_EXPORTS, Retry-After.
 */
export function enterExport(gate: ExportGate, organizationId: string, res: Response): () => void {
  const release = gate.tryEnter(organizationId);
  if (release) return release;
  const { perOrganization, total } = gate.limits;
  res.setHeader("Retry-After", String(EXPORT_RETRY_AFTER_SECONDS));
  throw new HttpError(
    "TOO_MANY_EXPORTS",
    (gate.size >= total
      ? `The service already runs ${total} exports (EXPORT_CONCURRENCY)`
      : `Your organization already runs ${perOrganization} exports (EXPORT_CONCURRENCY_PER_ORG)`) +
      `; try again when one has finished (Retry-After: ${EXPORT_RETRY_AFTER_SECONDS} s).`,
  );
}

/** What a finished export sends: its headers (the body is the spool). */
export interface ExportFile {
  contentType: string;
  fileName: string;
}

export interface ExportDeps {
  withContext: WithContext;
  exports: ExportGate;
}

/**
 * Runs an export: in the request transaction (any role), a slot of the organization's, the file written
 * by `work` into a spool; then, after the commit, the file sent. `narrow` words how to narrow this export.
 */
export async function runExport(
  deps: ExportDeps,
  req: Request,
  res: Response,
  narrow: () => string,
  work: (ctx: RequestContext, spool: Spool) => Promise<ExportFile>,
): Promise<void> {
  let release: (() => void) | null = null;
  let spool: Spool | null = null;
  let file: ExportFile | null = null;
  // A client that leaves while its file is being written stops the work (and frees its connection).
  const onClose = () => {
    if (spool && !res.headersSent) (spool as Spool).abandoned = true;
  };
  res.once("close", onClose);
  try {
    await deps.withContext(req, res, null, async (ctx) => {
      // An export has budgets of its own (EXPORT_MAX_ROWS, EXPORT_MAX_BYTES, its gate's places, a statement timeout
      // per statement, in the worker's transaction): the request's database deadline (REQUEST_DB_TIMEOUT_MS) is not
      // one of them.
      ctx.transaction.extendDeadline(Infinity);
      release = enterExport(deps.exports, ctx.actor.organizationId, res);
      try {
        spool = await Spool.open(deps.exports.limits, narrow);
        file = await work(ctx, spool);
        await spool.flush();
      } catch (err) {
        // Freed before the error is answered, as before a file's last bytes: a client that reads the answer
        // and asks again never meets its own finished export (429 seen in CI after a 400 for a bad parameter).
        (release as (() => void) | null)?.();
        throw err;
      }
    });
    // The transaction is over (committed, or rolled back with its error answered): nothing holds a
    // database connection from here on.
    const done = file as ExportFile | null;
    const written = spool as Spool | null;
    if (!done || !written || res.headersSent) return;
    res.status(200);
    res.setHeader("Content-Type", done.contentType);
    res.setHeader("Content-Disposition", `attachment; filename="${done.fileName}"`);
    res.setHeader("Cache-Control", "no-store");
    res.setHeader("X-Content-Type-Options", "nosniff");
    await written
      .send(res, () => (release as (() => void) | null)?.())
      .catch(() => {
        // The client went away mid-download: nothing to answer, only to log.
        addErrorCode(requestScope(req, res).record, "CLIENT_CLOSED_REQUEST");
      });
  } finally {
    res.off("close", onClose);
    await (spool as Spool | null)?.discard();
    (release as (() => void) | null)?.();
  }
}
