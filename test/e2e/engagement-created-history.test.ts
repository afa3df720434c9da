// An engagement created with the dates of states it went through records each of them, exactly as creating it then
// and updating it since would: created REMOVED with approvedOn 2025-06-01 and removedOn 2025-07-01 it recorded only
// "REMOVED from 2025-07-01", and as of 2025-06-15 the CN sub-processor was missing from subprocessors(asOf:),
// subprocessorTree(asOf:), transferExposure(asOf:) and the evidence list's sub-processor list. Real HTTP.
import { startTestApp, TestApp } from "../helpers/app";
import { createProcessor } from "../helpers/fixtures";
import * as createdStates from "../../migrations/1797800000700-EngagementHistoryOfCreatedStates";

let app: TestApp;
let key: string;
let cn: string;

beforeAll(async () => {
  app = await startTestApp();
  key = (await app.newOrganization("Historik ApS")).key;
  cn = (await createProcessor(app, key, { name: "Shenzhen Cloud Ltd", countryCode: "CN" })).id;
});
afterAll(() => app?.stop());

const CREATE = `mutation($input: CreateSubprocessorEngagementInput!) {
  createSubprocessorEngagement(input: $input) { engagement { id version statusHistory { status effectiveOn } }
    userErrors { field code message } } }`;
const UPDATE = `mutation($input: UpdateSubprocessorEngagementInput!) {
  updateSubprocessorEngagement(input: $input) { engagement { id statusHistory { status effectiveOn } }
    userErrors { field code message } } }`;
const TERMS = { countries: ["CN"], transferMechanism: "UNKNOWN" };

/** Whether the CN processor is in each view of `vendor`'s chain as of `on`. */
async function viewsOn(vendor: string, on: string): Promise<Record<string, boolean>> {
  const res = await app.gql(
    key,
    `query($id: ID!, $on: LocalDate!) {
      processor(id: $id) {
        subprocessors(asOf: $on) { subprocessor { name } }
        subprocessorTree(asOf: $on) { processor { name } }
        transferExposure(asOf: $on) { hops { to { name } } }
      }
      evidenceList(processorId: $id, to: $on, kinds: [SUBPROCESSOR_LIST]) { details }
    }`,
    { id: vendor, on },
  );
  expect(res.errors).toBeUndefined();
  const p = res.data.processor;
  const named = (list: unknown) => JSON.stringify(list).includes("Shenzhen Cloud Ltd");
  return {
    subprocessors: named(p.subprocessors),
    subprocessorTree: named(p.subprocessorTree),
    transferExposure: named(p.transferExposure.hops),
    evidenceList: named(res.data.evidenceList),
  };
}
const everywhere = (shown: boolean) => ({
  subprocessors: shown,
  subprocessorTree: shown,
  transferExposure: shown,
  evidenceList: shown,
});

test("created REMOVED with its approval and end dates: approved from approvedOn, removed from removedOn", async () => {
  const vendor = (await createProcessor(app, key, { name: "Vendor A/S", countryCode: "DK", direct: true })).id;
  const res = await app.ok(key, CREATE, {
    input: {
      processorId: vendor,
      subprocessorId: cn,
      ...TERMS,
      status: "REMOVED",
      approvedOn: "2025-06-01",
      removedOn: "2025-07-01",
    },
  });
  expect(res.createSubprocessorEngagement.engagement.statusHistory).toEqual([
    { status: "APPROVED", effectiveOn: "2025-06-01" },
    { status: "REMOVED", effectiveOn: "2025-07-01" },
  ]);
  expect(await viewsOn(vendor, "2025-05-31")).toEqual(everywhere(false));
  expect(await viewsOn(vendor, "2025-06-15")).toEqual(everywhere(true));
  expect(await viewsOn(vendor, "2025-07-01")).toEqual(everywhere(false));

  // Created APPROVED, then updated to REMOVED: the same history, the same views.
  const twin = (await createProcessor(app, key, { name: "Tvilling A/S", countryCode: "DK", direct: true })).id;
  const created = await app.ok(key, CREATE, {
    input: { processorId: twin, subprocessorId: cn, ...TERMS, status: "APPROVED", approvedOn: "2025-06-01" },
  });
  const { id, version } = created.createSubprocessorEngagement.engagement;
  const updated = await app.ok(key, UPDATE, { input: { id, version, status: "REMOVED", removedOn: "2025-07-01" } });
  expect(updated.updateSubprocessorEngagement.engagement.statusHistory).toEqual(
    res.createSubprocessorEngagement.engagement.statusHistory,
  );
  for (const on of ["2025-05-31", "2025-06-15", "2025-07-01"]) {
    expect(await viewsOn(twin, on)).toEqual(await viewsOn(vendor, on));
  }
}, 60_000);

test("other statuses created with past dates take effect on them; REMOVED without approvedOn only ended", async () => {
  const vendor = (await createProcessor(app, key, { name: "Vendor B A/S", countryCode: "DK", direct: true })).id;
  // A processor engages a sub-processor once while an engagement stands: the PROPOSED one is another vendor's.
  const proposing = (await createProcessor(app, key, { name: "Vendor B2 A/S", countryCode: "DK", direct: true })).id;
  const historyOf = async (input: Record<string, unknown>, processorId = vendor) =>
    (await app.ok(key, CREATE, { input: { processorId, subprocessorId: cn, ...TERMS, ...input } }))
      .createSubprocessorEngagement.engagement.statusHistory;
  expect(await historyOf({ status: "APPROVED", approvedOn: "2025-03-01" })).toEqual([
    { status: "APPROVED", effectiveOn: "2025-03-01" },
  ]);
  expect(await historyOf({ status: "PROPOSED", notifiedOn: "2025-04-01" }, proposing)).toEqual([
    { status: "PROPOSED", effectiveOn: "2025-04-01" },
  ]);
  expect(await historyOf({ status: "REMOVED", removedOn: "2025-05-01" })).toEqual([
    { status: "REMOVED", effectiveOn: "2025-05-01" },
  ]);
  // Approved and removed on one day: removed from that day, as create-then-update records it.
  expect(await historyOf({ status: "REMOVED", approvedOn: "2025-05-02", removedOn: "2025-05-02" })).toEqual([
    { status: "APPROVED", effectiveOn: "2025-05-02" },
    { status: "REMOVED", effectiveOn: "2025-05-02" },
  ]);
  // The APPROVED one is in force from its approval date.
  expect(await viewsOn(vendor, "2025-02-28")).toEqual(everywhere(false));
  expect(await viewsOn(vendor, "2025-03-01")).toEqual(everywhere(true));
}, 60_000);

test("removedOn before approvedOn: a userError naming removedOn, nothing recorded", async () => {
  const vendor = (await createProcessor(app, key, { name: "Vendor C A/S", countryCode: "DK", direct: true })).id;
  const res = await app.gql(key, CREATE, {
    input: {
      processorId: vendor,
      subprocessorId: cn,
      ...TERMS,
      status: "REMOVED",
      approvedOn: "2025-07-01",
      removedOn: "2025-06-01",
    },
  });
  expect(res.errors).toBeUndefined();
  expect(res.data.createSubprocessorEngagement.engagement).toBeNull();
  expect(res.data.createSubprocessorEngagement.userErrors).toEqual([
    { field: ["input", "removedOn"], code: "INVALID", message: "removedOn must not be before approvedOn" },
  ]);
  const subs = await app.ok(key, `query($id: ID!) { processor(id: $id) { subprocessors { id } } }`, { id: vendor });
  expect(subs.processor.subprocessors).toEqual([]);
});

test("the migration gives the engagements created REMOVED before it their approved state, once", async () => {
  const migration = new createdStates.EngagementHistoryOfCreatedStates1797800000700();
  const runner = app.db.owner.createQueryRunner();
  const vendor = (await createProcessor(app, key, { name: "Vendor D A/S", countryCode: "DK", direct: true })).id;
  const HISTORY = `query($id: ID!) { node(id: $id) { ... on SubprocessorEngagement { statusHistory { status
    effectiveOn } } } }`;
  try {
    await migration.down(runner); // the trigger as it was
    const input = { processorId: vendor, subprocessorId: cn, ...TERMS, status: "REMOVED" };
    const dated = await app.ok(key, CREATE, { input: { ...input, approvedOn: "2025-06-01", removedOn: "2025-07-01" } });
    const undated = await app.ok(key, CREATE, { input: { ...input, removedOn: "2025-07-01" } });
    const historyOf = async (created: typeof dated) =>
      (await app.ok(key, HISTORY, { id: created.createSubprocessorEngagement.engagement.id })).node.statusHistory;
    expect(await historyOf(dated)).toEqual([{ status: "REMOVED", effectiveOn: "2025-07-01" }]);
    expect(await viewsOn(vendor, "2025-06-15")).toEqual(everywhere(false));
    await migration.up(runner);
    await migration.up(runner);
    expect(await historyOf(dated)).toEqual([
      { status: "APPROVED", effectiveOn: "2025-06-01" },
      { status: "REMOVED", effectiveOn: "2025-07-01" },
    ]);
    expect(await historyOf(undated)).toEqual([{ status: "REMOVED", effectiveOn: "2025-07-01" }]);
    expect(await viewsOn(vendor, "2025-06-15")).toEqual(everywhere(true));
    expect(await viewsOn(vendor, "2025-07-01")).toEqual(everywhere(false));
  } finally {
    await runner.release();
  }
}, 60_000);
