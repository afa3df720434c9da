// A DPA that prohibits third-country transfers binds the whole chain below its processor (art. 28(4)): the
// demo's E-SG.Cloud DPA is PROHIBITED and its sub-processor Microsoft has no agreement of its own, so a US host
// under Microsoft (depth 2), or far deeper, breaches it: the exposure's finding, the risk factor and the art. 30
// record's transfer agree. A sub-processor agreement in between that allows transfers does not lift the
// controller's prohibition (the stricter clause binds). Every request goes over HTTP to the real server.
import { seedDemoOrganization, startTestApp, TestApp } from "../helpers/app";

let app: TestApp;
let key: string;
const ids: Record<string, string> = {};

const ok = async (query: string, variables: Record<string, unknown> = {}) => {
  const res = await app.gql(key, query, variables);
  expect(res.errors).toBeUndefined();
  return res.data;
};

const processor = async (name: string, countryCode: string) => {
  const data = await ok(
    `mutation($name: String!, $c: String) { createProcessor(input: { name: $name, direct: false, countryCode: $c }) ` +
      `{ processor { id } } }`,
    { name, c: countryCode },
  );
  return (ids[name] = data.createProcessor.processor.id);
};

const engage = async (from: string, to: string, countries: string[], mechanism: string, agreementId?: string) => {
  const data = await ok(
    `mutation($p: ID!, $s: ID!, $c: [String!], $m: String, $a: ID) { createSubprocessorEngagement(input: { ` +
      `processorId: $p, subprocessorId: $s, countries: $c, transferMechanism: $m, approvedOn: "2025-06-01", ` +
      `agreementId: $a }) { userErrors { field message } } }`,
    { p: ids[from], s: ids[to], c: countries, m: mechanism, a: agreementId ?? null },
  );
  expect(data.createSubprocessorEngagement.userErrors).toEqual([]);
};

const EXPOSURE = `query($id: ID!) { processor(id: $id) {
  transferExposure { agreementBreaches findings { kind country depth path { name } }
    hops { depth to { name } agreement { title } agreementPolicy policyAgreement { title } policyInherited } }
  risk { score tier factors { key contribution } }
} }`;

const exposureOf = async (name: string) => (await ok(EXPOSURE, { id: ids[name] })).processor;

beforeAll(async () => {
  app = await startTestApp();
  key = (await seedDemoOrganization(app)).key;
  const res = await ok(`{ processors(first: 100) { edges { node { id name } } } }`);
  for (const { node } of res.processors.edges) ids[node.name] = node.id;
  expect(ids["E-SG.Cloud"]).toBeDefined();
  expect(ids["Microsoft"]).toBeDefined();
});
afterAll(() => app.stop());

let dpaTitle: string;

test("a US host under Microsoft (depth 2) breaches E-SG.Cloud's PROHIBITED DPA: finding, risk factor", async () => {
  const before = await exposureOf("E-SG.Cloud");
  const own = before.transferExposure.hops.find((h: any) => h.depth <= 1 && h.agreementPolicy === "PROHIBITED");
  expect(own).toBeDefined();
  dpaTitle = own.agreement.title;
  await processor("PROH US hosting", "US");
  await engage("Microsoft", "PROH US hosting", ["US"], "SCC");

  const x = await exposureOf("E-SG.Cloud");
  expect(x.transferExposure.agreementBreaches).toBeGreaterThanOrEqual(1);
  expect(x.transferExposure.findings).toContainEqual({
    kind: "PROHIBITED_BY_AGREEMENT",
    country: "US",
    depth: 2,
    path: [{ name: "E-SG.Cloud" }, { name: "Microsoft" }, { name: "PROH US hosting" }],
  });
  // The hop names no agreement of its own; the clause that binds it is the controller's DPA above it.
  const hop = x.transferExposure.hops.find((h: any) => h.to.name === "PROH US hosting");
  expect(hop).toEqual({
    depth: 2,
    to: { name: "PROH US hosting" },
    agreement: null,
    agreementPolicy: "PROHIBITED",
    policyAgreement: { title: dpaTitle },
    policyInherited: true,
  });
  const factor = x.risk.factors.find((f: any) => f.key === "transfers.prohibited");
  expect(factor).toEqual({ key: "transfers.prohibited", contribution: 25 });
  expect(x.risk.tier).toBe("CRITICAL");
});

test("the art. 30 record lists the depth-2 transfer with the breach", async () => {
  const res = await ok(`{ recordsOfProcessing { records { transfers { recipient country findings path } } } }`);
  const transfers = res.recordsOfProcessing.records.flatMap((r: any) => r.transfers);
  const host = transfers.filter((t: any) => t.recipient === "PROH US hosting");
  // Records whose activity uses E-SG.Cloud reach the host; each lists the breach.
  expect(host.length).toBeGreaterThanOrEqual(1);
  for (const t of host)
    expect([t.country, t.findings, t.path]).toEqual([
      "US",
      ["PROHIBITED_BY_AGREEMENT"],
      ["E-SG.Cloud", "Microsoft", "PROH US hosting"],
    ]);
});

test("a chain 25 levels deep under the PROHIBITED DPA still breaches it at the bottom", async () => {
  let above = "Microsoft";
  for (let level = 2; level < 25; level++) {
    const name = `PROH level ${level}`;
    await processor(name, "DK");
    await engage(above, name, ["DK"], "NOT_NEEDED_EEA");
    above = name;
  }
  await processor("PROH deep US", "US");
  await engage(above, "PROH deep US", ["US"], "SCC");
  const x = await exposureOf("E-SG.Cloud");
  const deep = x.transferExposure.findings.filter((f: any) => f.path.at(-1).name === "PROH deep US");
  expect(deep.map((f: any) => [f.kind, f.depth])).toEqual([["PROHIBITED_BY_AGREEMENT", 25]]);
  expect(x.transferExposure.agreementBreaches).toBeGreaterThanOrEqual(2);
  const hop = x.transferExposure.hops.find((h: any) => h.to.name === "PROH deep US");
  expect([hop.agreementPolicy, hop.policyAgreement, hop.policyInherited]).toEqual([
    "PROHIBITED",
    { title: dpaTitle },
    true,
  ]);
});

test("a sub-processor agreement in between that allows transfers does not lift the prohibition", async () => {
  await processor("PROH mid", "DK");
  const sub = await ok(
    `mutation($input: CreateAgreementInput!) { createAgreement(input: $input) { agreement { id } userErrors { ` +
      `field message } } }`,
    {
      input: {
        processorId: ids["PROH mid"],
        principalId: ids["E-SG.Cloud"],
        kind: "SUBPROCESSOR_AGREEMENT",
        template: "OTHER",
        status: "ACTIVE",
        title: "PROH mid sub-processor agreement",
        thirdCountryTransfers: "ALLOWED",
      },
    },
  );
  expect(sub.createAgreement.userErrors).toEqual([]);
  await engage("E-SG.Cloud", "PROH mid", ["DK"], "NOT_NEEDED_EEA", sub.createAgreement.agreement.id);
  await processor("PROH mid US", "US");
  await engage("PROH mid", "PROH mid US", ["US"], "SCC");
  const x = await exposureOf("E-SG.Cloud");
  const hops = x.transferExposure.hops.filter((h: any) => h.to.name.startsWith("PROH mid"));
  // Each hop keeps its own agreement (the sub-processor agreement: named, or in force for the engaging
  // processor); the controller's stricter clause binds both.
  expect(hops).toEqual([
    {
      depth: 1,
      to: { name: "PROH mid" },
      agreement: { title: "PROH mid sub-processor agreement" },
      agreementPolicy: "PROHIBITED",
      policyAgreement: { title: dpaTitle },
      policyInherited: true,
    },
    {
      depth: 2,
      to: { name: "PROH mid US" },
      agreement: { title: "PROH mid sub-processor agreement" },
      agreementPolicy: "PROHIBITED",
      policyAgreement: { title: dpaTitle },
      policyInherited: true,
    },
  ]);
  expect(
    x.transferExposure.findings.filter((f: any) => f.path.at(-1).name === "PROH mid US").map((f: any) => f.kind),
  ).toEqual(["PROHIBITED_BY_AGREEMENT"]);
});
