// N+1 guard: the nested processors query costs the same number of SQL statements at any page size.
import { startTestApp, TestApp } from "../helpers/app";

let app: TestApp;
let key: string;

const NESTED = `query($first: Int!) {
  processors(first: $first) {
    totalCount
    edges { node {
      name
      agreements { kind dataCategories { category { key } } dataSubjectCategories { category { key } } requiredMeasures
        { measure { key } } }
      currentAgreement { breachNotificationHours subprocessorNoticeDays subprocessorAuthorization principal { name } }
      subprocessors { subprocessor { name countryCode } transferMechanism approvedUnder { title } }
      dataCategories { key sensitivity }
      measures { status measure { key title } }
    } }
  }
}`;

beforeAll(async () => {
  app = await startTestApp();
  const org = await app.newOrganization("Big controller");
  key = org.key;
  // 60 vendors, each with an active DPA (2 categories, 1 subject category, 2 required measures),
  // 2 measure statuses and 2 sub-processors: set-based inserts through the owner connection.
  await app.db.owner.query(
    `WITH v AS (
       INSERT INTO processor (organization_id, name, direct) SELECT $1, 'Vendor ' || lpad(g::text, 3, '0'), true FROM
         generate_series(1, 60) g RETURNING id
     ), s AS (
       INSERT INTO processor (organization_id, name) SELECT $1, 'Sub ' || g FROM generate_series(1, 5) g RETURNING id
     ), a AS (
       INSERT INTO agreement (organization_id, processor_id, kind, template, status, title, breach_notification_hours)
       SELECT $1, v.id, 'DPA', 'DATATILSYNET_SCC', 'ACTIVE', 'DPA', 24 FROM v RETURNING id, processor_id
     ), c AS (
       INSERT INTO agreement_data_category (organization_id, agreement_id, data_category_id)
       SELECT $1, a.id, dc.id FROM a CROSS JOIN (SELECT id FROM data_category WHERE key IN ('user.contact.email',
         'user.name') AND organization_id IS NULL) dc RETURNING 1
     ), ds AS (
       INSERT INTO agreement_data_subject_category (organization_id, agreement_id, data_subject_category_id)
       SELECT $1, a.id, (SELECT id FROM data_subject_category WHERE key = 'employee' AND organization_id IS NULL) FROM a
         RETURNING 1
     ), rm AS (
       INSERT INTO agreement_required_measure (organization_id, agreement_id, measure_id)
       SELECT $1, a.id, m.id FROM a CROSS JOIN (SELECT id FROM measure WHERE organization_id IS NULL ORDER BY key LIMIT
         2) m RETURNING 1
     ), pm AS (
       INSERT INTO processor_measure (organization_id, processor_id, measure_id, status)
       SELECT $1, v.id, m.id, 'IMPLEMENTED' FROM v CROSS JOIN (SELECT id FROM measure WHERE organization_id IS NULL
         ORDER BY key LIMIT 2) m RETURNING 1
     )
     INSERT INTO subprocessor_engagement (organization_id, processor_id, subprocessor_id, agreement_id, countries,
       transfer_mechanism)
     SELECT $1, a.processor_id, s.id, a.id, '{IE}', 'NOT_NEEDED_EEA' FROM a CROSS JOIN (SELECT id FROM s LIMIT 2) s`,
    [org.organizationId],
  );
});
afterAll(() => app.stop());

test(
  "processors(first: 10) and processors(first: 50) with every nested list " + "run the same number of statements",
  async () => {
    await app.gql(key, `{ viewer { role } }`); // the key's first use records last_used_at: one extra write
    const small = await app.gql(key, NESTED, { first: 10 });
    const large = await app.gql(key, NESTED, { first: 50 });
    expect(small.errors).toBeUndefined();
    expect(large.data.processors.edges).toHaveLength(50);
    const node = large.data.processors.edges.find((e: any) => e.node.name === "Vendor 001").node;
    expect(node.agreements[0].dataCategories).toHaveLength(2);
    expect(node.subprocessors).toHaveLength(2);
    expect(node.measures).toHaveLength(2);
    expect(node.dataCategories.map((c: any) => c.key)).toEqual(["user.contact.email", "user.name"]);
    const [s, l] = [small.extensions, large.extensions];
    console.log(
      `SQL statements (round trips): first 10 → ${s?.sqlStatements} (${s?.sqlRoundTrips}), ` +
        `first 50 → ${l?.sqlStatements} (${l?.sqlRoundTrips})`,
    );
    expect(large.extensions?.sqlStatements).toBe(small.extensions?.sqlStatements);
    expect(large.extensions?.sqlRoundTrips).toBe(small.extensions?.sqlRoundTrips);
    // The page's agreements and data categories are read ahead together (readAheadFor): one round trip for two.
    expect(large.extensions!.sqlRoundTrips).toBe(large.extensions!.sqlStatements! - 1);
    // Constant and small: transaction + auth (4), page + count (2), one per nested level.
    expect(large.extensions?.sqlStatements).toBeLessThanOrEqual(20);
  },
);

test("cursor pagination walks all pages without gaps or repeats", async () => {
  const seen: string[] = [];
  let after: string | null = null;
  for (let i = 0; i < 10; i++) {
    const res: any = await app.gql(
      key,
      `query($after: String) { processors(first: 25, after: $after, filter: { direct: true }) { totalCount ` +
        `pageInfo { hasNextPage endCursor } edges { node { name } } } }`,
      { after },
    );
    expect(res.data.processors.totalCount).toBe(60);
    seen.push(...res.data.processors.edges.map((e: any) => e.node.name));
    if (!res.data.processors.pageInfo.hasNextPage) break;
    after = res.data.processors.pageInfo.endCursor;
  }
  expect(seen).toHaveLength(60);
  expect(new Set(seen).size).toBe(60);
  expect(seen).toEqual([...seen].sort());
});

test("first above 100 is refused; search and status filters narrow the list", async () => {
  const tooMany = await app.gql(key, `{ processors(first: 101) { totalCount } }`);
  expect(tooMany.errors?.[0].message).toMatch(/first must be an integer from 0 to 100/);
  const search = await app.gql(key, `{ processors(filter: { search: "vendor 00" }) { totalCount } }`);
  expect(search.data.processors.totalCount).toBe(9);
  const subs = await app.gql(key, `{ processors(filter: { direct: false }) { totalCount } }`);
  expect(subs.data.processors.totalCount).toBe(5);
});
