// General failure causes found in the tenth and eleventh held-out parts (issue 17, fifteenth round), each as a rule on
// made-up text: a prohibition of transfers lifted by the controller's leave with safeguards named beside it, a
// processor that "does not transfer … on its own account", a certification or the GDPR's chapter on transfers as the
// safeguard, a section titled for transfers that never names a third country, a list's "Last reviewed" line read as
// a sub-processor, several legal entities named in one cell, and a processor's label with its defined term before the
// colon ('Processor ("Publisher"):') over a card whose address is unfilled.
import { markdown, processorOf } from "../helpers/made-up-dpa";

const transfers = async (...lines: string[]) =>
  (await markdown("# Data Processing Agreement", "", ...lines)).clauses.thirdCountryTransfers?.value ?? null;

test.each([
  [
    "We will not transfer customer data outside the EU without your written permission.",
    "Hosting is with Brisk Hosting Inc. in the US, certified under the EU-US Privacy Shield.",
  ],
  [
    "The Vendor shall not transfer Client Data outside the EEA without the Client's prior written approval.",
    "Any such transfer relies on the standard contractual clauses.",
  ],
  [
    "Databehandleren må ikke overføre personoplysninger til tredjelande uden den dataansvarliges forudgående " +
      "skriftlige godkendelse.",
    "Sker en overførsel, sker den på grundlag af EU-Kommissionens standardkontraktbestemmelser.",
  ],
])("a prohibition lifted by the controller's leave, safeguards beside it: %s", async (rule, safeguard) => {
  expect(await transfers("## 8. Transfers", "", rule, "", safeguard)).toBe("ALLOWED_WITH_SAFEGUARDS");
});

test.each([
  "We will not transfer customer data outside the EU without your written permission.",
  "Databehandleren må ikke overføre personoplysninger til tredjelande uden den dataansvarliges samtykke.",
])("the controller's leave alone, no safeguard named, stays a prohibition: %s", async (rule) => {
  expect(await transfers("## 8. Transfers", "", rule)).toBe("PROHIBITED");
});

test.each([
  "The legal basis for such transfers (standard contractual clauses or an adequacy decision) is agreed between the " +
    "customer and the provider it chooses. The Vendor does not transfer any customer data abroad on its own " +
    "initiative.",
  "Grundlaget for sådanne overførsler til tredjelande er EU-Kommissionens standardkontraktbestemmelser. " +
    "Databehandleren overfører ikke personoplysninger til tredjelande på egen hånd.",
])("a processor that transfers nothing on its own account, safeguards named: %s", async (text) => {
  expect(await transfers("## 5. International transfers", "", text)).toBe("ALLOWED_WITH_SAFEGUARDS");
});

test.each([
  [
    "## 7. Data transfers",
    "Where Quillon handles EU data from outside Europe, Quillon will:",
    "- keep protection at the level the EU-US Privacy Shield framework required.",
  ],
  [
    "## 9. Overførsler",
    "Behandles data af Quillon i en jurisdiktion, der ikke er EU's, skal Quillon:",
    "- yde mindst den beskyttelse, som EU-US Privacy Shield kræver.",
  ],
])("a section titled for transfers that never names a third country: %s", async (heading, lead, item) => {
  expect(await transfers(heading, "", lead, "", item)).toBe("ALLOWED_WITH_SAFEGUARDS");
});

test.each([
  "Transfers of customer data to third countries can only occur once the customer agrees and where the conditions " +
    "set out in Chapter V of the GDPR are met.",
  "Overførsel til tredjelande må kun ske med den dataansvarliges samtykke og på betingelserne i " +
    "databeskyttelsesforordningens kapitel V.",
])("a transfer allowed on the conditions of the GDPR's chapter on transfers: %s", async (text) => {
  expect(await transfers("## 9. Location", "", text)).toBe("ALLOWED_WITH_SAFEGUARDS");
});

const subprocessors = async (...lines: string[]) =>
  (await markdown("# Data Processing Agreement", "", ...lines)).subprocessors.map((s) => s.value.name);

test.each([
  ["## Annex 2 — Sub-processors", "**Last reviewed:** 2026-03-01", "Sub-processor", "Role"],
  ["## Bilag B — Underdatabehandlere", "**Senest opdateret:** 1. marts 2026", "Underdatabehandler", "Rolle"],
])("a list's date line is no sub-processor: %s", async (heading, dated, name, role) => {
  const names = await subprocessors(
    heading,
    "",
    dated,
    "",
    `| ${name} | ${role} |`,
    "|---|---|",
    "| Brisk Hosting GmbH | Hosting |",
  );
  expect(names).toEqual(["Brisk Hosting GmbH"]);
});

test.each([
  [
    "## Annex 2 — Sub-processors",
    "| Sub-processor | Role |",
    "| Quillon Pty Ltd / Quillon, Inc. | Platform host |",
    "| Language model vendor picked in settings — at present one of: Vexa LLC (Model X), Orbel Ireland Ltd / " +
      "Orbel LLC, Tamsin PBC | Writes summaries |",
  ],
  [
    "## Bilag B — Underdatabehandlere",
    "| Underdatabehandler | Rolle |",
    "| Quillon Pty Ltd / Quillon, Inc. | Platformsvært |",
    "| AI-udbyder valgt af kunden — i dag en af: Vexa LLC (Model X), Orbel Ireland Ltd / Orbel LLC, Tamsin PBC " +
      "| Skriver resuméer |",
  ],
])("several legal entities named in one cell: %s", async (heading, header, host, providers) => {
  const names = await subprocessors(heading, "", header, "|---|---|", host, providers);
  expect(names).toEqual([
    "Quillon Pty Ltd",
    "Quillon, Inc.",
    "Vexa LLC",
    "Orbel Ireland Ltd",
    "Orbel LLC",
    "Tamsin PBC",
  ]);
});

test.each([
  ['**Processor** ("Developer"):', "> Maren Quist-Holloway", "> [STREET AND NUMBER]", "> [Postcode, Town], Germany"],
  ['**Databehandler** ("Leverandøren"):', "> Maren Quist-Holloway", "> [INDSÆT ADRESSE]", "> [Postnr., By], Tyskland"],
])("a role label with its defined term before the colon, over a card: %s", async (label, ...card) => {
  const d = await markdown("# Data Processing Agreement", "", "## Parties", "", label, "", ...card, "", "## 1. Scope");
  const processor = processorOf(d);
  expect(processor?.name.value).toBe("Maren Quist-Holloway");
  expect(processor?.address).toBeNull();
  expect(processor?.countryCode).toBe("DE");
  expect((d.placeholders ?? []).map((p) => p.path)).toContain("parties.PROCESSOR.address");
});

const endAction = async (...lines: string[]) =>
  (await markdown("# Data Processing Agreement", "", ...lines)).clauses.endOfContractAction?.value ?? null;

test.each([
  [
    "## 9. Deletion and return",
    "Once the service stops, we delete the Shop's data, or, at the Shop's choice, hand it back beforehand.",
    "CONTROLLER_CHOICE",
  ],
  ["## 9. Deletion and return", "After cancellation we delete the shop's stored records.", "DELETE"],
  [
    "## 9. Deletion or return of Company Data",
    "The Vendor will promptly delete and procure the deletion of every copy of Client Data after the contract ends.",
    "DELETE",
  ],
  [
    "## 9. Return and deletion of Customer Data",
    "Brisk will return all Client Data to the Client and, where the law permits, delete it.",
    "RETURN_AND_DELETE",
  ],
  [
    "## 11. Sletning og tilbagelevering",
    "Ved ophør skal databehandleren tilbagelevere kundens data og, i det omfang lovgivningen tillader det, slette dem.",
    "RETURN_AND_DELETE",
  ],
])("the action at the end, in a vendor's wording: %s / %s", async (heading, text, action) => {
  expect(await endAction(heading, "", text)).toBe(action);
});

const categories = async (...lines: string[]) =>
  (await markdown("# Data Processing Agreement", "", ...lines)).dataCategories.map((c) => c.value.key).sort();

test.each([
  [
    "The Processor processes personal data in the name and on behalf of the Customer when providing chat and email " +
      "services.",
    "Instructions may also be sent by email. The Processor processes the users' phone numbers.",
  ],
  [
    "Databehandleren behandler personoplysninger i eget navn for kunden og leverer e-mailtjenester.",
    "Instrukser sendes pr. e-mail. Databehandleren behandler brugernes telefonnumre.",
  ],
])(
  "a data word in another sense (a channel, a service, acting in someone's name) is no category: %s",
  async (...text) => {
    expect(await categories(...text)).toEqual(["user.contact.phone_number"]);
  },
);

test.each([
  [
    "## Categories of personal data",
    "- Names of users",
    "- Prompts from a language-specific template, email-based reminders",
  ],
  ["## Kategorier af personoplysninger", "- Brugernes navne", "- E-mail-baserede påmindelser uden indhold"],
])("the first part of a compound is no category: %s", async (...lines) => {
  expect(await categories(...lines)).toEqual(["user.name"]);
});

test.each([
  ["## Categories of personal data", "User identifiers, photographs, title, language, birthdate and profile pictures."],
  ["## Kategorier af personoplysninger", "Navn, køn, fødselsdatoer, sprog, titel, profilbilleder og fotografier."],
])("words vendors use for common categories: %s", async (...lines) => {
  expect(await categories(...lines)).toEqual(
    expect.arrayContaining([
      "user.demographic.date_of_birth",
      "user.demographic.language",
      "user.job_title",
      "user.content.self_image",
    ]),
  );
});

test.each(["prospective customers", "potential clients"])("'%s' are prospects", async (words) => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "## Categories of data subjects",
    "",
    `Data subjects are the shop's staff and its ${words}.`,
  );
  expect(d.dataSubjectCategories.map((s) => s.value)).toContain("prospect");
});

test.each([
  ["## Annex 2 — Sub-processors", "| Sub-processor | Role | Location |", "Varies by vendor, usually the US"],
  ["## Bilag B — Underdatabehandlere", "| Underdatabehandler | Rolle | Placering |", "Afhænger af udbyder, typisk USA"],
])("a hedged location gives no country: %s", async (heading, header, where) => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    heading,
    "",
    header,
    "|---|---|---|",
    `| Vexa LLC | Writes summaries | ${where} |`,
    "| Brisk Hosting GmbH | Hosting | Germany |",
  );
  expect(d.subprocessors.map((s) => [s.value.name, s.value.countryCode])).toEqual([
    ["Vexa LLC", null],
    ["Brisk Hosting GmbH", "DE"],
  ]);
});

const audit = async (heading: string, ...lines: string[]) =>
  (await markdown("# Data Processing Agreement", "", heading, "", ...lines)).clauses.processorAudit;

test.each([
  [
    "## 10. Audit & compliance",
    "Our audit obligations are met by answering a written questionnaire yearly, instead of on-site inspection.",
  ],
  [
    "## 12. Revision",
    "Vi opfylder vores revisionsforpligtelser ved at besvare et skriftligt spørgeskema årligt " +
      "frem for fysisk inspektion.",
  ],
])("how the processor meets audits, the alternative set aside: %s", async (heading, text) => {
  expect((await audit(heading, text))?.methods?.value).toEqual(["WRITTEN_SUPERVISION"]);
});

test.each([
  ["## 4.10 Audits", "The Vendor answers audits with written self-assessments."],
  ["## 12. Revision", "Revisionen sker, hvor det er muligt, som skriftlige selvevalueringer fra leverandøren."],
])("written self-assessments are a written confirmation: %s", async (heading, text) => {
  expect((await audit(heading, text))?.methods?.value).toEqual(["WRITTEN_CONFIRMATION"]);
});

test.each([
  ["## 6. Audits", "The Client may audit the Vendor. The Client is responsible for the costs of any audit."],
  [
    "## 6. Audits",
    "The Client may audit the Vendor. Visits to its premises are subject to reimbursement of the Vendor's " +
      "reasonable costs.",
  ],
  [
    "## 12. Revision",
    "Kunden kan foretage revision hos leverandøren. Kunden er ansvarlig for alle omkostninger ved revisionen.",
  ],
  [
    "## 12. Revision",
    "Kunden kan foretage revision hos leverandøren. Revisionen sker mod betaling af databehandlerens rimelige " +
      "omkostninger.",
  ],
])("the controller paying for the audit, in other words: %s / %s", async (heading, text) => {
  expect((await audit(heading, text))?.paidBy?.value).toBe("CONTROLLER");
});

test.each([
  [
    "## Sub-processors",
    "We tell you before adding a subprocessor, and you may object. If you object, we may terminate the contract by " +
      "giving you one month's notice.",
  ],
  [
    "## Underdatabehandlere",
    "Før vi tager nye underdatabehandlere i brug, underretter vi dig, så du kan gøre indsigelse. Gør du indsigelse, " +
      "kan vi opsige aftalen med dig med en måneds varsel.",
  ],
])("a notice for terminating the agreement is no notice of a change of sub-processors: %s", async (...lines) => {
  const d = await markdown("# Data Processing Agreement", "", ...lines);
  expect(d.clauses.subprocessorNoticeDays).toBeNull();
});

test.each([
  ["Quillmere’s processing of data on behalf of you is set out below.", "Quillmere"],
  ["These terms govern Brisk Labs' processing of personal data on behalf of the Customer.", "Brisk Labs"],
  ["Dette bilag regulerer Birkholt ApS' behandling af personoplysninger på vegne af kunden.", "Birkholt ApS"],
])("the processor named as whose processing the agreement governs: %s", async (sentence, name) => {
  const d = await markdown("# Data Processing Agreement", "", sentence);
  expect(processorOf(d)?.name.value).toBe(name);
});

test.each([
  ["We use Brisk Base and Orbel to store these data, and they process data on our behalf.", ["Brisk Base", "Orbel"]],
  [
    "Vi bruger Brisk Base, Orbel og Tamsin Mail til at opbevare data, og de behandler data på vores vegne.",
    ["Brisk Base", "Orbel", "Tamsin Mail"],
  ],
])("companies the processor says it uses on its behalf, in a sentence: %s", async (sentence, names) => {
  expect(await subprocessors("## Purposes", "", sentence)).toEqual(names);
});

test("companies used without processing on the processor's behalf are no sub-processors", async () => {
  expect(await subprocessors("## Security", "", "We use Brisk Base and Orbel to store the keys we hold.")).toEqual([]);
});

test.each([
  [
    "## 7. Subcontracting",
    "1. The Vendor currently engages the following subcontractor: Brisk Hosting.",
    ["Brisk Hosting"],
  ],
  [
    "## 7. Underleverandører",
    "Databehandleren anvender følgende underleverandører: Brisk Hosting og Orbel.",
    ["Brisk Hosting", "Orbel"],
  ],
])("a sentence introducing its few sub-processors as the list: %s", async (heading, sentence, names) => {
  expect(await subprocessors(heading, "", sentence)).toEqual(names);
});

test.each([
  [
    "## 7. Subcontracting",
    "2. Additional subcontractors may be added after we notify the client in writing. The client may reject any of " +
      "them.",
  ],
  [
    "## 7. Underleverandører",
    "2. Yderligere underleverandører må anvendes; de skal varsles skriftligt over for kunden, før behandlingen " +
      "begynder. Kunden kan afvise underleverandører.",
  ],
])(
  "a new sub-processor notified, then rejectable in the next sentence, is a general authorisation: %s",
  async (...l) => {
    const d = await markdown("# Data Processing Agreement", "", ...l);
    expect(d.clauses.subprocessorAuthorization?.value).toBe("GENERAL");
  },
);
