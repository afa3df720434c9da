// A controller's vendor register as people keep it in Excel, built at run time: Danish headings of its own
// (not the template's), a title row above the headings, blank rows, CVR numbers with spaces and DK
// prefixes, countries as codes and Danish or English names, dates in four forms, Danish yes/no, a formula
// column, a sub-processor sheet and a sheet of agreements' key terms. Used by test/e2e/register-import.test.ts
// (300 vendors, with rows that must be rejected) and bench/register-import.ts (10,000 vendors).
import ExcelJS from "exceljs";

export const PROCESSOR_SHEET = "Leverandøroversigt";
export const SUB_SHEET = "Underleverandører";
export const AGREEMENT_SHEET = "Databehandleraftaler";

/** The processor sheet's headings: A name, B CVR, C country, D e-mail, E website, F status, G direct, H DPF date,
 * I legal name (a formula), J description (a heading the importer does not know), K an internal note, L business
 * owner, M criticality, N renewal date, O notice date, P tags. */
export const PROCESSOR_HEADINGS = [
  "Leverandør ",
  "CVR nr",
  "Hjemland",
  "Kontakt (e-mail)",
  "Hjemmeside",
  "Status",
  "Direkte?",
  "DPF-certificeret siden",
  "Juridisk navn",
  "Beskrivelse af ydelsen",
  "Intern bemærkning",
  "Forretningsejer",
  "Kritikalitet",
  "Fornyes",
  "Opsigelsesfrist",
  "Tags",
];
const CRITICALITY = [
  ["Høj", "HIGH"],
  ["middel", "MEDIUM"],
  ["KRITISK", "CRITICAL"],
  ["Lav", "LOW"],
];
const TAGS = [
  ["HR, Løn", ["HR", "Løn"]],
  ["IT;Drift", ["IT", "Drift"]],
  ["Økonomi", ["Økonomi"]],
] as const;

const COUNTRIES = ["Danmark", "DK", "Irland", "IE", "USA", "Storbritannien", "Tyskland", "Sverige", "dk", "Holland"];
const COUNTRY_CODE: Record<string, string> = {
  Danmark: "DK",
  DK: "DK",
  Irland: "IE",
  IE: "IE",
  USA: "US",
  Storbritannien: "GB",
  Tyskland: "DE",
  Sverige: "SE",
  dk: "DK",
  Holland: "NL",
};
const STATUSES = ["Aktiv", "aktiv", "ACTIVE", "Under udfasning", "Ophørt", " Aktiv "];
const YES = ["Ja", "ja", "X", "JA", "yes"];
export const CLOUDS = [
  ["Amazon Web Services EMEA SARL", "Irland, USA", "Standardkontraktbestemmelser"],
  ["Microsoft Ireland Operations Ltd", "IE", "EU/EØS"],
  ["Google Cloud EMEA Limited", "Irland og Belgien", "EU/EØS"],
  ["Salesforce Inc.", "USA", "DPF"],
  ["Twilio Inc.", "US", "SCC"],
  ["Hetzner Online GmbH", "Tyskland", "Ikke relevant"],
  ["OVH SAS", "Frankrig", "eøs"],
  ["Zendesk Inc.", "USA; Irland", "Data Privacy Framework"],
  ["Atlassian Pty Ltd", "Australien", "standard contractual clauses"],
  ["Cloudflare Inc.", "United States", "DPF"],
] as const;

export const cvrOf = (i: number) => `3${String(i).padStart(7, "0")}`;
export const vendorName = (i: number) => `Leverandør ${String(i).padStart(5, "0")}`;

/** The CVR as the register writes it: with a DK prefix, spaced, as a number, with a dash, or left out. */
function cvrCell(i: number): string | number | null {
  const cvr = cvrOf(i);
  switch (i % 5) {
    case 0:
      return `DK${cvr}`;
    case 1:
      return `${cvr.slice(0, 2)} ${cvr.slice(2, 4)} ${cvr.slice(4, 6)} ${cvr.slice(6)}`;
    case 2:
      return Number(cvr);
    case 3:
      return `DK-${cvr.slice(0, 2)} ${cvr.slice(2, 4)} ${cvr.slice(4, 6)} ${cvr.slice(6)}`;
    default:
      return i % 10 === 4 ? null : cvr;
  }
}

/** 2023-07-10 in one of four forms: ISO, dd-mm-yyyy, dd.mm.yyyy, or a date cell (an Excel serial). */
function dateCell(i: number): string | Date {
  switch (i % 4) {
    case 0:
      return "2023-07-10";
    case 1:
      return "10-07-2023";
    case 2:
      return "10.07.2023";
    default:
      return new Date(Date.UTC(2023, 6, 10));
  }
}

export interface VendorFacts {
  name: string;
  cvr: string | null;
  country: string;
  status: string;
  direct: boolean;
  dpf: string | null;
  criticality: string;
  renewalOn: string;
  noticeOn: string;
  tags: string[];
}

/** What row i of the register says, as the importer should read it. */
export function vendorFacts(i: number): VendorFacts {
  const country = COUNTRIES[i % COUNTRIES.length];
  const status = STATUSES[i % STATUSES.length].trim();
  return {
    name: vendorName(i),
    cvr: cvrCell(i) === null ? null : cvrOf(i),
    country: COUNTRY_CODE[country],
    status: status === "Under udfasning" ? "OFFBOARDING" : status === "Ophørt" ? "TERMINATED" : "ACTIVE",
    direct: i % 17 !== 0,
    dpf: COUNTRY_CODE[country] === "US" ? "2023-07-10" : null,
    criticality: CRITICALITY[i % 4][1],
    renewalOn: "2026-01-01",
    noticeOn: "2025-10-01",
    tags: [...TAGS[i % 3][1]],
  };
}

export interface RegisterOptions {
  vendors: number;
  /** Vendors (1..n) that engage two cloud sub-processors each and the next vendor. */
  withSubprocessors: number;
  /** Vendors (1..n) with a DPA row on the agreements sheet. */
  withAgreements: number;
  /** Add the rows the importer must reject (bad country, impossible date, …). */
  badRows: boolean;
}

export interface BuiltRegister {
  workbook: ExcelJS.Workbook;
  /** Spreadsheet row of vendor i on the processor sheet. */
  rowOfVendor: Map<number, number>;
  /** Spreadsheet rows of the bad rows, by what is wrong. */
  bad: Record<string, { sheet: string; row: number; column: string }>;
}

export function buildRegister(options: RegisterOptions): BuiltRegister {
  const workbook = new ExcelJS.Workbook();
  const bad: BuiltRegister["bad"] = {};
  const rowOfVendor = new Map<number, number>();

  const ws = workbook.addWorksheet(PROCESSOR_SHEET);
  ws.addRow(["Leverandørregister 2025 – Eksempel Kommune"]);
  ws.addRow([]);
  ws.addRow(PROCESSOR_HEADINGS);
  for (let i = 1; i <= options.vendors; i++) {
    if (i % 50 === 0) ws.addRow([]); // blank rows, as people leave them
    const f = vendorFacts(i);
    const row = ws.addRow([
      f.name,
      cvrCell(i),
      COUNTRIES[i % COUNTRIES.length],
      `privacy@vendor${i}.example`,
      `https://vendor${i}.example`,
      STATUSES[i % STATUSES.length],
      f.direct ? YES[i % YES.length] : "Nej",
      f.dpf ? dateCell(i) : null,
      null,
      `Drift af system nr. ${i}`,
      i % 3 === 0 ? "Genforhandles i 2026" : null,
      `Ejer ${i % 7}`,
      CRITICALITY[i % 4][0],
      i % 2 ? "01-01-2026" : new Date(Date.UTC(2026, 0, 1)),
      i % 2 ? "01.10.2025" : "2025-10-01",
      TAGS[i % 3][0],
    ]);
    // Juridisk navn: a formula with its cached value, as Excel saves it.
    row.getCell(9).value = { formula: `A${row.number}&" A/S"`, result: `${f.name} A/S` } as ExcelJS.CellFormulaValue;
    rowOfVendor.set(i, row.number);
  }
  if (options.badRows) {
    const add = (key: string, column: string, cells: (string | number | null)[]) => {
      const row = ws.addRow(cells);
      bad[key] = { sheet: PROCESSOR_SHEET, row: row.number, column };
    };
    add("unknownCountry", "C", ["Atlantis Data ApS", "DK 40 00 00 01", "Atlantis", null, null, "Aktiv", "Ja"]);
    add("impossibleDate", "H", ["Februar Cloud Inc.", null, "USA", null, null, "Aktiv", "Ja", "31.02.2024"]);
    add("wrongType", "G", ["Måske Hosting A/S", "40000003", "DK", null, null, "Aktiv", "måske"]);
    add("duplicate", "B", ["Leverandør 5 (dublet)", `DK ${cvrOf(5)}`, "DK", null, null, "Aktiv", "Ja"]);
    add("missingName", "A", [null, "40000005", "DK", null, null, "Aktiv", "Ja"]);
    add("badEmail", "D", ["Posthus ApS", "40000006", "DK", "ikke-en-mail", null, "Aktiv", "Ja"]);
    const late = [null, null, null, null, null, "2026-01-01", "2026-03-01"]; // H–M empty, N renewal, O notice
    add("noticeAfterRenewal", "O", ["Sen Opsigelse A/S", "40000007", "DK", null, null, "Aktiv", "Ja", null, ...late]);
  }

  if (options.withSubprocessors) {
    const subs = workbook.addWorksheet(SUB_SHEET);
    subs.addRow(["Leverandør", "Underleverandør", "Land", "Overførselsgrundlag", "Formål"]);
    for (let i = 1; i <= options.withSubprocessors; i++) {
      const [a, b] = [CLOUDS[i % CLOUDS.length], CLOUDS[(i + 3) % CLOUDS.length]];
      // The parent by name, or by CVR (as written on the processor sheet) every third row.
      const parent = i % 3 === 0 && vendorFacts(i).cvr ? `DK ${cvrOf(i)}` : vendorName(i);
      subs.addRow([parent, a[0], a[1], a[2], "Hosting"]);
      subs.addRow([vendorName(i), b[0], b[1], b[2], "Support og drift"]);
      // A vendor of the register as another's sub-processor: no new record for it.
      if (i < options.vendors) subs.addRow([vendorName(i), vendorName(i + 1), "DK", "EU/EØS", "Underleverance"]);
    }
    if (options.badRows) {
      const unknown = subs.addRow(["Ukendt Firma ApS", "Amazon Web Services EMEA SARL", "IE", "SCC", "Hosting"]);
      bad.unknownParent = { sheet: SUB_SHEET, row: unknown.number, column: "A" };
      const dup = subs.addRow([vendorName(1), CLOUDS[1][0], "IE", "SCC", "Hosting (igen)"]);
      bad.duplicatePair = { sheet: SUB_SHEET, row: dup.number, column: "B" };
      const mech = subs.addRow([vendorName(2), "Ny Leverandør ApS", "DK", "telepati", "Test"]);
      bad.badMechanism = { sheet: SUB_SHEET, row: mech.number, column: "D" };
    }
  }

  if (options.withAgreements) {
    const agreements = workbook.addWorksheet(AGREEMENT_SHEET);
    agreements.addRow([
      "Leverandør",
      "Aftale",
      "Skabelon",
      "Underskrevet",
      "Gældende fra",
      "Kategorier",
      "Brud (timer)",
    ]);
    for (let i = 1; i <= options.withAgreements; i++) {
      agreements.addRow([
        vendorName(i),
        "Databehandleraftale",
        i % 2 ? "Datatilsynets standard" : "Leverandørens egen",
        dateCell(i),
        "01-08-2023",
        i % 2 ? "user.contact.email; Account information" : "Contact data",
        i % 4 === 0 ? null : 48,
      ]);
    }
    if (options.badRows) {
      const row = agreements.addRow([vendorName(3), "Tillæg", "Anden", "2024-01-01", null, "Skostørrelse"]);
      bad.unknownCategory = { sheet: AGREEMENT_SHEET, row: row.number, column: "F" };
    }
  }
  return { workbook, rowOfVendor, bad };
}

export async function registerXlsx(options: RegisterOptions): Promise<{ bytes: Buffer; built: BuiltRegister }> {
  const built = buildRegister(options);
  return { bytes: Buffer.from(await built.workbook.xlsx.writeBuffer()), built };
}
