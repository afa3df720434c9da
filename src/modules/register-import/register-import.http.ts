// The register import's HTTP endpoints:
//
// POST /imports/register — upload a vendor register (multipart, one file part named `file`; .xlsx with one
//   or more sheets, or .csv with "," or ";" in UTF-8, UTF-8 with BOM or Windows-1252; judged by content).
//   The key is checked before the body is read; the file may be at most REGISTER_MAX_BYTES. The file is
//   read and planned against the register; nothing but the plan is stored. Roles ADMIN and EDITOR.
//   201 { registerImport: { id, status, format, encoding, delimiter, rowsRead, counts, problems } }.
//   Refusals, with nothing stored: 413 PAYLOAD_TOO_LARGE, 415 UNSUPPORTED_MEDIA_TYPE (not a spreadsheet),
//   422 EMPTY_DOCUMENT, OUT_OF_RANGE (too many rows or columns, a workbook that unpacks too large),
//   INVALID (CSV that cannot be parsed).
// GET /imports/register/template.xlsx?lang=da|en — the template: a sheet per kind with the headings, and a
//   guide to every column. Any role.
// GET /exports/register.xlsx|csv?lang=en|da&sheet=processors|subprocessors|agreements&delimiter=comma|semicolon
//   — the register in the template's layout (CSV: one sheet, processors by default; ";" by default for
//   lang=da, "," for en; UTF-8 with BOM). Importing it back plans every row UNCHANGED. Any role.
import { Request, Response, Router } from "express";
import ExcelJS from "exceljs";
import { stringify } from "csv-stringify/sync";
import type { HttpDeps } from "../../common/module";
import { runExport, type Spool } from "../../http/exports";
import { badParameter, HttpError, unprocessable } from "../../common/errors";
import { toGlobalId } from "../../common/global-id";
import { receiveUpload } from "../evidence/evidence.upload";
import { RegisterPlanningBusy, registerImportService } from "./register-import.service";
import { escapeCsvCell, REGISTER_MAX_BYTES } from "./register-file";
import { SHEET_KINDS, SheetKind } from "./register-fields";
import {
  GUIDE_SHEET_NAME,
  guideRows,
  headingsOf,
  Lang,
  LANGS,
  LayoutSheet,
  registerLayout,
} from "./register-layout.rules";
import { SHEETS } from "./register-fields";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function parseQuery(query: Record<string, unknown>, allowed: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(query)) {
    if (!allowed.includes(name))
      throw badParameter(name, `${name} is not a parameter here (parameters: ${allowed.join(", ")})`);
    if (typeof value !== "string") throw badParameter(name, `${name} must be given once, as a single value`);
    out[name] = value;
  }
  return out;
}

function langOf(q: Record<string, string>, fallback: Lang): Lang {
  const lang = (q.lang ?? fallback) as Lang;
  if (!LANGS.includes(lang)) throw badParameter("lang", `lang must be one of: ${LANGS.join(", ")}`);
  return lang;
}

/**
 * Characters XML 1.0 cannot carry (C0 controls but tab, LF and CR; U+FFFE, U+FFFF), which the API stores: written
 * as they are, exceljs makes a part Excel refuses to open (and the import refuses its own export). Left out.
 */
// eslint-disable-next-line no-control-regex -- these are the characters it removes
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const xmlSafe = (value: string | number) => (typeof value === "string" ? value.replace(NOT_XML, "") : value);

async function workbookOf(sheets: LayoutSheet[], guide: string[][] | null, lang: Lang): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "tilsyn";
  for (const s of sheets) {
    const ws = workbook.addWorksheet(s.name, { views: [{ state: "frozen", ySplit: 1 }] });
    ws.columns = s.headings.map((h) => ({ width: Math.min(50, Math.max(14, h.length + 4)) }));
    ws.addRow(s.headings).font = { bold: true };
    for (const row of s.rows) ws.addRow(row.map(xmlSafe));
  }
  if (guide) {
    const ws = workbook.addWorksheet(GUIDE_SHEET_NAME[lang]);
    ws.columns = [{ width: 22 }, { width: 34 }, { width: 34 }, { width: 10 }, { width: 50 }, { width: 80 }];
    for (const row of guide) ws.addRow(row);
    ws.getRow(1).font = { bold: true };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const EXPORT_NARROW = "Narrow it: export one sheet at a time as CSV (sheet=processors, subprocessors or agreements).";
/** Rows written between two turns of the event loop (a few ms of work). */
const ROWS_PER_TURN = 250;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The register as a workbook, streamed into the spool row by row (same sheets, widths and headings as workbookOf). */
async function writeWorkbook(spool: Spool, sheets: LayoutSheet[]): Promise<void> {
  const sink = spool.writable();
  sink.on("error", () => undefined); // read from sink.errored where it matters
  const done = new Promise<void>((resolve, reject) => {
    sink.once("finish", resolve);
    sink.once("close", () => (sink.errored ? reject(sink.errored) : resolve()));
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  workbook.creator = "tilsyn";
  for (const s of sheets) {
    const ws = workbook.addWorksheet(s.name, { views: [{ state: "frozen", ySplit: 1 }] });
    ws.columns = s.headings.map((h) => ({ width: Math.min(50, Math.max(14, h.length + 4)) }));
    const header = ws.addRow(s.headings);
    header.font = { bold: true };
    header.commit();
    for (let i = 0; i < s.rows.length; i++) {
      ws.addRow(s.rows[i].map(xmlSafe)).commit();
      if ((i + 1) % ROWS_PER_TURN === 0) {
        if (sink.errored) throw sink.errored;
        await nextTurn();
      }
    }
    ws.commit();
  }
  await Promise.race([workbook.commit(), done]);
  await done;
  if (sink.errored) throw sink.errored;
}

/** The service's refusal of a register when its places are taken, as the HTTP answer. */
function registerReadSlot(organizationId: string): () => void {
  try {
    return registerImportService.enterPlanning(organizationId);
  } catch (err) {
    if (err instanceof RegisterPlanningBusy)
      throw Object.assign(new HttpError("DOCUMENT_READERS_BUSY", err.message), {
        retryAfterSeconds: err.retryAfterSeconds,
      });
    throw err;
  }
}

export function registerImportRouter(deps: HttpDeps): Router {
  const router = Router();

  router.post("/imports/register", (req, res) =>
    receiveUpload(deps, req, res, {
      maxBytes: Math.min(REGISTER_MAX_BYTES, deps.config.evidenceMaxBytes),
      admit: registerReadSlot,
      // The upload's evidence fields are not used (the register is not kept as evidence); sha256 is checked.
      defaults: { kind: "OTHER", title: "Vendor register", effectiveOn: new Date().toISOString().slice(0, 10) },
      prepare: async (file) => {
        try {
          return await registerImportService.readUpload(file);
        } catch (err) {
          if (registerImportService.isRefusal(err)) throw unprocessable(err.code, err.message, "file");
          throw err;
        }
      },
      store: async (ctx, _fields, file, read) => {
        const { imported, plan } = await registerImportService.importUpload(ctx, file, read);
        return {
          body: {
            registerImport: {
              id: toGlobalId("RegisterImport", imported.id),
              status: imported.status,
              format: imported.format,
              encoding: imported.encoding,
              delimiter: imported.delimiter,
              rowsRead: imported.rowsRead,
              counts: imported.counts,
              problems: plan.problemCount ?? plan.problems.length,
            },
          },
        };
      },
    }),
  );

  router.get("/imports/register/template.xlsx", (req: Request, res: Response) =>
    deps.withContext(req, res, null, async () => {
      const lang = langOf(parseQuery(req.query as Record<string, unknown>, ["lang"]), "da");
      const sheets = SHEET_KINDS.map((kind) => ({
        kind,
        name: SHEETS[kind][lang],
        headings: headingsOf(kind, lang),
        rows: [],
      }));
      const body = await workbookOf(sheets, guideRows(lang), lang);
      res.setHeader("Content-Type", XLSX_TYPE);
      res.setHeader("Content-Disposition", `attachment; filename="register-template.${lang}.xlsx"`);
      res.end(body);
    }),
  );

  // Under the exports' gate (EXPORT_CONCURRENCY_PER_ORG, EXPORT_CONCURRENCY, EXPORT_MAX_BYTES; EXPORT_MAX_ROWS is the
  // register of processing's), written to a spool a few hundred rows a turn: built in memory in one piece, one
  // 50,000-vendor workbook held every tenant's requests 8 s, three at once 28 s.
  const exportHandler = (format: "xlsx" | "csv") => (req: Request, res: Response) =>
    runExport(
      deps,
      req,
      res,
      () => EXPORT_NARROW,
      async (ctx, spool) => {
        const q = parseQuery(req.query as Record<string, unknown>, ["lang", "sheet", "delimiter"]);
        const lang = langOf(q, "en");
        if (q.sheet !== undefined && !(SHEET_KINDS as readonly string[]).includes(q.sheet))
          throw badParameter("sheet", `sheet must be one of: ${SHEET_KINDS.join(", ")}`);
        if (q.delimiter !== undefined && q.delimiter !== "comma" && q.delimiter !== "semicolon")
          throw badParameter("delimiter", "delimiter must be comma or semicolon");
        if (format === "xlsx" && (q.sheet !== undefined || q.delimiter !== undefined))
          throw badParameter(q.sheet !== undefined ? "sheet" : "delimiter", "sheet and delimiter are for CSV only");
        const layout = registerLayout(await registerImportService.loadRegister(ctx), lang);
        if (format === "xlsx") {
          await writeWorkbook(spool, layout);
          return { contentType: XLSX_TYPE, fileName: "register.xlsx" };
        }
        const kind = (q.sheet ?? "processors") as SheetKind;
        const sheet = layout.find((s) => s.kind === kind) as LayoutSheet;
        const delimiter = (q.delimiter ?? (lang === "da" ? "semicolon" : "comma")) === "semicolon" ? ";" : ",";
        // escapeCsvCell: a cell starting with = + - @ is written "'=…", not run as a formula by spreadsheet software,
        // and one starting with an apostrophe "''…" (the importer takes one apostrophe off either).
        // Quoted when it holds a line break of any kind: csv-stringify quotes a cell holding the record delimiter
        // (CRLF) but not a bare LF or CR, which a reader then takes as the end of the row.
        const options = { delimiter, record_delimiter: "windows" as const, quoted_match: /[\r\n]/ };
        await spool.write(`\uFEFF${stringify([sheet.headings.map(escapeCsvCell)], options)}`);
        for (let i = 0; i < sheet.rows.length; i += ROWS_PER_TURN) {
          const rows = sheet.rows.slice(i, i + ROWS_PER_TURN).map((r) => r.map(escapeCsvCell));
          await spool.write(stringify(rows, options));
          await nextTurn();
        }
        return { contentType: "text/csv; charset=utf-8", fileName: `${sheet.name}.csv` };
      },
    );
  router.get("/exports/register.xlsx", exportHandler("xlsx"));
  router.get("/exports/register.csv", exportHandler("csv"));
  return router;
}
