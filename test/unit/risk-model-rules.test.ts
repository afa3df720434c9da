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

test("tier thresholds lie within the score's range (0 to 100): no tier is unreachable", () => {
  expect(problems(changed((m) => (m.tiers = { medium: -5, high: 50, critical: 1000 })))).toEqual([
    {
      field: "tiers.medium",
      code: "OUT_OF_RANGE",
      message:
        "tiers.medium must be above 0 and at most 100 (got -5): a score runs from 0 to 100, and a threshold " +
        "outside it leaves a tier unreachable",
    },
    expect.objectContaining({ field: "tiers.critical", code: "OUT_OF_RANGE" }),
  ]);
  expect(problems(changed((m) => (m.tiers = { medium: 0, high: 50, critical: 75 })))).toEqual([
    expect.objectContaining({ field: "tiers.medium" }),
  ]);
  expect(problems(changed((m) => (m.tiers = { medium: 0.1, high: 50, critical: 100 })))).toEqual([]);
  expect(problems(changed((m) => (m.tiers = { medium: 1, high: 2, critical: 3 })))).toEqual([]);
});

test("inherent points are 0 or more and within the scale; sensitivity points rise with sensitivity", () => {
  expect(problems(changed((m) => (m.inherent.sensitivityPoints.SPECIAL = -1)))).toEqual([
    {
      field: "inherent.sensitivityPoints.SPECIAL",
      code: "OUT_OF_RANGE",
      message:
        "inherent.sensitivityPoints.SPECIAL must be from 0 to inherent.max (10) (got -1): points count up the " +
        "inherent scale, which ends at max",
    },
    {
      field: "inherent.sensitivityPoints.SPECIAL",
      code: "INVALID",
      message:
        "inherent.sensitivityPoints.SPECIAL must not be below inherent.sensitivityPoints.CRIMINAL (-1 < 3): " +
        "sensitivity points rise with sensitivity (NONE ≤ ORDINARY ≤ CONFIDENTIAL ≤ NATIONAL_ID ≤ CRIMINAL ≤ SPECIAL)",
    },
  ]);
  expect(problems(changed((m) => (m.inherent.sensitivityPoints.CRIMINAL = 0)))).toEqual([
    expect.objectContaining({ field: "inherent.sensitivityPoints.CRIMINAL", code: "INVALID" }),
  ]);
  expect(problems(changed((m) => (m.inherent.volumePoints.OVER_10000 = 11)))).toEqual([
    expect.objectContaining({ field: "inherent.volumePoints.OVER_10000", code: "OUT_OF_RANGE" }),
  ]);
  expect(
    problems(changed((m) => Object.assign(m.inherent, { min: -1, chainReachPoint: -1, chainDepthThreshold: -1 }))),
  ).toEqual(
    ["inherent.min", "inherent.chainReachPoint", "inherent.chainDepthThreshold"].map((field) =>
      expect.objectContaining({ field, code: "OUT_OF_RANGE" }),
    ),
  );
});

test("concepts are 1 to 6, and no supervision is never a better concept than a method", () => {
  expect(problems(changed((m) => (m.inherent.methodConcept.NONE = 99)))).toEqual([
    expect.objectContaining({ field: "inherent.methodConcept.NONE", code: "OUT_OF_RANGE" }),
    expect.objectContaining({
      field: "inherent.methodConcept.NONE",
      code: "INVALID",
      message: expect.stringMatching(
        new RegExp(
          "^inherent\\.methodConcept\\.NONE must not be above the concept of any method " +
            "\\(99 > WRITTEN_CONFIRMATION 2, .*\\): no supervision is never better than a method$",
        ),
      ),
    }),
  ]);
  expect(problems(changed((m) => (m.inherent.methodConcept.NONE = 3)))).toEqual([
    expect.objectContaining({
      field: "inherent.methodConcept.NONE",
      message: expect.stringContaining("(3 > WRITTEN_CONFIRMATION 2)"),
    }),
  ]);
  expect(problems(changed((m) => (m.inherent.conceptBands[3].concept = 7)))).toEqual([
    expect.objectContaining({ field: "inherent.conceptBands.3.concept", code: "OUT_OF_RANGE" }),
  ]);
});

test("an unknown measure weighs a share from 0 to 1 of one not implemented", () => {
  expect(problems(changed((m) => (m.score.unknownMeasureWeight = 7)))).toEqual([
    {
      field: "score.unknownMeasureWeight",
      code: "OUT_OF_RANGE",
      message:
        "score.unknownMeasureWeight must be from 0 to 1 (got 7): a required measure of unknown state counts as " +
        "that share of one not implemented, never more than one",
    },
  ]);
  expect(problems(changed((m) => (m.score.unknownMeasureWeight = 1)))).toEqual([]);
});
