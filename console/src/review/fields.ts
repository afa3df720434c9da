// What the review page knows about each field of an imported draft (AgreementImport.fields[].path): its
// group, its label and how a reviewer edits it. The server's rules decide what is accepted (a refused value
// comes back with the rule); the enum values here only fill the choices, and
// test/unit/console-review.test.ts checks them against the server's enums. A path the console does not know
// (a field added later) is shown with its path and edited as JSON.
import type { EnglishKey as Key } from "../i18n/en";

export type Editor =
  | { kind: "enum"; group: string; values: string[] }
  | { kind: "enumList"; group: string; values: string[] }
  | { kind: "int"; min: number; max: number }
  | { kind: "bool" }
  | { kind: "text"; multiline: boolean }
  | { kind: "country" }
  | { kind: "countryList" }
  | { kind: "keyList" }
  | { kind: "json" };

export type Group = "document" | "parties" | "clauses" | "audit" | "annexes" | "other";

export interface FieldMeta {
  group: Group;
  /** An i18n key, or null for a path the console does not know. */
  labelKey: Key | null;
  /** Parameters of the label (the party's role, the audit's subject). */
  labelParams?: Record<string, string>;
  editor: Editor;
}

export const ENUMS = {
  AgreementKind: ["DPA", "SUBPROCESSOR_AGREEMENT"],
  AgreementTemplate: ["DATATILSYNET_SCC", "EU_SCC_2021_915", "VENDOR_OWN", "OTHER"],
  RegistrationScheme: ["CVR", "VAT", "COMPANY_NO", "OTHER"],
  SubprocessorAuthorization: ["GENERAL", "SPECIFIC"],
  ThirdCountryTransfers: ["PROHIBITED", "ALLOWED_WITH_SAFEGUARDS", "ALLOWED"],
  EndOfContractAction: ["DELETE", "RETURN", "RETURN_AND_DELETE", "CONTROLLER_CHOICE"],
  SupervisionMethod: [
    "ISAE_3000",
    "ISAE_3402",
    "SOC_2",
    "CERTIFICATION",
    "SELF_CONTROL_REPORT",
    "WRITTEN_SUPERVISION",
    "WRITTEN_CONFIRMATION",
    "PHYSICAL_INSPECTION",
    "INTERNAL_AUDIT",
    "NONE",
  ],
  AuditCostBearer: ["PROCESSOR", "CONTROLLER", "SHARED"],
} as const;

const e = (group: string, values: readonly string[]): Editor => ({ kind: "enum", group, values: [...values] });

const FIXED: Record<string, FieldMeta> = {
  kind: { group: "document", labelKey: "field.kind", editor: e("agreementKind", ENUMS.AgreementKind) },
  title: { group: "document", labelKey: "field.title", editor: { kind: "text", multiline: false } },
  template: { group: "document", labelKey: "field.template", editor: e("template", ENUMS.AgreementTemplate) },
  "clauses.breachNotificationHours": {
    group: "clauses",
    labelKey: "clause.breachNotificationHours",
    editor: { kind: "int", min: 0, max: 8760 },
  },
  "clauses.subprocessorAuthorization": {
    group: "clauses",
    labelKey: "clause.subprocessorAuthorization",
    editor: e("authorization", ENUMS.SubprocessorAuthorization),
  },
  "clauses.subprocessorNoticeDays": {
    group: "clauses",
    labelKey: "clause.subprocessorNoticeDays",
    editor: { kind: "int", min: 0, max: 365 },
  },
  "clauses.objectionSuspendsChange": {
    group: "clauses",
    labelKey: "clause.objectionSuspendsChange",
    editor: { kind: "bool" },
  },
  "clauses.thirdCountryTransfers": {
    group: "clauses",
    labelKey: "clause.thirdCountryTransfers",
    editor: e("thirdCountry", ENUMS.ThirdCountryTransfers),
  },
  "clauses.processingCountries": {
    group: "clauses",
    labelKey: "field.processingCountries",
    editor: { kind: "countryList" },
  },
  "clauses.processingLocationsText": {
    group: "clauses",
    labelKey: "field.processingLocationsText",
    editor: { kind: "text", multiline: true },
  },
  "clauses.endOfContractAction": {
    group: "clauses",
    labelKey: "clause.endOfContractAction",
    editor: e("endAction", ENUMS.EndOfContractAction),
  },
  "clauses.retentionAfterEndDays": {
    group: "clauses",
    labelKey: "clause.retentionAfterEndDays",
    editor: { kind: "int", min: 0, max: 3650 },
  },
  "clauses.purposes": { group: "annexes", labelKey: "clause.purposes", editor: { kind: "text", multiline: true } },
  "clauses.nature": { group: "annexes", labelKey: "clause.nature", editor: { kind: "text", multiline: true } },
  "clauses.duration": { group: "annexes", labelKey: "clause.duration", editor: { kind: "text", multiline: true } },
  dataCategories: { group: "annexes", labelKey: "agreement.dataCategories", editor: { kind: "keyList" } },
  dataSubjectCategories: { group: "annexes", labelKey: "agreement.dataSubjects", editor: { kind: "keyList" } },
  subprocessors: { group: "annexes", labelKey: "field.subprocessors", editor: { kind: "json" } },
  measures: { group: "annexes", labelKey: "field.measures", editor: { kind: "json" } },
};

const PARTY: Record<string, [Key, Editor]> = {
  name: ["field.party.name", { kind: "text", multiline: false }],
  registrationNumber: ["field.party.registrationNumber", { kind: "text", multiline: false }],
  registrationScheme: ["field.party.registrationScheme", e("scheme", ENUMS.RegistrationScheme)],
  address: ["field.party.address", { kind: "text", multiline: true }],
  countryCode: ["field.party.countryCode", { kind: "country" }],
};

const AUDIT: Record<string, [Key, Editor]> = {
  methods: ["field.audit.methods", { kind: "enumList", group: "method", values: [...ENUMS.SupervisionMethod] }],
  intervalMonths: ["field.audit.intervalMonths", { kind: "int", min: 1, max: 120 }],
  dueDay: ["field.audit.dueDay", { kind: "text", multiline: false }],
  noticeDays: ["field.audit.noticeDays", { kind: "int", min: 0, max: 365 }],
  paidBy: ["field.audit.paidBy", e("costBearer", ENUMS.AuditCostBearer)],
};

export function fieldMeta(path: string): FieldMeta {
  if (FIXED[path]) return FIXED[path];
  const party = /^parties\.([A-Z_]+)\.(\w+)$/.exec(path);
  if (party && PARTY[party[2]]) {
    const [labelKey, editor] = PARTY[party[2]];
    return { group: "parties", labelKey, labelParams: { role: party[1] }, editor };
  }
  const audit = /^clauses\.(processorAudit|subprocessorAudit)\.(\w+)$/.exec(path);
  if (audit && AUDIT[audit[2]]) {
    const [labelKey, editor] = AUDIT[audit[2]];
    return { group: "audit", labelKey, labelParams: { who: audit[1] }, editor };
  }
  return { group: "other", labelKey: null, editor: { kind: "json" } };
}

export const GROUP_ORDER: Group[] = ["document", "parties", "clauses", "audit", "annexes", "other"];

/** The form's text for a value, for the editor to start from. */
export function editText(editor: Editor, value: unknown): string {
  if (value === null || value === undefined) return "";
  switch (editor.kind) {
    case "enumList":
    case "countryList":
    case "keyList":
      return Array.isArray(value) ? value.join(", ") : JSON.stringify(value);
    case "bool":
      return value === true ? "true" : value === false ? "false" : "";
    case "json":
      return JSON.stringify(value, null, 2);
    default:
      return typeof value === "string" ? value : JSON.stringify(value);
  }
}

/**
 * The value a correction sends for what the reviewer typed: empty clears the field (null); numbers,
 * lists and booleans in their own shape; what cannot be read as the field's shape is sent as typed, so
 * the server's rule for the field says what is wrong with it. Only JSON that does not parse is refused here.
 */
export function parseEdit(editor: Editor, text: string): { value: unknown } | { error: "json"; detail: string } {
  const raw = text.trim();
  if (raw === "") return { value: null };
  switch (editor.kind) {
    case "int":
      return { value: /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw };
    case "bool":
      return { value: raw === "true" ? true : raw === "false" ? false : raw };
    case "enumList":
    case "countryList":
    case "keyList":
      return {
        value: raw
          .split(/[,\n]/)
          .map((s) => s.trim())
          .filter(Boolean)
          .map((s) => (editor.kind === "countryList" ? s.toUpperCase() : s)),
      };
    case "country":
      return { value: raw.toUpperCase() };
    case "json":
      try {
        return { value: JSON.parse(raw) };
      } catch (err) {
        return { error: "json", detail: (err as Error).message };
      }
    default:
      return { value: raw };
  }
}
