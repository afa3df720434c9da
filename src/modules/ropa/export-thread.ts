// The art. 30 exports run in a kept worker thread (export-worker.ts) whose heap is bounded
// (EXPORT_WORKER_HEAP_MB): an export of the whole register promotes hundreds of MB of short-lived cells, and
// on the main thread V8 let the old generation grow to 3–4× what was live before collecting (RSS +130 to
// +320 MB per export). On a small heap the worker's collector runs often, and its pauses stop the worker
// only, never another tenant's request.
//
// The worker reads with its own connection, in the request's snapshot and under the request's tenant: the
// request's transaction exports its snapshot (pg_export_snapshot()), the worker opens REPEATABLE READ, READ
// ONLY in that snapshot with the same settings (app role, app.organization_id, statement timeout), so
// row-level security keys on the same organization and the export sees what the request saw. The file's bytes
// come back 256 KB at a time into the request's spool (the limits apply there as before), one chunk in flight.
// One export at a time in the worker, and none waits for it: an export that finds the worker busy (another
// tenant's whole register may take minutes) runs at once on the request's thread, as with
// EXPORT_WORKER_HEAP_MB = 0. An export the worker cannot finish (out of memory: a register larger than its heap;
// a crash) is run again on the request's thread, in the request's transaction, and a new worker starts.
import path from "node:path";
import { ResourceLimits, Worker } from "node:worker_threads";
import { GraphQLError } from "graphql";
import type { HttpDeps } from "../../common/module";
import type { Logger } from "../../common/logger";
import type { RequestContext } from "../../context";
import { HttpError, type HttpErrorCode } from "../../common/errors";
import { ExportFile, ExportLimits, Spool } from "../../http/exports";
import { tsWorkerBoot } from "../../common/ts-worker";
import type { Format, RopaExportArgs } from "./ropa-export-args";

/** What the worker is told at start: where to connect, as whom. */
export interface ExportWorkerData {
  url: string;
  switchRole: boolean;
  idleInTransactionTimeoutMs: number;
  /**
   * The file's bytes cross here, one chunk at a time: shared memory, so no chunk is copied into a message (a
   * copy is garbage the request thread, which allocates little else, might keep until its next collection).
   */
  channel: SharedArrayBuffer;
}

/** The shared chunk's size. */
export const CHANNEL_BYTES = 1024 * 1024;

export interface ExportJob {
  format: Format;
  query: RopaExportArgs;
  limits: ExportLimits;
}

/** An error as it crosses the threads. */
export type WireError =
  | { kind: "http"; code: HttpErrorCode; message: string; field: string | null; status: number }
  | { kind: "graphql"; message: string; extensions: Record<string, unknown> }
  | { kind: "db"; code: string; message: string }
  | { kind: "other"; message: string };

export type ToWorker =
  | {
      type: "job";
      snapshot: string;
      actor: RequestContext["actor"];
      requestId: string;
      statementTimeoutMs?: number;
      job: ExportJob;
    }
  | { type: "ack" }
  | { type: "cancel"; error: WireError };

export type FromWorker =
  | { type: "ready" }
  /** `length` bytes of the channel are the file's next; `rows` the rows counted so far. */
  | { type: "chunk"; length: number; rows: number }
  | { type: "done"; file: ExportFile }
  | { type: "error"; error: WireError };

export function toWire(err: unknown): WireError {
  if (err instanceof HttpError)
    return { kind: "http", code: err.code, message: err.message, field: err.field, status: err.status };
  if (err instanceof GraphQLError) return { kind: "graphql", message: err.message, extensions: { ...err.extensions } };
  const e = err as { code?: unknown; driverError?: { code?: unknown }; message?: unknown; stack?: unknown } | null;
  const code = e?.driverError?.code ?? e?.code;
  if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return { kind: "db", code, message: String(e?.message) };
  return { kind: "other", message: String(e?.stack ?? e?.message ?? err) };
}

export function fromWire(err: WireError): Error {
  switch (err.kind) {
    case "http":
      return new HttpError(err.code, err.message, err.field, err.status);
    case "graphql":
      return new GraphQLError(err.message, { extensions: err.extensions });
    case "db":
      // isStatementTimeout and the like read the SQLSTATE from `code`.
      return Object.assign(new Error(err.message), { code: err.code });
    default:
      return new Error(`The export worker failed: ${err.message}`);
  }
}

/**
 * How long a new worker may take to load its code and connect: compiled, seconds; from the TypeScript sources with
 * nothing transpiled yet (src/common/ts-worker.ts), minutes on a loaded machine.
 */
const STARTUP_MS = path.extname(__filename) === ".ts" ? 300_000 : 120_000;

/** How long stop() waits for the worker's thread to end. */
const TERMINATE_MS = 2000;

/** The worker's entry beside this file: compiled (node dist/…), or its TypeScript source (ts-node, jest). */
function startWorker(data: ExportWorkerData, heapMb: number): Worker {
  const extension = path.extname(__filename);
  const entry = path.join(__dirname, `export-worker${extension}`);
  const resourceLimits: ResourceLimits = {
    maxOldGenerationSizeMb: heapMb,
    maxYoungGenerationSizeMb: Math.max(4, Math.min(16, Math.floor(heapMb / 8))),
  };
  const options = { resourceLimits, workerData: data, execArgv: [] as string[] };
  if (extension !== ".ts") return new Worker(entry, options);
  return new Worker(tsWorkerBoot(entry), { ...options, eval: true });
}

/** The running job's side in this thread: where its messages go. */
interface Running {
  onMessage(msg: FromWorker): void;
  onExit(err: Error): void;
}

/** The worker died under a job (out of memory, killed): the job is run again in the request's thread. */
class WorkerGone extends Error {}

export class ExportThread {
  private worker: Promise<Worker> | null = null;
  /** The worker started last, from its start (loading, connecting) until it ends: what stop() terminates. */
  private current: Worker | null = null;
  /** The worker once it has loaded and connected. */
  private ready: Worker | null = null;
  private running: Running | null = null;
  /** An export holds the worker (from before its snapshot is taken until the worker's last word on it). */
  private busy = false;
  private stopped = false;
  /** Where the exports ran, and how many workers were started (for tests and diagnostics). */
  readonly counts = { starts: 0, inWorker: 0, inThread: 0, workerDied: 0 };
  /** Tests only: while set, each chunk's acknowledgement waits for what it returns, so the job holds the worker. */
  hold: (() => Promise<void>) | null = null;

  constructor(
    private readonly data: ExportWorkerData,
    private readonly heapMb: number,
    private readonly logger?: Logger,
  ) {}

  private start(): Promise<Worker> {
    if (this.worker) return this.worker;
    this.counts.starts++;
    const since = Date.now();
    this.logger?.info({ heapMb: this.heapMb }, "export worker starting");
    const started = new Promise<Worker>((resolve, reject) => {
      const worker = startWorker(this.data, this.heapMb);
      this.current = worker;
      const timer = setTimeout(() => fail(new Error("The export worker did not start in time.")), STARTUP_MS);
      let ready = false;
      let ended = false;
      const fail = (err: Error) => {
        clearTimeout(timer);
        if (this.worker === started) this.worker = null;
        if (this.current === worker) this.current = null;
        void worker.terminate();
        reject(err);
      };
      worker.on("message", (msg: FromWorker) => {
        if (msg.type === "ready" && !ready) {
          ready = true;
          clearTimeout(timer);
          worker.unref();
          this.logger?.info({ ms: Date.now() - since }, "export worker ready");
          if (this.worker === started) this.ready = worker;
          resolve(worker);
        } else this.running?.onMessage(msg);
      });
      const gone = (err: Error) => {
        if (!ready) return fail(err);
        if (ended) return;
        ended = true;
        // Out of memory, or killed: its job is run again in the request's thread, and a new worker starts
        // (unless the server is stopping).
        this.counts.workerDied++;
        if (!this.stopped)
          this.logger?.warn({ err }, "export worker ended; its export, if any, runs on the request's thread");
        if (this.worker === started) this.worker = null;
        if (this.ready === worker) this.ready = null;
        if (this.current === worker) this.current = null;
        this.running?.onExit(err);
        if (!this.stopped) this.warm();
      };
      worker.on("error", (err: Error & { code?: string }) =>
        gone(
          new WorkerGone(
            err.code === "ERR_WORKER_OUT_OF_MEMORY"
              ? `The export needed more memory than its worker has (EXPORT_WORKER_HEAP_MB = ${this.heapMb}).`
              : `The export worker failed: ${err.message}`,
          ),
        ),
      );
      worker.on("exit", (code) => gone(new WorkerGone(`The export worker stopped (exit code ${code}).`)));
    });
    return (this.worker = started);
  }

  /** Starts the worker now (its cost paid before the first export); a failure is met again by the first export. */
  warm(): void {
    this.start().catch(() => undefined);
  }

  /** Resolves once the worker is ready (tests; an export never waits for it). */
  async whenReady(): Promise<void> {
    await this.start();
  }

  /** Tests only: ends the worker as a crash would (its job, if any, is run again in the request's thread). */
  async crash(): Promise<void> {
    await (await this.worker?.catch(() => null))?.terminate();
  }

  /**
   * Writes `job` into `spool`: in the worker, in ctx's snapshot and tenant, when the worker is ready and idle; else
   * at once with `inThread` (the request's thread and transaction, as with EXPORT_WORKER_HEAP_MB = 0), so no export
   * waits for another's, whoever's it is, nor for the worker to start. When the worker dies under the job (out of
   * memory: a register larger than its heap), the job is run again with `inThread` into the emptied spool: the
   * client gets its file.
   * The request's transaction stays open (and is kept from idling out) while the worker works.
   */
  async run(
    ctx: RequestContext,
    job: ExportJob,
    spool: Spool,
    inThread: () => Promise<ExportFile>,
  ): Promise<ExportFile> {
    const worker = this.ready;
    if (this.busy || this.stopped || !worker) {
      if (!this.stopped) this.warm(); // a worker that is not there is started, for the next export
      this.counts.inThread++;
      return inThread();
    }
    this.busy = true;
    try {
      try {
        return await this.inWorker(worker, ctx, job, spool);
      } catch (err) {
        if (!(err instanceof WorkerGone) || spool.abandoned) throw err;
      }
      // Again in the request's own transaction (still open), from an empty file.
      await spool.restart();
      this.counts.inThread++;
      return await inThread();
    } finally {
      this.busy = false;
    }
  }

  private async inWorker(worker: Worker, ctx: RequestContext, job: ExportJob, spool: Spool): Promise<ExportFile> {
    // The snapshot before the job goes out: what the export reads is what the request sees now.
    const [{ snapshot }] = (await ctx.manager.query("SELECT pg_export_snapshot() AS snapshot")) as {
      snapshot: string;
    }[];
    const keepAlive = setInterval(
      () => void ctx.manager.query("SELECT 1").catch(() => undefined),
      Math.max(500, Math.min(20_000, this.data.idleInTransactionTimeoutMs / 3)),
    );
    worker.ref();
    try {
      this.counts.inWorker++;
      return await this.exchange(worker, ctx, snapshot, job, spool);
    } finally {
      worker.unref();
      clearInterval(keepAlive);
    }
  }

  /** One job's messages, until the worker's last word on it (or its end). */
  private exchange(
    worker: Worker,
    ctx: RequestContext,
    snapshot: string,
    job: ExportJob,
    spool: Spool,
  ): Promise<ExportFile> {
    return new Promise<ExportFile>((resolve, reject) => {
      let failure: Error | null = null;
      /** The chunk being written into the spool: settled before the job's outcome is told. */
      let writing: Promise<unknown> = Promise.resolve();
      const finish = (outcome: () => void) => {
        this.running = null;
        void writing.then(outcome);
      };
      this.running = {
        onMessage: (msg) => {
          if (msg.type === "chunk") {
            if (failure) return worker.postMessage({ type: "cancel", error: toWire(failure) } satisfies ToWorker);
            writing = Promise.resolve()
              .then(async () => {
                if (msg.rows > spool.rows) spool.countRows(msg.rows - spool.rows);
                // Written out before the answer: the worker writes the next chunk over this one.
                await spool.write(Buffer.from(this.data.channel, 0, msg.length));
                await spool.flush();
                await this.hold?.();
              })
              .then(
                () => worker.postMessage({ type: "ack" } satisfies ToWorker),
                (err: unknown) => {
                  failure = err instanceof Error ? err : new Error(String(err));
                  worker.postMessage({ type: "cancel", error: toWire(err) } satisfies ToWorker);
                },
              );
          } else if (msg.type === "done") finish(() => (failure ? reject(failure) : resolve(msg.file)));
          else if (msg.type === "error")
            // A client that left: its transaction (and so the snapshot) may be gone under the worker; as in the
            // request's thread, that is no failure of the service.
            finish(() => reject(failure ?? (spool.abandoned ? clientLeft() : fromWire(msg.error))));
        },
        onExit: (err) => finish(() => reject(failure ?? err)),
      };
      worker.postMessage({
        type: "job",
        snapshot,
        actor: ctx.actor,
        requestId: ctx.requestId,
        statementTimeoutMs: statementTimeoutOf(ctx),
        job,
      } satisfies ToWorker);
    });
  }

  /**
   * Ends the worker at once, whatever it is doing: loading its modules (20–50 s under ts-node, which the server's
   * shutdown once waited for, past its grace period), idle, or under an export. That export is written again on the
   * request's thread, as when the worker dies (run), and ends as the server's other requests do: answered if it
   * is done within the grace period. Nothing the worker says as it ends (its exit, an error) fails the shutdown.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    exportThreads.delete(this);
    const worker = this.current;
    const state = this.running ? "exporting" : this.ready === worker ? "idle" : "loading";
    this.current = null;
    this.worker = null;
    this.ready = null;
    if (!worker) return;
    this.logger?.info({ state }, "export worker ended at shutdown");
    // terminate() resolves once the thread has stopped; bounded, so a thread stuck in native code cannot hold the
    // shutdown (the process exits without waiting for it).
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      worker.terminate().catch(() => undefined),
      new Promise((resolve) => (timer = setTimeout(resolve, TERMINATE_MS).unref())),
    ]);
    clearTimeout(timer);
  }
}

/** The export threads of the servers running in this process (tests reach a server's worker through it). */
export const exportThreads = new Set<ExportThread>();

const clientLeft = () => new HttpError("CLIENT_CLOSED_REQUEST", "The client closed the connection.");

/** The request's statement timeout, which the worker's transaction takes too. */
const statementTimeoutOf = (ctx: RequestContext) => ctx.transaction.options.statementTimeoutMs;

/** The export thread of a server: started with it, stopped with it. */
export function exportThreadOf(deps: HttpDeps): ExportThread {
  const url = (deps.db.app.options as { url?: string }).url;
  if (!url) throw new Error("The export worker needs the database's URL.");
  const thread = new ExportThread(
    {
      url,
      switchRole: deps.db.switchRole,
      idleInTransactionTimeoutMs: deps.config.dbIdleInTransactionTimeoutMs,
      channel: new SharedArrayBuffer(CHANNEL_BYTES),
    },
    deps.config.exportWorkerHeapMb,
    deps.logger,
  );
  exportThreads.add(thread);
  // Stopped first when the server stops, before its requests drain.
  deps.onStop(() => thread.stop());
  // Compiled, in production, the worker is started with the server (it loads in a second or two), so the first
  // export has its bounded heap. Under ts-node (development, tests, and processes the tests start) it loads every
  // module again through TypeScript's transpiler, 20–50 s of CPU: it starts with the first export (which runs on the
  // request's thread), and a server that never exports never pays for it.
  if (deps.config.nodeEnv === "production" && path.extname(__filename) !== ".ts") thread.warm();
  return thread;
}
