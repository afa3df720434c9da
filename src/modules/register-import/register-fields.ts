// The register template as data: which sheets a register has, which fields each sheet carries, the
// headings users write for them (Danish and English, and their synonyms) and what kind of value each
// takes. The reader, the planner, the template and the export all read this one table: a new field of
// the register is one entry here (and one line where the planner turns it into a service input).
import { EngagementStatus, TransferMechanism } from "../subprocessors/engagement.entity";
import { BusinessCriticality, ProcessorStatus } from "../processors/processor.entity";
import {
  AgreementStatus,
  AgreementTemplate,
  SubprocessorAuthorization,
  ThirdCountryTransfers,
} from "../agreements/agreement.enums";

export type SheetKind = "processors" | "subprocessors" | "agreements";
export const SHEET_KINDS: readonly SheetKind[] = ["processors", "subprocessors", "agreements"];

/** What a cell of a column must hold. */
export type ValueType =
  | "text"
  | "registration" // a registration number: CVR with spaces or a DK prefix, or a foreign number as written
  | "country" // one country: ISO code or a Danish or English name
  | "countries" // a list of countries (separated by , ; / or "og"/"and")
  | "date" // ISO, dd-mm-yyyy, dd.mm.yyyy, dd/mm/yyyy or an Excel serial
  | "yesno" // ja/nej, yes/no, x, 1/0
  | "int"
  | "enum"
  | "categories" // data categories by vocabulary key or label
  | "tags" // free tags separated by , ; or newlines
  | "ref"; // another processor of the register, by name or registration number (its number's column first)

export interface TargetField {
  sheet: SheetKind;
  /** The field's name: the service input's field, or a reference (parent, processor, subprocessor…). */
  key: string;
  /** The template's headings. */
  da: string;
  en: string;
  /** Other headings users write for it (any case and spacing; Danish letters may be written ae/oe/aa). */
  synonyms: readonly string[];
  type: ValueType;
  /** A row without it is rejected; a sheet without its column is refused. */
  required?: boolean;
  maxLength?: number;
  /** For enums: each value with the words users write for it (the value itself is always accepted). */
  values?: Readonly<Record<string, readonly string[]>>;
  /** Danish labels of enum values, for the template and exports in Danish (first word of `values` otherwise). */
  labelsDa?: Readonly<Record<string, string>>;
  /** What the template's guide says about the column. */
  note: string;
  /** False for a column the template has but the register export leaves out (internal notes stay inside). */
  exported?: false;
}

export const SHEETS: Readonly<Record<SheetKind, { da: string; en: string; synonyms: readonly string[] }>> = {
  processors: {
    da: "Databehandlere",
    en: "Processors",
    synonyms: ["leverandører", "leverandoerer", "vendors", "suppliers", "leverandørregister", "vendor register"],
  },
  subprocessors: {
    da: "Underdatabehandlere",
    en: "Sub-processors",
    synonyms: ["underleverandører", "subprocessors", "sub processors", "underdatabehandler"],
  },
  agreements: {
    da: "Aftaler",
    en: "Agreements",
    synonyms: ["databehandleraftaler", "dpa", "dpas", "key terms", "aftalevilkår", "agreement terms"],
  },
};

const PROCESSOR_STATUS: Record<ProcessorStatus, readonly string[]> = {
  ONBOARDING: ["under etablering", "onboarding", "ny", "new", "planlagt", "planned"],
  ACTIVE: ["aktiv", "active", "i brug", "in use", "i drift"],
  OFFBOARDING: ["under udfasning", "offboarding", "udfases", "under afvikling"],
  TERMINATED: ["ophørt", "terminated", "afsluttet", "opsagt", "ended", "inaktiv", "inactive"],
};

const CRITICALITY: Record<BusinessCriticality, readonly string[]> = {
  LOW: ["lav", "low", "1"],
  MEDIUM: ["middel", "medium", "mellem", "2"],
  HIGH: ["høj", "high", "hoej", "3"],
  CRITICAL: ["kritisk", "critical", "forretningskritisk", "4"],
};

const MECHANISM: Record<TransferMechanism, readonly string[]> = {
  NOT_NEEDED_EEA: [
    "ikke nødvendig (EU/EØS)",
    "not needed (EEA)",
    "ikke relevant",
    "eu/eøs",
    "eøs",
    "eu",
    "eea",
    "ingen",
  ],
  ADEQUACY: ["tilstrækkelighedsafgørelse", "adequacy", "adequacy decision", "art. 45"],
  DPF: ["EU-US Data Privacy Framework", "data privacy framework", "eu-us dpf", "privacy framework"],
  SCC: ["standardkontraktbestemmelser", "standard contractual clauses", "eu scc", "sccs", "standardkontrakt"],
  BCR: ["bindende virksomhedsregler", "binding corporate rules", "bcrs"],
  DEROGATION: ["undtagelse (art. 49)", "derogation (art. 49)", "art. 49", "undtagelse", "derogation"],
  UNKNOWN: ["ukendt", "unknown", "?", "vides ikke"],
};

const ENGAGEMENT_STATUS: Record<EngagementStatus, readonly string[]> = {
  PROPOSED: ["foreslået", "proposed", "varslet", "notified"],
  APPROVED: ["godkendt", "approved", "aktiv", "active"],
  OBJECTED: ["indsigelse", "objected", "afvist", "rejected"],
  REMOVED: ["fjernet", "removed", "ophørt", "ended"],
};

const AGREEMENT_STATUS: Record<AgreementStatus, readonly string[]> = {
  DRAFT: ["udkast", "draft", "under forhandling"],
  ACTIVE: ["gældende", "active", "aktiv", "underskrevet", "signed", "i kraft"],
  SUPERSEDED: ["erstattet", "superseded"],
  TERMINATED: ["ophørt", "terminated", "opsagt"],
};

const TEMPLATE: Record<AgreementTemplate, readonly string[]> = {
  DATATILSYNET_SCC: ["Datatilsynets standard", "datatilsynet", "datatilsynets skabelon", "danish dpa template"],
  EU_SCC_2021_915: ["EU-Kommissionens standardbestemmelser", "eu scc 2021/915", "2021/915", "eu commission clauses"],
  VENDOR_OWN: ["leverandørens egen", "vendor's own", "vendor own", "leverandørens", "vendor template"],
  OTHER: ["anden", "other", "andet"],
};

const AUTHORIZATION: Record<SubprocessorAuthorization, readonly string[]> = {
  GENERAL: ["generel", "general", "generel godkendelse", "general authorisation"],
  SPECIFIC: ["specifik", "specific", "specifik godkendelse", "specific authorisation"],
};

const TRANSFERS: Record<ThirdCountryTransfers, readonly string[]> = {
  PROHIBITED: ["ikke tilladt", "prohibited", "forbudt", "nej"],
  ALLOWED_WITH_SAFEGUARDS: ["tilladt med garantier", "allowed with safeguards", "med garantier"],
  ALLOWED: ["tilladt", "allowed", "ja"],
};

/** Danish labels of enum values: the first word of each value's list is the label. */
const labels = (values: Record<string, readonly string[]>) =>
  Object.fromEntries(Object.entries(values).map(([k, words]) => [k, words[0]]));

const YESNO = "ja/nej or yes/no (also x, 1/0)";

export const TARGET_FIELDS: readonly TargetField[] = [
  // --- processors ---------------------------------------------------------------------------------------
  {
    sheet: "processors",
    key: "name",
    da: "Navn",
    en: "Name",
    synonyms: ["leverandør", "leverandørnavn", "databehandler", "vendor", "vendor name", "supplier", "company"],
    type: "text",
    required: true,
    maxLength: 200,
    note: "The name you know the processor by. Matched to existing processors (after the registration number).",
  },
  {
    sheet: "processors",
    key: "legalName",
    da: "Juridisk navn",
    en: "Legal name",
    synonyms: ["selskabsnavn", "registreret navn", "registered name", "company name"],
    type: "text",
    maxLength: 300,
    note: 'Registered legal name, e.g. "Capturi A/S".',
  },
  {
    sheet: "processors",
    key: "registrationNumber",
    da: "CVR-nr.",
    en: "Registration number",
    synonyms: ["cvr", "cvr nummer", "cvrnr", "cvr-nummer", "reg. nr.", "company number", "company no", "vat", "org nr"],
    type: "registration",
    maxLength: 50,
    note: "CVR number (spaces and a DK prefix are fine) or a foreign registration number as written.",
  },
  {
    sheet: "processors",
    key: "countryCode",
    da: "Land",
    en: "Country",
    synonyms: ["hjemland", "etableringsland", "country of establishment", "lokation", "location"],
    type: "country",
    note: 'Country of the legal entity: ISO code ("IE") or name in Danish or English ("Irland", "USA").',
  },
  {
    sheet: "processors",
    key: "address",
    da: "Adresse",
    en: "Address",
    synonyms: ["postadresse", "postal address"],
    type: "text",
    maxLength: 1000,
    note: "Postal address.",
  },
  {
    sheet: "processors",
    key: "website",
    da: "Hjemmeside",
    en: "Website",
    synonyms: ["web", "url", "webside"],
    type: "text",
    maxLength: 500,
    note: "http(s) URL.",
  },
  {
    sheet: "processors",
    key: "serviceDescription",
    da: "Ydelse",
    en: "Service description",
    synonyms: ["beskrivelse", "behandling", "ydelsesbeskrivelse", "service", "description", "hvad leverer de"],
    type: "text",
    maxLength: 5000,
    note: "What the processor does with the data.",
  },
  {
    sheet: "processors",
    key: "contactEmail",
    da: "Kontakt e-mail",
    en: "Contact email",
    synonyms: ["kontakt", "e-mail", "email", "dpo", "dpo e-mail", "privacy contact", "kontaktperson e-mail"],
    type: "text",
    maxLength: 320,
    note: "Privacy or DPA contact (email).",
  },
  {
    sheet: "processors",
    key: "status",
    da: "Status",
    en: "Status",
    synonyms: ["leverandørstatus", "vendor status"],
    type: "enum",
    values: PROCESSOR_STATUS,
    labelsDa: labels(PROCESSOR_STATUS),
    note: "Aktiv / Under etablering / Under udfasning / Ophørt (or ACTIVE, ONBOARDING, OFFBOARDING, TERMINATED).",
  },
  {
    sheet: "processors",
    key: "direct",
    da: "Direkte leverandør",
    en: "Direct",
    synonyms: ["direkte", "egen leverandør", "direct vendor"],
    type: "yesno",
    note: `${YESNO}. Nej for a processor known only as a sub-processor. New processors are direct by default.`,
  },
  {
    sheet: "processors",
    key: "dpfCertifiedSince",
    da: "DPF-certificeret siden",
    en: "DPF certified since",
    synonyms: ["dpf", "dpf certificeret", "data privacy framework"],
    type: "date",
    note: "Date since which the processor is certified under the EU-US Data Privacy Framework.",
  },
  {
    sheet: "processors",
    key: "businessOwnerName",
    da: "Forretningsejer",
    en: "Business owner",
    synonyms: ["systemejer", "ejer", "ansvarlig", "owner", "system owner", "forretningsansvarlig"],
    type: "text",
    maxLength: 200,
    note: "Who owns the vendor in the business (a person's name).",
  },
  {
    sheet: "processors",
    key: "businessOwnerEmail",
    da: "Forretningsejers e-mail",
    en: "Business owner email",
    synonyms: ["ejer e-mail", "systemejer e-mail", "owner email", "ansvarlig e-mail"],
    type: "text",
    maxLength: 320,
    note: "The business owner's email.",
  },
  {
    sheet: "processors",
    key: "businessCriticality",
    da: "Kritikalitet",
    en: "Business criticality",
    synonyms: ["forretningskritikalitet", "kritisk", "criticality", "vigtighed"],
    type: "enum",
    values: CRITICALITY,
    labelsDa: labels(CRITICALITY),
    note: "Lav, Middel, Høj, Kritisk (or LOW, MEDIUM, HIGH, CRITICAL); not the computed risk.",
  },
  {
    sheet: "processors",
    key: "contractStartOn",
    da: "Kontraktstart",
    en: "Contract start",
    synonyms: ["kontrakt start", "aftalestart", "startdato", "contract start date", "kontrakt indgået"],
    type: "date",
    note: "Date the contract with the vendor started.",
  },
  {
    sheet: "processors",
    key: "renewalOn",
    da: "Fornyelsesdato",
    en: "Renewal date",
    synonyms: ["fornyes", "fornyelse", "udløber", "kontraktudløb", "renewal", "renews on", "contract end"],
    type: "date",
    note: "Date the contract renews (or ends) unless notice is given.",
  },
  {
    sheet: "processors",
    key: "noticeOn",
    da: "Opsigelsesfrist",
    en: "Notice date",
    synonyms: ["sidste opsigelsesdag", "opsigelse senest", "notice", "notice by", "notice deadline"],
    type: "date",
    note: "Last day to give notice before the renewal (not after the renewal date).",
  },
  {
    sheet: "processors",
    key: "servicesProvided",
    da: "Ydelser",
    en: "Services provided",
    synonyms: ["leverede ydelser", "services", "system", "systemer", "produkt", "product"],
    type: "text",
    maxLength: 2000,
    note: 'The services the vendor provides to the business, e.g. "Løn; tidsregistrering".',
  },
  {
    sheet: "processors",
    key: "tags",
    da: "Tags",
    en: "Tags",
    synonyms: ["mærker", "etiketter", "kategori", "labels", "tag"],
    type: "tags",
    note: 'Free tags separated by commas, e.g. "HR, Løn".',
  },
  {
    sheet: "processors",
    key: "internalNotes",
    da: "Interne noter",
    en: "Internal notes",
    synonyms: ["noter", "note", "bemærkninger", "bemærkning", "intern bemærkning", "kommentar", "notes", "comments"],
    type: "text",
    maxLength: 10000,
    note: "Free internal notes (imported; left out of the register export, as of every export).",
    exported: false,
  },
  {
    sheet: "processors",
    key: "source",
    da: "Kilde",
    en: "Source",
    synonyms: ["reference"],
    type: "text",
    maxLength: 1000,
    note: "Where the facts come from (document and clause).",
  },
  // --- sub-processors (engagements) ---------------------------------------------------------------------
  {
    sheet: "subprocessors",
    key: "parent",
    da: "Databehandler",
    en: "Processor",
    synonyms: ["leverandør", "hovedleverandør", "parent", "principal", "vendor", "engageret af", "engaged by"],
    type: "ref",
    required: true,
    note: "The processor that engages the sub-processor: its name or registration number as in the register.",
  },
  {
    sheet: "subprocessors",
    key: "parentRegistrationNumber",
    da: "Databehandlers CVR-nr.",
    en: "Processor registration number",
    synonyms: [
      "hovedleverandørs cvr-nr.",
      "leverandørens cvr-nr.",
      "parent registration number",
      "parent cvr",
      "processor cvr",
      "vendor registration number",
    ],
    type: "registration",
    maxLength: 50,
    note: "Optional: the processor's registration number; names it first (two processors may share a name).",
  },
  {
    sheet: "subprocessors",
    key: "subprocessor",
    da: "Underdatabehandler",
    en: "Sub-processor",
    synonyms: ["underleverandør", "subprocessor", "sub processor", "navn", "name"],
    type: "text",
    required: true,
    maxLength: 200,
    note: "The sub-processor's name; a processor of that name (or number) is reused, else one is created.",
  },
  {
    sheet: "subprocessors",
    key: "subprocessorRegistrationNumber",
    da: "Underdatabehandlers CVR-nr.",
    en: "Sub-processor registration number",
    synonyms: ["cvr", "cvr-nr.", "registration number", "reg. nr."],
    type: "registration",
    maxLength: 50,
    note: "Optional: matches (or registers) the sub-processor by number.",
  },
  {
    sheet: "subprocessors",
    key: "countries",
    da: "Land",
    en: "Countries",
    synonyms: ["lande", "country", "behandlingslande", "lokation", "location", "placering", "processing countries"],
    type: "countries",
    note: "Where the sub-processor processes the data: codes or names, separated by commas.",
  },
  {
    sheet: "subprocessors",
    key: "transferMechanism",
    da: "Overførselsgrundlag",
    en: "Transfer mechanism",
    synonyms: ["overførselsmekanisme", "grundlag for overførsel", "mechanism", "transfer basis", "overførsel"],
    type: "enum",
    values: MECHANISM,
    labelsDa: labels(MECHANISM),
    note: "EU/EØS, Tilstrækkelighedsafgørelse, DPF, Standardkontraktbestemmelser (SCC), BCR, Art. 49, Ukendt.",
  },
  {
    sheet: "subprocessors",
    key: "purpose",
    da: "Formål",
    en: "Purpose",
    synonyms: ["behandling", "beskrivelse", "ydelse", "description", "service"],
    type: "text",
    maxLength: 5000,
    note: "What the sub-processor does.",
  },
  {
    sheet: "subprocessors",
    key: "status",
    da: "Status",
    en: "Status",
    synonyms: [],
    type: "enum",
    values: ENGAGEMENT_STATUS,
    labelsDa: labels(ENGAGEMENT_STATUS),
    note: "Godkendt (default), Foreslået, Indsigelse, Fjernet.",
  },
  // --- agreements' key terms ----------------------------------------------------------------------------
  {
    sheet: "agreements",
    key: "processor",
    da: "Databehandler",
    en: "Processor",
    synonyms: ["leverandør", "vendor", "part", "party"],
    type: "ref",
    required: true,
    note: "The processor the DPA is with: its name or registration number as in the register.",
  },
  {
    sheet: "agreements",
    key: "processorRegistrationNumber",
    da: "Databehandlers CVR-nr.",
    en: "Processor registration number",
    synonyms: [
      "cvr",
      "cvr-nr.",
      "cvr-nummer",
      "registration number",
      "reg. nr.",
      "leverandørens cvr-nr.",
      "vendor registration number",
      "processor cvr",
    ],
    type: "registration",
    maxLength: 50,
    note: "Optional: the processor's registration number; names it first (two processors may share a name).",
  },
  {
    sheet: "agreements",
    key: "title",
    da: "Titel",
    en: "Title",
    synonyms: ["aftale", "aftalens titel", "dokument", "agreement", "document"],
    type: "text",
    maxLength: 500,
    note: "Title of the agreement; the processor's DPA of that title is updated, else one is created.",
  },
  {
    sheet: "agreements",
    key: "template",
    da: "Skabelon",
    en: "Template",
    synonyms: ["aftaleskabelon", "standard"],
    type: "enum",
    values: TEMPLATE,
    labelsDa: labels(TEMPLATE),
    note: "Datatilsynets standard, EU-Kommissionens standardbestemmelser, Leverandørens egen, Anden (default).",
  },
  {
    sheet: "agreements",
    key: "status",
    da: "Status",
    en: "Status",
    synonyms: ["aftalestatus"],
    type: "enum",
    values: AGREEMENT_STATUS,
    labelsDa: labels(AGREEMENT_STATUS),
    note: "Udkast, Gældende, Erstattet, Ophørt.",
  },
  {
    sheet: "agreements",
    key: "signedOn",
    da: "Underskrevet",
    en: "Signed on",
    synonyms: ["underskriftsdato", "dato for underskrift", "signed", "signature date"],
    type: "date",
    note: "Date signed.",
  },
  {
    sheet: "agreements",
    key: "effectiveFrom",
    da: "Gældende fra",
    en: "Effective from",
    synonyms: ["ikrafttræden", "startdato", "start date", "effective"],
    type: "date",
    note: "Date the agreement takes effect.",
  },
  {
    sheet: "agreements",
    key: "endOn",
    da: "Udløber",
    en: "Ends on",
    synonyms: ["slutdato", "udløbsdato", "end date", "expires"],
    type: "date",
    note: "Date the agreement ends, if fixed.",
  },
  {
    sheet: "agreements",
    key: "breachNotificationHours",
    da: "Underretning ved brud (timer)",
    en: "Breach notification (hours)",
    synonyms: ["brud timer", "breach hours", "underretningsfrist", "breach notification"],
    type: "int",
    note: "Hours within which the processor notifies a personal data breach (0–8760).",
  },
  {
    sheet: "agreements",
    key: "subprocessorAuthorization",
    da: "Godkendelse af underdatabehandlere",
    en: "Sub-processor authorisation",
    synonyms: ["godkendelse", "authorisation", "authorization", "sub-processor authorization"],
    type: "enum",
    values: AUTHORIZATION,
    labelsDa: labels(AUTHORIZATION),
    note: "Generel or Specifik.",
  },
  {
    sheet: "agreements",
    key: "subprocessorNoticeDays",
    da: "Varsel ved ændringer (dage)",
    en: "Sub-processor notice (days)",
    synonyms: ["varsel dage", "notice days", "varsel"],
    type: "int",
    note: "Days of notice before a new sub-processor is engaged.",
  },
  {
    sheet: "agreements",
    key: "thirdCountryTransfers",
    da: "Overførsel til tredjelande",
    en: "Third-country transfers",
    synonyms: ["tredjelande", "third countries", "transfers"],
    type: "enum",
    values: TRANSFERS,
    labelsDa: labels(TRANSFERS),
    note: "Ikke tilladt, Tilladt med garantier, Tilladt.",
  },
  {
    sheet: "agreements",
    key: "dataCategories",
    da: "Kategorier af personoplysninger",
    en: "Data categories",
    synonyms: ["datakategorier", "kategorier", "personoplysninger", "categories", "data"],
    type: "categories",
    note: 'Vocabulary keys or labels, separated by ";" (e.g. "user.contact.email; Account information").',
  },
  {
    sheet: "agreements",
    key: "documentReference",
    da: "Dokument",
    en: "Document reference",
    synonyms: ["filnavn", "file", "file name", "dokumentreference", "reference"],
    type: "text",
    maxLength: 500,
    note: "File name or reference of the signed document.",
  },
];

export function fieldsOf(sheet: SheetKind): TargetField[] {
  return TARGET_FIELDS.filter((f) => f.sheet === sheet);
}

export function targetField(sheet: SheetKind, key: string): TargetField | undefined {
  return TARGET_FIELDS.find((f) => f.sheet === sheet && f.key === key);
}
