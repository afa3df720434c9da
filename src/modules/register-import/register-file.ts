// Reading an uploaded register into sheets of cells, before the database is touched: .xlsx (every
// sheet; formulas as their saved results, an error or a missing result as a CellError; date-formatted cells as
// ISO dates in the workbook's date system, 1900 or 1904) or .csv with "," ";" or tab, in UTF-8 (with or without
// BOM), UTF-16 with BOM, or Windows-1252 as Danish Excel writes it. Judged by content, not by name. Limits: the
// file size (the upload's), the unpacked size and entries of an .xlsx (zip bombs), and the rows and columns the
// register reads (named by sheet and cell, or CSV line).
import { Readable } from "node:stream";
import { checkZip } from "../dpa-import/reader/zip-guard";
import { DEFAULT_DOCUMENT_LIMITS, DocumentTooComplex, type DocumentLimits } from "../dpa-import/reader/limits";
import ExcelJS from "exceljs";
import { Parser as CsvParser, type Options as CsvOptions } from "csv-parse";
import type { UserErrorCode } from "../../common/errors";
import { type Cell, columnLetter, isEmptyCell } from "./register-values.rules";
import { detectSheet, type SourceSheet } from "./register-import.rules";
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
  // Text named as a workbook: read as CSV it would plan no rows for headings it never had, and the name and
  // the content cannot both be right.
  const named = /\.(xlsx|xlsm)$/i.exec(fileName.trim());
  if (named)
    throw new RegisterFileRefused(
      "UNSUPPORTED_MEDIA_TYPE",
      `The file is named .${named[1].toLowerCase()} but holds text, not an Excel workbook: save it from Excel as ` +
        ".xlsx, or upload CSV text named .csv.",
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
      if (++cells > REGISTER_MAX_COLUMNS) throw tooManyColumns(lines);
    } else if (ch === "\n") {
      cells = 1;
      if (++lines > REGISTER_MAX_ROWS + 2) throw tooManyRows(lines);
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
  if (records.length > REGISTER_MAX_ROWS + 1) throw tooManyRows(REGISTER_MAX_ROWS + 2);
  const wide = records.findIndex((r) => r.length > REGISTER_MAX_COLUMNS);
  if (wide >= 0) throw tooManyColumns(wide + 1);
  const rows = records.map((r) => r.map((c): Cell => (c === "" ? null : unescapeFormula(c))));
  if (!rows.some((r) => r.some((c) => c !== null && String(c).trim() !== "")))
    throw new RegisterFileRefused("EMPTY_DOCUMENT", "The file holds no rows.");
  // The sheet's name is the file's, cut to the 100 characters a columnMapping's sheet may have.
  const name =
    Array.from(fileName.replace(/\.[^.]*$/, "").trim())
      .slice(0, CSV_SHEET_NAME_MAX)
      .join("")
      .trim() || "csv";
  return { format: "csv", encoding, delimiter, sheets: [{ name, rows }] };
}

/**
 * A cell the export wrote as text so that a spreadsheet does not run it as a formula ("'=…", as Excel's own leading
 * apostrophe; escapeCsvCell) is read back as the value it stands for; so is a value whose own first character is an
 * apostrophe, which the export writes with a second one ("''-Co" is "'-Co").
 */
const unescapeFormula = (cell: string): string => (CSV_ESCAPED.test(cell) ? cell.slice(1) : cell);

/** A cell starting with what a spreadsheet runs as a formula (csv-stringify's escape_formulas), or an apostrophe. */
const CSV_ESCAPE_NEEDED = /^['=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const CSV_ESCAPED = /^'['=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * A text cell as the CSV export writes it: with an apostrophe before a first character a spreadsheet would run as a
 * formula (= + - @ tab CR, and their full-width forms), and before an apostrophe of the value's own, so that the
 * import's unescapeFormula, which takes one off, gives the value back whatever it starts with. Numbers as they are.
 */
export const escapeCsvCell = (cell: string | number): string | number =>
  typeof cell === "string" && CSV_ESCAPE_NEEDED.test(cell) ? `'${cell}` : cell;

/** The longest sheet name a CSV gets from its file name (a columnMapping's sheet has at most 100 characters). */
export const CSV_SHEET_NAME_MAX = 100;

const tooManyRows = (line: number) =>
  new RegisterFileRefused(
    "OUT_OF_RANGE",
    `Line ${line} of the CSV: the register has more than ${REGISTER_MAX_ROWS} rows: split it in parts.`,
  );
const tooManyColumns = (line: number) =>
  new RegisterFileRefused(
    "OUT_OF_RANGE",
    `Line ${line} of the CSV has more than ${REGISTER_MAX_COLUMNS} cells: the import reads at most ` +
      `${REGISTER_MAX_COLUMNS} columns.`,
  );

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

/** A date's ISO text (UTC): exceljs makes a date-formatted cell a Date in the workbook's date system. */
function isoDate(d: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${String(d.getUTCFullYear()).padStart(4, "0")}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
}

/** Days from the 1900 date system's day 0 to the 1904 system's (a Mac workbook's serial 0 is 1904-01-01). */
const DATE1904_OFFSET = 1462;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** How a worksheet's cells are read: the workbook's date system and the error values of its formula cells. */
interface SheetContext {
  date1904: boolean;
  /** "#DIV/0!" by cell address, for formula cells whose saved result is an error (see scanFormulaErrors). */
  formulaErrors: Map<string, string>;
}

function cellOf(cell: ExcelJS.Cell, sheet: SheetContext): Cell {
  if (cell.type === ExcelJS.ValueType.Formula) {
    // The saved result as the file holds it (cell.value drops a result of 0, "" or NaN).
    const formula = (cell.value as { formula?: string }).formula || undefined;
    const result = cell.result as unknown;
    if (result === undefined || result === null) return { error: null, formula };
    // exceljs reads an error result (t="e") as parseFloat("#N/A"): NaN; the scan kept the error's text.
    if (typeof result === "number" && Number.isNaN(result))
      return { error: sheet.formulaErrors.get(cell.address) ?? "(an error value)", formula };
    if (typeof result === "object" && "error" in result) return { error: String(result.error), formula };
    // exceljs leaves a formula's number as the serial: dated here by the cell's format and the date system.
    if (typeof result === "number" && isDateFormat(cell.numFmt))
      return isoDate(new Date(EXCEL_EPOCH + (result + (sheet.date1904 ? DATE1904_OFFSET : 0)) * 86_400_000));
    if (result instanceof Date) return isoDate(result);
    return typeof result === "string" || typeof result === "number" || typeof result === "boolean" ? result : null;
  }
  const value = cell.value;
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  // A date-formatted number is a date; any other number is a number, never a date (parseDate refuses it).
  if (typeof value === "number") return Number.isFinite(value) ? value : { error: "#NUM!" };
  if (value instanceof Date) return isoDate(value);
  if (typeof value === "object") {
    if ("richText" in value) return (value as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join("");
    if ("text" in value) return String((value as ExcelJS.CellHyperlinkValue).text);
    if ("error" in value) return { error: String((value as ExcelJS.CellErrorValue).error) };
  }
  return null;
}

/** Whether a number format shows a date: exceljs's own test (utils.isDateFmt), which dates the cells it reads. */
function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  return /[ymdhMsb]+/.test(format.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));
}

/** The longest piece of a worksheet's XML held while looking for the end of an error cell. */
const MAX_PENDING_XML = 64 * 1024;
const ERROR_MARK = Buffer.from('t="e"');

/**
 * The sheet's XML as it streams to exceljs, unchanged, with the error values of its formula cells noted on the way
 * (`<c r="B2" t="e"><f>1/0</f><v>#DIV/0!</v></c>`): exceljs keeps a formula's error result as NaN, without its text.
 * Only pieces holding t="e" are searched, and each chunk is noted before exceljs reads it.
 */
async function* scanFormulaErrors(
  chunks: AsyncIterable<Buffer | string>,
  errors: Map<string, string>,
): AsyncGenerator<Buffer | string> {
  let pending = "";
  let edge = Buffer.alloc(0);
  // The start of a cell's opening tag that a chunk's end cut ('<c r="B2" s="1'): the next chunk completes it.
  let cutTag = "";
  for await (const chunk of chunks) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    const marked =
      bytes.includes(ERROR_MARK) || Buffer.concat([edge, bytes.subarray(0, ERROR_MARK.length)]).includes(ERROR_MARK);
    edge = Buffer.from(bytes.subarray(Math.max(0, bytes.length - ERROR_MARK.length)));
    if (pending || marked) {
      const text = (pending || cutTag) + bytes.toString("latin1");
      pending = "";
      const open = /<c\s[^>]*\bt=["']e["'][^>]*>/g;
      let m: RegExpExecArray | null;
      while ((m = open.exec(text))) {
        if (m[0].endsWith("/>")) continue;
        const close = text.indexOf("</c>", open.lastIndex);
        if (close < 0) {
          if (text.length - m.index <= MAX_PENDING_XML) pending = text.slice(m.index);
          break;
        }
        const ref = /\br=["']([A-Z]{1,3}\d{1,7})["']/.exec(m[0]);
        const v = /<v>([^<]{1,40})<\/v>/.exec(text.slice(open.lastIndex, close));
        if (ref && v && errors.size < 100_000) errors.set(ref[1], v[1]);
        open.lastIndex = close;
      }
    }
    const cut = bytes.lastIndexOf("<c");
    cutTag = cut >= 0 && bytes.length - cut <= 1024 && bytes.indexOf(">", cut) < 0 ? bytes.toString("latin1", cut) : "";
    yield chunk;
  }
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
  // exceljs's streaming reader: rows one at a time (shared strings cached), no workbook model in memory. Styles are
  // read for the number formats: a date-formatted cell arrives as a Date in the workbook's date system (1900, or
  // 1904 in a Mac workbook), a number cell as a number.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([content]), {
    worksheets: "emit",
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "cache",
    entries: "ignore",
  });
  // Each worksheet's XML passes the error scan on its way to exceljs (see scanFormulaErrors).
  const internals = reader as unknown as {
    properties?: { model?: { date1904?: boolean } };
    _parseWorksheet: (iterator: AsyncIterable<Buffer>, sheetNo: string) => Iterable<{ value: unknown }>;
  };
  const parseWorksheet = internals._parseWorksheet.bind(reader);
  const errorsOf = new WeakMap<object, Map<string, string>>();
  internals._parseWorksheet = function* (iterator, sheetNo) {
    const errors = new Map<string, string>();
    for (const event of parseWorksheet(scanFormulaErrors(iterator, errors) as AsyncIterable<Buffer>, sheetNo)) {
      if (event.value && typeof event.value === "object") errorsOf.set(event.value, errors);
      yield event;
    }
  };
  const sheets: SourceSheet[] = [];
  const count = { rows: 0, span: 0 };
  try {
    for await (const ws of reader) {
      const sheet = ws as unknown as AsyncIterable<ExcelJS.Row> & { name?: string; state?: string };
      const name = sheet.name ?? `Sheet${sheets.length + 1}`;
      const context: SheetContext = {
        date1904: internals.properties?.model?.date1904 === true,
        formulaErrors: errorsOf.get(sheet) ?? new Map(),
      };
      const read = await readWorksheet(sheet, name, sheet.state === "veryHidden", context, count);
      if (sheet.state !== "veryHidden") sheets.push(read);
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
/** The last row of a sheet the import reads, and the rows with values it holds of all sheets together. */
const REGISTER_ROW_LIMIT = REGISTER_MAX_ROWS + SHEET_HEADER_ALLOWANCE;
/** Rows held of all sheets together, the empty rows between rows with values included (each one an empty array). */
const REGISTER_SPAN_LIMIT = 4 * REGISTER_ROW_LIMIT;
/** Non-empty rows that decide whether a sheet is a register sheet (detectSheet looks at no more). */
const DETECTION_ROWS = 10;
const NO_CELLS: Cell[] = [];

/**
 * One worksheet's rows. The limits count what the register reads: a sheet without register headings (a notes sheet,
 * decided by its first DETECTION_ROWS rows with values, as planning decides it) keeps only those rows, and its cells
 * past column REGISTER_MAX_COLUMNS or row REGISTER_ROW_LIMIT are ignored; in a register sheet such a cell refuses the
 * file, naming the sheet and the cell. Cells past the limits are never held.
 */
async function readWorksheet(
  ws: AsyncIterable<ExcelJS.Row>,
  name: string,
  hidden: boolean,
  context: SheetContext,
  count: { rows: number; span: number },
): Promise<SourceSheet> {
  let rows: Cell[][] = [];
  let state = (hidden ? "other" : "undecided") as "undecided" | "register" | "other";
  let withValues = 0;
  /** The first cell past a limit, and which. */
  let over: { address: string; limit: "column" | "row" } | null = null;
  const refuseOver = (o: { address: string; limit: "column" | "row" }) =>
    new RegisterFileRefused(
      "OUT_OF_RANGE",
      o.limit === "column"
        ? `Sheet "${name}" has a value in cell ${o.address}, past column ${columnLetter(REGISTER_MAX_COLUMNS - 1)}: ` +
            `the import reads at most ${REGISTER_MAX_COLUMNS} columns. Delete the cell, or move it to a sheet of ` +
            "its own."
        : `Sheet "${name}" has a value in cell ${o.address}, below row ${REGISTER_ROW_LIMIT}, the last row the ` +
            `import reads (${REGISTER_MAX_ROWS} rows of a register): delete the cell, or split the register in parts.`,
    );
  const decide = () => {
    const sheet = { name, rows };
    state = detectSheet(sheet).headerIndex === null ? "other" : "register";
    if (state === "register" && over) throw refuseOver(over);
    if (state === "other") {
      // Not read by the plan but for its first rows (its warning): the rest is let go, and not counted.
      count.span -= rows.length;
      count.rows -= withValues;
      rows = rows.filter((r) => r.some((c) => !isEmptyCell(c)));
    }
  };
  for await (const row of ws) {
    if (state === "other") continue;
    const cells: Cell[] = [];
    let wide: string | null = null;
    row.eachCell((cell, col) => {
      if (col > REGISTER_MAX_COLUMNS) {
        if (!wide && !isEmptyCell(cellOf(cell, context))) wide = cell.address;
        return;
      }
      while (cells.length < col - 1) cells.push(null);
      cells[col - 1] = cellOf(cell, context);
    });
    const hasValue = cells.some((c) => !isEmptyCell(c));
    if (row.number > REGISTER_ROW_LIMIT) {
      const first = wide ?? (hasValue ? `${columnLetter(cells.findIndex((c) => !isEmptyCell(c)))}${row.number}` : null);
      if (first) over ??= { address: first, limit: "row" };
      if (over && state === "register") throw refuseOver(over);
      continue;
    }
    if (wide) {
      over ??= { address: wide, limit: "column" };
      if (state === "register") throw refuseOver(over);
    }
    const gap = row.number - 1 - rows.length;
    count.span += Math.max(0, gap) + 1;
    if (count.span > REGISTER_SPAN_LIMIT)
      throw new RegisterFileRefused(
        "OUT_OF_RANGE",
        `Sheet "${name}" row ${row.number}: the workbook's register sheets span more than ${REGISTER_SPAN_LIMIT} ` +
          "rows, empty rows between rows with values included: delete the empty rows, or split the register in parts.",
      );
    while (rows.length < row.number - 1) rows.push(NO_CELLS);
    rows.push(cells);
    if (!hasValue) continue;
    withValues++;
    if (++count.rows > REGISTER_ROW_LIMIT)
      throw new RegisterFileRefused(
        "OUT_OF_RANGE",
        `Sheet "${name}" row ${row.number}: the register has more than ${REGISTER_MAX_ROWS} rows: split it in parts.`,
      );
    if (state === "undecided" && withValues >= DETECTION_ROWS) decide();
  }
  if (state === "undecided") decide();
  return { name, rows };
}
