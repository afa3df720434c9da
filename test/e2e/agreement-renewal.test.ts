// A renewal signed ahead of time: the new version supersedes the old one at once (status SUPERSEDED), but the old
// one keeps binding until the new one takes effect. The processor is never "without agreement" in between: not for
// currentAgreement, the risk score, the dashboard, the art. 30 record (GraphQL and ropa.json), the supervision plan,
// a breach notice's deadline or the evidence list. From the successor's first day, the successor is in force.
// The clock is set, so the boundary days are fixed.
import { ManualClock } from "../../src/common/clock";
import { startTestApp, TestApp } from "../helpers/app";
import { createProcessor, createSupportActivity } from "../helpers/fixtures";

const TODAY = "2026-03-10";
const clock = new ManualClock(`${TODAY}T12:00:00Z`);
let app: TestApp;
let key: string;
const ids: Record<string, string> = {};
const versions: Record<string, string> = {};

const CREATE = `mutation($input: CreateAgreementInput!) { createAgreement(input: $input) { agreement { id status }
  userErrors { field message } } }`;

async function agreement(processor: string, title: string, effectiveFrom: string, hours: number, supersedes?: string) {
  const r = await app.ok(key, CREATE, {
    input: {
      processorId: ids[processor],
      kind: "DPA",
      template: "OTHER",
      status: "ACTIVE",
      title,
      effectiveFrom,
      breachNotificationHours: hours,
      supersedesId: supersedes ? versions[supersedes] : undefined,
      confirmedArt28Elements: ["A", "B", "C", "D", "E", "F", "G", "H"],
      dataSubjectVolume: "UNDER_1000",
      // Only the current version entrusts data and requires a measure: what counts shows which one is in force.
      ...(supersedes ? {} : { dataCategories: [{ key: "user.contact.email" }] }),
      ...(supersedes ? {} : { requiredMeasures: [{ measureKey: "encryption.in_transit" }] }),
    },
  });
  versions[title] = r.createAgreement.agreement.id;
}

beforeAll(async () => {
  app = await startTestApp({}, { clock });
  ({ key } = await app.newOrganization("Renewal controller"));
  for (const name of ["RenewCo", "BreachCo"]) {
    ids[name] = (await createProcessor(app, key, { name })).id;
  }
  await agreement("RenewCo", "current", "2025-01-01", 24);
  await agreement("RenewCo", "renewal 2027", "2027-01-01", 24, "current");
  await agreement("BreachCo", "v1 24 h", "2025-01-01", 24);
  await agreement("BreachCo", "v2 72 h", "2026-06-01", 72, "v1 24 h");
  await createSupportActivity(app, key, "Renewed vendors", [ids["RenewCo"]]);
});
afterAll(() => app.stop());

const PROCESSOR = `query($id: ID!) { processor(id: $id) { currentAgreement { title status } agreements { title status }
  dataCategories { key } supervisionPlan { nextDueOn }
  risk { tier factors { key input contribution } } } }`;

async function processor(name: string) {
  return (await app.ok(key, PROCESSOR, { id: ids[name] })).processor;
}

async function at<T>(day: string, read: () => Promise<T>): Promise<T> {
  clock.set(`${day}T12:00:00Z`);
  try {
    return await read();
  } finally {
    clock.set(`${TODAY}T12:00:00Z`);
  }
}

test("the superseded version stays the agreement in force until the renewal takes effect", async () => {
  const p = await processor("RenewCo");
  // The document's lifecycle: superseded at once.
  expect(p.agreements).toEqual([
    { title: "renewal 2027", status: "ACTIVE" },
    { title: "current", status: "SUPERSEDED" },
  ]);
  expect(p.currentAgreement).toEqual({ title: "current", status: "SUPERSEDED" });
  expect(p.dataCategories).toEqual([{ key: "user.contact.email" }]); // the SQL twin
  expect(p.risk.factors.map((f: { key: string }) => f.key)).not.toContain("agreement.missing");
  expect(p.supervisionPlan).not.toBeNull();
  const schedule = await app.ok(key, `{ supervisionSchedule { processor { name } } }`);
  expect(schedule.supervisionSchedule.map((s: { processor: { name: string } }) => s.processor.name).sort()).toEqual([
    "BreachCo",
    "RenewCo",
  ]);
  const o = await app.ok(key, `{ riskOverview(top: 5) { processors withoutAgreement } }`);
  expect(o.riskOverview).toEqual({ processors: 2, withoutAgreement: 0 });
});

test("the art. 30 record names the superseded version, no PROCESSOR_WITHOUT_AGREEMENT (also ropa.json)", async () => {
  const r = await app.ok(
    key,
    `{ recordsOfProcessing { records { missing missingDetails recipients { name agreement }
      measures { processorSummaries } } } }`,
  );
  const [record] = r.recordsOfProcessing.records;
  expect(record.missing).not.toContain("PROCESSOR_WITHOUT_AGREEMENT");
  expect(record.recipients).toEqual([{ name: "RenewCo", agreement: "current" }]);
  expect(record.measures.processorSummaries).toEqual(["RenewCo: 0 of 1 required measures implemented"]);
  const exported = await fetch(`${app.server.url.replace(/\/graphql$/, "")}/exports/ropa.json`, {
    headers: { authorization: `Bearer ${key}` },
  });
  expect(exported.status).toBe(200);
  const body = (await exported.json()) as { records: unknown[] };
  expect(body.records).toHaveLength(1);
  expect(JSON.stringify(body)).not.toContain("PROCESSOR_WITHOUT_AGREEMENT");
});

test("a breach notice is timed against the superseded version while it binds, the successor after", async () => {
  const record = async (aware: string, notified: string) =>
    (
      await app.ok(
        key,
        `mutation($p: ID!, $a: DateTime!, $n: DateTime!) { recordBreachNotice(input: { processorId: $p, title: ` +
          `"Misdirected email", becameAwareAt: $a, notifiedAt: $n }) { breachNotice { agreement { title }
          limitHours hoursToNotify notifiedLate } userErrors { field code } } }`,
        { p: ids["BreachCo"], a: aware, n: notified },
      )
    ).recordBreachNotice.breachNotice;
  expect(await record("2026-03-01T08:00:00Z", "2026-03-03T08:00:00Z")).toEqual({
    agreement: { title: "v1 24 h" },
    limitHours: 24,
    hoursToNotify: 48,
    notifiedLate: true,
  });
  expect(await record("2026-05-31T08:00:00Z", "2026-06-02T08:00:00Z")).toMatchObject({
    agreement: { title: "v1 24 h" },
    notifiedLate: true,
  });
  expect(await record("2026-06-01T08:00:00Z", "2026-06-03T08:00:00Z")).toEqual({
    agreement: { title: "v2 72 h" },
    limitHours: 72,
    hoursToNotify: 48,
    notifiedLate: false,
  });
});

test("the evidence list for an earlier period shows the superseded version as the agreement in force", async () => {
  const list = await app.ok(
    key,
    `query($p: ID!) { evidenceList(processorId: $p, from: "2026-01-01", to: "2026-03-01",
      kinds: [AGREEMENT, AGREEMENT_VERSION]) { kind title status } }`,
    { p: ids["BreachCo"] },
  );
  expect(list.evidenceList).toEqual(
    expect.arrayContaining([
      { kind: "AGREEMENT", title: "BreachCo: v1 24 h", status: "SUPERSEDED" },
      { kind: "AGREEMENT_VERSION", title: "BreachCo: v2 72 h", status: "ACTIVE" },
    ]),
  );
  expect(list.evidenceList).toHaveLength(2);
});

test("on and after the successor's first day the successor is in force; the day before, the old version", async () => {
  const dayBefore = await at("2026-12-31", () => processor("RenewCo"));
  expect(dayBefore.currentAgreement).toEqual({ title: "current", status: "SUPERSEDED" });
  for (const day of ["2027-01-01", "2027-06-30"]) {
    const p = await at(day, () => processor("RenewCo"));
    expect({ day, current: p.currentAgreement }).toEqual({ day, current: { title: "renewal 2027", status: "ACTIVE" } });
    expect(p.dataCategories).toEqual([]); // the renewal entrusts none: the SQL twin moved on too
    expect(p.risk.factors.map((f: { key: string }) => f.key)).not.toContain("agreement.missing");
  }
  expect((await at("2026-05-31", () => processor("BreachCo"))).currentAgreement).toEqual({
    title: "v1 24 h",
    status: "SUPERSEDED",
  });
  expect((await at("2026-06-01", () => processor("BreachCo"))).currentAgreement).toEqual({
    title: "v2 72 h",
    status: "ACTIVE",
  });
});
