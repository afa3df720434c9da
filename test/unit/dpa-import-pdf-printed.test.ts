// PDFs laid out as a browser prints a page (built here with pdf-lib, placed as chromium places them): a table's
// cells wrap inside their columns and a short cell sits in the middle of its row; headings are set larger than
// the body; a template's example row in annex B stays an example.
import { PDFDocument, PDFFont, PDFPage, StandardFonts } from "pdf-lib";
import { parseDocument } from "../../src/modules/dpa-import/document-text";
import { extractAgreementDraft } from "../../src/modules/dpa-import/extract";

async function pdfWith(draw: (page: PDFPage, font: PDFFont, bold: PDFFont) => void): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  draw(pdf.addPage([595, 842]), font, bold);
  return pdf.save();
}

/** Lines 14 points apart at 10 points, as a paragraph of body text. */
const paragraph = (page: PDFPage, font: PDFFont, y: number, lines: string[]) =>
  lines.forEach((text, i) => page.drawText(text, { x: 50, y: y - i * 14, font, size: 10 }));

test("a printed table: cells wrapped in their columns, a short cell mid-row, read as rows", async () => {
  const bytes = await pdfWith((page, font, bold) => {
    paragraph(page, font, 790, [
      "The Processor uses the following sub-processors, which the Controller has approved, for the purposes",
      "and in the places named below; it tells the Controller of any change thirty days before it is made,",
      "and the Controller may object to it.",
    ]);
    const cell = (text: string, x: number, y: number, f = font) => page.drawText(text, { x, y, font: f, size: 10 });
    // The header row, then a row whose second cell wraps over two lines while its first sits between them,
    // then a row 3 points further down (the cells' padding), one line each.
    cell("Sub-processor", 52, 740, bold);
    cell("Service and location", 200, 740, bold);
    cell("Acme Hosting GmbH", 52, 716);
    cell("Hosting of the service's database, backups kept", 200, 723);
    cell("in Frankfurt, Germany (e.g. nightly snapshots)", 200, 709);
    cell("Postmark Ltd", 52, 692);
    cell("Transactional email, United States", 200, 692);
    paragraph(page, font, 660, ["Nothing else is sent to any other party."]);
  });
  const parsed = await parseDocument({ bytes, fileName: "dpa.pdf" });
  const rows = parsed.blocks
    .filter((b) => b.kind === "tableRow")
    .map((b) => (b.cells ?? []).map((c) => parsed.text.slice(c.start, c.end)));
  expect(rows).toEqual([
    ["Sub-processor", "Service and location"],
    [
      "Acme Hosting GmbH",
      "Hosting of the service's database, backups kept in Frankfurt, Germany (e.g. nightly snapshots)",
    ],
    ["Postmark Ltd", "Transactional email, United States"],
  ]);
  expect(parsed.text).toContain("\n\nNothing else is sent to any other party.");
});

test("lines set larger than the body are headings, and the body under one is not joined to it", async () => {
  const bytes = await pdfWith((page, font, bold) => {
    page.drawText("Data Processing Agreement", { x: 50, y: 790, font: bold, size: 18 });
    paragraph(page, font, 760, ["This agreement is made between the Customer and the Provider."]);
    page.drawText("Sub-processors and the places where the data is stored and kept safe", {
      x: 50,
      y: 730,
      font: bold,
      size: 13,
    });
    paragraph(page, font, 714, [
      "The Provider may engage other processors to carry out specific processing activities on the",
      "Customer's behalf with its prior written authorisation.",
    ]);
  });
  const parsed = await parseDocument({ bytes, fileName: "dpa.pdf" });
  const headings = parsed.blocks.filter((b) => b.kind === "heading").map((b) => parsed.text.slice(b.start, b.end));
  expect(headings).toEqual([
    "Data Processing Agreement",
    "Sub-processors and the places where the data is stored and kept safe",
  ]);
});

test("a template's example row in a printed annex B table is no sub-processor", async () => {
  const bytes = await pdfWith((page, font, bold) => {
    let y = 800;
    const line = (text: string, x = 50, f = font) => page.drawText(text, { x, y, font: f, size: 10 });
    const next = (step = 14) => (y -= step);
    line("Bilag B - Underdatabehandlere", 50, bold);
    next(28);
    line("Godkendte underdatabehandlere ved aftalens indgåelse:");
    next(28);
    line("Navn", 52, bold);
    line("CVR/reg.", 250, bold);
    line("Ydelse", 320, bold);
    line("Lokation", 470, bold);
    next(17);
    line("[Hostingleverandør, fx Contabo GmbH]", 52);
    line("[reg.nr.]", 250);
    line("Serverdrift", 320);
    line("EU (Tyskland)", 470);
    next(28);
    line("Bilag C Instruks vedrørende behandling af personoplysninger", 50, bold);
  });
  const draft = extractAgreementDraft(await parseDocument({ bytes, fileName: "dpa.pdf" }));
  expect(draft.subprocessors.map((s) => s.value.name)).toEqual([]);
});
