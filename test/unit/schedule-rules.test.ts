import { addMonths } from "../../src/common/dates";
import {
  DEFAULT_DUE_SOON_DAYS,
  DEFAULT_INTERVAL_MONTHS,
  daysUntilDue,
  dueDayInYear,
  nextDueDate,
  nextFixedDeadline,
  supervisionStatus,
  type SupervisionTerms,
  matchesStatusFilter,
} from "../../src/modules/supervision/schedule.rules";

// Capturi: self-control report (egenkontrolrapport) due each 1 January, every 12 months.
const CAPTURI: SupervisionTerms = { intervalMonths: 12, dueDay: "01-01" };
// E-SG.Cloud: annual inspection, no fixed day.
const ESG_CLOUD: SupervisionTerms = { intervalMonths: 12, dueDay: null };

describe("defaults", () => {
  test("yearly supervision, 30-day warning window", () => {
    expect(DEFAULT_INTERVAL_MONTHS).toBe(12);
    expect(DEFAULT_DUE_SOON_DAYS).toBe(30);
  });
});

describe("addMonths", () => {
  test.each([
    ["2026-01-31", 1, "2026-02-28"],
    ["2028-01-31", 1, "2028-02-29"],
    ["2026-03-31", -1, "2026-02-28"],
    ["2028-03-31", -1, "2028-02-29"],
    ["2026-08-31", 6, "2027-02-28"],
    ["2026-05-31", 1, "2026-06-30"],
    ["2026-01-15", 0, "2026-01-15"],
    ["2026-11-30", 2, "2027-01-30"],
    ["2026-01-15", -13, "2024-12-15"],
    ["2026-12-31", -12, "2025-12-31"],
    ["2028-02-29", 12, "2029-02-28"],
    ["2028-02-29", 48, "2032-02-29"],
    ["2028-02-29", -12, "2027-02-28"],
    ["2025-11-30", 120, "2035-11-30"],
  ])("%s %+d months → %s", (iso, months, expected) => {
    expect(addMonths(iso, months)).toBe(expected);
  });

  test("clamping is not sticky: each call starts from the given day", () => {
    expect(addMonths(addMonths("2026-01-31", 1), 1)).toBe("2026-03-28");
    expect(addMonths("2026-01-31", 2)).toBe("2026-03-31");
  });

  test.each([
    "2026-02-30",
    "2026-13-01",
    "2026-00-10",
    "2026-1-01",
    "26-01-01",
    "2026-01-01T00:00:00Z",
    "",
    "2027-02-29",
  ])("rejects invalid date %p", (iso) => {
    expect(() => addMonths(iso, 1)).toThrow(RangeError);
  });

  test("rejects non-integer months", () => {
    expect(() => addMonths("2026-01-01", 1.5)).toThrow(RangeError);
    expect(() => addMonths("2026-01-01", Number.NaN)).toThrow(RangeError);
  });

  test("error message names the bad value", () => {
    expect(() => addMonths("2026-02-30", 1)).toThrow(/2026-02-30/);
  });
});

describe("dueDayInYear", () => {
  test.each([
    ["02-29", 2027, "2027-02-28"],
    ["02-29", 2028, "2028-02-29"],
    ["02-29", 2100, "2100-02-28"],
    ["02-29", 2000, "2000-02-29"],
    ["01-01", 2026, "2026-01-01"],
    ["12-31", 2026, "2026-12-31"],
    ["06-30", 2026, "2026-06-30"],
  ])("%s in %d → %s", (mmdd, year, expected) => {
    expect(dueDayInYear(mmdd, year)).toBe(expected);
  });

  test.each(["13-01", "02-30", "04-31", "00-10", "1-01", "01-1", "0101", ""])("rejects due day %p", (mmdd) => {
    expect(() => dueDayInYear(mmdd, 2026)).toThrow(RangeError);
  });

  test("rejects a non-integer year", () => {
    expect(() => dueDayInYear("01-01", 2026.5)).toThrow(RangeError);
  });
});

describe("nextFixedDeadline", () => {
  test.each([
    // 1 January every year
    ["01-01", 12, "2026-11-23", "2027-01-01"],
    ["01-01", 12, "2026-01-01", "2026-01-01"],
    ["01-01", 12, "2026-01-02", "2027-01-01"],
    ["01-01", 12, "2025-12-31", "2026-01-01"],
    // 29 February every year: 28 February in common years
    ["02-29", 12, "2027-01-10", "2027-02-28"],
    ["02-29", 12, "2027-03-01", "2028-02-29"],
    ["02-29", 12, "2028-02-29", "2028-02-29"],
    // twice a year from 31 January: 01-31, 07-31
    ["01-31", 6, "2026-02-01", "2026-07-31"],
    ["01-31", 6, "2026-01-31", "2026-01-31"],
    ["01-31", 6, "2026-08-01", "2027-01-31"],
    ["01-31", 6, "2026-07-31", "2026-07-31"],
    // twice a year from 1 January: 01-01, 07-01
    ["01-01", 6, "2026-03-15", "2026-07-01"],
    ["01-01", 6, "2026-07-02", "2027-01-01"],
    // every month from 31 January, clamped per step from the anchor: 01-31, 02-28, 03-31, 04-30
    ["01-31", 1, "2026-02-01", "2026-02-28"],
    ["01-31", 1, "2026-03-01", "2026-03-31"],
    ["01-31", 1, "2026-04-01", "2026-04-30"],
    ["01-31", 1, "2026-12-15", "2026-12-31"],
    // quarterly from 15 February: 02-15, 05-15, 08-15, 11-15
    ["02-15", 3, "2026-01-01", "2026-02-15"],
    ["02-15", 3, "2026-09-01", "2026-11-15"],
    ["02-15", 3, "2026-11-16", "2027-02-15"],
    // intervals over a year: the first deadline is the next occurrence of the due day
    ["01-01", 24, "2026-01-02", "2027-01-01"],
    ["01-01", 36, "2026-01-01", "2026-01-01"],
  ])("%s every %d months from %s → %s", (dueDay, interval, from, expected) => {
    expect(nextFixedDeadline(dueDay, interval, from)).toBe(expected);
  });

  test("validates its inputs", () => {
    expect(() => nextFixedDeadline("13-01", 12, "2026-01-01")).toThrow(RangeError);
    expect(() => nextFixedDeadline("01-01", 0, "2026-01-01")).toThrow(RangeError);
    expect(() => nextFixedDeadline("01-01", 12, "2026-02-30")).toThrow(RangeError);
  });
});

describe("nextDueDate: fixed due day (Capturi, 1 January every 12 months)", () => {
  test("never supervised, started 2026-11-23 → first 1 January after it", () => {
    expect(nextDueDate(CAPTURI, null, "2026-11-23")).toBe("2027-01-01");
  });

  test("never supervised, started exactly on a due day → that day counts", () => {
    expect(nextDueDate(CAPTURI, null, "2026-01-01")).toBe("2026-01-01");
  });

  test.each([
    ["2025-12-20", "2027-01-01"], // early report for 2026-01-01
    ["2026-01-01", "2027-01-01"], // on time
    ["2026-01-05", "2027-01-01"], // late report for 2026-01-01
    ["2026-06-30", "2027-01-01"], // nearest deadline still 2026-01-01
    ["2026-07-02", "2027-01-01"], // 182 vs 183 days: 2026-01-01
    ["2026-07-03", "2028-01-01"], // nearest deadline is 2027-01-01
    ["2026-12-31", "2028-01-01"],
  ])("report received %s → next due %s", (last, expected) => {
    expect(nextDueDate(CAPTURI, last, "2024-03-01")).toBe(expected);
  });

  test("a tie goes to the later deadline (2028 is a leap year: 183 days either side of 2028-07-02)", () => {
    expect(nextDueDate(CAPTURI, "2028-07-01", "2024-03-01")).toBe("2029-01-01");
    expect(nextDueDate(CAPTURI, "2028-07-02", "2024-03-01")).toBe("2030-01-01");
  });

  test("29 February due day follows leap years", () => {
    const terms: SupervisionTerms = { intervalMonths: 12, dueDay: "02-29" };
    expect(nextDueDate(terms, "2027-02-20", "2020-01-01")).toBe("2028-02-29");
    expect(nextDueDate(terms, "2028-03-02", "2020-01-01")).toBe("2029-02-28");
    expect(nextDueDate(terms, null, "2027-03-01")).toBe("2028-02-29");
  });

  test("null interval with a due day falls back to 12 months", () => {
    expect(nextDueDate({ intervalMonths: null, dueDay: "01-01" }, "2026-01-05", "2024-03-01")).toBe("2027-01-01");
  });

  test("a due day every 24 months steps two years from the satisfied deadline", () => {
    const terms: SupervisionTerms = { intervalMonths: 24, dueDay: "01-01" };
    expect(nextDueDate(terms, "2025-12-20", "2024-03-01")).toBe("2028-01-01");
    expect(nextDueDate(terms, "2025-01-10", "2024-03-01")).toBe("2027-01-01");
  });
});

describe("nextDueDate: 6-month fixed schedule (01-31 every 6 months: 01-31, 07-31)", () => {
  const terms: SupervisionTerms = { intervalMonths: 6, dueDay: "01-31" };

  test("never supervised, started 2026-02-01 → 2026-07-31", () => {
    expect(nextDueDate(terms, null, "2026-02-01")).toBe("2026-07-31");
  });

  test.each([
    ["2026-01-20", "2026-07-31"], // satisfies 2026-01-31
    ["2026-04-29", "2026-07-31"], // 88 days after 01-31, 93 before 07-31
    ["2026-05-02", "2027-01-31"], // nearer to 07-31
    ["2026-08-10", "2027-01-31"], // late for 07-31
  ])("supervised %s → next due %s", (last, expected) => {
    expect(nextDueDate(terms, last, "2025-01-01")).toBe(expected);
  });
});

describe("nextDueDate: monthly schedule clamps from the anchor", () => {
  const terms: SupervisionTerms = { intervalMonths: 1, dueDay: "01-31" };
  test("report on 2026-02-27 satisfies 02-28, next is 03-31 (not 03-28)", () => {
    expect(nextDueDate(terms, "2026-02-27", "2025-01-01")).toBe("2026-03-31");
  });
  test("report on 2026-03-30 satisfies 03-31, next is 04-30", () => {
    expect(nextDueDate(terms, "2026-03-30", "2025-01-01")).toBe("2026-04-30");
  });
});

describe("nextDueDate: interval only (E-SG.Cloud, annual inspection)", () => {
  test("last inspection 2025-11-30 → 2026-11-30", () => {
    expect(nextDueDate(ESG_CLOUD, "2025-11-30", "2024-01-01")).toBe("2026-11-30");
  });

  test("never inspected, started 2026-11-23 → 2027-11-23", () => {
    expect(nextDueDate(ESG_CLOUD, null, "2026-11-23")).toBe("2027-11-23");
  });

  test("null interval falls back to 12 months", () => {
    expect(nextDueDate({ intervalMonths: null, dueDay: null }, "2025-11-30", "2024-01-01")).toBe("2026-11-30");
    expect(nextDueDate({ intervalMonths: null, dueDay: null }, null, "2026-11-23")).toBe("2027-11-23");
  });

  test("month-end clamping applies", () => {
    expect(nextDueDate({ intervalMonths: 6, dueDay: null }, "2026-08-31", "2024-01-01")).toBe("2027-02-28");
    expect(nextDueDate({ intervalMonths: 12, dueDay: null }, "2028-02-29", "2024-01-01")).toBe("2029-02-28");
  });
});

describe("nextDueDate: validation", () => {
  test.each([0, 121, 1.5, -12, Number.NaN])("interval %p is a RangeError", (intervalMonths) => {
    expect(() => nextDueDate({ intervalMonths, dueDay: null }, null, "2026-01-01")).toThrow(RangeError);
    expect(() => nextDueDate({ intervalMonths, dueDay: "01-01" }, "2025-12-20", "2026-01-01")).toThrow(RangeError);
  });

  test("intervals 1 and 120 are accepted", () => {
    expect(nextDueDate({ intervalMonths: 1, dueDay: null }, "2026-01-31", "2026-01-01")).toBe("2026-02-28");
    expect(nextDueDate({ intervalMonths: 120, dueDay: null }, "2026-01-31", "2026-01-01")).toBe("2036-01-31");
  });

  test.each(["13-01", "02-30", "1-1", "00-01"])("due day %p is a RangeError", (dueDay) => {
    expect(() => nextDueDate({ intervalMonths: 12, dueDay }, null, "2026-01-01")).toThrow(RangeError);
    expect(() => nextDueDate({ intervalMonths: 12, dueDay }, "2025-12-20", "2026-01-01")).toThrow(RangeError);
  });

  test("invalid dates are RangeErrors with a clear message", () => {
    expect(() => nextDueDate(ESG_CLOUD, null, "2026-02-30")).toThrow(RangeError);
    expect(() => nextDueDate(ESG_CLOUD, null, "2026-02-30")).toThrow(/startOn.*2026-02-30/);
    expect(() => nextDueDate(ESG_CLOUD, "2026-02-30", "2026-01-01")).toThrow(/lastSupervisedOn.*2026-02-30/);
    expect(() => nextDueDate(CAPTURI, "2026/01/05", "2026-01-01")).toThrow(RangeError);
  });
});

describe("supervisionStatus", () => {
  const LAST = "2025-11-30";
  const status = (nextDueOn: string, today: string, dueSoonDays?: number) =>
    supervisionStatus({ nextDueOn, lastSupervisedOn: LAST, today, dueSoonDays });

  test("due today → DUE_SOON", () => {
    expect(status("2026-11-30", "2026-11-30")).toBe("DUE_SOON");
  });
  test("due in 30 days → DUE_SOON", () => {
    expect(status("2026-12-30", "2026-11-30")).toBe("DUE_SOON");
  });
  test("due in 31 days → OK with the default window", () => {
    expect(status("2026-12-31", "2026-11-30")).toBe("OK");
  });
  test("due yesterday → OVERDUE", () => {
    expect(status("2026-11-29", "2026-11-30")).toBe("OVERDUE");
  });
  test("long overdue → OVERDUE", () => {
    expect(status("2025-01-01", "2026-11-30")).toBe("OVERDUE");
  });
  test("custom window of 60 days", () => {
    expect(status("2027-01-29", "2026-11-30", 60)).toBe("DUE_SOON");
    expect(status("2027-01-30", "2026-11-30", 60)).toBe("OK");
    expect(status("2026-11-29", "2026-11-30", 60)).toBe("OVERDUE");
  });
  test("a window of 0 only warns on the due day", () => {
    expect(status("2026-11-30", "2026-11-30", 0)).toBe("DUE_SOON");
    expect(status("2026-12-01", "2026-11-30", 0)).toBe("OK");
  });
  test("the window counts across a leap day", () => {
    // 2028-02-01 → 2028-03-02 is 30 days because of 2028-02-29
    expect(status("2028-03-02", "2028-02-01")).toBe("DUE_SOON");
    expect(status("2028-03-03", "2028-02-01")).toBe("OK");
  });

  test("NEVER_SUPERVISED wins over OVERDUE, DUE_SOON and OK", () => {
    expect(supervisionStatus({ nextDueOn: "2026-01-01", lastSupervisedOn: null, today: "2026-11-30" })).toBe(
      "NEVER_SUPERVISED",
    );
    expect(supervisionStatus({ nextDueOn: "2026-11-30", lastSupervisedOn: null, today: "2026-11-30" })).toBe(
      "NEVER_SUPERVISED",
    );
    expect(supervisionStatus({ nextDueOn: "2028-01-01", lastSupervisedOn: null, today: "2026-11-30" })).toBe(
      "NEVER_SUPERVISED",
    );
  });

  test("validates its inputs", () => {
    expect(() => status("2026-02-30", "2026-01-01")).toThrow(RangeError);
    expect(() => status("2026-03-01", "2026-13-01")).toThrow(RangeError);
    expect(() =>
      supervisionStatus({ nextDueOn: "2026-03-01", lastSupervisedOn: "2026-02-30", today: "2026-01-01" }),
    ).toThrow(RangeError);
    expect(() => status("2026-03-01", "2026-01-01", -1)).toThrow(RangeError);
    expect(() => status("2026-03-01", "2026-01-01", 1.5)).toThrow(RangeError);
  });
});

describe("daysUntilDue", () => {
  test.each([
    ["2026-11-30", "2026-11-30", 0],
    ["2026-12-30", "2026-11-30", 30],
    ["2026-11-29", "2026-11-30", -1],
    ["2027-01-01", "2026-11-23", 39],
    ["2029-02-28", "2028-02-28", 366],
  ])("due %s, today %s → %d", (due, today, expected) => {
    expect(daysUntilDue(due, today)).toBe(expected);
  });

  test("rejects invalid dates", () => {
    expect(() => daysUntilDue("2026-02-30", "2026-01-01")).toThrow(RangeError);
    expect(() => daysUntilDue("2026-03-01", "2026-02-29")).toThrow(RangeError);
  });
});

describe("end to end: schedule → status", () => {
  test("Capturi on 2026-12-10, last report 2025-12-20 (satisfied 2026-01-01) → due 2027-01-01, due soon", () => {
    const nextDueOn = nextDueDate(CAPTURI, "2025-12-20", "2024-03-01");
    expect(nextDueOn).toBe("2027-01-01");
    expect(daysUntilDue(nextDueOn, "2026-12-10")).toBe(22);
    expect(supervisionStatus({ nextDueOn, lastSupervisedOn: "2025-12-20", today: "2026-12-10" })).toBe("DUE_SOON");
  });

  test("E-SG.Cloud on 2026-12-01, last inspection 2025-11-30 → overdue by one day", () => {
    const nextDueOn = nextDueDate(ESG_CLOUD, "2025-11-30", "2024-01-01");
    expect(daysUntilDue(nextDueOn, "2026-12-01")).toBe(-1);
    expect(supervisionStatus({ nextDueOn, lastSupervisedOn: "2025-11-30", today: "2026-12-01" })).toBe("OVERDUE");
  });
});

describe("matchesStatusFilter: a vendor never supervised is still due on its first deadline", () => {
  const never = (daysUntilDue: number) => ({ status: "NEVER_SUPERVISED" as const, daysUntilDue });
  test.each([
    [never(-1), ["OVERDUE"], true],
    [never(-1), ["DUE_SOON"], false],
    [never(0), ["DUE_SOON"], true],
    [never(30), ["DUE_SOON", "OVERDUE"], true],
    [never(31), ["DUE_SOON", "OVERDUE"], false],
    [never(400), ["NEVER_SUPERVISED"], true],
    [{ status: "OK" as const, daysUntilDue: 10 }, ["DUE_SOON"], false],
    [{ status: "OVERDUE" as const, daysUntilDue: -3 }, ["OVERDUE"], true],
  ] as const)("%j with %j → %s", (plan, wanted, expected) => {
    expect(matchesStatusFilter(plan, wanted as any, 30)).toBe(expected);
  });
});

describe("the calendar's end: a due date after 9999-12-31 is none (null), never an error", () => {
  test.each([
    [{ intervalMonths: 120, dueDay: null }, null, "9999-12-01", null], // the outside tester's DPA: year 10009
    [{ intervalMonths: 12, dueDay: null }, null, "9999-12-31", null],
    [{ intervalMonths: 1, dueDay: null }, null, "9999-11-30", "9999-12-30"],
    [{ intervalMonths: 1, dueDay: null }, null, "9999-12-01", null],
    [{ intervalMonths: 12, dueDay: "01-01" }, null, "9999-06-01", null], // anchored on 10000-01-01
    [{ intervalMonths: 1, dueDay: "06-01" }, null, "9999-07-02", "9999-08-01"],
    [{ intervalMonths: 12, dueDay: "12-31" }, null, "9999-06-01", "9999-12-31"],
    [{ intervalMonths: 12, dueDay: null }, "9999-12-15", "2025-01-01", null],
    [{ intervalMonths: 12, dueDay: "01-01" }, "9999-12-15", "2025-01-01", null],
    [{ intervalMonths: 6, dueDay: "01-01" }, "9999-03-01", "2025-01-01", "9999-07-01"],
    // Satisfies 9999-12-01 (the nearest deadline, anchored on 10000-01-01); the next, 10000-01-01, is none.
    [{ intervalMonths: 1, dueDay: "01-01" }, "9999-11-30", "2025-01-01", null],
    [{ intervalMonths: 1, dueDay: "01-01" }, "9999-11-10", "2025-01-01", "9999-12-01"],
  ] as const)("%j, last %s, from %s → %s", (terms, last, startOn, expected) => {
    expect(nextDueDate(terms, last, startOn)).toBe(expected);
  });

  test("no start or last supervision in 9998–9999 throws; a due date is after the last supervision", () => {
    const days = ["9998-01-31", "9998-12-31", "9999-01-01", "9999-02-28", "9999-06-30", "9999-11-30", "9999-12-31"];
    for (const intervalMonths of [1, 5, 6, 12, 18, 24, 120])
      for (const dueDay of [null, "01-01", "02-29", "06-30", "12-31"])
        for (const startOn of days)
          for (const last of [null, ...days]) {
            const due = nextDueDate({ intervalMonths, dueDay }, last, startOn);
            if (due !== null) expect(last === null ? due >= startOn : due > last).toBe(true);
          }
  });

  test("without a due date: nothing due, status OK once supervised (NEVER_SUPERVISED before)", () => {
    expect(daysUntilDue(null, "2026-12-01")).toBeNull();
    expect(supervisionStatus({ nextDueOn: null, lastSupervisedOn: "9999-12-15", today: "2026-12-01" })).toBe("OK");
    expect(supervisionStatus({ nextDueOn: null, lastSupervisedOn: null, today: "2026-12-01" })).toBe(
      "NEVER_SUPERVISED",
    );
    for (const wanted of [["OVERDUE"], ["DUE_SOON"]] as const)
      expect(matchesStatusFilter({ status: "NEVER_SUPERVISED", daysUntilDue: null }, wanted, 30)).toBe(false);
    expect(matchesStatusFilter({ status: "NEVER_SUPERVISED", daysUntilDue: null }, ["NEVER_SUPERVISED"], 30)).toBe(
      true,
    );
  });
});
