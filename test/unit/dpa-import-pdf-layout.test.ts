// A PDF's text laid out from the positions of its runs (pdf.ts), on runs as pdf.js reports them, and on
// a PDF built here with pdf-lib: lines by baseline, tab stops, wrapped lines joined, paragraph gaps, running
// heads and feet and page numbers left out.
import { PDFDocument, StandardFonts } from "pdf-lib";
import { parseDocument } from "../../src/modules/dpa-import/document-text";
import { layoutText } from "../../src/modules/dpa-import/extract/parse/pdf";
import { execFileSync } from "node:child_process";
import path from "node:path";

/** A run of 10-point text at (x, y), about 5 points a character (Helvetica's average). */
const run = (str: string, x: number, y: number, width = str.length * 5) => ({
  str,
  transform: [10, 0, 0, 10, x, y],
  width,
  height: 10,
});

test("runs on one baseline make a line in order across the page; a wide gap is a tab stop", () => {
  const text = layoutText([
    [
      run("Databehandleren anvender følgende underdatabehandlere, som den dataansvarlige har godkendt:", 50, 728, 495),
      run("Underdatabehandler", 50, 700),
      run("Land", 300, 700),
      run("Amazon Web Services EMEA SARL", 50, 686),
      run("Irland", 300, 686.4),
      run("CVR", 50, 672),
      run("41183527", 72, 672),
    ],
  ]);
  expect(text.split("\n").slice(2)).toEqual([
    "Underdatabehandler\tLand",
    "Amazon Web Services EMEA SARL\tIrland",
    "CVR 41183527",
  ]);
});

test("a wrapped line is joined with the next; a gap wider than the line spacing is a paragraph break", () => {
  const full = "Databehandleren skal uden unødig forsinkelse underrette den dataansvarlige om brud på";
  const text = layoutText([
    [
      run("10. Underretning om brud på persondatasikkerheden", 50, 760),
      run(full, 50, 732, 495),
      run("persondatasikkerheden, senest 24 timer efter.", 50, 718),
      run("1. Næste punkt begynder her.", 50, 704, 495),
      run("2. Og et punkt til.", 50, 690),
    ],
  ]);
  expect(text.split("\n")).toEqual([
    "10. Underretning om brud på persondatasikkerheden",
    "",
    `${full} persondatasikkerheden, senest 24 timer efter.`,
    "1. Næste punkt begynder her.",
    "2. Og et punkt til.",
  ]);
});

test("running heads, feet and page numbers are left out; a paragraph runs on over the page break", () => {
  const page = (n: number, body: ReturnType<typeof run>[]) => [
    run("Databehandleraftale – Capturi A/S", 50, 810),
    ...body,
    run(`Side ${n} af 3`, 270, 30),
  ];
  const text = layoutText([
    page(1, [run("Databehandleraftale", 50, 760), run("Denne aftale gælder for behandlingen af", 50, 100, 495)]),
    page(2, [run("personoplysninger på vegne af den dataansvarlige.", 50, 780)]),
    page(3, [run("Bilag A Oplysninger om behandlingen", 50, 780)]),
  ]);
  expect(text).toBe(
    "Databehandleraftale\n\n" +
      "Denne aftale gælder for behandlingen af personoplysninger på vegne af den dataansvarlige.\n" +
      "Bilag A Oplysninger om behandlingen",
  );
});

test("a PDF built with tab stops and a running foot reads as its text", async () => {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= 2; n++) {
    const p = pdf.addPage([595, 842]);
    p.drawText(n === 1 ? "Bilag B Underdatabehandlere" : "C.7 Procedurer for revisioner", {
      x: 50,
      y: 780,
      font,
      size: 10,
    });
    p.drawText("Navn", { x: 50, y: 752, font, size: 10 });
    p.drawText("Land", { x: 300, y: 752, font, size: 10 });
    p.drawText(`Side ${n} af 2`, { x: 270, y: 30, font, size: 9 });
  }
  const parsed = await parseDocument({ bytes: await pdf.save(), fileName: "dpa.pdf" });
  expect(parsed.text).toBe("Bilag B Underdatabehandlere\n\nNavn\tLand\nC.7 Procedurer for revisioner\n\nNavn\tLand");
  expect(parsed.blocks.filter((b) => b.kind === "tableRow").map((b) => b.cells?.length)).toEqual([2, 2]);
});

// pdf-parse and the pdf.js worker bundle core-js, which replaced Array.prototype.push process-wide with a
// slower JavaScript one. Outside jest's sandbox (which keeps its own built-ins): pdf.ts loaded, a PDF read.
test("reading a PDF leaves the engine's own Array.prototype.push in place", () => {
  const script = `
    const native = Array.prototype.push;
    const { pdfText } = require("./src/modules/dpa-import/extract/parse/pdf");
    const loaded = Array.prototype.push === native;
    pdfText(new Uint8Array([37, 80, 68, 70])).catch(() => undefined).then(() =>
      console.log(JSON.stringify({ loaded, read: Array.prototype.push === native })));`;
  const out = execFileSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], {
    cwd: path.resolve(__dirname, "../.."),
    encoding: "utf8",
  });
  expect(JSON.parse(out.trim().split("\n").pop()!)).toEqual({ loaded: true, read: true });
}, 60_000);
