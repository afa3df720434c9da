// Change notices (GDPR art. 28(2)) over HTTP: a processor's notice of a new or replacing
// sub-processor opens a deadline from the agreement in force; the controller approves or objects,
// silence counts as acceptance only under GENERAL authorisation, and the chain (today and asOf a
// date, read from the engagement history) follows the decisions.
import { seedDemoOrganization, startTestApp, TestApp } from "../helpers/app";
import { createProcessor } from "../helpers/fixtures";

let app: TestApp;
let key: string;
let keyName: string;
/** Processor global ids by name. */
const ids: Record<string, string> = {};
/** Current agreement ids by processor name. */
const agreementOf: Record<string, string | null> = {};
/** Seed engagement ids by "Processor→Sub-processor". */
const seedEngagement: Record<string, string> = {};

const DAY_MS = 86_400_000;
const today = new Date().toISOString().slice(0, 10);
function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

beforeAll(async () => {
  app = await startTestApp();
  key = (await seedDemoOrganization(app)).key;
  const res = await app.gql(
    key,
    `{ viewer { apiKey { name } } processors(first: 100) { edges { node {
    id name currentAgreement { id } subprocessors { id subprocessor { name } } } } } }`,
  );
  expect(res.errors).toBeUndefined();
  keyName = res.data.viewer.apiKey.name;
  for (const { node } of res.data.processors.edges) {
    ids[node.name] = node.id;
    agreementOf[node.name] = node.currentAgreement?.id ?? null;
    for (const e of node.subprocessors) seedEngagement[`${node.name}→${e.subprocessor.name}`] = e.id;
  }
});
afterAll(() => app.stop());

const ENGAGEMENT = `id status notifiedOn approvedOn removedOn countries transferMechanism purpose version
  subprocessor { id name } processor { name } approvedUnder { id }`;
const NOTICE = `id kind authorization noticeDays receivedOn deadline decision state daysLeft decidedOn decidedAt
  decisionReason source version decidedBy { name role } processor { id name } agreement { id }
  engagement { ${ENGAGEMENT} } replaces { ${ENGAGEMENT} }`;

const RECORD = `mutation($input: RecordChangeNoticeInput!) { recordChangeNotice(input: $input) {
  changeNotice { ${NOTICE} } userErrors { field code message } } }`;
const APPROVE = `mutation($input: ApproveChangeInput!) { approveChange(input: $input) {
  changeNotice { ${NOTICE} } userErrors { field code message } } }`;
const OBJECT = `mutation($input: ObjectToChangeInput!) { objectToChange(input: $input) {
  changeNotice { ${NOTICE} } userErrors { field code message } } }`;
const SETTLE = `mutation { settleChangeNotices { settled { ${NOTICE} } userErrors { field code message } } }`;
const NODE = `query($id: ID!) { node(id: $id) { ... on ChangeNotice { ${NOTICE} } } }`;
const PENDING = `query($lapsed: Boolean!) { pendingChangeNotices(includeLapsed: $lapsed) { id deadline state } }`;

let seq = 0;
/** Registers a processor (a future sub-processor) and returns its global id. */
async function newProcessor(name: string): Promise<string> {
  const unique = `${name} ${++seq}`;
  ids[unique] = (await createProcessor(app, key, { name: unique, direct: false, countryCode: "DE" })).id;
  return ids[unique];
}
function nameOf(id: string): string {
  return Object.keys(ids).find((n) => ids[n] === id)!;
}

/** A request that must not fail as a whole (its userErrors are the test's to check). */
async function gqlOk(query: string, variables?: Record<string, unknown>, k = key) {
  const res = await app.gql(k, query, variables);
  expect({ status: res.status, errors: res.errors }).toEqual({ status: 200, errors: undefined });
  return res.data;
}

async function record(input: Record<string, unknown>, k = key) {
  return (await gqlOk(RECORD, { input }, k)).recordChangeNotice;
}
async function recordOk(input: Record<string, unknown>) {
  const p = await record(input);
  expect(p.userErrors).toEqual([]);
  expect(p.changeNotice).not.toBeNull();
  return p.changeNotice;
}
async function approve(input: Record<string, unknown>, k = key) {
  return (await gqlOk(APPROVE, { input }, k)).approveChange;
}
async function object(input: Record<string, unknown>, k = key) {
  return (await gqlOk(OBJECT, { input }, k)).objectToChange;
}
async function settle(k = key) {
  const p = (await gqlOk(SETTLE, undefined, k)).settleChangeNotices;
  expect(p.userErrors).toEqual([]);
  return p.settled as any[];
}
async function notice(id: string, k = key) {
  return (await gqlOk(NODE, { id }, k)).node;
}
async function pendingIds(includeLapsed: boolean, k = key): Promise<string[]> {
  return (await gqlOk(PENDING, { lapsed: includeLapsed }, k)).pendingChangeNotices.map((n: any) => n.id);
}
/** Sub-processor names in the tree below a processor (today, or as of a date), depth 1 only unless said. */
async function treeNames(processor: string, opts: { asOf?: string; maxDepth?: number } = {}): Promise<string[]> {
  const data = await gqlOk(
    `query($id: ID!, $asOf: LocalDate, $d: Int!) { processor(id: $id) { subprocessorTree(asOf: $asOf, maxDepth: $d) ` +
      `{ processor { name } } } }`,
    {
      id: ids[processor],
      asOf: opts.asOf ?? null,
      d: opts.maxDepth ?? 1,
    },
  );
  return data.processor.subprocessorTree.map((n: any) => n.processor.name).sort();
}
/** Direct engagements as of a date: [sub-processor name, engagement id, countries], by name. */
async function asOfList(processor: string, asOf: string): Promise<{ name: string; id: string; countries: string[] }[]> {
  const data = await gqlOk(
    `query($id: ID!, $asOf: LocalDate!) { processor(id: $id) { subprocessors(asOf: $asOf) { id countries ` +
      `subprocessor { name } } } }`,
    {
      id: ids[processor],
      asOf,
    },
  );
  return data.processor.subprocessors
    .map((e: any) => ({ name: e.subprocessor.name, id: e.id, countries: e.countries }))
    .sort((a: any, b: any) => a.name.localeCompare(b.name));
}
/** Depth-1 tree as of a date in the same shape as asOfList, to compare the two. */
async function treeAsOfList(
  processor: string,
  asOf: string,
): Promise<{ name: string; id: string; countries: string[] }[]> {
  const data = await gqlOk(
    `query($id: ID!, $asOf: LocalDate!) { processor(id: $id) { subprocessorTree(asOf: $asOf, maxDepth: 1) { depth ` +
      `processor { name } engagement { id countries } } } }`,
    {
      id: ids[processor],
      asOf,
    },
  );
  const nodes = data.processor.subprocessorTree;
  expect(nodes.every((n: any) => n.depth === 1)).toBe(true);
  return nodes
    .map((n: any) => ({ name: n.processor.name, id: n.engagement.id, countries: n.engagement.countries }))
    .sort((a: any, b: any) => a.name.localeCompare(b.name));
}
/** What a processor has on file: all its engagements (removed included) and notices, and the org's open notices. */
async function footprint(processor: string) {
  const data = await gqlOk(
    `query($id: ID!) {
    pendingChangeNotices(includeLapsed: true) { id }
    processor(id: $id) { subprocessors(includeRemoved: true) { id status } changeNotices { id decision } } }`,
    { id: ids[processor] },
  );
  return {
    pending: data.pendingChangeNotices.length,
    engagements: data.processor.subprocessors.length,
    notices: data.processor.changeNotices.length,
    snapshot: JSON.stringify([data.processor.subprocessors, data.processor.changeNotices]),
  };
}

describe("an ADDITION under GENERAL authorisation (Capturi, 30 days)", () => {
  let n: any;
  let subId: string;
  const receivedOn = addDays(today, -10);

  test(
    "recordChangeNotice fixes authorisation, notice period and deadline from Capturi's DPA and proposes the " +
      "engagement",
    async () => {
      subId = await newProcessor("Speechmatics");
      n = await recordOk({
        processorId: ids["Capturi"],
        kind: "ADDITION",
        subprocessorId: subId,
        receivedOn,
        purpose: "Speech-to-text",
        countries: ["DE"],
        transferMechanism: "NOT_NEEDED_EEA",
        source: "  email of " + receivedOn + "  ",
      });
      expect(agreementOf["Capturi"]).toBeTruthy();
      expect(n).toMatchObject({
        kind: "ADDITION",
        authorization: "GENERAL",
        noticeDays: 30,
        receivedOn,
        deadline: addDays(receivedOn, 30),
        decision: "PENDING",
        state: "PENDING",
        daysLeft: 20,
        decidedOn: null,
        decidedAt: null,
        decidedBy: null,
        decisionReason: null,
        source: `email of ${receivedOn}`,
        processor: { id: ids["Capturi"], name: "Capturi" },
        agreement: { id: agreementOf["Capturi"] },
        replaces: null,
      });
      expect(n.engagement).toMatchObject({
        status: "PROPOSED",
        notifiedOn: receivedOn,
        approvedOn: null,
        removedOn: null,
        countries: ["DE"],
        transferMechanism: "NOT_NEEDED_EEA",
        purpose: "Speech-to-text",
        subprocessor: { id: subId },
        processor: { name: "Capturi" },
        approvedUnder: { id: agreementOf["Capturi"] },
      });
    },
  );

  test(
    "it is open: listed in pendingChangeNotices and Capturi.changeNotices, " + "and read back the same by node(id)",
    async () => {
      expect(await pendingIds(false)).toContain(n.id);
      const data = await gqlOk(`query($id: ID!) { processor(id: $id) { changeNotices { id state } } }`, {
        id: ids["Capturi"],
      });
      expect(data.processor.changeNotices).toContainEqual({ id: n.id, state: "PENDING" });
      expect(await notice(n.id)).toEqual(n);
    },
  );

  test("the proposed sub-processor is not in Capturi's tree yet (the seed ones are)", async () => {
    const tree = await treeNames("Capturi", { maxDepth: 10 });
    expect(tree).not.toContain(nameOf(subId));
    expect(tree).toEqual(expect.arrayContaining(["Amazon Web Services (AWS)", "Intercom", "MongoDB"]));
  });

  test("approveChange approves it, records who decided, and the sub-processor joins the tree", async () => {
    const stale = await approve({ id: n.id, version: n.version + 1 });
    expect(stale.userErrors).toEqual([expect.objectContaining({ field: ["input", "version"], code: "STALE_VERSION" })]);
    expect(stale.changeNotice).toBeNull();

    const p = await approve({ id: n.id, version: n.version, remarks: "  Checked the DPA of the new vendor.  " });
    expect(p.userErrors).toEqual([]);
    const a = p.changeNotice;
    expect(a).toMatchObject({
      id: n.id,
      decision: "APPROVED",
      state: "APPROVED",
      daysLeft: null,
      decidedOn: today,
      decisionReason: "Checked the DPA of the new vendor.",
      decidedBy: { name: keyName, role: "ADMIN" },
      deadline: n.deadline,
      receivedOn,
    });
    expect(a.version).toBeGreaterThan(n.version);
    expect(typeof a.decidedAt).toBe("string");
    expect(Math.abs(Date.parse(a.decidedAt) - Date.now())).toBeLessThan(5 * 60_000);
    expect(a.engagement).toMatchObject({
      id: n.engagement.id,
      status: "APPROVED",
      approvedOn: today,
      notifiedOn: receivedOn,
    });

    expect(await treeNames("Capturi")).toContain(nameOf(subId));
    expect(await pendingIds(true)).not.toContain(n.id);
    n = a;
  });

  test("a decided notice cannot be decided again: INVALID_STATE on input.id, nothing changes", async () => {
    const again = await approve({ id: n.id });
    expect(again.changeNotice).toBeNull();
    expect(again.userErrors).toEqual([expect.objectContaining({ field: ["input", "id"], code: "INVALID_STATE" })]);
    const obj = await object({ id: n.id, reason: "Changed our mind" });
    expect(obj.changeNotice).toBeNull();
    expect(obj.userErrors).toEqual([expect.objectContaining({ field: ["input", "id"], code: "INVALID_STATE" })]);
    expect(obj.userErrors[0].message).toMatch(/already decided/);
    expect(await notice(n.id)).toEqual(n);
    expect(await treeNames("Capturi")).toContain(nameOf(subId));
  });
});

test("objectToChange needs a non-blank reason, then the change is OBJECTED and stays out of the tree", async () => {
  const subId = await newProcessor("Deepgram");
  const n = await recordOk({
    processorId: ids["Capturi"],
    kind: "ADDITION",
    subprocessorId: subId,
    receivedOn: addDays(today, -3),
    countries: ["US"],
    transferMechanism: "DPF",
  });
  expect(n.daysLeft).toBe(27);

  for (const reason of ["", "   "]) {
    const blank = await object({ id: n.id, reason });
    expect(blank.changeNotice).toBeNull();
    expect(blank.userErrors).toEqual([expect.objectContaining({ field: ["input", "reason"], code: "REQUIRED" })]);
  }
  expect(await notice(n.id)).toEqual(n);

  const p = await object({ id: n.id, reason: " Transfer to the US is not acceptable for recordings. " });
  expect(p.userErrors).toEqual([]);
  expect(p.changeNotice).toMatchObject({
    decision: "OBJECTED",
    state: "OBJECTED",
    decidedOn: today,
    daysLeft: null,
    decisionReason: "Transfer to the US is not acceptable for recordings.",
    decidedBy: { name: keyName, role: "ADMIN" },
  });
  expect(p.changeNotice.engagement).toMatchObject({ id: n.engagement.id, status: "OBJECTED", approvedOn: null });
  expect(await treeNames("Capturi", { maxDepth: 10 })).not.toContain(nameOf(subId));
  expect(await pendingIds(true)).not.toContain(n.id);
  // An objection is final too.
  const late = await approve({ id: n.id });
  expect(late.userErrors).toEqual([expect.objectContaining({ field: ["input", "id"], code: "INVALID_STATE" })]);
  expect((await notice(n.id)).decision).toBe("OBJECTED");
});

describe("a GENERAL notice whose objection period has run out (received 40 days ago)", () => {
  let n: any;
  let subName: string;
  const receivedOn = addDays(today, -40);
  const deadline = addDays(receivedOn, 30);

  beforeAll(async () => {
    const subId = await newProcessor("Twilio");
    subName = nameOf(subId);
    n = await recordOk({
      processorId: ids["Capturi"],
      kind: "ADDITION",
      subprocessorId: subId,
      receivedOn,
      countries: ["IE"],
    });
  });

  test("reads as DEEMED_ACCEPTED before any settlement, and is listed only with includeLapsed", async () => {
    expect(n).toMatchObject({
      decision: "PENDING",
      state: "DEEMED_ACCEPTED",
      deadline,
      daysLeft: -10,
      decidedOn: null,
    });
    expect(deadline).toBe(addDays(today, -10));
    expect(await pendingIds(false)).not.toContain(n.id);
    const lapsed = (await gqlOk(PENDING, { lapsed: true })).pendingChangeNotices;
    expect(lapsed).toContainEqual({ id: n.id, deadline, state: "DEEMED_ACCEPTED" });
  });

  test("its sub-processor is already in Capturi's tree (deemed accepted)", async () => {
    expect(await treeNames("Capturi")).toContain(subName);
  });

  test("objectToChange is refused: the objection period ended", async () => {
    const p = await object({ id: n.id, reason: "Too late, but we object" });
    expect(p.changeNotice).toBeNull();
    expect(p.userErrors).toHaveLength(1);
    expect(p.userErrors[0].code).toBe("INVALID_STATE");
    expect(p.userErrors[0].message).toMatch(/objection period ended/);
    expect(p.userErrors[0].message).toContain(deadline);
    expect(await notice(n.id)).toEqual(n);
  });

  test(
    "settleChangeNotices records it as DEEMED_ACCEPTED from the day after the deadline; a second run settles " +
      "nothing",
    async () => {
      const settled = await settle();
      const s = settled.find((x) => x.id === n.id);
      expect(s).toBeDefined();
      expect(s).toMatchObject({
        decision: "DEEMED_ACCEPTED",
        state: "DEEMED_ACCEPTED",
        decidedOn: addDays(deadline, 1),
        daysLeft: null,
      });
      expect(s.engagement).toMatchObject({ id: n.engagement.id, status: "APPROVED", approvedOn: addDays(deadline, 1) });
      expect(await notice(n.id)).toEqual(s);
      expect(await settle()).toEqual([]);
      expect(await pendingIds(true)).not.toContain(n.id);
      expect(await treeNames("Capturi")).toContain(subName);
      // In the history the engagement starts on the day after the deadline.
      expect((await asOfList("Capturi", deadline)).map((e) => e.name)).not.toContain(subName);
      expect((await asOfList("Capturi", addDays(deadline, 1))).map((e) => e.name)).toContain(subName);
    },
  );
});

// BUG (src/modules/chains/chain.sql.ts, edgeSource): with an asOf date the edges come from the history
// only (status APPROVED), so a GENERAL notice past its deadline but not yet settled is in the tree
// today and missing from the tree "as of today", although asOf defaults to today.
test(
  "a deemed-accepted, not yet settled notice is in subprocessorTree(asOf: " + "today) as it is in subprocessorTree()",
  async () => {
    const subId = await newProcessor("Sendgrid");
    const n = await recordOk({
      processorId: ids["Capturi"],
      kind: "ADDITION",
      subprocessorId: subId,
      receivedOn: addDays(today, -35),
    });
    expect(n.state).toBe("DEEMED_ACCEPTED");
    expect(await treeNames("Capturi")).toContain(nameOf(subId));
    expect(await treeNames("Capturi", { asOf: today })).toEqual(await treeNames("Capturi"));
  },
);

// Suspected bug (src/modules/chains/chain.sql.ts, inForceNow): a deemed-accepted REPLACEMENT adds the
// new sub-processor to today's tree but keeps the replaced one until settleChangeNotices runs.
test(
  "a deemed-accepted, not yet settled REPLACEMENT no longer shows the " + "replaced sub-processor in today's tree",
  async () => {
    const oldId = await newProcessor("OldMailer");
    const created = await gqlOk(
      `mutation($input: CreateSubprocessorEngagementInput!) { createSubprocessorEngagement(input: $input) { ` +
        `engagement { id } userErrors { code } } }`,
      {
        input: {
          processorId: ids["E-SG.Cloud"],
          subprocessorId: oldId,
          status: "APPROVED",
          approvedOn: addDays(today, -100),
          countries: ["DK"],
        },
      },
    );
    expect(created.createSubprocessorEngagement.userErrors).toEqual([]);
    const newId = await newProcessor("NewMailer");
    const n = await recordOk({
      processorId: ids["E-SG.Cloud"],
      kind: "REPLACEMENT",
      subprocessorId: newId,
      replacesEngagementId: created.createSubprocessorEngagement.engagement.id,
      receivedOn: addDays(today, -45),
    });
    expect(n.state).toBe("DEEMED_ACCEPTED");
    const tree = await treeNames("E-SG.Cloud");
    expect(tree).toContain(nameOf(newId));
    expect(tree).not.toContain(nameOf(oldId));
  },
);

describe("SPECIFIC authorisation: silence is not consent", () => {
  test(
    "Ubivox (sub-processor agreement, 45 days): a notice received 50 days ago is NOT_APPROVED, not settled, and can " +
      "still be approved",
    async () => {
      const subId = await newProcessor("Mailgun");
      const subName = nameOf(subId);
      const receivedOn = addDays(today, -50);
      const n = await recordOk({
        processorId: ids["Ubivox"],
        kind: "ADDITION",
        subprocessorId: subId,
        receivedOn,
        countries: ["DE"],
      });
      expect(n).toMatchObject({
        authorization: "SPECIFIC",
        noticeDays: 45,
        deadline: addDays(receivedOn, 45),
        decision: "PENDING",
        state: "NOT_APPROVED",
        daysLeft: -5,
        agreement: { id: agreementOf["Ubivox"] },
      });
      expect(n.engagement).toMatchObject({ status: "PROPOSED", approvedUnder: { id: agreementOf["Ubivox"] } });
      expect(await pendingIds(false)).not.toContain(n.id);
      expect(await pendingIds(true)).toContain(n.id);
      expect(await treeNames("Ubivox")).not.toContain(subName);
      expect(await treeNames("FirstAgenda", { maxDepth: 10 })).not.toContain(subName);

      const settled = await settle();
      expect(settled.map((s) => s.id)).not.toContain(n.id);
      expect(await notice(n.id)).toEqual(n);

      const p = await approve({ id: n.id });
      expect(p.userErrors).toEqual([]);
      expect(p.changeNotice).toMatchObject({
        decision: "APPROVED",
        state: "APPROVED",
        decidedOn: today,
        daysLeft: null,
      });
      expect(p.changeNotice.engagement).toMatchObject({ status: "APPROVED", approvedOn: today });
      expect(await treeNames("Ubivox")).toContain(subName);
      // FirstAgenda → Ubivox → the new one, at depth 2.
      const data = await gqlOk(
        `query($id: ID!) { processor(id: $id) { subprocessorTree { depth processor { name } parent { name } } } }`,
        { id: ids["FirstAgenda"] },
      );
      expect(data.processor.subprocessorTree).toContainEqual({
        depth: 2,
        processor: { name: subName },
        parent: { name: "Ubivox" },
      });
    },
  );

  test(
    "FirstAgenda has no agreement of its own: SPECIFIC without notice " + "period or deadline, open until decided",
    async () => {
      const subId = await newProcessor("Calendly");
      const n = await recordOk({
        processorId: ids["FirstAgenda"],
        kind: "ADDITION",
        subprocessorId: subId,
        receivedOn: addDays(today, -400),
      });
      expect(agreementOf["FirstAgenda"]).toBeNull();
      expect(n).toMatchObject({
        authorization: "SPECIFIC",
        noticeDays: null,
        deadline: null,
        agreement: null,
        state: "PENDING",
        daysLeft: null,
      });
      expect(n.engagement.approvedUnder).toBeNull();
      expect(await pendingIds(false)).toContain(n.id);
      expect(await treeNames("FirstAgenda")).not.toContain(nameOf(subId));
    },
  );
});

describe("REPLACEMENT: E-SG.Cloud replaces Microsoft", () => {
  test(
    "replacesEngagementId is required for REPLACEMENT, refused for ADDITION, and must be an approved engagement of " +
      "the same processor; nothing is written",
    async () => {
      const subId = await newProcessor("Hetzner");
      const microsoft = seedEngagement["E-SG.Cloud→Microsoft"];
      expect(microsoft).toBeTruthy();
      const before = await footprint("E-SG.Cloud");
      const base = { processorId: ids["E-SG.Cloud"], subprocessorId: subId, receivedOn: addDays(today, -2) };

      const missing = await record({ ...base, kind: "REPLACEMENT" });
      expect(missing).toEqual({
        changeNotice: null,
        userErrors: [expect.objectContaining({ field: ["input", "replacesEngagementId"], code: "REQUIRED" })],
      });
      const addition = await record({ ...base, kind: "ADDITION", replacesEngagementId: microsoft });
      expect(addition).toEqual({
        changeNotice: null,
        userErrors: [expect.objectContaining({ field: ["input", "replacesEngagementId"], code: "INVALID" })],
      });
      const foreign = await record({
        ...base,
        kind: "REPLACEMENT",
        replacesEngagementId: seedEngagement["Capturi→Intercom"],
      });
      expect(foreign).toEqual({
        changeNotice: null,
        userErrors: [expect.objectContaining({ field: ["input", "replacesEngagementId"], code: "INVALID" })],
      });
      const notAnEngagement = await record({ ...base, kind: "REPLACEMENT", replacesEngagementId: ids["Microsoft"] });
      expect(notAnEngagement.userErrors).toEqual([
        expect.objectContaining({ field: ["input", "replacesEngagementId"], code: "NOT_FOUND" }),
      ]);

      expect(await footprint("E-SG.Cloud")).toEqual(before);
    },
  );

  test("a PROPOSED engagement cannot be replaced (INVALID_STATE)", async () => {
    const first = await recordOk({
      processorId: ids["E-SG.Cloud"],
      kind: "ADDITION",
      subprocessorId: await newProcessor("Proposed"),
      receivedOn: today,
    });
    const before = await footprint("E-SG.Cloud");
    const p = await record({
      processorId: ids["E-SG.Cloud"],
      kind: "REPLACEMENT",
      subprocessorId: await newProcessor("Other"),
      replacesEngagementId: first.engagement.id,
      receivedOn: today,
    });
    expect(p).toEqual({
      changeNotice: null,
      userErrors: [expect.objectContaining({ field: ["input", "replacesEngagementId"], code: "INVALID_STATE" })],
    });
    expect(await footprint("E-SG.Cloud")).toEqual(before);
  });

  test(
    "on approval the old engagement is REMOVED from decidedOn and the new one " + "APPROVED; Microsoft leaves the list",
    async () => {
      const subId = await newProcessor("OVHcloud");
      const microsoft = seedEngagement["E-SG.Cloud→Microsoft"];
      const n = await recordOk({
        processorId: ids["E-SG.Cloud"],
        kind: "REPLACEMENT",
        subprocessorId: subId,
        replacesEngagementId: microsoft,
        receivedOn: addDays(today, -4),
        countries: ["FR"],
        transferMechanism: "NOT_NEEDED_EEA",
      });
      expect(n).toMatchObject({
        kind: "REPLACEMENT",
        authorization: "GENERAL",
        noticeDays: 30,
        state: "PENDING",
        daysLeft: 26,
        agreement: { id: agreementOf["E-SG.Cloud"] },
      });
      expect(n.replaces).toMatchObject({
        id: microsoft,
        status: "APPROVED",
        removedOn: null,
        subprocessor: { name: "Microsoft" },
      });
      // Until decided, Microsoft stays and the replacement is not in the chain.
      expect(await treeNames("E-SG.Cloud")).toContain("Microsoft");
      expect(await treeNames("E-SG.Cloud")).not.toContain(nameOf(subId));

      const p = await approve({ id: n.id });
      expect(p.userErrors).toEqual([]);
      const a = p.changeNotice;
      expect(a).toMatchObject({ decision: "APPROVED", state: "APPROVED", decidedOn: today });
      expect(a.engagement).toMatchObject({ status: "APPROVED", approvedOn: today, countries: ["FR"] });
      expect(a.replaces).toMatchObject({ id: microsoft, status: "REMOVED", removedOn: a.decidedOn, countries: ["SE"] });

      const data = await gqlOk(
        `query($id: ID!) { processor(id: $id) {
      current: subprocessors { status subprocessor { name } }
      all: subprocessors(includeRemoved: true) { id status removedOn subprocessor { name } } } }`,
        { id: ids["E-SG.Cloud"] },
      );
      const current = data.processor.current.map((e: any) => e.subprocessor.name);
      expect(current).not.toContain("Microsoft");
      expect(current).toEqual(expect.arrayContaining(["Zoho Bigin", nameOf(subId)]));
      expect(data.processor.all).toContainEqual({
        id: microsoft,
        status: "REMOVED",
        removedOn: today,
        subprocessor: { name: "Microsoft" },
      });
      const tree = await treeNames("E-SG.Cloud");
      expect(tree).not.toContain("Microsoft");
      expect(tree).toContain(nameOf(subId));
      // As of today, from the history: the same.
      const asOf = (await asOfList("E-SG.Cloud", today)).map((e) => e.name);
      expect(asOf).not.toContain("Microsoft");
      expect(asOf).toContain(nameOf(subId));
      // Replacing it again: refused, saying when it left the chain rather than only its status.
      const again = await record({
        processorId: ids["E-SG.Cloud"],
        kind: "REPLACEMENT",
        subprocessorId: await newProcessor("Too late"),
        replacesEngagementId: microsoft,
        receivedOn: today,
      });
      expect(again.userErrors).toEqual([
        expect.objectContaining({ field: ["input", "replacesEngagementId"], code: "INVALID_STATE" }),
      ]);
      expect(again.userErrors[0].message).toBe(
        `replacesEngagementId must be an engagement still in the chain on receivedOn (${today}): it was removed on ` +
          today,
      );
    },
  );
});

describe("bad input writes nothing", () => {
  test("SELF_REFERENCE, unknown country code and a future receivedOn are refused with the field named", async () => {
    const subId = await newProcessor("Valid");
    const before = await footprint("Capturi");
    const cases: [Record<string, unknown>, { field: string[]; code: string }][] = [
      [{ subprocessorId: ids["Capturi"] }, { field: ["input", "subprocessorId"], code: "SELF_REFERENCE" }],
      [{ countries: ["DE", "XX"] }, { field: ["input", "countries"], code: "INVALID_COUNTRY_CODE" }],
      [{ countries: ["de"] }, { field: ["input", "countries"], code: "INVALID_COUNTRY_CODE" }],
      [{ receivedOn: addDays(today, 1) }, { field: ["input", "receivedOn"], code: "INVALID" }],
    ];
    for (const [override, expected] of cases) {
      const p = await record({
        processorId: ids["Capturi"],
        kind: "ADDITION",
        subprocessorId: subId,
        receivedOn: today,
        ...override,
      });
      expect(p.changeNotice).toBeNull();
      expect(p.userErrors).toEqual([expect.objectContaining(expected)]);
      expect(await footprint("Capturi")).toEqual(before);
    }
    const kind = await record({
      processorId: ids["Capturi"],
      kind: "REMOVAL",
      subprocessorId: subId,
      receivedOn: today,
    });
    expect(kind.userErrors).toEqual([expect.objectContaining({ field: ["input", "kind"], code: "INVALID" })]);
    expect(await footprint("Capturi")).toEqual(before);
  });

  test(
    "decidedOn before receivedOn or in the future is refused, for approval and " +
      "objection, and the notice stays open",
    async () => {
      const subId = await newProcessor("Pending");
      const receivedOn = addDays(today, -6);
      const n = await recordOk({ processorId: ids["Capturi"], kind: "ADDITION", subprocessorId: subId, receivedOn });
      const before = await footprint("Capturi");
      for (const decidedOn of [addDays(receivedOn, -1), addDays(today, 1)]) {
        const a = await approve({ id: n.id, decidedOn });
        expect(a.changeNotice).toBeNull();
        expect(a.userErrors).toEqual([expect.objectContaining({ field: ["input", "decidedOn"], code: "INVALID" })]);
        const o = await object({ id: n.id, decidedOn, reason: "No" });
        expect(o.changeNotice).toBeNull();
        expect(o.userErrors).toEqual([expect.objectContaining({ field: ["input", "decidedOn"], code: "INVALID" })]);
        expect(await footprint("Capturi")).toEqual(before);
      }
      expect(await notice(n.id)).toEqual(n);
      expect(n.engagement.status).toBe("PROPOSED");
      // The receivedOn day itself is allowed.
      const ok = await approve({ id: n.id, decidedOn: receivedOn });
      expect(ok.userErrors).toEqual([]);
      expect(ok.changeNotice).toMatchObject({
        decidedOn: receivedOn,
        engagement: { approvedOn: receivedOn, status: "APPROVED" },
      });
    },
  );
});

describe("tenant isolation", () => {
  let keyB: string;
  let n: any;
  let lapsed: any;

  beforeAll(async () => {
    ({ key: keyB } = await app.newOrganization("Other Controller ApS"));
    n = await recordOk({
      processorId: ids["Capturi"],
      kind: "ADDITION",
      subprocessorId: await newProcessor("Secret"),
      receivedOn: addDays(today, -1),
    });
    lapsed = await recordOk({
      processorId: ids["Capturi"],
      kind: "ADDITION",
      subprocessorId: await newProcessor("SecretLapsed"),
      receivedOn: addDays(today, -60),
    });
  });

  test("another organization sees none of the notices", async () => {
    expect(await pendingIds(false, keyB)).toEqual([]);
    expect(await pendingIds(true, keyB)).toEqual([]);
    expect(await notice(n.id, keyB)).toBeNull();
    expect(await notice(lapsed.id, keyB)).toBeNull();
    // The owner sees them.
    expect(await pendingIds(false)).toContain(n.id);
  });

  test(
    "approveChange/objectToChange with the other tenant's notice id answer NOT_FOUND like a made-up id; nothing " +
      "changes",
    async () => {
      const madeUp = Buffer.from("ChangeNotice:00000000-0000-4000-8000-000000000000").toString("base64url");
      const answers = [];
      for (const id of [n.id, madeUp]) {
        const a = await approve({ id }, keyB);
        const o = await object({ id, reason: "Not ours" }, keyB);
        expect(a.changeNotice).toBeNull();
        expect(o.changeNotice).toBeNull();
        answers.push([a.userErrors, o.userErrors]);
      }
      expect(answers[0]).toEqual(answers[1]);
      expect(answers[0][0]).toEqual([expect.objectContaining({ field: ["input", "id"], code: "NOT_FOUND" })]);
      expect(answers[0][1]).toEqual([expect.objectContaining({ field: ["input", "id"], code: "NOT_FOUND" })]);
      expect(await notice(n.id)).toEqual(n);
    },
  );

  test(
    "another organization cannot record a notice on this tenant's " + "processor, nor settle its lapsed notices",
    async () => {
      const own = await gqlOk(
        `mutation { createProcessor(input: { name: "Mine" }) { processor { id } } }`,
        undefined,
        keyB,
      );
      const mine = own.createProcessor.processor.id;
      const p = await record(
        { processorId: ids["Capturi"], kind: "ADDITION", subprocessorId: mine, receivedOn: today },
        keyB,
      );
      expect(p.userErrors).toEqual([expect.objectContaining({ field: ["input", "processorId"], code: "NOT_FOUND" })]);
      const r = await record(
        {
          processorId: mine,
          kind: "REPLACEMENT",
          subprocessorId: mine,
          replacesEngagementId: seedEngagement["Capturi→Intercom"],
          receivedOn: today,
        },
        keyB,
      );
      expect(r.userErrors).toEqual([
        expect.objectContaining({ field: ["input", "replacesEngagementId"], code: "NOT_FOUND" }),
      ]);
      expect(await settle(keyB)).toEqual([]);
      expect(await notice(lapsed.id)).toEqual(lapsed);
      expect(lapsed).toMatchObject({ decision: "PENDING", state: "DEEMED_ACCEPTED" });
      expect(await pendingIds(true)).toContain(lapsed.id);
    },
  );
});

describe("the chain as of a date, from the engagement history", () => {
  test(
    "an approval effective 5 days ago is not in the list 6 days ago and is " + "there from then on; the tree agrees",
    async () => {
      const subId = await newProcessor("Pinecone");
      const name = nameOf(subId);
      const n = await recordOk({
        processorId: ids["Capturi"],
        kind: "ADDITION",
        subprocessorId: subId,
        receivedOn: addDays(today, -12),
        countries: ["NL"],
      });
      const p = await approve({ id: n.id, decidedOn: addDays(today, -5) });
      expect(p.userErrors).toEqual([]);
      expect(p.changeNotice.engagement).toMatchObject({ status: "APPROVED", approvedOn: addDays(today, -5) });

      for (const [asOf, listed] of [
        [addDays(today, -12), false],
        [addDays(today, -6), false],
        [addDays(today, -5), true],
        [addDays(today, -1), true],
        [today, true],
      ] as const) {
        const list = await asOfList("Capturi", asOf);
        expect({ asOf, listed: list.some((e) => e.name === name) }).toEqual({ asOf, listed });
        expect({ asOf, tree: await treeAsOfList("Capturi", asOf) }).toEqual({ asOf, tree: list });
      }
      // Several dates in one request give each date its own answer.
      const data = await gqlOk(
        `query($id: ID!, $a: LocalDate!, $b: LocalDate!) { processor(id: $id) {
      before: subprocessors(asOf: $a) { subprocessor { name } } after: subprocessors(asOf: $b) { subprocessor { name } }
        } }`,
        {
          id: ids["Capturi"],
          a: addDays(today, -6),
          b: addDays(today, -5),
        },
      );
      expect(data.processor.before.map((e: any) => e.subprocessor.name)).not.toContain(name);
      expect(data.processor.after.map((e: any) => e.subprocessor.name)).toContain(name);
    },
  );

  test(
    "the seed engagements start their history on the day they were recorded: nothing for Capturi in 2020, all three " +
      "today",
    async () => {
      expect(await asOfList("Capturi", "2020-01-01")).toEqual([]);
      expect(await treeAsOfList("Capturi", "2020-01-01")).toEqual([]);
      const names = (await asOfList("Capturi", today)).map((e) => e.name);
      expect(names).toEqual(expect.arrayContaining(["Amazon Web Services (AWS)", "Intercom", "MongoDB"]));
      expect(await treeAsOfList("Capturi", today)).toEqual(await asOfList("Capturi", today));
    },
  );

  test("a replacement approved on D: asOf D-1 lists the old sub-processor, asOf D the new one", async () => {
    const oldId = await newProcessor("Rackspace");
    const created = await gqlOk(
      `mutation($input: CreateSubprocessorEngagementInput!) { createSubprocessorEngagement(input: $input) { ` +
        `engagement { id status approvedOn } userErrors { code message } } }`,
      {
        input: {
          processorId: ids["E-SG.Cloud"],
          subprocessorId: oldId,
          status: "APPROVED",
          approvedOn: addDays(today, -30),
          countries: ["DK"],
          agreementId: agreementOf["E-SG.Cloud"],
        },
      },
    );
    expect(created.createSubprocessorEngagement.userErrors).toEqual([]);
    const oldEngagement = created.createSubprocessorEngagement.engagement.id;
    const newId = await newProcessor("Scaleway");
    const n = await recordOk({
      processorId: ids["E-SG.Cloud"],
      kind: "REPLACEMENT",
      subprocessorId: newId,
      replacesEngagementId: oldEngagement,
      receivedOn: addDays(today, -8),
      countries: ["FR"],
    });
    const D = addDays(today, -4);
    const p = await approve({ id: n.id, decidedOn: D });
    expect(p.userErrors).toEqual([]);
    expect(p.changeNotice.replaces).toMatchObject({ id: oldEngagement, status: "REMOVED", removedOn: D });

    const dayBefore = await asOfList("E-SG.Cloud", addDays(D, -1));
    expect(dayBefore.map((e) => e.name)).toContain(nameOf(oldId));
    expect(dayBefore.map((e) => e.name)).not.toContain(nameOf(newId));
    expect(dayBefore.find((e) => e.name === nameOf(oldId))).toEqual({
      name: nameOf(oldId),
      id: oldEngagement,
      countries: ["DK"],
    });
    const onD = await asOfList("E-SG.Cloud", D);
    expect(onD.map((e) => e.name)).not.toContain(nameOf(oldId));
    expect(onD.find((e) => e.name === nameOf(newId))).toMatchObject({ countries: ["FR"] });
    expect(await treeAsOfList("E-SG.Cloud", addDays(D, -1))).toEqual(dayBefore);
    expect(await treeAsOfList("E-SG.Cloud", D)).toEqual(onD);
    expect((await asOfList("E-SG.Cloud", addDays(today, -31))).map((e) => e.name)).not.toContain(nameOf(oldId));
  });
});

test(
  "updating an approved engagement's countries writes a new state: yesterday " +
    "shows the old countries, today the new",
  async () => {
    const subId = await newProcessor("Cloudflare");
    const name = nameOf(subId);
    const n = await recordOk({
      processorId: ids["Capturi"],
      kind: "ADDITION",
      subprocessorId: subId,
      receivedOn: addDays(today, -9),
      countries: ["DE"],
      transferMechanism: "NOT_NEEDED_EEA",
    });
    const p = await approve({ id: n.id, decidedOn: addDays(today, -5) });
    expect(p.userErrors).toEqual([]);
    const e = p.changeNotice.engagement;

    const UPDATE =
      `mutation($input: UpdateSubprocessorEngagementInput!) { updateSubprocessorEngagement(input: $input) { ` +
      `engagement { ${ENGAGEMENT} } userErrors { field code } } }`;
    const stale = (await gqlOk(UPDATE, { input: { id: e.id, version: e.version - 1, countries: ["US"] } }))
      .updateSubprocessorEngagement;
    expect(stale).toEqual({ engagement: null, userErrors: [{ field: ["input", "version"], code: "STALE_VERSION" }] });

    const upd = (await gqlOk(UPDATE, { input: { id: e.id, version: e.version, countries: ["FR", "DE"] } }))
      .updateSubprocessorEngagement;
    expect(upd.userErrors).toEqual([]);
    expect(upd.engagement).toMatchObject({
      id: e.id,
      status: "APPROVED",
      approvedOn: addDays(today, -5),
      countries: ["FR", "DE"],
      version: e.version + 1,
    });

    const yesterday = (await asOfList("Capturi", addDays(today, -1))).find((x) => x.name === name);
    expect(yesterday).toEqual({ name, id: e.id, countries: ["DE"] });
    const fiveDaysAgo = (await asOfList("Capturi", addDays(today, -5))).find((x) => x.name === name);
    expect(fiveDaysAgo).toEqual({ name, id: e.id, countries: ["DE"] });
    const now = (await asOfList("Capturi", today)).find((x) => x.name === name);
    expect(now).toEqual({ name, id: e.id, countries: ["FR", "DE"] });
    expect((await treeAsOfList("Capturi", addDays(today, -1))).find((x) => x.name === name)).toEqual(yesterday);
    expect((await treeAsOfList("Capturi", today)).find((x) => x.name === name)).toEqual(now);
  },
);

// BUG (migrations/1795397291052-SubprocessorChains.ts recorded_at DEFAULT now(), read in chain.sql.ts
// edgeSource): history rows written in one transaction share recorded_at (the transaction start), so
// two states with the same effective_on tie in "ORDER BY effective_on DESC, recorded_at DESC" and
// DISTINCT ON returns either of them (about half come out wrong; twelve make a miss all but certain).
test("two updates in one request: asOf today shows the last state, as the record does", async () => {
  const engagements: { id: string; name: string }[] = [];
  for (let i = 0; i < 12; i++) {
    const subId = await newProcessor("Fastly");
    const created = await gqlOk(
      `mutation($input: CreateSubprocessorEngagementInput!) { createSubprocessorEngagement(input: $input) { ` +
        `engagement { id } userErrors { code } } }`,
      {
        input: {
          processorId: ids["Capturi"],
          subprocessorId: subId,
          status: "APPROVED",
          approvedOn: addDays(today, -20),
          countries: ["DE"],
        },
      },
    );
    expect(created.createSubprocessorEngagement.userErrors).toEqual([]);
    engagements.push({ id: created.createSubprocessorEngagement.engagement.id, name: nameOf(subId) });
  }
  const vars = Object.fromEntries(engagements.map((e, i) => [`e${i}`, e.id]));
  const res = await gqlOk(
    `mutation(${engagements.map((_, i) => `$e${i}: ID!`).join(", ")}) {
    ${engagements
      .map(
        (_, i) => `a${i}: updateSubprocessorEngagement(input: { id: $e${i}, countries: ["FR"] }) { userErrors { code } }
    b${i}: updateSubprocessorEngagement(input: { id: $e${i}, countries: ["SE"] }) { engagement { countries } userErrors
      { code } }`,
      )
      .join("\n")} }`,
    vars,
  );
  engagements.forEach((_, i) => expect(res[`b${i}`]).toEqual({ engagement: { countries: ["SE"] }, userErrors: [] }));
  const list = await asOfList("Capturi", today);
  const seen = engagements.map((e) => list.find((x) => x.id === e.id)?.countries);
  expect(seen).toEqual(engagements.map(() => ["SE"]));
});
