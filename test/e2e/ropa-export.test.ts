// The art. 30(1) record as files (GET /exports/ropa.csv|.xlsx|.json), against the real server: the
// exports must agree with what recordsOfProcessing answers over GraphQL.
import { toGlobalId } from "../../src/common/global-id";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { seedDemoOrganization, startTestApp, TestApp } from "../helpers/app";
import { ropaColumns } from "../../src/modules/ropa/ropa-export";
import { createApiKey } from "../helpers/fixtures";

let app: TestApp;
let key: string;
let viewerKey: string;
let base: string;

interface GqlRecord {
  activityId: string;
  name: string;
  legalBasis: string | null;
  recipients: { name: string; role: string; processor: { id: string } | null }[];
  transfers: { country: string | null; mechanism: string | null; recipient: string }[];
  missing: string[];
}
let asOf: string;
let records: GqlRecord[];

const RECORD = `query($asOf: LocalDate, $filter: RecordFilter) { recordsOfProcessing(asOf: $asOf, filter: $filter) {
  asOf controller { name } records { activityId name legalBasis recipients { name role processor { id } } transfers {
    country mechanism recipient } missing } } }`;

async function gqlRecord(k: string, variables: Record<string, unknown> = {}) {
  const res = await app.gql(k, RECORD, variables);
  expect(res.errors).toBeUndefined();
  return res.data.recordsOfProcessing as { asOf: string; controller: { name: string }; records: GqlRecord[] };
}

const get = (k: string | null, path: string, qs = "") =>
  fetch(`${base}/exports/${path}${qs ? `?${qs}` : ""}`, { headers: k ? { authorization: `Bearer ${k}` } : {} });

async function csvRows(res: Response, delimiter = ","): Promise<{ headers: string[]; rows: Record<string, string>[] }> {
  expect(res.status).toBe(200);
  const text = await res.text();
  const headers = (parse(text, { bom: true, to_line: 1, delimiter }) as string[][])[0];
  const rows = parse(text, { columns: true, bom: true, delimiter }) as Record<string, string>[];
  return { headers, rows };
}

/**
 * csv-stringify's escape_formulas puts a ' before = + - @ (tab, CR) at the start of a cell; the XLSX cell has the text
 * itself.
 */
const unescapeFormula = (s: string) => (/^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s);

async function xlsx(res: Response): Promise<ExcelJS.Workbook> {
  expect(res.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as any);
  return workbook;
}

function sheetRows(sheet: ExcelJS.Worksheet, width: number): string[][] {
  const out: string[][] = [];
  for (let i = 1; i <= sheet.rowCount; i++) {
    const row = sheet.getRow(i);
    out.push(
      Array.from({ length: width }, (_, j) => {
        const v = row.getCell(j + 1).value;
        return v === null || v === undefined ? "" : String(v);
      }),
    );
  }
  return out;
}

/**
 * activity × recipient pairs, as recipient granularity lists them (an activity without recipients: one pair with "").
 */
const pairs = (rs: GqlRecord[]) =>
  rs.flatMap((r) => (r.recipients.length ? r.recipients.map((x) => `${r.name}|${x.name}|${x.role}`) : [`${r.name}||`]));

beforeAll(async () => {
  app = await startTestApp();
  key = (await seedDemoOrganization(app)).key;
  base = app.server.url.replace(/\/graphql$/, "");
  viewerKey = await createApiKey(app, key, "AUDITOR", "auditor");
  const answer = await gqlRecord(key);
  asOf = answer.asOf;
  records = answer.records;
});
afterAll(() => app.stop());

test("the demo controller has activities with recipients to compare against", () => {
  expect(records.length).toBeGreaterThan(0);
  expect(records.some((r) => r.recipients.length > 0)).toBe(true);
});

test(
  "CSV, one row per activity: the GraphQL record's activities, ids, recipients and missing elements, headers in " +
    "English",
  async () => {
    const res = await get(viewerKey, "ropa.csv");
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="ropa-${asOf}.csv"`);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const bytes = Buffer.from(await res.clone().arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs to read UTF-8
    const { headers, rows } = await csvRows(res);
    expect(headers).toEqual(ropaColumns("en", "activity").map((c) => c.header));
    expect(rows.map((r) => r["Processing activity"])).toEqual(records.map((r) => r.name));
    expect(rows.map((r) => r["Activity ID"])).toEqual(records.map((r) => r.activityId));
    expect(rows.map((r) => r["Missing elements"])).toEqual(records.map((r) => r.missing.join("; ")));
    expect(rows.map((r) => r["Legal basis (art. 6)"])).toEqual(records.map((r) => r.legalBasis ?? ""));
    for (const [i, r] of records.entries()) {
      const cell = rows[i]["Recipients (processors and sub-processors)"];
      // "Name (ROLE, CC)" per recipient, in the record's order.
      const items = cell ? cell.split("; ") : [];
      expect(items.map((x, j) => x.startsWith(`${r.recipients[j]?.name} (${r.recipients[j]?.role}`))).toEqual(
        r.recipients.map(() => true),
      );
      for (const t of r.transfers)
        expect(rows[i]["Third-country transfers (country, mechanism)"]).toContain(`${t.recipient}: `);
      expect(rows[i]["Controller"]).toBe("Demo Controller A/S");
    }
  },
);

test("CSV, one row per activity × recipient", async () => {
  const { headers, rows } = await csvRows(await get(key, "ropa.csv", "granularity=recipient"));
  expect(headers).toEqual(ropaColumns("en", "recipient").map((c) => c.header));
  expect(rows.map((r) => `${r["Processing activity"]}|${r["Recipient"]}|${r["Role"]}`)).toEqual(pairs(records));
  const sub = rows.find((r) => r["Role"] === "SUB_PROCESSOR");
  if (sub) expect(sub["Engaged by"]).not.toBe("");
});

test("XLSX: a Record sheet with the CSV's header and cells, and a Controller sheet", async () => {
  const res = await get(key, "ropa.xlsx", "granularity=recipient");
  expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  expect(res.headers.get("content-disposition")).toBe(`attachment; filename="ropa-${asOf}.xlsx"`);
  expect(res.headers.get("cache-control")).toBe("no-store");
  const workbook = await xlsx(res);
  expect(workbook.worksheets.map((s) => s.name)).toEqual(["Record", "Controller"]);
  const columns = ropaColumns("en", "recipient");
  const cells = sheetRows(workbook.getWorksheet("Record")!, columns.length);
  expect(cells[0]).toEqual(columns.map((c) => c.header));
  const { rows } = await csvRows(await get(key, "ropa.csv", "granularity=recipient"));
  expect(cells.slice(1)).toEqual(rows.map((r) => columns.map((c) => unescapeFormula(r[c.header]))));
  expect(
    cells
      .slice(1)
      .map(
        (r) =>
          `${r[columns.findIndex((c) => c.key === "activity")]}|${r[columns.findIndex((c) => c.key === "recipient")]}`,
      ),
  ).toEqual(pairs(records).map((p) => p.split("|").slice(0, 2).join("|")));
  const controller = sheetRows(workbook.getWorksheet("Controller")!, 2);
  expect(controller[0]).toEqual(["Field", "Value"]);
  expect(controller).toContainEqual(["Controller", "Demo Controller A/S"]);
  expect(controller).toContainEqual(["As of", asOf]);
});

test("JSON: the GraphQL record, written out", async () => {
  const res = await get(viewerKey, "ropa.json");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  expect(res.headers.get("content-disposition")).toBe(`attachment; filename="ropa-${asOf}.json"`);
  expect(res.headers.get("cache-control")).toBe("no-store");
  const body = (await res.json()) as any;
  expect(body.asOf).toBe(asOf);
  expect(body.controller.name).toBe("Demo Controller A/S");
  expect(
    body.records.map((r: any) => ({
      activityId: r.activityId,
      name: r.name,
      legalBasis: r.legalBasis,
      recipients: r.recipients.map((x: any) => ({ name: x.name, role: x.role, processor: { id: x.processorId } })),
      transfers: r.transfers.map((t: any) => ({ country: t.country, mechanism: t.mechanism, recipient: t.recipient })),
      missing: r.missing,
    })),
  ).toEqual(records);
});

test("lang=da: Danish headings and sheet names, same cells", async () => {
  const { headers, rows } = await csvRows(await get(key, "ropa.csv", "lang=da"), ";"); // semicolons for Danish
  expect(headers).toEqual(ropaColumns("da", "activity").map((c) => c.header));
  expect(headers).toEqual(
    expect.arrayContaining([
      "Behandlingsaktivitet",
      "Formål",
      "Retsgrundlag (art. 6)",
      "Kategorier af registrerede",
      "Manglende oplysninger",
    ]),
  );
  expect(rows.map((r) => r["Behandlingsaktivitet"])).toEqual(records.map((r) => r.name));
  const workbook = await xlsx(await get(key, "ropa.xlsx", "lang=da"));
  expect(workbook.worksheets.map((s) => s.name)).toEqual(["Fortegnelse", "Dataansvarlig"]);
  expect(sheetRows(workbook.getWorksheet("Fortegnelse")!, headers.length)[0]).toEqual(headers);
  expect(sheetRows(workbook.getWorksheet("Dataansvarlig")!, 2)[0]).toEqual(["Felt", "Værdi"]);
});

test("the filters give what the same GraphQL filter gives", async () => {
  const first = records[0];
  const processorId = records.flatMap((r) => r.recipients).find((x) => x.processor)?.processor?.id;
  const cases: [string, Record<string, unknown>][] = [
    [`activityIds=${encodeURIComponent(first.activityId)}`, { activityIds: [first.activityId] }],
    [
      `search=${encodeURIComponent(first.name.slice(1, 5).toUpperCase())}`,
      { search: first.name.slice(1, 5).toUpperCase() },
    ],
    [`legalBasis=${first.legalBasis ?? "CONSENT"}`, { legalBasis: first.legalBasis ?? "CONSENT" }],
    ["incompleteOnly=true", { incompleteOnly: true }],
    ["incompleteOnly=false", { incompleteOnly: false }],
    ...(processorId
      ? [[`processorId=${encodeURIComponent(processorId)}`, { processorId }] as [string, Record<string, unknown>]]
      : []),
  ];
  for (const [qs, filter] of cases) {
    const expected = (await gqlRecord(key, { filter })).records;
    const { rows } = await csvRows(await get(key, "ropa.csv", qs));
    expect({ qs, names: rows.map((r) => r["Processing activity"]) }).toEqual({
      qs,
      names: expected.map((r) => r.name),
    });
    const body = (await (await get(key, "ropa.json", qs)).json()) as any;
    expect({ qs, names: body.records.map((r: any) => r.name) }).toEqual({ qs, names: expected.map((r) => r.name) });
  }
  const one = await csvRows(await get(key, "ropa.csv", `activityIds=${encodeURIComponent(first.activityId)}`));
  expect(one.rows).toHaveLength(1);
});

test("asOf: the record on a past date, named in the file", async () => {
  const past = await get(key, "ropa.json", "asOf=2020-01-01");
  expect(past.status).toBe(200);
  expect(past.headers.get("content-disposition")).toBe(`attachment; filename="ropa-2020-01-01.json"`);
  const body = (await past.json()) as any;
  expect(body.asOf).toBe("2020-01-01");
  expect(body.records.map((r: any) => r.name)).toEqual(
    (await gqlRecord(key, { asOf: "2020-01-01" })).records.map((r) => r.name),
  );
});

test("bad parameters: 400 naming the parameter", async () => {
  const bad: [string, string, string][] = [
    ["ropa.csv", "asOf=2026-13-01", "asOf"],
    ["ropa.json", "asOf=yesterday", "asOf"],
    ["ropa.xlsx", "granularity=row", "granularity"],
    ["ropa.csv", "lang=fr", "lang"],
    ["ropa.json", "legalBasis=NOPE", "legalBasis"],
    ["ropa.json", "incompleteOnly=yes", "incompleteOnly"],
    ["ropa.json", "activityIds=nope", "activityIds"],
    ["ropa.json", "processorId=nope", "processorId"],
    ["ropa.json", "legalbasis=CONSENT", "legalbasis"],
    ["ropa.json", "lang=en&lang=da", "lang"],
    ["ropa.json", "asOf=2999-01-01", "asOf"],
  ];
  for (const [path, qs, field] of bad) {
    const res = await get(key, path, qs);
    const body = (await res.json()) as any;
    expect({ qs, status: res.status, field: body.error?.field }).toEqual({ qs, status: 400, field });
    expect(body.error.message).toMatch(new RegExp(field));
  }
  const res = await get(key, "ropa.csv", "asOf=2026-13-01");
  expect(await res.json()).toEqual({
    error: { code: "INVALID", field: "asOf", message: "asOf must be a date (YYYY-MM-DD)" },
  });
});

test("no key: 401; another tenant sees an empty record, never ours", async () => {
  for (const path of ["ropa.csv", "ropa.xlsx", "ropa.json"]) {
    expect((await get(null, path)).status).toBe(401);
    expect((await get("not-a-key", path)).status).toBe(401);
  }
  const other = await app.newOrganization("Other controller");
  const theirs = (await (await get(other.key, "ropa.json")).json()) as any;
  expect(theirs.controller.name).toBe("Other controller");
  expect(theirs.records).toEqual([]);
  const filtered = (await (
    await get(other.key, "ropa.json", `activityIds=${encodeURIComponent(records[0].activityId)}`)
  ).json()) as any;
  expect(filtered.records).toEqual([]);
  const csv = await csvRows(await get(other.key, "ropa.csv", "granularity=recipient"));
  expect(csv.headers).toEqual(ropaColumns("en", "recipient").map((c) => c.header));
  expect(csv.rows).toEqual([]);
  const workbook = await xlsx(await get(other.key, "ropa.xlsx"));
  const sheet = sheetRows(workbook.getWorksheet("Record")!, ropaColumns("en", "activity").length);
  expect(sheet).toEqual([ropaColumns("en", "activity").map((c) => c.header)]);
  for (const r of records) expect(JSON.stringify(theirs)).not.toContain(r.name);
  // Our processor's id, asked by another tenant: 400 naming processorId, as the evidence manifest answers, in the
  // same words as an id of no processor at all (it answered 200 with an empty file).
  const ourProcessor = records.flatMap((r) => r.recipients).find((x) => x.processor)!.processor!.id;
  for (const [path, id] of [
    ["ropa.csv", ourProcessor],
    ["ropa.json", ourProcessor],
    ["ropa.xlsx", ourProcessor],
    ["ropa.csv", toGlobalId("Processor", "00000000-0000-4000-8000-000000000000")],
  ]) {
    const res = await get(other.key, path, `processorId=${encodeURIComponent(id)}`);
    expect({ path, status: res.status, body: await res.json() }).toEqual({
      path,
      status: 400,
      body: {
        error: {
          code: "INVALID",
          field: "processorId",
          message: "processorId does not name a processor of your organization.",
        },
      },
    });
  }
  const manifest = await get(other.key, "evidence-manifest.json", `processorId=${encodeURIComponent(ourProcessor)}`);
  expect(manifest.status).toBe(400);
  expect(((await manifest.json()) as any).error).toEqual({
    code: "INVALID",
    field: "processorId",
    message: "processorId does not name a processor of your organization.",
  });
});

// The CSV builds a transfer's path only where a sentence shows it; the order and the sentences stay GraphQL's.
// Last: it adds a transfer without a mechanism, which the tests above do not expect.
test("CSV: the transfers in the GraphQL record's order, and the sentences naming a transfer's path", async () => {
  const ids = await app.gql(key, `query { processors(first: 100) { edges { node { id name } } } }`);
  const capturi = ids.data.processors.edges.find((e: any) => e.node.name === "Capturi").node.id;
  const created = await app.gql(
    key,
    `mutation { createProcessor(input: { name: "Nomech Inc", countryCode: "US" }) { processor { id } } }`,
  );
  const engaged = await app.gql(
    key,
    `mutation($input: CreateSubprocessorEngagementInput!) { createSubprocessorEngagement(input: $input) { ` +
      `userErrors { message } } }`,
    {
      input: {
        processorId: capturi,
        subprocessorId: created.data.createProcessor.processor.id,
        countries: ["US"],
        transferMechanism: "UNKNOWN",
      },
    },
  );
  expect(engaged.data.createSubprocessorEngagement.userErrors).toEqual([]);
  const res = await app.gql(
    key,
    `query { recordsOfProcessing { records { name missingDetails transfers { recipient country path } } } }`,
  );
  expect(res.errors).toBeUndefined();
  const gql = res.data.recordsOfProcessing.records as {
    name: string;
    missingDetails: string[];
    transfers: { recipient: string; country: string | null; path: string[] }[];
  }[];
  // The demo data has a transfer without a valid mechanism: its sentence names the path.
  expect(gql.some((r) => r.missingDetails.some((d) => / via .+ → /.test(d)))).toBe(true);
  const { rows } = await csvRows(await get(key, "ropa.csv"));
  expect(rows.map((r) => r["Missing elements (details)"])).toEqual(gql.map((r) => r.missingDetails.join("; ")));
  const transfers = (cell: string) => (cell ? cell.split("; ").map((t) => t.replace(/ \(.*$/, "")) : []);
  expect(rows.map((r) => transfers(r["Third-country transfers (country, mechanism)"]))).toEqual(
    gql.map((r) => r.transfers.map((t) => `${t.recipient}: ${t.country ?? "country not stated"}`)),
  );
});
