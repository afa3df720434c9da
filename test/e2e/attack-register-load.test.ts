// Another tenant while a register of the largest size the import takes (50,000 rows) is read and planned: the
// file is read and the plan made in the request thread (documents are read in worker threads), so every other
// request waits for it. Bound taken from the README's exports paragraph: another tenant's trivial query under 2 s.
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { planOf } from "../../src/modules/register-import/register-import.service";
import { startTestApp, TestApp } from "../helpers/app";
import { retryWallClockBounds } from "../helpers/wall-clock";

retryWallClockBounds();

let app: TestApp;
let base: string;
let key: string;
let otherKey: string;

beforeAll(async () => {
  app = await startTestApp();
  base = app.server.url.replace(/\/graphql$/, "");
  key = (await app.newOrganization("Stor Kommune")).key;
  otherKey = (await app.newOrganization("Lille Kommune")).key;
});

afterAll(async () => {
  await app?.stop();
});

test("a 50,000-row CSV register holds neither the event loop 1 s nor another tenant's query 3 s", async () => {
  const lines = ["Navn;CVR-nr.;Land;Direkte leverandør;Status"];
  for (let i = 0; i < 50_000; i++) lines.push(`Leverandør ${i} ApS;${String(10_000_000 + i)};Danmark;ja;aktiv`);
  const form = new FormData();
  form.append("file", new Blob([Buffer.from(lines.join("\r\n"), "utf8")], { type: "text/csv" }), "stor.csv");
  // The other tenant's key is used once before, so that its first check is not counted as the upload's doing.
  expect((await app.gql(otherKey, "{ viewer { __typename } }")).status).toBe(200);
  // The server runs in this process: the longest turn of its event loop is the upload's own doing, whatever the load;
  // the other tenant's wall-clock wait also counts the machine's (0.4-0.7 s quiet, 2.7 s once beside other suites).
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const started = Date.now();
  const pending = fetch(`${base}/imports/register`, {
    method: "POST",
    body: form,
    headers: { authorization: `Bearer ${key}` },
  }).then(async (r) => ({ status: r.status, text: await r.text(), ms: Date.now() - started }));
  await new Promise((r) => setTimeout(r, 100));
  const latencies: number[] = [];
  let done = false;
  void pending.then(() => (done = true));
  while (!done) {
    const t = Date.now();
    const res = await app.gql(otherKey, "{ viewer { __typename } }");
    expect(res.status).toBe(200);
    latencies.push(Date.now() - t);
  }
  const res = await pending;
  delay.disable();
  const longestTurn = delay.max / 1e6;
  console.log(
    `upload ${res.status} ${res.text.slice(0, 300)} in ${res.ms} ms; longest turn ${longestTurn.toFixed(0)} ms;`,
    `other tenant's latencies ms: ${latencies.join(", ")}`,
  );
  expect(res.status).toBe(201);
  expect(longestTurn).toBeLessThan(1000);
  expect(Math.max(...latencies)).toBeLessThan(3000);
}, 180_000);

// The mechanism, independent of the machine's load: the plan of 50,000 rows (the API's validation per row, ~2 s on
// the 2-core machine, on main in one piece) gives the event loop a turn at least every 1,000 rows, and no turn of
// the planning holds it 1 s (on main: one block of 1.9 s, 5-10 s under load; with the yields ~20 ms per turn).
test("planning 50,000 rows yields to the event loop at least every 1,000 rows, the plan unchanged", async () => {
  const rows = [["Navn", "CVR-nr.", "Land", "Direkte leverandør", "Status"]];
  for (let i = 0; i < 50_000; i++) rows.push([`Leverandør ${i} ApS`, String(10_000_000 + i), "Danmark", "ja", "aktiv"]);
  let turns = 0;
  let planning = true;
  const tick = () => {
    if (!planning) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const plan = await planOf([{ name: "stor", rows }], [], {
    processors: [],
    engagements: [],
    agreements: [],
    categories: [],
  });
  planning = false;
  delay.disable();
  const maxMs = delay.max / 1e6;
  console.log(
    `planned ${plan.rows.length} rows in ${turns} turns of the event loop; longest turn ${maxMs.toFixed(0)} ms`,
  );
  expect(plan.counts).toEqual({ create: 50_000, update: 0, unchanged: 0, rejected: 0 });
  expect(plan.problems).toEqual([]);
  expect(turns).toBeGreaterThanOrEqual(50);
  expect(maxMs).toBeLessThan(1000);
}, 120_000);

/** A workbook of `rows` rows of `cols` small numbers: 7.5 MB, 55 MB of XML at 50,000 × 40 (within every limit). */
async function numbersWorkbook(rows: number, cols: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Databehandlere").addRow(["Navn", "Land"]);
  const z = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
  const letter = (i: number) =>
    (i < 26 ? "" : String.fromCharCode(64 + Math.floor(i / 26))) + String.fromCharCode(65 + (i % 26));
  const parts: string[] = [];
  for (let r = 2; r <= rows; r++) {
    let row = `<row r="${r}">`;
    for (let c = 0; c < cols; c++) row += `<c r="${letter(c)}${r}"><v>${(r + c) % 100}</v></c>`;
    parts.push(`${row}</row>`);
  }
  const path = "xl/worksheets/sheet1.xml";
  z.file(path, (await z.file(path)!.async("string")).replace("</sheetData>", `${parts.join("")}</sheetData>`));
  return z.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

test("a 7.5 MB workbook of 50,000 rows × 40 numbers does not hold another tenant's query past 2 s", async () => {
  // On main: exceljs reads 55 MB of sheet XML in the request thread (5.4 s alone, +900 MB RSS), then the plan.
  const bytes = await numbersWorkbook(50_000, 40);
  expect(bytes.length).toBeLessThan(10 * 1024 * 1024);
  const form = new FormData();
  form.append("file", new Blob([bytes]), "tal.xlsx");
  const rssBefore = process.memoryUsage().rss;
  const started = Date.now();
  const pending = fetch(`${base}/imports/register`, {
    method: "POST",
    body: form,
    headers: { authorization: `Bearer ${key}` },
  }).then(async (r) => ({ status: r.status, text: await r.text(), ms: Date.now() - started }));
  await new Promise((r) => setTimeout(r, 100));
  const latencies: number[] = [];
  let done = false;
  void pending.then(() => (done = true));
  while (!done) {
    const t = Date.now();
    const res = await app.gql(otherKey, "{ viewer { __typename } }");
    expect(res.status).toBe(200);
    latencies.push(Date.now() - t);
  }
  const res = await pending;
  const grew = Math.round((process.memoryUsage().rss - rssBefore) / 1e6);
  console.log(
    `xlsx upload ${res.status} ${res.text.slice(0, 300)} in ${res.ms} ms, rss +${grew} MB;`,
    `other tenant's worst ${Math.max(...latencies)} ms`,
  );
  expect(res.status).not.toBe(500);
  expect(Math.max(...latencies)).toBeLessThan(2000);
}, 180_000);

// The plan's INSERT (15 MB of JSON at 50,000 rows) is one statement of a bounded size: under a busy disk in CI it ran
// past the request's 5 s statement timeout and the upload, read and planned, was answered 503 TIMEOUT. Here the
// request's timeout is shorter than that INSERT ever takes (before: 503 TIMEOUT); the whole plan is stored.
test("a plan's INSERT may outlast the request's statement timeout", async () => {
  const short = await startTestApp({ statementTimeoutMs: 150 });
  try {
    const { key: shortKey, organizationId } = await short.newOrganization("Kort Kommune");
    const lines = ["Navn;CVR-nr.;Land;Direkte leverandør;Status"];
    for (let i = 0; i < 50_000; i++) lines.push(`Leverandør ${i} ApS;${String(20_000_000 + i)};Danmark;ja;aktiv`);
    const form = new FormData();
    form.append("file", new Blob([Buffer.from(lines.join("\n"), "utf8")], { type: "text/csv" }), "stor.csv");
    const base = short.server.url.replace(/\/graphql$/, "");
    const res = await fetch(`${base}/imports/register`, {
      method: "POST",
      body: form,
      headers: { authorization: `Bearer ${shortKey}` },
    });
    const text = await res.text();
    expect({ status: res.status, text: text.slice(0, 300) }).toEqual({ status: 201, text: expect.any(String) });
    const rows = await short.db.owner.query(
      `SELECT jsonb_array_length(plan->'rows') AS n FROM register_import_plan WHERE organization_id = $1`,
      [organizationId],
    );
    expect(rows).toEqual([{ n: 50_000 }]);
  } finally {
    await short.stop();
  }
}, 180_000);
