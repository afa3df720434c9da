// The reader's guards on their own (no worker, no server): what they count and where they stop. The
// bombs over HTTP are test/e2e/document-bombs.test.ts.
import zlib from "node:zlib";
import * as bombs from "../helpers/bombs";
import { DEFAULT_DOCUMENT_LIMITS, DocumentTooComplex } from "../../src/modules/dpa-import/reader/limits";
import { checkPdf, countOperators } from "../../src/modules/dpa-import/reader/pdf-guard";
import { checkZip } from "../../src/modules/dpa-import/reader/zip-guard";
import { readWithinLimits } from "../../src/modules/dpa-import/reader/guarded";

const limits = DEFAULT_DOCUMENT_LIMITS;
const limitOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof DocumentTooComplex ? e.limit : (e as Error).name;
  }
  return null;
};
const limitOfAsync = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e) => (e instanceof DocumentTooComplex ? e.limit : (e as Error).name),
  );

describe("PDF operators", () => {
  test("operands (numbers, strings, names, arrays, dictionaries) and comments are not operators", () => {
    expect(countOperators(Buffer.from("BT /F1 11 Tf 72 720 Td (a (nested) \\) b) Tj [(x) 10 (y)] TJ ET"))).toBe(6);
    expect(countOperators(Buffer.from("% a comment Tj Tj\nq 1 0 0 1 0 0 cm <48656c6c6f> Tj << /MCID 0 >> BDC Q"))).toBe(
      5,
    );
    // Inline image data is skipped whatever it holds.
    expect(countOperators(Buffer.from("BI /W 1 /H 1 ID Tj Tj Tj EI Q"))).toBe(4);
  });

  test("a content stream drawn by many pages counts once per page (5 operators a page here)", () => {
    expect(limitOf(() => checkPdf(bombs.sharedStreamPdf(900), limits))).toBeNull();
    expect(limitOf(() => checkPdf(bombs.sharedStreamPdf(900), { ...limits, maxOperators: 900 * 5 - 1 }))).toBe(
      "operators",
    );
  });

  test("pages: counted page objects, or the largest /Count a page tree claims", () => {
    expect(limitOf(() => checkPdf(bombs.sharedStreamPdf(1001), limits))).toBe("pages");
    const lying = bombs.pdf([
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 5000 >>",
      "<< /Type /Page /Parent 2 0 R >>",
    ]);
    expect(limitOf(() => checkPdf(lying, limits))).toBe("pages");
  });

  test("Flate streams inflate against one budget for the whole file", () => {
    const content = Buffer.from("BT (x) Tj ET\n".repeat(100_000));
    const one = bombs.onePagePdf(zlib.deflateSync(content), true);
    expect(limitOf(() => checkPdf(one, limits))).toBeNull();
    expect(limitOf(() => checkPdf(one, { ...limits, maxInflatedBytes: content.length - 1 }))).toBe("inflatedSize");
  });
});

describe("Word files (zip)", () => {
  const ordinary = bombs.plainDocx(["Databehandleraftale", "The processor processes personal data."]);

  test("an ordinary Word file passes; its bytes are counted, not kept", async () => {
    await expect(checkZip(ordinary, limits)).resolves.toBeUndefined();
  });

  test("each limit, one at a time", async () => {
    expect(await limitOfAsync(checkZip(ordinary, { ...limits, maxInflatedBytes: 100 }))).toBe("inflatedSize");
    expect(await limitOfAsync(checkZip(ordinary, { ...limits, maxZipEntries: 2 }))).toBe("zipEntries");
    const zeros = bombs.docx({ name: "word/document.xml", data: Buffer.alloc(2 * 1024 * 1024) });
    expect(await limitOfAsync(checkZip(zeros, limits))).toBe("compressionRatio");
    expect(await limitOfAsync(checkZip(zeros, { ...limits, maxCompressionRatio: 100_000 }))).toBeNull();
  });

  test("not a zip at all: UNREADABLE_DOCX in the project's words", async () => {
    await expect(checkZip(Buffer.from("PK\x03\x04 and nothing else"), limits)).rejects.toMatchObject({
      code: "UNREADABLE_DOCX",
      message: expect.stringContaining("not an intact zip archive"),
    });
  });
});

describe("text", () => {
  test("text over the limit is refused before it is parsed; within it, read as before", async () => {
    const small = { ...limits, maxTextChars: 1000 };
    const text = Buffer.from("The processor processes personal data. ".repeat(200));
    expect(await limitOfAsync(readWithinLimits({ bytes: text, fileName: "a.txt" }, small))).toBe("textLength");
    const parsed = await readWithinLimits({ bytes: text.subarray(0, 900), fileName: "a.txt" }, small);
    expect(parsed.text.length).toBeLessThanOrEqual(900);
  });

  // markdown-it stopped at 100 levels and left the rest out: a DPA 200 blockquotes deep was EMPTY_DOCUMENT.
  test("Markdown 200 blockquotes deep is read; past the HTML reader's depth it is refused (nesting)", async () => {
    const words = "Databehandleraftale mellem Kommunen og Leverandør ApS om behandling af personoplysninger.";
    const deep = (n: number) => Buffer.from(`# Aftale\n\n${">".repeat(n)} ${words}\n\n**Parter:** to\n`);
    const parsed = await readWithinLimits({ bytes: deep(200), fileName: "dpa.md" }, limits);
    expect(parsed.text).toContain("Leverandør ApS om behandling");
    expect(await limitOfAsync(readWithinLimits({ bytes: deep(1000), fileName: "dpa.md" }, limits))).toBe("nesting");
  });
});
