// documentText: the plain text of .txt, .pdf and .docx uploads, and clear errors for everything else.
import { Document, Packer, Paragraph } from "docx";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { DocumentReadError, documentText } from "../../src/modules/dpa-import/document-text";

async function pdfWith(pages: string[][]): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = pdf.addPage([595, 842]);
    lines.forEach((line, i) => page.drawText(line, { x: 50, y: 780 - i * 20, size: 12, font }));
  }
  return Buffer.from(await pdf.save());
}

async function readError(bytes: Buffer, name: string): Promise<DocumentReadError> {
  try {
    await documentText(bytes, name);
  } catch (e) {
    expect(e).toBeInstanceOf(DocumentReadError);
    return e as DocumentReadError;
  }
  throw new Error("expected a DocumentReadError");
}

describe("documentText", () => {
  test(".txt: strips the BOM and normalises CRLF", async () => {
    const text = await documentText(
      Buffer.from("\uFEFFDatabehandleraftale\r\nmellem\r\nparterne", "utf8"),
      "aftale.TXT",
    );
    expect(text).toBe("Databehandleraftale\nmellem\nparterne");
  });

  test(".pdf: the text of every page, æøå intact, without page markers", async () => {
    const bytes = await pdfWith([
      ["Databehandleraftale", "Underretning senest 24 timer"],
      ["Bilag C.7 Revision årligt på Østergade"],
    ]);
    const text = await documentText(bytes, "dpa.pdf");
    expect(text).toContain("Databehandleraftale");
    expect(text).toContain("senest 24 timer");
    expect(text).toContain("årligt på Østergade");
    expect(text).not.toMatch(/-- \d+ of \d+ --/);
  });

  test(".pdf with pages but no text layer: SCANNED_PDF", async () => {
    const error = await readError(await pdfWith([[]]), "scan.pdf");
    expect(["SCANNED_PDF", "EMPTY_DOCUMENT"]).toContain(error.code);
  });

  test("garbage named .pdf: UNREADABLE_PDF", async () => {
    expect((await readError(Buffer.from("not a pdf at all"), "x.pdf")).code).toBe("UNREADABLE_PDF");
  });

  test(".docx: the raw text of the paragraphs", async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph("Databehandleraftale"),
            new Paragraph("Bilag B Underdatabehandlere: Ærø Hosting ApS"),
          ],
        },
      ],
    });
    const text = await documentText(await Packer.toBuffer(doc), "aftale.docx");
    expect(text).toContain("Databehandleraftale");
    expect(text).toContain("Ærø Hosting ApS");
  });

  test("garbage named .docx: UNREADABLE_DOCX", async () => {
    expect((await readError(Buffer.from([0, 1, 2, 3, 4, 5, 6, 7]), "x.docx")).code).toBe("UNREADABLE_DOCX");
  });

  test(".exe: UNSUPPORTED_FILE_TYPE", async () => {
    const error = await readError(Buffer.from("MZ"), "setup.exe");
    expect(error.code).toBe("UNSUPPORTED_FILE_TYPE");
    expect(error.message).toMatch(/not supported/);
  });

  test("binary named .txt: UNSUPPORTED_FILE_TYPE saying it is not text, not that .txt is unsupported", async () => {
    const error = await readError(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 0xff, 0]), "aftale.txt");
    expect(error.code).toBe("UNSUPPORTED_FILE_TYPE");
    expect(error.message).toMatch(/named ".txt" but its content is not text/);
    expect(error.message).not.toMatch(/not supported/);
  });

  test("an empty .txt: EMPTY_DOCUMENT", async () => {
    expect((await readError(Buffer.from("  \n\n "), "empty.txt")).code).toBe("EMPTY_DOCUMENT");
  });
});
