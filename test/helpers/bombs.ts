// Hostile documents, built at test time byte by byte (zip archives and PDFs written here, compressed with
// node:zlib), as an attacker with an ordinary key would send them to POST /imports/agreement.
import zlib from "node:zlib";

// ── zip ──────────────────────────────────────────────────────────────────────────────────────────────

export interface ZipPart {
  name: string;
  /** The content (deflated here unless stored). */
  data?: Buffer;
  /** Already deflated bytes (raw deflate) and the true size, for entries too large to hold inflated. */
  deflated?: { bytes: Buffer; size: number; crc: number };
  /** Store uncompressed (method 0). */
  stored?: boolean;
  /** A size to write into the headers instead of the true one (a lying archive). */
  declaredSize?: number;
}

/** A zip archive of the parts; `repeat` writes extra central-directory records for the last part's bytes. */
export function zip(parts: ZipPart[], options: { overlapping?: number } = {}): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const records: { name: Buffer; crc: number; csize: number; usize: number; method: number; offset: number }[] = [];
  for (const part of parts) {
    const name = Buffer.from(part.name, "utf8");
    const method = part.stored ? 0 : 8;
    let body: Buffer;
    let crc: number;
    let size: number;
    if (part.deflated) ({ bytes: body, crc, size } = part.deflated);
    else {
      const data = part.data ?? Buffer.alloc(0);
      body = part.stored ? data : zlib.deflateRawSync(data, { level: 9 });
      crc = zlib.crc32(data);
      size = data.length;
    }
    const usize = part.declaredSize ?? size;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6);
    header.writeUInt16LE(method, 8);
    header.writeUInt32LE(crc >>> 0, 14);
    header.writeUInt32LE(body.length, 18);
    header.writeUInt32LE(usize, 22);
    header.writeUInt16LE(name.length, 26);
    locals.push(header, name, body);
    records.push({ name, crc, csize: body.length, usize, method, offset });
    offset += header.length + name.length + body.length;
  }
  // Overlapping entries: many central records pointing at the last local entry (a non-recursive zip bomb).
  const last = records[records.length - 1];
  for (let i = 0; i < (options.overlapping ?? 0); i += 1) records.push({ ...last });
  for (const r of records) {
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x0800, 8);
    c.writeUInt16LE(r.method, 10);
    c.writeUInt32LE(r.crc >>> 0, 16);
    c.writeUInt32LE(r.csize, 20);
    c.writeUInt32LE(r.usize, 24);
    c.writeUInt16LE(r.name.length, 28);
    c.writeUInt32LE(r.offset, 42);
    central.push(c, r.name);
  }
  const centralBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(records.length, 8);
  end.writeUInt16LE(records.length, 10);
  end.writeUInt32LE(centralBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralBytes, end]);
}

/** Deflates `size` bytes made by repeating `unit` (streamed, never held whole). */
export function deflateRepeated(unit: string | Buffer, size: number, raw = true): Promise<ZipPart["deflated"] & {}> {
  const chunk = Buffer.alloc(1024 * 1024);
  const pattern = Buffer.isBuffer(unit) ? unit : Buffer.from(unit, "latin1");
  for (let i = 0; i < chunk.length; i += 1) chunk[i] = pattern[i % pattern.length];
  return new Promise((resolve, reject) => {
    const deflate = raw ? zlib.createDeflateRaw({ level: 9 }) : zlib.createDeflate({ level: 9 });
    const out: Buffer[] = [];
    let crc = 0;
    deflate.on("data", (d: Buffer) => out.push(d));
    deflate.on("error", reject);
    deflate.on("end", () => resolve({ bytes: Buffer.concat(out), size, crc }));
    let left = size;
    const pump = () => {
      while (left > 0) {
        // Whole repetitions of the pattern per chunk, so the content stays one long repetition.
        const n = Math.min(left, chunk.length - (chunk.length % pattern.length));
        const piece = chunk.subarray(0, n);
        crc = zlib.crc32(piece, crc);
        left -= n;
        if (!deflate.write(piece)) return void deflate.once("drain", pump);
      }
      deflate.end();
    };
    pump();
  });
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ' +
  'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/' +
  'officeDocument" Target="word/document.xml"/></Relationships>';
const DOC_OPEN =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>';
const DOC_CLOSE = "</w:body></w:document>";
export const PARAGRAPH =
  "<w:p><w:r><w:t>The processor processes personal data only on documented instructions.</w:t></w:r></w:p>";

/** A Word file's parts around a document.xml (given whole, or deflated). */
export function docx(document: ZipPart, extra: ZipPart[] = []): Buffer {
  return zip([
    { name: "[Content_Types].xml", data: Buffer.from(CONTENT_TYPES) },
    { name: "_rels/.rels", data: Buffer.from(RELS) },
    { ...document, name: "word/document.xml" },
    ...extra,
  ]);
}

/** An ordinary Word file of `paragraphs` paragraphs (a data processing agreement's words). */
export function plainDocx(paragraphs: string[]): Buffer {
  const body = paragraphs.map((p) => `<w:p><w:r><w:t>${p}</w:t></w:r></w:p>`).join("");
  return docx({ name: "word/document.xml", data: Buffer.from(DOC_OPEN + body + DOC_CLOSE) });
}

/**
 * The Word bomb: a document.xml of `inflated` bytes of numbered paragraphs (numbers keep the
 * deflated size near the 147 KB for 50 MB).
 */
export async function docxBomb(inflated = 50 * 1024 * 1024): Promise<Buffer> {
  const unit = Buffer.from(PARAGRAPH.repeat(40));
  const size = inflated - DOC_OPEN.length - DOC_CLOSE.length;
  return docx({ name: "word/document.xml", deflated: await deflateWhole(DOC_OPEN, unit, size, DOC_CLOSE) });
}

/** One raw-deflate stream of head + `size` bytes of repeated unit + tail, with its CRC and size. */
export function deflateWhole(
  head: string,
  unit: Buffer,
  size: number,
  tail: string,
): Promise<{ bytes: Buffer; size: number; crc: number }> {
  return new Promise((resolve, reject) => {
    const deflate = zlib.createDeflateRaw({ level: 9 });
    const out: Buffer[] = [];
    let crc = 0;
    const write = (b: Buffer) => {
      crc = zlib.crc32(b, crc);
      return deflate.write(b);
    };
    deflate.on("data", (d: Buffer) => out.push(d));
    deflate.on("error", reject);
    const total = head.length + size + tail.length;
    deflate.on("end", () => resolve({ bytes: Buffer.concat(out), size: total, crc }));
    const chunk = Buffer.alloc(unit.length * Math.max(1, Math.floor((1024 * 1024) / unit.length)));
    for (let i = 0; i < chunk.length; i += unit.length) unit.copy(chunk, i);
    write(Buffer.from(head, "latin1"));
    let left = size;
    const pump = () => {
      while (left > 0) {
        const n = Math.min(left, chunk.length);
        left -= n;
        if (!write(chunk.subarray(0, n))) return void deflate.once("drain", pump);
      }
      write(Buffer.from(tail, "latin1"));
      deflate.end();
    };
    pump();
  });
}

// ── PDF ──────────────────────────────────────────────────────────────────────────────────────────────

/** A PDF of the given objects (1: catalog, 2: page tree are the caller's), with a correct xref table. */
export function pdf(objects: (string | Buffer)[]): Buffer {
  const parts: Buffer[] = [Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  let offset = parts[0].length;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(offset);
    const body = Buffer.isBuffer(o) ? o : Buffer.from(o, "latin1");
    const framed = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from("\nendobj\n")]);
    parts.push(framed);
    offset += framed.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`];
  for (const o of offsets) xref.push(`${String(o).padStart(10, "0")} 00000 n \n`);
  parts.push(
    Buffer.from(
      `${xref.join("")}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`,
      "latin1",
    ),
  );
  return Buffer.concat(parts);
}

const stream = (dict: string, data: Buffer) =>
  Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`), data, Buffer.from("\nendstream")]);

const FONT = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";
const RESOURCES = "/Resources << /Font << /F1 4 0 R >> >>";
const TEXT = "BT /F1 11 Tf 72 720 Td (The processor processes personal data only on documented instructions.) Tj ET";

/** `pages` pages that all draw the one content stream (object 3). */
export function sharedStreamPdf(pages: number): Buffer {
  const kids: string[] = [];
  const objects: (string | Buffer)[] = ["<< /Type /Catalog /Pages 2 0 R >>", "", stream("", Buffer.from(TEXT)), FONT];
  for (let i = 0; i < pages; i += 1) {
    kids.push(`${objects.length + 1} 0 R`);
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R ${RESOURCES} >>`);
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.join(" ")}] /Count ${pages} >>`;
  return pdf(objects);
}

/** One page whose content stream is `data` (deflated when asked). */
export function onePagePdf(content: Buffer, deflated: boolean): Buffer {
  return pdf([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
    stream(deflated ? "/Filter /FlateDecode" : "", content),
    FONT,
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R ${RESOURCES} >>`,
  ]);
}

/** A one-page PDF whose content stream inflates to `size` bytes of text operators (zlib, streamed). */
export async function inflatingPdf(size: number, unit = "BT /F1 11 Tf 72 720 Td (a) Tj ET\n"): Promise<Buffer> {
  const { bytes } = await deflateRepeated(unit, size, false);
  return onePagePdf(bytes, true);
}

/** A one-page PDF whose uncompressed content stream holds `count` tiny text operators. */
export function manyOperatorsPdf(count: number): Buffer {
  return onePagePdf(Buffer.from(`BT /F1 11 Tf 72 720 Td ${"(a)Tj ".repeat(count)}ET`, "latin1"), false);
}
