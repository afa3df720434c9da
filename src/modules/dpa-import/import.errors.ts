// The DPA importer's refusals: a file that cannot become a draft, and why, in words the uploader can
// act on. Mapped to a userError (importing stored evidence) or to an HTTP answer (POST /imports/agreement).
import type { UserErrorCode } from "../../common/errors";
import type { DocumentReadErrorCode } from "./extract/parse";

/** The codes (each a userError code of the vocabulary in common/errors.ts). */
export type ImportRefusalCode = Extract<
  UserErrorCode,
  | "UNSUPPORTED_MEDIA_TYPE"
  | "EMPTY_DOCUMENT"
  | "SCANNED_PDF"
  | "UNREADABLE_PDF"
  | "UNREADABLE_DOCX"
  | "NOT_A_DPA"
  | "DOCUMENT_TOO_COMPLEX"
>;

export class ImportRefused extends Error {
  constructor(
    readonly code: ImportRefusalCode,
    message: string,
  ) {
    super(message);
    this.name = "ImportRefused";
  }
}

/** A reader's code as the vocabulary names it: the reader's UNSUPPORTED_FILE_TYPE is UNSUPPORTED_MEDIA_TYPE. */
export function refusalCodeOf(code: DocumentReadErrorCode | "NOT_A_DPA"): ImportRefusalCode {
  return code === "UNSUPPORTED_FILE_TYPE" ? "UNSUPPORTED_MEDIA_TYPE" : code;
}
