// The same DPA, uploaded in the forms users have: a Word file typed without heading styles (one
// paragraph per line, headings as plain numbered paragraphs), a Word file whose headings are styled, and a
// PDF (lines wrapped by a word processor). Each is read as the .txt is, within a margin, with every
// citation an exact span of the text the review shows. Files are built here, at test time.
import { Document, HeadingLevel, Packer, Paragraph } from "docx";
import { seedDpaText } from "../../seeds/dpas";
import { parseDocument } from "../../src/modules/dpa-import/document-text";
import { extractAgreementDraft } from "../../src/modules/dpa-import/extract";
import { pdfOf } from "../../src/modules/dpa-import/extract/corpus-forms";
import { invalidCitations, loadLabels, recall, scoreDraft, sum } from "../../src/modules/dpa-import/extract/evaluation";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");
const seeds = loadLabels(ROOT).filter((l) => l.source === "seed");
/** A numbered clause, annex or annex section line: what a typist makes a heading. */
const HEADING = /^(\d{1,2}\.\s+\S|Bilag [A-D]\b|[A-D]\.\d+\.?\s+\S)/;

const forms: Record<string, (text: string) => Promise<Buffer>> = {
  "Word, no heading styles": (text) =>
    Packer.toBuffer(new Document({ sections: [{ children: text.split("\n").map((l) => new Paragraph(l)) }] })),
  "Word, styled headings": (text) =>
    Packer.toBuffer(
      new Document({
        sections: [
          {
            children: text.split("\n").map((l) =>
              HEADING.test(l.trim()) && l.length < 100
                ? new Paragraph({
                    text: l,
                    heading: /^\d/.test(l.trim()) ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
                  })
                : new Paragraph(l),
            ),
          },
        ],
      }),
    ),
  PDF: (text) => pdfOf(text),
};
const fileName: Record<string, string> = {
  "Word, no heading styles": "dpa.docx",
  "Word, styled headings": "dpa.docx",
  PDF: "dpa.pdf",
};

/**
 * Share of the labelled values found, by the evaluation's own scoring (sub-processors included), as
 * measured; the .txt forms are at 100 %. Measured: Word without heading styles 100 % on all three, Word
 * with styled headings 100 % on all three, PDF 98.6 / 100 / 100 % (was 83–93, 68–78 and 82–92 % before
 * Word's tab stops and the PDF's positional layout were read). Raise these as the reading of each form improves.
 */
const MIN_RECALL: Record<string, number> = {
  "Word, no heading styles": 0.97,
  "Word, styled headings": 0.97,
  PDF: 0.95,
};

const results: string[] = [];
afterAll(() => console.log(`[forms] labelled values found per form:\n  ${results.join("\n  ")}`));

describe.each(Object.keys(forms))("%s", (form) => {
  test.each(seeds.map((l) => [l.document, l]))("%s: read as the text is, every citation exact", async (_d, label) => {
    const bytes = await forms[form](seedDpaText(label.document));
    const parsed = await parseDocument({ bytes, fileName: fileName[form], mediaType: null });
    const draft = extractAgreementDraft(parsed);
    const found = recall(sum(Object.values(scoreDraft(draft, label)))) ?? 0;
    results.push(`${form} ${label.document}: ${(found * 100).toFixed(1)} %`);
    expect(invalidCitations(draft, parsed.text)).toEqual([]);
    expect(found).toBeGreaterThanOrEqual(MIN_RECALL[form]);
  });
});
