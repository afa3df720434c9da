// Untrusted documents are read out of the request thread: each in a worker thread of its own
// (reader/worker.ts) with a heap cap (resourceLimits) and a wall-clock timeout after which the worker
// is stopped, within the limits of reader/limits.ts. At most `concurrency` documents are read at once
// and `queue` more wait; beyond that the caller is told to come back (DocumentReadersBusy). One organization
// holds at most `perOrganization` of those places (running + waiting: half of them, at least one), so one key
// sending slow documents cannot refuse another organization's (as ExportGate does for exports); and it reads on at
// most half the readers (at least one): its other documents wait, while another organization's takes a free reader
// at once instead of waiting up to the read timeout behind one key's slow documents. A worker
// that runs out of heap or time costs its own thread only: the event loop keeps answering everyone.
import path from "node:path";
import { Worker, type ResourceLimits } from "node:worker_threads";
import type { Config } from "../../../config";
import type { AgreementDraft } from "../draft.types";
import { NotADpaError } from "../extract";
import {
  DocumentReadError,
  type DocumentInput,
  type DocumentReadErrorCode,
  type ParsedDocument,
} from "../extract/parse";
import { DEFAULT_DOCUMENT_LIMITS, tooComplex, type DocumentLimit, type DocumentLimits } from "./limits";
import { NOT_A_WORD_ZIP } from "./zip-guard";

/** What the worker sends back: the parsed document, or why not (as data). */
export type WorkerAnswer =
  | { ok: true; parsed?: ParsedDocument; draft?: AgreementDraft }
  | { ok: false; kind: "notADpa"; message: string }
  | { ok: false; kind: "tooComplex"; limit: DocumentLimit; message: string }
  | { ok: false; kind: "read"; code: DocumentReadErrorCode; message: string }
  | { ok: false; kind: "internal"; message: string };

export interface DocumentReaderSettings {
  limits: DocumentLimits;
  /** Documents read at the same time (one worker thread each). */
  concurrency: number;
  /** Documents that may wait for a worker; one more is refused with DocumentReadersBusy. */
  queue: number;
}

let settings: DocumentReaderSettings = { limits: DEFAULT_DOCUMENT_LIMITS, concurrency: 2, queue: 4 };

/**
 * The places (reading + waiting) one organization may hold: half of DOCUMENT_READERS + DOCUMENT_QUEUE, at
 * least one. Another organization always finds the other half.
 */
export function perOrganizationPlaces(s: Pick<DocumentReaderSettings, "concurrency" | "queue"> = settings): number {
  return Math.max(1, Math.floor((s.concurrency + s.queue) / 2));
}

/** The reader's settings from the process config (the other limits are reader/limits.ts's defaults). */
export function documentReaderSettingsOf(
  config: Pick<Config, "documentReaders" | "documentQueue" | "documentReadTimeoutMs" | "documentReadMemoryMb">,
): DocumentReaderSettings {
  return {
    concurrency: config.documentReaders,
    queue: config.documentQueue,
    limits: {
      ...DEFAULT_DOCUMENT_LIMITS,
      timeoutMs: config.documentReadTimeoutMs,
      memoryMb: config.documentReadMemoryMb,
    },
  };
}

/** Set once from the process config when the server starts (the GraphQL context carries no config). */
export function configureDocumentReader(next: Partial<DocumentReaderSettings>): void {
  settings = { ...settings, ...next, limits: { ...settings.limits, ...next.limits } };
}

export function documentReaderSettings(): DocumentReaderSettings {
  return settings;
}

/**
 * Every reader is busy and the queue is full, or the caller's organization already holds its share of the
 * places (`organization`): come back after retryAfterSeconds.
 */
export class DocumentReadersBusy extends Error {
  constructor(
    readonly retryAfterSeconds: number,
    readonly organizationHeld?: number,
  ) {
    super(
      (organizationHeld === undefined
        ? `Every document reader is busy and ${settings.queue} documents are waiting; nothing was stored. `
        : `Your organization already has ${organizationHeld} documents being read or waiting for a reader, ` +
          `its share of the readers (half of DOCUMENT_READERS + DOCUMENT_QUEUE); nothing was stored. `) +
        `Send the document again in ${retryAfterSeconds} s.`,
    );
    this.name = "DocumentReadersBusy";
  }
}

/**
 * The readers one organization may read on at once: half of DOCUMENT_READERS, at least one, so another
 * organization's document finds a free reader (with two or more readers).
 */
export function perOrganizationReaders(s: Pick<DocumentReaderSettings, "concurrency"> = settings): number {
  return Math.max(1, Math.floor(s.concurrency / 2));
}

let running = 0;
/** Documents waiting, oldest first: each starts when a reader is free and its organization is under its share. */
const waiting: { organizationId: string; start: () => void }[] = [];
/** Places (reading or waiting) held per organization. */
const held = new Map<string, number>();
/** Documents being read per organization. */
const reading = new Map<string, number>();

/** The documents of an organization being read or waiting now (for tests and diagnostics). */
export function documentsHeldBy(organizationId: string): number {
  return held.get(organizationId) ?? 0;
}

/** The documents of an organization being read now (for tests and diagnostics). */
export function documentsReadFor(organizationId: string): number {
  return reading.get(organizationId) ?? 0;
}

function canRead(organizationId: string): boolean {
  return running < settings.concurrency && (reading.get(organizationId) ?? 0) < perOrganizationReaders();
}

function startReading(organizationId: string): void {
  running += 1;
  reading.set(organizationId, (reading.get(organizationId) ?? 0) + 1);
}

/** Starts the oldest waiting documents whose organizations are under their readers, while readers are free. */
function startWaiting(): void {
  for (let i = 0; i < waiting.length && running < settings.concurrency;) {
    const next = waiting[i];
    if (!canRead(next.organizationId)) {
      i += 1;
      continue;
    }
    waiting.splice(i, 1);
    startReading(next.organizationId);
    next.start();
  }
}

async function slot(organizationId: string): Promise<() => void> {
  const retryAfter = Math.max(1, Math.ceil(settings.limits.timeoutMs / 4000));
  const mine = held.get(organizationId) ?? 0;
  if (mine >= perOrganizationPlaces()) throw new DocumentReadersBusy(retryAfter, mine);
  const now = canRead(organizationId);
  if (!now && waiting.length >= settings.queue) throw new DocumentReadersBusy(retryAfter);
  held.set(organizationId, mine + 1);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    const left = (held.get(organizationId) ?? 1) - 1;
    if (left > 0) held.set(organizationId, left);
    else held.delete(organizationId);
    const readingLeft = (reading.get(organizationId) ?? 1) - 1;
    if (readingLeft > 0) reading.set(organizationId, readingLeft);
    else reading.delete(organizationId);
    running -= 1;
    startWaiting();
  };
  if (now) startReading(organizationId);
  else await new Promise<void>((resolve) => waiting.push({ organizationId, start: resolve }));
  return release;
}

/**
 * Reads a document in a worker within the limits, on one of the organization's places: DocumentReadError,
 * DocumentTooComplex or DocumentReadersBusy.
 */
export async function readDocument(input: DocumentInput, organizationId: string): Promise<ParsedDocument> {
  return (await readQueued(input, "parse", organizationId)).parsed!;
}

/**
 * Reads a document and the draft in it, both in the worker (the rules take seconds on a long text, which
 * must not hold the event loop either): also NotADpaError.
 */
export async function readAgreementDraft(input: DocumentInput, organizationId: string): Promise<AgreementDraft> {
  return (await readQueued(input, "draft", organizationId)).draft!;
}

async function readQueued(input: DocumentInput, want: WorkerJob["want"], organizationId: string) {
  const release = await slot(organizationId);
  try {
    return await readInWorker({ input, limits: settings.limits, want });
  } finally {
    release();
  }
}

/** The worker's first message: loaded, ready for documents. */
export interface WorkerReady {
  ready: true;
}

/** How long a new worker may take to load its code (not counted against a document's timeout). */
const STARTUP_MS = 60_000;

/** One document for a worker. */
export interface WorkerJob {
  input: DocumentInput;
  limits: DocumentLimits;
  /** The parsed document, or the draft read from it. */
  want: "parse" | "draft";
}

/**
 * Workers that answered their last document and wait for the next (starting one costs a few hundred ms).
 * A worker that went over its time or heap is stopped, never reused; an idle one ends after IDLE_MS.
 */
const idle: Worker[] = [];
const IDLE_MS = 60_000;
const idleTimers = new WeakMap<Worker, NodeJS.Timeout>();

/**
 * The worker's entry: the compiled worker.js beside this file (node dist/…), or worker.ts under ts-node
 * and jest, loaded through ts-node's transpiler in the worker (jest's own module system does not reach
 * worker threads).
 */
function startWorker(limits: DocumentLimits): Worker {
  const extension = path.extname(__filename);
  const entry = path.join(__dirname, `worker${extension}`);
  const resourceLimits: ResourceLimits = {
    maxOldGenerationSizeMb: limits.memoryMb,
    maxYoungGenerationSizeMb: Math.min(64, Math.max(8, Math.floor(limits.memoryMb / 8))),
    stackSizeMb: 4,
  };
  const options = { resourceLimits, execArgv: [] as string[] };
  let worker: Worker;
  if (extension !== ".ts") worker = new Worker(entry, options);
  else {
    const tsNode = require.resolve("ts-node");
    const boot =
      `const ts = require(${JSON.stringify(tsNode)});` +
      `if (!require.extensions[".ts"]) ts.register({ transpileOnly: true, compilerOptions: { module: "commonjs" } });` +
      `require(${JSON.stringify(entry)});`;
    worker = new Worker(boot, { ...options, eval: true });
  }
  return worker;
}

/** An idle worker, or a new one once it has loaded (a worker that cannot load is an internal failure). */
async function takeWorker(limits: DocumentLimits): Promise<Worker> {
  const worker = idle.pop();
  if (worker) {
    clearTimeout(idleTimers.get(worker));
    worker.ref();
    return worker;
  }
  const started = startWorker(limits);
  await new Promise<void>((resolve, reject) => {
    const fail = (e: Error) => {
      clearTimeout(timer);
      void started.terminate();
      reject(e);
    };
    const timer = setTimeout(() => fail(new Error("The document reader did not start in time.")), STARTUP_MS);
    started.once("message", () => {
      clearTimeout(timer);
      started.removeAllListeners("error").removeAllListeners("exit");
      resolve();
    });
    started.once("error", (e) => fail(new Error(`The document reader could not start: ${e.stack ?? e.message}`)));
    started.once("exit", (code) => fail(new Error(`The document reader could not start (exit code ${code}).`)));
  });
  return started;
}

function putBack(worker: Worker): void {
  worker.removeAllListeners("message").removeAllListeners("error").removeAllListeners("exit");
  worker.on("error", () => undefined);
  worker.once("exit", () => {
    const at = idle.indexOf(worker);
    if (at >= 0) idle.splice(at, 1);
  });
  worker.unref();
  idleTimers.set(worker, setTimeout(() => void worker.terminate(), IDLE_MS) as NodeJS.Timeout);
  idleTimers.get(worker)!.unref();
  idle.push(worker);
}

/** The parsers' own words (pdf.js's, mammoth's) stay out of answers: what is wrong, and what to do. */
function inProjectWords(answer: { code: DocumentReadErrorCode; message: string }): string {
  if (answer.code === "UNREADABLE_PDF")
    return (
      "The PDF could not be read: it is damaged, encrypted or not a PDF. Nothing was stored; export it " +
      "again as PDF (or upload the Word file)."
    );
  if (answer.code === "UNREADABLE_DOCX" && answer.message !== NOT_A_WORD_ZIP)
    return (
      "The Word document could not be read: it is damaged or not a .docx file (save an old .doc as .docx " +
      "first). Nothing was stored."
    );
  return answer.message;
}

async function readInWorker(job: WorkerJob): Promise<{ parsed?: ParsedDocument; draft?: AgreementDraft }> {
  const { limits } = job;
  const worker = await takeWorker(limits);
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void, reuse: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (reuse) putBack(worker);
      else void worker.terminate();
      outcome();
    };
    const timer = setTimeout(() => finish(() => reject(tooComplex("time", limits)), false), limits.timeoutMs);
    worker.on("message", (answer: WorkerAnswer) =>
      finish(
        () => {
          if (answer.ok) resolve(answer);
          else if (answer.kind === "notADpa") reject(new NotADpaError(answer.message));
          else if (answer.kind === "tooComplex") reject(tooComplex(answer.limit, limits));
          else if (answer.kind === "read") reject(new DocumentReadError(answer.code, inProjectWords(answer)));
          else reject(new Error(`The document reader failed: ${answer.message}`));
        },
        answer.ok || answer.kind !== "internal",
      ),
    );
    worker.on("error", (e: Error & { code?: string }) =>
      finish(
        () =>
          reject(
            e.code === "ERR_WORKER_OUT_OF_MEMORY" || /heap out of memory|allocation failed/i.test(e.message)
              ? tooComplex("memory", limits)
              : new Error(`The document reader failed: ${e.stack ?? e.message}`),
          ),
        false,
      ),
    );
    worker.on("exit", (code) =>
      finish(() => reject(new Error(`The document reader stopped (exit code ${code}) without an answer.`)), false),
    );
    worker.postMessage(job);
  });
}
