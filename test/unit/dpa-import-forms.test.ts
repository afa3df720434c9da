// The same DPA, uploaded in the forms users have: a Word file typed without heading styles (one
// paragraph per line, headings as plain numbered paragraphs), a Word file whose headings are styled, and a
// PDF (lines wrapped by a word processor). Each is read as the .txt is, within a margin, with every
// citation an exact span of the text the review shows. Files are built here, at test time.
import { Document, HeadingLevel, LevelFormat, Packer, Paragraph } from "docx";
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

/**
 * A Word file as Word makes it when its numbers are automatic: clause headings are styled headings numbered
 * by one list, each clause's sub-clauses by a list of their own that restarts at 1, and none of these numbers
 * is in the paragraphs' text (Word keeps them in numbering.xml). A number out of sequence stays typed.
 */
function autoNumbered(text: string): Promise<Buffer> {
  const decimal = [{ level: 0, format: LevelFormat.DECIMAL, text: "%1.", start: 1 }];
  let clause = 1;
  let item = 1;
  let instance = 0;
  const children = text.split("\n").map((line) => {
    const m = /^(\d{1,2})\.\s+(\S.*)$/.exec(line);
    if (!m || /\t\s*\d*\s*$|\.{3,}/.test(line)) return new Paragraph(line);
    const n = Number(m[1]);
    if (n === clause && line.length < 100 && !/[.:;,]$/.test(m[2])) {
      clause++;
      item = 1;
      instance++;
      return new Paragraph({
        text: m[2],
        heading: HeadingLevel.HEADING_1,
        numbering: { reference: "clauses", level: 0 },
      });
    }
    if (n === 1 && item !== 1) {
      item = 1;
      instance++;
    }
    if (n !== item) return new Paragraph(line);
    item++;
    return new Paragraph({ text: m[2], numbering: { reference: "items", level: 0, instance } });
  });
  return Packer.toBuffer(
    new Document({
      numbering: {
        config: [
          { reference: "clauses", levels: decimal },
          { reference: "items", levels: decimal },
        ],
      },
      sections: [{ children }],
    }),
  );
}

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
  "Word, automatic numbering": autoNumbered,
  PDF: (text) => pdfOf(text),
};
const fileName: Record<string, string> = {
  "Word, no heading styles": "dpa.docx",
  "Word, styled headings": "dpa.docx",
  "Word, automatic numbering": "dpa.docx",
  PDF: "dpa.pdf",
};

/**
 * Share of the labelled values found, by the evaluation's own scoring (sub-processors included), as
 * measured; the .txt forms are at 100 %. Measured: Word without heading styles 100 % on all three, Word
 * with styled headings 100 % on all three, Word with automatic numbering 100 % on all three (34.7 / 100 /
 * 100 % while Word's numbers were not read), PDF 98.6 / 100 / 100 % (was 83–93, 68–78 and 82–92 % before
 * Word's tab stops and the PDF's positional layout were read; the PDF builder drops a tab where it wraps a
 * table row, which costs capturi one country). Raise these as the reading of each form improves.
 */
const MIN_RECALL: Record<string, number> = {
  "Word, no heading styles": 0.97,
  "Word, styled headings": 0.97,
  "Word, automatic numbering": 0.97,
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
    // Every clause heading reads with its number, whether typed or Word's own.
    expect(parsed.text).toMatch(/^7\. Anvendelse af (andre )?underdatabehandlere$/m);
    expect(found).toBeGreaterThanOrEqual(MIN_RECALL[form]);
  });
});
