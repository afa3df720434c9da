// The risk model's own rules (riskModelRuleProblems): the default keeps them, and each senseless definition an
// outside tester saved (and which became active) is refused naming the parameter and the rule.
import { riskModelProblems, riskModelRuleProblems } from "../../src/modules/risk/risk.rules";
import { DT_V1, RiskModel } from "../../src/modules/risk/risk-model";

const changed = (change: (m: RiskModel) => void): RiskModel => {
  const m = JSON.parse(JSON.stringify(DT_V1)) as RiskModel;
  change(m);
  return m;
};
const problems = (m: RiskModel) =>
  riskModelRuleProblems(m).map((e) => ({ field: e.field!.slice(2).join("."), code: e.code, message: e.message }));

test("the default model keeps its shape and its rules", () => {
  expect(riskModelProblems(DT_V1)).toEqual([]);
  expect(riskModelRuleProblems(DT_V1)).toEqual([]);
});

test("inherent.min above inherent.max is refused", () => {
  expect(problems(changed((m) => Object.assign(m.inherent, { min: 11, max: 3 })))).toEqual([
    {
      field: "inherent.min",
      code: "INVALID",
      message: "inherent.min must not be above inherent.max (11 > 3): the points run from min to max",
    },
  ]);
  expect(problems(changed((m) => Object.assign(m.inherent, { min: 3, max: 3 })))).toEqual([]);
});

test("concept bands must rise", () => {
  const swapped = changed((m) => m.inherent.conceptBands.reverse());
  expect(problems(swapped)).toEqual(
    [1, 2, 3].map((i) =>
      expect.objectContaining({
        field: `inherent.conceptBands.${i}.maxPoints`,
        code: "INVALID",
      }),
    ),
  );
  expect(problems(swapped)[0].message).toBe(
    "inherent.conceptBands.1.maxPoints must be above inherent.conceptBands.0.maxPoints (6 <= 10): the bands rise, " +
      "and the first whose maxPoints the points do not exceed applies",
  );
  expect(problems(changed((m) => (m.inherent.conceptBands[2].concept = 1)))).toEqual([
    expect.objectContaining({ field: "inherent.conceptBands.2.concept", code: "INVALID" }),
  ]);
});

test("propagation passes on a share from 0 to 1 of the gap, at most cap (0 or more)", () => {
  expect(problems(changed((m) => (m.propagation = { factor: -1000, cap: -1000 })))).toEqual([
    {
      field: "propagation.factor",
      code: "OUT_OF_RANGE",
      message:
        "propagation.factor must be from 0 to 1 (got -1000): a processor gains that share of the gap to the " +
        "worst score below",
    },
    {
      field: "propagation.cap",
      code: "OUT_OF_RANGE",
      message: "propagation.cap must be 0 or more (got -1000): propagation adds risk, at most cap points",
    },
  ]);
  expect(problems(changed((m) => (m.propagation = { factor: 1, cap: 0 })))).toEqual([]);
});

test("a credit reduces the score; every other factor adds risk", () => {
  expect(problems(changed((m) => (m.score.assuranceCredit = 50)))).toEqual([
    {
      field: "score.assuranceCredit",
      code: "OUT_OF_RANGE",
      message: "score.assuranceCredit must be 0 or below (got 50): a credit reduces the score",
    },
  ]);
  expect(problems(changed((m) => (m.score.assuranceCreditCap = 10)))).toEqual([
    expect.objectContaining({ field: "score.assuranceCreditCap", code: "OUT_OF_RANGE" }),
  ]);
  expect(problems(changed((m) => (m.score.opinion.ADVERSE = -25)))).toEqual([
    {
      field: "score.opinion.ADVERSE",
      code: "OUT_OF_RANGE",
      message:
        "score.opinion.ADVERSE must be 0 or more (got -25): it adds risk; only the assurance credit reduces " +
        "the score",
    },
  ]);
});

test("tiers rise and floors are tiers", () => {
  expect(problems(changed((m) => (m.tiers = { medium: 50, high: 40, critical: 70 })))).toEqual([
    { field: "tiers", code: "INVALID", message: "tiers must rise: medium < high < critical" },
  ]);
  expect(problems(changed((m) => ((m.floors as any).noAgreement = "SEVERE")))).toEqual([
    {
      field: "floors.noAgreement",
      code: "INVALID",
      message: "floors.noAgreement must be one of LOW, MEDIUM, HIGH, CRITICAL",
    },
  ]);
});
