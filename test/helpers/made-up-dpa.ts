// Made-up DPAs for the importer's round tests: text as a user would upload it, read by the real parser and extractor.
import { extractAgreementDraft } from "../../src/modules/dpa-import/extract";
import { parseDocument } from "../../src/modules/dpa-import/extract/parse";

/** The draft of an upload named `fileName` whose text is `lines`. */
export const upload = async (fileName: string, ...lines: string[]) =>
  extractAgreementDraft(await parseDocument({ bytes: Buffer.from(lines.join("\n")), fileName }));

/** A Markdown upload; the importer refuses a text that never mentions personal data, so each ends with a scope. */
export const markdown = (...lines: string[]) =>
  upload("dpa.md", ...lines, "", "## Scope", "", "The agreement covers the personal data processed for the customer.");

export const processorOf = (d: Awaited<ReturnType<typeof markdown>>) => d.parties.find((p) => p.role === "PROCESSOR");
