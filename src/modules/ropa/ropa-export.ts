// The record of processing activities (art. 30(1)) as a table: columns modelled on the supervisory
// authorities' templates (CNIL, ICO, fides datamap; docs/domain.md §2.3), one row per activity or
// per activity × recipient. Pure: no I/O; ropa.http.ts writes the rows as CSV, XLSX or JSON.
// Values are plain text: lists joined with "; ", "" for what is not stated. In English enum codes are
// kept as they are (they are stable); in Danish (lang=da) every value is Danish: enum labels, the default
// vocabulary's names, the sentences (ropa-labels.ts and each module's *.labels.ts). The controller header
// is repeated on every row so a row stands alone.
import { toGlobalId } from "../../common/global-id";
import { labelOf, Labels, Lang, LANGS } from "../../common/i18n";
import { Sensitivity } from "../taxonomy/taxonomy.entity";
import { SENSITIVITY_LABELS, vocabularyName } from "../taxonomy/taxonomy.labels";
import { BUSINESS_CRITICALITY_LABELS } from "../processors/processor.labels";
import { TRANSFER_MECHANISM_LABELS } from "../subprocessors/engagement.labels";
import { HOP_FINDING_LABELS } from "../transfers/transfer-rules";
import {
  DPIA_STATUS_LABELS,
  LEGAL_BASIS_LABELS,
  MISSING_LABELS,
  RECIPIENT_ROLE_LABELS,
  SPECIAL_CATEGORY_CONDITION_LABELS,
} from "./ropa-labels";
import type {
  ControllerHeader,
  ProcessingRecord,
  RecordRecipient,
  RecordsOfProcessing,
  RecordTransfer,
} from "./record.types";

export type { Lang };
export { LANGS };
export type Granularity = "activity" | "recipient";
export const GRANULARITIES: readonly Granularity[] = ["activity", "recipient"];

export interface RopaColumn {
  key: string;
  header: string;
}

type Headings = Record<Lang, string>;

const CONTROLLER_COLUMNS: [string, Headings][] = [
  ["controller", { en: "Controller", da: "Dataansvarlig" }],
  [
    "controller_registration_number",
    { en: "Controller registration number", da: "Dataansvarliges CVR-/registreringsnummer" },
  ],
  ["controller_contact", { en: "Controller contact details", da: "Dataansvarliges kontaktoplysninger" }],
  ["dpo", { en: "Data protection officer (DPO)", da: "Databeskyttelsesrådgiver (DPO)" }],
  ["representative", { en: "Representative (art. 27)", da: "Repræsentant (art. 27)" }],
];

const HEAD_COLUMNS: [string, Headings][] = [
  ["activity", { en: "Processing activity", da: "Behandlingsaktivitet" }],
  ["activity_id", { en: "Activity ID", da: "Aktivitets-id" }],
  ["purposes", { en: "Purposes", da: "Formål" }],
  ["legal_basis", { en: "Legal basis (art. 6)", da: "Retsgrundlag (art. 6)" }],
  [
    "special_category_condition",
    { en: "Condition for special categories (art. 9)", da: "Betingelse for følsomme oplysninger (art. 9)" },
  ],
  [
    "criminal_data_basis",
    { en: "Basis for criminal offence data (art. 10)", da: "Hjemmel for oplysninger om strafbare forhold (art. 10)" },
  ],
  ["legitimate_interests", { en: "Legitimate interests", da: "Legitime interesser" }],
  ["data_subject_categories", { en: "Categories of data subjects", da: "Kategorier af registrerede" }],
  ["data_categories", { en: "Categories of personal data", da: "Kategorier af personoplysninger" }],
  ["retention", { en: "Time limits for erasure", da: "Sletningsfrister" }],
  [
    "category_retention",
    { en: "Time limits for erasure per data category", da: "Sletningsfrister pr. kategori af personoplysninger" },
  ],
];

const RECIPIENTS_COLUMN: [string, Headings] = [
  "recipients",
  { en: "Recipients (processors and sub-processors)", da: "Modtagere (databehandlere og underdatabehandlere)" },
];

const RECIPIENT_COLUMNS: [string, Headings][] = [
  ["recipient", { en: "Recipient", da: "Modtager" }],
  ["recipient_role", { en: "Role", da: "Rolle" }],
  ["recipient_country", { en: "Recipient country", da: "Modtagerens land" }],
  ["processing_countries", { en: "Processing countries", da: "Behandlingslande" }],
  ["engaged_by", { en: "Engaged by", da: "Anvendt af" }],
  ["agreement", { en: "Agreement", da: "Databehandleraftale" }],
  ["recipient_business_owner", { en: "Business owner", da: "Forretningsansvarlig" }],
  ["recipient_business_criticality", { en: "Business criticality", da: "Forretningskritikalitet" }],
  ["recipient_renewal_on", { en: "Contract renewal date", da: "Kontraktens fornyelsesdato" }],
  ["recipient_tags", { en: "Tags", da: "Tags" }],
  [
    "recipient_transfers",
    {
      en: "Third-country transfers to this recipient (country, mechanism)",
      da: "Overførsler til tredjelande til denne modtager (land, overførselsgrundlag)",
    },
  ],
];

const TAIL_COLUMNS: [string, Headings][] = [
  ["other_recipients", { en: "Other recipients", da: "Andre modtagere" }],
  [
    "transfers",
    {
      en: "Third-country transfers (country, mechanism)",
      da: "Overførsler til tredjelande (land, overførselsgrundlag)",
    },
  ],
  ["data_source", { en: "Source of the personal data", da: "Oplysningernes kilde" }],
  ["dpia_status", { en: "DPIA status", da: "Konsekvensanalyse (DPIA), status" }],
  ["dpia_link", { en: "DPIA link", da: "Konsekvensanalyse (DPIA), link" }],
  [
    "automated_decision_making",
    {
      en: "Automated decision-making, incl. profiling (art. 22)",
      da: "Automatiske afgørelser, herunder profilering (art. 22)",
    },
  ],
  [
    "toms",
    {
      en: "Technical and organisational security measures",
      da: "Tekniske og organisatoriske sikkerhedsforanstaltninger",
    },
  ],
  ["processor_measures", { en: "Processors' security measures", da: "Databehandlernes sikkerhedsforanstaltninger" }],
  ["joint_controller", { en: "Joint controller (art. 26)", da: "Fælles dataansvarlig (art. 26)" }],
  ["missing", { en: "Missing elements", da: "Manglende oplysninger" }],
  ["missing_details", { en: "Missing elements (details)", da: "Manglende oplysninger (detaljer)" }],
];

/**
 * The columns of the export, in order: controller header, the activity, its recipients, the rest of art. 30(1).
 * One row per recipient lists on each row the transfers to that recipient only, not the activity's whole
 * transfers column: every transfer is then on exactly one row (the one naming where the data goes), and the
 * file grows with activities × recipients, where repeating the activity's transfers on every row made it grow
 * with their square (300 activities reaching 300 sub-processors each: 2.96 GB).
 */
export function ropaColumns(lang: Lang, granularity: Granularity): RopaColumn[] {
  const [recipients, tail] =
    granularity === "recipient"
      ? [RECIPIENT_COLUMNS, TAIL_COLUMNS.filter(([key]) => key !== "transfers")]
      : [[RECIPIENTS_COLUMN], TAIL_COLUMNS];
  return [...CONTROLLER_COLUMNS, ...HEAD_COLUMNS, ...recipients, ...tail].map(([key, h]) => ({
    key,
    header: h[lang],
  }));
}

/** The sheet names of the XLSX export. */
export function ropaSheetNames(lang: Lang): { records: string; controller: string } {
  return lang === "da"
    ? { records: "Fortegnelse", controller: "Dataansvarlig" }
    : { records: "Record", controller: "Controller" };
}

const WORDS: Record<
  Lang,
  {
    yes: string;
    no: string;
    vulnerable: string;
    noCountry: string;
    noMechanism: string;
    field: string;
    value: string;
    asOf: string;
  }
> = {
  en: {
    yes: "Yes",
    no: "No",
    vulnerable: "vulnerable",
    noCountry: "country not stated",
    noMechanism: "no mechanism",
    field: "Field",
    value: "Value",
    asOf: "As of",
  },
  da: {
    yes: "Ja",
    no: "Nej",
    vulnerable: "sårbar",
    noCountry: "land ikke angivet",
    noMechanism: "intet overførselsgrundlag",
    field: "Felt",
    value: "Værdi",
    asOf: "Pr. dato",
  },
};

/** An enum value as the export writes it: the code in English, the Danish label in Danish. */
function code<K extends string>(labels: Labels<K>, value: string | null | undefined, lang: Lang): string {
  return lang === "en" ? (value ?? "") : labelOf(labels, value, lang);
}

const list = (values: readonly (string | null | undefined)[]): string =>
  values.filter((v): v is string => !!v).join("; ");
const text = (value: string | null | undefined): string => value ?? "";

function dpoOf(c: ControllerHeader): string {
  if (c.dpoName && c.dpoEmail) return `${c.dpoName} (${c.dpoEmail})`;
  return c.dpoName ?? c.dpoEmail ?? "";
}

function contactOf(c: ControllerHeader): string {
  return [c.address, c.countryCode].filter(Boolean).join(", ");
}

function controllerCells(c: ControllerHeader): Record<string, string> {
  return {
    controller: c.name,
    controller_registration_number: text(c.registrationNumber),
    controller_contact: contactOf(c),
    dpo: dpoOf(c),
    representative: text(c.representative),
  };
}

/** list(items.map(label)) with one array, not two: a row lists thousands of recipients. */
function listOf<T>(items: readonly T[], label: (item: T) => string | null | undefined): string {
  const values: string[] = [];
  for (const item of items) {
    const value = label(item);
    if (value) values.push(value);
  }
  return values.join("; ");
}

/** "Name (ROLE, CC)": a recipient in the activity-level recipients column (what is not known is left out). */
function recipientLabel(r: RecordRecipient, lang: Lang): string {
  const role = code(RECIPIENT_ROLE_LABELS, r.role, lang);
  const country = r.countryCode;
  return `${r.name} (${role && country ? `${role}, ${country}` : role || country || ""})`;
}

/** A transfer's mechanism: a code, or "ADEQUACY (decision reference)" for an adequate country. */
function mechanismLabel(mechanism: string | null, lang: Lang): string {
  if (!mechanism) return WORDS[lang].noMechanism;
  const adequacy = /^ADEQUACY \((.*)\)$/.exec(mechanism);
  if (adequacy) return `${code(TRANSFER_MECHANISM_LABELS, "ADEQUACY", lang)} (${adequacy[1]})`;
  return code(TRANSFER_MECHANISM_LABELS, mechanism, lang);
}

/** "CC (MECHANISM)", with findings in brackets when there are any. */
function destinationLabel(t: RecordTransfer, lang: Lang): string {
  const findings = t.findings.length ? ` [${t.findings.map((f) => code(HOP_FINDING_LABELS, f, lang)).join(", ")}]` : "";
  return `${t.country ?? WORDS[lang].noCountry} (${mechanismLabel(t.mechanism, lang)})${findings}`;
}

/** "Recipient: CC (MECHANISM)", with findings in brackets when there are any. */
function transferLabel(t: RecordTransfer, lang: Lang): string {
  return `${t.recipient}: ${destinationLabel(t, lang)}`;
}

function dataCategoryLabel(sensitivity: Sensitivity, name: string, lang: Lang): string {
  return sensitivity === Sensitivity.ORDINARY ? name : `${name} (${code(SENSITIVITY_LABELS, sensitivity, lang)})`;
}

/** The sentences of a record in `lang` (the record carries them per language; English otherwise). */
const sentences = (byLang: Record<Lang, string[]> | undefined, english: string[], lang: Lang) =>
  byLang?.[lang] ?? english;

function activityCells(r: ProcessingRecord, lang: Lang): Record<string, string> {
  const w = WORDS[lang];
  const category = (d: { key: string; name: string }) => vocabularyName("dataCategories", d.key, d.name, lang);
  const subjects = (d: { key: string; name: string }) => vocabularyName("dataSubjectCategories", d.key, d.name, lang);
  return {
    activity: r.name,
    activity_id: toGlobalId("ProcessingActivity", r.activityId),
    purposes: text(r.purposes),
    legal_basis: code(LEGAL_BASIS_LABELS, r.legalBasis, lang),
    special_category_condition: code(SPECIAL_CATEGORY_CONDITION_LABELS, r.specialCategoryCondition, lang),
    criminal_data_basis: text(r.criminalDataBasis),
    legitimate_interests: text(r.legitimateInterests),
    data_subject_categories: list(
      r.dataSubjectCategories.map((s) => (s.vulnerable ? `${subjects(s)} (${w.vulnerable})` : subjects(s))),
    ),
    data_categories: list(r.dataCategories.map((d) => dataCategoryLabel(d.sensitivity, category(d), lang))),
    retention: text(r.retention),
    category_retention: list(r.dataCategories.filter((d) => d.retention).map((d) => `${category(d)}: ${d.retention}`)),
    other_recipients: list(r.otherRecipients),
    data_source: text(r.dataSource),
    dpia_status: code(DPIA_STATUS_LABELS, r.dpiaStatus, lang),
    dpia_link: text(r.dpiaLink),
    automated_decision_making: r.automatedDecisionMaking === null ? "" : r.automatedDecisionMaking ? w.yes : w.no,
    toms: text(r.measures.description),
    processor_measures: list(sentences(r.measures.processorSummariesByLang, r.measures.processorSummaries, lang)),
    joint_controller: text(r.jointController),
    missing: list(r.missing.map((m) => code(MISSING_LABELS, m, lang))),
    missing_details: list(sentences(r.missingDetailsByLang, r.missingDetails, lang)),
  };
}

function ownerOf(r: RecordRecipient | null): string {
  const name = r?.register?.businessOwnerName;
  const email = r?.register?.businessOwnerEmail;
  if (name && email) return `${name} (${email})`;
  return name ?? email ?? "";
}

function recipientCells(r: RecordRecipient | null, lang: Lang, transfers: string[]): Record<string, string> {
  return {
    recipient_business_owner: ownerOf(r),
    recipient_business_criticality: code(BUSINESS_CRITICALITY_LABELS, r?.register?.businessCriticality, lang),
    recipient_renewal_on: text(r?.register?.renewalOn),
    recipient_tags: list(r?.register?.tags ?? []),
    recipient: r?.name ?? "",
    recipient_role: code(RECIPIENT_ROLE_LABELS, r?.role, lang),
    recipient_country: text(r?.countryCode),
    processing_countries: list(r?.processingCountries ?? []),
    engaged_by: text(r?.engagedBy),
    agreement: text(r?.agreement),
    recipient_transfers: list(transfers),
  };
}

/**
 * The rows of one activity: one row ("activity"), or one per recipient ("recipient"; one row with
 * empty recipient columns when the activity has no recipients; each row with the transfers to its
 * recipient, see ropaColumns). Keys are ropaColumns' keys.
 */
export function ropaActivityRows(
  controller: ControllerHeader,
  record: ProcessingRecord,
  granularity: Granularity,
  lang: Lang = "en",
): Record<string, string>[] {
  const base = { ...controllerCells(controller), ...activityCells(record, lang) };
  if (granularity === "activity")
    return [
      {
        ...base,
        recipients: listOf(record.recipients, (r) => recipientLabel(r, lang)),
        transfers: listOf(record.transfers, (t) => transferLabel(t, lang)),
      },
    ];
  const transfersTo = new Map<string, string[]>();
  for (const t of record.transfers) {
    const labels = transfersTo.get(t.recipientId) ?? [];
    labels.push(destinationLabel(t, lang));
    transfersTo.set(t.recipientId, labels);
  }
  const recipients: (RecordRecipient | null)[] = record.recipients.length ? record.recipients : [null];
  return recipients.map((r) => ({
    ...base,
    ...recipientCells(r, lang, r ? (transfersTo.get(r.processorId) ?? []) : []),
  }));
}

/** Every row of the record (see ropaActivityRows); `lang` only changes the few words in cells (Yes/No, …). */
export function ropaRows(
  records: RecordsOfProcessing,
  granularity: Granularity,
  lang: Lang = "en",
): Record<string, string>[] {
  return records.records.flatMap((r) => ropaActivityRows(records.controller, r, granularity, lang));
}

/** The controller sheet of the XLSX export: a header row, then one row per art. 30(1)(a) field. */
export function controllerSheetRows(records: RecordsOfProcessing, lang: Lang): [string, string][] {
  const c = records.controller;
  const h = (key: string) => CONTROLLER_COLUMNS.find(([k]) => k === key)![1][lang];
  const w = WORDS[lang];
  return [
    [w.field, w.value],
    [h("controller"), c.name],
    [h("controller_registration_number"), text(c.registrationNumber)],
    [lang === "da" ? "Adresse" : "Address", text(c.address)],
    [lang === "da" ? "Land" : "Country", text(c.countryCode)],
    [lang === "da" ? "Databeskyttelsesrådgiver (DPO), navn" : "Data protection officer (DPO), name", text(c.dpoName)],
    [
      lang === "da" ? "Databeskyttelsesrådgiver (DPO), e-mail" : "Data protection officer (DPO), email",
      text(c.dpoEmail),
    ],
    [h("representative"), text(c.representative)],
    [w.asOf, records.asOf],
  ];
}

/**
 * One record as the JSON export writes it: the fields of the GraphQL ProcessingRecord (activityId as
 * its global id), with global ids for the recipients' processors and the transfers' engagement and
 * agreement instead of the nested objects.
 */
export function ropaJsonRecord(r: ProcessingRecord): Record<string, unknown> {
  return {
    activityId: toGlobalId("ProcessingActivity", r.activityId),
    name: r.name,
    purposes: r.purposes,
    legalBasis: r.legalBasis,
    specialCategoryCondition: r.specialCategoryCondition,
    criminalDataBasis: r.criminalDataBasis,
    legitimateInterests: r.legitimateInterests,
    dataSubjectCategories: r.dataSubjectCategories.map((s) => ({ key: s.key, name: s.name, vulnerable: s.vulnerable })),
    dataCategories: r.dataCategories.map((d) => ({
      key: d.key,
      name: d.name,
      sensitivity: d.sensitivity,
      retention: d.retention,
    })),
    recipients: r.recipients.map((x) => ({
      processorId: toGlobalId("Processor", x.processorId),
      name: x.name,
      registrationNumber: x.registrationNumber,
      role: x.role,
      countryCode: x.countryCode,
      processingCountries: x.processingCountries,
      engagedBy: x.engagedBy,
      depth: x.depth,
      agreement: x.agreement,
      businessOwnerName: x.register?.businessOwnerName ?? null,
      businessOwnerEmail: x.register?.businessOwnerEmail ?? null,
      businessCriticality: x.register?.businessCriticality ?? null,
      renewalOn: x.register?.renewalOn ?? null,
      tags: x.register?.tags ?? [],
    })),
    otherRecipients: r.otherRecipients,
    transfers: r.transfers.map((t) => ({
      engagementId: t.engagementId ? toGlobalId("SubprocessorEngagement", t.engagementId) : null,
      agreementId: t.agreementId ? toGlobalId("Agreement", t.agreementId) : null,
      recipient: t.recipient,
      country: t.country,
      countryClass: t.countryClass,
      mechanism: t.mechanism,
      path: t.path,
      findings: t.findings,
    })),
    retention: r.retention,
    dataSource: r.dataSource,
    dpiaStatus: r.dpiaStatus,
    dpiaLink: r.dpiaLink,
    automatedDecisionMaking: r.automatedDecisionMaking,
    measures: { description: r.measures.description, processorSummaries: r.measures.processorSummaries },
    jointController: r.jointController,
    missing: r.missing,
    missingDetails: r.missingDetails,
  };
}

/** The controller header as the JSON export writes it. */
export function ropaJsonController(c: ControllerHeader): Record<string, unknown> {
  return {
    name: c.name,
    registrationNumber: c.registrationNumber,
    address: c.address,
    countryCode: c.countryCode,
    dpoName: c.dpoName,
    dpoEmail: c.dpoEmail,
    representative: c.representative,
  };
}
