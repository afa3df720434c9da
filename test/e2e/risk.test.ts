// Risk over HTTP: the seed processors' scores written out by hand from the seed facts (dt-v1),
// then freshness, history, models and the dashboard.
import { seedDemoOrganization, startTestApp, TestApp } from "../helpers/app";
import { createApiKey } from "../helpers/fixtures";

let app: TestApp;
let key: string;
const ids: Record<string, string> = {};
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  app = await startTestApp();
  key = (await seedDemoOrganization(app)).key;
  const res = await app.gql(key, `{ processors(first: 100) { edges { node { id name } } } }`);
  for (const { node } of res.data.processors.edges) ids[node.name] = node.id;
});
afterAll(() => app.stop());

const RISK = `query($id: ID!) { processor(id: $id) { risk { score ownScore tier inherentPoints minimumConcept
  modelVersion
  factors { key input weight contribution explanation evidence { id } } } } }`;
const risk = async (name: string, k = key) => {
  const res = await app.gql(k, RISK, { id: ids[name] });
  expect(res.errors).toBeUndefined();
  return res.data.processor.risk;
};
/** The factors that moved the score, as "key=contribution". */
const moved = (r: any) =>
  r.factors.filter((f: any) => f.contribution !== 0).map((f: any) => `${f.key}=${f.contribution}`);

describe("golden scores of the seed processors (dt-v1)", () => {
  test(
    "E-SG.Cloud: sick leave is art. 9 data (B = 3), volume unknown (A = 3), never supervised; its chain stays in " +
      "the EEA",
    async () => {
      const r = await risk("E-SG.Cloud");
      // 4 × (3 + 3) = 24, + 25 never supervised, + 10 × ½ × 1/18 required measures with unknown status = 49.3
      expect(r).toMatchObject({
        score: 49.3,
        ownScore: 49.3,
        tier: "MEDIUM",
        inherentPoints: 6,
        minimumConcept: 3,
        modelVersion: "dt-v1",
      });
      expect(moved(r)).toEqual([
        "supervision.never=25",
        "inherent.sensitivity=12",
        "inherent.volume=12",
        "measures.notImplemented=0.3",
      ]);
      expect(r.factors.find((f: any) => f.key === "inherent.sensitivity")).toMatchObject({
        input: "SPECIAL",
        weight: 4,
      });
      expect(r.factors.find((f: any) => f.key === "inherent.sensitivity").evidence).toHaveLength(1);
    },
  );

  test(
    "Capturi: its chain reaches a third country (Intercom, under SCC: no mechanism finding), volume unknown, never " +
      "supervised",
    async () => {
      const r = await risk("Capturi");
      // 4 × (3 + 0 + 0 + 1) = 16, + 25, + 10 × ½ × 1/17 = 41.3
      expect(r).toMatchObject({ score: 41.3, tier: "MEDIUM", inherentPoints: 4, minimumConcept: 2 });
      expect(moved(r)).toEqual([
        "supervision.never=25",
        "inherent.volume=12",
        "inherent.chainReach=4",
        "measures.notImplemented=0.3",
      ]);
      expect(r.factors.find((f: any) => f.key === "inherent.chainReach").input).toBe("third country in the chain");
      expect(r.factors.find((f: any) => f.key === "transfers.noMechanism")).toBeUndefined();
    },
  );

  test(
    "FirstAgenda: no controller DPA on file → +40 and at least HIGH; its chain Ubivox → LeaseWeb is two deep and in " +
      "the EEA",
    async () => {
      const r = await risk("FirstAgenda");
      // 4 × (3 + 0 + 0 + 1) = 16, + 40 = 56
      expect(r).toMatchObject({ score: 56, tier: "HIGH", inherentPoints: 4 });
      expect(moved(r)).toEqual(["agreement.missing=40", "inherent.volume=12", "inherent.chainReach=4"]);
    },
  );

  test(
    "Ubivox: its sub-processor agreement is in force; an annual internal " + "audit is due and none is on record",
    async () => {
      const r = await risk("Ubivox");
      expect(r).toMatchObject({ score: 37.4, tier: "MEDIUM", inherentPoints: 3 });
      expect(moved(r)).toEqual(["supervision.never=25", "inherent.volume=12", "measures.notImplemented=0.4"]);
    },
  );

  test("sub-processors approved under their parent's agreement are covered by it and carry its data", async () => {
    const microsoft = await risk("Microsoft");
    expect(moved(microsoft)).toEqual(["inherent.sensitivity=12", "inherent.volume=12"]);
    expect(microsoft).toMatchObject({ score: 24, tier: "LOW" });
    expect(await risk("LeaseWeb")).toMatchObject({ score: 12, tier: "LOW" });
  });
});

test("a change is never served stale: a report received moves the score at once, and history keeps both", async () => {
  const before = await risk("Capturi");
  const created = await app.gql(
    key,
    `mutation($p: ID!, $d: LocalDate!) { createAuditReport(input: { processorId: $p, type: "SELF_CONTROL_REPORT", title:
      "Egenkontrol", receivedOn: $d }) {
    auditReport { processor { risk { score factors { key contribution } } } } userErrors { code } } }`,
    { p: ids["Capturi"], d: today },
  );
  const inPayload = created.data.createAuditReport.auditReport.processor.risk;
  // Never supervised (+25) is gone; the report awaits review (+5).
  expect(inPayload.factors.find((f: any) => f.key === "supervision.never")).toBeUndefined();
  expect(inPayload.factors.find((f: any) => f.key === "report.unreviewed").contribution).toBe(5);
  expect(inPayload.score).toBeCloseTo(before.score - 25 + 5, 5);
  expect((await risk("Capturi")).score).toBe(inPayload.score);
  const history = await app.gql(key, `query($id: ID!) { processor(id: $id) { riskHistory { score modelVersion } } }`, {
    id: ids["Capturi"],
  });
  expect(history.data.processor.riskHistory.map((h: any) => h.score)).toEqual([inPayload.score, before.score]);
  const old = await app.gql(key, `query($id: ID!) { processor(id: $id) { risk(asOf: "2020-01-01") { score } } }`, {
    id: ids["Capturi"],
  });
  expect(old.data.processor.risk).toBeNull();
});

test("a riskier sub-processor raises its parents: half the gap, each processor once, loops harmless", async () => {
  const host = await app.gql(
    key,
    `mutation { createProcessor(input: { name: "Offshore Backup Inc", countryCode: "US" }) { processor { id } } }`,
  );
  ids["Offshore Backup Inc"] = host.data.createProcessor.processor.id;
  const add = (p: string, s: string, countries: string[], mechanism: string) =>
    app.gql(
      key,
      `mutation($p: ID!, $s: ID!, $c: [String!], $m: String) { createSubprocessorEngagement(input: { processorId: ` +
        `$p, subprocessorId: $s, countries: $c, transferMechanism: $m }) { userErrors { code } } }`,
      { p: ids[p], s: ids[s], c: countries, m: mechanism },
    );
  expect(
    (await add("LeaseWeb", "Offshore Backup Inc", ["US"], "UNKNOWN")).data.createSubprocessorEngagement.userErrors,
  ).toEqual([]);
  // A loop back up the chain must not repeat anything.
  expect(
    (await add("Offshore Backup Inc", "Ubivox", ["DK"], "NOT_NEEDED_EEA")).data.createSubprocessorEngagement.userErrors,
  ).toEqual([]);
  const leaseweb = await risk("LeaseWeb");
  expect(moved(leaseweb)).toContain("transfers.noMechanism=20");
  const ubivox = await risk("Ubivox");
  // Ubivox's own chain now holds the unprotected hop (+20), and the hop reaches a third country.
  expect(moved(ubivox)).toEqual(expect.arrayContaining(["transfers.noMechanism=20"]));
  const firstAgenda = await risk("FirstAgenda");
  // its own score is already the highest below it
  expect(firstAgenda.factors.find((f: any) => f.key === "chain.propagation") ?? null).toBeNull();
  expect(firstAgenda.score).toBeGreaterThanOrEqual(ubivox.score);
});

test(
  "the model is data: a stricter version changes tiers, is recorded on every " +
    "assessment, and bad models are refused",
  async () => {
    const models = await app.gql(key, `{ riskModels { version active definition } }`);
    const dt = models.data.riskModels.find((m: any) => m.version === "dt-v1");
    expect(dt.active).toBe(true);
    const definition = JSON.parse(dt.definition);
    delete definition.version; // each save names its own version
    const bad = await app.gql(
      key,
      `mutation($input: SaveRiskModelInput!) { saveRiskModel(input: $input) { riskModel { version } userErrors { ` +
        `field code message } } }`,
      {
        input: {
          version: "strict-1",
          definition: {
            ...definition,
            score: { ...definition.score, noAgreement: "lots" },
            tiers: { medium: 50, high: 40, critical: 70 },
            extra: 1,
          },
        },
      },
    );
    expect(bad.data.saveRiskModel.userErrors.map((e: any) => e.field.join("."))).toEqual([
      "input.definition.score.noAgreement",
      "input.definition.extra",
    ]);
    const saved = await app.gql(
      key,
      `mutation($input: SaveRiskModelInput!) { saveRiskModel(input: $input) { riskModel { version active } ` +
        `userErrors { field code message } } }`,
      {
        input: {
          version: "strict-1",
          definition: { ...definition, tiers: { medium: 20, high: 40, critical: 70 } },
          note: "Board decision 2026-11",
        },
      },
    );
    expect(saved.data.saveRiskModel).toEqual({ riskModel: { version: "strict-1", active: true }, userErrors: [] });
    const again = await app.gql(
      key,
      `mutation($input: SaveRiskModelInput!) { saveRiskModel(input: $input) { userErrors { field code } } }`,
      { input: { version: "strict-1", definition } },
    );
    expect(again.data.saveRiskModel.userErrors).toEqual([{ field: ["input", "version"], code: "DUPLICATE" }]);
    const esg = await risk("E-SG.Cloud");
    expect(esg).toMatchObject({ modelVersion: "strict-1", score: 49.3, tier: "HIGH" });
    const viewer = await createApiKey(app, key, "VIEWER", "v");
    const refused = await app.gql(viewer, `mutation { recomputeRisk { result { processors } } }`);
    expect(refused.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const recompute = await app.gql(
      key,
      `mutation { recomputeRisk { result { processors changed modelVersion } userErrors { code } } }`,
    );
    expect(recompute.data.recomputeRisk.result).toMatchObject({
      processors: Object.keys(ids).length,
      changed: 0,
      modelVersion: "strict-1",
    });
  },
);

test(
  "riskOverview: tiers, the riskiest, open problems and the trend, in a " + "constant number of SQL statements",
  async () => {
    const OVERVIEW = `{ riskOverview(top: 3) { modelVersion processors tiers { tier count } top { score tier processor {
      name } }
    overdueSupervision neverSupervised withoutAgreement thirdCountryWithoutMechanism openHighOrCriticalFindings trend {
      month low medium high critical } } }`;
    const res = await app.gql(key, OVERVIEW);
    expect(res.errors).toBeUndefined();
    const o = res.data.riskOverview;
    expect(o.processors).toBe(Object.keys(ids).length);
    expect(o.tiers.reduce((s: number, t: any) => s + t.count, 0)).toBe(o.processors);
    // The US host with no DPA and an unprotected transfer below it leads; FirstAgenda (no DPA) follows.
    expect(
      o.top
        .slice(0, 2)
        .map((t: any) => t.processor.name)
        .sort(),
    ).toEqual(["FirstAgenda", "Offshore Backup Inc"]);
    expect(o.top.map((t: any) => t.score)).toEqual(
      [...o.top.map((t: any) => t.score)].sort((a: number, b: number) => b - a),
    );
    expect(o.withoutAgreement).toBe(2); // FirstAgenda, and the US host added above (a direct processor without a DPA)
    expect(o.thirdCountryWithoutMechanism).toBeGreaterThanOrEqual(3); // LeaseWeb and everything above it
    expect(o.trend[o.trend.length - 1].month).toBe(today.slice(0, 7));
    // This month's trend counts what the tiers count: an archived processor leaves both (it stayed in the trend).
    const monthSum = (t: any) => t.low + t.medium + t.high + t.critical;
    expect(monthSum(o.trend[o.trend.length - 1])).toBe(o.processors);
    const gone = await app.ok(
      key,
      `mutation { createProcessor(input: { name: "Archived soon" }) { processor { id } } }`,
    );
    // Assessed while active (the read stores its assessment), then archived.
    expect((await app.gql(key, OVERVIEW)).data.riskOverview.processors).toBe(o.processors + 1);
    await app.ok(key, `mutation($id: ID!) { archiveProcessor(input: { id: $id }) { userErrors { message } } }`, {
      id: gone.createProcessor.processor.id,
    });
    const after = (await app.gql(key, OVERVIEW)).data.riskOverview;
    expect(after.processors).toBe(o.processors);
    expect(monthSum(after.trend[after.trend.length - 1])).toBe(after.processors);
    // The same statements for a portfolio three times as large.
    const other = await seedDemoOrganization(app, "Bigger controller");
    for (let i = 0; i < 30; i++)
      await app.gql(other.key, `mutation { createProcessor(input: { name: "Vendor ${i}" }) { processor { id } } }`);
    await app.gql(other.key, OVERVIEW);
    await app.gql(key, `{ viewer { role } }`);
    const small = await app.gql(key, OVERVIEW);
    const large = await app.gql(other.key, OVERVIEW);
    expect(large.data.riskOverview.processors).toBeGreaterThan(small.data.riskOverview.processors + 25);
    expect(large.extensions!.sqlStatements).toBe(small.extensions!.sqlStatements);
  },
);
