// Reading one document within the limits: the archive or the PDF weighed first (reader/zip-guard.ts,
// reader/pdf-guard.ts), then parseDocument as it is, then the text's length. Runs in the reading worker
// (reader/worker.ts); plain data in and out.
import { DocumentReadError, formatOf, parseDocument, type DocumentInput, type ParsedDocument } from "../extract/parse";
import { tooComplex, type DocumentLimits } from "./limits";
import { checkPdf } from "./pdf-guard";
import { checkZip, notAWordZip, zipHasEntry } from "./zip-guard";
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
    // An intact zip mammoth cannot read and without Word's main part is an archive (of documents, most
    // likely), not a damaged Word file. Asked only after mammoth failed: a Word file naming its part
    // otherwise still reads.
    if (
      format === "docx" &&
      e instanceof DocumentReadError &&
      e.code === "UNREADABLE_DOCX" &&
      !(await zipHasEntry(input.bytes, "word/document.xml"))
    )
      throw notAWordZip();
    throw e;
  }
  if (parsed.text.length > limits.maxTextChars) throw tooComplex("textLength", limits);
  return parsed;
}
