// A PDF is weighed before pdf.js reads it: every object is found in the raw bytes (and in object
// streams), every Flate stream inflated against one budget (maxInflatedBytes for the whole file), the
// pages counted (objects of /Type /Page, and the largest /Count a page tree claims), and the operators
// of each content stream counted once per page that draws it (thirty thousand pages sharing one stream
// cost thirty thousand times that stream). What this scan cannot see (filters other than Flate, streams
// reached only through a broken cross-reference table) is left to the worker's memory cap and timeout.
import zlib from "node:zlib";
import { tooComplex, type DocumentLimits } from "./limits";

interface Budget {
  left: number;
}

interface Scan {
  /** Object number → the object's text (dictionary, or the dictionary before its stream). */
  dicts: Map<number, string>;
  /** Object number → operators in the stream's decoded content (streams that could be decoded). */
  operators: Map<number, number>;
}

const OBJECT = /(\d+)\s+(\d+)\s+obj\b/g;
const BODY_END = /endobj|stream/g;
const FILTERS = /\/Filter\s*(\/[A-Za-z0-9]+|\[[^\]]*\])/;
const PAGE = /\/Type\s*\/Page(?![A-Za-z])/;
const PAGES_COUNT = /\/Type\s*\/Pages\b[\s\S]*?\/Count\s+(\d+)|\/Count\s+(\d+)[\s\S]*?\/Type\s*\/Pages\b/;
const CONTENTS = /\/Contents\s*(?:(\d+)\s+\d+\s+R|\[([^\]]*)\])/;
const FORM = /\/Subtype\s*\/Form\b/;
const IMAGE = /\/Subtype\s*\/Image\b/;

export function checkPdf(bytes: Uint8Array, limits: DocumentLimits): void {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const scan: Scan = { dicts: new Map(), operators: new Map() };
  const budget: Budget = { left: limits.maxInflatedBytes };
  scanObjects(buffer, scan, budget, limits);

  let pages = 0;
  let claimed = 0;
  const drawnBy = new Map<number, number>();
  for (const dict of scan.dicts.values()) {
    const count = PAGES_COUNT.exec(dict);
    if (count) claimed = Math.max(claimed, Number(count[1] ?? count[2]));
    else if (PAGE.test(dict)) {
      pages += 1;
      const contents = CONTENTS.exec(dict);
      const refs = contents?.[1]
        ? [contents[1]]
        : [...(contents?.[2] ?? "").matchAll(/(\d+)\s+\d+\s+R/g)].map((r) => r[1]);
      for (const ref of refs) drawnBy.set(Number(ref), (drawnBy.get(Number(ref)) ?? 0) + 1);
    }
  }
  if (Math.max(pages, claimed) > limits.maxPages) throw tooComplex("pages", limits);

  let operators = 0;
  for (const [num, count] of scan.operators) {
    const times = drawnBy.get(num) ?? (FORM.test(scan.dicts.get(num) ?? "") ? 1 : 0);
    operators += count * times;
    if (operators > limits.maxOperators) throw tooComplex("operators", limits);
  }
}

function scanObjects(buffer: Buffer, scan: Scan, budget: Budget, limits: DocumentLimits): void {
  const source = buffer.toString("latin1");
  const objects = new RegExp(OBJECT.source, "g");
  let m: RegExpExecArray | null;
  while ((m = objects.exec(source))) {
    const num = Number(m[1]);
    const start = m.index + m[0].length;
    // The object's end or its stream, whichever comes first (one pass over the object, not the file).
    BODY_END.lastIndex = start;
    const end = BODY_END.exec(source);
    if (!end || end[0] === "endobj") {
      const stop = end ? end.index : source.length;
      scan.dicts.set(num, source.slice(start, stop));
      objects.lastIndex = stop;
      continue;
    }
    const keyword = end.index;
    const dict = source.slice(start, keyword);
    scan.dicts.set(num, dict);
    let dataStart = keyword + 6;
    if (source[dataStart] === "\r") dataStart += 1;
    if (source[dataStart] === "\n") dataStart += 1;
    const dataEnd = streamEnd(source, dict, dataStart);
    objects.lastIndex = dataEnd;
    const decoded = decode(buffer.subarray(dataStart, dataEnd), dict, budget, limits);
    if (!decoded || IMAGE.test(dict)) continue;
    if (/\/Type\s*\/ObjStm\b/.test(dict)) readObjectStream(decoded, dict, scan);
    else scan.operators.set(num, countOperators(decoded));
  }
}

/** Where a stream's data ends: its direct /Length when "endstream" follows it, else the next "endstream". */
function streamEnd(source: string, dict: string, dataStart: number): number {
  const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
  if (length) {
    const end = dataStart + Number(length[1]);
    if (/^\s*endstream/.test(source.slice(end, end + 20))) return end;
  }
  const found = source.indexOf("endstream", dataStart);
  return found < 0 ? source.length : found;
}

/** A stream's content after its filters, counted against the budget; null when it cannot be decoded here. */
function decode(raw: Buffer, dict: string, budget: Budget, limits: DocumentLimits): Buffer | null {
  const names = (FILTERS.exec(dict)?.[1].match(/\/[A-Za-z0-9]+/g) ?? []).map((n) => n.slice(1));
  let data = raw;
  for (const name of names) {
    if (name === "FlateDecode" || name === "Fl") data = inflate(data, budget, limits);
    else if (name === "ASCIIHexDecode" || name === "AHx")
      data = Buffer.from(data.toString("latin1").replace(/[^0-9a-fA-F]/g, ""), "hex");
    else return null;
  }
  return data;
}

function inflate(data: Buffer, budget: Budget, limits: DocumentLimits): Buffer {
  let out: Buffer;
  try {
    out = zlib.inflateSync(data, {
      maxOutputLength: Math.max(1, budget.left + 1),
      finishFlush: zlib.constants.Z_SYNC_FLUSH,
    });
  } catch (e) {
    if ((e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw tooComplex("inflatedSize", limits);
    // A damaged stream is pdf.js's to judge.
    return Buffer.alloc(0);
  }
  budget.left -= out.length;
  if (budget.left < 0) throw tooComplex("inflatedSize", limits);
  return out;
}

/** The objects inside an object stream: "num offset" pairs, then the objects from /First on. */
function readObjectStream(decoded: Buffer, dict: string, scan: Scan): void {
  const n = Number(/\/N\s+(\d+)/.exec(dict)?.[1] ?? 0);
  const first = Number(/\/First\s+(\d+)/.exec(dict)?.[1] ?? 0);
  const text = decoded.toString("latin1");
  const header = text.slice(0, first).trim().split(/\s+/).map(Number);
  for (let i = 0; i < n && 2 * i + 1 < header.length; i += 1) {
    const start = first + header[2 * i + 1];
    const end = 2 * i + 3 < header.length ? first + header[2 * i + 3] : text.length;
    scan.dicts.set(header[2 * i], text.slice(start, end));
  }
}

const isDelimiter = (c: number) =>
  c <= 0x20 ||
  c === 0x28 ||
  c === 0x29 ||
  c === 0x3c ||
  c === 0x3e ||
  c === 0x5b ||
  c === 0x5d ||
  c === 0x7b ||
  c === 0x7d ||
  c === 0x2f ||
  c === 0x25;

/** Operators of a content stream: the tokens that are not operands (numbers, strings, names, arrays) or comments. */
export function countOperators(b: Buffer): number {
  let n = 0;
  let i = 0;
  const len = b.length;
  while (i < len) {
    const c = b[i];
    if (c <= 0x20 || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x3e) {
      i += 1;
    } else if (c === 0x28) {
      // (string), with nesting and escapes
      let depth = 1;
      i += 1;
      while (i < len && depth > 0) {
        const d = b[i];
        if (d === 0x5c) i += 2;
        else {
          if (d === 0x28) depth += 1;
          else if (d === 0x29) depth -= 1;
          i += 1;
        }
      }
    } else if (c === 0x3c) {
      if (b[i + 1] === 0x3c) i += 2;
      else {
        const close = b.indexOf(0x3e, i);
        i = close < 0 ? len : close + 1;
      }
    } else if (c === 0x25) {
      while (i < len && b[i] !== 0x0a && b[i] !== 0x0d) i += 1;
    } else if (c === 0x2f) {
      i += 1;
      while (i < len && !isDelimiter(b[i])) i += 1;
    } else {
      const start = i;
      while (i < len && !isDelimiter(b[i])) i += 1;
      if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) continue;
      n += 1;
      // An inline image's data runs from ID to EI.
      if (i - start === 2 && c === 0x49 && b[start + 1] === 0x44) {
        const end = b.indexOf("EI", i, "latin1");
        i = end < 0 ? len : end;
      }
    }
  }
  return n;
}
