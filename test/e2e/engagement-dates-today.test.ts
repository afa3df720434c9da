// An engagement's dates decide when it is in the chain, in every view, as the history does: today's views (no asOf)
// answer what the same views answer as of today. Before, the current views read the status alone: an engagement
// APPROVED from a later date was in today's tree, transfer exposure, risk score and art. 30 record while
// subprocessorTree(asOf: today) left it out, and one REMOVED from a later date was out of them at once (a scheduled
// removal dropped its hop, its transfer finding and 28 points of risk the day it was entered) while the history kept
// it until removedOn. The evidence list read the row for a `to` of today or later; it reads the history on `to`.
// Real HTTP, real database; the dates are relative to today (UTC), so the scenario holds on any day.
import { addDays, todayIso } from "../../src/common/dates";
import { startTestApp, TestApp } from "../helpers/app";
import { createDpa, createProcessor, createSupportActivity } from "../helpers/fixtures";

const TODAY = todayIso();
const APPROVED_LATER = addDays(TODAY, 25); // FutureUS enters the chain then
const REMOVED_LATER = addDays(TODAY, 84); // PastRemovedUS leaves it then
const BETWEEN = addDays(TODAY, 56); // both in the chain

let app: TestApp;
let key: string;
/** Each sub-processor's engagement (global id). */
const engagementOf: Record<string, string> = {};

const CREATE = `mutation($input: CreateSubprocessorEngagementInput!) {
  createSubprocessorEngagement(input: $input) { engagement { id version } userErrors { field code message } } }`;
const UPDATE = `mutation($input: UpdateSubprocessorEngagementInput!) {
  updateSubprocessorEngagement(input: $input) { engagement { id } userErrors { field code message } } }`;

async function directProcessorWithDpa(name: string): Promise<string> {
  const id = (await createProcessor(app, key, { name, countryCode: "DK", direct: true })).id;
  await createDpa(app, key, { processorId: id, title: `${name} DPA`, effectiveFrom: "2024-01-01" });
  await createSupportActivity(app, key, `${name} support`, [id]);
  return id;
}

async function engage(processorId: string, name: string, dates: Record<string, string>): Promise<{ id: string }> {
  const sub = (await createProcessor(app, key, { name, countryCode: "US" })).id;
  const res = await app.ok(key, CREATE, {
    input: { processorId, subprocessorId: sub, countries: ["US"], transferMechanism: "UNKNOWN", ...dates },
  });
  engagementOf[name] = res.createSubprocessorEngagement.engagement.id;
  return res.createSubprocessorEngagement.engagement;
}

const named = (value: unknown, names: string[]) => names.filter((n) => JSON.stringify(value).includes(`"${n}`));

/** Which of `names` each view of `processorId`'s chain shows today (and as of today). */
async function views(processorId: string, names: string[]): Promise<Record<string, string[]>> {
  const res = await app.gql(
    key,
    `query($id: ID!, $today: LocalDate!) {
      processor(id: $id) {
        name
        subprocessors { subprocessor { name } }
        subprocessorsAsOf: subprocessors(asOf: $today) { subprocessor { name } }
        subprocessorTree { processor { name } }
        subprocessorTreeAsOf: subprocessorTree(asOf: $today) { processor { name } }
        transferExposure { hops { to { name } } findings { path { name } } }
        transferExposureAsOf: transferExposure(asOf: $today) { hops { to { name } } findings { path { name } } }
        risk { score factors { key evidence { id } } }
      }
      transferExposure { processor { name } hops { to { name } } }
      evidenceList(processorId: $id, kinds: [SUBPROCESSOR_LIST]) { details }
    }`,
    { id: processorId, today: TODAY },
  );
  expect(res.errors).toBeUndefined();
  const p = res.data.processor;
  const portfolio = res.data.transferExposure.find((x: { processor: { name: string } }) => x.processor.name === p.name);
  const noMechanism = p.risk.factors.find((f: { key: string }) => f.key === "transfers.noMechanism");
  const ropa = async (query: string) => {
    const http = await fetch(app.server.url.replace(/\/graphql$/, `/exports/ropa.json${query}`), {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(http.status).toBe(200);
    const body = (await http.json()) as { records: { name: string; transfers: { recipient: string }[] }[] };
    const record = body.records.find((r) => r.name === `${p.name} support`);
    return names.filter((n) => record?.transfers.some((t) => t.recipient === n));
  };
  const text = (s: string) => names.filter((n) => s.includes(n));
  return {
    subprocessors: named(p.subprocessors, names),
    subprocessorsAsOf: named(p.subprocessorsAsOf, names),
    subprocessorTree: named(p.subprocessorTree, names),
    subprocessorTreeAsOf: named(p.subprocessorTreeAsOf, names),
    transferExposure: named(p.transferExposure.hops, names),
    transferFindings: named(p.transferExposure.findings, names),
    transferExposureAsOf: named(p.transferExposureAsOf.hops, names),
    transferFindingsAsOf: named(p.transferExposureAsOf.findings, names),
    portfolioTransferExposure: named(portfolio.hops, names),
    riskNoMechanism: names.filter((n) => noMechanism.evidence.some((e: { id: string }) => e.id === engagementOf[n])),
    ropaJson: await ropa(""),
    ropaJsonAsOf: await ropa(`?asOf=${TODAY}`),
    evidenceList: text(JSON.stringify(res.data.evidenceList)),
  };
}

async function evidenceListOn(processorId: string, to: string, names: string[]): Promise<string[]> {
  const res = await app.ok(
    key,
    `query($id: ID!, $to: LocalDate!) { evidenceList(processorId: $id, to: $to, kinds: [SUBPROCESSOR_LIST]) {
      details effectiveOn } }`,
    { id: processorId, to },
  );
  return names.filter((n) => JSON.stringify(res.evidenceList).includes(n));
}

const everywhere = (names: string[]) => ({
  subprocessorTree: names,
  subprocessorTreeAsOf: names,
  subprocessorsAsOf: names,
  transferExposure: names,
  transferFindings: names,
  transferExposureAsOf: names,
  transferFindingsAsOf: names,
  portfolioTransferExposure: names,
  riskNoMechanism: names,
  ropaJson: names,
  ropaJsonAsOf: names,
  evidenceList: names,
});

beforeAll(async () => {
  app = await startTestApp();
  key = (await app.newOrganization("Fremtid ApS")).key;
});
afterAll(() => app?.stop());

test("approved from a later date is not in the chain yet, one removed from a later date still is", async () => {
  const futureCo = await directProcessorWithDpa("FutureCo");
  await engage(futureCo, "FutureUS", { status: "APPROVED", approvedOn: APPROVED_LATER });
  await engage(futureCo, "PastRemovedUS", {
    status: "REMOVED",
    approvedOn: addDays(TODAY, -309),
    removedOn: REMOVED_LATER,
  });
  const names = ["FutureUS", "PastRemovedUS"];
  const today = await views(futureCo, names);
  expect(today).toEqual({
    ...everywhere(["PastRemovedUS"]),
    // Every engagement that has not ended: FutureUS is APPROVED (from a later date), PastRemovedUS not yet removed.
    subprocessors: names,
  });

  // The evidence list's approved list as it stands on `to`, from the history, for any `to`.
  expect(await evidenceListOn(futureCo, addDays(TODAY, -1), names)).toEqual(["PastRemovedUS"]);
  expect(await evidenceListOn(futureCo, TODAY, names)).toEqual(["PastRemovedUS"]);
  expect(await evidenceListOn(futureCo, BETWEEN, names)).toEqual(names);
  expect(await evidenceListOn(futureCo, REMOVED_LATER, names)).toEqual(["FutureUS"]);
}, 120_000);

test("a scheduled removal keeps the hop in every view until removedOn", async () => {
  const scheduledCo = await directProcessorWithDpa("ScheduledCo");
  const names = ["ScheduledUS", "ApprovedTodayUS", "RemovedTodayUS"];
  const hop = await engage(scheduledCo, "ScheduledUS", { status: "APPROVED", approvedOn: addDays(TODAY, -200) });
  // The boundary days: approved today is in the chain today, removed today is not.
  await engage(scheduledCo, "ApprovedTodayUS", { status: "APPROVED", approvedOn: TODAY });
  await engage(scheduledCo, "RemovedTodayUS", {
    status: "REMOVED",
    approvedOn: addDays(TODAY, -200),
    removedOn: TODAY,
  });
  const inChain = ["ScheduledUS", "ApprovedTodayUS"];
  const before = await views(scheduledCo, names);
  expect(before).toEqual({ ...everywhere(inChain), subprocessors: inChain });
  const scoreOf = async () =>
    (await app.ok(key, `query($id: ID!) { processor(id: $id) { risk { score } } }`, { id: scheduledCo })).processor.risk
      .score;
  const score = await scoreOf();

  const { version } = (
    await app.ok(key, `query($id: ID!) { node(id: $id) { ... on SubprocessorEngagement { version } } }`, {
      id: hop.id,
    })
  ).node;
  await app.ok(key, UPDATE, { input: { id: hop.id, version, status: "REMOVED", removedOn: addDays(TODAY, 13) } });
  expect(await views(scheduledCo, names)).toEqual(before);
  expect(await scoreOf()).toBe(score);
  expect(await evidenceListOn(scheduledCo, addDays(TODAY, 12), names)).toEqual(inChain);
  expect(await evidenceListOn(scheduledCo, addDays(TODAY, 13), names)).toEqual(["ApprovedTodayUS"]);
  // includeRemoved lists the ended one too.
  const all = await app.ok(
    key,
    `query($id: ID!) { processor(id: $id) { subprocessors(includeRemoved: true) { subprocessor { name } } } }`,
    { id: scheduledCo },
  );
  expect(named(all.processor.subprocessors, names).sort()).toEqual([...names].sort());
}, 120_000);

test("a notice may replace an engagement whose removal is scheduled; approved, it ends that day", async () => {
  const co = await directProcessorWithDpa("ReplaceCo");
  const leaving = await engage(co, "LeavingUS", {
    status: "REMOVED",
    approvedOn: addDays(TODAY, -100),
    removedOn: addDays(TODAY, 30),
  });
  const arriving = (await createProcessor(app, key, { name: "ArrivingUS", countryCode: "US" })).id;
  const recorded = await app.ok(
    key,
    `mutation($input: RecordChangeNoticeInput!) { recordChangeNotice(input: $input) { changeNotice { id version }
      userErrors { field code message } } }`,
    {
      input: {
        processorId: co,
        kind: "REPLACEMENT",
        subprocessorId: arriving,
        replacesEngagementId: leaving.id,
        receivedOn: TODAY,
        countries: ["US"],
        transferMechanism: "SCC",
      },
    },
  );
  const approved = await app.ok(
    key,
    `mutation($input: ApproveChangeInput!) { approveChange(input: $input) { changeNotice { replaces { status
      removedOn } } userErrors { field code message } } }`,
    { input: { id: recorded.recordChangeNotice.changeNotice.id, decidedOn: TODAY } },
  );
  expect(approved.approveChange.changeNotice.replaces).toEqual({ status: "REMOVED", removedOn: TODAY });
  const tree = await app.ok(
    key,
    `query($id: ID!, $today: LocalDate!) { processor(id: $id) { subprocessorTree { processor { name } }
      asOf: subprocessorTree(asOf: $today) { processor { name } } } }`,
    { id: co, today: TODAY },
  );
  expect(tree.processor.subprocessorTree).toEqual([{ processor: { name: "ArrivingUS" } }]);
  expect(tree.processor.asOf).toEqual(tree.processor.subprocessorTree);
}, 120_000);
