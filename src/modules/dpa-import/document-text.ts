// The plain text of an uploaded DPA, for the rule-based importer. The reading itself (format by
// content, name and type; PDF, Word, Markdown, HTML, text) lives in extract/parse; failures are
// DocumentReadErrors with a code the API can map to a message for the user.
import { DocumentReadError, parseDocument, type DocumentReadErrorCode, type ParsedDocument } from "./extract/parse";

export { DocumentReadError, parseDocument };
export type { DocumentReadErrorCode, ParsedDocument };

export async function documentText(bytes: Buffer, fileName: string, mediaType?: string | null): Promise<string> {
  return (await parseDocument({ bytes, fileName, mediaType })).text;
}
