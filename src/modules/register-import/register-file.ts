// Reading an uploaded register into sheets of cells, before the database is touched: .xlsx (every
// sheet; formulas as their cached values; dates as Excel serials, as the cell holds them) or .csv with
// "," ";" or tab, in UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252 as Danish Excel
// writes it. Judged by content, not by name. Limits: the file size (the upload's), the unpacked size and
// entries of an .xlsx (zip bombs), and the rows of the whole file.
import { Readable } from "node:stream";
import { checkZip } from "../dpa-import/reader/zip-guard";
import { DEFAULT_DOCUMENT_LIMITS, DocumentTooComplex, type DocumentLimits } from "../dpa-import/reader/limits";
import ExcelJS from "exceljs";
import { Parser as CsvParser, type Options as CsvOptions } from "csv-parse";
import type { UserErrorCode } from "../../common/errors";
import type { Cell } from "./register-values.rules";
import type { SourceSheet } from "./register-import.rules";
import { decodeText } from "../../common/text-encoding";

/** Largest register file accepted, in bytes (a 10,000-vendor register is about 1 MB as .xlsx, 2 MB as .csv). */
export const REGISTER_MAX_BYTES = 10 * 1024 * 1024;
/** Largest unpacked .xlsx (its XML parts together). */
export const REGISTER_MAX_UNPACKED_BYTES = 64 * 1024 * 1024;
export const REGISTER_MAX_ZIP_ENTRIES = 2_000;
/** A workbook of the most rows the import takes (50,000) unpacks to about 39 MB, at about 10 to 1. */
const REGISTER_ZIP_LIMITS: DocumentLimits = {
  ...DEFAULT_DOCUMENT_LIMITS,
  maxInflatedBytes: REGISTER_MAX_UNPACKED_BYTES,
  maxZipEntries: REGISTER_MAX_ZIP_ENTRIES,
};
/** Rows of all sheets together. */
export const REGISTER_MAX_ROWS = 50_000;
export const REGISTER_MAX_COLUMNS = 200;

export class RegisterFileRefused extends Error {
  constructor(
    readonly code: Extract<UserErrorCode, "UNSUPPORTED_MEDIA_TYPE" | "INVALID" | "OUT_OF_RANGE" | "EMPTY_DOCUMENT">,
    message: string,
  ) {
    super(message);
    this.name = "RegisterFileRefused";
  }
}

export interface RegisterFile {
  format: "xlsx" | "csv";
  /** For CSV: utf-8, utf-8-bom, utf-16le, utf-16be or windows-1252. */
  encoding: string | null;
  delimiter: string | null;
  sheets: SourceSheet[];
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

export async function readRegisterFile(content: Buffer, fileName: string): Promise<RegisterFile> {
  if (content.subarray(0, 4).equals(ZIP)) return readXlsx(content);
  if (content.subarray(0, 4).equals(OLE))
    throw new RegisterFileRefused(
      "UNSUPPORTED_MEDIA_TYPE",
      "This is an old Excel file (.xls) or another Office binary: save it as .xlsx or .csv and upload that.",
    );
  if (content.subarray(0, 5).toString("latin1") === "%PDF-")
    throw new RegisterFileRefused("UNSUPPORTED_MEDIA_TYPE", "This is a PDF, not a spreadsheet: upload .xlsx or .csv.");
  const decoded = decodeText(content);
  if (decoded === null)
    throw new RegisterFileRefused(
      "UNSUPPORTED_MEDIA_TYPE",
      "The file is neither an .xlsx workbook nor CSV text: upload the register as .xlsx or .csv.",
    );
  return readCsv(decoded.text, decoded.encoding, fileName);
}

/** Bytes of CSV parsed between two turns of the event loop (csv-parse reads ~10 MB a second). */
const CSV_BYTES_PER_TURN = 256 * 1024;

/**
 * csv-parse's records of `text`, fed CSV_BYTES_PER_TURN at a time with a turn of the event loop between (its sync
 * API read a 50,000-row file in one 0.6 s block of the request thread). The records are the sync API's.
 */
async function parseCsvInTurns(text: string, options: CsvOptions): Promise<string[][]> {
  const bytes = Buffer.from(text, "utf8");
  const parser = new CsvParser(options);
  const records: string[][] = [];
  let failure: Error | undefined;
  const ended = new Promise<void>((resolve) => {
    parser.on("error", (err: Error) => {
      failure ??= err;
      resolve();
    });
    parser.on("end", () => resolve());
    parser.on("close", () => resolve());
  });
  parser.on("data", (record: string[]) => records.push(record));
  for (let at = 0; at < bytes.length; at += CSV_BYTES_PER_TURN) {
    if (failure || parser.writableEnded || parser.destroyed) break;
    parser.write(bytes.subarray(at, at + CSV_BYTES_PER_TURN));
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  if (!failure && !parser.writableEnded && !parser.destroyed) parser.end();
  await ended;
  if (failure) throw failure;
  return records;
}

// --- CSV ----------------------------------------------------------------------------------------------

/** The delimiter of the first line outside quotes: the most frequent of ; , and tab. */
export function detectDelimiter(text: string): string {
  const counts: Record<string, number> = { ";": 0, ",": 0, "\t": 0 };
  let quoted = false;
  for (let i = 0; i < text.length && i < 65536; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) {
      if (counts[";"] + counts[","] + counts["\t"] > 0) break;
    } else if (!quoted && ch in counts) counts[ch]++;
  }
  return Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0];
}

/**
 * Lines and cells of a line counted outside quotes, before csv-parse (synchronous, in the request thread) makes an
 * array of every cell: a 10 MB line of delimiters is refused at once instead of as 10 million cells after seconds.
 * Quotes are toggled as csv-parse reads them; where a stray quote misleads the count, it counts fewer, never more.
 */
function checkCsvShape(text: string, delimiter: string): void {
  let quoted = false;
  let cells = 1;
  let lines = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (ch === delimiter) {
      if (++cells > REGISTER_MAX_COLUMNS) throw tooManyColumns();
    } else if (ch === "\n") {
      cells = 1;
      if (++lines > REGISTER_MAX_ROWS + 2) throw tooManyRows();
    }
  }
}

async function readCsv(original: string, encoding: string, fileName: string): Promise<RegisterFile> {
  // One line ending for the whole file: csv-parse takes the first it meets as the only one, so in a file of CRLF
  // and lone CR or LF (lines pasted together from two systems) the other lines were read as cells of one row.
  const text = original.replace(/\r\n?/g, "\n");
  // A NUL past the binary check's sample cannot be stored (nor the plan holding it): refused, naming its line.
  const nul = text.indexOf("\u0000");
  if (nul >= 0) {
    const line = text.slice(0, nul).split("\n").length;
    throw new RegisterFileRefused("INVALID", `Line ${line} of the CSV holds a NUL character (U+0000): remove it.`);
  }
  const delimiter = detectDelimiter(text);
  checkCsvShape(text, delimiter);
  let records: string[][];
  try {
    records = await parseCsvInTurns(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      bom: true,
      to: REGISTER_MAX_ROWS + 2,
    });
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new RegisterFileRefused(
      "INVALID",
      `The CSV cannot be read${line ? ` (at line ${line})` : ""}: check its quotes.`,
    );
  }
  if (records.length > REGISTER_MAX_ROWS + 1) throw tooManyRows();
  if (records.some((r) => r.length > REGISTER_MAX_COLUMNS)) throw tooManyColumns();
  const rows = records.map((r) => r.map((c): Cell => (c === "" ? null : unescapeFormula(c))));
  if (!rows.some((r) => r.some((c) => c !== null && String(c).trim() !== "")))
    throw new RegisterFileRefused("EMPTY_DOCUMENT", "The file holds no rows.");
  const name = fileName.replace(/\.[^.]*$/, "") || "csv";
  return { format: "csv", encoding, delimiter, sheets: [{ name, rows }] };
}

/**
 * A cell the export wrote as text so that a spreadsheet does not run it as a formula ("'=…", csv-stringify's
 * escape_formulas, as Excel's own leading apostrophe) is read back as the value it stands for.
 */
const unescapeFormula = (cell: string): string =>
  /^'[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(cell) ? cell.slice(1) : cell;

const tooManyRows = () =>
  new RegisterFileRefused("OUT_OF_RANGE", `The register has more than ${REGISTER_MAX_ROWS} rows: split it in parts.`);
const tooManyColumns = () =>
  new RegisterFileRefused("OUT_OF_RANGE", `A sheet has more than ${REGISTER_MAX_COLUMNS} columns.`);

// --- XLSX ---------------------------------------------------------------------------------------------

/** Entries and unpacked size from the zip's central directory, checked before anything is unpacked. */
export function zipTotals(content: Buffer): { entries: number; unpackedBytes: number } | null {
  const min = Math.max(0, content.length - 65_557);
  let eocd = -1;
  for (let i = content.length - 22; i >= min; i--) {
    if (content.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = content.readUInt16LE(eocd + 10);
  const dirSize = content.readUInt32LE(eocd + 12);
  const dirOffset = content.readUInt32LE(eocd + 16);
  if (dirOffset + dirSize > content.length) return null;
  let unpackedBytes = 0;
  let p = dirOffset;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > content.length || content.readUInt32LE(p) !== 0x02014b50) return null;
    const size = content.readUInt32LE(p + 24);
    unpackedBytes += size === 0xffffffff ? Number.MAX_SAFE_INTEGER / 4 : size;
    p += 46 + content.readUInt16LE(p + 28) + content.readUInt16LE(p + 30) + content.readUInt16LE(p + 32);
  }
  return { entries, unpackedBytes };
}

function cellOf(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) {
    // A date cell: back to its serial, so every date takes one road (parseDate).
    return (value.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000;
  }
  if (typeof value === "object") {
    if ("result" in value) return cellOf((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ("formula" in value || "sharedFormula" in value) return null; // a formula without a cached value
    if ("richText" in value) return (value as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join("");
    if ("text" in value) return String((value as ExcelJS.CellHyperlinkValue).text);
    if ("error" in value) return null;
  }
  return null;
}

async function readXlsx(content: Buffer): Promise<RegisterFile> {
  const totals = zipTotals(content);
  if (!totals)
    throw new RegisterFileRefused("UNSUPPORTED_MEDIA_TYPE", "The file is a damaged zip, not an .xlsx workbook.");
  if (totals.entries > REGISTER_MAX_ZIP_ENTRIES || totals.unpackedBytes > REGISTER_MAX_UNPACKED_BYTES)
    throw new RegisterFileRefused(
      "OUT_OF_RANGE",
      `The workbook unpacks to more than ${REGISTER_MAX_UNPACKED_BYTES / 1024 / 1024} MB: split the register.`,
    );
  // The directory's sizes can lie: every part is inflated once as a stream with a running count (the document
  // uploads' zip guard) before exceljs, which would keep a bomb's shared strings in memory, sees any of it.
  try {
    await checkZip(content, REGISTER_ZIP_LIMITS);
  } catch (err) {
    if (err instanceof DocumentTooComplex)
      throw new RegisterFileRefused(
        "OUT_OF_RANGE",
        err.limit === "compressionRatio"
          ? `A part of the workbook is compressed more than ${REGISTER_ZIP_LIMITS.maxCompressionRatio} to 1, ` +
              "as a zip bomb is and no saved workbook is."
          : `The workbook unpacks to more than ${REGISTER_MAX_UNPACKED_BYTES / 1024 / 1024} MB, or a part of it to ` +
              "more than its header declares: split the register.",
      );
    throw new RegisterFileRefused("UNSUPPORTED_MEDIA_TYPE", "The file is a damaged zip, not an .xlsx workbook.");
  }
  // exceljs's streaming reader: rows one at a time (shared strings cached), no workbook model in memory.
  // Styles are not read, so a date cell arrives as its serial number, which parseDate reads.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([content]), {
    worksheets: "emit",
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    entries: "ignore",
  });
  const sheets: SourceSheet[] = [];
  let total = 0;
  try {
    for await (const ws of reader) {
      const sheet = ws as unknown as AsyncIterable<ExcelJS.Row> & { name?: string; state?: string };
      const rows: Cell[][] = [];
      for await (const row of sheet) {
        // Rows skipped to reach this one (a row may declare r="1048576", or any number) count as rows read: they
        // are held as empty rows, and are checked before a single one is made.
        total += Math.max(1, row.number - rows.length);
        if (total > REGISTER_MAX_ROWS + SHEET_HEADER_ALLOWANCE) throw tooManyRows();
        while (rows.length < row.number - 1) rows.push([]);
        const values = row.values as ExcelJS.CellValue[];
        if (values.length > REGISTER_MAX_COLUMNS + 1) throw tooManyColumns();
        const cells: Cell[] = [];
        for (let col = 1; col < values.length; col++) cells.push(cellOf(values[col] ?? null));
        rows.push(cells);
      }
      if (sheet.state !== "veryHidden") sheets.push({ name: sheet.name ?? `Sheet${sheets.length + 1}`, rows });
    }
  } catch (err) {
    if (err instanceof RegisterFileRefused) throw err;
    throw new RegisterFileRefused(
      "UNSUPPORTED_MEDIA_TYPE",
      "The file is a zip but not a readable .xlsx workbook: save it from Excel as .xlsx or .csv.",
    );
  }
  if (!sheets.some((s) => s.rows.some((r) => r.some((c) => c !== null && String(c).trim() !== ""))))
    throw new RegisterFileRefused("EMPTY_DOCUMENT", "The workbook holds no rows.");
  return { format: "xlsx", encoding: null, delimiter: null, sheets };
}

/** Header and title rows of a few sheets on top of REGISTER_MAX_ROWS data rows. */
const SHEET_HEADER_ALLOWANCE = 50;
