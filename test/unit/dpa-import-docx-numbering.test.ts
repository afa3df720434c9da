// Word's automatic numbering, read back as Word shows it: the numbers live in numbering.xml, not in the
// paragraphs, and mammoth drops them. Files are built here with the docx package, as Word writes them.
import { Document, HeadingLevel, LevelFormat, Packer, Paragraph, TextRun } from "docx";
import { parseDocument } from "../../src/modules/dpa-import/document-text";
import { formatNumber } from "../../src/modules/dpa-import/extract/parse/docx";

const levels = [
  { level: 0, format: LevelFormat.DECIMAL, text: "%1.", start: 1 },
  { level: 1, format: LevelFormat.DECIMAL, text: "%1.%2", start: 1 },
  { level: 2, format: LevelFormat.LOWER_LETTER, text: "%3)", start: 1 },
];

type NumberingConfig = {
  reference: string;
  levels: { level: number; format: string; text: string; start: number }[];
}[];

async function read(children: Paragraph[], config: NumberingConfig = [{ reference: "dpa", levels }]) {
  const bytes = await Packer.toBuffer(
    new Document({ numbering: { config: config as never }, sections: [{ children }] }),
  );
  const parsed = await parseDocument({ bytes, fileName: "dpa.docx" });
  lastBlocks = parsed.blocks;
  return parsed.text.split("\n").filter(Boolean);
}
let lastBlocks: { bold?: boolean }[] = [];

const numbered = (text: string, level: number, extra: object = {}) =>
  new Paragraph({ text, numbering: { reference: "dpa", level }, ...extra });

test("multi-level numbers: headings, sub-clauses and lettered items, restarting below a new heading", async () => {
  const lines = await read([
    numbered("Præambel", 0, { heading: HeadingLevel.HEADING_1 }),
    numbered("Disse Bestemmelser fastsætter databehandlerens rettigheder.", 1),
    numbered("Bilagene udgør en integreret del af Bestemmelserne.", 1),
    numbered("Anvendelse af underdatabehandlere", 0, { heading: HeadingLevel.HEADING_1 }),
    new Paragraph("Et afsnit uden nummer afbryder ikke listen."),
    numbered("Databehandleren skal:", 1),
    numbered("underrette den dataansvarlige", 2),
    numbered("give mulighed for indsigelse", 2),
  ]);
  expect(lines).toEqual([
    "1. Præambel",
    "1.1 Disse Bestemmelser fastsætter databehandlerens rettigheder.",
    "1.2 Bilagene udgør en integreret del af Bestemmelserne.",
    "2. Anvendelse af underdatabehandlere",
    "Et afsnit uden nummer afbryder ikke listen.",
    "2.1 Databehandleren skal:",
    "a) underrette den dataansvarlige",
    "b) give mulighed for indsigelse",
  ]);
});

test("a list instance restarts at its start value; a bold heading's number is bold with it", async () => {
  const config = [{ reference: "dpa", levels: [{ level: 0, format: LevelFormat.UPPER_ROMAN, text: "%1.", start: 3 }] }];
  const lines = await read(
    [
      new Paragraph({
        children: [new TextRun({ text: "Tilsyn", bold: true })],
        numbering: { reference: "dpa", level: 0 },
      }),
      new Paragraph({ text: "Ophør", numbering: { reference: "dpa", level: 0 } }),
      new Paragraph({ text: "Fortrolighed", numbering: { reference: "dpa", level: 0, instance: 2 } }),
    ],
    config,
  );
  expect(lines).toEqual(["III. Tilsyn", "IV. Ophør", "III. Fortrolighed"]);
  expect(lastBlocks.map((b) => !!b.bold)).toEqual([true, false, false]);
});

test("number formats as Word writes them", () => {
  expect(formatNumber(4, "lowerRoman")).toBe("iv");
  expect(formatNumber(28, "lowerLetter")).toBe("bb");
  expect(formatNumber(3, "decimalZero")).toBe("03");
  expect(formatNumber(2, "bullet")).toBeNull();
});

test("own heading styles are headings: by the heading style they are based on, or their outline level", async () => {
  const bytes = await Packer.toBuffer(
    new Document({
      styles: {
        paragraphStyles: [
          { id: "Klausul", name: "Klausul", basedOn: "Heading1", run: { bold: true } },
          { id: "Bilagsafsnit", name: "Bilagsafsnit", paragraph: { outlineLevel: 1 } },
        ],
      },
      sections: [
        {
          children: [
            new Paragraph({ text: "10. Underretning om brud på persondatasikkerheden", style: "Klausul" }),
            new Paragraph("Databehandleren underretter uden unødig forsinkelse."),
            new Paragraph({ text: "C.7 Procedurer for den dataansvarliges revisioner", style: "Bilagsafsnit" }),
          ],
        },
      ],
    }),
  );
  const parsed = await parseDocument({ bytes, fileName: "dpa.docx" });
  expect(parsed.blocks.map((b) => [b.kind, b.level ?? null])).toEqual([
    ["heading", 1],
    ["paragraph", null],
    ["heading", 2],
  ]);
});
