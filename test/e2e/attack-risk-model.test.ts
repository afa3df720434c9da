// saveRiskModel (ADMIN) checks a model key by key against the default's shape, numbers where numbers go, but took
// any finite number for the windows in months, which are date arithmetic: breachNoticeWindowMonths 1e300 (or
// reportMaxAgeMonths 1.5 once a report exists) was stored, and from then on every risk read of the organization
// answered INTERNAL. A window is now a whole number of months from 0 to 1,200, refused otherwise with a userError
// naming the parameter, nothing stored. Built at test time, real HTTP.
import { startTestApp, TestApp } from "../helpers/app";

let app: TestApp;
let key: string;
let definition: Record<string, any>;

beforeAll(async () => {
  app = await startTestApp();
  key = (await app.newOrganization("Risikomodel Prøve ApS")).key;
  await app.ok(key, `mutation { createProcessor(input: { name: "Vindue ApS" }) { userErrors { field } } }`);
  const data = await app.ok(key, `{ riskModels { version definition } }`);
  definition = JSON.parse(data.riskModels[0].definition);
  delete definition.version; // each save names its own version
});

afterAll(async () => {
  await app?.stop();
});

const SAVE = `mutation($input: SaveRiskModelInput!) {
  saveRiskModel(input: $input) { userErrors { field code message } } }`;
const READ = `{ processors(first: 5) { edges { node { name risk { score tier } } } } riskModels { version } }`;

function model(window: string, value: number): Record<string, any> {
  const m = JSON.parse(JSON.stringify(definition));
  m.score[window] = value;
  return m;
}

const WINDOWS = ["breachNoticeWindowMonths", "reportMaxAgeMonths", "assuranceWindowMonths"];

test.each(WINDOWS)("%s of 1e300, 1.5 or -1 is refused naming it; risk reads go on", async (window) => {
  for (const [i, value] of [1e300, 1.5, -1].entries()) {
    const res = await app.gql(key, SAVE, { input: { version: `${window}-${i}`, definition: model(window, value) } });
    expect(res.errors).toBeUndefined();
    expect(res.data.saveRiskModel.userErrors).toEqual([
      {
        field: ["input", "definition", "score", window],
        code: "OUT_OF_RANGE",
        message: `score.${window} must be a whole number of months from 0 to 1200`,
      },
    ]);
    const read = await app.gql(key, READ);
    expect(read.errors).toBeUndefined();
    expect(read.data.riskModels.map((m: any) => m.version)).not.toContain(`${window}-${i}`);
  }
});

test("windows of 0 and 1,200 months are stored and scored", async () => {
  for (const [i, value] of [0, 1200].entries()) {
    const m = model("breachNoticeWindowMonths", value);
    m.score.reportMaxAgeMonths = value;
    m.score.assuranceWindowMonths = value;
    await app.ok(key, SAVE, { input: { version: `edge-${i}`, definition: m } });
    const read = await app.gql(key, READ);
    expect(read.errors).toBeUndefined();
    expect(read.data.processors.edges[0].node.risk.tier).toEqual(expect.any(String));
  }
});

// Outside testers saved senseless models that then became active: inherent.min 11 with max 3, concept bands out of
// order, a negative propagation, an assurance credit that adds risk; tiers.medium -5, tiers.critical 1000,
// sensitivityPoints.SPECIAL -1, methodConcept.NONE 99, unknownMeasureWeight 7. Each is
// refused with a userError naming the parameter and the rule; nothing is stored, the active model stays.
test.each([
  ["inherent.min above max", (m: any) => Object.assign(m.inherent, { min: 11, max: 3 }), "inherent.min", "INVALID"],
  [
    "concept bands out of order",
    (m: any) => m.inherent.conceptBands.reverse(),
    "inherent.conceptBands.1.maxPoints",
    "INVALID",
  ],
  ["a negative propagation factor", (m: any) => (m.propagation.factor = -1000), "propagation.factor", "OUT_OF_RANGE"],
  ["a negative propagation cap", (m: any) => (m.propagation.cap = -1000), "propagation.cap", "OUT_OF_RANGE"],
  ["a credit that adds risk", (m: any) => (m.score.assuranceCredit = 50), "score.assuranceCredit", "OUT_OF_RANGE"],
  // A second tester: thresholds outside the score's range leave a tier unreachable, art. 9 data scored below
  // ordinary data, no supervision outranking an inspection, an unknown measure weighing seven missing ones.
  ["a medium tier below 0 (LOW unreachable)", (m: any) => (m.tiers.medium = -5), "tiers.medium", "OUT_OF_RANGE"],
  ["a critical tier above 100", (m: any) => (m.tiers.critical = 1000), "tiers.critical", "OUT_OF_RANGE"],
  [
    "negative points for special data",
    (m: any) => (m.inherent.sensitivityPoints.SPECIAL = -1),
    "inherent.sensitivityPoints.SPECIAL",
    "INVALID",
  ],
  [
    "no supervision above every method",
    (m: any) => (m.inherent.methodConcept.NONE = 99),
    "inherent.methodConcept.NONE",
    "INVALID",
  ],
  [
    "an unknown measure weighing 7",
    (m: any) => (m.score.unknownMeasureWeight = 7),
    "score.unknownMeasureWeight",
    "OUT_OF_RANGE",
  ],
])("%s is refused naming it; nothing is stored", async (name, change, field, code) => {
  const m = JSON.parse(JSON.stringify(definition));
  change(m);
  const version = `senseless-${name.replace(/\W+/g, "-")}`;
  const before = await app.gql(key, `{ riskModels { version active } }`);
  const res = await app.gql(key, SAVE, { input: { version, definition: m } });
  expect(res.errors).toBeUndefined();
  expect(res.data.saveRiskModel.userErrors).toContainEqual({
    field: ["input", "definition", ...field.split(".")],
    code,
    message: expect.stringContaining(`${field} must `),
  });
  const after = await app.gql(key, `{ riskModels { version active } }`);
  expect(after.data.riskModels).toEqual(before.data.riskModels);
  expect(after.data.riskModels.map((r: any) => r.version)).not.toContain(version);
});

test("a definition is stored as the version saved, whatever version it names (a copy of dt-v1, or none)", async () => {
  // The tester saw a definition naming another version accepted: it is stored under the version saved, so the
  // model's own text never names another version (copying the model in force and saving it is the usual way).
  for (const [version, named] of [
    ["copied-1", "dt-v1"],
    ["named-1", "named-1"],
    ["unnamed-1", undefined],
  ]) {
    const m = JSON.parse(JSON.stringify(definition));
    if (named) m.version = named;
    await app.ok(key, SAVE, { input: { version, definition: m } });
  }
  const read = await app.gql(key, `{ riskModels { version definition } }`);
  const saved = Object.fromEntries(read.data.riskModels.map((r: any) => [r.version, JSON.parse(r.definition).version]));
  expect(saved).toMatchObject({ "copied-1": "copied-1", "named-1": "named-1", "unnamed-1": "unnamed-1" });
});
