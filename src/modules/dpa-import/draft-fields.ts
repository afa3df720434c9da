// Pure: the draft of an imported DPA as a flat list of reviewable fields (path, value, citations,
// confidence, readings), the reviewer's corrections checked per field, and the values a
// confirmation writes. No database.
import { withinChars } from "../../common/text-length";
import { isValidDueDay } from "../../common/dates";
import {
  AgreementKind,
  AgreementTemplate,
  AuditCostBearer,
  EndOfContractAction,
  SubprocessorAuthorization,
  SupervisionMethod,
  ThirdCountryTransfers,
} from "../agreements/agreement.enums";
import { RegistrationScheme } from "../processors/processor.entity";
import { TransferMechanism } from "../subprocessors/engagement.entity";
import type { AgreementDraft, Citation, Extracted, Reading } from "./draft.types";

type Check = (value: unknown) => string | null;

const oneOf =
  (values: object): Check =>
  (v) =>
    typeof v === "string" && Object.values(values).includes(v)
      ? null
      : `must be one of ${Object.values(values).join(", ")}`;
const intIn =
  (min: number, max: number): Check =>
  (v) =>
    Number.isInteger(v) && (v as number) >= min && (v as number) <= max
      ? null
      : `must be a whole number from ${min} to ${max}`;
const text =
  (max: number): Check =>
  (v) =>
    typeof v === "string" && v.trim() !== "" && withinChars(v, max)
      ? null
      : `must be non-empty text of at most ${max} characters`;
const bool: Check = (v) => (typeof v === "boolean" ? null : "must be true or false");
const country: Check = (v) =>
  typeof v === "string" && /^[A-Z]{2}$/.test(v) ? null : "must be an ISO 3166-1 alpha-2 code such as DK";
const dueDay: Check = (v) =>
  typeof v === "string" && isValidDueDay(v) ? null : "must be a day of the year written MM-DD, e.g. 01-01";
/**
 * Most items a list field of a draft takes (a correction, or a confirmation of what a document yielded): a
 * confirmation registers and engages each sub-processor in its one transaction, and 80,000 fit in a 1 MB request.
 */
export const MAX_DRAFT_LIST = 1000;

const listOf =
  (item: Check, what: string): Check =>
  (v) => {
    if (!Array.isArray(v)) return `must be a list of ${what}`;
    if (v.length > MAX_DRAFT_LIST) return `must list at most ${MAX_DRAFT_LIST} ${what} (it lists ${v.length})`;
    for (const [i, x] of v.entries()) {
      const problem = item(x);
      if (problem) return `item ${i} ${problem}`;
    }
    return null;
  };
const key: Check = (v) =>
  typeof v === "string" && /^[a-z0-9_.]{1,100}$/.test(v) ? null : "must be a vocabulary key such as user.contact.email";
const measure: Check = (v) => {
  const m = v as { key?: unknown; text?: unknown } | null;
  if (!m || typeof m !== "object") return "must be an object { key, text }";
  if (m.key !== null && key(m.key)) return "key must be a TOM catalogue key or null";
  return text(5000)(m.text);
};
/** A sub-processor's optional texts and their longest lengths (a processor's; the description is cut to 2,000). */
const SUBPROCESSOR_TEXTS: [string, number][] = [
  ["legalName", 300],
  ["registrationNumber", 50],
  ["address", 1000],
  ["description", 20000],
];
const subprocessor: Check = (v) => {
  const s = v as Record<string, unknown> | null;
  if (!s || typeof s !== "object")
    return "must be an object { name, registrationNumber, address, countryCode, description, transferMechanism }";
  const name = text(200)(s.name);
  if (name) return `name ${name}`;
  // Every text of the shape is checked, not only the name: a list as registrationNumber was taken here and the
  // confirmation then failed as INTERNAL.
  for (const [field, max] of SUBPROCESSOR_TEXTS) {
    const problem = s[field] == null ? null : text(max)(s[field]);
    if (problem) return `${field} ${problem} or null`;
  }
  if (s.countryCode != null && country(s.countryCode)) return "countryCode must be an ISO 3166-1 alpha-2 code";
  if (s.transferMechanism != null && oneOf(TransferMechanism)(s.transferMechanism))
    return `transferMechanism ${oneOf(TransferMechanism)(s.transferMechanism)}`;
  if (s.registrationScheme != null && oneOf(RegistrationScheme)(s.registrationScheme))
    return `registrationScheme ${oneOf(RegistrationScheme)(s.registrationScheme)}`;
  return null;
};

/** One reviewable value of the draft. */
export interface DraftFieldView {
  path: string;
  /** The value a confirmation writes: the reviewer's correction, else the draft's proposal. */
  value: unknown;
  /** What the document yielded (null when it did not). */
  extracted: unknown;
  corrected: boolean;
  confidence: number | null;
  citations: Citation[];
  /** Every reading when the document contradicts itself. */
  readings: Reading<unknown>[];
  note: string | null;
}

interface FieldSpec {
  path: string;
  check: Check;
  read: (d: AgreementDraft) =>
    | Extracted<unknown>
    | null
    | {
        value: unknown;
        citations: Citation[];
        confidence: number | null;
        readings?: Reading<unknown>[];
        note?: string;
      };
}

const AUDIT_FIELDS = (who: "processorAudit" | "subprocessorAudit"): FieldSpec[] => [
  {
    path: `clauses.${who}.methods`,
    check: listOf(oneOf(SupervisionMethod), "supervision methods"),
    read: (d) => d.clauses[who].methods,
  },
  { path: `clauses.${who}.intervalMonths`, check: intIn(1, 120), read: (d) => d.clauses[who].intervalMonths },
  { path: `clauses.${who}.dueDay`, check: dueDay, read: (d) => d.clauses[who].dueDay },
  { path: `clauses.${who}.noticeDays`, check: intIn(0, 365), read: (d) => d.clauses[who].noticeDays },
  { path: `clauses.${who}.paidBy`, check: oneOf(AuditCostBearer), read: (d) => d.clauses[who].paidBy },
];

/** A list field: one value made of the items, with every item's citations. */
function listField<T>(items: Extracted<T>[], value: (x: T) => unknown) {
  return {
    value: items.map((x) => value(x.value)),
    citations: items.flatMap((x) => x.citations),
    confidence: items.length ? Math.min(...items.map((x) => x.confidence)) : null,
  };
}

const PARTY_ROLES = ["CONTROLLER", "PROCESSOR", "SUBPROCESSOR"] as const;
const partyOf = (d: AgreementDraft, role: string) => d.parties.find((p) => p.role === role);

/** Every field a confirmation uses, in the order a reviewer reads a DPA. */
export const FIELD_SPECS: FieldSpec[] = [
  { path: "kind", check: oneOf(AgreementKind), read: (d) => d.kind },
  { path: "title", check: text(300), read: (d) => d.title },
  {
    path: "template",
    check: oneOf(AgreementTemplate),
    read: (d) => ({ value: d.template, citations: [], confidence: null }),
  },
  ...PARTY_ROLES.flatMap((role): FieldSpec[] => [
    { path: `parties.${role}.name`, check: text(200), read: (d) => partyOf(d, role)?.name ?? null },
    {
      path: `parties.${role}.registrationNumber`,
      check: text(50),
      read: (d) => partyOf(d, role)?.registrationNumber ?? null,
    },
    {
      path: `parties.${role}.registrationScheme`,
      check: oneOf(RegistrationScheme),
      read: (d) =>
        partyOf(d, role)?.registrationScheme
          ? { value: partyOf(d, role)!.registrationScheme, citations: [], confidence: null }
          : null,
    },
    { path: `parties.${role}.address`, check: text(500), read: (d) => partyOf(d, role)?.address ?? null },
    {
      path: `parties.${role}.countryCode`,
      check: country,
      read: (d) =>
        partyOf(d, role)?.countryCode
          ? { value: partyOf(d, role)!.countryCode, citations: [], confidence: null }
          : null,
    },
  ]),
  { path: "clauses.breachNotificationHours", check: intIn(0, 8760), read: (d) => d.clauses.breachNotificationHours },
  {
    path: "clauses.subprocessorAuthorization",
    check: oneOf(SubprocessorAuthorization),
    read: (d) => d.clauses.subprocessorAuthorization,
  },
  { path: "clauses.subprocessorNoticeDays", check: intIn(0, 365), read: (d) => d.clauses.subprocessorNoticeDays },
  { path: "clauses.objectionSuspendsChange", check: bool, read: (d) => d.clauses.objectionSuspendsChange },
  {
    path: "clauses.thirdCountryTransfers",
    check: oneOf(ThirdCountryTransfers),
    read: (d) => d.clauses.thirdCountryTransfers,
  },
  {
    path: "clauses.processingCountries",
    check: listOf(country, "country codes"),
    read: (d) => d.clauses.processingCountries,
  },
  { path: "clauses.processingLocationsText", check: text(5000), read: (d) => d.clauses.processingLocationsText },
  {
    path: "clauses.endOfContractAction",
    check: oneOf(EndOfContractAction),
    read: (d) => d.clauses.endOfContractAction,
  },
  { path: "clauses.retentionAfterEndDays", check: intIn(0, 3650), read: (d) => d.clauses.retentionAfterEndDays },
  ...AUDIT_FIELDS("processorAudit"),
  ...AUDIT_FIELDS("subprocessorAudit"),
  { path: "clauses.purposes", check: text(20000), read: (d) => d.clauses.purposes },
  { path: "clauses.nature", check: text(20000), read: (d) => d.clauses.nature },
  { path: "clauses.duration", check: text(5000), read: (d) => d.clauses.duration },
  {
    path: "dataCategories",
    check: listOf(key, "data category keys"),
    read: (d) => listField(d.dataCategories, (c) => c.key),
  },
  {
    path: "dataSubjectCategories",
    check: listOf(key, "data subject category keys"),
    read: (d) => listField(d.dataSubjectCategories, (k) => k),
  },
  {
    path: "subprocessors",
    check: listOf(subprocessor, "sub-processors"),
    read: (d) => listField(d.subprocessors, (s) => s),
  },
  { path: "measures", check: listOf(measure, "measures"), read: (d) => listField(d.measures, (m) => m) },
];

const SPEC_BY_PATH = new Map(FIELD_SPECS.map((s) => [s.path, s]));

/** Paths whose placeholder readings show on a field: a party's name, number and address, clauses, sub-processors. */
const placeholderReadings = (draft: AgreementDraft, path: string): Reading<unknown>[] =>
  (draft.placeholders ?? [])
    .filter((p) => p.path === path)
    .map((p) => ({ kind: "PLACEHOLDER" as const, value: null, citations: p.citations }));

export function draftFields(draft: AgreementDraft, corrections: Record<string, unknown>): DraftFieldView[] {
  return FIELD_SPECS.map((spec) => {
    const found = spec.read(draft);
    const corrected = Object.prototype.hasOwnProperty.call(corrections, spec.path);
    const unfilled = placeholderReadings(draft, spec.path);
    const readings = [
      ...((found && "readings" in found ? found.readings : undefined) ?? []).map((r) => ({
        ...r,
        kind: r.kind ?? "VALUE",
      })),
      ...unfilled,
    ];
    return {
      path: spec.path,
      value: corrected ? corrections[spec.path] : (found?.value ?? null),
      extracted: found?.value ?? null,
      corrected,
      confidence: found?.confidence ?? null,
      // An unfilled field is cited where the blank is, so the reviewer sees why it is empty.
      citations: found?.citations?.length ? found.citations : unfilled.flatMap((r) => r.citations),
      readings,
      note:
        (found && "note" in found ? found.note : undefined) ??
        (unfilled.length && (found?.value ?? null) === null
          ? "The document leaves this field unfilled (a placeholder such as [●] or [24]); nothing was taken from it."
          : null),
    };
  });
}

/**
 * Why a correction cannot be taken (an unknown path, or a value against the field's rule), or null. null as a value
 * clears the field.
 */
export function correctionProblem(path: string, value: unknown): { on: "path" | "value"; message: string } | null {
  const spec = SPEC_BY_PATH.get(path);
  if (!spec)
    return {
      on: "path",
      message: `${path} is not a field of the draft; the fields are listed in AgreementImport.fields`,
    };
  if (value === null) return null;
  const problem = spec.check(value);
  return problem ? { on: "value", message: `${path} ${problem}` } : null;
}
