// The shape of what the DPA importer reads out of a document: every value with where it was found
// (citations into the document's text) and how sure the rules are. Pure data: the importer's rules
// produce it, the import service stores it as a draft, the review resolvers show and correct it.

/** Where a value was read: the clause or annex reference and the exact span of the document text. */
export interface Citation {
  /** "§10.2", "Bilag C.7", "Annex B.1", "preamble" … as the document numbers it. */
  reference: string;
  /** The exact text, `text.slice(start, end)` of the extracted document text. */
  quote: string;
  start: number;
  end: number;
}

/** One reading of a value in the document. */
export interface Reading<T> {
  value: T;
  citations: Citation[];
  /** PLACEHOLDER: the document leaves the field unfilled here (the value is then null). Absent means VALUE. */
  kind?: "VALUE" | "PLACEHOLDER";
}

/**
 * An extracted value. `value` is the proposal; where the document says two different things
 * (one clause "one month", the annex "30 days"), every reading is in `readings` and `value` is the
 * stricter one, with `note` saying why.
 */
export interface Extracted<T> extends Reading<T> {
  /** 0..1: 1 = the template's own sentence with the value in its slot; lower for looser matches. */
  confidence: number;
  readings?: Reading<T>[];
  note?: string;
}

export type PartyRole = "CONTROLLER" | "PROCESSOR" | "SUBPROCESSOR";
export type RegistrationScheme = "CVR" | "VAT" | "COMPANY_NO" | "OTHER";

export interface ExtractedParty {
  role: PartyRole;
  name: Extracted<string>;
  registrationNumber: Extracted<string> | null;
  registrationScheme: RegistrationScheme | null;
  address: Extracted<string> | null;
  /** ISO 3166-1 alpha-2 from the address, when the address names a country (or DK for a CVR number). */
  countryCode: string | null;
}

export interface AuditTerms {
  /** SupervisionMethod enum values (src/modules/agreements/agreement.enums.ts). */
  methods: Extracted<string[]> | null;
  intervalMonths: Extracted<number> | null;
  /** "MM-DD", e.g. "01-01" for "den 1. januar". */
  dueDay: Extracted<string> | null;
  noticeDays: Extracted<number> | null;
  /** AuditCostBearer: PROCESSOR | CONTROLLER | SHARED. */
  paidBy: Extracted<string> | null;
}

export interface ExtractedClauses {
  breachNotificationHours: Extracted<number> | null;
  /** GENERAL | SPECIFIC */
  subprocessorAuthorization: Extracted<string> | null;
  /** Days of notice (GENERAL) or of approval lead time (SPECIFIC). */
  subprocessorNoticeDays: Extracted<number> | null;
  objectionSuspendsChange: Extracted<boolean> | null;
  /** PROHIBITED | ALLOWED_WITH_SAFEGUARDS | ALLOWED */
  thirdCountryTransfers: Extracted<string> | null;
  processingCountries: Extracted<string[]> | null;
  processingLocationsText: Extracted<string> | null;
  /** DELETE | RETURN | RETURN_AND_DELETE | CONTROLLER_CHOICE */
  endOfContractAction: Extracted<string> | null;
  retentionAfterEndDays: Extracted<number> | null;
  processorAudit: AuditTerms;
  subprocessorAudit: AuditTerms;
  purposes: Extracted<string> | null;
  nature: Extracted<string> | null;
  duration: Extracted<string> | null;
}

export interface ExtractedCategory {
  /** Key in src/reference/data-categories.json. */
  key: string;
  /** ORDINARY | CONFIDENTIAL | SPECIAL (art. 9) | CRIMINAL (art. 10) …, from the vocabulary. */
  sensitivity: string;
}

export interface ExtractedSubprocessor {
  name: string;
  legalName: string | null;
  registrationNumber: string | null;
  registrationScheme: RegistrationScheme | null;
  address: string | null;
  countryCode: string | null;
  description: string | null;
  /** e.g. SCC, DPF, ADEQUACY, BCR, NONE; null when the document does not say. */
  transferMechanism: string | null;
}

export interface ExtractedMeasure {
  /** Key in src/reference/measures.json, or null when the text matches nothing in the catalogue. */
  key: string | null;
  text: string;
}

/**
 * A field the document leaves unfilled ("[●]", "[Navn]", "[24] timer", "${…}", a label with nothing after
 * it): the field stays empty, and this reading, marked PLACEHOLDER, shows the reviewer where and why.
 */
export interface PlaceholderReading {
  kind: "PLACEHOLDER";
  /** The draft field it stands in for: "parties.PROCESSOR.registrationNumber", "clauses.breachNotificationHours". */
  path: string;
  citations: Citation[];
}

export interface AgreementDraft {
  /** Version of the rules that produced this draft, so a stored draft says how it was read. */
  extractor: string;
  language: "da" | "en";
  /** DATATILSYNET_SCC when the document follows Datatilsynet's standard clauses, else OTHER. */
  template: "DATATILSYNET_SCC" | "OTHER";
  kind: Extracted<"DPA" | "SUBPROCESSOR_AGREEMENT">;
  title: Extracted<string> | null;
  parties: ExtractedParty[];
  clauses: ExtractedClauses;
  dataCategories: Extracted<ExtractedCategory>[];
  /** Keys in src/reference/data-subject-categories.json. */
  dataSubjectCategories: Extracted<string>[];
  subprocessors: Extracted<ExtractedSubprocessor>[];
  measures: Extracted<ExtractedMeasure>[];
  /**
   * The document's text as read, which every citation's offsets index: the upload itself for plain
   * text and PDF (line endings normalised), the text without markup for Word, HTML and Markdown.
   * Absent in drafts stored before it was kept.
   */
  text?: string;
  /** How the upload was read: text, markdown, html, docx or pdf. */
  format?: string;
  /** Unfilled fields of a partly filled template (absent in drafts stored before they were read). */
  placeholders?: PlaceholderReading[];
  /** Dotted paths of modelled fields the document did not yield, e.g. "clauses.breachNotificationHours". */
  missing: string[];
}
