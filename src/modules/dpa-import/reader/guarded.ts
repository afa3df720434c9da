// Reading one document within the limits: the archive or the PDF weighed first (reader/zip-guard.ts,
// reader/pdf-guard.ts), then parseDocument as it is, then the text's length. Runs in the reading worker
// (reader/worker.ts); plain data in and out.
import { formatOf, parseDocument, type DocumentInput, type ParsedDocument } from "../extract/parse";
import { tooComplex, type DocumentLimits } from "./limits";
import { checkPdf } from "./pdf-guard";
import { checkZip } from "./zip-guard";
import { HtmlTooDeep } from "../extract/parse/nesting";

export async function readWithinLimits(input: DocumentInput, limits: DocumentLimits): Promise<ParsedDocument> {
  const format = formatOf(input);
  if (format === "docx") await checkZip(input.bytes, limits);
  else if (format === "pdf") checkPdf(input.bytes, limits);
  else if (format && input.bytes.byteLength > 4 * limits.maxTextChars) throw tooComplex("textLength", limits);
  let parsed: ParsedDocument;
  try {
    parsed = await parseDocument(input);
  } catch (e) {
    if (e instanceof HtmlTooDeep) throw tooComplex("nesting", limits);
    throw e;
  }
  if (parsed.text.length > limits.maxTextChars) throw tooComplex("textLength", limits);
  return parsed;
}
