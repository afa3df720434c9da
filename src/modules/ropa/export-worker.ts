// The export worker's entry (export-thread.ts starts it): one connection of its own, one export at a time, each
// in the snapshot and under the tenant of the request that asked for it, its file sent back 256 KB at a time.
import "reflect-metadata";
import { parentPort, workerData } from "node:worker_threads";
import { createDataSource } from "../../db/data-source";
import type { TransactionSource } from "../../context";
import { Spool } from "../../http/exports";
import { createLazyContext } from "../../loaders";
import type { RegisterSize } from "./record.service";
import { CHANNEL_BYTES, FromWorker, fromWire, toWire, type ExportWorkerData, type ToWorker } from "./export-thread";
import { narrowing, writeRopaExport } from "./ropa.http";

const port = parentPort!;
const post = (msg: FromWorker) => port.postMessage(msg);

/** The answer to the chunk in flight: written (ack), or the request's reason to stop (cancel). */
let answer: ((msg: ToWorker) => void) | null = null;

const data = workerData as ExportWorkerData;

async function run(db: TransactionSource, msg: Extract<ToWorker, { type: "job" }>): Promise<void> {
  const { job } = msg;
  const ctx = createLazyContext(db, msg.actor, msg.requestId, {
    statementTimeoutMs: msg.statementTimeoutMs,
    snapshot: msg.snapshot,
  });
  let size: RegisterSize | null = null;
  const channel = Buffer.from(data.channel);
  const sendChunk = (length: number) =>
    new Promise<void>((resolve, reject) => {
      answer = (reply) => {
        answer = null;
        if (reply.type === "cancel") reject(fromWire(reply.error));
        else resolve();
      };
      post({ type: "chunk", length, rows: spool.rows });
    });
  const write = async (bytes: Buffer) => {
    for (let at = 0; at < bytes.length; at += CHANNEL_BYTES) {
      const length = bytes.copy(channel, 0, at, Math.min(bytes.length, at + CHANNEL_BYTES));
      await sendChunk(length);
    }
  };
  const spool: Spool = Spool.into({ write }, job.limits, () => narrowing(job.query, size));
  try {
    await ctx.transaction.open();
    const file = await writeRopaExport(ctx, spool, job.format, job.query, job.limits, (s) => (size = s));
    await spool.flush();
    // Read only: nothing to commit.
    await ctx.transaction.finish(false);
    post({ type: "done", file });
  } catch (err) {
    await ctx.transaction.finish(false).catch(() => undefined);
    post({ type: "error", error: toWire(err) });
  }
}

async function main(): Promise<void> {
  const app = createDataSource(data.url, 1, { idleInTransactionTimeoutMs: data.idleInTransactionTimeoutMs });
  await app.initialize();
  const db: TransactionSource = { app, switchRole: data.switchRole };
  port.on("message", (msg: ToWorker) => {
    if (msg.type === "job") void run(db, msg);
    else answer?.(msg);
  });
  post({ type: "ready" });
}

// Unable to connect or load: the rejection ends the thread, and the export that started it is told.
void main();
