// A report the controller rejected on review does not count (README, supervision): not for the supervision plan,
// and not for the risk either. A clean ISAE 3000 type 2 statement gave assurance.credit = -5; once rejected, the
// plan said NEVER_SUPERVISED but the risk kept the credit with the rejected report as evidence (found by an outside
// tester). The review marks the processor stale, so the very next read shows it.
import { addDays, addMonths, todayIso } from "../../src/common/dates";
import { startTestApp, TestApp } from "../helpers/app";

let app: TestApp;
let key: string;
let processorId: string;
let reportId: string;

const RISK = `query($id: ID!) { processor(id: $id) {
  supervisionPlan { status lastSupervisedOn lastReport { id } }
  risk { score factors { key input contribution evidence { id } } } } }`;
const REVIEW =
  `mutation($r: ID!, $c: String!, $on: LocalDate!) { reviewAuditReport(input: { auditReportId: $r, reviewer: ` +
  `"Jane DPO", reviewedOn: $on, conclusion: $c }) { userErrors { field message } } }`;
const RECOMPUTE = `mutation { recomputeRisk { result { processors changed } userErrors { message } } }`;

async function read() {
  const data = await app.ok(key, RISK, { id: processorId });
  const factor = (k: string) => data.processor.risk.factors.find((f: any) => f.key === k);
  return { plan: data.processor.supervisionPlan, risk: data.processor.risk, factor };
}

beforeAll(async () => {
  app = await startTestApp();
  ({ key } = await app.newOrganization("Rejecting Controller A/S"));
  const made = await app.ok(
    key,
    `mutation { createProcessor(input: { name: "Revisor Cloud ApS" }) { processor { id } } }`,
  );
  processorId = made.createProcessor.processor.id;
  await app.ok(
    key,
    `mutation($p: ID!) { createAgreement(input: { processorId: $p, kind: "DPA", template: "OTHER", title: "DPA", ` +
      `status: "ACTIVE", effectiveFrom: "2025-01-01", processorAudit: { methods: ["ISAE_3000"], intervalMonths: 12 } ` +
      `}) { userErrors { field message } } }`,
    { p: processorId },
  );
  // The tester's report, its dates moved with the clock: received a month ago, a period of a year before it.
  const receivedOn = addMonths(todayIso(), -1);
  const report = await app.ok(
    key,
    `mutation($input: CreateAuditReportInput!) { createAuditReport(input: $input) { auditReport { id } userErrors { ` +
      `field message } } }`,
    {
      input: {
        processorId,
        title: "ISAE 3000 type 2",
        type: "ISAE_3000",
        reportKind: "TYPE_2",
        periodStart: addMonths(receivedOn, -14),
        periodEnd: addDays(addMonths(receivedOn, -2), -1),
        issuedOn: addDays(receivedOn, -14),
        receivedOn,
        opinion: "UNQUALIFIED",
        coversPurchasedServices: true,
      },
    },
  );
  reportId = report.createAuditReport.auditReport.id;
});
afterAll(() => app.stop());

test("a clean type 2 statement is assurance: credit -5, the report as evidence", async () => {
  const { factor } = await read();
  expect(factor("assurance.credit")).toMatchObject({ contribution: -5, evidence: [{ id: reportId }] });
});

test("rejected on review: no credit, no latest report, at the next read (the review marks stale)", async () => {
  const before = await read();
  await app.ok(key, REVIEW, { r: reportId, c: "REJECTED", on: todayIso() });
  const after = await read();
  expect(after.plan).toMatchObject({ status: "NEVER_SUPERVISED", lastSupervisedOn: null, lastReport: null });
  // (A factor that adds nothing is left out of the list.)
  expect(after.factor("assurance.credit")?.contribution ?? 0).toBe(0);
  expect(after.risk.factors.flatMap((f: any) => f.evidence.map((e: any) => e.id))).not.toContain(reportId);
  expect(after.factor("report.unreviewed")).toBeUndefined(); // it was reviewed
  expect(after.factor("supervision.never")).toBeDefined();
  expect(after.risk.score).toBeGreaterThan(before.risk.score);
  // The read was fresh: a full recompute finds nothing to change.
  expect((await app.ok(key, RECOMPUTE)).recomputeRisk.result.changed).toBe(0);
});

test("accepted on a later review (the latest counts): the credit is back", async () => {
  await app.ok(key, REVIEW, { r: reportId, c: "ACCEPTED", on: todayIso() });
  const { plan, factor } = await read();
  expect(plan.lastReport).toEqual({ id: reportId });
  expect(factor("assurance.credit")).toMatchObject({ contribution: -5, evidence: [{ id: reportId }] });
});
