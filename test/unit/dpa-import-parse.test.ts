// The one document model: Markdown (markdown-it), HTML (parse5), Word (mammoth's HTML) and PDF/text
// uploads become the same blocks over the text a reviewer is shown; formats judged by content.
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from "docx";
import { PDFDocument, StandardFonts } from "pdf-lib";
import {
  DocumentReadError,
  formatOf,
  parseDocument,
  type ParsedDocument,
} from "../../src/modules/dpa-import/extract/parse";

const blockTexts = (d: ParsedDocument, kind?: string) =>
  d.blocks.filter((b) => !kind || b.kind === kind).map((b) => d.text.slice(b.start, b.end));
const cellTexts = (d: ParsedDocument) =>
  d.blocks.filter((b) => b.kind === "tableRow").map((b) => b.cells!.map((c) => d.text.slice(c.start, c.end)));
const utf8 = (s: string) => Buffer.from(s, "utf8");

describe("Markdown", () => {
  const md = [
    "---",
    "title: Databehandleraftale",
    "---",
    "# Databehandleraftale",
    "",
    "**Databehandleren:** Acme ApS, CVR 12345678, Vestergade 1,",
    "8000 Aarhus C",
    "",
    "## 10 Underretning om brud",
    "",
    "| Navn | Land |",
    "|---|---|",
    "| Hetzner Online GmbH | Tyskland |",
    "",
    "1. Databehandleren underretter *senest* 24 timer efter.",
  ].join("\n");

  test(
    "front matter left out, markup gone, hard-wrapped lines one paragraph, headings and table rows as " + "blocks",
    async () => {
      const d = await parseDocument({ bytes: utf8(md), fileName: "dpa.md" });
      expect(d.format).toBe("markdown");
      expect(d.text).not.toMatch(/\*\*|title:|\|---/);
      expect(blockTexts(d, "heading")).toEqual(["Databehandleraftale", "10 Underretning om brud"]);
      expect(blockTexts(d, "paragraph")).toEqual([
        "Databehandleren: Acme ApS, CVR 12345678, Vestergade 1, 8000 Aarhus C",
      ]);
      expect(cellTexts(d)).toEqual([
        ["Navn", "Land"],
        ["Hetzner Online GmbH", "Tyskland"],
      ]);
      expect(d.blocks.find((b) => b.kind === "tableRow")!.header).toBe(true);
      expect(blockTexts(d, "listItem")).toEqual(["1. Databehandleren underretter senest 24 timer efter."]);
    },
  );

  test("a .md file sent as application/octet-stream or text/plain is read as Markdown by its content", async () => {
    for (const mediaType of ["application/octet-stream", "text/plain"]) {
      const d = await parseDocument({ bytes: utf8(md), fileName: "upload", mediaType });
      expect(d.format).toBe("markdown");
    }
  });
});

describe("HTML", () => {
  test("headings, paragraphs with <br>, lists, tables; scripts and styles are no text", async () => {
    const html =
      `<!doctype html><html><head><style>p{}</style><script>var x="Databehandler";</script></head><body>
      <h2>Bilag B Underdatabehandlere</h2><p>Vibe Lab<br>Calle Cristo 60<br>VAT: Y3067844A</p>
      <ul><li>GetGeek AB (Org nr: 559073-1039)</li><li>Acebit AB</li></ul>
      <table><thead><tr><th>Navn</th><th>Lokation</th></tr></thead>` +
      `<tbody><tr><td>Twilio Inc.</td><td>USA</td></tr></tbody></table>
      <p>Tekst &amp; mere.</p></body></html>`;
    const d = await parseDocument({ bytes: utf8(html), fileName: "dpa.html" });
    expect(d.format).toBe("html");
    expect(d.text).not.toMatch(/Databehandler"|p\{\}|<|&amp;/);
    expect(blockTexts(d, "heading")).toEqual(["Bilag B Underdatabehandlere"]);
    expect(blockTexts(d, "paragraph")).toEqual(["Vibe Lab\nCalle Cristo 60\nVAT: Y3067844A", "Tekst & mere."]);
    expect(blockTexts(d, "listItem")).toEqual(["- GetGeek AB (Org nr: 559073-1039)", "- Acebit AB"]);
    expect(cellTexts(d)).toEqual([
      ["Navn", "Lokation"],
      ["Twilio Inc.", "USA"],
    ]);
  });

  test(
    "HTML kept in a source file's template literal is read as HTML; a text with a few stray tags stays " + "text",
    async () => {
      const source =
        "export const DPA = `" +
        Array.from({ length: 6 }, (_, i) => `<h2>${i + 1}. Afsnit</h2><p>Tekst ${i}.</p>`).join("\n") +
        "`;";
      expect(formatOf({ bytes: utf8(source), fileName: "legal.txt" })).toBe("html");
      const mostlyText =
        "Databehandleraftale\n\n" +
        "Lang tekst om behandling af personoplysninger. ".repeat(200) +
        "<p>1</p><p>2</p><p>3</p><p>4</p><p>5</p>";
      expect(formatOf({ bytes: utf8(mostlyText), fileName: "dpa.txt" })).toBe("text");
    },
  );
});

test("a web page's source file is read by its name too (.tsx, .ts, .php): as the same text named .txt", async () => {
  const fs = await import("node:fs");
  const path = await import("node:path");
  const dir = path.join(__dirname, "..", "fixtures", "dpa-import", "corpus", "documents");
  for (const [file, asName] of [
    ["journalklar-databehandleraftale.da.tsx.txt", "databehandleraftale.tsx"],
    ["loyalbox-dpa.da.ts.txt", "dpa.ts"],
    ["frankston-databehandleraftale.da.blade.php.txt", "databehandleraftale.blade.php"],
  ]) {
    const bytes = fs.readFileSync(path.join(dir, file));
    expect(formatOf({ bytes, fileName: asName })).not.toBeNull();
    const named = await parseDocument({ bytes, fileName: asName });
    const asText = await parseDocument({ bytes, fileName: "document.txt" });
    expect(named.text).toBe(asText.text);
    expect(named.text).not.toMatch(/\bimport\s+\{|className=/);
  }
  // Other code is still refused by name, with the rule.
  await expect(parseDocument({ bytes: utf8("print('x')"), fileName: "x.py" })).rejects.toThrow(/web page's source/);
});

describe("Word", () => {
  test("mammoth's HTML keeps headings, bold labels and tables", async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ text: "Bilag B Underdatabehandlere", heading: HeadingLevel.HEADING_2 }),
            new Paragraph({ children: [new TextRun({ text: "Godkendte underdatabehandlere:", bold: true })] }),
            new Table({
              rows: [
                new TableRow({
                  children: ["Navn", "Land"].map((t) => new TableCell({ children: [new Paragraph(t)] })),
                }),
                new TableRow({
                  children: ["Ærø Hosting ApS", "Danmark"].map((t) => new TableCell({ children: [new Paragraph(t)] })),
                }),
              ],
            }),
            new Paragraph({ text: "Slut.", alignment: AlignmentType.LEFT }),
          ],
        },
      ],
    });
    const d = await parseDocument({ bytes: await Packer.toBuffer(doc), fileName: "aftale.docx" });
    expect(d.format).toBe("docx");
    expect(blockTexts(d, "heading")).toEqual(["Bilag B Underdatabehandlere"]);
    expect(d.blocks.find((b) => d.text.slice(b.start, b.end) === "Godkendte underdatabehandlere:")!.bold).toBe(true);
    expect(cellTexts(d)).toEqual([
      ["Navn", "Land"],
      ["Ærø Hosting ApS", "Danmark"],
    ]);
  });

  test("a zip that is no Word document, named .docx: UNREADABLE_DOCX", async () => {
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0, 0]);
    await expect(parseDocument({ bytes: zip, fileName: "x.docx" })).rejects.toMatchObject({ code: "UNREADABLE_DOCX" });
  });
});

describe("PDF and plain text", () => {
  test("a PDF's paragraphs end at a short line; numbered headings are blocks of their own", async () => {
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    const page = pdf.addPage([595, 842]);
    const lines = [
      "10. Underretning om brud på persondatasikkerheden",
      "Databehandleren underretter uden unødig forsinkelse den dataansvarlige efter at være blevet",
      "opmærksom på, at der er sket et brud på persondatasikkerheden, og om muligt senest 24 timer.",
      "Kort linje.",
      "Næste afsnit begynder her og fylder mere end en halv linje på siden, så det er et nyt afsnit.",
    ];
    lines.forEach((l, i) => page.drawText(l, { x: 50, y: 780 - i * 16, size: 10, font }));
    const d = await parseDocument({ bytes: Buffer.from(await pdf.save()), fileName: "upload.bin", mediaType: null });
    expect(d.format).toBe("pdf");
    expect(blockTexts(d, "heading")).toEqual(["10. Underretning om brud på persondatasikkerheden"]);
    const paragraphs = blockTexts(d, "paragraph");
    expect(paragraphs[0]).toMatch(/^Databehandleren underretter[\s\S]*senest 24 timer\.\nKort linje\.$/);
    expect(paragraphs[1]).toMatch(/^Næste afsnit/);
  });

  test("plain text keeps every character: offsets into the upload are offsets into the text", async () => {
    const text = "Databehandleraftale\r\n\r\n1. Parterne\r\nTekst\tmed\ttab\r\n";
    const d = await parseDocument({ bytes: utf8(`\uFEFF${text}`), fileName: "a.txt" });
    expect(d.text).toBe(text.replace(/\r\n/g, "\n"));
    expect(cellTexts(d)).toEqual([["Tekst", "med", "tab"]]);
  });

  test("a declared PDF that is not one: UNREADABLE_PDF; an executable: UNSUPPORTED_FILE_TYPE", async () => {
    await expect(parseDocument({ bytes: utf8("no pdf"), fileName: "a.pdf" })).rejects.toMatchObject({
      code: "UNREADABLE_PDF",
    });
    const error = await parseDocument({ bytes: utf8("MZ"), fileName: "setup.exe" }).catch((e) => e);
    expect(error).toBeInstanceOf(DocumentReadError);
    expect(error.code).toBe("UNSUPPORTED_FILE_TYPE");
    expect(error.message).toMatch(/\.md or \.html/);
  });
});
