// Supervision over HTTP: the seed plans follow their agreements, reports and reviews move the
// schedule, findings need a note to close, breach notices are timed against the agreement.
import { seedDemoOrganization, startTestApp, TestApp } from "../helpers/app";
import { addMonths } from "../../src/common/dates";
import { createApiKey } from "../helpers/fixtures";
import { DEMO_SIGNED_ON } from "../../seeds/demo";

let app: TestApp;
let key: string;
const ids: Record<string, string> = {};
const today = new Date().toISOString().slice(0, 10);
// The demo agreements take effect on the demo signing date; Capturi's first self-control report is due
// on the first 1 January after it.
const firstJanuaryFirst = `${Number(DEMO_SIGNED_ON.slice(0, 4)) + (DEMO_SIGNED_ON.slice(5) === "01-01" ? 0 : 1)}-01-01`;
const daysUntil = (d: string) => Math.round((Date.parse(d) - Date.parse(today)) / 86_400_000);

beforeAll(async () => {
  app = await startTestApp();
  key = (await seedDemoOrganization(app)).key;
  const res = await app.gql(key, `{ processors(first: 100) { edges { node { id name } } } }`);
  for (const { node } of res.data.processors.edges) ids[node.name] = node.id;
});
afterAll(() => app.stop());

const PLAN = `query($id: ID!, $soon: Int) { processor(id: $id) { supervisionPlan(dueSoonDays: $soon) {
  requiredMethods requiredIntervalMonths requiredDueDay intervalMonths chosenMethod chosenMethodAllowed rationale
  startOn lastSupervisedOn nextDueOn daysUntilDue status unreviewedReports openFindings agreement { kind } lastReport {
    title }
} } }`;
const plan = async (name: string, soon?: number) => {
  const res = await app.gql(key, PLAN, { id: ids[name], soon });
  expect(res.errors).toBeUndefined();
  return res.data.processor.supervisionPlan;
};

async function createReport(input: Record<string, unknown>) {
  const res = await app.gql(
    key,
    `mutation($input: CreateAuditReportInput!) { createAuditReport(input: $input) { auditReport { id version ` +
      `receivedOn } userErrors { field code message } } }`,
    { input },
  );
  expect(res.errors).toBeUndefined();
  return res.data.createAuditReport;
}

test("the seed plans follow their agreements and show their real status today", async () => {
  const capturi = await plan("Capturi");
  expect(capturi).toMatchObject({
    requiredMethods: ["SELF_CONTROL_REPORT"],
    requiredIntervalMonths: 12,
    requiredDueDay: "01-01",
    intervalMonths: 12,
    chosenMethod: "SELF_CONTROL_REPORT",
    chosenMethodAllowed: true,
    lastSupervisedOn: null,
    nextDueOn: firstJanuaryFirst,
    status: "NEVER_SUPERVISED",
    agreement: { kind: "DPA" },
  });
  expect(capturi.rationale).toMatch(/capturi-dpa.da.txt Bilag C.7/);
  const esg = await plan("E-SG.Cloud");
  expect(esg).toMatchObject({
    requiredMethods: ["PHYSICAL_INSPECTION"],
    requiredDueDay: null,
    chosenMethod: "PHYSICAL_INSPECTION",
    status: "NEVER_SUPERVISED",
  });
  expect(esg.nextDueOn).toBe(addMonths(esg.startOn, 12));
  const ubivox = await plan("Ubivox");
  expect(ubivox).toMatchObject({
    requiredMethods: ["INTERNAL_AUDIT", "PHYSICAL_INSPECTION"],
    chosenMethod: "INTERNAL_AUDIT",
    agreement: { kind: "SUBPROCESSOR_AGREEMENT" },
  });
  // FirstAgenda has no agreement on file and no plan; sub-processors without an agreement have none either.
  expect(await plan("FirstAgenda")).toBeNull();
  expect(await plan("Intercom")).toBeNull();
  const schedule = await app.gql(key, `{ supervisionSchedule { processor { name } status nextDueOn } }`);
  expect(schedule.data.supervisionSchedule.map((p: any) => p.processor.name).sort()).toEqual([
    "Capturi",
    "E-SG.Cloud",
    "Ubivox",
  ]);
  const dates = schedule.data.supervisionSchedule.map((p: any) => p.nextDueOn);
  expect(dates).toEqual([...dates].sort());
  const worklist = await app.gql(key, `{ overdueSupervision { processor { name } status } }`);
  expect(worklist.data.overdueSupervision.map((p: any) => p.status)).toEqual([
    "NEVER_SUPERVISED",
    "NEVER_SUPERVISED",
    "NEVER_SUPERVISED",
  ]);
});

test("a self-control report moves Capturi to the next 1 January; a rejected one does not count", async () => {
  const { auditReport, userErrors } = await createReport({
    processorId: ids["Capturi"],
    type: "SELF_CONTROL_REPORT",
    title: "Egenkontrolrapport 2026",
    receivedOn: "2025-12-20",
    issuedOn: "2025-12-19",
  });
  expect(userErrors).toEqual([]);
  let p = await plan("Capturi", 60);
  expect(p).toMatchObject({
    lastSupervisedOn: "2025-12-20",
    nextDueOn: "2027-01-01",
    unreviewedReports: 1,
    lastReport: { title: "Egenkontrolrapport 2026" },
  });
  expect(p.daysUntilDue).toBe(daysUntil("2027-01-01"));
  expect(p.status).toBe(daysUntil("2027-01-01") < 0 ? "OVERDUE" : daysUntil("2027-01-01") <= 60 ? "DUE_SOON" : "OK");
  const reject = await app.gql(
    key,
    `mutation($id: ID!) { reviewAuditReport(input: { auditReportId: $id, reviewer: "Jane DPO", conclusion: ` +
      `"REJECTED", remarks: "Scope misses the hosting." }) { review { conclusion reviewedOn recordedBy { role } } ` +
      `userErrors { code } } }`,
    { id: auditReport.id },
  );
  expect(reject.data.reviewAuditReport.review).toEqual({
    conclusion: "REJECTED",
    reviewedOn: today,
    recordedBy: { role: "ADMIN" },
  });
  p = await plan("Capturi");
  expect(p).toMatchObject({ lastSupervisedOn: null, status: "NEVER_SUPERVISED", unreviewedReports: 0 });
  // A later review that accepts it makes it count again (the latest review counts).
  await app.gql(
    key,
    `mutation($id: ID!) { reviewAuditReport(input: { auditReportId: $id, reviewer: "Jane DPO", conclusion: ` +
      `"ACCEPTED" }) { userErrors { code } } }`,
    { id: auditReport.id },
  );
  expect((await plan("Capturi")).lastSupervisedOn).toBe("2025-12-20");
});

test(
  "an inspection long ago makes E-SG.Cloud overdue; a shorter interval " + "of the controller's own applies",
  async () => {
    const { userErrors } = await createReport({
      processorId: ids["E-SG.Cloud"],
      type: "PHYSICAL_INSPECTION",
      title: "Inspection Aarhus",
      receivedOn: "2024-06-03",
      asOfDate: "2024-06-03",
    });
    expect(userErrors).toEqual([]);
    expect(await plan("E-SG.Cloud")).toMatchObject({
      lastSupervisedOn: "2024-06-03",
      nextDueOn: "2025-06-03",
      status: "OVERDUE",
    });
    const set = await app.gql(
      key,
      `mutation($id: ID!) { setSupervisionPlan(input: { processorId: $id, chosenMethod: "PHYSICAL_INSPECTION", ` +
        `intervalMonths: 6, rationale: "Health data (sick leave): twice a year." }) { processor { supervisionPlan { ` +
        `intervalMonths nextDueOn } } userErrors { code } } }`,
      { id: ids["E-SG.Cloud"] },
    );
    expect(set.data.setSupervisionPlan.processor.supervisionPlan).toEqual({
      intervalMonths: 6,
      nextDueOn: "2024-12-03",
    });
    const worklist = await app.gql(key, `{ overdueSupervision { processor { name } status } }`);
    expect(worklist.data.overdueSupervision[0]).toEqual({ processor: { name: "E-SG.Cloud" }, status: "OVERDUE" });
    const bad = await app.gql(key, `{ overdueSupervision(dueSoonDays: 400) { status } }`);
    expect(bad.errors?.[0].message).toMatch(/dueSoonDays must be between 0 and 365/);
  },
);

test(
  "report rules: type 2 needs a period, the period must run forward, attestations need a type, certifications a " +
    "validity",
  async () => {
    const count = async () =>
      (await app.gql(key, `query($id: ID!) { processor(id: $id) { auditReports { id } } }`, { id: ids["Ubivox"] })).data
        .processor.auditReports.length;
    const before = await count();
    const base = { processorId: ids["Ubivox"], title: "X", receivedOn: "2026-03-01" };
    expect((await createReport({ ...base, type: "ISAE_3000", reportKind: "TYPE_2" })).userErrors).toEqual([
      { field: ["input", "periodStart"], code: "REQUIRED", message: expect.stringMatching(/type 2/) },
      { field: ["input", "periodEnd"], code: "REQUIRED", message: expect.stringMatching(/type 2/) },
    ]);
    expect(
      (
        await createReport({
          ...base,
          type: "ISAE_3000",
          reportKind: "TYPE_2",
          periodStart: "2025-12-31",
          periodEnd: "2025-01-01",
        })
      ).userErrors,
    ).toEqual([
      { field: ["input", "periodEnd"], code: "INVALID", message: "periodEnd must not be before periodStart" },
    ]);
    expect((await createReport({ ...base, type: "SOC_2" })).userErrors.map((e: any) => [e.field[1], e.code])).toEqual([
      ["reportKind", "REQUIRED"],
    ]);
    expect(
      (await createReport({ ...base, type: "ISAE_3402", reportKind: "TYPE_1" })).userErrors.map((e: any) => [
        e.field[1],
        e.code,
      ]),
    ).toEqual([["asOfDate", "REQUIRED"]]);
    expect(
      (await createReport({ ...base, type: "CERTIFICATION" })).userErrors.map((e: any) => [e.field[1], e.code]),
    ).toEqual([
      ["standard", "REQUIRED"],
      ["validUntil", "REQUIRED"],
    ]);
    expect(
      (await createReport({ ...base, type: "NOT_A_TYPE" })).userErrors.map((e: any) => [e.field[1], e.code]),
    ).toEqual([["type", "INVALID"]]);
    expect(
      (
        await createReport({
          ...base,
          type: "ISAE_3000",
          reportKind: "TYPE_2",
          periodStart: "2025-01-01",
          periodEnd: "2025-12-31",
          subserviceMethod: "INCLUSIVE",
          carvedOutSubprocessorIds: [ids["LeaseWeb"]],
        })
      ).userErrors.map((e: any) => [e.field[1], e.code]),
    ).toEqual([["carvedOutSubprocessorIds", "INVALID"]]);
    expect(await count()).toBe(before);
    const ok = await createReport({
      ...base,
      type: "ISAE_3000",
      reportKind: "TYPE_2",
      assurance: "REASONABLE",
      periodStart: "2025-01-01",
      periodEnd: "2025-12-31",
      issuedOn: "2026-02-15",
      opinion: "QUALIFIED",
      subserviceMethod: "CARVE_OUT",
      carvedOutSubprocessorIds: [ids["LeaseWeb"]],
      cuecs: ["Controller reviews user access quarterly"],
      coversPurchasedServices: true,
    });
    expect(ok.userErrors).toEqual([]);
    const read = await app.gql(
      key,
      `query($id: ID!) { node(id: $id) { ... on AuditReport { reportKind opinion carvedOutSubprocessors { name } ` +
        `cuecs awaitingReview processor { name } } } }`,
      { id: ok.auditReport.id },
    );
    expect(read.data.node).toEqual({
      reportKind: "TYPE_2",
      opinion: "QUALIFIED",
      carvedOutSubprocessors: [{ name: "LeaseWeb" }],
      cuecs: ["Controller reviews user access quarterly"],
      awaitingReview: true,
      processor: { name: "Ubivox" },
    });
    const cert = await createReport({
      ...base,
      type: "CERTIFICATION",
      standard: "ISO/IEC 27001:2022",
      validUntil: "2099-01-01",
    });
    expect(cert.userErrors).toEqual([]);
    const certs = await app.gql(key, `query($id: ID!) { processor(id: $id) { validCertifications { standard } } }`, {
      id: ids["Ubivox"],
    });
    expect(certs.data.processor.validCertifications).toEqual([{ standard: "ISO/IEC 27001:2022" }]);
  },
);

test("findings: from a report, followed up, closed only with a note; closed ones stay as closed", async () => {
  const { auditReport } = await createReport({
    processorId: ids["Capturi"],
    type: "ISAE_3000",
    reportKind: "TYPE_1",
    asOfDate: "2026-01-31",
    title: "ISAE 3000 type 1",
    receivedOn: "2026-03-01",
  });
  const created = await app.gql(
    key,
    `mutation($r: ID!) { createFinding(input: { auditReportId: $r, controlObjective: "CO 4 logical access", ` +
      `description: "Leavers kept access for 30 days", severity: "HIGH", owner: "IT security", dueOn: "2026-06-30" ` +
      `}) { finding { id version source status processor { name } auditReport { title } } userErrors { field code } ` +
      `} }`,
    { r: auditReport.id },
  );
  const f = created.data.createFinding.finding;
  expect(f).toMatchObject({
    source: "REPORT",
    status: "OPEN",
    processor: { name: "Capturi" },
    auditReport: { title: "ISAE 3000 type 1" },
  });
  expect((await plan("Capturi")).openFindings).toBe(1);
  const noNote = await app.gql(
    key,
    `mutation($id: ID!) { closeFinding(input: { id: $id, note: "   " }) { finding { status } userErrors { field ` +
      `code message } } }`,
    { id: f.id },
  );
  expect(noNote.data.closeFinding).toEqual({
    finding: null,
    userErrors: [{ field: ["input", "note"], code: "REQUIRED", message: "note must not be empty" }],
  });
  const asClosed = await app.gql(
    key,
    `mutation($id: ID!) { updateFinding(input: { id: $id, status: "CLOSED" }) { userErrors { field code } } }`,
    { id: f.id },
  );
  expect(asClosed.data.updateFinding.userErrors).toEqual([{ field: ["input", "status"], code: "INVALID" }]);
  const closed = await app.gql(
    key,
    `mutation($id: ID!) { closeFinding(input: { id: $id, note: "Leaver process automated; checked in review ` +
      `2026-05." }) { finding { status closedOn closingNote } userErrors { code } } }`,
    { id: f.id },
  );
  expect(closed.data.closeFinding.finding).toEqual({
    status: "CLOSED",
    closedOn: today,
    closingNote: "Leaver process automated; checked in review 2026-05.",
  });
  const again = await app.gql(
    key,
    `mutation($id: ID!) { updateFinding(input: { id: $id, owner: "someone" }) { userErrors { field code } } }`,
    { id: f.id },
  );
  expect(again.data.updateFinding.userErrors).toEqual([{ field: ["input", "id"], code: "INVALID_STATE" }]);
  expect((await plan("Capturi")).openFindings).toBe(0);
  const own = await app.gql(
    key,
    `mutation($p: ID!) { createFinding(input: { processorId: $p, description: "No DPA on file", severity: ` +
      `"CRITICAL" }) { finding { source } userErrors { code } } }`,
    { p: ids["FirstAgenda"] },
  );
  expect(own.data.createFinding.finding).toEqual({ source: "CONTROLLER_REVIEW" });
  const neither = await app.gql(
    key,
    `mutation { createFinding(input: { description: "x", severity: "LOW" }) { userErrors { field code } } }`,
  );
  expect(neither.data.createFinding.userErrors).toEqual([{ field: ["input", "auditReportId"], code: "REQUIRED" }]);
});

test("breach notices are timed against the agreement in force", async () => {
  const record = (name: string, aware: string, notified: string) =>
    app.gql(
      key,
      `mutation($p: ID!, $a: DateTime!, $n: DateTime!) { recordBreachNotice(input: { processorId: $p, title: ` +
        `"Misdirected email", becameAwareAt: $a, notifiedAt: $n, approximateDataSubjects: 12 }) { breachNotice { ` +
        `limitHours hoursToNotify notifiedLate } userErrors { field code } } }`,
      { p: ids[name], a: aware, n: notified },
    );
  expect(
    (await record("Capturi", "2026-03-01T08:00:00Z", "2026-03-03T10:00:00Z")).data.recordBreachNotice.breachNotice,
  ).toEqual({ limitHours: 48, hoursToNotify: 50, notifiedLate: true });
  expect(
    (await record("E-SG.Cloud", "2026-03-01T08:00:00Z", "2026-03-01T18:30:00Z")).data.recordBreachNotice.breachNotice,
  ).toEqual({ limitHours: 24, hoursToNotify: 10.5, notifiedLate: false });
  expect(
    (await record("FirstAgenda", "2026-03-01T08:00:00Z", "2026-03-01T09:00:00Z")).data.recordBreachNotice.breachNotice,
  ).toEqual({ limitHours: null, hoursToNotify: 1, notifiedLate: null });
  expect(
    (await record("Capturi", "2026-03-02T08:00:00Z", "2026-03-01T08:00:00Z")).data.recordBreachNotice.userErrors,
  ).toEqual([{ field: ["input", "notifiedAt"], code: "INVALID" }]);
  const list = await app.gql(key, `query($p: ID!) { processor(id: $p) { breachNotices { hoursToNotify } } }`, {
    p: ids["Capturi"],
  });
  expect(list.data.processor.breachNotices).toEqual([{ hoursToNotify: 50 }]);
});

test("a notice one second over the limit is late, in its field and in the risk factor", async () => {
  const recent = async () =>
    (
      await app.gql(key, `query($p: ID!) { processor(id: $p) { risk { factors { key input } } } }`, {
        p: ids["E-SG.Cloud"],
      })
    ).data.processor.risk.factors.find((f: any) => f.key === "breaches.recent").input;
  const before = /(\d+) notice\(s\), (\d+) late/
    .exec(await recent())!
    .slice(1)
    .map(Number);
  // A month ago at midnight, so the notice falls in the factor's window whenever the test runs.
  const aware = new Date(Date.parse(`${today}T00:00:00Z`) - 30 * 86_400_000);
  const at = (ms: number) => new Date(aware.getTime() + ms).toISOString();
  const res = await app.gql(
    key,
    `mutation($p: ID!, $a: DateTime!, $n: DateTime!) { recordBreachNotice(input: { processorId: $p, title: ` +
      `"Lost laptop", becameAwareAt: $a, notifiedAt: $n }) { breachNotice { limitHours hoursToNotify ` +
      `notifiedLate } userErrors { field code } } }`,
    { p: ids["E-SG.Cloud"], a: aware.toISOString(), n: at(24 * 3_600_000 + 1000) },
  );
  expect(res.data.recordBreachNotice).toEqual({
    breachNotice: { limitHours: 24, hoursToNotify: 24, notifiedLate: true },
    userErrors: [],
  });
  expect(await recent()).toBe(`${before[0] + 1} notice(s), ${before[1] + 1} late`);
});

test("an auditor reads the schedule and writes nothing; another tenant cannot review our report", async () => {
  const auditorKey = await createApiKey(app, key, "AUDITOR", "auditor");
  const read = await app.gql(auditorKey, `{ supervisionSchedule { status } }`);
  expect(read.errors).toBeUndefined();
  expect(read.data.supervisionSchedule.length).toBe(3);
  const write = await app.gql(
    auditorKey,
    `mutation($p: ID!) { createAuditReport(input: { processorId: $p, type: "SELF_CONTROL_REPORT", title: "x", ` +
      `receivedOn: "2026-01-01" }) { userErrors { code } } }`,
    { p: ids["Capturi"] },
  );
  expect(write.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  const { auditReport } = await createReport({
    processorId: ids["Capturi"],
    type: "WRITTEN_SUPERVISION",
    title: "Questionnaire 2026",
    receivedOn: "2026-02-01",
  });
  const other = await app.newOrganization("Other controller");
  const review = await app.gql(
    other.key,
    `mutation($id: ID!) { reviewAuditReport(input: { auditReportId: $id, reviewer: "Mallory", conclusion: ` +
      `"ACCEPTED" }) { review { id } userErrors { field code message } } }`,
    { id: auditReport.id },
  );
  const made = await app.gql(
    other.key,
    `mutation { reviewAuditReport(input: { auditReportId: ` +
      `"QXVkaXRSZXBvcnQ6MDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAw", reviewer: "Mallory", conclusion: ` +
      `"ACCEPTED" }) { userErrors { field code message } } }`,
  );
  expect(review.data.reviewAuditReport).toEqual({ review: null, userErrors: made.data.reviewAuditReport.userErrors });
  expect(review.data.reviewAuditReport.userErrors[0]).toMatchObject({
    field: ["input", "auditReportId"],
    code: "NOT_FOUND",
  });
  const mine = await app.gql(key, `query($id: ID!) { node(id: $id) { ... on AuditReport { reviews { id } } } }`, {
    id: auditReport.id,
  });
  expect(mine.data.node.reviews).toEqual([]);
  const early = await app.gql(
    key,
    `mutation($id: ID!) { reviewAuditReport(input: { auditReportId: $id, reviewer: "Jane", conclusion: ` +
      `"ACCEPTED", reviewedOn: "2026-01-15" }) { userErrors { field code } } }`,
    { id: auditReport.id },
  );
  expect(early.data.reviewAuditReport.userErrors).toEqual([{ field: ["input", "reviewedOn"], code: "INVALID" }]);
});
