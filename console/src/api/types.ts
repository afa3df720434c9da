// The shapes of the answers to console/src/api/queries.ts (hand-written; the queries are checked against
// the schema by test/unit/console-queries.test.ts).

export type Tier = "LOW" | "MEDIUM" | "HIGH" | "CRITICAL";
export type CountryClass = "EEA" | "ADEQUATE" | "THIRD_COUNTRY";
export type SupervisionStatus = "OK" | "DUE_SOON" | "OVERDUE" | "NEVER_SUPERVISED";

export interface Ref {
  id: string;
  name: string;
}

export interface Factor {
  key: string;
  label: string;
  input: string;
  weight: number;
  contribution: number;
  explanation: string;
  evidence: { id: string }[];
}

export interface Portfolio {
  riskOverview: {
    modelVersion: string;
    processors: number;
    neverSupervised: number;
    overdueSupervision: number;
    withoutAgreement: number;
    thirdCountryWithoutMechanism: number;
    openHighOrCriticalFindings: number;
    tiers: { tier: Tier; count: number }[];
    top: {
      score: number;
      tier: Tier;
      processor: Ref & { direct: boolean };
      factors: Pick<Factor, "key" | "label" | "contribution">[];
    }[];
    trend: { month: string; critical: number; high: number; medium: number; low: number }[];
  };
  supervisionSchedule: {
    status: SupervisionStatus;
    nextDueOn: string | null;
    daysUntilDue: number | null;
    processor: Ref;
  }[];
  pendingChangeNotices: {
    id: string;
    kind: string;
    state: string;
    deadline: string | null;
    daysLeft: number | null;
    processor: Ref;
    engagement: { subprocessor: Ref };
  }[];
}

export interface PortfolioTransfers {
  transferExposure: {
    processor: Ref;
    thirdCountryHops: number;
    hopsWithoutMechanism: number;
    agreementBreaches: number;
    hops: { depth: number; mechanism: string | null; worstClass: CountryClass | null; to: Ref }[];
    findings: { kind: string; depth: number; path: { id: string }[] }[];
  }[];
}

export interface Page<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: T }[];
}

export interface ProcessorRow {
  id: string;
  name: string;
  legalName: string | null;
  countryCode: string | null;
  direct: boolean;
  status: string;
  businessCriticality: string | null;
  businessOwnerName: string | null;
  tags: string[];
  subprocessorCount: number;
  risk: { score: number; tier: Tier; factors: { key: string; label: string }[] } | null;
  currentAgreement: { id: string } | null;
}

export interface FindingRow {
  id: string;
  severity: string;
  status: string;
  description: string;
  controlObjective: string | null;
  dueOn: string | null;
  overdue: boolean;
  owner: string | null;
  processor: Ref;
  auditReport: { title: string } | null;
}

export interface AuditTerms {
  methods: string[];
  intervalMonths: number | null;
  dueDay: string | null;
  noticeDays: number | null;
  paidBy: string | null;
}

export interface AgreementInForce {
  id: string;
  title: string;
  kind: string;
  template: string;
  status: string;
  signedOn: string | null;
  effectiveFrom: string | null;
  endOn: string | null;
  documentReference: string | null;
  governingLaw: string | null;
  venue: string | null;
  principal: Ref | null;
  breachNotificationHours: number | null;
  subprocessorAuthorization: string | null;
  subprocessorNoticeDays: number | null;
  objectionSuspendsChange: boolean | null;
  thirdCountryTransfers: string | null;
  processingLocations: { countries: string[]; description: string | null };
  endOfContractAction: string | null;
  retentionAfterEndDays: number | null;
  processorAudit: AuditTerms;
  subprocessorAudit: AuditTerms;
  purposes: string | null;
  nature: string | null;
  duration: string | null;
  dataSubjectVolume: string;
  processingNature: string[];
  sources: { clause: string; reference: string; note: string | null }[];
  dataCategories: { category: { key: string; name: string; sensitivity: string }; source: string | null }[];
  dataSubjectCategories: { category: { key: string; name: string; vulnerable: boolean }; source: string | null }[];
  requiredMeasures: { measure: { key: string; title: string }; clauseText: string | null; source: string | null }[];
}

export interface Assessment {
  score: number;
  tier: Tier;
  computedAt: string;
  modelVersion: string;
}

export interface Vendor {
  processor: {
    id: string;
    name: string;
    legalName: string | null;
    registrationNumber: string | null;
    registrationScheme: string | null;
    countryCode: string | null;
    address: string | null;
    website: string | null;
    contactEmail: string | null;
    serviceDescription: string | null;
    status: string;
    direct: boolean;
    source: string | null;
    dpfCertifiedSince: string | null;
    businessOwnerName: string | null;
    businessOwnerEmail: string | null;
    businessCriticality: string | null;
    contractStartOn: string | null;
    renewalOn: string | null;
    noticeOn: string | null;
    servicesProvided: string | null;
    tags: string[];
    internalNotes: string | null;
    upstream: { length: number; processors: Ref[] }[];
    risk: (Assessment & { ownScore: number; inherentPoints: number; minimumConcept: number; factors: Factor[] }) | null;
    riskHistory: Assessment[];
    currentAgreement: AgreementInForce | null;
    agreements: {
      id: string;
      title: string;
      kind: string;
      status: string;
      signedOn: string | null;
      effectiveFrom: string | null;
      endOn: string | null;
    }[];
  } | null;
  riskModels: { version: string; active: boolean; definition: string }[];
}

export interface Hop {
  depth: number;
  mechanism: string | null;
  worstClass: CountryClass | null;
  engagement: { id: string } | null;
  to: Ref;
  destinations: { country: string | null; countryClass: CountryClass; explanation: string }[];
  findings: { kind: string; message: string }[];
}

export interface TreeNode {
  depth: number;
  cycle: boolean;
  path: string[];
  processor: Ref & { countryCode: string | null };
  engagement: { id: string; status: string; countries: string[]; transferMechanism: string; purpose: string | null };
}

export interface VendorChain {
  processor: {
    id: string;
    name: string;
    subprocessorTree: TreeNode[];
    transferExposure: {
      worstClass: CountryClass | null;
      countries: string[];
      thirdCountryHops: number;
      hopsWithoutMechanism: number;
      agreementBreaches: number;
      hops: Hop[];
      findings: { kind: string; message: string; depth: number; country: string | null; path: Ref[] }[];
    };
  } | null;
}

export interface VendorSupervision {
  processor: {
    id: string;
    supervisionPlan: {
      status: SupervisionStatus;
      nextDueOn: string | null; // null: no due date by 9999-12-31
      daysUntilDue: number | null;
      startOn: string;
      intervalMonths: number;
      requiredIntervalMonths: number | null;
      requiredDueDay: string | null;
      requiredMethods: string[];
      chosenMethod: string | null;
      chosenMethodAllowed: boolean | null;
      lastSupervisedOn: string | null;
      owner: string | null;
      rationale: string | null;
      openFindings: number;
      unreviewedReports: number;
    } | null;
    auditReports: {
      id: string;
      title: string;
      type: string;
      reportKind: string | null;
      receivedOn: string;
      issuedOn: string | null;
      periodStart: string | null;
      periodEnd: string | null;
      asOfDate: string | null;
      auditor: string | null;
      opinion: string | null;
      awaitingReview: boolean;
      latestReview: { conclusion: string; reviewedOn: string; reviewer: string; remarks: string | null } | null;
    }[];
    findings: {
      id: string;
      severity: string;
      status: string;
      description: string;
      controlObjective: string | null;
      dueOn: string | null;
      overdue: boolean;
      owner: string | null;
      closedOn: string | null;
    }[];
    breachNotices: {
      id: string;
      title: string;
      becameAwareAt: string;
      notifiedAt: string;
      hoursToNotify: number;
      limitHours: number | null;
      notifiedLate: boolean | null;
    }[];
    changeNotices: {
      id: string;
      kind: string;
      state: string;
      receivedOn: string;
      deadline: string | null;
      daysLeft: number | null;
      decision: string;
      engagement: { subprocessor: Ref };
    }[];
    evidence: EvidenceFile[];
  } | null;
}

export interface EvidenceFile {
  id: string;
  title: string;
  kind: string;
  effectiveOn: string;
  fileName: string | null;
  mediaType: string | null;
  sizeBytes: number | null;
  sha256: string;
  storage: string;
  downloadPath: string | null;
  externalUri: string | null;
}

export interface ImportRow {
  id: string;
  status: string;
  createdAt: string;
  decidedAt: string | null;
  language: string;
  missing: string[];
  evidence: { fileName: string | null; sizeBytes: number | null };
  processor: Ref | null;
}

export interface Citation {
  reference: string;
  quote: string;
  start: number;
  end: number;
}

export interface Reading {
  /** Present once the schema gives readings a kind (issue 17's PLACEHOLDER, and any later one). */
  kind?: string | null;
  value: unknown;
  citations: Citation[];
}

export interface DraftField {
  path: string;
  value: unknown;
  extracted: unknown;
  corrected: boolean;
  confidence: number | null;
  note: string | null;
  citations: Citation[];
  readings: Reading[];
}

export interface ImportReview {
  agreementImport: {
    id: string;
    version: number;
    status: "DRAFT" | "CONFIRMED" | "DISCARDED";
    language: string;
    extractor: string;
    createdAt: string;
    decidedAt: string | null;
    missing: string[];
    documentText: string | null;
    evidence: {
      id: string;
      fileName: string | null;
      mediaType: string | null;
      sizeBytes: number | null;
      sha256: string;
      downloadPath: string | null;
    };
    agreement: { id: string; title: string } | null;
    processor: Ref | null;
    fields: DraftField[];
  } | null;
}

export interface ConfirmResult {
  agreement: { id: string; title: string; status: string; supersedes: { id: string; title: string } | null } | null;
  processor: Ref | null;
  createdProcessors: Ref[] | null;
  engagements: { id: string; subprocessor: Ref; countries: string[]; transferMechanism: string }[] | null;
  notes: string[] | null;
  userErrors: { field: string[] | null; code: string; message: string }[];
}

export interface ScheduleData {
  supervisionSchedule: {
    status: SupervisionStatus;
    nextDueOn: string | null; // null: no due date by 9999-12-31
    daysUntilDue: number | null;
    lastSupervisedOn: string | null;
    requiredMethods: string[];
    chosenMethod: string | null;
    owner: string | null;
    processor: Ref;
  }[];
  pendingChangeNotices: {
    id: string;
    version: number;
    kind: string;
    state: string;
    authorization: string;
    receivedOn: string;
    deadline: string | null;
    daysLeft: number | null;
    processor: Ref;
    engagement: { subprocessor: Ref; countries: string[]; transferMechanism: string; purpose: string | null };
    replaces: { subprocessor: Ref } | null;
  }[];
}

// --- Register import ---

export type RegisterRowAction = "CREATE" | "UPDATE" | "UNCHANGED" | "REJECTED";
export type RegisterSheetKind = "PROCESSORS" | "SUBPROCESSORS" | "AGREEMENTS";
export type RegisterImportStatus = "PLANNED" | "APPLIED" | "DISCARDED";

export interface RegisterImportSummary {
  id: string;
  status: RegisterImportStatus;
  fileName: string;
  format: string;
  encoding: string | null;
  delimiter: string | null;
  sizeBytes: number;
  createdAt: string;
  decidedAt: string | null;
  rowsRead: number;
  problemCount: number;
  counts: { create: number; update: number; unchanged: number; rejected: number };
}

export interface RegisterColumn {
  letter: string;
  heading: string;
  field: string | null;
  mappedBy: "HEADING" | "CORRECTION" | null;
}

export interface RegisterSheet {
  name: string;
  kind: RegisterSheetKind | null;
  headerRow: number | null;
  rowsRead: number;
  emptyRowsSkipped: number;
  columns: RegisterColumn[];
}

export interface RegisterProblem {
  sheet: string;
  row: number | null;
  column: string | null;
  heading: string | null;
  field: string | null;
  code: string;
  rule: string;
  severity: "ERROR" | "WARNING";
}

export interface RegisterRow {
  sheet: string;
  row: number;
  kind: RegisterSheetKind;
  action: RegisterRowAction;
  label: string;
  recordId: string | null;
  implicit: boolean;
  changes: { field: string; from: string | null; to: string | null }[];
}

export interface RegisterTemplateField {
  sheet: RegisterSheetKind;
  field: string;
  headingDa: string;
  headingEn: string;
  required: boolean;
  note: string;
}

export interface RegisterImportDetail extends RegisterImportSummary {
  version: number;
  sheets: RegisterSheet[];
  rows: RegisterRow[];
  problems: RegisterProblem[];
}
