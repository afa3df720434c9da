// POST /imports/agreement — upload a signed DPA (.pdf, .docx, .txt, .md/.markdown or .html/.htm, judged by
// content as well as name and media type; multipart, one file part named
// `file`; optional text fields as for POST /evidence: title, effectiveOn, description, sha256,
// processorId) and read it into a draft, in one request. The file is stored as evidence
// (AGREEMENT_DOCUMENT) with its SHA-256; the draft is reviewed, corrected and confirmed over GraphQL
// (agreementImport, correctAgreementImport, confirmAgreementImport). Roles ADMIN and EDITOR.
//
// Refusals, with nothing stored: 413 TOO_LARGE (over EVIDENCE_MAX_BYTES), 415 UNSUPPORTED_FILE_TYPE,
// 422 EMPTY_DOCUMENT, SCANNED_PDF (no text layer), UNREADABLE_PDF, UNREADABLE_DOCX, NOT_A_DPA.
// 201 { agreementImport: { id, status, extractor, language, template, kind, missing }, evidence: { … } }.
import { Router } from "express";
import type { Config } from "../../config";
import type { Database } from "../../db/database";
import { HttpError } from "../../http/request-context";
import { toGlobalId } from "../../common/global-id";
import { evidenceJson, receiveUpload } from "../evidence/evidence.http";
import { agreementImportService, importUploadDefaults, ImportRefused, readDraft } from "./import.service";

export function importRouter(config: Config, db: Database): Router {
  const router = Router();
  router.post("/imports/agreement", (req, res) =>
    receiveUpload(config, db, req, res, {
      defaults: importUploadDefaults(),
      prepare: async (file) => {
        try {
          return await readDraft(file.content, file.fileName, file.mediaType);
        } catch (err) {
          if (err instanceof ImportRefused)
            throw new HttpError(err.code === "UNSUPPORTED_FILE_TYPE" ? 415 : 422, err.code, err.message, "file");
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
  return router;
}
