// POST /imports/agreement — upload a signed DPA (.pdf, .docx, .txt, .md/.markdown or .html/.htm, judged by
// content as well as name and media type; multipart, one file part named
// `file`; optional text fields as for POST /evidence: title, effectiveOn, description, sha256,
// processorId) and read it into a draft, in one request. The file is stored as evidence
// (AGREEMENT_DOCUMENT) with its SHA-256; the draft is reviewed, corrected and confirmed over GraphQL
// (agreementImport, correctAgreementImport, confirmAgreementImport). Roles ADMIN and EDITOR.
//
// Refusals, with nothing stored: 413 PAYLOAD_TOO_LARGE (over EVIDENCE_MAX_BYTES), 415 UNSUPPORTED_MEDIA_TYPE,
// 422 EMPTY_DOCUMENT, SCANNED_PDF (no text layer), UNREADABLE_PDF, UNREADABLE_DOCX, NOT_A_DPA,
// DOCUMENT_TOO_COMPLEX (over a reading limit: see reader/limits.ts); 503 DOCUMENT_READERS_BUSY with Retry-After
// (every reader busy, or the organization holds its share of them: reader/reader.ts).
// 201 { agreementImport: { id, status, extractor, language, template, kind, missing }, evidence: { … } }.
//
// POST /imports/agreements — many DPAs in one request (several file parts, or ZIPs of documents): one draft
// per document and a status per document (import.batch.ts).
import { Router } from "express";
import type { HttpDeps } from "../../common/module";
import { HttpError, unprocessable } from "../../common/errors";
import { toGlobalId } from "../../common/global-id";
import { evidenceJson, receiveUpload } from "../evidence/evidence.upload";
import { agreementImportService } from "./import.service";
import { ImportRefused } from "./import.errors";
import { importBatch } from "./import.batch";
import { DocumentReadersBusy } from "./reader/reader";

export function importRouter(deps: HttpDeps): Router {
  const router = Router();
  router.post("/imports/agreement", (req, res) =>
    receiveUpload(deps, req, res, {
      defaults: agreementImportService.uploadDefaults(),
      prepare: async (file, organizationId) => {
        try {
          return await agreementImportService.readDraft(file.content, file.fileName, file.mediaType, organizationId);
        } catch (err) {
          if (err instanceof ImportRefused) throw unprocessable(err.code, err.message, "file");
          if (err instanceof DocumentReadersBusy)
            throw Object.assign(new HttpError("DOCUMENT_READERS_BUSY", err.message), {
              retryAfterSeconds: err.retryAfterSeconds,
            });
          throw err;
        }
      },
      store: async (ctx, fields, file, read) => {
        const { draft } = read;
        const imported = await agreementImportService.importUpload(ctx, fields, file, read);
        const evidence = await ctx.loaders.evidenceById.load(imported.evidenceId);
        return {
          body: {
            agreementImport: {
              id: toGlobalId("AgreementImport", imported.id),
              status: imported.status,
              extractor: draft.extractor,
              language: draft.language,
              template: draft.template,
              kind: draft.kind.value,
              missing: draft.missing,
            },
            evidence: evidence ? evidenceJson(evidence) : null,
          },
        };
      },
    }),
  );
  router.post("/imports/agreements", (req, res) => importBatch(deps, req, res));
  return router;
}
