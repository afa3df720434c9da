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
// One export at a time: the others wait their turn (EXPORT_CONCURRENCY still bounds how many wait).
import path from "node:path";
import { ResourceLimits, Worker } from "node:worker_threads";
import { GraphQLError } from "graphql";
import type { HttpDeps } from "../../common/module";
import type { RequestContext } from "../../context";
import { HttpError, type HttpErrorCode } from "../../common/errors";
import { ExportFile, ExportLimits, exportTooLarge, Spool } from "../../http/exports";
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

/** How long a new worker may take to load its code and connect. */
const STARTUP_MS = 120_000;

/** The worker's entry beside this file: compiled (node dist/…), or through ts-node's transpiler (ts-node, jest). */
function startWorker(data: ExportWorkerData, heapMb: number): Worker {
  const extension = path.extname(__filename);
  const entry = path.join(__dirname, `export-worker${extension}`);
  const resourceLimits: ResourceLimits = {
    maxOldGenerationSizeMb: heapMb,
    maxYoungGenerationSizeMb: Math.max(4, Math.min(16, Math.floor(heapMb / 8))),
  };
  const options = { resourceLimits, workerData: data, execArgv: [] as string[] };
  if (extension !== ".ts") return new Worker(entry, options);
  const tsNode = require.resolve("ts-node");
  const boot =
    `const ts = require(${JSON.stringify(tsNode)});` +
    `if (!require.extensions[".ts"]) ts.register({ transpileOnly: true, compilerOptions: { module: "commonjs" } });` +
    `require(${JSON.stringify(entry)});`;
  return new Worker(boot, { ...options, eval: true });
}

/** The running job's side in this thread: where its messages go. */
interface Running {
  onMessage(msg: FromWorker): void;
  onExit(err: Error): void;
}

export class ExportThread {
  private worker: Promise<Worker> | null = null;
  private running: Running | null = null;
  /** The exports waiting for the worker, in turn. */
  private turn: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly data: ExportWorkerData,
    private readonly heapMb: number,
  ) {}

  private start(): Promise<Worker> {
    return (this.worker ??= new Promise<Worker>((resolve, reject) => {
      const worker = startWorker(this.data, this.heapMb);
      const timer = setTimeout(() => fail(new Error("The export worker did not start in time.")), STARTUP_MS);
      let ready = false;
      const fail = (err: Error) => {
        clearTimeout(timer);
        this.worker = null;
        void worker.terminate();
        reject(err);
      };
      worker.on("message", (msg: FromWorker) => {
        if (msg.type === "ready" && !ready) {
          ready = true;
          clearTimeout(timer);
          worker.unref();
          resolve(worker);
        } else this.running?.onMessage(msg);
      });
      const gone = (err: Error) => {
        if (!ready) return fail(err);
        // Out of memory, or killed: the next export starts a new worker.
        this.worker = null;
        this.running?.onExit(err);
      };
      worker.on("error", (err: Error & { code?: string }) =>
        gone(
          err.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? exportTooLarge(
                `The export needed more memory than its worker has (EXPORT_WORKER_HEAP_MB = ${this.heapMb}).`,
                "Narrow it: filter it (activityIds, processorId, legalBasis, search, incompleteOnly), or export it " +
                  "in parts.",
              )
            : new Error(`The export worker failed: ${err.message}`),
        ),
      );
      worker.on("exit", (code) => gone(new Error(`The export worker stopped (exit code ${code}).`)));
    }));
  }

  /** Starts the worker now (its cost paid before the first export); a failure is met again by the first export. */
  warm(): void {
    this.start().catch(() => undefined);
  }

  /**
   * Writes `job` into `spool` in the worker, in ctx's snapshot and tenant. The request's transaction stays open
   * (and is kept from idling out) until the worker is done.
   */
  async run(ctx: RequestContext, job: ExportJob, spool: Spool): Promise<ExportFile> {
    // The snapshot first: what the export reads is what the request saw when it began.
    const [{ snapshot }] = (await ctx.manager.query("SELECT pg_export_snapshot() AS snapshot")) as {
      snapshot: string;
    }[];
    const keepAlive = setInterval(
      () => void ctx.manager.query("SELECT 1").catch(() => undefined),
      Math.max(500, Math.min(20_000, this.data.idleInTransactionTimeoutMs / 3)),
    );
    const previous = this.turn;
    let done!: () => void;
    this.turn = new Promise<void>((resolve) => (done = resolve));
    try {
      await previous;
      if (this.stopped) throw new Error("The server is stopping.");
      const worker = await this.start();
      worker.ref();
      try {
        return await this.exchange(worker, ctx, snapshot, job, spool);
      } finally {
        worker.unref();
      }
    } finally {
      clearInterval(keepAlive);
      done();
    }
  }

  /** One job's messages, until the worker's last word on it (the next job waits for that, even after a failure). */
  private exchange(
    worker: Worker,
    ctx: RequestContext,
    snapshot: string,
    job: ExportJob,
    spool: Spool,
  ): Promise<ExportFile> {
    return new Promise<ExportFile>((resolve, reject) => {
      let failure: Error | null = null;
      const finish = (outcome: () => void) => {
        this.running = null;
        outcome();
      };
      this.running = {
        onMessage: (msg) => {
          if (msg.type === "chunk") {
            if (failure) return worker.postMessage({ type: "cancel", error: toWire(failure) } satisfies ToWorker);
            Promise.resolve()
              .then(async () => {
                if (msg.rows > spool.rows) spool.countRows(msg.rows - spool.rows);
                // Written out before the answer: the worker writes the next chunk over this one.
                await spool.write(Buffer.from(this.data.channel, 0, msg.length));
                await spool.flush();
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
        onExit: (err) => finish(() => reject(err)),
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

  async stop(): Promise<void> {
    this.stopped = true;
    const worker = await this.worker?.catch(() => null);
    this.worker = null;
    await worker?.terminate();
  }
}

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
  );
  deps.onStop(() => thread.stop());
  // In production the worker's cost (its modules, its connection) is paid at start; elsewhere (tests, development)
  // at the first export.
  if (deps.config.nodeEnv === "production") thread.warm();
  return thread;
}
