// Evidence files over plain HTTP (GraphQL carries the metadata, not the bytes).
//
// POST /evidence — multipart/form-data upload, roles ADMIN and EDITOR.
//   Text fields first: kind, title, effectiveOn (YYYY-MM-DD) required; description, sha256 (declared
//   hash, checked) and the links processorId, agreementId, auditReportId, findingId, breachNoticeId,
//   measureId (global ids of your organization) optional. Then exactly one file part named `file`.
//   The file is streamed: hashed and counted chunk by chunk, held in memory only up to
//   config.evidenceMaxBytes, and the upload is cut off (413 PAYLOAD_TOO_LARGE) as soon as it passes the
//   limit. Metadata and content are inserted together in one transaction, so a failed upload leaves
//   nothing behind. 201 { evidence: { id, sha256, sizeBytes, mediaType, fileName, effectiveOn, kind, title, … } }.
//   The key is checked in a short transaction before the body is read, and no database connection
//   is held while the client sends the file: slow uploads cannot exhaust the pool.
//
// GET /evidence/:id/content — download, roles ADMIN, EDITOR and AUDITOR. VIEWER gets 403 on purpose:
//   viewers see evidence metadata (title, hash, dates, links) in GraphQL, but the documents
//   themselves (DPAs, audit reports, breach correspondence) are for the people who audit and
//   maintain them. The stored bytes are hashed again before anything is sent: a mismatch with the
//   recorded SHA-256 answers 500 INTEGRITY_FAILED and sends nothing. Unknown ids and other
//   organizations' ids are the same 404; EXTERNAL evidence is 409 EXTERNAL with its URI.
//
// Errors are JSON { error: { code, message, field? } } (see src/http/request-context.ts).
import { createHash } from "node:crypto";
import { Request, Response, Router } from "express";
import type { HttpDeps } from "../../common/module";
import { enterExport } from "../../http/exports";
import { HttpError } from "../../common/errors";
import { decodeIdOf } from "../../common/global-id";
import { Evidence, EvidenceStorage } from "./evidence.entity";
import { contentDisposition, digestHeader, downloadPathOf, normalizeMediaType, slices } from "./evidence.rules";
import { evidenceService } from "./evidence.service";
import { evidenceJson, receiveUpload } from "./evidence.upload";

function upload(deps: HttpDeps, req: Request, res: Response): Promise<void> {
  return receiveUpload(deps, req, res, {
    prepare: async () => null,
    store: async (ctx, fields, file) => {
      const evidence = await evidenceService.createStored(ctx, fields, file);
      return { body: { evidence: evidenceJson(evidence) }, location: downloadPathOf(evidence) };
    },
  });
}

/** Writes the content in 64 KiB slices, waiting for 'drain' whenever the socket buffer is full. */
async function writeSlices(res: Response, content: Buffer): Promise<void> {
  for (const slice of slices(content)) {
    if (res.destroyed) return;
    if (!res.write(slice)) {
      await new Promise<void>((resolve) => {
        const go = () => {
          res.off("drain", go);
          res.off("close", go);
          resolve();
        };
        res.on("drain", go);
        res.on("close", go);
      });
    }
  }
  if (!res.destroyed) res.end();
}

async function download({ withContext, exports: gate }: HttpDeps, req: Request, res: Response): Promise<void> {
  // A slot of the exports' gate from the read to the last byte sent: each download holds a pool connection while
  // it reads a file of up to EVIDENCE_MAX_BYTES, and the file in memory while it is sent (30 downloads of one 25 MB
  // file by one key held the pool: another tenant's query answered 503, the server's memory grew 470 MB).
  let release: (() => void) | null = null;
  try {
    await send(withContext, req, res, (organizationId) => {
      release = enterExport(gate, organizationId, res);
    });
  } finally {
    (release as (() => void) | null)?.();
  }
}

/** Reads the file (calling `enter` once the key is known), checks its hash and sends it. */
async function send(
  withContext: HttpDeps["withContext"],
  req: Request,
  res: Response,
  enter: (organizationId: string) => void,
): Promise<void> {
  const found: { evidence?: Evidence; content?: Buffer } = {};
  await withContext(req, res, "readDocuments", async (ctx) => {
    enter(ctx.actor.organizationId);
    const id = decodeIdOf("Evidence", String(req.params.id));
    const evidence = id ? await evidenceService.find(ctx, id) : null;
    if (!evidence) throw new HttpError("NOT_FOUND", "Evidence not found.");
    if (evidence.storage === EvidenceStorage.EXTERNAL) {
      throw new HttpError(
        "EXTERNAL",
        `This evidence is kept outside tilsyn at ${evidence.externalUri}: fetch it there and check that its ` +
          `SHA-256 is ${evidence.sha256}.`,
      );
    }
    const content = await evidenceService.content(ctx, evidence.id);
    const actual = content ? createHash("sha256").update(content).digest("hex") : null;
    if (
      !content ||
      actual !== evidence.sha256 ||
      (evidence.sizeBytes !== null && content.length !== evidence.sizeBytes)
    ) {
      console.error(
        JSON.stringify({
          level: "error",
          msg: "evidence integrity check failed",
          requestId: ctx.requestId,
          organizationId: ctx.actor.organizationId,
          evidenceId: evidence.id,
          recordedSha256: evidence.sha256,
          actualSha256: actual,
          recordedSize: evidence.sizeBytes,
          actualSize: content?.length ?? null,
        }),
      );
      throw new HttpError(
        "INTEGRITY_FAILED",
        "The stored content does not match its recorded SHA-256, so it is not sent. Report this to your administrator.",
      );
    }
    found.evidence = evidence;
    found.content = content;
  });
  const { evidence, content } = found;
  if (!evidence || !content || res.headersSent) return;
  res.status(200);
  res.setHeader("Content-Type", normalizeMediaType(evidence.mediaType));
  res.setHeader("Content-Length", String(content.length));
  res.setHeader("Content-Disposition", contentDisposition(evidence.fileName, `evidence-${evidence.id}`));
  res.setHeader("Digest", digestHeader(evidence.sha256));
  res.setHeader("X-Content-SHA256", evidence.sha256);
  res.setHeader("ETag", `"${evidence.sha256}"`);
  // The content is whatever was uploaded: never let a browser sniff or render it in our origin.
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
  res.setHeader("Cache-Control", "private, no-store");
  await writeSlices(res, content);
}

export function evidenceRouter(deps: HttpDeps): Router {
  const router = Router();
  router.post("/evidence", (req, res) => upload(deps, req, res));
  router.get("/evidence/:id/content", (req, res) => download(deps, req, res));
  return router;
}
