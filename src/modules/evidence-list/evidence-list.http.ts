// GET /exports/evidence-manifest(.csv|.json): the evidence list as a file an auditor keeps.
// CSV goes through the shared streaming writer (csv-stringify: quoting, separators, formula-safe cells).
import { Router, Request, Response } from "express";
import { loadFound } from "../../common/loader-kit";
import type { HttpDeps } from "../../common/module";
import { badParameter, graphqlCodeOf } from "../../common/errors";
import { streamCsv } from "../../http/streaming";
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
  "file_id",
  "file_name",
  "file_media_type",
  "file_size_bytes",
  "file_sha256",
  "file_effective_on",
] as const;

/** The parameters of this export, each given at most once (a repeated one is an array: refused, named). */
const PARAMETERS = ["processorId", "from", "to", "kinds", "format"] as const;

function parseArgs(req: Request): EvidenceListArgs {
  for (const [name, value] of Object.entries(req.query)) {
    if ((PARAMETERS as readonly string[]).includes(name) && typeof value !== "string")
      throw badParameter(name, `${name} must be given once, as a single value`);
  }
  const q = req.query as Record<string, string | undefined>;
  if (q.processorId !== undefined && decodeIdOf("Processor", q.processorId) === null)
    throw badParameter("processorId", "processorId must be a processor id");
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

export function evidenceListRouter({ withContext }: HttpDeps): Router {
  const router = Router();
  const handler = (req: Request, res: Response) =>
    withContext(req, res, null, async (ctx) => {
      const args = parseArgs(req);
      const format = formatOf(req);
      let items: EvidenceListItem[];
      try {
        items = await evidenceListService.list(ctx, args);
      } catch (err) {
        if (graphqlCodeOf(err) === "BAD_USER_INPUT") throw badParameter(null, (err as Error).message);
        throw err;
      }
      const names = new Map<string, string>();
      for (const p of await loadFound(ctx.loaders.processorById, [
        ...new Set(items.map((i) => i.processorId).filter((x): x is string => !!x)),
      ])) {
        names.set(p.id, p.name);
      }
      const stamp = new Date().toISOString();
      res.setHeader("Cache-Control", "no-store");
      if (format === "json") {
        res.setHeader("Content-Disposition", `attachment; filename="evidence-manifest-${stamp.slice(0, 10)}.json"`);
        res.json({
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
        });
        return;
      }
      res.setHeader("Content-Type", "text/csv; charset=utf-8");
      res.setHeader("Content-Disposition", `attachment; filename="evidence-manifest-${stamp.slice(0, 10)}.csv"`);
      await streamCsv(
        res,
        [...MANIFEST_COLUMNS],
        items.flatMap((i) => rows(i, i.processorId ? (names.get(i.processorId) ?? "") : "")),
      );
    });
  router.get("/exports/evidence-manifest", handler);
  router.get("/exports/evidence-manifest.:ext", handler);
  return router;
}
