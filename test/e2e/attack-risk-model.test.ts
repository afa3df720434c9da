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
