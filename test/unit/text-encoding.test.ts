// Files whose encoding nobody declared: a DPA saved by Windows' Notepad or Word as "Text (Windows)" is Windows-1252,
// one saved as "Unicode" is UTF-16 with a byte order mark. Read as UTF-8 they lost every "æ", "ø" and "å" (the
// processor's name came back "Sydlys L\uFFFDnservice ApS" and "Løn" and "Sygefravær", salary and sick leave, were not
// read), or were refused as not text. Each is read as the same text as the UTF-8 file, so the draft is the same.
import fs from "node:fs";
import path from "node:path";
import { decodeText } from "../../src/common/text-encoding";
import { extractAgreementDraft } from "../../src/modules/dpa-import/extract";
import { formatOf, parseDocument } from "../../src/modules/dpa-import/extract/parse";

/**
 * Windows-1252 bytes of a text: Latin-1 below U+0100, and for the rest the byte decodeText reads as that character
 * (those 27 are checked against Python's cp1252 codec in the first test).
 */
function windows1252(text: string): Buffer {
  const byteOf = new Map<string, number>();
  for (let b = 0x80; b < 0xa0; b++) byteOf.set(decodeText(Uint8Array.of(0xff, b))!.text.slice(1), b);
  return Buffer.from([...text].map((c) => (c.charCodeAt(0) < 0x100 ? c.charCodeAt(0) : (byteOf.get(c) ?? 0x3f))));
}
const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
const utf16be = (text: string) => utf16le(text).swap16();
const utf8Bom = (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);

test("decodeText: a byte order mark names the encoding; else UTF-8 if the bytes are UTF-8, else Windows-1252", () => {
  const text = "Databehandleren: Sydlys Lønservice ApS – “løn” og sygefravær, 24 timer…";
  expect(decodeText(Buffer.from(text, "utf8"))).toEqual({ text, encoding: "utf-8" });
  expect(decodeText(utf8Bom(text))).toEqual({ text, encoding: "utf-8-bom" });
  expect(decodeText(utf16le(text))).toEqual({ text, encoding: "utf-16le" });
  expect(decodeText(utf16be(text))).toEqual({ text, encoding: "utf-16be" });
  expect(decodeText(windows1252(text))).toEqual({ text, encoding: "windows-1252" });
  // Bytes 0x80–0x9F as Windows writes them (Python's "…".encode("cp1252")): Node's own TextDecoder reads them as C1
  // control characters.
  const all = "– “løn” … € ‚ƒ„†‡ˆ‰Š‹ŒŽ‘’•—˜™š›œžŸ";
  const cp1252 = Buffer.from("9620936cf86e942085208020828384868788898a8b8c8e9192959798999a9b9c9e9f", "hex");
  expect(decodeText(cp1252)).toEqual({ text: all, encoding: "windows-1252" });
  expect(windows1252(all)).toEqual(cp1252);
  // Not text: NULs or control characters (a binary file).
  expect(decodeText(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3]))).toBeNull();
});

const processorOf = (draft: ReturnType<typeof extractAgreementDraft>) =>
  draft.parties.find((p) => p.role === "PROCESSOR")?.name?.value;

describe("a DPA as text in each encoding reads as the UTF-8 file does", () => {
  const seed = fs.readFileSync(path.join(__dirname, "..", "..", "seeds", "dpas", "e-sg-cloud-dpa.da.txt"), "utf8");
  const made = [
    "DATABEHANDLERAFTALE",
    "",
    "mellem",
    "",
    "Fjordby Kommune, CVR-nr. 29189854 (den dataansvarlige)",
    "",
    "og",
    "",
    "Sydlys Lønservice ApS",
    "CVR-nr. 36543210",
    "Ørstedsgade 12, 8000 Aarhus C",
    "(databehandleren)",
    "",
    "Databehandleren behandler følgende typer personoplysninger: navn, CPR-nummer, løn, sygefravær og " +
      "helbredsoplysninger om ansatte.",
    "",
    "Databehandleren underretter den dataansvarlige uden unødig forsinkelse og senest 24 timer efter at være " +
      "blevet opmærksom på et brud på persondatasikkerheden.",
    "",
  ].join("\n");
  for (const [name, text] of [
    ["a seed DPA", seed],
    ["a made-up payroll DPA", made],
  ] as const) {
    test(name, async () => {
      const expected = extractAgreementDraft(
        await parseDocument({ bytes: Buffer.from(text, "utf8"), fileName: "a.txt" }),
      );
      expect(processorOf(expected)).toMatch(/ApS|A\/S/);
      expect(expected.dataCategories.length).toBeGreaterThan(0);
      for (const [encoding, bytes] of [
        ["windows-1252", windows1252(text)],
        ["UTF-16 LE with its BOM", utf16le(text)],
        ["UTF-16 BE with its BOM", utf16be(text)],
        ["UTF-8 with its BOM", utf8Bom(text)],
      ] as const) {
        for (const fileName of ["dpa.txt", "dpa.md"]) {
          expect([encoding, formatOf({ bytes, fileName })]).toEqual([
            encoding,
            fileName.endsWith(".md") ? "markdown" : "text",
          ]);
          const parsed = await parseDocument({ bytes, fileName });
          if (fileName === "dpa.txt") expect(parsed.text).toBe(expected.text);
          const draft = extractAgreementDraft(parsed);
          expect([encoding, fileName, processorOf(draft)]).toEqual([encoding, fileName, processorOf(expected)]);
          expect(draft.dataCategories.map((c) => c.value)).toEqual(expected.dataCategories.map((c) => c.value));
        }
      }
    });
  }
});
