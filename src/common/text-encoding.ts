// The text of an uploaded file whose encoding nobody declared (a CSV register, a DPA as .txt, .md or .html).
// One rule for both importers: a byte order mark names the encoding; otherwise bytes that are valid UTF-8 are
// UTF-8, and any others are Windows-1252, what Danish Windows and Excel write ("Lønservice" saved by Notepad or
// as "CSV (semikolonsepareret)"). Read as UTF-8, such a file lost its "ø" and "æ" to U+FFFD, and with them
// words the importer reads: "Løn" and "Sygefravær" (salary, sick leave), a processor's name.

export type TextEncodingName = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "windows-1252";

/** The file's text and the encoding found, or null when the bytes are not text (NULs, many control characters). */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } | null {
  let text: string;
  let encoding: TextEncodingName;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    text = new TextDecoder("utf-8").decode(bytes.subarray(3));
    encoding = "utf-8-bom";
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = new TextDecoder("utf-16le").decode(bytes.subarray(2));
    encoding = "utf-16le";
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = new TextDecoder("utf-16be").decode(bytes.subarray(2));
    encoding = "utf-16be";
  } else {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      encoding = "utf-8";
    } catch {
      text = windows1252(bytes);
      encoding = "windows-1252";
    }
  }
  // Text has no NUL and few control characters; a binary file has many.
  const sample = text.slice(0, 8192);
  // eslint-disable-next-line no-control-regex -- control characters are what this counts
  const controls = (sample.match(/[\u0000-\u0008\u000e-\u001f]/g) ?? []).length;
  if (sample.includes("\u0000") || controls > sample.length / 100) return null;
  return { text, encoding };
}

/**
 * Windows-1252 as the WHATWG Encoding Standard reads it. Node's TextDecoder("windows-1252") reads bytes 0x80–0x9F as
 * ISO-8859-1 does (C1 controls), so the en dashes, curly quotes and ellipses Word and Excel write came back as
 * control characters.
 */
function windows1252(bytes: Uint8Array): string {
  let text = "";
  for (let from = 0; from < bytes.length; from += 8192)
    text += String.fromCharCode(...bytes.subarray(from, from + 8192)).replace(/[\u0080-\u009f]/g, (c) => C1[c] ?? c);
  return text;
}
/** The characters of Windows-1252's bytes 0x80–0x9F (0x81, 0x8D, 0x8F, 0x90 and 0x9D are unassigned: kept). */
const C1: Record<string, string> = Object.fromEntries(
  Object.entries({
    0x80: "\u20ac",
    0x82: "\u201a",
    0x83: "\u0192",
    0x84: "\u201e",
    0x85: "\u2026",
    0x86: "\u2020",
    0x87: "\u2021",
    0x88: "\u02c6",
    0x89: "\u2030",
    0x8a: "\u0160",
    0x8b: "\u2039",
    0x8c: "\u0152",
    0x8e: "\u017d",
    0x91: "\u2018",
    0x92: "\u2019",
    0x93: "\u201c",
    0x94: "\u201d",
    0x95: "\u2022",
    0x96: "\u2013",
    0x97: "\u2014",
    0x98: "\u02dc",
    0x99: "\u2122",
    0x9a: "\u0161",
    0x9b: "\u203a",
    0x9c: "\u0153",
    0x9e: "\u017e",
    0x9f: "\u0178",
  }).map(([byte, c]) => [String.fromCharCode(Number(byte)), c]),
);
