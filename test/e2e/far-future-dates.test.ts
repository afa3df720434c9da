// One record with a date near the calendar's end (9999-12-31) must not break the organization's portfolio reads:
// a DPA whose schedule runs from 9999-12-01 with audits every 120 months has its first supervision due in year
// 10009, past the last date the API has. The schedule then holds no due date (nextDueOn null, nothing due), and the
// risk, schedule, evidence list, manifest and the daily work all answer (found by an outside tester: every one was a
// 500). The tester's DPA took effect on 9999-12-01 (no longer in force today, so it has no plan now); a DPA in force
// without an effective date runs its schedule from the day it was signed, which no rule keeps out of the future.
import { loadConfig } from "../../src/config";
import { fromGlobalId } from "../../src/common/global-id";
import { runDailyWork } from "../../src/modules/jobs/daily";
import { withOrganization } from "../../src/modules/jobs/system-context";
import { startTestApp, seedDemoOrganization, TestApp } from "../helpers/app";

let app: TestApp;
let key: string;
let orgId: string;
let base: string;
const ids: Record<string, string> = {};

const CREATE_PROCESSOR = `mutation($name: String!) { createProcessor(input: { name: $name }) { processor { id } } }`;
const CREATE_AGREEMENT =
  `mutation($input: CreateAgreementInput!) { createAgreement(input: $input) { agreement { id } userErrors { field ` +
  `message } } }`;
const PLAN = `query($id: ID!) { processor(id: $id) { supervisionPlan { startOn nextDueOn daysUntilDue status } } }`;

async function processorWith(name: string, agreement: Record<string, unknown>): Promise<string> {
  const made = await app.ok(key, CREATE_PROCESSOR, { name });
  const id = made.createProcessor.processor.id;
  await app.ok(key, CREATE_AGREEMENT, {
    input: { processorId: id, kind: "DPA", template: "OTHER", title: name, status: "ACTIVE", ...agreement },
  });
  return id;
}

beforeAll(async () => {
  app = await startTestApp();
  ({ key, organizationId: orgId } = await seedDemoOrganization(app, "Far Future A/S"));
  base = app.server.url.replace(/\/graphql$/, "");
  // The tester's agreement, as written.
  ids.tester = await processorWith("Y10K Tester ApS", {
    effectiveFrom: "9999-12-01",
    endOn: "9999-12-31",
    signedOn: "2025-01-01",
    processorAudit: { methods: ["SELF_CONTROL_REPORT"], intervalMonths: 120 },
  });
  // In force, its schedule from 9999-12-01: + 120 months is in year 10009.
  ids.interval = await processorWith("Y10K Interval ApS", {
    signedOn: "9999-12-01",
    processorAudit: { methods: ["SELF_CONTROL_REPORT"], intervalMonths: 120 },
  });
  // A fixed due day: 01-01 after 9999-06-01 is 10000-01-01.
  ids.dueDay = await processorWith("Y10K Due Day ApS", {
    signedOn: "9999-06-01",
    processorAudit: { methods: ["ISAE_3000"], intervalMonths: 12, dueDay: "01-01" },
  });
  // The last day of the calendar, the default interval (12 months).
  ids.lastDay = await processorWith("Y10K Last Day ApS", { signedOn: "9999-12-31" });
  // A deadline on the calendar's last day is still a due date.
  ids.onTheEdge = await processorWith("Y10K Edge ApS", {
    signedOn: "9999-11-30",
    processorAudit: { intervalMonths: 1 },
  });
  // Data stored before the API refused it: a report received on 9999-12-15 (its next supervision, its age).
  ids.stored = await processorWith("Y10K Stored Report ApS", {
    effectiveFrom: "2025-01-01",
    processorAudit: { methods: ["ISAE_3000"], intervalMonths: 12 },
  });
  await app.db.owner.query(
    `INSERT INTO audit_report (organization_id, processor_id, type, report_kind, title, received_on, opinion)
     VALUES ($1, $2, 'ISAE_3000', 'TYPE_2', 'Report of the far future', '9999-12-15', 'UNQUALIFIED')`,
    [orgId, fromGlobalId(ids.stored)!.id],
  );
  await app.db.owner.query(
    `INSERT INTO audit_report_review (organization_id, audit_report_id, reviewer, reviewed_on, conclusion)
     SELECT organization_id, id, 'Jane DPO', '9999-12-16', 'ACCEPTED' FROM audit_report WHERE processor_id = $1`,
    [fromGlobalId(ids.stored)!.id],
  );
});
afterAll(() => app.stop());

test("a first due date past 9999-12-31 is no due date: nextDueOn and daysUntilDue null, nothing due", async () => {
  for (const name of ["interval", "dueDay", "lastDay"]) {
    const res = await app.gql(key, PLAN, { id: ids[name] });
    expect(res.errors).toBeUndefined();
    expect(res.data.processor.supervisionPlan).toMatchObject({
      nextDueOn: null,
      daysUntilDue: null,
      status: "NEVER_SUPERVISED",
    });
  }
  const edge = await app.ok(key, PLAN, { id: ids.onTheEdge });
  expect(edge.processor.supervisionPlan).toMatchObject({ nextDueOn: "9999-12-30", status: "NEVER_SUPERVISED" });
  const stored = await app.ok(key, PLAN, { id: ids.stored });
  expect(stored.processor.supervisionPlan).toMatchObject({ nextDueOn: null, daysUntilDue: null, status: "OK" });
});

test("every portfolio read answers: riskOverview, each processor's risk, recomputeRisk, the schedule", async () => {
  const overview = await app.gql(key, `{ riskOverview { processors overdueSupervision neverSupervised } }`);
  expect(overview.errors).toBeUndefined();
  expect(overview.status).toBe(200);

  const all = await app.gql(
    key,
    `{ processors(first: 100) { edges { node { name risk { score factors { key input contribution } } } } } }`,
  );
  expect(all.errors).toBeUndefined();
  const byName = Object.fromEntries(all.data.processors.edges.map((e: any) => [e.node.name, e.node.risk]));
  // Never supervised, but not overdue: no due date has passed.
  const interval = byName["Y10K Interval ApS"].factors.map((f: any) => f.key);
  expect(interval).toContain("supervision.never");
  expect(interval).not.toContain("supervision.overdue");
  // The stored report is new (not old): its age counts from 9999-12-15.
  const stored = byName["Y10K Stored Report ApS"].factors;
  expect(stored.find((f: any) => f.key === "report.old")).toBeUndefined();

  const recompute = await app.gql(key, `mutation { recomputeRisk { result { processors } userErrors { message } } }`);
  expect(recompute.errors).toBeUndefined();

  const schedule = await app.gql(key, `{ supervisionSchedule { nextDueOn daysUntilDue status processor { name } } }`);
  expect(schedule.errors).toBeUndefined();
  const names = schedule.data.supervisionSchedule.map((p: any) => p.processor.name);
  // Plans without a due date come last.
  expect(names.slice(-4).sort()).toEqual([
    "Y10K Due Day ApS",
    "Y10K Interval ApS",
    "Y10K Last Day ApS",
    "Y10K Stored Report ApS",
  ]);
  const ranged = await app.gql(key, `{ supervisionSchedule(from: "9999-01-01") { nextDueOn processor { name } } }`);
  expect(ranged.errors).toBeUndefined();
  expect(ranged.data.supervisionSchedule).toEqual([{ nextDueOn: "9999-12-30", processor: { name: "Y10K Edge ApS" } }]);
  const due = await app.gql(key, `{ supervisionSchedule(status: [OVERDUE, DUE_SOON]) { processor { name } } }`);
  expect(due.errors).toBeUndefined();
  expect(due.data.supervisionSchedule.map((p: any) => p.processor.name)).not.toContain("Y10K Interval ApS");
});

test("the evidence list and its manifest answer", async () => {
  const list = await app.gql(key, `{ evidenceList { kind title details } }`);
  expect(list.errors).toBeUndefined();
  const plan = list.data.evidenceList.find((i: any) => i.kind === "SUPERVISION_PLAN" && /Y10K Int/.test(i.title));
  expect(plan.details).toContain("next after 9999-12-31");
  for (const ext of ["csv", "json"]) {
    const res = await fetch(`${base}/exports/evidence-manifest.${ext}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Y10K Interval ApS");
  }
});

test("the daily work runs: no supervision alert for a plan without a due date", async () => {
  const summary = await withOrganization(app.db, orgId, "test", (ctx) => runDailyWork(ctx, loadConfig({}), "test"));
  expect(summary).not.toBeNull();
  const alerts: { n: number }[] = await app.db.owner.query(
    `SELECT count(*)::int AS n FROM event WHERE organization_id = $1 AND type LIKE 'supervision.%'
       AND data->>'processorId' = ANY($2)`,
    [orgId, [ids.interval, ids.dueDay, ids.lastDay, ids.stored]],
  );
  expect(alerts[0].n).toBe(0);
});
