// A removal is status REMOVED with removedOn, and a processor engages a sub-processor once. Before, an APPROVED (or
// PROPOSED) engagement with a removedOn was accepted: its history held only the approval, so every view as of a date
// kept it after the day it named (the README promises a scheduled removal keeps it in until then, and no longer).
// And two engagements of one processor and sub-processor were both accepted, even by two requests at once: the tree
// then showed the sub-processor twice at depth 1. The register import could set APPROVED on an engagement with a
// removal date. Real HTTP, real database.
import { addDays, todayIso } from "../../src/common/dates";
import { startTestApp, TestApp } from "../helpers/app";
import { createProcessor } from "../helpers/fixtures";
import { uploadRegister } from "../helpers/register";

const TODAY = todayIso();

let app: TestApp;
let key: string;

const CREATE = `mutation($input: CreateSubprocessorEngagementInput!) {
  createSubprocessorEngagement(input: $input) { engagement { id version status removedOn }
    userErrors { field code message } } }`;
const UPDATE = `mutation($input: UpdateSubprocessorEngagementInput!) {
  updateSubprocessorEngagement(input: $input) { engagement { id version status removedOn }
    userErrors { field code message } } }`;
const ARCHIVE = `mutation($id: ID!) { archiveSubprocessorEngagement(input: { id: $id }) { userErrors { code } } }`;

let n = 0;
/** A direct processor and a sub-processor of fresh names. */
async function pair(): Promise<{ processorId: string; subprocessorId: string; sub: string }> {
  n++;
  const processorId = (await createProcessor(app, key, { name: `Vendor ${n} A/S`, countryCode: "DK", direct: true }))
    .id;
  const sub = `Sub ${n} Oy`;
  const subprocessorId = (await createProcessor(app, key, { name: sub, countryCode: "FI" })).id;
  return { processorId, subprocessorId, sub };
}

async function create(input: Record<string, unknown>) {
  const res = await app.gql(key, CREATE, { input: { countries: ["FI"], ...input } });
  expect(res.errors).toBeUndefined();
  return res.data.createSubprocessorEngagement;
}

async function update(input: Record<string, unknown>) {
  const res = await app.gql(key, UPDATE, { input });
  expect(res.errors).toBeUndefined();
  return res.data.updateSubprocessorEngagement;
}

/** The sub-processors' names in the processor's tree (today, or as of a day) and list as of a day. */
async function chainOf(processorId: string, asOf: string) {
  const res = await app.ok(
    key,
    `query($id: ID!, $asOf: LocalDate!) { processor(id: $id) {
      today: subprocessorTree { depth processor { name } }
      tree: subprocessorTree(asOf: $asOf) { depth processor { name } }
      list: subprocessors(asOf: $asOf) { subprocessor { name } } } }`,
    { id: processorId, asOf },
  );
  const p = res.processor;
  return {
    today: p.today.map((x: any) => `${x.depth} ${x.processor.name}`),
    tree: p.tree.map((x: any) => `${x.depth} ${x.processor.name}`),
    list: p.list.map((x: any) => x.subprocessor.name),
  };
}

beforeAll(async () => {
  app = await startTestApp();
  key = (await app.newOrganization("Removal and pairs controller")).key;
});
afterAll(() => app.stop());

describe("removedOn only with status REMOVED", () => {
  test("create: a removedOn with APPROVED (the default), PROPOSED or OBJECTED is refused, saying how", async () => {
    const { processorId, subprocessorId } = await pair();
    for (const status of [undefined, "APPROVED", "PROPOSED", "OBJECTED"]) {
      const res = await create({
        processorId,
        subprocessorId,
        approvedOn: "2025-01-01",
        removedOn: "2027-01-15",
        ...(status ? { status } : {}),
      });
      expect(res.engagement).toBeNull();
      expect(res.userErrors).toEqual([
        { field: ["input", "removedOn"], code: "INVALID", message: expect.stringContaining("status REMOVED") },
      ]);
    }
    expect((await chainOf(processorId, "2026-01-01")).list).toEqual([]);
  });

  test("a scheduled removal (REMOVED, later removedOn) keeps it in until the day, and no longer", async () => {
    const { processorId, subprocessorId, sub } = await pair();
    const res = await create({
      processorId,
      subprocessorId,
      status: "REMOVED",
      approvedOn: "2025-01-01",
      removedOn: "2027-01-15",
    });
    expect(res.userErrors).toEqual([]);
    const history = await app.ok(
      key,
      `query($id: ID!) { node(id: $id) { ... on SubprocessorEngagement { statusHistory { status effectiveOn } } } }`,
      { id: res.engagement.id },
    );
    expect(history.node.statusHistory).toEqual([
      { status: "APPROVED", effectiveOn: "2025-01-01" },
      { status: "REMOVED", effectiveOn: "2027-01-15" },
    ]);
    expect(await chainOf(processorId, "2027-01-14")).toMatchObject({ tree: [`1 ${sub}`], list: [sub] });
    expect(await chainOf(processorId, "2027-01-16")).toMatchObject({ tree: [], list: [] });
    const evidence = await app.ok(
      key,
      `query($id: ID!) { evidenceList(processorId: $id, to: "2027-02-01", kinds: [SUBPROCESSOR_LIST]) { details } }`,
      { id: processorId },
    );
    expect(JSON.stringify(evidence.evidenceList)).not.toContain(sub);
  });

  test("update: a status other than REMOVED with a removedOn is refused; clearing removedOn re-approves", async () => {
    const { processorId, subprocessorId } = await pair();
    const removed = (
      await create({
        processorId,
        subprocessorId,
        status: "REMOVED",
        approvedOn: "2025-01-01",
        removedOn: "2027-01-15",
      })
    ).engagement;
    const back = await update({ id: removed.id, version: removed.version, status: "APPROVED" });
    expect(back.engagement).toBeNull();
    expect(back.userErrors).toEqual([
      { field: ["input", "removedOn"], code: "INVALID", message: expect.stringContaining("status REMOVED") },
    ]);
    const cleared = await update({ id: removed.id, version: removed.version, status: "APPROVED", removedOn: null });
    expect(cleared).toMatchObject({ userErrors: [], engagement: { status: "APPROVED", removedOn: null } });
    const dated = await update({ id: removed.id, version: cleared.engagement.version, removedOn: "2027-03-01" });
    expect(dated.userErrors).toEqual([
      { field: ["input", "removedOn"], code: "INVALID", message: expect.stringContaining("status REMOVED") },
    ]);
  });

  test("the register import refuses APPROVED on an engagement whose removal is scheduled", async () => {
    const { processorId, subprocessorId, sub } = await pair();
    await create({ processorId, subprocessorId, status: "REMOVED", approvedOn: "2025-01-01", removedOn: "2027-01-15" });
    const csv = `Databehandler;Underdatabehandler;Status\nVendor ${n} A/S;${sub};Godkendt\n`;
    const upload = await uploadRegister(app, key, Buffer.from(csv), "Underdatabehandlere.csv", "text/csv");
    expect(upload.status).toBe(201);
    const plan = await app.ok(
      key,
      `query($id: ID!) { registerImport(id: $id) { rows(limit: 10) { kind action problems { column code } }
        problems { field code rule } } }`,
      { id: upload.body.registerImport.id },
    );
    expect(plan.registerImport.rows).toEqual([
      { kind: "SUBPROCESSORS", action: "REJECTED", problems: [{ column: "C", code: "INVALID" }] },
    ]);
    expect(plan.registerImport.problems).toEqual([
      { field: "status", code: "INVALID", rule: expect.stringContaining("status REMOVED with removedOn") },
    ]);
  });
});

describe("one engagement of a processor and sub-processor", () => {
  test("a second is a DUPLICATE naming the first while the first stands; not once it has ended", async () => {
    const { processorId, subprocessorId, sub } = await pair();
    const first = (await create({ processorId, subprocessorId })).engagement;
    const duplicate = { field: ["input", "subprocessorId"], code: "DUPLICATE", message: expect.any(String) };
    const second = await create({ processorId, subprocessorId, countries: ["SE"] });
    expect(second).toEqual({ engagement: null, userErrors: [duplicate] });
    expect(second.userErrors[0].message).toContain(first.id);
    expect((await chainOf(processorId, TODAY)).today).toEqual([`1 ${sub}`]);
    // The same purpose in other case and spacing is the same engagement; another purpose is another.
    const backups = await create({ processorId, subprocessorId, purpose: "Backups  in Frankfurt" });
    expect(backups.userErrors).toEqual([]);
    expect((await create({ processorId, subprocessorId, purpose: "backups in frankfurt" })).userErrors).toEqual([
      duplicate,
    ]);
    await app.ok(key, ARCHIVE, { id: backups.engagement.id });

    // A removal scheduled for a later day: still present.
    const scheduled = await update({
      id: first.id,
      version: first.version,
      status: "REMOVED",
      removedOn: addDays(TODAY, 10),
    });
    expect(scheduled.userErrors).toEqual([]);
    expect((await create({ processorId, subprocessorId })).userErrors).toEqual([duplicate]);
    const proposed = await create({ processorId, subprocessorId, status: "PROPOSED" });
    expect(proposed.userErrors).toEqual([duplicate]);

    // Removed from today: a new engagement of the pair may start.
    const ended = await update({ id: first.id, version: scheduled.engagement.version, removedOn: TODAY });
    expect(ended.userErrors).toEqual([]);
    const again = await create({ processorId, subprocessorId });
    expect(again.userErrors).toEqual([]);

    // Bringing the ended one back beside the new one is the same duplicate.
    const revived = await update({
      id: first.id,
      version: ended.engagement.version,
      status: "APPROVED",
      removedOn: null,
    });
    expect(revived.engagement).toBeNull();
    expect(revived.userErrors).toEqual([
      { field: ["input", "status"], code: "DUPLICATE", message: expect.any(String) },
    ]);
    expect(revived.userErrors[0].message).toContain(again.engagement.id);

    // Archived: no longer present.
    await app.ok(key, ARCHIVE, { id: again.engagement.id });
    expect((await create({ processorId, subprocessorId })).userErrors).toEqual([]);
    expect((await chainOf(processorId, TODAY)).today).toEqual([`1 ${sub}`]);
  });

  test("requests at once: exactly one creates the engagement", async () => {
    for (let round = 0; round < 3; round++) {
      const { processorId, subprocessorId, sub } = await pair();
      const answers = await Promise.all(Array.from({ length: 6 }, () => create({ processorId, subprocessorId })));
      expect(answers.filter((a) => a.engagement).length).toBe(1);
      expect(answers.filter((a) => a.userErrors[0]?.code === "DUPLICATE").length).toBe(5);
      expect((await chainOf(processorId, TODAY)).today).toEqual([`1 ${sub}`]);
    }
  });
});
