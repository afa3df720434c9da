// saveRiskModel checked the numbers of a model only for being finite (the month windows aside), yet the engine adds
// and scales them and stores inherent points and the minimum concept in integer columns: volumePoints of 1e308,
// inherent min and max of 1e300, or a concept band of 2.5 were stored, and from then on every risk read of the
// organization answered INTERNAL. Inherent numbers are now whole numbers and every number is within ±10,000
// (windows keep 0-1,200 months), refused otherwise with OUT_OF_RANGE naming it, nothing stored; models at those
// bounds are stored and scored. Built at test time, real HTTP.
import { startTestApp, TestApp } from "../helpers/app";

let app: TestApp;
let key: string;
let definition: Record<string, any>;

beforeAll(async () => {
  app = await startTestApp();
  key = (await app.newOrganization("Risikotal Prøve ApS")).key;
  await app.ok(key, `mutation { createProcessor(input: { name: "Heltal ApS" }) { userErrors { field } } }`);
  const data = await app.ok(key, `{ riskModels { version definition } }`);
  definition = JSON.parse(data.riskModels[0].definition);
  delete definition.version; // each save names its own version
});

afterAll(async () => {
  await app?.stop();
});

const SAVE = `mutation($input: SaveRiskModelInput!) {
  saveRiskModel(input: $input) { userErrors { field code message } } }`;
const READ = `{ processors(first: 5) { edges { node { name risk { score tier inherentPoints } } } }
  riskModels { version } }`;

const CASES: [string, string[], number][] = [
  ["inherent.volumePoints.UNKNOWN", ["inherent", "volumePoints", "UNKNOWN"], 1e308],
  ["inherent.min", ["inherent", "min"], 1e300],
  ["inherent.max", ["inherent", "max"], 2.5],
  ["inherent.conceptBands.0.concept", ["inherent", "conceptBands", "0", "concept"], 2.5],
  ["score.noAgreement", ["score", "noAgreement"], 1e308],
  ["score.inherentMultiplier", ["score", "inherentMultiplier"], -1e308],
  ["propagation.cap", ["propagation", "cap"], 1e20],
];

function set(m: any, path: string[], value: unknown) {
  let at = m;
  for (const p of path.slice(0, -1)) at = at[p];
  at[path[path.length - 1]] = value;
}

test.each(CASES)("%s of %p is refused naming it; risk reads go on", async (name, path, value) => {
  const m = JSON.parse(JSON.stringify(definition));
  set(m, path, value);
  if (name === "inherent.min") set(m, ["inherent", "max"], value);
  const version = `n-${name}`;
  const res = await app.gql(key, SAVE, { input: { version, definition: m } });
  expect(res.errors).toBeUndefined();
  const whole = path[0] === "inherent" ? "a whole number " : "";
  expect(res.data.saveRiskModel.userErrors).toContainEqual({
    field: ["input", "definition", ...path],
    code: "OUT_OF_RANGE",
    message: `${name} must be ${whole}from -10000 to 10000`,
  });
  const read = await app.gql(key, READ);
  expect(read.errors).toBeUndefined();
  expect(read.data.riskModels.map((r: any) => r.version)).not.toContain(version);
});

function everyNumber(m: any, value: number): any {
  if (typeof m === "number") return value;
  if (Array.isArray(m)) return m.map((x) => everyNumber(x, value));
  if (m && typeof m === "object")
    return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, everyNumber(v, value)]));
  return m;
}

test.each([10000, -10000])(
  "a model with every number at %p, where its rules allow, is stored and scored",
  async (value) => {
    const m = everyNumber(definition, value);
    // The model's rules: the score's factors add risk (0 or more) and its credits take it away (0 or less); propagation
    // passes a share from 0 to 1 of the gap, at most cap (0 or more); concept bands rise (one band here).
    m.score = everyNumber(definition.score, Math.max(0, value));
    m.score.assuranceCredit = m.score.assuranceCreditCap = -10000;
    m.propagation = value > 0 ? { factor: 1, cap: 10000 } : { factor: 0, cap: 0 };
    // Inherent points are 0 or more (up to max); concepts are 1 to 6; an unknown measure weighs a share from 0 to 1;
    // tiers lie within the score's range, 0 to 100 (docs/risk-model.md).
    m.inherent = everyNumber(definition.inherent, Math.max(0, value));
    const concept = value > 0 ? 6 : 1;
    m.inherent.conceptBands = [{ maxPoints: Math.max(0, value), concept }];
    m.inherent.methodConcept = everyNumber(definition.inherent.methodConcept, concept);
    m.score.unknownMeasureWeight = value > 0 ? 1 : 0;
    for (const w of ["breachNoticeWindowMonths", "reportMaxAgeMonths", "assuranceWindowMonths"])
      m.score[w] = value > 0 ? 1200 : 0;
    m.tiers = value > 0 ? { medium: 98, high: 99, critical: 100 } : { medium: 0.1, high: 0.2, critical: 0.3 };
    const res = await app.gql(key, SAVE, { input: { version: `bound-${value}`, definition: m } });
    expect(res.errors).toBeUndefined();
    expect(res.data.saveRiskModel.userErrors).toEqual([]);
    const read = await app.gql(key, READ);
    expect(read.errors).toBeUndefined();
    expect(read.data.riskModels[0].version).toBe(`bound-${value}`);
    expect(read.data.processors.edges[0].node.risk.tier).toEqual(expect.any(String));
  },
);
