// GET /exports/evidence-manifest(.csv|.json): the evidence list as a file an auditor keeps.
// CSV by csv-stringify (quoting, separators, formula-safe cells). Within the export limits (src/http/exports.ts):
// the manifest is written to a spool file in the transaction and sent after it.
import { Router, Request, Response } from "express";
import { loadFound } from "../../common/loader-kit";
import type { HttpDeps } from "../../common/module";
import { badParameter, graphqlCodeOf } from "../../common/errors";
import { stringify } from "csv-stringify/sync";
import { exportTooLarge, overRows, runExport } from "../../http/exports";
import { isIsoDate } from "../transfers/transfer-rules";
import { EvidenceItemKind, EvidenceListItem } from "./evidence-list.types";
import { EvidenceListArgs, evidenceListService } from "./evidence-list.service";
import { toGlobalId } from "../../common/global-id";

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
  "file_id",
  "file_name",
  "file_media_type",
  "file_size_bytes",
  "file_sha256",
  "file_effective_on",
] as const;

function parseArgs(req: Request): EvidenceListArgs {
  const q = req.query as Record<string, string | undefined>;
  for (const field of ["from", "to"] as const) {
    if (q[field] !== undefined && !isIsoDate(q[field]))
      throw badParameter(field, `${field} must be a date (YYYY-MM-DD)`);
  }
  const kinds = q.kinds ? q.kinds.split(",").map((k) => k.trim()) : null;
  const unknown = kinds?.filter((k) => !(k in EvidenceItemKind));
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

const NARROW =
  "Narrow it: one processor (processorId), a shorter period (from, to) or fewer kinds (kinds=AGREEMENT,REPORT,…).";

export function evidenceListRouter(deps: HttpDeps): Router {
  const router = Router();
  const handler = (req: Request, res: Response) =>
    runExport(
      deps,
      req,
      res,
      () => NARROW,
      async (ctx, spool) => {
        const format = formatOf(req);
        const args = parseArgs(req);
        let items: EvidenceListItem[];
        try {
          items = await evidenceListService.list(ctx, args);
        } catch (err) {
          if (graphqlCodeOf(err) === "BAD_USER_INPUT") throw badParameter(null, (err as Error).message);
          throw err;
        }
        const rowCount = items.reduce((n, i) => n + Math.max(1, i.files.length), 0);
        if (rowCount > deps.exports.limits.maxRows)
          throw exportTooLarge(`This manifest would have ${overRows(rowCount, deps.exports.limits)}.`, NARROW);
        const names = new Map<string, string>();
        for (const p of await loadFound(ctx.loaders.processorById, [
          ...new Set(items.map((i) => i.processorId).filter((x): x is string => !!x)),
        ])) {
          names.set(p.id, p.name);
        }
        const stamp = new Date().toISOString();
        spool.countRows(rowCount);
        if (format === "json") {
          await spool.write(`{"generatedAt":${JSON.stringify(stamp)},"filters":${JSON.stringify(args)},"columns":`);
          await spool.write(`${JSON.stringify(MANIFEST_COLUMNS)},"items":[`);
          for (const [n, i] of items.entries()) {
            const item = {
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
            };
            await spool.write((n ? "," : "") + JSON.stringify(item));
          }
          await spool.write("]}");
          return {
            contentType: "application/json; charset=utf-8",
            fileName: `evidence-manifest-${stamp.slice(0, 10)}.json`,
          };
        }
        // escape_formulas: a cell starting with = + - @ is not run as a formula by spreadsheet software.
        const options = { escape_formulas: true };
        await spool.write(stringify([[...MANIFEST_COLUMNS]], { ...options, bom: true }));
        for (const i of items)
          await spool.write(stringify(rows(i, i.processorId ? (names.get(i.processorId) ?? "") : ""), options));
        return { contentType: "text/csv; charset=utf-8", fileName: `evidence-manifest-${stamp.slice(0, 10)}.csv` };
      },
    );
  router.get("/exports/evidence-manifest", handler);
  router.get("/exports/evidence-manifest.:ext", handler);
  return router;
}
