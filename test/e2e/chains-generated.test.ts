// Generated chains: a chain 20 levels deep that loops back, and seeded random graphs with
// shared sub-processors and cycles, checked against a plain in-memory walk of the same edges.
import { startTestApp, TestApp } from "../helpers/app";
import { toGlobalId } from "../../src/common/global-id";

let app: TestApp;
let key: string;
let orgId: string;

/** Deterministic PRNG (mulberry32), so a failure can be replayed. */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function insertGraph(
  prefix: string,
  nodes: number,
  edges: [number, number][],
  direct: number[],
): Promise<string[]> {
  const rows: { id: string }[] = await app.db.owner.query(
    `INSERT INTO processor (organization_id, name, direct)
     SELECT $1, $2 || '-' || lpad(g::text, 3, '0'), g = ANY($3::int[]) FROM generate_series(0, $4 - 1) g ORDER BY g
       RETURNING id`,
    [orgId, prefix, direct, nodes],
  );
  const ids = rows.map((r) => r.id);
  await app.db.owner.query(
    `INSERT INTO subprocessor_engagement (organization_id, processor_id, subprocessor_id, countries, transfer_mechanism,
      status)
     SELECT $1, p, s, '{DE}', 'NOT_NEEDED_EEA', 'APPROVED' FROM unnest($2::uuid[], $3::uuid[]) AS t(p, s)`,
    [orgId, edges.map(([a]) => ids[a]), edges.map(([, b]) => ids[b])],
  );
  return ids;
}

/** Every path from the root, as the tree query defines it: stop at maxDepth, mark and stop at a cycle. */
function referenceTree(
  root: number,
  edges: [number, number][],
  maxDepth: number,
): { path: number[]; cycle: boolean }[] {
  const out: { path: number[]; cycle: boolean }[] = [];
  const walk = (path: number[]) => {
    if (path.length - 1 >= maxDepth) return;
    for (const [a, b] of edges) {
      if (a !== path[path.length - 1]) continue;
      const cycle = path.includes(b);
      out.push({ path: [...path, b], cycle });
      if (!cycle) walk([...path, b]);
    }
  };
  walk([root]);
  return out;
}

const TREE =
  `query($id: ID!, $depth: Int!) { processor(id: $id) { subprocessorTree(maxDepth: $depth) { depth path cycle ` +
  `processor { name } } } }`;

beforeAll(async () => {
  app = await startTestApp();
  const org = await app.newOrganization("Generated chains");
  key = org.key;
  orgId = org.organizationId;
});
afterAll(() => app.stop());

test("a chain 20 levels deep that loops back: every level, then the cycle flagged and not followed", async () => {
  const edges: [number, number][] = Array.from({ length: 20 }, (_, i) => [i, i + 1] as [number, number]);
  edges.push([20, 5]);
  const ids = await insertGraph("deep", 21, edges, [0]);
  const res = await app.gql(key, TREE, { id: toGlobalId("Processor", ids[0]), depth: 50 });
  expect(res.errors).toBeUndefined();
  const tree = res.data.processor.subprocessorTree;
  expect(tree).toHaveLength(21);
  expect(tree.slice(0, 20).map((n: any) => n.depth)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  expect(tree.slice(0, 20).every((n: any) => !n.cycle)).toBe(true);
  expect(tree[20]).toMatchObject({ depth: 21, cycle: true, processor: { name: "deep-005" } });
  expect(tree[19].path).toEqual(ids.map((id) => toGlobalId("Processor", id)));
  const cut = await app.gql(key, TREE, { id: toGlobalId("Processor", ids[0]), depth: 20 });
  expect(cut.data.processor.subprocessorTree).toHaveLength(20);
  expect(cut.data.processor.subprocessorTree.some((n: any) => n.cycle)).toBe(false);
});

test("the generated graphs contain cycles and shared sub-processors", () => {
  // Guards the generator below: without back edges and shared nodes the comparison proves little.
  let cycles = 0;
  let shared = 0;
  for (const seed of [1, 2, 3, 4, 5]) {
    const { edges } = generate(seed);
    cycles += referenceTree(0, edges, 8).filter((x) => x.cycle).length;
    const indegree = new Map<number, number>();
    for (const [, b] of edges) indegree.set(b, (indegree.get(b) ?? 0) + 1);
    shared += [...indegree.values()].filter((d) => d > 1).length;
  }
  expect(cycles).toBeGreaterThan(0);
  expect(shared).toBeGreaterThan(10);
});

function generate(seed: number): { n: number; edges: [number, number][] } {
  const random = rng(seed);
  const n = 40;
  const edges: [number, number][] = [];
  const seen = new Set<string>();
  // A random tree under 0 reaching every node, then extra edges: shared sub-processors and loops.
  for (let b = 1; b < n; b++) {
    const a = Math.floor(random() * b);
    seen.add(`${a}>${b}`);
    edges.push([a, b]);
  }
  for (let i = 0; i < 30; i++) {
    const a = Math.floor(random() * n);
    // Mostly downward edges (a tree-like chain), some back edges that close cycles.
    const b = random() < 0.85 ? Math.min(n - 1, a + 1 + Math.floor(random() * 6)) : Math.floor(random() * n);
    if (a === b || seen.has(`${a}>${b}`)) continue;
    seen.add(`${a}>${b}`);
    edges.push([a, b]);
  }
  return { n, edges };
}

test.each([1, 2, 3, 4, 5])(
  "random graph with shared sub-processors and cycles (seed %i) matches an in-memory walk",
  async (seed) => {
    const { n, edges } = generate(seed);
    const ids = await insertGraph(`g${seed}`, n, edges, [0, 1, 2]);
    const gid = (i: number) => toGlobalId("Processor", ids[i]);
    for (const depth of [3, 8]) {
      const res = await app.gql(key, TREE, { id: gid(0), depth });
      expect(res.errors).toBeUndefined();
      const got = res.data.processor.subprocessorTree
        .map((x: any) => `${x.path.join(">")}${x.cycle ? "!" : ""}`)
        .sort();
      const want = referenceTree(0, edges, depth)
        .map((x) => `${x.path.map(gid).join(">")}${x.cycle ? "!" : ""}`)
        .sort();
      expect(got).toEqual(want);
      if (depth === 8) expect(want.length).toBeGreaterThan(20);
    }
    // upstream of a node: every cycle-free chain from a direct processor (0, 1, 2) down to it.
    const target = n - 1;
    const chains: string[] = [];
    for (const root of [0, 1, 2]) {
      for (const x of referenceTree(root, edges, 50)) {
        if (!x.cycle && x.path[x.path.length - 1] === target) chains.push(x.path.map(gid).join(">"));
      }
    }
    const up = await app.gql(key, `query($id: ID!) { processor(id: $id) { upstream { length processors { id } } } }`, {
      id: gid(target),
    });
    expect(up.errors).toBeUndefined();
    expect(up.data.processor.upstream.map((c: any) => c.processors.map((p: any) => p.id).join(">")).sort()).toEqual(
      chains.sort(),
    );
  },
);

test(
  "subprocessorConcentration counts each direct processor once per " + "shared sub-processor, cycles included",
  async () => {
    const org = await app.newOrganization("Concentration");
    const before = { key, orgId };
    key = org.key;
    orgId = org.organizationId;
    try {
      // 0, 1, 2 are direct; 3 is hosting shared by all; 4 only by 0 and 1; 3 → 5 → 3 is a loop.
      await insertGraph(
        "c",
        6,
        [
          [0, 3],
          [1, 3],
          [2, 3],
          [0, 4],
          [1, 4],
          [3, 5],
          [5, 3],
        ],
        [0, 1, 2],
      );
      const res = await app.gql(
        key,
        `{ subprocessorConcentration(first: 3) { directProcessorCount subprocessor { name } directProcessors { name ` +
          `} } }`,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data.subprocessorConcentration).toEqual([
        {
          directProcessorCount: 3,
          subprocessor: { name: "c-003" },
          directProcessors: expect.arrayContaining([{ name: "c-000" }, { name: "c-001" }, { name: "c-002" }]),
        },
        {
          directProcessorCount: 3,
          subprocessor: { name: "c-005" },
          directProcessors: expect.arrayContaining([{ name: "c-000" }, { name: "c-001" }, { name: "c-002" }]),
        },
        {
          directProcessorCount: 2,
          subprocessor: { name: "c-004" },
          directProcessors: expect.arrayContaining([{ name: "c-000" }, { name: "c-001" }]),
        },
      ]);
      const bad = await app.gql(key, `{ subprocessorConcentration(first: 0) { directProcessorCount } }`);
      expect(bad.errors?.[0].message).toMatch(/first must be between 1 and 100/);
    } finally {
      key = before.key;
      orgId = before.orgId;
    }
  },
);

test("an engagement that would make a processor its own sub-processor is refused and nothing is written", async () => {
  const created = await app.gql(key, `mutation { createProcessor(input: { name: "Loop A/S" }) { processor { id } } }`);
  const id = created.data.createProcessor.processor.id;
  const res = await app.gql(
    key,
    `mutation($id: ID!) { createSubprocessorEngagement(input: { processorId: $id, subprocessorId: $id, countries: ` +
      `["DK"] }) { engagement { id } userErrors { field code message } } }`,
    { id },
  );
  expect(res.data.createSubprocessorEngagement.engagement).toBeNull();
  expect(res.data.createSubprocessorEngagement.userErrors).toEqual([
    {
      field: ["input", "subprocessorId"],
      code: "SELF_REFERENCE",
      message: expect.stringMatching(/cannot be its own sub-processor/),
    },
  ]);
  const unknownCountry = await app.gql(
    key,
    `mutation($id: ID!, $other: ID!) { createSubprocessorEngagement(input: { processorId: $id, subprocessorId: $other,
      ` + `countries: ["DK", "XX"] }) { userErrors { field code } } }`,
    {
      id,
      other: toGlobalId(
        "Processor",
        (
          await app.db.owner.query(`SELECT id FROM processor WHERE organization_id = $1 AND name = 'deep-001'`, [orgId])
        )[0].id,
      ),
    },
  );
  expect(unknownCountry.data.createSubprocessorEngagement.userErrors).toEqual([
    { field: ["input", "countries"], code: "INVALID_COUNTRY_CODE" },
  ]);
  const after = await app.gql(
    key,
    `query($id: ID!) { processor(id: $id) { subprocessors(includeRemoved: true) { id } } }`,
    { id },
  );
  expect(after.data.processor.subprocessors).toEqual([]);
});
