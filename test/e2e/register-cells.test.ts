// What a register workbook's cells hold, read as they show in Excel or named as a problem, never read wrong: a Mac
// workbook's 1904 date system, numbers in date columns, formulas with errors or without a saved result, a stray
// cell past the limits on a notes sheet or below the register, bad column corrections, and country names with
// "and"/"og" in them (found by an outside tester). Workbooks are built here with exceljs.
import ExcelJS from "exceljs";
import { startTestApp, TestApp } from "../helpers/app";
import { uploadRegister } from "../helpers/register";

let app: TestApp;
let key: string;

const PLAN = `query($id: ID!) { registerImport(id: $id) {
  sheets { name kind columns { letter field mappedBy } }
  rows(limit: 100) { sheet row action label }
  problems { sheet row column field code rule severity } } }`;
const APPLY = `mutation($id: ID!) { applyRegisterImport(input: { id: $id }) {
  registerImport { status } userErrors { field code message } } }`;
const CORRECT = `mutation($input: CorrectRegisterImportInput!) { correctRegisterImport(input: $input) {
  registerImport { id problems { sheet row column code rule severity } }
  userErrors { field code message } } }`;

beforeAll(async () => {
  app = await startTestApp();
  key = (await app.newOrganization("Celle Kommune")).key;
});

afterAll(async () => {
  await app?.stop();
});

const xlsx = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());

async function planOf(bytes: Buffer, name = "register.xlsx") {
  const res = await uploadRegister(app, key, bytes, name);
  // The body shows in a failure: a refusal's message says why.
  expect({ status: res.status, body: res.status === 201 ? null : res.body }).toEqual({ status: 201, body: null });
  const id = res.body.registerImport.id as string;
  const plan = (await app.ok(key, PLAN, { id })).registerImport;
  return { id, ...plan } as { id: string; sheets: any[]; rows: any[]; problems: any[] };
}

const errors = (problems: any[]) => problems.filter((p) => p.severity === "ERROR");

async function datesOf(name: string) {
  const [row] = await app.db.owner.query(
    `SELECT to_char(contract_start_on, 'YYYY-MM-DD') AS start, to_char(renewal_on, 'YYYY-MM-DD') AS renewal,
            to_char(notice_on, 'YYYY-MM-DD') AS notice FROM processor WHERE name = $1`,
    [name],
  );
  return row;
}

test("a Mac workbook (1904 date system) is read with its own dates, as Excel shows them", async () => {
  const wb = new ExcelJS.Workbook();
  wb.properties.date1904 = true;
  const ws = wb.addWorksheet("Databehandlere");
  ws.addRow(["Navn", "Land", "Kontraktstart", "Fornyelsesdato", "Opsigelsesfrist"]);
  ws.addRow(["Mac Dato ApS", "DK", new Date(Date.UTC(2025, 2, 1)), new Date(Date.UTC(2026, 2, 1)), "2025-12-01"]);
  // A formula's date (=DATE(2025,12,1), date-formatted) is dated in the workbook's system too.
  ws.getCell("E2").value = { formula: "DATE(2025,12,1)", result: 44530 } as ExcelJS.CellFormulaValue;
  ws.getCell("E2").numFmt = "dd-mm-yyyy";
  const plan = await planOf(await xlsx(wb));
  expect(errors(plan.problems)).toEqual([]);
  const applied = await app.ok(key, APPLY, { id: plan.id });
  expect(applied.applyRegisterImport.userErrors).toEqual([]);
  expect(await datesOf("Mac Dato ApS")).toEqual({ start: "2025-03-01", renewal: "2026-03-01", notice: "2025-12-01" });
});

test("a plain number in a date column is a problem naming the cell; a date-formatted serial is a date", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Databehandlere");
  ws.addRow(["Navn", "Land", "Kontraktstart", "Fornyelsesdato"]);
  ws.addRow(["Årstal ApS", "DK", 2025, null]);
  ws.addRow(["Dagtal ApS", "DK", null, 24]);
  ws.addRow(["Serie ApS", "DK", 45717, null]);
  ws.getCell("C4").numFmt = "yyyy-mm-dd";
  const plan = await planOf(await xlsx(wb));
  expect(errors(plan.problems)).toEqual([
    expect.objectContaining({
      sheet: "Databehandlere",
      row: 2,
      column: "C",
      field: "contractStartOn",
      code: "INVALID",
    }),
    expect.objectContaining({ sheet: "Databehandlere", row: 3, column: "D", field: "renewalOn", code: "INVALID" }),
  ]);
  expect(errors(plan.problems)[0].rule).toMatch(/^2025 is a number, not a date/);
  expect(errors(plan.problems)[1].rule).toMatch(/^24 is a number, not a date/);
  expect(plan.rows.map((r) => r.action)).toEqual(["REJECTED", "REJECTED", "CREATE"]);
  await app.ok(key, APPLY, { id: plan.id });
  expect((await datesOf("Serie ApS")).start).toBe("2025-03-01");
});

test("formula cells with an error or without a saved result are problems naming the cell and the error", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Databehandlere");
  ws.addRow(["Navn", "Land", "Kontraktstart", "Ydelser"]);
  ws.addRow(["Fejl Et ApS", "DK", null, null]);
  ws.addRow(["Fejl To ApS", { error: "#N/A" }, null, null]);
  ws.addRow(["Fejl Tre ApS", "DK", null, null]);
  ws.getCell("D2").value = { formula: "1/0", result: { error: "#DIV/0!" } } as ExcelJS.CellFormulaValue;
  ws.getCell("C4").value = { formula: "TODAY()" } as ExcelJS.CellFormulaValue;
  ws.getCell("C4").numFmt = "yyyy-mm-dd";
  ws.getCell("D4").value = { formula: '"x"+1', result: { error: "#VALUE!" } } as ExcelJS.CellFormulaValue;
  const before = await app.db.owner.query(`SELECT count(*)::int AS n FROM processor WHERE name LIKE 'Fejl%'`);
  const plan = await planOf(await xlsx(wb));
  const found = errors(plan.problems).map((p) => [p.row, p.column, p.code, p.rule]);
  expect(found).toEqual([
    [2, "D", "INVALID", expect.stringMatching(/=1\/0 gives the error #DIV\/0!/)],
    [3, "B", "INVALID", expect.stringMatching(/the cell gives the error #N\/A/)],
    [4, "C", "INVALID", expect.stringMatching(/=TODAY\(\) has no saved result/)],
    [4, "D", "INVALID", expect.stringMatching(/gives the error #VALUE!/)],
  ]);
  expect(plan.rows.map((r) => r.action)).toEqual(["REJECTED", "REJECTED", "REJECTED"]);
  const after = await app.db.owner.query(`SELECT count(*)::int AS n FROM processor WHERE name LIKE 'Fejl%'`);
  expect(after[0].n).toBe(before[0].n);
});

describe("limits count what the register reads, and name the sheet and cell over them", () => {
  const register = () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Databehandlere");
    ws.addRow(["Navn", "Land"]);
    ws.addRow(["Grænse ApS", "DK"]);
    return { wb, ws };
  };

  test("one cell at IV5 of a notes sheet: the register is planned", async () => {
    const { wb } = register();
    const notes = wb.addWorksheet("Notes");
    notes.getCell("A1").value = "Husk at tjekke aftalerne";
    notes.getCell("IV5").value = "x";
    notes.getCell("A1048576").value = "langt nede";
    const plan = await planOf(await xlsx(wb));
    expect(plan.rows).toEqual([expect.objectContaining({ sheet: "Databehandlere", row: 2, action: "CREATE" })]);
    expect(plan.problems).toEqual([
      expect.objectContaining({
        sheet: "Notes",
        row: null,
        severity: "WARNING",
        rule: expect.stringMatching(/no register/),
      }),
    ]);
  });

  test("a cell at IV5 of the register sheet is refused naming the sheet and the cell", async () => {
    const { wb, ws } = register();
    ws.getCell("IV5").value = "x";
    const res = await uploadRegister(app, key, await xlsx(wb), "register.xlsx");
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("OUT_OF_RANGE");
    expect(res.body.error.message).toMatch(/^Sheet "Databehandlere" has a value in cell IV5, past column GR/);
  });

  test("a stray cell at A1048576 of a 2-row register is refused naming it, not as more than 50,000 rows", async () => {
    const { wb, ws } = register();
    ws.getCell("A1048576").value = "x";
    const res = await uploadRegister(app, key, await xlsx(wb), "register.xlsx");
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("OUT_OF_RANGE");
    expect(res.body.error.message).toMatch(/^Sheet "Databehandlere" has a value in cell A1048576, below row 50050/);
  });
});

describe("column corrections that name no column, or one column twice, are problems", () => {
  let id: string;
  beforeAll(async () => {
    const csv = Buffer.from("Navn;Land;Noget\nKorrektion ApS;DK;x\n", "utf8");
    const res = await uploadRegister(app, key, csv, "korrektion.csv", "text/csv");
    expect(res.status).toBe(201);
    id = res.body.registerImport.id;
  });

  test.each([
    ["ZZZ", /column "ZZZ" is neither a column of the sheet \(A–C\) nor one of its headings/],
    ["1", /column "1" is neither a column of the sheet \(A–C\) nor one of its headings/],
  ])("column %p", async (column, rule) => {
    const data = await app.ok(key, CORRECT, {
      input: { id, columnMapping: [{ sheet: "korrektion", column, field: "servicesProvided" }] },
    });
    expect(data.correctRegisterImport.registerImport.problems).toContainEqual(
      expect.objectContaining({
        sheet: "korrektion",
        code: "INVALID",
        severity: "ERROR",
        rule: expect.stringMatching(rule),
      }),
    );
    const applied = await app.gql(key, APPLY, { id });
    expect(applied.data.applyRegisterImport.userErrors).toEqual([expect.objectContaining({ code: "INVALID" })]);
  });

  test("column A mapped to two fields", async () => {
    const data = await app.ok(key, CORRECT, {
      input: {
        id,
        columnMapping: [
          { sheet: "korrektion", column: "A", field: "name" },
          { sheet: "korrektion", column: "Navn", field: "legalName" },
        ],
      },
    });
    expect(data.correctRegisterImport.registerImport.problems).toContainEqual(
      expect.objectContaining({
        sheet: "korrektion",
        column: "A",
        severity: "ERROR",
        rule: expect.stringMatching(/column A is mapped twice \(to name and to legalName\)/),
      }),
    );
  });

  test("a CSV whose file name is longer than 100 characters can be corrected", async () => {
    const long = `${"Leverandørregister for Celle Kommune ".repeat(4)}2025`;
    expect(long.length).toBeGreaterThan(100);
    const csv = Buffer.from("Navn;Land;Ydelse\nLangt Navn ApS;DK;Løn\n", "utf8");
    const res = await uploadRegister(app, key, csv, `${long}.csv`, "text/csv");
    expect(res.status).toBe(201);
    const plan = (await app.ok(key, PLAN, { id: res.body.registerImport.id })).registerImport;
    const sheet = plan.sheets[0].name as string;
    expect(sheet.length).toBeLessThanOrEqual(100);
    expect(long.startsWith(sheet)).toBe(true);
    const data = await app.ok(key, CORRECT, {
      input: { id: res.body.registerImport.id, columnMapping: [{ sheet, column: "C", field: "servicesProvided" }] },
    });
    expect(data.correctRegisterImport.userErrors).toEqual([]);
    expect(errors(data.correctRegisterImport.registerImport.problems)).toEqual([]);
  });
});

test("countries with 'and'/'og' in their names are read as one country", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Databehandlere");
  ws.addRow(["Navn", "Land"]);
  ws.addRow(["Caribisk Drift Ltd", "Trinidad and Tobago"]);
  ws.addRow(["Balkan Hosting d.o.o.", "Bosnia and Herzegovina"]);
  const subs = wb.addWorksheet("Underdatabehandlere");
  subs.addRow(["Databehandler", "Underdatabehandler", "Land"]);
  subs.addRow(["Balkan Hosting d.o.o.", "Sarajevo Cloud d.o.o.", "Bosnia and Herzegovina og Danmark"]);
  const plan = await planOf(await xlsx(wb));
  expect(errors(plan.problems)).toEqual([]);
  await app.ok(key, APPLY, { id: plan.id });
  const rows = await app.db.owner.query(
    `SELECT p.name, p.country_code FROM processor p WHERE p.name IN ('Caribisk Drift Ltd', 'Balkan Hosting d.o.o.')
     ORDER BY p.name`,
  );
  expect(rows).toEqual([
    { name: "Balkan Hosting d.o.o.", country_code: "BA" },
    { name: "Caribisk Drift Ltd", country_code: "TT" },
  ]);
  const [engagement] = await app.db.owner.query(`SELECT countries FROM subprocessor_engagement`);
  expect(engagement.countries).toEqual(["BA", "DK"]);
});
