// "The agreement in force" is decided on a day: an ACTIVE agreement counts only from its effectiveFrom through its
// endOn. An expired DPA, or one not yet in force, is no agreement for currentAgreement, the risk score (+40 and at
// least HIGH), the dashboard's withoutAgreement and the art. 30 record; and one that ends today stops counting
// tomorrow (the daily recompute). The clock is set, so the boundary days are fixed.
import { ManualClock } from "../../src/common/clock";
import { addDays } from "../../src/common/dates";
import { startTestApp, TestApp } from "../helpers/app";
import { createDpa, createProcessor, createSupportActivity } from "../helpers/fixtures";

const TODAY = "2026-03-10";
const clock = new ManualClock(`${TODAY}T12:00:00Z`);
let app: TestApp;
let key: string;
const ids: Record<string, string> = {};

/** Each processor's one ACTIVE DPA: [effectiveFrom, endOn]. */
const DPAS: Record<string, [string | null, string | null]> = {
  "AG expired": ["2020-01-01", "2024-12-31"],
  "AG future": ["2027-06-01", null],
  "AG starts today": [TODAY, null],
  "AG ended yesterday": ["2020-01-01", addDays(TODAY, -1)],
  "AG ends today": ["2020-01-01", TODAY],
};

beforeAll(async () => {
  app = await startTestApp({}, { clock });
  ({ key } = await app.newOrganization("In-force controller"));
  for (const [name, [effectiveFrom, endOn]] of Object.entries(DPAS)) {
    ids[name] = (await createProcessor(app, key, { name })).id;
    await createDpa(app, key, { processorId: ids[name], title: name, effectiveFrom, endOn });
  }
  await createSupportActivity(app, key, "Lapsed vendors", [
    ids["AG expired"],
    ids["AG future"],
    ids["AG starts today"],
  ]);
});
afterAll(() => app.stop());

const PROCESSOR = `query($id: ID!) { processor(id: $id) { currentAgreement { title } agreements { title status }
  dataCategories { key }
  risk { score tier factors { key input contribution } } } }`;

async function processor(name: string) {
  return (await app.ok(key, PROCESSOR, { id: ids[name] })).processor;
}

test("an expired DPA or one not yet in force is not the agreement in force, and scores as none", async () => {
  for (const [name, input] of [
    ["AG expired", "expired on 2024-12-31"],
    ["AG future", "not in force until 2027-06-01"],
    ["AG ended yesterday", `expired on ${addDays(TODAY, -1)}`],
  ]) {
    const p = await processor(name);
    expect({ name, current: p.currentAgreement }).toEqual({ name, current: null });
    // The DPA on file is still listed.
    expect(p.agreements).toEqual([{ title: name, status: "ACTIVE" }]);
    expect(p.dataCategories).toEqual([]); // entrusted under agreements in force only (the SQL twin)
    expect(p.risk.factors).toContainEqual({ key: "agreement.missing", input, contribution: 40 });
    expect(["HIGH", "CRITICAL"]).toContain(p.risk.tier);
  }
});

test("the boundary days: in force from effectiveFrom and through endOn", async () => {
  for (const name of ["AG starts today", "AG ends today"]) {
    const p = await processor(name);
    expect(p.currentAgreement).toEqual({ title: name });
    expect(p.dataCategories).toEqual([{ key: "user.contact.email" }]);
    expect(p.risk.factors.map((f: { key: string }) => f.key)).not.toContain("agreement.missing");
  }
});

test("the dashboard counts the processors whose DPA expired or has not started as without agreement", async () => {
  const o = await app.ok(key, `{ riskOverview(top: 5) { processors withoutAgreement } }`);
  expect(o.riskOverview).toEqual({ processors: 5, withoutAgreement: 3 });
});

test("the art. 30 record names the processors with an expired or future DPA as without agreement", async () => {
  const r = await app.ok(
    key,
    `{ recordsOfProcessing { records { name missing missingDetails recipients { name agreement }
      measures { processorSummaries } } } }`,
  );
  const [record] = r.recordsOfProcessing.records;
  expect(record.missing).toContain("PROCESSOR_WITHOUT_AGREEMENT");
  expect(record.missingDetails).toEqual(
    expect.arrayContaining([
      "AG expired is used without an agreement in force (art. 28(3)).",
      "AG future is used without an agreement in force (art. 28(3)).",
    ]),
  );
  expect(record.missingDetails.join(" ")).not.toContain("AG starts today");
  expect(
    Object.fromEntries(record.recipients.map((x: { name: string; agreement: string | null }) => [x.name, x.agreement])),
  ).toEqual({ "AG expired": null, "AG future": null, "AG starts today": "AG starts today" });
  // Required measures count under the agreement in force only.
  expect(record.measures.processorSummaries).toEqual([
    "AG expired: no required measures on file",
    "AG future: no required measures on file",
    "AG starts today: 0 of 1 required measures implemented",
  ]);
});

test("a DPA that ends today stops counting the next day: the daily recompute scores it as missing", async () => {
  clock.set(`${addDays(TODAY, 1)}T00:30:00Z`);
  try {
    const p = await processor("AG ends today");
    expect(p.currentAgreement).toBeNull();
    expect(p.risk.factors).toContainEqual({ key: "agreement.missing", input: `expired on ${TODAY}`, contribution: 40 });
    const o = await app.ok(key, `{ riskOverview(top: 5) { withoutAgreement } }`);
    expect(o.riskOverview.withoutAgreement).toBe(4);
  } finally {
    clock.set(`${TODAY}T12:00:00Z`);
  }
});
