// GET /exports/evidence-manifest(.csv|.json): the evidence list as a file an auditor keeps.
// CSV goes through the shared streaming writer (csv-stringify: quoting, separators, formula-safe cells);
// each row carries the item's canonical record (RFC 8785 JSON) beside its SHA-256, so the hash can be
// recomputed from the file alone. `delimiter=comma|semicolon` (comma by default).
//
// GET /exports/evidence-pack.zip: the same manifest (CSV and JSON) and every stored file it lists, as
// files/<file_id>/<file_name>, streamed as a ZIP (yazl) one file at a time: a file's bytes are read from
// the database only when the writer reaches it, and checked against their recorded SHA-256 first (a
// mismatch ends the download, as a broken ZIP, and is logged). Roles as for evidence downloads
// (readDocuments). Files kept elsewhere (EXTERNAL) are in the manifest with their URI, not in the pack.
import { createHash } from "node:crypto";
import { once } from "node:events";
import { Readable } from "node:stream";
import { Router, Request, Response } from "express";
import { stringify } from "csv-stringify";
import { ZipFile } from "yazl";
import { loadFound } from "../../common/loader-kit";
import type { HttpDeps } from "../../common/module";
import { enterExport, type ExportGate } from "../../http/exports";
import { badParameter, graphqlCodeOf } from "../../common/errors";
import {
  clientGone,
  CSV_DELIMITERS,
  csvDelimiterOf,
  CsvDelimiter,
  responseDone,
  streamCsv,
} from "../../http/streaming";
import { Evidence, EvidenceStorage } from "../evidence/evidence.entity";
import { safeFileName } from "../evidence/evidence.rules";
import { evidenceService } from "../evidence/evidence.service";
import type { RequestContext } from "../../context";
import { isIsoDate } from "../transfers/transfer-rules";
import { EvidenceItemKind, EvidenceListItem } from "./evidence-list.types";
import { EvidenceListArgs, evidenceListService } from "./evidence-list.service";
import { decodeIdOf, toGlobalId } from "../../common/global-id";

export const MANIFEST_COLUMNS = [
  "processor",
  "processor_id",
  "kind",
  "title",
  "subject_id",
  "effective_on",
  "status",
  "details",
  "record_sha256",
  "record",
  "file_id",
  "file_name",
  "file_media_type",
  "file_size_bytes",
  "file_sha256",
  "file_effective_on",
] as const;

/** The parameters of the manifest, each given at most once (a repeated one is an array: refused, named). */
const PARAMETERS = ["processorId", "from", "to", "kinds", "format", "lang", "delimiter"] as const;
/** The pack is a ZIP whatever `format` says. */
const PACK_PARAMETERS = PARAMETERS.filter((p) => p !== "format");

/** Refuses a parameter the export does not take (a misspelt filter would export everything) or a repeated one. */
function checkParameters(req: Request, parameters: readonly string[]): void {
  for (const [name, value] of Object.entries(req.query)) {
    if (!parameters.includes(name))
      throw badParameter(name, `${name} is not a parameter of this export (parameters: ${parameters.join(", ")})`);
    if (typeof value !== "string") throw badParameter(name, `${name} must be given once, as a single value`);
  }
}

function parseArgs(req: Request): EvidenceListArgs {
  const q = req.query as Record<string, string | undefined>;
  if (q.processorId !== undefined && decodeIdOf("Processor", q.processorId) === null)
    throw badParameter("processorId", "processorId must be a processor id");
  // Said, not ignored: a Danish user asking for lang=da must not receive English codes believing them Danish.
  if (q.lang !== undefined && q.lang !== "en")
    throw badParameter("lang", "lang: the evidence manifest is written in English only (lang=en)");
  for (const field of ["from", "to"] as const) {
    if (q[field] !== undefined && !isIsoDate(q[field]))
      throw badParameter(field, `${field} must be a date (YYYY-MM-DD)`);
  }
  const kinds = q.kinds ? q.kinds.split(",").map((k) => k.trim()) : null;
  const unknown = kinds?.filter((k) => !Object.hasOwn(EvidenceItemKind, k));
  if (unknown?.length)
    throw badParameter(
      "kinds",
      `kinds must be among: ${Object.keys(EvidenceItemKind).join(", ")} (got ${unknown.join(", ")})`,
    );
  return {
    processorId: q.processorId || null,
    from: q.from ?? null,
    to: q.to ?? null,
    kinds: kinds as EvidenceItemKind[] | null,
  };
}

function formatOf(req: Request): "csv" | "json" {
  const explicit = ((req.params.ext as string | undefined) ?? (req.query.format as string | undefined))?.toLowerCase();
  if (explicit === "csv" || explicit === "json") return explicit;
  if (explicit) throw badParameter("format", "format must be csv or json");
  return req.accepts(["text/csv", "application/json"]) === "application/json" ? "json" : "csv";
}

function rows(item: EvidenceListItem, processorName: string): string[][] {
  const head = [
    processorName,
    item.processorId ? toGlobalId("Processor", item.processorId) : "",
    item.kind,
    item.title,
    item.subjectId,
    item.effectiveOn ?? "",
    item.status ?? "",
    item.details,
    item.recordSha256,
    item.record,
  ];
  if (!item.files.length) return [[...head, "", "", "", "", "", ""]];
  return item.files.map((f) => [
    ...head,
    toGlobalId("Evidence", f.id),
    f.fileName ?? "",
    f.mediaType ?? "",
    f.sizeBytes === null ? "" : String(f.sizeBytes),
    f.sha256,
    f.effectiveOn,
  ]);
}

interface Manifest {
  args: EvidenceListArgs;
  items: EvidenceListItem[];
  names: Map<string, string>;
  stamp: string;
}

/** The evidence list for the request's filters, with the processors' names. */
async function manifestOf(ctx: RequestContext, req: Request): Promise<Manifest> {
  const args = parseArgs(req);
  let items: EvidenceListItem[];
  try {
    items = await evidenceListService.list(ctx, args);
  } catch (err) {
    if (graphqlCodeOf(err) === "BAD_USER_INPUT") {
      // Named as the ROPA export names it: the parameter the message starts with.
      const message = (err as Error).message;
      const first = /^(\w+)/.exec(message)?.[1];
      throw badParameter(first && (PARAMETERS as readonly string[]).includes(first) ? first : null, message);
    }
    throw err;
  }
  const names = new Map<string, string>();
  for (const p of await loadFound(ctx.loaders.processorById, [
    ...new Set(items.map((i) => i.processorId).filter((x): x is string => !!x)),
  ])) {
    names.set(p.id, p.name);
  }
  return { args, items, names, stamp: new Date().toISOString() };
}

function manifestJson({ args, items, names, stamp }: Manifest) {
  return {
    generatedAt: stamp,
    filters: args,
    columns: MANIFEST_COLUMNS,
    items: items.map((i) => ({
      processor: i.processorId ? names.get(i.processorId) : null,
      processorId: i.processorId ? toGlobalId("Processor", i.processorId) : null,
      kind: i.kind,
      title: i.title,
      subjectId: i.subjectId,
      effectiveOn: i.effectiveOn,
      status: i.status,
      details: i.details,
      recordSha256: i.recordSha256,
      record: JSON.parse(i.record),
      files: i.files.map((f) => ({
        id: toGlobalId("Evidence", f.id),
        fileName: f.fileName,
        mediaType: f.mediaType,
        sizeBytes: f.sizeBytes,
        sha256: f.sha256,
        effectiveOn: f.effectiveOn,
        storage: f.storage,
        externalUri: f.externalUri,
      })),
    })),
  };
}

const manifestRows = ({ items, names }: Manifest) =>
  items.flatMap((i) => rows(i, i.processorId ? (names.get(i.processorId) ?? "") : ""));

/** Where a stored file goes in the pack: files/<its manifest file_id>/<its file name>. */
export function packPathOf(e: Pick<Evidence, "id" | "fileName">): string {
  const id = toGlobalId("Evidence", e.id);
  return `files/${id}/${safeFileName(e.fileName) ?? id}`;
}

/** Media types worth deflating (text); PDFs, images and Office files are compressed already. */
const COMPRESSIBLE = /^(text\/|application\/(json|xml|csv))/;

async function writePack(ctx: RequestContext, res: Response, manifest: Manifest, delimiter: CsvDelimiter) {
  const zip = new ZipFile();
  // A file that fails its check (or cannot be read) ends the download: the client gets a broken ZIP.
  const failed = (err: Error) => res.destroy(err);
  zip.on("error", failed);
  zip.outputStream.on("error", failed);
  zip.outputStream.pipe(res);
  const mtime = new Date(manifest.stamp);

  const csv = stringify({
    header: true,
    columns: [...MANIFEST_COLUMNS],
    bom: true,
    escape_formulas: true,
    delimiter: CSV_DELIMITERS[delimiter],
  });
  zip.addReadStream(csv, "manifest.csv", { mtime });
  for (const row of manifestRows(manifest)) {
    if (res.destroyed) throw clientGone();
    if (!csv.write(row)) await Promise.race([once(csv, "drain"), once(res, "close")]);
  }
  csv.end();
  zip.addBuffer(Buffer.from(JSON.stringify(manifestJson(manifest), null, 2)), "manifest.json", { mtime });

  const stored = new Map<string, Evidence>();
  for (const item of manifest.items)
    for (const f of item.files) if (f.storage === EvidenceStorage.DATABASE) stored.set(f.id, f);
  for (const e of stored.values()) {
    const compress = COMPRESSIBLE.test(e.mediaType ?? "");
    zip.addReadStreamLazy(packPathOf(e), { mtime, compress }, (done) => {
      // Read when the writer reaches this entry (one file's bytes in memory at a time), checked first.
      evidenceService.content(ctx, e.id).then(
        (content) => {
          const actual = content ? createHash("sha256").update(content).digest("hex") : null;
          if (!content || actual !== e.sha256) {
            console.error(
              JSON.stringify({
                level: "error",
                msg: "evidence integrity check failed (evidence pack)",
                requestId: ctx.requestId,
                organizationId: ctx.actor.organizationId,
                evidenceId: e.id,
                recordedSha256: e.sha256,
                actualSha256: actual,
              }),
            );
            done(new Error("evidence integrity check failed"), null as never);
            return;
          }
          done(null, Readable.from([content]));
        },
        (err: Error) => done(err, null as never),
      );
    });
  }
  zip.end();
  await responseDone(res);
}

/**
 * Runs `work` in a slot of the exports' gate: the manifest and the pack are written to the client inside the request
 * transaction, so each holds a pool connection as long as the client reads (12 slow packs of one key held the pool:
 * another tenant's query answered 503).
 */
async function inExportSlot(gate: ExportGate, ctx: RequestContext, res: Response, work: () => Promise<void>) {
  const release = enterExport(gate, ctx.actor.organizationId, res);
  try {
    await work();
  } finally {
    release();
  }
}

export function evidenceListRouter({ withContext, exports: gate }: HttpDeps): Router {
  const router = Router();
  const handler = (req: Request, res: Response) =>
    withContext(req, res, null, async (ctx) => {
      checkParameters(req, PARAMETERS);
      await inExportSlot(gate, ctx, res, () => writeManifest(ctx, req, res));
    });
  const writeManifest = async (ctx: RequestContext, req: Request, res: Response) => {
    const format = formatOf(req);
    const delimiter = csvDelimiterOf(req.query.delimiter);
    const manifest = await manifestOf(ctx, req);
    const day = manifest.stamp.slice(0, 10);
    res.setHeader("Cache-Control", "no-store");
    if (format === "json") {
      res.setHeader("Content-Disposition", `attachment; filename="evidence-manifest-${day}.json"`);
      res.json(manifestJson(manifest));
      return;
    }
    res.setHeader("Content-Type", "text/csv; charset=utf-8");
    res.setHeader("Content-Disposition", `attachment; filename="evidence-manifest-${day}.csv"`);
    await streamCsv(res, [...MANIFEST_COLUMNS], manifestRows(manifest), { delimiter });
  };
  router.get("/exports/evidence-manifest", handler);
  router.get("/exports/evidence-manifest.:ext", handler);
  router.get("/exports/evidence-pack.zip", (req, res) =>
    withContext(req, res, "readDocuments", async (ctx) => {
      checkParameters(req, PACK_PARAMETERS);
      const delimiter = csvDelimiterOf(req.query.delimiter);
      await inExportSlot(gate, ctx, res, async () => {
        const manifest = await manifestOf(ctx, req);
        res.status(200);
        res.setHeader("Content-Type", "application/zip");
        res.setHeader("Content-Disposition", `attachment; filename="evidence-pack-${manifest.stamp.slice(0, 10)}.zip"`);
        res.setHeader("Cache-Control", "no-store");
        res.setHeader("X-Content-Type-Options", "nosniff");
        await writePack(ctx, res, manifest, delimiter);
      });
    }),
  );
  return router;
}
