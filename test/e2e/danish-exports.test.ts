// Exports as Danish users open them (issue 18, item 5): with lang=da the art. 30 record is Danish in its
// values too (enum labels, the default vocabulary's names, sentences): no English enum code is left in
// the CSV or the XLSX. Danish CSV is separated by semicolons (Danish Excel's list separator) unless
// delimiter=comma is asked for; delimiter=semicolon works for English too.
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { seedDemoOrganization, startTestApp, TestApp } from "../helpers/app";
import { ropaColumns } from "../../src/modules/ropa/ropa-export";
import { DpiaStatus, LegalBasis, SpecialCategoryCondition } from "../../src/modules/ropa/activity.entity";
import { RecipientRole } from "../../src/modules/ropa/record.types";
import { MISSING_LABELS } from "../../src/modules/ropa/ropa-labels";
import { Sensitivity } from "../../src/modules/taxonomy/taxonomy.entity";
import { TransferMechanism } from "../../src/modules/subprocessors/engagement.entity";
import { HOP_FINDING_LABELS } from "../../src/modules/transfers/transfer-rules";
import { BusinessCriticality } from "../../src/modules/processors/processor.entity";

let app: TestApp;
let key: string;
let base: string;

/** Every enum code a record's cells can hold, in English. */
const CODES = [
  ...Object.values(LegalBasis),
  ...Object.values(SpecialCategoryCondition),
  ...Object.values(DpiaStatus),
  ...Object.values(RecipientRole),
  ...Object.values(Sensitivity),
  ...Object.values(TransferMechanism),
  ...Object.values(BusinessCriticality),
  ...Object.keys(MISSING_LABELS),
  ...Object.keys(HOP_FINDING_LABELS),
];
const codesIn = (text: string) => [...new Set(CODES.filter((c) => new RegExp(`\\b${c}\\b`).test(text)))];

const get = (qs: string, path = "ropa.csv") =>
  fetch(`${base}/exports/${path}?${qs}`, { headers: { authorization: `Bearer ${key}` } });

beforeAll(async () => {
  app = await startTestApp();
  key = (await seedDemoOrganization(app)).key;
  base = app.server.url.replace(/\/graphql$/, "");
  // An activity that reaches the enum values the demo's three leave out: art. 9, a DPIA required, health data.
  const list = await app.ok(key, `{ processors(first: 50, filter: { direct: true }) { edges { node { id name } } } }`);
  const capturi = list.processors.edges.find((e: any) => e.node.name === "Capturi").node.id;
  await app.ok(
    key,
    `mutation($input: CreateProcessingActivityInput!) {
      createProcessingActivity(input: $input) { processingActivity { id } userErrors { field message } } }`,
    {
      input: {
        name: "Sygefraværssamtaler",
        legalBasis: "LEGAL_OBLIGATION",
        specialCategoryCondition: "EMPLOYMENT_SOCIAL_SECURITY",
        dpiaStatus: "REQUIRED",
        processorIds: [capturi],
        dataCategories: [{ key: "user.health_and_medical.sick_leave" }, { key: "user.name" }],
        dataSubjectCategoryKeys: ["employee", "child"],
      },
    },
  );
});
afterAll(() => app.stop());

test("the English export has the codes this test looks for (so their absence below means something)", async () => {
  const res = await get("granularity=recipient");
  expect(res.status).toBe(200);
  const text = await res.text();
  expect(codesIn(text)).toEqual(
    expect.arrayContaining(["LEGAL_OBLIGATION", "CONSENT", "PROCESSOR", "SUB_PROCESSOR", "SCC", "SPECIAL", "HIGH"]),
  );
  expect(text.split("\n")[0]).toContain(","); // comma by default in English
});

test.each([["activity"], ["recipient"]])(
  "lang=da (%s rows): no English enum code in the CSV, `;` by default",
  async (g) => {
    const res = await get(`lang=da&granularity=${g}`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(codesIn(text)).toEqual([]);
    const rows = parse(text, { columns: true, bom: true, delimiter: ";" }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual(ropaColumns("da", g as "activity").map((c) => c.header));
    const sick = rows.find((r) => r["Behandlingsaktivitet"] === "Sygefraværssamtaler")!;
    expect(sick).toMatchObject({
      "Retsgrundlag (art. 6)": "Retlig forpligtelse (art. 6, stk. 1, litra c)",
      "Konsekvensanalyse (DPIA), status": "Påkrævet",
      "Kategorier af personoplysninger": "Sygefravær (særlig kategori, art. 9); Navn",
      "Kategorier af registrerede": "Medarbejdere; Børn (sårbar)",
    });
    expect(sick["Manglende oplysninger (detaljer)"]).toContain("Ingen formål (art. 30, stk. 1, litra b).");
    if (g === "recipient") {
      const capturi = rows.find(
        (r) => r["Modtager"] === "Capturi" && r["Behandlingsaktivitet"] === "Sygefraværssamtaler",
      )!;
      expect(capturi).toMatchObject({ Rolle: "Databehandler", Forretningskritikalitet: "Høj" });
    }
  },
);

test("lang=da in XLSX: no English enum code in any cell", async () => {
  const res = await get("lang=da&granularity=recipient", "ropa.xlsx");
  expect(res.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as any);
  const cells: string[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((c) => cells.push(String(c.value ?? "")))));
  expect(cells.length).toBeGreaterThan(100);
  expect(codesIn(cells.join("\n"))).toEqual([]);
});

test("delimiter: comma for lang=da on request, semicolon for English on request, anything else a 400", async () => {
  const comma = await (await get("lang=da&delimiter=comma")).text();
  expect(parse(comma, { columns: true, bom: true })[0]).toHaveProperty("Behandlingsaktivitet");
  const semicolon = await (await get("delimiter=semicolon")).text();
  expect(parse(semicolon, { columns: true, bom: true, delimiter: ";" })[0]).toHaveProperty("Processing activity");
  const bad = await get("lang=da&delimiter=pipe");
  expect(bad.status).toBe(400);
  expect(await bad.json()).toEqual({
    error: { code: "INVALID", field: "delimiter", message: "delimiter must be one of: comma, semicolon" },
  });
});
