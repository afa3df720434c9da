// The register import's pure rules: headings as users write them, every value form, and the planner's
// matching, duplicates and row actions. No database.
import { companyNameKey as nameKey, registrationKey } from "../../src/modules/processors/processor.rules";
import {
  columnLetter,
  parseCategories,
  parseCountries,
  parseCountry,
  parseDate,
  parseEnum,
  parseInt32,
  parseRegistration,
  parseTags,
  parseYesNo,
} from "../../src/modules/register-import/register-values.rules";
import {
  detectSheet,
  fieldOfHeading,
  planRegister,
  Register,
  SourceSheet,
} from "../../src/modules/register-import/register-import.rules";
import { detectDelimiter, zipTotals } from "../../src/modules/register-import/register-file";
import { targetField } from "../../src/modules/register-import/register-fields";
import { formatValue, registerLayout } from "../../src/modules/register-import/register-layout.rules";

const value = <T>(p: { ok: true; value: T } | { ok: false }) => (p.ok ? p.value : undefined);
const code = (p: { ok: boolean; code?: string }) => (p.ok ? "ok" : p.code);

describe("headings", () => {
  test.each([
    ["Navn", "name"],
    ["  NAVN ", "name"],
    ["Leverandør", "name"],
    ["Leverandoer", "name"],
    ["leverandor", null],
    ["Vendor name", "name"],
    ["CVR-nr.", "registrationNumber"],
    ["cvr nr", "registrationNumber"],
    ["CVR nummer", "registrationNumber"],
    ["Registration Number", "registrationNumber"],
    ["Hjemland", "countryCode"],
    ["Country", "countryCode"],
    ["Kontakt (e-mail)", "contactEmail"],
    ["E-mail", "contactEmail"],
    ["Direkte?", "direct"],
    ["Kritikalitet", "businessCriticality"],
    ["Fornyelsesdato", "renewalOn"],
    ["Beskrivelse af ydelsen", null],
  ])("%s → %s on a processor sheet", (heading, field) => {
    expect(fieldOfHeading("processors", heading)?.key ?? null).toBe(field);
  });

  test("the same heading means different fields on different sheets", () => {
    expect(fieldOfHeading("processors", "Land")?.key).toBe("countryCode");
    expect(fieldOfHeading("subprocessors", "Land")?.key).toBe("countries");
    expect(fieldOfHeading("subprocessors", "Leverandør")?.key).toBe("parent");
    expect(fieldOfHeading("agreements", "Leverandør")?.key).toBe("processor");
  });

  test("the header row is found below title rows; the kind by sheet name, else by headings", () => {
    const sheet: SourceSheet = { name: "Ark1", rows: [["Leverandører 2025"], [], ["Navn", "CVR", "Land"], ["A", 1]] };
    expect(detectSheet(sheet)).toEqual({ kind: "processors", headerIndex: 2 });
    expect(detectSheet({ name: "Underleverandører", rows: [["Databehandler", "Underdatabehandler"]] })).toEqual({
      kind: "subprocessors",
      headerIndex: 0,
    });
    expect(detectSheet({ name: "Noter", rows: [["Navn", "Land"]] })).toEqual({ kind: null, headerIndex: null });
    // Headings without the identifying column are not a register.
    expect(detectSheet({ name: "Ark2", rows: [["Land", "Status"]] })).toEqual({ kind: null, headerIndex: null });
  });

  test("column letters", () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(["A", "Z", "AA", "AB", "ZZ", "AAA"]);
  });
});

describe("values", () => {
  test.each([
    ["12345678", "12345678"],
    ["12 34 56 78", "12345678"],
    ["DK12345678", "12345678"],
    ["DK 12 34 56 78", "12345678"],
    ["dk-12345678", "12345678"],
    ["CVR-nr. 12 34 56 78", "12345678"],
    ["12.34.56.78", "12345678"],
    [12345678, "12345678"],
    ["IE 6388047V", "IE 6388047V"],
  ])("registration number %p → %p", (cell, number) => {
    expect(value(parseRegistration(cell))).toMatchObject({ number });
  });

  test("a DK number that is not 8 digits is refused; registration numbers compare in one form", () => {
    expect(code(parseRegistration("DK 1234567"))).toBe("INVALID");
    expect(registrationKey("DK 12 34 56 78")).toBe(registrationKey("12345678"));
    expect(registrationKey("IE 6388047V")).toBe(registrationKey("ie6388047v"));
  });

  test.each([
    ["DK", "DK"],
    ["dk", "DK"],
    ["Irland", "IE"],
    ["Ireland", "IE"],
    ["USA", "US"],
    ["United States", "US"],
    ["Storbritannien", "GB"],
    ["UK", "GB"],
    ["Tyskland", "DE"],
    ["Holland", "NL"],
    ["Schweiz", "CH"],
    ["Sydafrika", "ZA"],
    ["Japan", "JP"],
    ["Færøerne", "FO"],
  ])("country %p → %p", (cell, iso) => {
    expect(value(parseCountry(cell))).toBe(iso);
  });

  test("unknown countries are refused with the vocabulary's code; lists split on , ; / og and", () => {
    expect(code(parseCountry("Atlantis"))).toBe("INVALID_COUNTRY_CODE");
    expect(code(parseCountry("XX"))).toBe("INVALID_COUNTRY_CODE");
    expect(value(parseCountries("Irland, USA; Tyskland/Sverige og Norge"))).toEqual(["IE", "US", "DE", "SE", "NO"]);
    expect(value(parseCountries("IE, ie, Irland"))).toEqual(["IE"]);
    expect(code(parseCountries("Irland, Atlantis"))).toBe("INVALID_COUNTRY_CODE");
  });

  test("names with 'and'/'og' are one country, alone and in lists", () => {
    expect(
      ["Trinidad and Tobago", "Trinidad og Tobago", "Trinidad & Tobago"].map((c) => value(parseCountry(c))),
    ).toEqual(["TT", "TT", "TT"]);
    expect(value(parseCountry("Bosnia and Herzegovina"))).toBe("BA");
    expect(value(parseCountry("Saint Kitts and Nevis"))).toBe("KN");
    expect(value(parseCountries("Bosnia and Herzegovina"))).toEqual(["BA"]);
    expect(value(parseCountries("Danmark og Bosnia and Herzegovina, Trinidad and Tobago and Sverige"))).toEqual([
      "DK",
      "BA",
      "TT",
      "SE",
    ]);
    expect(value(parseCountries("Antigua and Barbuda og Norge"))).toEqual(["AG", "NO"]);
    expect((parseCountries("Irland and Atlantis") as { rule: string }).rule).toMatch(/^"Atlantis" is not a country/);
  });

  test.each([
    ["2024-03-01", "2024-03-01"],
    ["2024-3-1", "2024-03-01"],
    ["01-03-2024", "2024-03-01"],
    ["1.3.2024", "2024-03-01"],
    ["01.03.2024", "2024-03-01"],
    ["01/03/2024", "2024-03-01"],
    ["2024-03-01T00:00:00Z", "2024-03-01"],
    ["45352", "2024-03-01"],
    ["29.02.2024", "2024-02-29"],
  ])("date %p → %p", (cell, iso) => {
    expect(value(parseDate(cell))).toBe(iso);
  });

  test("impossible dates and non-dates are refused", () => {
    expect(code(parseDate("31.02.2024"))).toBe("OUT_OF_RANGE");
    expect(code(parseDate("29-02-2023"))).toBe("OUT_OF_RANGE");
    expect(code(parseDate("2024-13-01"))).toBe("OUT_OF_RANGE");
    expect(code(parseDate("snart"))).toBe("INVALID");
  });

  test("a number cell is not a date (a workbook's date-formatted cells are read as ISO dates)", () => {
    for (const n of [2025, 24, 45352, -3]) {
      expect(code(parseDate(n))).toBe("INVALID");
      expect((parseDate(n) as { rule: string }).rule).toMatch(new RegExp(`^${n} is a number, not a date`));
    }
  });

  test("yes/no in Danish and English", () => {
    expect(["Ja", "ja", "J", "x", "Yes", "1", true].map((c) => value(parseYesNo(c)))).toEqual(Array(7).fill(true));
    expect(["Nej", "n", "No", "0", false].map((c) => value(parseYesNo(c)))).toEqual(Array(5).fill(false));
    expect(code(parseYesNo("måske"))).toBe("INVALID");
  });

  test("enum values by code or word; whole numbers", () => {
    const mechanism = targetField("subprocessors", "transferMechanism")?.values ?? {};
    expect(
      ["SCC", "scc", "Standardkontraktbestemmelser", "EU/EØS", "eoes", "DPF"].map((c) =>
        value(parseEnum(c, mechanism)),
      ),
    ).toEqual(["SCC", "SCC", "SCC", "NOT_NEEDED_EEA", "NOT_NEEDED_EEA", "DPF"]);
    expect(code(parseEnum("telepati", mechanism))).toBe("INVALID");
    expect(value(parseInt32("48"))).toBe(48);
    expect(value(parseInt32(" 72,0 "))).toBe(72);
    expect(code(parseInt32("to døgn"))).toBe("INVALID");
    expect(code(parseInt32(-1))).toBe("OUT_OF_RANGE");
  });

  test("data categories by key or label; tags as the processor stores them", () => {
    const vocabulary = [
      { key: "user.contact.email", name: "Email address" },
      { key: "user.account", name: "Account information" },
    ];
    expect(value(parseCategories("user.contact.email; Account information", vocabulary))).toEqual([
      "user.contact.email",
      "user.account",
    ]);
    expect(value(parseCategories("ACCOUNT  INFORMATION\nuser.account", vocabulary))).toEqual(["user.account"]);
    expect(code(parseCategories("Skostørrelse", vocabulary))).toBe("NOT_FOUND");
    expect(value(parseTags(" HR ,løn; HR\nIT "))).toEqual(["HR", "løn", "IT"]);
    // Characters, not UTF-16 units, as the API counts them: a tag of 50 emoji fits, 51 do not.
    expect(value(parseTags("😀".repeat(50)))).toEqual(["😀".repeat(50)]);
    expect(parseTags("😀".repeat(51)).ok).toBe(false);
  });

  test("tags holding a separator or a quote come back whole from the cell the export writes", () => {
    const field = targetField("processors", "tags")!;
    for (const tags of [
      ["a,b", "c;d", "plain"],
      ['"quoted"', 'say "hi"', "x"],
      ['"', "a, b; c", "'-x"],
    ])
      expect(value(parseTags(formatValue(field, tags, "da")))).toEqual(tags);
    expect(value(parseTags('"unclosed, x'))).toEqual(['"unclosed', "x"]);
  });

  test("company names match without case, accents, punctuation and company forms", () => {
    expect(nameKey("Microsoft Ireland Operations Ltd.")).toBe(nameKey("microsoft ireland operations limited"));
    expect(nameKey("Capturi A/S")).toBe(nameKey("CAPTURI"));
    expect(nameKey("Økonomi-Data ApS")).toBe(nameKey("økonomi data"));
    expect(nameKey("A/S")).toBe("a s");
    expect(nameKey("Visma")).not.toBe(nameKey("Visma Enterprise"));
  });
});

describe("files", () => {
  test("the CSV delimiter is the most frequent of ; , tab in the first line, outside quotes", () => {
    expect(detectDelimiter("Navn;CVR;Land\n")).toBe(";");
    expect(detectDelimiter('Name,"Reg; no",Country\n')).toBe(",");
    expect(detectDelimiter("a\tb\tc\n")).toBe("\t");
  });

  test("a zip's declared unpacked size is read from its central directory", () => {
    expect(zipTotals(Buffer.from("not a zip"))).toBeNull();
  });
});

describe("the plan", () => {
  const empty: Register = { processors: [], engagements: [], agreements: [], categories: [] };
  const registered = (over: Record<string, unknown>) => ({
    id: "p1",
    version: 3,
    name: "Capturi",
    legalName: null,
    registrationNumber: null,
    countryCode: "DK",
    ...over,
  });

  test("matches by registration number, then by name; UPDATE names the changed fields, else UNCHANGED", async () => {
    const register = { ...empty, processors: [registered({ registrationNumber: "DK 12 34 56 78" })] };
    const byNumber = await planRegister(
      [
        {
          name: "P",
          rows: [
            ["Navn", "CVR", "Land"],
            ["Capturi Danmark", "12345678", "Irland"],
          ],
        },
      ],
      [],
      register,
    );
    expect(byNumber.rows[0]).toMatchObject({
      action: "UPDATE",
      recordId: "p1",
      recordVersion: 3,
      changes: [
        { field: "name", from: "Capturi", to: "Capturi Danmark" },
        { field: "countryCode", from: "DK", to: "IE" },
      ],
    });
    const byName = await planRegister(
      [
        {
          name: "P",
          rows: [
            ["Navn", "Land"],
            ["CAPTURI A/S", "dk"],
          ],
        },
      ],
      [],
      register,
    );
    expect(byName.rows[0]).toMatchObject({ action: "UPDATE", changes: [{ field: "name" }] });
    const same = await planRegister(
      [
        {
          name: "P",
          rows: [
            ["Navn", "CVR", "Land"],
            ["Capturi", "DK12345678", "DK"],
          ],
        },
      ],
      [],
      register,
    );
    expect(same.rows[0].action).toBe("UNCHANGED");
  });

  test("a name match with another registration number is refused, never a second record", async () => {
    const register = { ...empty, processors: [registered({ registrationNumber: "12345678" })] };
    const plan = await planRegister(
      [
        {
          name: "P",
          rows: [
            ["Navn", "CVR"],
            ["Capturi ApS", "87654321"],
          ],
        },
      ],
      [],
      register,
    );
    expect(plan.rows[0].action).toBe("REJECTED");
    expect(plan.problems[0]).toMatchObject({ row: 2, column: "B", code: "DUPLICATE" });
  });

  test("duplicates within the file, empty rows, unknown columns and missing required columns", async () => {
    const plan = await planRegister(
      [
        {
          name: "P",
          rows: [["Navn", "CVR", "Farve"], ["A A/S", "11111111", "rød"], [null, "  "], ["B", "DK 11 11 11 11"], ["a"]],
        },
        {
          name: "Q",
          rows: [
            ["CVR", "Land"],
            ["22222222", "DK"],
          ],
        },
      ],
      [],
      empty,
    );
    expect(plan.rows.map((r) => [r.row, r.action])).toEqual([
      [2, "CREATE"],
      [4, "REJECTED"],
      [5, "REJECTED"],
    ]);
    expect(plan.sheets[0]).toMatchObject({ rowsRead: 3, emptyRowsSkipped: 1 });
    expect(plan.problems.map((p) => [p.sheet, p.row, p.column, p.code, p.severity])).toEqual([
      ["P", 1, "C", "INVALID", "WARNING"],
      ["Q", null, null, "INVALID", "WARNING"],
      ["P", 4, "B", "DUPLICATE", "ERROR"],
      ["P", 5, "A", "DUPLICATE", "ERROR"],
    ]);
    // Sheet Q has no name column: it is not read as a register, and says so.
    expect(plan.sheets[1].kind).toBeNull();
    const named = await planRegister(
      [
        {
          name: "Databehandlere",
          rows: [
            ["CVR", "Land"],
            ["22222222", "DK"],
          ],
        },
      ],
      [],
      empty,
    );
    expect(named.blocking).toBe(1);
    expect(named.problems[0]).toMatchObject({ row: null, field: "name", code: "REQUIRED", severity: "ERROR" });
  });

  test("a correction re-plans; a sub-processor named by several vendors is registered once", async () => {
    const sheets: SourceSheet[] = [
      {
        name: "Leverandører",
        rows: [
          ["Navn", "Hvad"],
          ["A", "Løn"],
          ["B", "Drift"],
        ],
      },
      {
        name: "Underleverandører",
        rows: [
          ["Leverandør", "Underleverandør", "Land", "Overførselsgrundlag"],
          ["A", "AWS EMEA SARL", "Irland", "SCC"],
          ["B", "aws emea", "IE", "Standardkontraktbestemmelser"],
          ["A", "B", "DK", "EU/EØS"],
          ["A", "A", "DK", "EU/EØS"],
        ],
      },
    ];
    const plan = await planRegister(
      sheets,
      [{ sheet: "Leverandører", column: "B", field: "serviceDescription" }],
      empty,
    );
    expect(plan.rows.filter((r) => r.kind === "processors").map((r) => [r.label, r.implicit ?? false])).toEqual([
      ["A", false],
      ["B", false],
      ["AWS EMEA SARL", true],
    ]);
    expect(plan.rows[0].values.serviceDescription).toBe("Løn");
    const engagements = plan.rows.filter((r) => r.kind === "subprocessors");
    expect(engagements.map((r) => [r.label, r.action])).toEqual([
      ["A → AWS EMEA SARL", "CREATE"],
      ["B → AWS EMEA SARL", "CREATE"],
      ["A → B", "CREATE"],
      ["A → A", "REJECTED"],
    ]);
    expect(engagements[0].values).toEqual({ countries: ["IE"], transferMechanism: "SCC" });
  });

  test("the export's layout plans back UNCHANGED", async () => {
    const register: Register = {
      processors: [
        registered({ registrationNumber: "12345678", direct: true, status: "ACTIVE", tags: ["HR", "Løn"] }),
        { id: "p2", version: 1, name: "AWS", countryCode: "IE", direct: false, status: "ACTIVE", tags: [] },
      ],
      engagements: [
        {
          id: "e1",
          version: 1,
          processorId: "p1",
          subprocessorId: "p2",
          countries: ["US", "IE"],
          transferMechanism: "SCC",
          status: "APPROVED",
          purpose: "Hosting",
        },
      ],
      agreements: [
        {
          id: "a1",
          version: 1,
          processorId: "p1",
          title: "DPA",
          template: "DATATILSYNET_SCC",
          status: "ACTIVE",
          signedOn: "2024-01-02",
          breachNotificationHours: 48,
          dataCategories: ["user.account"],
        },
      ],
      categories: [{ key: "user.account", name: "Account information" }],
    };
    for (const lang of ["da", "en"] as const) {
      const sheets = registerLayout(register, lang).map((s) => ({ name: s.name, rows: [s.headings, ...s.rows] }));
      const plan = await planRegister(sheets, [], register);
      expect({ lang, counts: plan.counts, problems: plan.problems }).toEqual({
        lang,
        counts: { create: 0, update: 0, unchanged: 4, rejected: 0 },
        problems: [],
      });
    }
  });
});

describe("cells and corrections the plan names as problems", () => {
  const empty: Register = { processors: [], engagements: [], agreements: [], categories: [] };
  const sheet = {
    name: "Databehandlere",
    rows: [
      ["Navn", "Land", "Kontraktstart"],
      ["Fejl ApS", "DK", { error: "#DIV/0!", formula: "1/0" }],
      ["Tom ApS", "DK", { error: null, formula: "TODAY()" }],
      ["Tal ApS", "DK", 2025],
    ],
  };

  test("an error cell, a formula without a saved result and a number in a date column are named", async () => {
    const plan = await planRegister([sheet], [], empty);
    expect(plan.problems.map((p) => [p.row, p.column, p.code, p.rule])).toEqual([
      [2, "C", "INVALID", expect.stringMatching(/^the formula =1\/0 gives the error #DIV\/0!/)],
      [3, "C", "INVALID", expect.stringMatching(/^the formula =TODAY\(\) has no saved result/)],
      [4, "C", "INVALID", expect.stringMatching(/^2025 is a number, not a date/)],
    ]);
    expect(plan.counts.rejected).toBe(3);
  });

  test.each([
    [
      [{ sheet: "Databehandlere", column: "ZZZ", field: "legalName" }],
      /column "ZZZ" is neither a column of the sheet \(A–C\)/,
    ],
    [[{ sheet: "Databehandlere", column: "1", field: "legalName" }], /column "1" is neither/],
    [
      [
        { sheet: "Databehandlere", column: "a", field: "name" },
        { sheet: "Databehandlere", column: "Navn", field: "legalName" },
      ],
      /column A is mapped twice \(to name and to legalName\)/,
    ],
  ])("correction %j blocks the plan", async (corrections, rule) => {
    const plan = await planRegister([sheet], corrections, empty);
    expect(plan.blocking).toBe(1);
    expect(plan.problems).toContainEqual(
      expect.objectContaining({ row: null, code: "INVALID", rule: expect.stringMatching(rule) }),
    );
  });
});
