// Text a register file can carry that PostgreSQL cannot store: a NUL byte past the first 8 KB of a CSV (the binary
// check samples 8 KB), and a lone surrogate written as a character reference in an .xlsx cell. The README promises
// unstorable text comes back as a problem naming the cell (or a refusal of the file), never a 500.
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { startTestApp, TestApp } from "../helpers/app";
import { uploadRegister } from "../helpers/register";

let app: TestApp;
let key: string;

const upload = (bytes: Buffer, name: string, type?: string) => uploadRegister(app, key, bytes, name, type);

const PLAN = `query($id: ID!) { registerImport(id: $id) {
  rows(limit: 1000) { row label action } problems { sheet row column code severity } } }`;
const APPLY = `mutation($id: ID!) { applyRegisterImport(input: { id: $id }) {
  registerImport { status } userErrors { field code message } } }`;

beforeAll(async () => {
  app = await startTestApp();
  key = (await app.newOrganization("Tekst Kommune")).key;
});

afterAll(async () => {
  await app?.stop();
});

/** Upload, then (when planned) apply: neither may answer 500, and the unstorable name is not written. */
async function uploadAndApply(bytes: Buffer, name: string) {
  const res = await upload(bytes, name);
  expect(res.status).not.toBe(500);
  if (res.status !== 201) {
    expect([415, 422]).toContain(res.status);
    return;
  }
  const plan = await app.gql(key, PLAN, { id: res.body.registerImport.id });
  expect(plan.errors).toBeUndefined();
  const applied = await app.gql(key, APPLY, { id: res.body.registerImport.id });
  expect(applied.errors).toBeUndefined();
  const [row] = await app.db.owner.query(
    `SELECT count(*)::int AS n FROM processor WHERE name LIKE 'Halv%' AND name <> 'Halv_x0000_Nul ApS'`,
  );
  expect(row.n).toBe(0);
}

test("a NUL byte in a CSV cell after the first 8 KB: a problem or a refusal, never a 500", async () => {
  const filler = Array.from({ length: 500 }, (_, i) => `Fyld Leverandør ${i} ApS;DK`).join("\n");
  const csv = Buffer.from(`Navn;Land\n${filler}\nNul\u0000Byte ApS;DK\n`, "utf8");
  expect(csv.indexOf(0)).toBeGreaterThan(8192);
  const res = await upload(csv, "Databehandlere.csv", "text/csv");
  expect(res.status).toBe(422);
  expect(res.body.error).toMatchObject({ code: "INVALID", field: "file" });
  expect(res.body.error.message).toMatch(/Line 502 .*NUL/);
});

test("a lone surrogate (&#xD800;) in an .xlsx cell: a problem or a refusal, never a 500", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Databehandlere");
  ws.addRow(["Navn", "Land"]);
  ws.addRow(["SURROGAT", "DK"]);
  const z = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
  for (const path of Object.keys(z.files).filter((p) => p.endsWith(".xml"))) {
    const xml = await z.file(path)!.async("string");
    if (xml.includes("SURROGAT")) z.file(path, xml.replace("SURROGAT", "Halv&#xD800;Tegn ApS"));
  }
  await uploadAndApply(await z.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }), "r.xlsx");
});

/** A real workbook with `marker` replaced in its XML parts by `replacement`. */
async function workbookWith(cells: string[][], edit: (xml: string) => string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Databehandlere");
  for (const r of cells) ws.addRow(r);
  const z = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
  for (const path of Object.keys(z.files).filter((p) => p.endsWith(".xml")))
    z.file(path, edit(await z.file(path)!.async("string")));
  return z.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

test("a NUL as Excel escapes it (_x0000_) or as &#0;: a problem or a refusal, never a 500", async () => {
  const escaped = await workbookWith(
    [
      ["Navn", "Land"],
      ["ESCAPED", "DK"],
    ],
    (xml) => xml.replace("ESCAPED", "Halv_x0000_Nul ApS"),
  );
  await uploadAndApply(escaped, "r.xlsx");
  const reference = await workbookWith(
    [
      ["Navn", "Land"],
      ["ESCAPED", "DK"],
    ],
    (xml) => xml.replace("ESCAPED", "Halv&#0;Nul ApS"),
  );
  await uploadAndApply(reference, "r.xlsx");
});

test("a sheet name with a NUL or a lone surrogate: a refusal, never a 500", async () => {
  for (const name of ["Data&#0;behandlere", "Data&#xDC00;behandlere", "Data_x0000_behandlere"]) {
    const wb = await workbookWith(
      [
        ["Navn", "Land"],
        ["Halv ApS", "DK"],
      ],
      (xml) => xml.replace(/name="Databehandlere"/g, `name="${name}"`),
    );
    const res = await upload(wb, "r.xlsx");
    expect(res.status).not.toBe(500);
  }
});
