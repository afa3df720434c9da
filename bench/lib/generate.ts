// Deterministic generator of one large controller portfolio for benchmarks. Pure: no database, no clock,
// no crypto. The same (seed, sizes, vocabulary) always yields the same rows, uuids included. Reference
// vocabularies are referred to by key (the global rows' ids differ between databases); dates are day
// offsets from sizes.asOf.

export interface PortfolioSizes {
  processors: number; // total processors (direct vendors + sub-processors)
  direct: number; // direct vendors
  edges: number; // sub-processor engagements, back edges included
  maxDepth: number; // levels of sub-processors below the direct vendors
  backEdges: number; // edges to an ancestor (cycles)
  hubs: number; // hosting providers named as such (the most shared sub-processors)
  activities: number; // processing activities
  asOf: string; // YYYY-MM-DD, the "today" that dates are relative to
}

export const DEFAULT_SIZES: PortfolioSizes = {
  processors: 10_000,
  direct: 2_000,
  edges: 50_000,
  maxDepth: 6,
  backEdges: 20,
  hubs: 20,
  activities: 10_000,
  asOf: new Date().toISOString().slice(0, 10),
};

export interface Vocabulary {
  dataCategories: { key: string; sensitivity: string }[];
  subjectCategories: { key: string }[];
  measures: { key: string }[];
}

export interface ProcessorRow {
  id: string;
  name: string;
  legal_name: string;
  country_code: string;
  direct: boolean;
  status: string;
  service_description: string;
  website: string;
  level: number;
}
export interface AgreementRow {
  id: string;
  processor_id: string;
  principal_id: string | null;
  supersedes_id: string | null;
  kind: string;
  template: string;
  status: string;
  title: string;
  signed_on: string;
  effective_from: string;
  breach_notification_hours: number | null;
  subprocessor_authorization: string | null;
  subprocessor_notice_days: number | null;
  third_country_transfers: string | null;
  processing_countries: string[];
  processor_audit_methods: string[];
  processor_audit_interval_months: number | null;
  processor_audit_due_day: string | null;
  data_subject_volume: string | null;
}
export interface AgreementLinkRow {
  id: string;
  agreement_id: string;
  key: string;
}
export interface EngagementRow {
  id: string;
  processor_id: string;
  subprocessor_id: string;
  agreement_id: string | null;
  purpose: string;
  countries: string[];
  transfer_mechanism: string;
  status: string;
  approved_on: string | null;
  removed_on: string | null;
}
export interface ProcessorMeasureRow {
  id: string;
  processor_id: string;
  key: string;
  status: string;
  evidence: string | null;
  verified_on: string | null;
}
export interface AuditReportRow {
  id: string;
  processor_id: string;
  agreement_id: string | null;
  type: string;
  title: string;
  assurance: string | null;
  report_kind: string | null;
  period_start: string | null;
  period_end: string | null;
  issued_on: string;
  received_on: string;
  auditor: string;
  opinion: string | null;
}
export interface AuditReviewRow {
  id: string;
  audit_report_id: string;
  reviewer: string;
  reviewed_on: string;
  conclusion: string;
  remarks: string | null;
}
export interface AuditFindingRow {
  id: string;
  processor_id: string;
  audit_report_id: string;
  source: string;
  description: string;
  severity: string;
  status: string;
  due_on: string | null;
  closed_on: string | null;
  closing_note: string | null;
}
export interface ActivityRow {
  id: string;
  name: string;
  purposes: string;
  legal_basis: string;
  special_category_condition: string | null;
  retention: string;
  dpia_status: string;
  tom_description: string;
}
export interface ActivityLinkRow {
  id: string;
  activity_id: string;
  processor_id?: string;
  key?: string;
}

export interface Portfolio {
  processors: ProcessorRow[];
  agreements: AgreementRow[]; // SUPERSEDED versions come before the ACTIVE ones that supersede them
  agreementDataCategories: AgreementLinkRow[];
  agreementSubjectCategories: AgreementLinkRow[];
  agreementRequiredMeasures: AgreementLinkRow[];
  engagements: EngagementRow[];
  processorMeasures: ProcessorMeasureRow[];
  auditReports: AuditReportRow[];
  auditReviews: AuditReviewRow[];
  auditFindings: AuditFindingRow[];
  activities: ActivityRow[];
  activityProcessors: ActivityLinkRow[];
  activityDataCategories: ActivityLinkRow[];
  activitySubjectCategories: ActivityLinkRow[];
  stats: {
    levels: number[];
    maxFanIn: number;
    thirdCountryEdges: number;
    unknownMechanismThirdCountryEdges: number;
    backEdges: number;
  };
}

/** mulberry32: small, fast, good enough for test data. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EEA = [
  "DK",
  "DK",
  "DK",
  "SE",
  "DE",
  "DE",
  "NL",
  "IE",
  "IE",
  "FI",
  "FR",
  "NO",
  "PL",
  "BE",
  "AT",
  "ES",
  "IT",
  "EE",
  "LT",
  "IS",
];
const THIRD = ["US", "US", "US", "GB", "CH", "IN", "UA", "CA", "JP", "BR", "PH", "RS", "CN"];
const ADEQUATE = new Set(["GB", "CH", "CA", "JP"]);

export function generatePortfolio(seed: number, sizes: PortfolioSizes, vocab: Vocabulary): Portfolio {
  const rnd = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1)); // inclusive
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const chance = (p: number) => rnd() < p;
  const weighted = <T>(pairs: readonly (readonly [T, number])[]): T => {
    const total = pairs.reduce((s, [, w]) => s + w, 0);
    let r = rnd() * total;
    for (const [v, w] of pairs) if ((r -= w) < 0) return v;
    return pairs[pairs.length - 1][0];
  };
  const sample = <T>(xs: readonly T[], n: number): T[] => {
    const copy = xs.slice();
    const out: T[] = [];
    for (let i = 0; i < n && copy.length; i++) out.push(copy.splice(Math.floor(rnd() * copy.length), 1)[0]);
    return out;
  };
  const hex = (n: number) =>
    Math.floor(rnd() * 16 ** n)
      .toString(16)
      .padStart(n, "0");
  const uuid = () => {
    const variant = (8 + Math.floor(rnd() * 4)).toString(16);
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(6)}${hex(6)}`;
  };
  const asOf = Date.parse(`${sizes.asOf}T00:00:00Z`);
  const daysAgo = (d: number) => new Date(asOf - d * 86_400_000).toISOString().slice(0, 10);
  const pad = (n: number, w: number) => String(n).padStart(w, "0");

  // ---- processors and levels ----
  const subs = sizes.processors - sizes.direct;
  // Sub-processors per level 1..maxDepth, geometrically fewer the deeper (ratio 0.6).
  const ratios = Array.from({ length: sizes.maxDepth }, (_, i) => 0.6 ** i);
  const ratioSum = ratios.reduce((a, b) => a + b, 0);
  const perLevel = ratios.map((r) => Math.max(1, Math.floor((subs * r) / ratioSum)));
  perLevel[0] += subs - perLevel.reduce((a, b) => a + b, 0);
  const levelStart: number[] = []; // index range in `processors` per level (0 = direct vendors)
  const levelEnd: number[] = [];
  levelStart[0] = 0;
  levelEnd[0] = sizes.direct;
  for (let l = 1; l <= sizes.maxDepth; l++) {
    levelStart[l] = levelEnd[l - 1];
    levelEnd[l] = levelStart[l] + perLevel[l - 1];
  }

  const processors: ProcessorRow[] = [];
  for (let i = 0; i < sizes.processors; i++) {
    const direct = i < sizes.direct;
    const level = direct ? 0 : levelStart.findIndex((s, l) => i >= s && i < levelEnd[l]);
    const hub = !direct && i - sizes.direct < sizes.hubs;
    const name = direct
      ? `Vendor ${pad(i + 1, 5)}`
      : hub
        ? `Hosting ${pad(i - sizes.direct + 1, 3)}`
        : `Sub ${pad(i - sizes.direct + 1, 5)}`;
    const country = hub ? pick(["IE", "DE", "NL", "US", "SE"]) : chance(0.1) ? pick(THIRD) : pick(EEA);
    processors.push({
      id: uuid(),
      name,
      legal_name: `${name} ${pick(["ApS", "A/S", "GmbH", "AB", "B.V.", "Ltd", "Inc.", "Oy"])}`,
      country_code: country,
      direct,
      status: weighted([
        ["ACTIVE", 94],
        ["ONBOARDING", 3],
        ["OFFBOARDING", 2],
        ["TERMINATED", 1],
      ] as const),
      service_description: hub
        ? "Cloud hosting and infrastructure"
        : pick([
            "SaaS platform",
            "Payroll",
            "CRM",
            "E-mail delivery",
            "Support desk",
            "Analytics",
            "Backup",
            "Payments",
            "IT operations",
            "Recruitment",
          ]),
      website: `https://${name.toLowerCase().replace(/ /g, "-")}.example`,
      level,
    });
  }

  // ---- sub-processor graph ----
  // Power-law popularity: weight 1/(rank+1)^1.1 over sub-processors, hubs first (rank 0 = most shared).
  const cum = new Float64Array(subs + 1);
  for (let r = 0; r < subs; r++) cum[r + 1] = cum[r] + 1 / (r + 1) ** 1.1;
  const zipfChild = (fromLevel: number) => {
    // A child strictly deeper than its parent, so the graph stays acyclic with depth ≤ maxDepth.
    const lo = cum[levelStart[fromLevel + 1] - sizes.direct];
    const hi = cum[subs];
    const x = lo + rnd() * (hi - lo);
    let a = levelStart[fromLevel + 1] - sizes.direct,
      b = subs - 1;
    while (a < b) {
      const m = (a + b) >> 1;
      if (cum[m + 1] > x) b = m;
      else a = m + 1;
    }
    return sizes.direct + a;
  };
  const edgeKeys = new Set<string>();
  const edgePairs: [number, number][] = [];
  const treeParent = new Int32Array(sizes.processors).fill(-1);
  const addEdge = (p: number, c: number) => {
    const k = `${p}:${c}`;
    if (p === c || edgeKeys.has(k)) return false;
    edgeKeys.add(k);
    edgePairs.push([p, c]);
    return true;
  };
  // 1. Every sub-processor hangs below one processor of the level above (this fixes its depth).
  for (let l = 1; l <= sizes.maxDepth; l++) {
    for (let c = levelStart[l]; c < levelEnd[l]; c++) {
      const p = int(levelStart[l - 1], levelEnd[l - 1] - 1);
      treeParent[c] = p;
      addEdge(p, c);
    }
  }
  // 2. The rest: parents mostly direct vendors, children by power law.
  const parentLevelWeights = Array.from({ length: sizes.maxDepth }, (_, l) => [l, 0.5 ** l] as const);
  while (edgePairs.length < sizes.edges - sizes.backEdges) {
    const l = weighted(parentLevelWeights);
    const p = int(levelStart[l], levelEnd[l] - 1);
    addEdge(p, zipfChild(l));
  }
  // 3. Back edges: a deep processor engages one of its own ancestors (a cycle).
  let backEdges = 0;
  for (let guard = 0; backEdges < sizes.backEdges && guard < 100_000; guard++) {
    const c = int(levelStart[Math.min(3, sizes.maxDepth)], sizes.processors - 1);
    const ancestors: number[] = [];
    // sub-processor ancestors only
    for (let a = treeParent[c]; a >= 0 && treeParent[a] >= 0; a = treeParent[a]) ancestors.push(a);
    if (ancestors.length < 2) continue;
    if (addEdge(c, pick(ancestors.slice(1)))) backEdges++;
  }

  // ---- agreements ----
  const agreements: AgreementRow[] = [];
  const activeAgreement = new Map<number, AgreementRow>(); // processor index → ACTIVE agreement
  const supersededRows: AgreementRow[] = [];
  const agreementDataCategories: AgreementLinkRow[] = [];
  const agreementSubjectCategories: AgreementLinkRow[] = [];
  const agreementRequiredMeasures: AgreementLinkRow[] = [];
  const processorMeasures: ProcessorMeasureRow[] = [];
  const tiers = [...new Set(vocab.dataCategories.map((c) => c.sensitivity))].sort();
  const byTier = new Map(
    tiers.map((t) => [t, vocab.dataCategories.filter((c) => c.sensitivity === t).map((c) => c.key)]),
  );
  const tierWeight = (t: string) => (t === "ORDINARY" ? 70 : t === "CONFIDENTIAL" ? 15 : t === "SPECIAL" ? 8 : 4);
  const pickCategories = (n: number) => {
    const keys = new Set<string>();
    for (let guard = 0; keys.size < n && guard < 50; guard++)
      keys.add(pick(byTier.get(weighted(tiers.map((t) => [t, tierWeight(t)] as const)))!));
    return [...keys];
  };
  const methods = [
    "WRITTEN_CONFIRMATION",
    "SELF_CONTROL_REPORT",
    "CERTIFICATION",
    "ISAE_3000",
    "ISAE_3402",
    "SOC_2",
    "INTERNAL_AUDIT",
    "WRITTEN_SUPERVISION",
    "PHYSICAL_INSPECTION",
  ];
  const makeAgreement = (pi: number, status: string, ageDays: number, supersedes: string | null): AgreementRow => {
    const p = processors[pi];
    const kind = p.direct ? "DPA" : "SUBPROCESSOR_AGREEMENT";
    const auth = weighted([
      ["GENERAL", 70],
      ["SPECIFIC", 25],
      [null, 5],
    ] as const);
    const transfers = weighted([
      ["PROHIBITED", 35],
      ["ALLOWED_WITH_SAFEGUARDS", 50],
      ["ALLOWED", 5],
      [null, 10],
    ] as const);
    const countries = [
      ...new Set([
        p.country_code,
        ...sample(EEA, int(0, 2)),
        ...(transfers && transfers !== "PROHIBITED" && chance(0.3) ? [pick(THIRD)] : []),
      ]),
    ];
    return {
      id: uuid(),
      processor_id: p.id,
      principal_id: p.direct ? null : processors[treeParent[pi]].id,
      supersedes_id: supersedes,
      kind,
      template: weighted([
        ["DATATILSYNET_SCC", 50],
        ["EU_SCC_2021_915", 15],
        ["VENDOR_OWN", 30],
        ["OTHER", 5],
      ] as const),
      status,
      title:
        `${kind === "DPA" ? "Data processing agreement" : "Sub-processor agreement"} – ${p.name}` +
        (status === "SUPERSEDED" ? " (previous)" : ""),
      signed_on: daysAgo(ageDays),
      effective_from: daysAgo(ageDays - 1),
      breach_notification_hours: weighted([
        [24, 30],
        [36, 15],
        [48, 25],
        [72, 20],
        [null, 10],
      ] as const),
      subprocessor_authorization: auth,
      subprocessor_notice_days:
        auth === "GENERAL"
          ? weighted([
              [14, 20],
              [30, 50],
              [60, 15],
              [null, 15],
            ] as const)
          : null,
      third_country_transfers: transfers,
      processing_countries: countries,
      processor_audit_methods: chance(0.1) ? [] : sample(methods, int(1, 2)),
      processor_audit_interval_months: weighted([
        [12, 60],
        [24, 20],
        [36, 10],
        [null, 10],
      ] as const),
      processor_audit_due_day: chance(0.6) ? `${pad(int(1, 12), 2)}-${pad(int(1, 28), 2)}` : null,
      data_subject_volume: weighted([
        ["UNDER_1000", 25],
        ["FROM_1000_TO_10000", 35],
        ["OVER_10000", 30],
        ["UNKNOWN", 10],
      ] as const),
    };
  };
  for (let pi = 0; pi < sizes.processors; pi++) {
    if (!processors[pi].direct && !chance(0.3)) continue;
    let supersedes: string | null = null;
    const age = int(30, 1500);
    if (chance(0.1)) {
      const old = makeAgreement(pi, "SUPERSEDED", age + int(200, 1200), null);
      supersededRows.push(old);
      supersedes = old.id;
    }
    const a = makeAgreement(pi, "ACTIVE", age, supersedes);
    activeAgreement.set(pi, a);
    agreements.push(a);
  }
  agreements.unshift(...supersededRows);
  for (const a of agreements) {
    for (const key of pickCategories(int(1, 6))) agreementDataCategories.push({ id: uuid(), agreement_id: a.id, key });
    for (const s of sample(vocab.subjectCategories, int(1, 3)))
      agreementSubjectCategories.push({ id: uuid(), agreement_id: a.id, key: s.key });
    for (const m of sample(vocab.measures, int(2, 8)))
      agreementRequiredMeasures.push({ id: uuid(), agreement_id: a.id, key: m.key });
  }
  // Measure statuses: for the required measures of each ACTIVE agreement, plus a few unrequired ones.
  const requiredByAgreement = new Map<string, string[]>();
  for (const r of agreementRequiredMeasures)
    (requiredByAgreement.get(r.agreement_id) ?? requiredByAgreement.set(r.agreement_id, []).get(r.agreement_id)!).push(
      r.key,
    );
  for (const [pi, a] of activeAgreement) {
    const keys = new Set(requiredByAgreement.get(a.id) ?? []);
    if (chance(0.3)) for (const m of sample(vocab.measures, int(1, 3))) keys.add(m.key);
    for (const key of keys) {
      if (chance(0.1)) continue; // no status recorded at all
      const status = weighted([
        ["IMPLEMENTED", 70],
        ["PARTIAL", 12],
        ["NOT_IMPLEMENTED", 6],
        ["UNKNOWN", 12],
      ] as const);
      processorMeasures.push({
        id: uuid(),
        processor_id: processors[pi].id,
        key,
        status,
        evidence: status === "IMPLEMENTED" && chance(0.5) ? "Confirmed in audit report" : null,
        verified_on: status === "UNKNOWN" ? null : daysAgo(int(0, 900)),
      });
    }
  }

  // ---- engagements ----
  const engagements: EngagementRow[] = [];
  let thirdCountryEdges = 0,
    unknownMechanismThirdCountryEdges = 0;
  const fanIn = new Int32Array(sizes.processors);
  for (const [p, c] of edgePairs) {
    fanIn[c]++;
    let countries: string[];
    let mechanism: string;
    if (chance(0.1)) {
      const third = pick(THIRD);
      countries = chance(0.5) ? [pick(EEA), third] : [third];
      mechanism = ADEQUATE.has(third)
        ? weighted([
            ["ADEQUACY", 70],
            ["SCC", 20],
            ["UNKNOWN", 10],
          ] as const)
        : third === "US"
          ? weighted([
              ["DPF", 40],
              ["SCC", 35],
              ["BCR", 5],
              ["UNKNOWN", 20],
            ] as const)
          : weighted([
              ["SCC", 50],
              ["BCR", 10],
              ["DEROGATION", 10],
              ["UNKNOWN", 20],
              ["NOT_NEEDED_EEA", 10],
            ] as const); // the last one is wrong on purpose
      thirdCountryEdges++;
      if (
        mechanism === "UNKNOWN" ||
        mechanism === "NOT_NEEDED_EEA" ||
        (mechanism === "ADEQUACY" && !ADEQUATE.has(third))
      )
        unknownMechanismThirdCountryEdges++;
    } else {
      countries = [...new Set([pick(EEA), ...(chance(0.2) ? [pick(EEA)] : [])])];
      mechanism = chance(0.97) ? "NOT_NEEDED_EEA" : "UNKNOWN";
    }
    const status = weighted([
      ["APPROVED", 93],
      ["PROPOSED", 3],
      ["OBJECTED", 1],
      ["REMOVED", 3],
    ] as const);
    const approvedAgo = int(30, 1500);
    engagements.push({
      id: uuid(),
      processor_id: processors[p].id,
      subprocessor_id: processors[c].id,
      agreement_id: activeAgreement.get(p)?.id ?? null,
      purpose: pick([
        "Hosting",
        "Backup",
        "E-mail delivery",
        "Support",
        "Monitoring",
        "Payment processing",
        "Storage",
        "Analytics",
      ]),
      countries,
      transfer_mechanism: mechanism,
      status,
      approved_on: status === "APPROVED" || status === "REMOVED" ? daysAgo(approvedAgo) : null,
      removed_on: status === "REMOVED" ? daysAgo(int(0, approvedAgo - 1)) : null,
    });
  }

  // ---- audit reports, reviews, findings (≈60 % of direct vendors) ----
  const auditReports: AuditReportRow[] = [];
  const auditReviews: AuditReviewRow[] = [];
  const auditFindings: AuditFindingRow[] = [];
  const reportTypes = [
    "ISAE_3000",
    "ISAE_3402",
    "SOC_2",
    "SELF_CONTROL_REPORT",
    "PHYSICAL_INSPECTION",
    "WRITTEN_SUPERVISION",
    "CERTIFICATION",
  ] as const;
  for (let pi = 0; pi < sizes.direct; pi++) {
    if (!chance(0.6)) continue;
    const n = weighted([
      [1, 50],
      [2, 35],
      [3, 15],
    ] as const);
    for (let k = 0; k < n; k++) {
      const type = weighted(reportTypes.map((t, i) => [t, [25, 15, 15, 20, 5, 10, 10][i]] as const));
      const received = int(0, 3 * 365 - 1);
      const assured = type === "ISAE_3000" || type === "ISAE_3402" || type === "SOC_2";
      const periodEnd = received + int(20, 90);
      const report: AuditReportRow = {
        id: uuid(),
        processor_id: processors[pi].id,
        agreement_id: activeAgreement.get(pi)?.id ?? null,
        type,
        title: `${type.replace(/_/g, " ")} report ${k + 1} – ${processors[pi].name}`,
        assurance: assured
          ? weighted([
              ["REASONABLE", 80],
              ["LIMITED", 20],
            ] as const)
          : null,
        report_kind: assured
          ? weighted([
              ["TYPE_2", 75],
              ["TYPE_1", 25],
            ] as const)
          : null,
        period_start: assured ? daysAgo(periodEnd + 365) : null,
        period_end: assured ? daysAgo(periodEnd) : null,
        issued_on: daysAgo(received + int(1, 15)),
        received_on: daysAgo(received),
        auditor: pick(["Auditor One", "Auditor Two", "Auditor Three", "Auditor Four", "In-house"]),
        opinion: weighted([
          ["UNQUALIFIED", 70],
          ["QUALIFIED", 15],
          ["ADVERSE", 3],
          ["DISCLAIMER", 2],
          ["NOT_APPLICABLE", 5],
          [null, 5],
        ] as const),
      };
      auditReports.push(report);
      if (chance(0.8)) {
        const conclusion =
          report.opinion === "ADVERSE"
            ? "REJECTED"
            : weighted([
                ["ACCEPTED", 70],
                ["ACCEPTED_WITH_FOLLOW_UP", 25],
                ["REJECTED", 5],
              ] as const);
        auditReviews.push({
          id: uuid(),
          audit_report_id: report.id,
          reviewer: pick(["DPO", "Security officer", "Compliance"]),
          reviewed_on: daysAgo(Math.max(0, received - int(1, 60))),
          conclusion,
          remarks: conclusion === "ACCEPTED" ? null : "Follow up on exceptions",
        });
      }
      if (chance(0.3)) {
        for (let f = int(1, 4); f > 0; f--) {
          const status = weighted([
            ["OPEN", 45],
            ["IN_PROGRESS", 20],
            ["CLOSED", 35],
          ] as const);
          auditFindings.push({
            id: uuid(),
            processor_id: report.processor_id,
            audit_report_id: report.id,
            source: chance(0.8) ? "REPORT" : "CONTROLLER_REVIEW",
            description: pick([
              "Access reviews not performed",
              "Backup restore not tested",
              "Logging incomplete",
              "Change management exception",
              "Encryption key rotation overdue",
              "Vendor assessment missing",
            ]),
            severity: weighted([
              ["LOW", 35],
              ["MEDIUM", 35],
              ["HIGH", 20],
              ["CRITICAL", 10],
            ] as const),
            status,
            due_on: chance(0.8) ? daysAgo(received - int(30, 180)) : null,
            closed_on: status === "CLOSED" ? daysAgo(Math.max(0, received - int(10, 200))) : null,
            closing_note:
              status === "CLOSED"
                ? pick(["Remediated and verified", "Accepted risk", "Verified in follow-up report"])
                : null,
          });
        }
      }
    }
  }

  // ---- processing activities ----
  const activities: ActivityRow[] = [];
  const activityProcessors: ActivityLinkRow[] = [];
  const activityDataCategories: ActivityLinkRow[] = [];
  const activitySubjectCategories: ActivityLinkRow[] = [];
  const specialKeys = new Set(vocab.dataCategories.filter((c) => c.sensitivity === "SPECIAL").map((c) => c.key));
  for (let i = 0; i < sizes.activities; i++) {
    const id = uuid();
    const cats = pickCategories(int(1, 5));
    const special = cats.some((k) => specialKeys.has(k));
    activities.push({
      id,
      name: `Activity ${pad(i + 1, 5)}`,
      purposes:
        pick([
          "Payroll",
          "Customer service",
          "Marketing",
          "Recruitment",
          "Accounting",
          "IT security",
          "Patient journal",
          "Newsletter",
        ]) + ` ${i + 1}`,
      legal_basis: weighted([
        ["CONTRACT", 40],
        ["LEGAL_OBLIGATION", 20],
        ["LEGITIMATE_INTERESTS", 20],
        ["CONSENT", 12],
        ["PUBLIC_TASK", 6],
        ["VITAL_INTERESTS", 2],
      ] as const),
      special_category_condition: special
        ? pick(["EXPLICIT_CONSENT", "EMPLOYMENT_SOCIAL_SECURITY", "HEALTH_OR_SOCIAL_CARE", "LEGAL_CLAIMS"])
        : null,
      retention: pick(["1 year", "3 years", "5 years", "Until the end of the contract", "10 years"]),
      dpia_status: special
        ? weighted([
            ["DONE", 60],
            ["IN_PROGRESS", 20],
            ["REQUIRED", 20],
          ] as const)
        : weighted([
            ["NOT_REQUIRED", 85],
            ["DONE", 15],
          ] as const),
      tom_description: "Access control, encryption in transit and at rest, logging",
    });
    const vendors = new Set<number>();
    for (let n = int(1, 3); vendors.size < n;) vendors.add(int(0, sizes.direct - 1));
    for (const v of vendors) activityProcessors.push({ id: uuid(), activity_id: id, processor_id: processors[v].id });
    for (const key of cats) activityDataCategories.push({ id: uuid(), activity_id: id, key });
    for (const s of sample(vocab.subjectCategories, int(1, 3)))
      activitySubjectCategories.push({ id: uuid(), activity_id: id, key: s.key });
  }

  return {
    processors,
    agreements,
    agreementDataCategories,
    agreementSubjectCategories,
    agreementRequiredMeasures,
    engagements,
    processorMeasures,
    auditReports,
    auditReviews,
    auditFindings,
    activities,
    activityProcessors,
    activityDataCategories,
    activitySubjectCategories,
    stats: {
      levels: [sizes.direct, ...perLevel],
      maxFanIn: Math.max(...fanIn),
      thirdCountryEdges,
      unknownMechanismThirdCountryEdges,
      backEdges,
    },
  };
}
