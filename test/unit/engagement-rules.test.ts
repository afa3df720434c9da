// When an engagement is in the chain by its own row (approvedOnDay) and when it has ended (endedByDay): the dates
// decide, as the engagement history records them (APPROVED from approvedOn, REMOVED from removedOn). A removedOn
// fits only status REMOVED (removalDateRule); an engagement stands for its pair until it has ended (standsOnDay).
import {
  approvedOnDay,
  endedByDay,
  removalDateRule,
  samePurpose,
  standsOnDay,
} from "../../src/modules/subprocessors/engagement.rules";
import { SubprocessorEngagement } from "../../src/modules/subprocessors/engagement.entity";

const DAY = "2026-12-07";
type Row = Pick<SubprocessorEngagement, "status" | "approvedOn" | "removedOn" | "archivedAt">;
const row = (r: Partial<Row>): Row => ({
  status: "APPROVED",
  approvedOn: null,
  removedOn: null,
  archivedAt: null,
  ...r,
});

test.each<[string, Partial<Row>, boolean]>([
  ["approved, no date", {}, true],
  ["approved before", { approvedOn: "2026-01-01" }, true],
  ["approved today", { approvedOn: DAY }, true],
  ["approved from tomorrow", { approvedOn: "2026-12-08" }, false],
  ["removed, no date", { status: "REMOVED" }, false],
  ["removed today", { status: "REMOVED", approvedOn: "2025-02-01", removedOn: DAY }, false],
  ["removed yesterday", { status: "REMOVED", approvedOn: "2025-02-01", removedOn: "2026-12-06" }, false],
  ["removal scheduled", { status: "REMOVED", approvedOn: "2025-02-01", removedOn: "2027-03-01" }, true],
  ["removal scheduled, no approval date", { status: "REMOVED", removedOn: "2027-03-01" }, true],
  ["approved and removed later", { status: "REMOVED", approvedOn: "2027-01-01", removedOn: "2027-03-01" }, false],
  ["proposed", { status: "PROPOSED" }, false],
  ["objected", { status: "OBJECTED", approvedOn: "2026-01-01" }, false],
  ["archived", { approvedOn: "2026-01-01", archivedAt: new Date("2026-06-01T00:00:00Z") }, false],
])("approvedOnDay: %s", (_name, r, expected) => {
  expect(approvedOnDay(row(r), DAY)).toBe(expected);
});

test("endedByDay: REMOVED from removedOn (unset: ended), a scheduled removal not yet", () => {
  expect(endedByDay(row({ status: "REMOVED" }), DAY)).toBe(true);
  expect(endedByDay(row({ status: "REMOVED", removedOn: DAY }), DAY)).toBe(true);
  expect(endedByDay(row({ status: "REMOVED", removedOn: "2026-12-08" }), DAY)).toBe(false);
  expect(endedByDay(row({ status: "APPROVED", approvedOn: "2027-01-01" }), DAY)).toBe(false);
  expect(endedByDay(row({ status: "OBJECTED" }), DAY)).toBe(false);
});

test.each<[string, Partial<Row>, boolean]>([
  ["approved, no removal", { approvedOn: "2026-01-01" }, true],
  ["removed with a date", { status: "REMOVED", removedOn: "2027-01-15" }, true],
  ["removed without a date", { status: "REMOVED" }, true],
  ["approved with a removal date", { removedOn: "2027-01-15" }, false],
  ["proposed with a removal date", { status: "PROPOSED", removedOn: "2027-01-15" }, false],
  ["objected with a removal date", { status: "OBJECTED", removedOn: "2026-01-15" }, false],
])("removalDateRule: %s", (_name, r, fits) => {
  expect(removalDateRule(row(r)) === null).toBe(fits);
});

test.each<[string, Partial<Row>, boolean]>([
  ["approved", {}, true],
  ["approved from a later day", { approvedOn: "2027-01-01" }, true],
  ["proposed", { status: "PROPOSED" }, true],
  ["objected", { status: "OBJECTED" }, true],
  ["removal scheduled", { status: "REMOVED", removedOn: "2026-12-08" }, true],
  ["removed today", { status: "REMOVED", removedOn: DAY }, false],
  ["removed, no date", { status: "REMOVED" }, false],
  ["archived", { archivedAt: new Date("2026-06-01T00:00:00Z") }, false],
])("standsOnDay: %s", (_name, r, stands) => {
  expect(standsOnDay(row(r), DAY)).toBe(stands);
});

test.each([
  [null, null, true],
  [null, "", true],
  ["Hosting", "  hosting ", true],
  ["Backups in  Frankfurt", "backups in frankfurt", true],
  ["Hosting", null, false],
  ["Hosting", "Backups", false],
])("samePurpose(%j, %j) is %s", (a, b, same) => {
  expect(samePurpose({ purpose: a }, { purpose: b })).toBe(same);
});
