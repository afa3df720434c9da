// The seed DPAs' chains: FirstAgenda → Ubivox → LeaseWeb, Capturi's Intercom hop under SCC,
// E-SG.Cloud inside the EEA. Every request goes over HTTP to the real server.
import { seedDemoOrganization, startTestApp, TestApp } from "../helpers/app";

let app: TestApp;
let key: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  app = await startTestApp();
  key = (await seedDemoOrganization(app)).key;
  const res = await app.gql(key, `{ processors(first: 100) { edges { node { id name } } } }`);
  for (const { node } of res.data.processors.edges) ids[node.name] = node.id;
});
afterAll(() => app.stop());

const TREE = `query($id: ID!, $depth: Int) { processor(id: $id) {
  subprocessorTree(maxDepth: $depth) { depth path cycle processor { name } parent { name } engagement { countries
    transferMechanism approvedUnder { kind } } }
} }`;

test("FirstAgenda → Ubivox → LeaseWeb is three levels, each node with its path and edge", async () => {
  const res = await app.gql(key, TREE, { id: ids["FirstAgenda"] });
  expect(res.errors).toBeUndefined();
  const tree = res.data.processor.subprocessorTree;
  expect(tree.map((n: any) => [n.depth, n.processor.name, n.parent.name])).toEqual([
    [1, "Ubivox", "FirstAgenda"],
    [2, "LeaseWeb", "Ubivox"],
  ]);
  expect(tree[1].path).toEqual([ids["FirstAgenda"], ids["Ubivox"], ids["LeaseWeb"]]);
  expect(tree[1].engagement).toEqual({
    countries: ["NL"],
    transferMechanism: "NOT_NEEDED_EEA",
    approvedUnder: { kind: "SUBPROCESSOR_AGREEMENT" },
  });
  expect(tree.every((n: any) => n.cycle === false)).toBe(true);
  // maxDepth cuts the tree.
  const shallow = await app.gql(key, TREE, { id: ids["FirstAgenda"], depth: 1 });
  expect(shallow.data.processor.subprocessorTree.map((n: any) => n.processor.name)).toEqual(["Ubivox"]);
});

test("the tree costs one SQL statement, read ahead with its processor", async () => {
  await app.gql(key, `{ viewer { role } }`);
  const base = await app.gql(key, `query($id: ID!) { processor(id: $id) { name } }`, { id: ids["FirstAgenda"] });
  const res = await app.gql(
    key,
    `query($id: ID!) { processor(id: $id) { name subprocessorTree(maxDepth: 50) { depth path cycle processor { ` +
      `name countryCode } engagement { countries transferMechanism } } } }`,
    { id: ids["FirstAgenda"] },
  );
  expect(res.errors).toBeUndefined();
  expect(base.extensions!.sqlStatements).toBe(1);
  expect(res.extensions!.sqlStatements).toBe(1);
  // Asked for through another field (not read ahead), the tree is one statement more.
  const viaNode = await app.gql(
    key,
    `query($id: ID!) { node(id: $id) { ... on Processor { subprocessorTree(maxDepth: 50) { depth } } } }`,
    { id: ids["FirstAgenda"] },
  );
  expect(viaNode.data.node.subprocessorTree).toHaveLength(2);
  expect(viaNode.extensions!.sqlStatements).toBe(2);
});

test("a tree whose nodes are read with only the columns asked answers as one read whole", async () => {
  // Only plain columns asked: the nodes are read narrow. A field resolver among them (risk, approvedUnder), a
  // fragment, or the tree through node(id): every column. The answers must agree on what both ask.
  const narrow = `processor { id name countryCode status } engagement { countries transferMechanism }`;
  const whole =
    `processor { id name countryCode status risk { score } } ` +
    `engagement { countries transferMechanism approvedUnder { kind } }`;
  const read = async (query: string) => {
    const res = await app.gql(key, query, { id: ids["FirstAgenda"] });
    expect(res.errors).toBeUndefined();
    const tree = (res.data.processor ?? res.data.node).subprocessorTree;
    return tree.map((n: any) => ({
      depth: n.depth,
      path: n.path,
      processor: { id: n.processor.id, name: n.processor.name, countryCode: n.processor.countryCode },
      status: n.processor.status,
      engagement: { countries: n.engagement.countries, transferMechanism: n.engagement.transferMechanism },
    }));
  };
  const byProcessor = (fields: string) =>
    `query($id: ID!) { processor(id: $id) { subprocessorTree(maxDepth: 50) { depth path ${fields} } } }`;
  const expected = await read(byProcessor(whole));
  expect(expected).toHaveLength(2);
  expect(await read(byProcessor(narrow))).toEqual(expected);
  expect(
    await read(
      `query($id: ID!) { processor(id: $id) { subprocessorTree(maxDepth: 50) { ...N } } } ` +
        `fragment N on SubprocessorTreeNode { depth path ${narrow} }`,
    ),
  ).toEqual(expected);
  expect(
    await read(
      `query($id: ID!) { node(id: $id) { ... on Processor { ` +
        `subprocessorTree(maxDepth: 50) { depth path ${narrow} } } } }`,
    ),
  ).toEqual(expected);
});

test("a node read narrow is never served as the whole processor later in the same request", async () => {
  // LeaseWeb's parent is Ubivox, itself a node of the tree read with its name only: parent must still answer
  // every field (non-null createdAt, direct, version) from a whole read.
  const res = await app.gql(
    key,
    `query($id: ID!) { processor(id: $id) { subprocessorTree(maxDepth: 50) { processor { name } ` +
      `parent { name createdAt direct version countryCode } } } }`,
    { id: ids["FirstAgenda"] },
  );
  expect(res.errors).toBeUndefined();
  const [ubivox, leaseweb] = res.data.processor.subprocessorTree;
  expect(ubivox.processor.name).toBe("Ubivox");
  expect(leaseweb.parent).toMatchObject({ name: "Ubivox", direct: false, countryCode: expect.any(String) });
  expect(Date.parse(leaseweb.parent.createdAt)).not.toBeNaN();
  expect(leaseweb.parent.version).toEqual(expect.any(Number));
});

test("upstream: LeaseWeb is reached from FirstAgenda through Ubivox", async () => {
  const res = await app.gql(
    key,
    `query($id: ID!) { processor(id: $id) { upstream { length processors { name } engagements { subprocessor { ` +
      `name } } } } }`,
    { id: ids["LeaseWeb"] },
  );
  expect(res.errors).toBeUndefined();
  expect(res.data.processor.upstream).toEqual([
    {
      length: 2,
      processors: [{ name: "FirstAgenda" }, { name: "Ubivox" }, { name: "LeaseWeb" }],
      engagements: [{ subprocessor: { name: "Ubivox" } }, { subprocessor: { name: "LeaseWeb" } }],
    },
  ]);
});

const EXPOSURE = `query($id: ID!) { processor(id: $id) { transferExposure {
  countries worstClass thirdCountryHops hopsWithoutMechanism agreementBreaches
  hops { depth to { name } mechanism agreementPolicy worstClass destinations { country countryClass } findings { kind }
    }
  findings { kind country depth path { name } }
} } }`;

test("Capturi's Intercom hop is a third-country transfer under SCC, not a gap", async () => {
  const res = await app.gql(key, EXPOSURE, { id: ids["Capturi"] });
  expect(res.errors).toBeUndefined();
  const x = res.data.processor.transferExposure;
  const intercom = x.hops.find((h: any) => h.to.name === "Intercom");
  expect(intercom).toMatchObject({
    depth: 1,
    mechanism: "SCC",
    worstClass: "THIRD_COUNTRY",
    destinations: [{ country: null, countryClass: "THIRD_COUNTRY" }],
  });
  expect(intercom.findings.map((f: any) => f.kind)).toEqual(["LOCATION_NOT_STATED"]);
  expect(x.worstClass).toBe("THIRD_COUNTRY");
  expect(x.thirdCountryHops).toBe(1);
  expect(x.hopsWithoutMechanism).toBe(0);
  expect(x.agreementBreaches).toBe(0);
  expect(x.findings).toEqual([
    { kind: "LOCATION_NOT_STATED", country: null, depth: 1, path: [{ name: "Capturi" }, { name: "Intercom" }] },
  ]);
});

test("E-SG.Cloud transfers nothing outside the EEA", async () => {
  const res = await app.gql(key, EXPOSURE, { id: ids["E-SG.Cloud"] });
  const x = res.data.processor.transferExposure;
  expect(x.worstClass).toBe("EEA");
  expect(x.countries).toEqual(["DK", "IE", "NL", "SE"]);
  expect(x.findings).toEqual([]);
  expect(x.hops.map((h: any) => h.agreementPolicy)).toEqual(["PROHIBITED", "PROHIBITED", "PROHIBITED"]);
});

test("transferExposure(filter) lists the direct processors whose chains reach a class", async () => {
  const res = await app.gql(
    key,
    `{ third: transferExposure(filter: { countryClass: THIRD_COUNTRY }) { processor { name } }
    nl: transferExposure(filter: { country: "NL" }) { processor { name } }
    all: transferExposure { processor { name } worstClass } }`,
  );
  expect(res.errors).toBeUndefined();
  expect(res.data.third.map((x: any) => x.processor.name)).toEqual(["Capturi"]);
  expect(res.data.nl.map((x: any) => x.processor.name)).toEqual(["E-SG.Cloud", "FirstAgenda"]);
  expect(res.data.all.map((x: any) => [x.processor.name, x.worstClass])).toEqual([
    ["Capturi", "THIRD_COUNTRY"],
    ["E-SG.Cloud", "EEA"],
    ["FirstAgenda", "EEA"],
  ]);
});

test("maxDepth outside 1..50 and a bad country are rejected with the rule named", async () => {
  for (const depth of [0, 51]) {
    const res = await app.gql(key, TREE, { id: ids["FirstAgenda"], depth });
    expect(res.errors?.[0].message).toMatch(/maxDepth must be between 1 and 50/);
    expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  }
  const bad = await app.gql(key, `{ transferExposure(filter: { country: "XX" }) { worstClass } }`);
  expect(bad.errors?.[0].message).toMatch(
    /^filter\.country: country must be an ISO 3166-1 alpha-2 country code in capitals/,
  );
});
