// The outbox: an event exists for every committed change of each type, and for none whose transaction
// rolled back. A rollback is forced where it hurts most, at COMMIT: a deferred trigger on the changed
// table (not on the event table) refuses the commit after the request has done all its work, so the
// change and its event were both written and must both disappear. The daily scans run through the
// job queue on dates set with a manual clock.
import fs from "node:fs";
import path from "node:path";
import { ManualClock } from "../../src/common/clock";
import { addDays } from "../../src/common/dates";
import { fromGlobalId } from "../../src/common/global-id";
import { QUEUES } from "../../src/modules/jobs/queues";
import { runDailyWork } from "../../src/modules/jobs/daily";
import { withOrganization } from "../../src/modules/jobs/system-context";
import { events as outbox } from "../../src/modules/events";
import { EVENT_TYPE_INFO, EventType } from "../../src/modules/events/event-types";
import { loadConfig } from "../../src/config";
import { SEED_DPA_DIR } from "../../seeds/dpas";
import { seedDemoOrganization, startTestApp, TestApp } from "../helpers/app";

let app: TestApp;
let clock: ManualClock;
let admin: string;
let orgId: string;
let other: string;
let today: string;
const processors: Record<string, string> = {};

async function gql(key: string, query: string, variables?: Record<string, unknown>) {
  return app.gql(key, query, variables);
}

async function ok<T = any>(key: string, query: string, variables?: Record<string, unknown>): Promise<T> {
  const res = await gql(key, query, variables);
  if (res.status !== 200 || res.errors)
    throw new Error(`${query.slice(0, 60)}: ${res.status} ${JSON.stringify(res.errors)}`);
  const payload = Object.values(res.data as Record<string, any>)[0];
  if (payload?.userErrors?.length) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(payload.userErrors)}`);
  return res.data as T;
}

interface EventNode {
  id: string;
  type: string;
  occurredAt: string;
  data: Record<string, any>;
}

async function eventsOf(type: string, key = admin): Promise<EventNode[]> {
  const out: EventNode[] = [];
  let after: string | null = null;
  for (;;) {
    const page: any = await ok(
      key,
      `query($types: [String!], $after: String) { events(first: 100, after: $after, filter: { types: $types }) { ` +
        `pageInfo { hasNextPage endCursor } edges { node { id type occurredAt data } } } }`,
      { types: [type], after },
    );
    out.push(...page.events.edges.map((e: any) => e.node));
    if (!page.events.pageInfo.hasNextPage) return out;
    after = page.events.pageInfo.endCursor;
  }
}

const counts = async () =>
  Object.fromEntries(
    (
      await app.db.owner.query(
        `SELECT type, count(*)::int AS n FROM event WHERE organization_id = $1 GROUP BY type ORDER BY type`,
        [orgId],
      )
    ).map((r: any) => [r.type, r.n]),
  ) as Record<string, number>;

/** Makes every COMMIT of a transaction that wrote `table` fail, until undone. */
async function refuseCommitsOn(table: string): Promise<() => Promise<void>> {
  const name = `test_refuse_commit_${table}`;
  await app.db.owner.query(`CREATE CONSTRAINT TRIGGER ${name} AFTER INSERT OR UPDATE ON "${table}"
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_refuse_commit()`);
  return async () => {
    await app.db.owner.query(`DROP TRIGGER ${name} ON "${table}"`);
  };
}

/** The request failed at COMMIT and said so (nothing was written). */
function expectRefusedCommit(res: { status: number; errors?: { extensions?: Record<string, unknown> }[] }) {
  expect({ status: res.status, code: res.errors?.[0]?.extensions?.code }).toEqual({ status: 503, code: "UNAVAILABLE" });
}

const CREATE_FINDING =
  `mutation($input: CreateFindingInput!) { createFinding(input: $input) { finding { id } userErrors { field message ` +
  `} } }`;
const RECORD_BREACH =
  `mutation($input: RecordBreachNoticeInput!) { recordBreachNotice(input: $input) { breachNotice { id } userErrors ` +
  `{ field message } } }`;
const RECORD_NOTICE =
  `mutation($input: RecordChangeNoticeInput!) { recordChangeNotice(input: $input) { changeNotice { id deadline } ` +
  `userErrors { field message } } }`;
const CREATE_PROCESSOR =
  `mutation($input: CreateProcessorInput!) { createProcessor(input: $input) { processor { id } userErrors { field ` +
  `message } } }`;

async function runDaily(on: string) {
  clock.set(`${on}T06:00:00Z`);
  const jobs = app.server.jobs!;
  await jobs.run(QUEUES.dailySweep);
  await jobs.idle(QUEUES.dailyOrganization);
}

beforeAll(async () => {
  clock = new ManualClock(new Date());
  today = clock.now().toISOString().slice(0, 10);
  app = await startTestApp({}, { clock });
  ({ key: admin, organizationId: orgId } = await seedDemoOrganization(app, "Outbox A/S"));
  other = (await app.newOrganization("Elsewhere ApS")).key;
  const list = await ok(admin, `{ processors(first: 50) { edges { node { id name } } } }`);
  for (const { node } of list.processors.edges) processors[node.name] = node.id;
  await app.db.owner.query(`CREATE FUNCTION test_refuse_commit() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'commit refused by the test'; END $$`);
});

afterAll(async () => {
  await app?.stop();
});

test("finding.opened: one event per committed finding, none for one whose commit failed", async () => {
  const before = await counts();
  const ids: string[] = [];
  for (const severity of ["LOW", "HIGH", "CRITICAL"]) {
    const data = await ok(admin, CREATE_FINDING, {
      input: {
        processorId: processors.Capturi,
        description: `Finding ${severity}`,
        severity,
        dueOn: addDays(today, 5),
      },
    });
    ids.push(data.createFinding.finding.id);
  }
  const undo = await refuseCommitsOn("audit_finding");
  try {
    expectRefusedCommit(
      await gql(admin, CREATE_FINDING, {
        input: { processorId: processors.Capturi, description: "Never committed", severity: "LOW" },
      }),
    );
  } finally {
    await undo();
  }
  const [{ n }] = await app.db.owner.query(
    `SELECT count(*)::int AS n FROM audit_finding WHERE description = 'Never committed'`,
  );
  expect(n).toBe(0);
  const opened = await eventsOf("finding.opened");
  expect(opened.map((e) => e.data.findingId).sort()).toEqual([...ids].sort());
  expect((await counts())["finding.opened"] ?? 0).toBe((before["finding.opened"] ?? 0) + 3);
  const [e] = opened.filter((x) => x.data.severity === "CRITICAL");
  expect(e.data).toMatchObject({ processorId: processors.Capturi, auditReportId: null, dueOn: addDays(today, 5) });
  expect(fromGlobalId(e.data.organizationId)).toEqual({ typeName: "Organization", id: orgId });
  expect(fromGlobalId(e.id)?.typeName).toBe("Event");
  expect(new Date(e.occurredAt).getTime()).toBe(clock.now().getTime());
});

test(
  "breach_notice.received for every notice, breach_notice.late only when over the agreement's hours; none rolled " +
    "back",
  async () => {
    const aware = new Date(Date.now() - 5 * 86_400_000);
    const input = (hours: number, title: string) => ({
      processorId: processors.Capturi,
      title,
      becameAwareAt: aware.toISOString(),
      notifiedAt: new Date(aware.getTime() + hours * 3_600_000).toISOString(),
    });
    const inTime = (await ok(admin, RECORD_BREACH, { input: input(10, "In time") })).recordBreachNotice.breachNotice.id;
    const late = (await ok(admin, RECORD_BREACH, { input: input(72, "Late") })).recordBreachNotice.breachNotice.id;
    const undo = await refuseCommitsOn("processor_breach_notice");
    try {
      expectRefusedCommit(await gql(admin, RECORD_BREACH, { input: input(100, "Never committed") }));
    } finally {
      await undo();
    }
    const received = await eventsOf("breach_notice.received");
    expect(
      received.map((e) => [e.data.breachNoticeId, e.data.hoursToNotify, e.data.limitHours, e.data.notifiedLate]).sort(),
    ).toEqual(
      [
        [inTime, 10, 48, false],
        [late, 72, 48, true],
      ].sort(),
    );
    const lateEvents = await eventsOf("breach_notice.late");
    expect(lateEvents.map((e) => e.data)).toEqual([
      expect.objectContaining({
        breachNoticeId: late,
        processorId: processors.Capturi,
        hoursToNotify: 72,
        limitHours: 48,
        hoursLate: 24,
      }),
    ]);
  },
);

let noticeId: string;
let noticeDeadline: string;

test("change_notice.received for a committed notice, none for one whose commit failed", async () => {
  const sub = await ok(admin, CREATE_PROCESSOR, {
    input: { name: "Speech Vendor GmbH", direct: false, countryCode: "DE" },
  });
  const spare = await ok(admin, CREATE_PROCESSOR, {
    input: { name: "Spare Vendor GmbH", direct: false, countryCode: "DE" },
  });
  const recorded = await ok(admin, RECORD_NOTICE, {
    input: {
      processorId: processors.Capturi,
      kind: "ADDITION",
      subprocessorId: sub.createProcessor.processor.id,
      receivedOn: today,
    },
  });
  noticeId = recorded.recordChangeNotice.changeNotice.id;
  noticeDeadline = recorded.recordChangeNotice.changeNotice.deadline;
  expect(noticeDeadline).toBe(addDays(today, 30));
  const undo = await refuseCommitsOn("subprocessor_change_notice");
  try {
    expectRefusedCommit(
      await gql(admin, RECORD_NOTICE, {
        input: {
          processorId: processors.Capturi,
          kind: "ADDITION",
          subprocessorId: spare.createProcessor.processor.id,
          receivedOn: today,
        },
      }),
    );
  } finally {
    await undo();
  }
  const received = await eventsOf("change_notice.received");
  expect(received.map((e) => e.data)).toEqual([
    expect.objectContaining({
      changeNoticeId: noticeId,
      processorId: processors.Capturi,
      subprocessorId: sub.createProcessor.processor.id,
      kind: "ADDITION",
      receivedOn: today,
      deadline: noticeDeadline,
      authorization: "GENERAL",
    }),
  ]);
});

test("agreement_import.draft_ready when a DPA is read into a draft, none when the upload's commit failed", async () => {
  const base = app.server.url.replace(/\/graphql$/, "");
  const upload = async () => {
    const form = new FormData();
    form.append(
      "file",
      new Blob([fs.readFileSync(path.join(SEED_DPA_DIR, "capturi-dpa.da.txt"))], { type: "text/plain" }),
      "capturi-dpa.da.txt",
    );
    const res = await fetch(`${base}/imports/agreement`, {
      method: "POST",
      body: form,
      headers: { authorization: `Bearer ${admin}` },
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const done = await upload();
  expect(done.status).toBe(201);
  const undo = await refuseCommitsOn("agreement_import");
  let refused: { status: number };
  try {
    refused = await upload();
  } finally {
    await undo();
  }
  expect(refused.status).toBeGreaterThanOrEqual(500);
  const [{ n }] = await app.db.owner.query(
    `SELECT count(*)::int AS n FROM agreement_import WHERE organization_id = $1`,
    [orgId],
  );
  expect(n).toBe(1);
  const ready = await eventsOf("agreement_import.draft_ready");
  expect(ready.map((e) => e.data)).toEqual([
    expect.objectContaining({
      agreementImportId: done.body.agreementImport.id,
      evidenceId: done.body.evidence.id,
      kind: "DPA",
    }),
  ]);
});

test(
  "risk.tier_changed when a recompute changes a tier (not for first assessments), none when that read's commit " +
    "failed; the refresh job finds it without a read",
  async () => {
    const riskOf = async (id: string) =>
      (await ok(admin, `query($id: ID!) { processor(id: $id) { risk { tier score } } }`, { id })).processor.risk;
    const esg = processors["E-SG.Cloud"];
    const before = await riskOf(esg);
    expect(await eventsOf("risk.tier_changed")).toEqual([]); // first assessments are no change
    const agreement = (
      await ok(admin, `query($id: ID!) { processor(id: $id) { currentAgreement { id } } }`, { id: esg })
    ).processor.currentAgreement.id;
    await ok(
      admin,
      `mutation($input: ArchiveInput!) { archiveAgreement(input: $input) { agreement { id } userErrors { message } } }`,
      {
        input: { id: agreement },
      },
    );
    const undo = await refuseCommitsOn("risk_assessment");
    try {
      expectRefusedCommit(await gql(admin, `query($id: ID!) { processor(id: $id) { risk { tier } } }`, { id: esg }));
    } finally {
      await undo();
    }
    expect(await eventsOf("risk.tier_changed")).toEqual([]);
    // Nobody reads a score now: the risk-refresh job recomputes the stale portfolio and records the change.
    const refreshed = await app.server.jobs!.run(QUEUES.riskRefresh);
    expect(refreshed).toMatchObject({ state: "completed", output: { refreshed: expect.any(Number) } });
    expect((await eventsOf("risk.tier_changed")).filter((e) => e.data.processorId === esg)).toHaveLength(1);
    const after = await riskOf(esg);
    expect(after.tier).not.toBe(before.tier);
    const changed = await eventsOf("risk.tier_changed");
    expect(changed.filter((e) => e.data.processorId === esg).map((e) => e.data)).toEqual([
      expect.objectContaining({
        processorId: esg,
        from: before.tier,
        to: after.tier,
        score: after.score,
        modelVersion: "dt-v1",
      }),
    ]);
    // Read again: nothing changed, nothing recorded.
    await riskOf(esg);
    expect((await eventsOf("risk.tier_changed")).length).toBe(changed.length);
  },
);

test("register_import.applied (for the register import): recorded with its transaction, or not at all", async () => {
  const config = loadConfig({});
  const applied = { id: "6f1c7e36-43a1-4bde-9d0e-0e8a7f1f55b1", created: 12, updated: 3, unchanged: 1 };
  await withOrganization(app.db, orgId, "test", (ctx) => outbox.registerImportApplied(ctx.manager, applied));
  await expect(
    withOrganization(app.db, orgId, "test", async (ctx) => {
      await outbox.registerImportApplied(ctx.manager, { ...applied, id: "0e2b5a33-7d0b-4a8e-9a65-3b1b8c1f0d10" });
      throw new Error("the import failed after recording");
    }),
  ).rejects.toThrow(/failed after recording/);
  const events = await eventsOf("register_import.applied");
  expect(events.map((e) => e.data)).toEqual([expect.objectContaining({ created: 12, updated: 3, unchanged: 1 })]);
  expect(fromGlobalId(events[0].data.registerImportId)).toEqual({ typeName: "RegisterImport", id: applied.id });
  expect(config.jobs).toBe(true);
});

test(
  "the daily scans: each deadline announced once, on the day it applies, " +
    "through the job queue with a manual clock",
  async () => {
    const finding = (
      await ok(admin, CREATE_FINDING, {
        input: {
          processorId: processors.Capturi,
          description: "Overdue soon",
          severity: "MEDIUM",
          dueOn: addDays(today, 5),
        },
      })
    ).createFinding.finding.id;
    // A vendor whose agreement takes effect today with yearly supervision: its first one is due in 12 months.
    const vendor = (await ok(admin, CREATE_PROCESSOR, { input: { name: "Yearly Vendor ApS", countryCode: "DK" } }))
      .createProcessor.processor.id;
    await ok(
      admin,
      `mutation($input: CreateAgreementInput!) { createAgreement(input: $input) { agreement { id } userErrors { ` +
        `field message } } }`,
      {
        input: {
          processorId: vendor,
          kind: "DPA",
          template: "DATATILSYNET_SCC",
          status: "ACTIVE",
          title: "Yearly Vendor DPA",
          effectiveFrom: today,
          processorAudit: { intervalMonths: 12, methods: ["SELF_CONTROL_REPORT"] },
        },
      },
    );
    const plan = (
      await ok(admin, `query($id: ID!) { processor(id: $id) { supervisionPlan { nextDueOn } } }`, { id: vendor })
    ).processor.supervisionPlan;
    const supervisionDue = plan.nextDueOn as string;
    expect(supervisionDue > addDays(today, 300)).toBe(true);
    const dueSoonFrom = [addDays(supervisionDue, -30), today].sort()[1];
    const days = [
      ...new Set([
        today,
        addDays(today, 6),
        addDays(noticeDeadline, -3),
        addDays(noticeDeadline, 1),
        dueSoonFrom,
        addDays(supervisionDue, 1),
      ]),
    ].sort();
    for (const day of days) {
      await runDaily(day);
      await runDaily(day); // twice on the same day: the ledger makes the second a no-op
    }

    const approaching = await eventsOf("change_notice.deadline_approaching");
    expect(approaching.map((e) => e.data)).toEqual([
      expect.objectContaining({
        changeNoticeId: noticeId,
        deadline: noticeDeadline,
        daysLeft: 3,
        authorization: "GENERAL",
      }),
    ]);
    const accepted = await eventsOf("change_notice.deemed_accepted");
    expect(accepted.map((e) => e.data)).toEqual([
      expect.objectContaining({
        changeNoticeId: noticeId,
        deadline: noticeDeadline,
        effectiveOn: addDays(noticeDeadline, 1),
      }),
    ]);
    expect(accepted[0].occurredAt.slice(0, 10)).toBe(addDays(noticeDeadline, 1));
    const state = await ok(admin, `query($id: ID!) { node(id: $id) { ... on ChangeNotice { decision decidedOn } } }`, {
      id: noticeId,
    });
    expect(state.node).toEqual({ decision: "DEEMED_ACCEPTED", decidedOn: addDays(noticeDeadline, 1) });

    const overdueFindings = await eventsOf("finding.overdue");
    expect(overdueFindings.filter((e) => e.data.findingId === finding).map((e) => e.data)).toEqual([
      expect.objectContaining({ findingId: finding, dueOn: addDays(today, 5), daysOverdue: 1, severity: "MEDIUM" }),
    ]);
    const ofVendor = (list: EventNode[]) => list.filter((e) => e.data.processorId === vendor);
    expect(
      ofVendor(await eventsOf("supervision.due_soon")).map((e) => [e.data.nextDueOn, e.data.daysUntilDue]),
    ).toEqual([[supervisionDue, 30]]);
    expect(ofVendor(await eventsOf("supervision.overdue")).map((e) => [e.data.nextDueOn, e.data.daysOverdue])).toEqual([
      [supervisionDue, 1],
    ]);
    // No record and deadline is announced twice, whichever processor it is.
    for (const type of [
      "supervision.due_soon",
      "supervision.overdue",
      "finding.overdue",
      "change_notice.deadline_approaching",
    ]) {
      const keys = (await eventsOf(type)).map((e) =>
        JSON.stringify([
          e.data.processorId,
          e.data.findingId,
          e.data.changeNoticeId,
          e.data.nextDueOn ?? e.data.dueOn ?? e.data.deadline,
        ]),
      );
      expect({ type, duplicates: keys.length - new Set(keys).size }).toEqual({ type, duplicates: 0 });
    }

    // One digest a day, each for its day; the one after the deadline lists the notice as decided.
    const digests = await eventsOf("digest.daily");
    expect(digests.map((e) => e.data.date).sort()).toEqual(days);
    const afterDeadline = digests.find((e) => e.data.date === addDays(noticeDeadline, 1))!;
    expect(afterDeadline.data.decided.changeNotices.ids).toContain(noticeId);
    const dueDay = digests.find((e) => e.data.date === addDays(noticeDeadline, -3))!;
    expect(dueDay.data.due.changeNotices).toEqual({ count: 1, ids: [noticeId] });
    const ledger = await app.db.owner.query(
      `SELECT to_char(run_on, 'YYYY-MM-DD') AS day FROM daily_run WHERE organization_id = $1 ORDER BY run_on`,
      [orgId],
    );
    expect(ledger.map((r: any) => r.day)).toEqual(days);

    // jobs(status): the organization's daily jobs, completed; another organization does not see them.
    const jobs = await ok(
      admin,
      `{ jobs(queue: "daily-organization", first: 100) { id queue state scope attempts lastError } }`,
    );
    expect(jobs.jobs.length).toBeGreaterThanOrEqual(days.length);
    expect(
      jobs.jobs.every(
        (j: any) =>
          j.queue === "daily-organization" &&
          j.state === "COMPLETED" &&
          j.scope === "ORGANIZATION" &&
          j.attempts === 1 &&
          j.lastError === null,
      ),
    ).toBe(true);
    const theirs = await ok(other, `{ jobs(first: 100) { id scope } }`);
    const mine = new Set(jobs.jobs.map((j: any) => j.id));
    expect(theirs.jobs.filter((j: any) => mine.has(j.id))).toEqual([]);
  },
);

test(
  "a day's work that fails is rolled back whole, shown as a retry in " + "jobs(status), and done once when retried",
  async () => {
    const day = addDays(today, 400);
    const before = await counts();
    const undo = await refuseCommitsOn("daily_run");
    try {
      clock.set(`${day}T06:00:00Z`);
      await app.server.jobs!.run(QUEUES.dailySweep);
      // The organization's job failed at COMMIT: it waits for its retry.
      let retrying: any[] = [];
      for (let i = 0; i < 100 && !retrying.length; i++) {
        retrying = (
          await ok(admin, `{ jobs(status: [RETRY], queue: "daily-organization") { id state attempts lastError } }`)
        ).jobs;
        if (!retrying.length) await new Promise((r) => setTimeout(r, 100));
      }
      expect(retrying).toEqual([expect.objectContaining({ state: "RETRY", attempts: 1, lastError: "ERROR" })]);
      expect(await counts()).toEqual(before);
      const [{ n }] = await app.db.owner.query(
        `SELECT count(*)::int AS n FROM daily_run WHERE organization_id = $1 AND run_on = $2`,
        [orgId, day],
      );
      expect(n).toBe(0);
    } finally {
      await undo();
    }
    // Retry now instead of after the backoff (the clock of the queue is the database's).
    await app.db.owner.query(`UPDATE pgboss.job SET start_after = now() WHERE name = $1 AND state = 'retry'`, [
      QUEUES.dailyOrganization,
    ]);
    await app.server.jobs!.idle(QUEUES.dailyOrganization);
    const done = (await ok(admin, `{ jobs(queue: "daily-organization", first: 1) { state attempts lastError } }`)).jobs;
    expect(done).toEqual([{ state: "COMPLETED", attempts: 2, lastError: null }]);
    const after = await counts();
    expect(after["digest.daily"]).toBe((before["digest.daily"] ?? 0) + 1);
    // And directly: the ledger says it is done.
    expect(
      await withOrganization(app.db, orgId, "test", (ctx) => runDailyWork(ctx, loadConfig({}), "test")),
    ).toBeNull();
  },
);

test("events are the organization's own: another organization sees none of them", async () => {
  const mine = await ok(admin, `{ events(first: 100) { totalCount } }`);
  expect(mine.events.totalCount).toBeGreaterThan(10);
  const theirs = await ok(other, `{ events(first: 100) { totalCount edges { node { id } } } }`);
  const ids = theirs.events.edges.map((e: any) => fromGlobalId(e.node.id)!.id);
  if (ids.length) {
    const rows = await app.db.owner.query(`SELECT DISTINCT organization_id FROM event WHERE id = ANY($1)`, [ids]);
    expect(rows.map((r: any) => r.organization_id)).not.toContain(orgId);
  }
  const bad = await gql(admin, `{ events(filter: { types: ["no.such"] }) { totalCount } }`);
  expect(bad.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
  expect(bad.errors?.[0].message).toMatch(/unknown event type "no.such"/);
  const types = await ok(admin, `{ eventTypes { type description example } }`);
  expect(types.eventTypes.map((t: any) => t.type)).toEqual(
    expect.arrayContaining(["change_notice.deadline_approaching", "register_import.applied", "digest.daily"]),
  );
});

test(
  "every recorded event has the fields its documented example has " + "(eventTypes and the README stay true)",
  async () => {
    const shape = (v: unknown): unknown =>
      v && typeof v === "object" && !Array.isArray(v)
        ? Object.fromEntries(
            Object.entries(v as Record<string, unknown>)
              .sort()
              .map(([k, x]) => [k, shape(x)]),
          )
        : typeof v === "number" || v === null
          ? "number|null"
          : typeof v;
    const rows = await app.db.owner.query(`SELECT DISTINCT ON (type) type FROM event WHERE organization_id = $1`, [
      orgId,
    ]);
    expect(rows.length).toBeGreaterThanOrEqual(12);
    for (const { type } of rows as { type: EventType }[]) {
      const [event] = await eventsOf(type);
      expect({ type, keys: Object.keys(event.data).sort() }).toEqual({
        type,
        keys: Object.keys(EVENT_TYPE_INFO[type].example).sort(),
      });
      if (type === "digest.daily") expect(shape(event.data)).toEqual(shape(EVENT_TYPE_INFO[type].example));
    }
  },
);

test("finding.opened goes with the commit, in its round trip: a finding costs two statements of its own", async () => {
  const before = (await counts())["finding.opened"] ?? 0;
  const res = await gql(admin, CREATE_FINDING, {
    input: { processorId: processors.Capturi, description: "With the commit", severity: "HIGH" },
  });
  expect(res.errors).toBeUndefined();
  // The processor's lookup and the INSERT (the event was a third statement before the commit).
  expect(res.extensions?.sqlStatements).toBe(2);
  const opened = (await eventsOf("finding.opened")).filter(
    (e) => e.data.findingId === res.data.createFinding.finding.id,
  );
  expect(opened).toHaveLength(1);
  expect((await counts())["finding.opened"]).toBe(before + 1);
});
