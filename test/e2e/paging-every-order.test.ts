// Every connection of the schema, in every order it offers, paged two or three rows at a time by following
// endCursor, over rows written in one mutation (one transaction: one now(), equal timestamps to the microsecond)
// and rows without the sort value (processors without a renewal date). Each row arrives exactly once, in the
// list's order, and the last page says hasNextPage false. Before: a timestamp's cursor kept milliseconds of a
// microsecond column, so processors by CREATED_AT ASC returned the same page forever, and CREATED_AT DESC and
// findings dropped rows; processors by RENEWAL DESC handed out a placeholder cursor (0001-01-01) that the next
// page refused as BAD_USER_INPUT. Real HTTP.
import { startTestApp, TestApp } from "../helpers/app";

let app: TestApp;
let key: string;
let endpointId: string;

/** Runs a mutation of aliased fields; throws on any error or any field's userErrors. */
async function mutate(query: string): Promise<Record<string, any>> {
  const res = await app.gql(key, query);
  if (res.status !== 200 || res.errors) throw new Error(`${res.status} ${JSON.stringify(res.errors)}`);
  for (const [alias, payload] of Object.entries(res.data as Record<string, any>))
    if (payload?.userErrors?.length) throw new Error(`${alias}: ${JSON.stringify(payload.userErrors)}`);
  return res.data as Record<string, any>;
}

const PROCESSORS: { name: string; countryCode: string; renewalOn: string | null }[] = [
  { name: "Alfa ApS", countryCode: "DK", renewalOn: "2027-01-01" },
  { name: "Alfa ApS", countryCode: "DK", renewalOn: "2027-01-01" },
  { name: "Beta Inc", countryCode: "US", renewalOn: null },
  { name: "Beta Inc", countryCode: "US", renewalOn: null },
  { name: "Gamma GmbH", countryCode: "DE", renewalOn: null },
  { name: "Delta AB", countryCode: "SE", renewalOn: "2026-06-30" },
  { name: "Delta AB", countryCode: "DK", renewalOn: "2027-01-01" },
];
const FINDINGS = 6;
const EVIDENCE = ["2025-01-01", "2025-01-01", "2025-01-01", "2025-02-01", "2025-02-01"];
const ACTIVITIES = ["Løn", "Løn", "HR", "HR", "Marketing"];

beforeAll(async () => {
  app = await startTestApp({ webhookAllowPrivate: true });
  key = (await app.newOrganization("Sidetal Prøve ApS")).key;
  const endpoint = await mutate(`mutation { e: createWebhookEndpoint(input: {
    url: "http://127.0.0.1:9/hook", eventTypes: ["finding.opened"] }) {
      webhookEndpoint { id } userErrors { message } } }`);
  endpointId = endpoint.e.webhookEndpoint.id;
  const created = await mutate(
    `mutation { ${PROCESSORS.map(
      (p, i) =>
        `p${i}: createProcessor(input: { name: "${p.name}", countryCode: "${p.countryCode}", ` +
        `renewalOn: ${p.renewalOn ? `"${p.renewalOn}"` : "null"} }) { processor { id } userErrors { message } }`,
    ).join("\n")} }`,
  );
  const processorId = created.p0.processor.id;
  // One mutation each: the rows of each share their transaction's timestamp.
  await mutate(
    `mutation { ${Array.from(
      { length: FINDINGS },
      (_, i) =>
        `f${i}: createFinding(input: { processorId: "${processorId}", description: "Fund ${i % 2}", ` +
        `severity: "HIGH" }) { finding { id } userErrors { message } }`,
    ).join("\n")} }`,
  );
  await mutate(
    `mutation { ${EVIDENCE.map(
      (effectiveOn, i) =>
        `e${i}: registerExternalEvidence(input: { processorId: "${processorId}", kind: "OTHER", title: "Bilag", ` +
        `effectiveOn: "${effectiveOn}", externalUri: "https://example.com/${i}", sha256: "${"c".repeat(64)}" }) ` +
        `{ evidence { id } userErrors { message } }`,
    ).join("\n")} }`,
  );
  await mutate(
    `mutation { ${ACTIVITIES.map(
      (name, i) =>
        `a${i}: createProcessingActivity(input: { name: "${name}" }) ` +
        `{ processingActivity { id } userErrors { message } }`,
    ).join("\n")} }`,
  );
});

afterAll(async () => {
  await app?.stop();
});

interface Page {
  edges: { cursor: string; node: Record<string, any> }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

interface List {
  name: string;
  /** The connection's selection with `$first` and `$after`; `connection` finds it in the answer. */
  query: string;
  connection: (data: any) => Page;
  /** The node's sort key: consecutive rows never go against the order. */
  key: (node: Record<string, any>) => string | number;
  direction: "ASC" | "DESC";
  /** What tells the rows apart: the node's id, or (an audit log entry has none) the edge's cursor. */
  identity?: (edge: Page["edges"][number]) => string;
  /** Rows written by this test (at least). */
  atLeast: number;
}

const PAGE = `edges { cursor node { NODE } } pageInfo { hasNextPage endCursor } totalCount`;
const processorLists: List[] = (
  [
    ["CREATED_AT", "createdAt", (n: any) => n.createdAt],
    ["NAME", "name", (n: any) => n.name],
    ["RENEWAL", "renewalOn", (n: any) => n.renewalOn ?? ""],
    ["RISK", "risk { score }", (n: any) => n.risk?.score ?? -1],
  ] as const
).flatMap(([field, fields, sortKey]) =>
  (["ASC", "DESC"] as const).map((direction): List => ({
    name: `processors by ${field} ${direction}`,
    query: `query($first: Int, $after: String) { processors(first: $first, after: $after, orderBy: {
        field: ${field}, direction: ${direction} }) { ${PAGE.replace("NODE", `id ${fields}`)} } }`,
    connection: (d) => d.processors,
    // Rows without a renewal date sort last, in both directions.
    key:
      field === "RENEWAL"
        ? (n) => n.renewalOn ?? (direction === "ASC" ? "9999-12-31" : "0001-01-01")
        : (sortKey as (n: any) => string | number),
    direction,
    atLeast: PROCESSORS.length,
  })),
);

const LISTS: List[] = [
  ...processorLists,
  {
    name: "findings",
    query: `query($first: Int, $after: String) { findings(first: $first, after: $after) {
      ${PAGE.replace("NODE", "id createdAt")} } }`,
    connection: (d) => d.findings,
    key: (n) => n.createdAt,
    direction: "DESC",
    atLeast: FINDINGS,
  },
  {
    name: "events",
    query: `query($first: Int, $after: String) { events(first: $first, after: $after) {
      ${PAGE.replace("NODE", "id occurredAt")} } }`,
    connection: (d) => d.events,
    key: (n) => n.occurredAt,
    direction: "DESC",
    atLeast: FINDINGS,
  },
  {
    name: "evidence",
    query: `query($first: Int, $after: String) { evidence(first: $first, after: $after) {
      ${PAGE.replace("NODE", "id effectiveOn")} } }`,
    connection: (d) => d.evidence,
    key: (n) => n.effectiveOn,
    direction: "DESC",
    atLeast: EVIDENCE.length,
  },
  {
    name: "processingActivities",
    query: `query($first: Int, $after: String) { processingActivities(first: $first, after: $after) {
      ${PAGE.replace("NODE", "id name")} } }`,
    connection: (d) => d.processingActivities,
    key: (n) => n.name,
    direction: "ASC",
    atLeast: ACTIVITIES.length,
  },
  {
    name: "auditLog",
    query: `query($first: Int, $after: String) { auditLog(first: $first, after: $after) {
      ${PAGE.replace("NODE", "at entityId")} } }`,
    connection: (d) => d.auditLog,
    key: (n) => n.at,
    direction: "DESC",
    identity: (edge) => edge.cursor,
    atLeast: PROCESSORS.length + FINDINGS + EVIDENCE.length + ACTIVITIES.length,
  },
  {
    name: "webhook endpoint deliveries",
    query: `query($id: ID!, $first: Int, $after: String) { node(id: $id) { ... on WebhookEndpoint {
      deliveries(first: $first, after: $after) { ${PAGE.replace("NODE", "id createdAt")} } } } }`,
    connection: (d) => d.node.deliveries,
    key: (n) => n.createdAt,
    direction: "DESC",
    atLeast: FINDINGS,
  },
];

async function read(list: List, first: number, after: string | null): Promise<Page> {
  const res = await app.gql(key, list.query, { id: endpointId, first, after });
  if (res.status !== 200 || res.errors) throw new Error(`${list.name}: ${res.status} ${JSON.stringify(res.errors)}`);
  return list.connection(res.data);
}

test.each(LISTS)("$name pages every row exactly once, in order", async (list) => {
  const whole = await read(list, 100, null);
  expect(whole.pageInfo.hasNextPage).toBe(false);
  expect(whole.edges.length).toBe(whole.totalCount);
  expect(whole.totalCount).toBeGreaterThanOrEqual(list.atLeast);
  const identity = list.identity ?? ((edge: Page["edges"][number]) => edge.node.id as string);
  const ids: string[] = [];
  const pageSize = list.name === "auditLog" ? 3 : 2;
  let after: string | null = null;
  let last: Page | null = null;
  // A page that repeats its predecessor would loop forever: at most as many pages as rows, and one more.
  for (let pages = 0; pages <= whole.totalCount / pageSize + 1; pages++) {
    last = await read(list, pageSize, after);
    ids.push(...last.edges.map(identity));
    if (!last.pageInfo.hasNextPage) break;
    after = last.pageInfo.endCursor;
  }
  expect(last?.pageInfo.hasNextPage).toBe(false);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids).toEqual(whole.edges.map(identity));
  const keys = whole.edges.map((e) => list.key(e.node));
  const sorted = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  expect(keys).toEqual(list.direction === "ASC" ? sorted : sorted.reverse());
});

test("rows written in one transaction share their timestamp, so the tie is what the cursor must get past", async () => {
  const page = await read(
    LISTS.find((l) => l.name === "findings")!,
    100,
    null,
  );
  expect(new Set(page.edges.map((e) => e.node.createdAt)).size).toBe(1);
});

// Relay: hasNextPage is true when more edges follow the page, an empty one too. first: 0 answered false while
// the list held rows (processors: totalCount 63, hasNextPage false), as it read no page.
test.each(LISTS)(
  "$name, first: 0: no edges, hasNextPage true while rows follow, false after the last",
  async (list) => {
    const empty = await read(list, 0, null);
    expect({ edges: empty.edges, hasNextPage: empty.pageInfo.hasNextPage }).toEqual({ edges: [], hasNextPage: true });
    expect(empty.totalCount).toBeGreaterThanOrEqual(list.atLeast);
    // hasNextPage asked alone, without totalCount.
    const alone = await app.gql(key, list.query.replace(/edges \{[^]*totalCount/, "pageInfo { hasNextPage }"), {
      id: endpointId,
      first: 0,
      after: null,
    });
    expect(alone.errors).toBeUndefined();
    expect(list.connection(alone.data).pageInfo.hasNextPage).toBe(true);
    const whole = await read(list, 100, null);
    const [beforeLast, last] = whole.edges.slice(-2);
    expect((await read(list, 0, beforeLast.cursor)).pageInfo.hasNextPage).toBe(true);
    expect((await read(list, 0, last.cursor)).pageInfo.hasNextPage).toBe(false);
  },
);

test("first: 0 on a list without rows says hasNextPage false", async () => {
  const other = (await app.newOrganization("Tom Liste ApS")).key;
  const res = await app.gql(
    other,
    `{ processors(first: 0) { totalCount pageInfo { hasNextPage } }
    findings(first: 0) { pageInfo { hasNextPage } } evidence(first: 0) { pageInfo { hasNextPage } } }`,
  );
  expect(res.data).toEqual({
    processors: { totalCount: 0, pageInfo: { hasNextPage: false } },
    findings: { pageInfo: { hasNextPage: false } },
    evidence: { pageInfo: { hasNextPage: false } },
  });
});

// A processors cursor passed to processingActivities (both sorted by a text) started a page there; the lists
// sorted by a date refused it only because the value was no date. A cursor is its list's, in its order.
test("a cursor of one list, or of one order of a list, is BAD_USER_INPUT naming after on every other", async () => {
  const cursors = new Map<string, string>();
  for (const list of LISTS) cursors.set(list.name, (await read(list, 1, null)).edges[0].cursor);
  const taken: string[] = [];
  for (const list of LISTS)
    for (const [from, after] of cursors) {
      const res = await app.gql(key, list.query, { id: endpointId, first: 1, after });
      const refused =
        res.errors?.length === 1 &&
        res.errors[0].extensions?.code === "BAD_USER_INPUT" &&
        /^after /.test(res.errors[0].message);
      if (!refused) taken.push(`${list.name} took ${from}'s cursor`);
    }
  expect(taken).toEqual(LISTS.map((l) => `${l.name} took ${l.name}'s cursor`));
});
