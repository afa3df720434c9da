// Corpus documents as a word processor wrote them: LibreOffice's Word files (test/fixtures/dpa-import/converted,
// README there: tool, version, command, source document), read as an upload is read (parseDocument, then
// extractAgreementDraft) and scored against the corpus document's label. Besides, what LibreOffice writes that our
// own Word form (docxOf) never does, each in a file built here.
import fs from "node:fs";
import path from "node:path";
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from "docx";
import { extractAgreementDraft } from "../../src/modules/dpa-import/extract";
import {
  invalidCitations,
  loadLabels,
  placeholdersTaken,
  scoreDraft,
  type Count,
} from "../../src/modules/dpa-import/extract/evaluation";
import { parseDocument } from "../../src/modules/dpa-import/extract/parse";

const REPO_ROOT = path.resolve(__dirname, "..", "..");
const DIR = path.join(REPO_ROOT, "test", "fixtures", "dpa-import", "converted");
const labels = loadLabels(REPO_ROOT).filter((l) => l.source === "corpus" && !l.form);

/** Labelled values right (sub-processors apart) and sub-processors found: floors a few points under the measured. */
const FLOORS: Record<string, { values: number; subprocessors?: number }> = {
  "aabenforms-databehandleraftale.da.md": { values: 0.95 }, // 19 of 19
  "autoalttext-dpa.en.md": { values: 0.83, subprocessors: 0.85 }, // 16 of 18; sub-processors 7 of 7
  "buildwise-dpa.en.md": { values: 0.52 }, // 19 of 33
  "catchup-dpa.en.html": { values: 0.62, subprocessors: 0.95 }, // 11 of 16; 2 of 2
  "crmx-databehandleraftale.da.md": { values: 0.9 }, // 22 of 23
  "erst-bilag7-databehandleraftale.da.md": { values: 0.9 }, // 28 of 29
  "fcc-dpa.en.md": { values: 0.57 }, // 12 of 19
  "forwardemail-databehandleraftale.da.md": { values: 0.95, subprocessors: 0.95 }, // 9 of 9; 6 of 6
  "levelledger-dpa.en.html": { values: 0.88, subprocessors: 0.95 }, // 14 of 15; 1 of 1
  "roomswipe-dpa.en.md": { values: 0.6 }, // 13 of 20
  "seros-dpa.en.html": { values: 0.84 }, // 26 of 29
  "spreadsheetmoment-dpa.en.md": { values: 0.75, subprocessors: 0.95 }, // 16 of 20; 9 of 9
  "visuplan-databehandleraftale.da.html": { values: 0.95 }, // 19 of 19
  "whereby-dpa.en.md": { values: 0.88, subprocessors: 0.95 }, // 16 of 17; 1 of 1
};

const valuesOf = (fields: Record<string, Count>) => {
  let tp = 0;
  let fn = 0;
  for (const [field, c] of Object.entries(fields))
    if (!field.startsWith("subprocessors") && field !== "placeholders" && field !== "error") {
      tp += c.tp;
      fn += c.fn;
    }
  return { tp, total: tp + fn };
};

async function read(document: string) {
  const bytes = fs.readFileSync(path.join(DIR, `${document}.docx`));
  const parsed = await parseDocument({ bytes, fileName: `${document.replace(/\.[^.]+$/, "")}.docx` });
  return { parsed, draft: extractAgreementDraft(parsed) };
}

test("every fixture is named in the README and has a floor; every floor has its fixture", () => {
  const files = fs.readdirSync(DIR).filter((f) => f.endsWith(".docx"));
  const readme = fs.readFileSync(path.join(DIR, "README.md"), "utf8");
  expect(files.map((f) => f.replace(/\.docx$/, "")).sort()).toEqual(Object.keys(FLOORS).sort());
  for (const f of files) expect(readme).toContain(f);
  const total = files.reduce((n, f) => n + fs.statSync(path.join(DIR, f)).size, 0);
  expect(total).toBeLessThan(1_000_000);
});

describe.each(Object.entries(FLOORS))("LibreOffice's Word file of %s", (document, floor) => {
  test("scores at its floor, takes nothing from a placeholder or an example, cites exact spans", async () => {
    const label = labels.find((l) => l.document === document);
    expect(label).toBeDefined();
    const { parsed, draft } = await read(document);
    expect(parsed.format).toBe("docx");
    const fields = scoreDraft(draft, label!);
    const values = valuesOf(fields);
    expect(values.tp / Math.max(1, values.total)).toBeGreaterThanOrEqual(floor.values);
    if (floor.subprocessors !== undefined) {
      const s = fields.subprocessors ?? { tp: 0, fp: 0, fn: 0 };
      expect(s.tp / Math.max(1, s.tp + s.fn)).toBeGreaterThanOrEqual(floor.subprocessors);
    }
    expect(placeholdersTaken(draft, label!)).toEqual([]);
    expect(invalidCitations(draft, parsed.text)).toEqual([]);
  });
});

test("a table whose first row has LibreOffice's table-heading style reads that row as its header", async () => {
  const cell = (text: string, style?: string) => new TableCell({ children: [new Paragraph({ text, style })] });
  const bytes = await Packer.toBuffer(
    new Document({
      styles: {
        paragraphStyles: [
          { id: "TableContents", name: "Table Contents", run: {} },
          { id: "TableHeading", name: "Table Heading", basedOn: "TableContents", run: { bold: true } },
        ],
      },
      sections: [
        {
          children: [
            new Table({
              rows: [
                new TableRow({
                  children: [cell("Data subjects", "TableHeading"), cell("Personal data", "TableHeading")],
                }),
                new TableRow({ children: [cell("Staff", "TableContents"), cell("Name, role", "TableContents")] }),
                new TableRow({
                  children: [cell("Supplier contacts", "TableContents"), cell("Email", "TableContents")],
                }),
              ],
            }),
          ],
        },
      ],
    }),
  );
  const parsed = await parseDocument({ bytes, fileName: "dpa.docx" });
  const rows = parsed.blocks.filter((b) => b.kind === "tableRow");
  expect(rows.map((r) => r.cells!.map((c) => parsed.text.slice(c.start, c.end)))).toEqual([
    ["Data subjects", "Personal data"],
    ["Staff", "Name, role"],
    ["Supplier contacts", "Email"],
  ]);
  expect(rows.map((r) => !!r.header)).toEqual([true, false, false]);
});

test("LibreOffice's header row lets the data subjects under it be read (levelledger: 0 → 2 of 2)", async () => {
  const label = labels.find((l) => l.document === "levelledger-dpa.en.html")!;
  const { draft } = await read("levelledger-dpa.en.html");
  expect(scoreDraft(draft, label).dataSubjectCategories).toMatchObject({ tp: 2, fn: 0 });
});

test("a Word table read as the template's tab-laid rows takes no bracketed example as a sub-processor", async () => {
  const { draft } = await read("aabenforms-databehandleraftale.da.md");
  expect(draft.subprocessors.map((s) => s.value.name)).toEqual([]);
  expect((draft.placeholders ?? []).some((p) => p.path === "subprocessors")).toBe(true);
});

test("form fields run into one line ('Name: [Controller Name] Address: […]') leave the name unfilled", async () => {
  const { draft } = await read("spreadsheetmoment-dpa.en.md");
  const controller = draft.parties.find((p) => p.role === "CONTROLLER");
  expect(controller?.name.value ?? "").not.toMatch(/Address|Contact|Representative/);
  expect((draft.placeholders ?? []).some((p) => p.path === "parties.CONTROLLER.name")).toBe(true);
});

test("headings one slot off the template's ('1. Preamble') place the clauses, not the lines' numbers", async () => {
  const label = labels.find((l) => l.document === "whereby-dpa.en.md")!;
  const { draft } = await read("whereby-dpa.en.md");
  const fields = scoreDraft(draft, label);
  for (const field of [
    "parties.PROCESSOR.name",
    "clauses.subprocessorAuthorization",
    "clauses.subprocessorNoticeDays",
    "clauses.thirdCountryTransfers",
    "clauses.endOfContractAction",
  ])
    expect([field, fields[field]]).toEqual([field, expect.objectContaining({ tp: 1, fp: 0, fn: 0 })]);
});
