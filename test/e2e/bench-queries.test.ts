// The benchmark's queries (bench/queries) as guards: the SQL statements they cost cannot creep up. Q1,
// the dashboard page, costs the same small number of statements at every page size (an N+1 would grow
// with it); Q2, a processor with its sub-processor tree, is one statement.
import { readFileSync } from "node:fs";
import path from "node:path";
import { seedDemoOrganization, startTestApp, TestApp } from "../helpers/app";

const query = (name: string) => readFileSync(path.resolve(__dirname, "..", "..", "bench", "queries", name), "utf8");

let app: TestApp;
let key: string;

beforeAll(async () => {
  app = await startTestApp();
  const org = await seedDemoOrganization(app);
  key = org.key;
  // 150 more vendors, each with a DPA in force, data categories, a sub-processor and a report, so that
  // every page size below is full.
  await app.db.owner.query(
    `WITH host AS (
       INSERT INTO processor (organization_id, name, direct, country_code) VALUES ($1, 'Shared host', false, 'DE')
         RETURNING id
     ), v AS (
       INSERT INTO processor (organization_id, name, direct, country_code) SELECT $1, 'Vendor ' || g, true, 'DK' FROM
         generate_series(1, 150) g RETURNING id, name
     ), a AS (
       INSERT INTO agreement (organization_id, processor_id, kind, template, status, title, breach_notification_hours,
         subprocessor_authorization, processor_audit_interval_months)
       SELECT $1, v.id, 'DPA', 'DATATILSYNET_SCC', 'ACTIVE', 'DPA ' || v.name, (ARRAY[24, 48, 72, NULL])[1 +
         (hashtext(v.name) & 3)], 'GENERAL', 12 FROM v RETURNING id, processor_id
     ), c AS (
       INSERT INTO agreement_data_category (organization_id, agreement_id, data_category_id)
       SELECT $1, a.id, dc.id FROM a CROSS JOIN (SELECT id FROM data_category WHERE organization_id IS NULL ORDER BY key
         LIMIT 2) dc RETURNING 1
     ), r AS (
       INSERT INTO audit_report (organization_id, processor_id, type, title, received_on) SELECT $1, v.id,
         'SELF_CONTROL_REPORT', 'Report', current_date - 30 FROM v RETURNING 1
     )
     INSERT INTO subprocessor_engagement (organization_id, processor_id, subprocessor_id, countries, transfer_mechanism)
     SELECT $1, v.id, host.id, '{DE}', 'NOT_NEEDED_EEA' FROM v CROSS JOIN host`,
    [org.organizationId],
  );
});

afterAll(async () => {
  await app.stop();
});

test("Q1, the dashboard page: at most 6 statements in 3 round trips, the same for 10, 50 and 100 rows", async () => {
  // The first read after the data changed recomputes the portfolio's risk; what is measured is a page.
  await app.gql(key, query("q1-dashboard.graphql"), { first: 1 });
  const counts: number[] = [];
  const roundTrips: number[] = [];
  for (const first of [10, 50, 100]) {
    const res = await app.gql(key, query("q1-dashboard.graphql"), { first });
    expect(res.errors).toBeUndefined();
    const edges = res.data.processors.edges as {
      node: {
        risk: { score: number };
        currentAgreement: unknown;
        subprocessorCount: number;
        dataCategories: unknown[];
        supervisionPlan: unknown;
      };
    }[];
    expect(edges).toHaveLength(first);
    // Riskiest first, every nested list filled.
    const scores = edges.map((e) => e.node.risk.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
    expect(
      edges.filter(
        (e) =>
          e.node.currentAgreement &&
          e.node.subprocessorCount > 0 &&
          e.node.dataCategories.length &&
          e.node.supervisionPlan,
      ).length,
    ).toBeGreaterThan(first / 2);
    counts.push(res.extensions!.sqlStatements!);
    roundTrips.push(res.extensions!.sqlRoundTrips!);
  }
  console.log(
    `Q1 SQL statements (round trips) at 10 / 50 / 100 rows: ${counts.join(" / ")} (${roundTrips.join(" / ")})`,
  );
  expect(new Set(counts).size).toBe(1);
  expect(counts[0]).toBeLessThanOrEqual(6);
  // Risk freshness, the page, then its nested fields' statements together (readAheadFor): one round trip each.
  expect(roundTrips).toEqual([3, 3, 3]);
});

test("the dashboard page's factors (the first few read apart, the rest on demand) are the processor's", async () => {
  const factors = "{ key label input weight contribution explanation evidence { id } }";
  const page = await app.gql(
    key,
    `{ processors(first: 20, orderBy: { field: RISK, direction: DESC }) { edges { node { id
       risk { top3: factors(top: 3) ${factors} top5: factors(top: 5) ${factors} top6: factors(top: 6) ${factors}
              all: factors ${factors} } } } } }`,
  );
  expect(page.errors).toBeUndefined();
  const nodes = page.data.processors.edges.map((e: { node: unknown }) => e.node) as {
    id: string;
    risk: Record<"top3" | "top5" | "top6" | "all", unknown[]>;
  }[];
  // Some processors have more than five factors, so the text behind the head is read too.
  expect(nodes.some((n) => n.risk.all.length > 5)).toBe(true);
  for (const n of nodes.slice(0, 5)) {
    const own = await app.gql(key, `query($id: ID!) { processor(id: $id) { risk { factors ${factors} } } }`, {
      id: n.id,
    });
    const all = own.data.processor.risk.factors as unknown[];
    expect(n.risk.all).toEqual(all);
    expect(n.risk.top3).toEqual(all.slice(0, 3));
    expect(n.risk.top5).toEqual(all.slice(0, 5));
    expect(n.risk.top6).toEqual(all.slice(0, 6));
  }
});

test("the dashboard page reads factors light; a fragment asking for their explanation gets them whole", async () => {
  const page = (factors: string, fragment = "") =>
    app.gql(
      key,
      `{ processors(first: 20, orderBy: { field: RISK, direction: DESC }) { edges { node { id
         risk { factors(top: 3) ${factors} } } } } } ${fragment}`,
    );
  const light = await page("{ key label weight contribution }");
  const whole = await page("{ key label ...Why }", "fragment Why on RiskFactor { weight contribution explanation }");
  expect(light.errors).toBeUndefined();
  expect(whole.errors).toBeUndefined();
  // Whole factors cost one statement more than light ones (all the page's, in one).
  expect(whole.extensions!.sqlStatements).toBe(light.extensions!.sqlStatements! + 1);
  const nodes = whole.data.processors.edges.map((e: { node: any }) => e.node);
  expect(light.data.processors.edges.map((e: { node: any }) => e.node)).toEqual(
    nodes.map((n: any) => ({ ...n, risk: { factors: n.risk.factors.map(({ explanation: _, ...f }: any) => f) } })),
  );
  expect(nodes.every((n: any) => n.risk.factors.every((f: any) => f.explanation.length > 0))).toBe(true);
});

test("light factors of an assessment stored before factors were packed (objects) equal the whole ones", async () => {
  const light = "{ key label weight contribution }";
  const q = `{ processors(first: 20, orderBy: { field: RISK, direction: DESC }) { edges { node { id
    risk { factors(top: 3) ${light} } } } } }`;
  const before = await app.gql(key, q);
  const first = before.data.processors.edges[0].node;
  const uuid = Buffer.from(first.id, "base64url").toString("utf8").split(":")[1];
  // The packed arrays written back as the objects an older version stored.
  await app.db.owner.query(
    `UPDATE risk_assessment SET factors = (SELECT jsonb_agg(jsonb_build_object('key', f->0, 'label', f->1, 'input',
       f->2, 'weight', f->3, 'contribution', f->4, 'explanation', f->5, 'evidenceIds', f->6) ORDER BY o)
       FROM jsonb_array_elements(factors) WITH ORDINALITY x(f, o)) WHERE processor_id = $1 AND is_current`,
    [uuid],
  );
  const after = await app.gql(key, q);
  expect(after.errors).toBeUndefined();
  expect(after.data.processors.edges[0].node).toEqual(first);
  const own = await app.gql(key, `query($id: ID!) { processor(id: $id) { risk { factors(top: 3) ${light} } } }`, {
    id: first.id,
  });
  expect(own.data.processor.risk).toEqual(first.risk);
});

test("Q2, a processor with its sub-processor tree: one statement, the same tree as when read on its own", async () => {
  const { data } = await app.gql(
    key,
    `{ processors(first: 100, filter: { search: "FirstAgenda" }) { edges { node { id } } } }`,
  );
  const id = data.processors.edges[0].node.id;
  const res = await app.gql(key, query("q2-tree.graphql"), { id, maxDepth: 10 });
  expect(res.errors).toBeUndefined();
  expect(res.extensions!.sqlStatements).toBe(1);
  const tree = res.data.processor.subprocessorTree as { depth: number; processor: { name: string } }[];
  expect(tree.map((n) => [n.depth, n.processor.name])).toEqual([
    [1, "Ubivox"],
    [2, "LeaseWeb"],
  ]);
  // Two trees under one processor are not read ahead: the answer must be the same tree.
  const twice = await app.gql(
    key,
    `query($id: ID!) { processor(id: $id) { a: subprocessorTree(maxDepth: 10) { depth path processor { name } } ` +
      `b: subprocessorTree(maxDepth: 1) { depth } } }`,
    { id },
  );
  expect(
    twice.data.processor.a.map((n: { depth: number; processor: { name: string } }) => [n.depth, n.processor.name]),
  ).toEqual([
    [1, "Ubivox"],
    [2, "LeaseWeb"],
  ]);
  expect(twice.data.processor.a.map((n: { path: string[] }) => n.path)).toEqual(
    tree.map((n) => (n as unknown as { path: string[] }).path),
  );
  // An unknown id is null, in one statement too.
  const none = await app.gql(key, query("q2-tree.graphql"), { id: id.slice(0, -4) + "AAAA", maxDepth: 10 });
  expect(none.data.processor).toBeNull();
});
