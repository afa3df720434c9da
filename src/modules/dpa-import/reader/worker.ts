// The reading worker's entry: documents in (one message each), one answer out per document. Started by
// reader/reader.ts under a heap cap and stopped by it after a timeout; whatever reading throws is sent
// back as data (a code and a message), never as a library's error object.
import { parentPort } from "node:worker_threads";
import { extractAgreementDraft, NotADpaError } from "../extract";
import { DocumentReadError } from "../extract/parse";
import { DocumentTooComplex } from "./limits";
import { readWithinLimits } from "./guarded";
import type { WorkerAnswer, WorkerJob, WorkerReady } from "./reader";

function answerOf(e: unknown): WorkerAnswer {
  if (e instanceof DocumentTooComplex) return { ok: false, kind: "tooComplex", limit: e.limit, message: e.message };
  if (e instanceof DocumentReadError) return { ok: false, kind: "read", code: e.code, message: e.message };
  if (e instanceof NotADpaError) return { ok: false, kind: "notADpa", message: e.message };
  return { ok: false, kind: "internal", message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
}

// Loaded and ready: the reader starts a document's clock only now (starting a worker is not its fault).
parentPort!.postMessage({ ready: true } satisfies WorkerReady);

parentPort!.on("message", (job: WorkerJob) => {
  readWithinLimits(job.input, job.limits)
    .then((parsed): WorkerAnswer =>
      job.want === "draft" ? { ok: true, draft: extractAgreementDraft(parsed) } : { ok: true, parsed },
    )
    .then(
      (answer) => parentPort!.postMessage(answer),
      (e) => parentPort!.postMessage(answerOf(e)),
    );
});
