// The art. 30(1) record as a table: columns (en/da, both granularities) and rows, from a record built by hand.
import { toGlobalId } from "../../src/common/global-id";
import { DpiaStatus, LegalBasis, SpecialCategoryCondition } from "../../src/modules/ropa/activity.entity";
import { RecipientRole, RecordsOfProcessing } from "../../src/modules/ropa/record.types";
import {
  controllerSheetRows,
  ropaColumns,
  ropaJsonRecord,
  ropaRows,
  ropaSheetNames,
} from "../../src/modules/ropa/ropa-export";
import { Sensitivity } from "../../src/modules/taxonomy/taxonomy.entity";

const CALLS_ID = "11111111-1111-4111-8111-111111111111";
const NEWS_ID = "22222222-2222-4222-8222-222222222222";
const CAPTURI_ID = "33333333-3333-4333-8333-333333333333";
const INTERCOM_ID = "44444444-4444-4444-8444-444444444444";

const RECORD = {
  asOf: "2026-05-01",
  controller: {
    name: "Demo Controller A/S",
    registrationNumber: "12345678",
    address: "Vesterbrogade 1, 1620 København V",
    countryCode: "DK",
    dpoName: "Jane DPO",
    dpoEmail: "dpo@demo.dk",
    representative: null,
  },
  records: [
    {
      activityId: CALLS_ID,
      name: "Customer-call analytics",
      purposes: "Record and analyse customer calls.",
      legalBasis: LegalBasis.LEGITIMATE_INTERESTS,
      specialCategoryCondition: SpecialCategoryCondition.EXPLICIT_CONSENT,
      criminalDataBasis: null,
      legitimateInterests: "Better customer service",
      dataSubjectCategories: [
        { key: "customer", name: "Customers", vulnerable: false },
        { key: "child", name: "Children", vulnerable: true },
      ],
      dataCategories: [
        { key: "user.name", name: "Name", sensitivity: Sensitivity.ORDINARY, retention: null },
        { key: "user.health", name: "Health data", sensitivity: Sensitivity.SPECIAL, retention: "5 years" },
      ],
      recipients: [
        {
          processorId: CAPTURI_ID,
          name: "Capturi",
          registrationNumber: "36948213",
          role: RecipientRole.PROCESSOR,
          countryCode: "DK",
          processingCountries: ["DK", "IE"],
          engagedBy: null,
          depth: 0,
          agreement: "Databehandleraftale Capturi",
          register: {
            businessOwnerName: "Mette Holm",
            businessOwnerEmail: "mette@example.dk",
            businessCriticality: "HIGH",
            renewalOn: "2027-03-31",
            tags: ["Kundeservice", "AI"],
          },
        },
        {
          processorId: INTERCOM_ID,
          name: "Intercom",
          registrationNumber: null,
          role: RecipientRole.SUB_PROCESSOR,
          countryCode: "US",
          processingCountries: ["US"],
          engagedBy: "Capturi",
          depth: 1,
          agreement: "Databehandleraftale Capturi",
        },
      ],
      otherRecipients: ["Tax authority (SKAT)", "Auditors"],
      transfers: [
        {
          engagementId: null,
          agreementId: null,
          recipientId: INTERCOM_ID,
          recipient: "Intercom",
          country: "US",
          countryClass: "THIRD_COUNTRY",
          mechanism: "SCC",
          path: ["Capturi", "Intercom"],
          findings: [],
        },
        {
          engagementId: null,
          agreementId: null,
          recipientId: INTERCOM_ID,
          recipient: "Intercom",
          country: null,
          countryClass: "THIRD_COUNTRY",
          mechanism: null,
          path: ["Capturi", "Intercom"],
          findings: ["LOCATION_NOT_STATED"],
        },
      ],
      retention: "24 months",
      dataSource: '=HYPERLINK("x")',
      dpiaStatus: DpiaStatus.DONE,
      dpiaLink: "https://intra.demo.dk/dpia/calls",
      automatedDecisionMaking: false,
      measures: {
        description: "Two-factor sign-in",
        processorSummaries: ["Capturi: 12 of 17 required measures implemented"],
      },
      jointController: null,
      missing: [],
      missingDetails: [],
    },
    {
      activityId: NEWS_ID,
      name: "Newsletters",
      purposes: null,
      legalBasis: null,
      specialCategoryCondition: null,
      criminalDataBasis: null,
      legitimateInterests: null,
      dataSubjectCategories: [],
      dataCategories: [],
      recipients: [],
      otherRecipients: [],
      transfers: [],
      retention: null,
      dataSource: null,
      dpiaStatus: null,
      dpiaLink: null,
      automatedDecisionMaking: null,
      measures: { description: null, processorSummaries: [] },
      jointController: "Partner ApS, partner@example.dk",
      missing: ["PURPOSES", "LEGAL_BASIS", "RECIPIENTS"],
      missingDetails: ["No purposes (art. 30(1)(b)).", "No art. 6(1) lawful basis.", "No recipients."],
    },
  ],
} as unknown as RecordsOfProcessing;

const CONTROLLER_CELLS = {
  controller: "Demo Controller A/S",
  controller_registration_number: "12345678",
  controller_contact: "Vesterbrogade 1, 1620 København V, DK",
  dpo: "Jane DPO (dpo@demo.dk)",
  representative: "",
};

const CALLS = {
  ...CONTROLLER_CELLS,
  activity: "Customer-call analytics",
  activity_id: toGlobalId("ProcessingActivity", CALLS_ID),
  purposes: "Record and analyse customer calls.",
  legal_basis: "LEGITIMATE_INTERESTS",
  special_category_condition: "EXPLICIT_CONSENT",
  criminal_data_basis: "",
  legitimate_interests: "Better customer service",
  data_subject_categories: "Customers; Children (vulnerable)",
  data_categories: "Name; Health data (SPECIAL)",
  retention: "24 months",
  category_retention: "Health data: 5 years",
  other_recipients: "Tax authority (SKAT); Auditors",
  transfers: "Intercom: US (SCC); Intercom: country not stated (no mechanism) [LOCATION_NOT_STATED]",
  data_source: '=HYPERLINK("x")',
  dpia_status: "DONE",
  dpia_link: "https://intra.demo.dk/dpia/calls",
  automated_decision_making: "No",
  toms: "Two-factor sign-in",
  processor_measures: "Capturi: 12 of 17 required measures implemented",
  joint_controller: "",
  missing: "",
  missing_details: "",
};

const NEWS = {
  ...CONTROLLER_CELLS,
  activity: "Newsletters",
  activity_id: toGlobalId("ProcessingActivity", NEWS_ID),
  purposes: "",
  legal_basis: "",
  special_category_condition: "",
  criminal_data_basis: "",
  legitimate_interests: "",
  data_subject_categories: "",
  data_categories: "",
  retention: "",
  category_retention: "",
  other_recipients: "",
  transfers: "",
  data_source: "",
  dpia_status: "",
  dpia_link: "",
  automated_decision_making: "",
  toms: "",
  processor_measures: "",
  joint_controller: "Partner ApS, partner@example.dk",
  missing: "PURPOSES; LEGAL_BASIS; RECIPIENTS",
  missing_details: "No purposes (art. 30(1)(b)).; No art. 6(1) lawful basis.; No recipients.",
};

const HEAD_KEYS = [
  "controller",
  "controller_registration_number",
  "controller_contact",
  "dpo",
  "representative",
  "activity",
  "activity_id",
  "purposes",
  "legal_basis",
  "special_category_condition",
  "criminal_data_basis",
  "legitimate_interests",
  "data_subject_categories",
  "data_categories",
  "retention",
  "category_retention",
];
const TAIL_KEYS = [
  "other_recipients",
  "transfers",
  "data_source",
  "dpia_status",
  "dpia_link",
  "automated_decision_making",
  "toms",
  "processor_measures",
  "joint_controller",
  "missing",
  "missing_details",
];
const RECIPIENT_KEYS = [
  "recipient",
  "recipient_role",
  "recipient_country",
  "processing_countries",
  "engaged_by",
  "agreement",
  "recipient_business_owner",
  "recipient_business_criticality",
  "recipient_renewal_on",
  "recipient_tags",
];

describe("ropaColumns", () => {
  test("activity granularity: controller header, the activity, one recipients column, the rest of art. 30(1)", () => {
    expect(ropaColumns("en", "activity").map((c) => c.key)).toEqual([...HEAD_KEYS, "recipients", ...TAIL_KEYS]);
    expect(ropaColumns("en", "activity").map((c) => c.header)).toEqual([
      "Controller",
      "Controller registration number",
      "Controller contact details",
      "Data protection officer (DPO)",
      "Representative (art. 27)",
      "Processing activity",
      "Activity ID",
      "Purposes",
      "Legal basis (art. 6)",
      "Condition for special categories (art. 9)",
      "Basis for criminal offence data (art. 10)",
      "Legitimate interests",
      "Categories of data subjects",
      "Categories of personal data",
      "Time limits for erasure",
      "Time limits for erasure per data category",
      "Recipients (processors and sub-processors)",
      "Other recipients",
      "Third-country transfers (country, mechanism)",
      "Source of the personal data",
      "DPIA status",
      "DPIA link",
      "Automated decision-making, incl. profiling (art. 22)",
      "Technical and organisational security measures",
      "Processors' security measures",
      "Joint controller (art. 26)",
      "Missing elements",
      "Missing elements (details)",
    ]);
  });

  test("recipient granularity: the recipients column becomes recipient, role, countries, engaged by, agreement", () => {
    expect(ropaColumns("en", "recipient").map((c) => c.key)).toEqual([
      ...HEAD_KEYS,
      ...RECIPIENT_KEYS,
      "recipient_transfers",
      ...TAIL_KEYS.filter((k) => k !== "transfers"),
    ]);
    expect(
      ropaColumns("en", "recipient")
        .slice(HEAD_KEYS.length, HEAD_KEYS.length + 6)
        .map((c) => c.header),
    ).toEqual(["Recipient", "Role", "Recipient country", "Processing countries", "Engaged by", "Agreement"]);
    expect(
      ropaColumns("da", "recipient")
        .slice(HEAD_KEYS.length, HEAD_KEYS.length + 6)
        .map((c) => c.header),
    ).toEqual(["Modtager", "Rolle", "Modtagerens land", "Behandlingslande", "Anvendt af", "Databehandleraftale"]);
  });

  test("Danish headings, same keys", () => {
    const da = ropaColumns("da", "activity");
    expect(da.map((c) => c.key)).toEqual(ropaColumns("en", "activity").map((c) => c.key));
    expect(da.map((c) => c.header)).toEqual([
      "Dataansvarlig",
      "Dataansvarliges CVR-/registreringsnummer",
      "Dataansvarliges kontaktoplysninger",
      "Databeskyttelsesrådgiver (DPO)",
      "Repræsentant (art. 27)",
      "Behandlingsaktivitet",
      "Aktivitets-id",
      "Formål",
      "Retsgrundlag (art. 6)",
      "Betingelse for følsomme oplysninger (art. 9)",
      "Hjemmel for oplysninger om strafbare forhold (art. 10)",
      "Legitime interesser",
      "Kategorier af registrerede",
      "Kategorier af personoplysninger",
      "Sletningsfrister",
      "Sletningsfrister pr. kategori af personoplysninger",
      "Modtagere (databehandlere og underdatabehandlere)",
      "Andre modtagere",
      "Overførsler til tredjelande (land, overførselsgrundlag)",
      "Oplysningernes kilde",
      "Konsekvensanalyse (DPIA), status",
      "Konsekvensanalyse (DPIA), link",
      "Automatiske afgørelser, herunder profilering (art. 22)",
      "Tekniske og organisatoriske sikkerhedsforanstaltninger",
      "Databehandlernes sikkerhedsforanstaltninger",
      "Fælles dataansvarlig (art. 26)",
      "Manglende oplysninger",
      "Manglende oplysninger (detaljer)",
    ]);
    expect(new Set(da.map((c) => c.header)).size).toBe(da.length);
    expect(ropaSheetNames("da")).toEqual({ records: "Fortegnelse", controller: "Dataansvarlig" });
    expect(ropaSheetNames("en")).toEqual({ records: "Record", controller: "Controller" });
  });
});

describe("ropaRows", () => {
  test(
    "activity granularity: one row per activity, lists joined with '; ', " + "empty strings for what is not stated",
    () => {
      const rows = ropaRows(RECORD, "activity");
      expect(rows).toEqual([
        { ...CALLS, recipients: "Capturi (PROCESSOR, DK); Intercom (SUB_PROCESSOR, US)" },
        { ...NEWS, recipients: "" },
      ]);
      for (const row of rows)
        expect(Object.keys(row).sort()).toEqual(
          ropaColumns("en", "activity")
            .map((c) => c.key)
            .sort(),
        );
    },
  );

  test(
    "recipient granularity: one row per activity × recipient (an activity without recipients keeps one row), each " +
      "with the transfers to its own recipient instead of the activity's whole transfers column",
    () => {
      const rows = ropaRows(RECORD, "recipient");
      const { transfers: _calls, ...calls } = CALLS;
      const { transfers: _news, ...news } = NEWS;
      const noRegister = {
        recipient_business_owner: "",
        recipient_business_criticality: "",
        recipient_renewal_on: "",
        recipient_tags: "",
      };
      expect(rows).toEqual([
        {
          ...calls,
          recipient: "Capturi",
          recipient_role: "PROCESSOR",
          recipient_country: "DK",
          processing_countries: "DK; IE",
          engaged_by: "",
          agreement: "Databehandleraftale Capturi",
          recipient_business_owner: "Mette Holm (mette@example.dk)",
          recipient_business_criticality: "HIGH",
          recipient_renewal_on: "2027-03-31",
          recipient_tags: "Kundeservice; AI",
          recipient_transfers: "",
        },
        {
          ...calls,
          recipient: "Intercom",
          recipient_role: "SUB_PROCESSOR",
          recipient_country: "US",
          processing_countries: "US",
          engaged_by: "Capturi",
          agreement: "Databehandleraftale Capturi",
          ...noRegister,
          recipient_transfers: "US (SCC); country not stated (no mechanism) [LOCATION_NOT_STATED]",
        },
        {
          ...news,
          recipient: "",
          recipient_role: "",
          recipient_country: "",
          processing_countries: "",
          engaged_by: "",
          agreement: "",
          ...noRegister,
          recipient_transfers: "",
        },
      ]);
      for (const row of rows)
        expect(Object.keys(row).sort()).toEqual(
          ropaColumns("en", "recipient")
            .map((c) => c.key)
            .sort(),
        );
    },
  );

  test("lang=da writes values in Danish: enum labels, the default vocabulary's names, the sentences", () => {
    const [calls] = ropaRows(RECORD, "activity", "da");
    expect(calls.automated_decision_making).toBe("Nej");
    // Default entries by their Danish names; "user.health" is no default key (an organization's own): kept.
    expect(calls.data_subject_categories).toBe("Kunder; Børn (sårbar)");
    expect(calls.data_categories).toBe("Navn; Health data (særlig kategori, art. 9)");
    expect(calls.legal_basis).toBe("Legitime interesser (art. 6, stk. 1, litra f)");
    expect(calls.special_category_condition).toBe("Udtrykkeligt samtykke (art. 9, stk. 2, litra a)");
    expect(calls.recipients).toBe("Capturi (Databehandler, DK); Intercom (Underdatabehandler, US)");
    expect(calls.transfers).toBe(
      "Intercom: US (Standardkontraktbestemmelser); " +
        "Intercom: land ikke angivet (intet overførselsgrundlag) [lokation ikke angivet]",
    );
    const [, , news] = ropaRows(RECORD, "recipient", "da");
    expect(news.recipient_role).toBe("");
    const [capturi] = ropaRows(RECORD, "recipient", "da");
    expect(capturi.recipient_role).toBe("Databehandler");
    expect(capturi.recipient_business_criticality).toBe("Høj");
    // English keeps the codes, as before.
    const [english] = ropaRows(RECORD, "recipient", "en");
    expect([english.legal_basis, english.recipient_role, english.recipient_business_criticality]).toEqual([
      "LEGITIMATE_INTERESTS",
      "PROCESSOR",
      "HIGH",
    ]);
  });

  test("an empty record gives no rows", () => {
    expect(ropaRows({ ...RECORD, records: [] } as RecordsOfProcessing, "recipient")).toEqual([]);
  });
});

describe("the controller sheet and the JSON shape", () => {
  test("controller sheet: a header row and the art. 30(1)(a) fields", () => {
    expect(controllerSheetRows(RECORD, "en")).toEqual([
      ["Field", "Value"],
      ["Controller", "Demo Controller A/S"],
      ["Controller registration number", "12345678"],
      ["Address", "Vesterbrogade 1, 1620 København V"],
      ["Country", "DK"],
      ["Data protection officer (DPO), name", "Jane DPO"],
      ["Data protection officer (DPO), email", "dpo@demo.dk"],
      ["Representative (art. 27)", ""],
      ["As of", "2026-05-01"],
    ]);
    expect(controllerSheetRows(RECORD, "da")[0]).toEqual(["Felt", "Værdi"]);
    expect(controllerSheetRows(RECORD, "da")[1]).toEqual(["Dataansvarlig", "Demo Controller A/S"]);
  });

  test("JSON records carry global ids, not database ids", () => {
    const json = ropaJsonRecord(RECORD.records[0]) as any;
    expect(json.activityId).toBe(toGlobalId("ProcessingActivity", CALLS_ID));
    expect(json.recipients.map((r: any) => [r.processorId, r.name, r.role, r.engagedBy])).toEqual([
      [toGlobalId("Processor", CAPTURI_ID), "Capturi", "PROCESSOR", null],
      [toGlobalId("Processor", INTERCOM_ID), "Intercom", "SUB_PROCESSOR", "Capturi"],
    ]);
    expect(json.transfers[0]).toEqual({
      engagementId: null,
      agreementId: null,
      recipient: "Intercom",
      country: "US",
      countryClass: "THIRD_COUNTRY",
      mechanism: "SCC",
      path: ["Capturi", "Intercom"],
      findings: [],
    });
    expect(JSON.stringify(json)).not.toContain(CALLS_ID);
  });
});
