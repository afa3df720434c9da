// Pure rules behind evidence uploads and downloads: hashes, dates, URLs, media types, file names, headers.
import { createHash } from "node:crypto";
import {
  contentDisposition,
  digestHeader,
  downloadPathOf,
  encodeRfc8187,
  isHttpUrl,
  isLocalDate,
  isMediaType,
  isSha256Hex,
  normalizeMediaType,
  safeFileName,
  slices,
} from "../../src/modules/evidence/evidence.rules";
import { toGlobalId } from "../../src/common/global-id";

test("a SHA-256 is 64 hexadecimal characters in either case", () => {
  expect(isSha256Hex("a".repeat(64))).toBe(true);
  expect(isSha256Hex("AbC0".repeat(16))).toBe(true);
  expect(isSha256Hex("a".repeat(63))).toBe(false);
  expect(isSha256Hex("a".repeat(65))).toBe(false);
  expect(isSha256Hex("g".repeat(64))).toBe(false);
  expect(isSha256Hex(` ${"a".repeat(63)}`)).toBe(false);
  expect(isSha256Hex(null)).toBe(false);
});

test("local dates must exist in the calendar", () => {
  expect(isLocalDate("2024-02-29")).toBe(true);
  expect(isLocalDate("2023-02-29")).toBe(false);
  expect(isLocalDate("2024-13-01")).toBe(false);
  expect(isLocalDate("2024-1-01")).toBe(false);
  expect(isLocalDate("2024-01-01T00:00:00Z")).toBe(false);
  expect(isLocalDate("0000-01-01")).toBe(false);
});

test("only absolute http(s) URLs are accepted", () => {
  expect(isHttpUrl("https://trust.example.com/report.pdf")).toBe(true);
  expect(isHttpUrl("http://10.0.0.1:8080/x")).toBe(true);
  expect(isHttpUrl("ftp://example.com/x")).toBe(false);
  expect(isHttpUrl("javascript:alert(1)")).toBe(false);
  expect(isHttpUrl("/relative/path")).toBe(false);
  expect(isHttpUrl(`https://example.com/${"a".repeat(2000)}`)).toBe(false);
});

test("media types are type/subtype in lower case; anything else is application/octet-stream", () => {
  expect(normalizeMediaType("application/pdf")).toBe("application/pdf");
  expect(normalizeMediaType("Text/Plain; charset=utf-8")).toBe("text/plain");
  expect(normalizeMediaType("application/vnd.openxmlformats-officedocument.wordprocessingml.document")).toBe(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  );
  expect(normalizeMediaType(undefined)).toBe("application/octet-stream");
  expect(normalizeMediaType("pdf")).toBe("application/octet-stream");
  expect(normalizeMediaType("text/html\r\nSet-Cookie: x=1")).toBe("application/octet-stream");
  expect(isMediaType("image/png")).toBe(true);
  expect(isMediaType("image png")).toBe(false);
});

test("file names keep the base name only, without control characters, at most 300 characters", () => {
  expect(safeFileName("C:\\Users\\dpo\\Documents\\DPA.pdf")).toBe("DPA.pdf");
  expect(safeFileName("../../etc/passwd")).toBe("passwd");
  expect(safeFileName("a\u0000b\r\nc.pdf")).toBe("abc.pdf");
  expect(safeFileName("  ")).toBeNull();
  expect(safeFileName("..")).toBeNull();
  expect(safeFileName(undefined)).toBeNull();
  const long = safeFileName(`${"æ".repeat(400)}.pdf`)!;
  expect(Array.from(long)).toHaveLength(300);
  expect(long.endsWith(".pdf")).toBe(true);
  // Astral characters are counted (and cut) as whole characters.
  expect(Array.from(safeFileName("😀".repeat(301))!)).toHaveLength(300);
});

test("Content-Disposition uses RFC 8187 encoding, safe for quotes, semicolons and non-ASCII", () => {
  expect(encodeRfc8187("a b'(c)*.pdf")).toBe("a%20b%27%28c%29%2A.pdf");
  const header = contentDisposition('Aftale "endelig"; ærø.pdf', "fallback");
  expect(header).toBe("attachment; filename*=UTF-8''Aftale%20%22endelig%22%3B%20%C3%A6r%C3%B8.pdf");
  expect(decodeURIComponent(header.split("''")[1])).toBe('Aftale "endelig"; ærø.pdf');
  expect(contentDisposition(null, "evidence-1")).toBe("attachment; filename*=UTF-8''evidence-1");
  expect(contentDisposition("x\r\nSet-Cookie: a=b", "f")).not.toMatch(/[\r\n]/);
});

test("the Digest header is the base64 of the SHA-256", () => {
  const bytes = Buffer.from("evidence");
  const hex = createHash("sha256").update(bytes).digest("hex");
  expect(digestHeader(hex)).toBe(`sha-256=${createHash("sha256").update(bytes).digest("base64")}`);
});

test("content goes out in 64 KiB slices that add up to the whole", () => {
  const buffer = Buffer.alloc(64 * 1024 * 2 + 5, 7);
  const parts = [...slices(buffer)];
  expect(parts.map((p) => p.length)).toEqual([65536, 65536, 5]);
  expect(Buffer.concat(parts).equals(buffer)).toBe(true);
  expect([...slices(Buffer.alloc(0))]).toEqual([]);
});

test("only DATABASE evidence has a download path", () => {
  const id = "5f0c6f1e-3a59-4f3e-8f43-1d2a3b4c5d6e";
  expect(downloadPathOf({ id, storage: "DATABASE" })).toBe(`/evidence/${toGlobalId("Evidence", id)}/content`);
  expect(downloadPathOf({ id, storage: "EXTERNAL" })).toBeNull();
});
