// Today's chain is the process clock's day, as every rule in TypeScript reads it. Before, the chain's SQL read
// PostgreSQL's current_date: with the clock set (and, on a server whose time zone is not UTC, for part of every day)
// an engagement approved from a day already come by the clock was out of today's tree and sub-processor count while
// the same tree as of that day held it, and one removed on a day already past stayed in. The clock is set far from
// the real date, so the two days cannot agree by chance.
import { ManualClock } from "../../src/common/clock";
import { startTestApp, TestApp } from "../helpers/app";
import { createProcessor } from "../helpers/fixtures";

const TODAY = "2031-05-20";
const clock = new ManualClock(`${TODAY}T12:00:00Z`);
let app: TestApp;
let key: string;
let direct: string;

const CREATE = `mutation($input: CreateSubprocessorEngagementInput!) {
  createSubprocessorEngagement(input: $input) { engagement { id } userErrors { field code message } } }`;

async function engage(name: string, dates: Record<string, string>): Promise<void> {
  const subprocessorId = (await createProcessor(app, key, { name, countryCode: "US" })).id;
  const res = await app.ok(key, CREATE, {
    input: { processorId: direct, subprocessorId, countries: ["US"], transferMechanism: "SCC", ...dates },
  });
  expect(res.createSubprocessorEngagement.userErrors).toEqual([]);
}

beforeAll(async () => {
  app = await startTestApp({}, { clock });
  ({ key } = await app.newOrganization("Clock-day controller"));
  direct = (await createProcessor(app, key, { name: "Clock Direct", countryCode: "DK", direct: true })).id;
  await engage("Approved by the clock's day", { status: "APPROVED", approvedOn: "2031-05-01" });
  await engage("Removed by the clock's day", {
    status: "REMOVED",
    approvedOn: "2031-01-01",
    removedOn: "2031-05-10",
  });
});
afterAll(() => app.stop());

test("today's tree and count are the tree as of the clock's day", async () => {
  const res = await app.ok(
    key,
    `query($id: ID!, $today: LocalDate!) { processor(id: $id) {
      subprocessorCount
      subprocessorTree { processor { name } }
      subprocessorTreeAsOf: subprocessorTree(asOf: $today) { processor { name } } } }`,
    { id: direct, today: TODAY },
  );
  const names = (nodes: { processor: { name: string } }[]) => nodes.map((n) => n.processor.name).sort();
  expect(names(res.processor.subprocessorTreeAsOf)).toEqual(["Approved by the clock's day"]);
  expect(names(res.processor.subprocessorTree)).toEqual(["Approved by the clock's day"]);
  expect(res.processor.subprocessorCount).toBe(1);
});
