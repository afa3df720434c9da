// Pure rules for evidence files: hashes, dates, file names, media types and download headers.
// No database, no HTTP objects: unit-tested in test/unit/evidence-rules.test.ts.
import { toGlobalId } from "../../common/global-id";

/** A SHA-256 written as 64 hexadecimal characters (either case). */
export const SHA256_HEX = /^[0-9a-fA-F]{64}$/;

export function isSha256Hex(value: unknown): value is string {
  return typeof value === "string" && SHA256_HEX.test(value);
}

/** Whether a string is a real calendar date written YYYY-MM-DD (2025-02-30 is not). */
export function isLocalDate(value: unknown): value is string {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split("-").map(Number);
  if (y < 1) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Whether a string is an absolute http(s) URL with a host. */
export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== "string" || value.length > 2000) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
  } catch {
    return false;
  }
}

export const DEFAULT_MEDIA_TYPE = "application/octet-stream";
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

/**
 * A media type as "type/subtype" in lower case (RFC 6838 characters, parameters dropped); anything
 * else, or nothing, is application/octet-stream. What is stored is what the download later sends
 * as Content-Type, so it must never carry header-breaking characters.
 */
export function normalizeMediaType(raw: string | null | undefined): string {
  const value = (raw ?? "").split(";")[0].trim().toLowerCase();
  return MEDIA_TYPE.test(value) ? value : DEFAULT_MEDIA_TYPE;
}

/** Whether a declared media type is acceptable as given (for registerExternalEvidence). */
export function isMediaType(raw: unknown): boolean {
  return typeof raw === "string" && MEDIA_TYPE.test(raw.trim().toLowerCase());
}

export const MAX_FILE_NAME = 300;

/**
 * The base name of an uploaded file: no directories (either slash), no control characters,
 * trimmed, at most 300 characters (code points) keeping a short extension. Null when nothing is left.
 */
export function safeFileName(raw: string | null | undefined, max = MAX_FILE_NAME): string | null {
  if (!raw) return null;
  const base = raw.split(/[\\/]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f-\u009f]/g, "").trim();
  if (!clean || clean === "." || clean === "..") return null;
  const chars = Array.from(clean);
  if (chars.length <= max) return clean;
  const dot = clean.lastIndexOf(".");
  const ext = dot > 0 ? Array.from(clean.slice(dot)) : [];
  if (ext.length > 1 && ext.length <= 20) return [...chars.slice(0, max - ext.length), ...ext].join("");
  return chars.slice(0, max).join("");
}

/** RFC 8187 (ext-value) percent-encoding: only attr-chars stay as they are. */
export function encodeRfc8187(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `attachment; filename*=UTF-8''<encoded>`: safe for any file name, quotes, semicolons and non-ASCII included. */
export function contentDisposition(fileName: string | null, fallback: string): string {
  return `attachment; filename*=UTF-8''${encodeRfc8187(safeFileName(fileName) ?? fallback)}`;
}

/** The RFC 3230 Digest header value for a SHA-256 given in hex. */
export function digestHeader(sha256Hex: string): string {
  return `sha-256=${Buffer.from(sha256Hex, "hex").toString("base64")}`;
}

/** Slices of at most `size` bytes, as views on the buffer (nothing is copied). */
export function* slices(buffer: Buffer, size = 64 * 1024): Generator<Buffer> {
  for (let offset = 0; offset < buffer.length; offset += size) yield buffer.subarray(offset, offset + size);
}

/** Path of the download endpoint: DATABASE evidence only (EXTERNAL evidence is fetched from its URI). */
export function downloadPathOf(e: { id: string; storage: string }): string | null {
  return e.storage === "DATABASE" ? `/evidence/${toGlobalId("Evidence", e.id)}/content` : null;
}
