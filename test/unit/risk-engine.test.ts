import {
  assessOwnRisk,
  floorTierOf,
  minimumConcept,
  RiskFacts,
  tierFor,
  withOwnFacts,
  withPropagation,
} from "../../src/modules/risk/risk-engine";
import {
  evidenceIdOfStored,
  factorPacker,
  fingerprintOf,
  packFactor,
  storedEvidenceId,
  unpackFactor,
} from "../../src/modules/risk/risk.rules";
import { toGlobalId } from "../../src/common/global-id";
import { DT_V1, RiskModel } from "../../src/modules/risk/risk-model";
import { Sensitivity } from "../../src/modules/taxonomy/taxonomy.entity";
import { SupervisionMethod } from "../../src/modules/agreements/agreement.enums";
import { mulberry32 } from "../../bench/lib/generate"; // deterministic: a failing case replays from its seed

const base: RiskFacts = {
  today: "2026-11-23",
  agreementId: "agreement-1",
  coveredByAgreementId: null,
  dataSubjectVolume: "UNDER_1000",
  mostSensitive: Sensitivity.ORDINARY,
  sensitivitySourceIds: ["agreement-1"],
  vulnerableSubjects: false,
  processingNature: [],
  thirdCountryInChain: false,
  chainDepth: 1,
  missingArt28Elements: [],
  breachNotificationHours: 24,
  hopsWithoutMechanism: [],
  prohibitedTransfers: [],
  chainUnknown: false,
  supervision: { status: "OK", nextDueOn: "2027-06-01", lastReportId: "r1" },
  methodUsed: SupervisionMethod.ISAE_3000,
  latestReport: { id: "r1", opinion: "UNQUALIFIED", receivedOn: "2026-06-01" },
  unreviewedReportIds: [],
  openFindings: [],
  requiredMeasures: { total: 0, notImplemented: 0, unknown: 0, ids: [] },
  breachNotices: [],
  assuranceReports: [],
};
const contribution = (r: ReturnType<typeof assessOwnRisk>, key: string) =>
  r.factors.find((f) => f.key === key)?.contribution ?? 0;

test("a well-run low-volume ordinary processor is LOW: 1 inherent point, concept 1", () => {
  const r = assessOwnRisk(base, DT_V1);
  expect(r).toMatchObject({
    modelVersion: "dt-v1",
    inherentPoints: 1,
    minimumConcept: 1,
    ownScore: 4,
    score: 4,
    tier: "LOW",
  });
  expect(r.factors.map((f) => f.key)).toEqual([
    "inherent.volume",
    "inherent.chainReach",
    "inherent.sensitivity",
    "inherent.specialNature",
  ]);
});

test("inherent points follow the four questions and are capped at 10; concept from the table", () => {
  const r = assessOwnRisk(
    {
      ...base,
      dataSubjectVolume: "OVER_10000",
      mostSensitive: Sensitivity.SPECIAL,
      vulnerableSubjects: true,
      processingNature: ["PROFILING", "NEW_TECHNOLOGY"],
      thirdCountryInChain: true,
      chainDepth: 3,
    },
    DT_V1,
  );
  expect(r.inherentPoints).toBe(10);
  expect(r.minimumConcept).toBe(5);
  expect(contribution(r, "inherent.specialNature")).toBe(8); // capped at 2 points
  expect([1, 2, 3, 4, 5, 6, 7, 10].map((p) => minimumConcept(p, DT_V1))).toEqual([1, 1, 2, 2, 3, 3, 5, 5]);
});

test("no agreement: +40 and at least HIGH even when the sum is lower", () => {
  const r = assessOwnRisk(
    { ...base, agreementId: null, supervision: null, methodUsed: null, latestReport: null },
    DT_V1,
  );
  expect(contribution(r, "agreement.missing")).toBe(40);
  expect(r.score).toBe(44);
  expect(r.tier).toBe("HIGH");
});

test("a sub-processor approved under its parent's agreement is covered: no +40, no floor", () => {
  const r = assessOwnRisk(
    {
      ...base,
      agreementId: null,
      coveredByAgreementId: "parent-dpa",
      supervision: null,
      methodUsed: null,
      latestReport: null,
    },
    DT_V1,
  );
  expect(contribution(r, "agreement.missing")).toBe(0);
  expect(r.tier).toBe("LOW");
});

test("control factors add up with their caps", () => {
  const r = assessOwnRisk(
    {
      ...base,
      missingArt28Elements: ["b", "e", "f", "g", "h", "a"],
      breachNotificationHours: 96,
      hopsWithoutMechanism: [1, 2, 3].map((i) => ({ engagementId: `e${i}`, label: `hop ${i}` })),
      supervision: { status: "OVERDUE", nextDueOn: "2025-11-01", lastReportId: "r1" },
      latestReport: { id: "r1", opinion: "ADVERSE", receivedOn: "2024-01-01" },
      openFindings: [
        { id: "f1", severity: "CRITICAL" },
        { id: "f2", severity: "CRITICAL" },
        { id: "f3", severity: "HIGH" },
        { id: "f4", severity: "CRITICAL" },
        { id: "f5", severity: "LOW" },
      ],
    },
    DT_V1,
  );
  expect(contribution(r, "agreement.art28")).toBe(15);
  expect(contribution(r, "agreement.breachHours")).toBe(10);
  expect(contribution(r, "transfers.noMechanism")).toBe(40);
  expect(contribution(r, "supervision.overdue")).toBe(30); // 12 months late: 15 + 4 × 5, capped at 30
  expect(contribution(r, "report.opinion")).toBe(25);
  expect(contribution(r, "report.old")).toBe(5);
  expect(contribution(r, "findings.open")).toBe(25);
  expect(r.score).toBe(100);
  expect(r.tier).toBe("CRITICAL");
  expect(r.factors[0].contribution).toBeGreaterThanOrEqual(r.factors[r.factors.length - 1].contribution);
});

test("special data with an unprotected transfer is CRITICAL whatever the sum", () => {
  const r = assessOwnRisk(
    { ...base, mostSensitive: Sensitivity.SPECIAL, hopsWithoutMechanism: [{ engagementId: "e1", label: "US" }] },
    DT_V1,
  );
  expect(r.score).toBeLessThan(75);
  expect(r.tier).toBe("CRITICAL");
});

test("a method weaker than the minimum concept, unreviewed reports, measures, breaches, assurance credit", () => {
  const r = assessOwnRisk(
    {
      ...base,
      dataSubjectVolume: "OVER_10000",
      mostSensitive: Sensitivity.SPECIAL,
      vulnerableSubjects: true, // 7 points → concept 5
      methodUsed: SupervisionMethod.SELF_CONTROL_REPORT,
      unreviewedReportIds: ["r2"],
      requiredMeasures: { total: 4, notImplemented: 1, unknown: 2, ids: ["m1"] },
      breachNotices: [
        { id: "b1", notifiedOn: "2026-01-10", late: true },
        { id: "b2", notifiedOn: "2024-01-10", late: true },
      ],
      assuranceReports: [
        {
          id: "c1",
          type: "CERTIFICATION",
          reportKind: null,
          opinion: null,
          receivedOn: "2025-01-01",
          validUntil: "2027-01-01",
          coversPurchasedServices: true,
        },
        {
          id: "c2",
          type: "CERTIFICATION",
          reportKind: null,
          opinion: null,
          receivedOn: "2025-01-01",
          validUntil: "2026-01-01",
          coversPurchasedServices: true,
        },
        {
          id: "i1",
          type: "ISAE_3000",
          reportKind: "TYPE_2",
          opinion: "UNQUALIFIED",
          receivedOn: "2026-03-01",
          validUntil: null,
          coversPurchasedServices: null,
        },
        {
          id: "i2",
          type: "ISAE_3000",
          reportKind: "TYPE_2",
          opinion: "UNQUALIFIED",
          receivedOn: "2026-03-01",
          validUntil: null,
          coversPurchasedServices: false,
        },
      ],
    },
    DT_V1,
  );
  expect(r.inherentPoints).toBe(7);
  expect(contribution(r, "supervision.weakerMethod")).toBe(10);
  expect(contribution(r, "report.unreviewed")).toBe(5);
  expect(contribution(r, "measures.notImplemented")).toBe(5); // (1 + 0.5 × 2) / 4 × 10
  expect(contribution(r, "breaches.recent")).toBe(10); // one in the window, late
  expect(contribution(r, "assurance.credit")).toBe(-10);
  expect(r.factors.find((f) => f.key === "assurance.credit")!.evidenceIds).toEqual(["c1", "i1"]);
});

test("propagation: half the gap to the riskiest processor below, capped, never lowering", () => {
  const own = assessOwnRisk(base, DT_V1);
  expect(withPropagation(own, { processorId: "p2", ownScore: 30 }, DT_V1, base).score).toBe(17);
  expect(withPropagation(own, { processorId: "p2", ownScore: 90 }, DT_V1, base).score).toBe(24);
  expect(withPropagation(own, { processorId: "p2", ownScore: 2 }, DT_V1, base).score).toBe(4);
  const custom: RiskModel = { ...DT_V1, version: "org-1", propagation: { factor: 1, cap: 100 } };
  expect(withPropagation(assessOwnRisk(base, custom), { processorId: "p2", ownScore: 90 }, custom, base)).toMatchObject(
    { score: 90, tier: "CRITICAL", modelVersion: "org-1" },
  );
});

test("the same facts and model give the same result; tiers at their thresholds", () => {
  expect(assessOwnRisk(base, DT_V1)).toEqual(
    assessOwnRisk(JSON.parse(JSON.stringify(base)), JSON.parse(JSON.stringify(DT_V1))),
  );
  expect([24.9, 25, 49.9, 50, 74.9, 75].map((s) => tierFor(s, DT_V1))).toEqual([
    "LOW",
    "MEDIUM",
    "MEDIUM",
    "HIGH",
    "HIGH",
    "CRITICAL",
  ]);
});

test("property: own records changed on a stored result give what assessing all the facts gives, to the bit", () => {
  const rnd = mulberry32(Number(process.env.FUZZ_SEED ?? 19));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
  // Everything but the own records: agreement, data, chain.
  const chainFacts = (): RiskFacts => ({
    ...base,
    agreementId: pick(["agreement-1", null]),
    coveredByAgreementId: pick([null, "agreement-2"]),
    dataSubjectVolume: pick(["UNDER_1000", "OVER_10000", "UNKNOWN"] as const),
    mostSensitive: pick([null, Sensitivity.ORDINARY, Sensitivity.SPECIAL, Sensitivity.CRIMINAL]),
    vulnerableSubjects: rnd() < 0.3,
    processingNature: rnd() < 0.5 ? [] : ["PROFILING", "SYSTEM_ACCESS"].slice(0, 1 + Math.floor(rnd() * 2)),
    thirdCountryInChain: rnd() < 0.5,
    chainDepth: Math.floor(rnd() * 5),
    missingArt28Elements: ["a", "d", "g", "h"].slice(0, Math.floor(rnd() * 5)),
    breachNotificationHours: pick([null, 24, 60, 96]),
    hopsWithoutMechanism: ids("e", Math.floor(rnd() * 4)).map((engagementId) => ({ engagementId, label: "US" })),
    prohibitedTransfers: rnd() < 0.2 ? [{ engagementId: "e9", label: "IN" }] : [],
    chainUnknown: rnd() < 0.2,
  });
  // The own records: supervision, reports, findings, measures, breach notices, assurance.
  const ownFacts = () => ({
    supervision: pick([
      null,
      { status: "OK" as const, nextDueOn: "2027-06-01", lastReportId: "r1" },
      { status: "OVERDUE" as const, nextDueOn: pick(["2025-01-15", "2026-08-31"]), lastReportId: null },
      { status: "NEVER_SUPERVISED" as const, nextDueOn: "2026-12-01", lastReportId: null },
    ]),
    methodUsed: pick([null, SupervisionMethod.ISAE_3000, SupervisionMethod.SELF_CONTROL_REPORT]),
    latestReport: pick([
      null,
      { id: "r1", opinion: pick(["UNQUALIFIED", "QUALIFIED", null]), receivedOn: "2024-02-01" },
    ]),
    unreviewedReportIds: ids("r", Math.floor(rnd() * 3)),
    openFindings: ids("f", Math.floor(rnd() * 5)).map((id) => ({ id, severity: pick(["LOW", "HIGH", "CRITICAL"]) })),
    requiredMeasures: { total: 4, notImplemented: Math.floor(rnd() * 3), unknown: Math.floor(rnd() * 2), ids: [] },
    breachNotices: ids("b", Math.floor(rnd() * 3)).map((id) => ({ id, notifiedOn: "2026-03-01", late: rnd() < 0.5 })),
    assuranceReports:
      rnd() < 0.3
        ? [
            {
              id: "a1",
              type: "CERTIFICATION",
              reportKind: null,
              opinion: null,
              receivedOn: "2026-01-01",
              validUntil: "2027-01-01",
              coversPurchasedServices: true,
            },
          ]
        : [],
  });
  for (let i = 0; i < 500; i++) {
    const chain = chainFacts();
    const before: RiskFacts = { ...chain, ...ownFacts() };
    const after: RiskFacts = { ...chain, ...ownFacts() };
    const worst = rnd() < 0.5 ? null : { processorId: "below", ownScore: Math.round(rnd() * 1000) / 10 };
    // As stored: the factors packed and read back.
    const stored = withPropagation(assessOwnRisk(before, DT_V1), worst, DT_V1, before);
    const kept = {
      inherentPoints: stored.inherentPoints,
      minimumConcept: stored.minimumConcept,
      factors: JSON.parse(JSON.stringify(stored.factors.map(packFactor))).map(unpackFactor),
    };
    const own = withOwnFacts(kept, after, DT_V1, floorTierOf(chain, DT_V1))!;
    const full = withPropagation(assessOwnRisk(after, DT_V1), worst, DT_V1, after);
    expect(withPropagation(own, worst, DT_V1, floorTierOf(chain, DT_V1))).toEqual(full);
    expect(fingerprintOf(withPropagation(own, worst, DT_V1, floorTierOf(chain, DT_V1)))).toBe(fingerprintOf(full));
  }
});

test("a stored result with a factor the code does not place is assessed anew (null)", () => {
  const r = assessOwnRisk(base, DT_V1);
  const factors = [...r.factors, { ...r.factors[0], key: "inherent.somethingNew" }];
  expect(withOwnFacts({ inherentPoints: 1, minimumConcept: 1, factors }, base, DT_V1, null)).toBeNull();
});

test("evidence ids are stored narrow and read back as the same global ids; other ids are stored as they are", () => {
  const uuid = "0f8fad5b-d9cb-469f-a165-70867728950e";
  const ids = ["Agreement", "SubprocessorEngagement", "AuditReport", "AuditFinding", "Measure", "BreachNotice"].map(
    (t) => toGlobalId(t, uuid),
  );
  const others = [
    uuid, // chain.propagation names the processor below by its uuid
    toGlobalId("Processor", uuid), // a type without a code
    toGlobalId("Agreement", uuid.toUpperCase()), // would not come back the same
    "c1",
    "",
  ];
  for (const id of ids) {
    const stored = storedEvidenceId(id);
    expect(stored).toHaveLength(24);
    expect(evidenceIdOfStored(stored)).toBe(id);
  }
  for (const id of others) expect(storedEvidenceId(id)).toBe(id);
  for (const id of [...ids, ...others]) expect(evidenceIdOfStored(id)).toBe(id);
  const factor = { ...assessOwnRisk(base, DT_V1).factors[0], evidenceIds: [...ids, ...others] };
  const packed = JSON.parse(JSON.stringify(packFactor(factor)));
  expect(packed[6].slice(0, ids.length).every((s: string) => s.length === 24)).toBe(true);
  expect(factorPacker()(factor)).toEqual(packFactor(factor));
  expect(unpackFactor(packed)).toEqual(factor);
});
