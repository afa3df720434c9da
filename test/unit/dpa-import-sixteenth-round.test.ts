// General failure causes found in the twelfth held-out part (issue 17, sixteenth round), each as a rule on made-up
// text: who pays for an audit in a SaaS agreement's present tense and names ("the Subscriber bears the cost", "You bear
// your own costs"), each party paying its own, the template's English version known by its subtitle and its long C.7
// heading, a list of data under a lead-in that forbids it, a table's data-category column, parts of a birth date,
// a pupil's identifier and technical logs as data, a party's address in labelled lines (the SCCs' Annex I) or after
// "with business address", and company numbers under their own countries' labels.
import { markdown, processorOf } from "../helpers/made-up-dpa";

const paidBy = async (...lines: string[]) =>
  (await markdown("# Data Processing Agreement", "", ...lines)).clauses.processorAudit?.paidBy?.value ?? null;

test.each([
  "Audits are commissioned by the Subscriber; the Subscriber bears the cost of any such audit.",
  "Customer bears its audit costs unless the audit shows a material breach by Lumora.",
  "You may audit us once a year on 30 days' notice. You bear your own costs of the audit.",
])("the controller paying, in the present tense and by its SaaS name: %s", async (text) => {
  expect(await paidBy("## 9. Audits", "", text)).toBe("CONTROLLER");
});

test.each([
  "The processor and the controller shall cover their own costs in connection with an audit.",
  "Each party bears its own costs of an audit under this section.",
  "Hver part afholder egne omkostninger i forbindelse med en revision.",
  "Parterne afholder hver især egne omkostninger ved en revision.",
])("each party paying its own: %s", async (text) => {
  expect(await paidBy("## 9. Audit", "", text)).toBe("SHARED");
});

/** A made-up copy of the template's English version: renumbered clauses, bold annex headings. */
const templateCopy = (subtitle: string, auditHeading: string, auditText: string) => [
  "# Data Processing Agreement",
  "",
  `*${subtitle}*`,
  "",
  ...[
    "Preamble",
    "The rights and obligations of the data controller",
    "The data processor acts according to instructions",
    "Confidentiality",
    "Security of processing",
    "Use of sub-processors",
    "Transfer of data to third countries or international organisations",
    "Assistance to the data controller",
    "Notification of personal data breach",
    "Erasure and return of data",
    "Audit and inspection",
  ].flatMap((t, i) => [`## ${i + 1}. ${t}`, "", `Clause text ${i + 1} on the personal data processed.`, ""]),
  "## Appendix C - Instruction pertaining to the use of personal data",
  "",
  ...[
    "The subject of/instruction for the processing",
    "Security of processing",
    "Assistance to the data controller",
    "Storage period/erasure procedures",
    "Processing location",
    "Instruction on the transfer of personal data to third countries",
  ].flatMap((t, i) => [`**C.${i + 1}. ${t}**`, "", `Instruction ${i + 1}.`, ""]),
  `**${auditHeading}**`,
  "",
  auditText,
];

test("the template's English version known by its subtitle, its long C.7 heading read as the section", async () => {
  const d = await markdown(
    ...templateCopy(
      "For the purposes of Article 28(3) of Regulation 2016/679 (the GDPR) (as based on Opinion 14/2019 by the EDPB)",
      "C.7. Procedures for the data controller’s audits, including inspections, of the processing of personal data " +
        "being performed by the data processor",
      "The data processor and the data controller shall each cover their own costs of any audit.",
    ),
  );
  expect(d.template).toBe("DATATILSYNET_SCC");
  expect(d.clauses.processorAudit?.paidBy?.value).toBe("SHARED");
  expect(d.clauses.processorAudit?.paidBy?.citations[0].reference).toMatch(/C\.7/);
});

test("the template's Danish version known by the EDPB opinion it names", async () => {
  const d = await markdown(
    ...templateCopy(
      "Standardvilkår i henhold til artikel 28, stk. 3, udarbejdet efter Databeskyttelsesrådets udtalelse 14/2019",
      "C.7. Procedurer for den dataansvarliges revisioner, herunder inspektioner, med behandlingen af " +
        "personoplysninger, der er overladt til databehandleren",
      "Hver part afholder egne omkostninger ved revisionen.",
    ),
  );
  expect(d.template).toBe("DATATILSYNET_SCC");
});

const categories = async (...lines: string[]) =>
  (await markdown("# Data Processing Agreement", "", ...lines)).dataCategories.map((c) => c.value.key).sort();

test.each([
  [
    "The Customer agrees not to upload or store the following data in the Service:",
    ["- payment card numbers", "- biometric data", "- precise geolocation"],
  ],
  ["Files stored in the Service must not contain:", ["- photographs of children", "- voice recordings"]],
  [
    "Kunden må ikke opbevare følgende oplysninger i tjenesten:",
    ["- CPR-numre", "- helbredsoplysninger", "- biometriske data"],
  ],
])("a list under a lead-in that forbids it is no data processed: %s", async (lead, items) => {
  const keys = await categories(
    "## 2. The service",
    "",
    "The service stores the names and e-mail addresses of the customer's staff.",
    "",
    "## 5. Prohibited data",
    "",
    lead,
    "",
    ...items,
  );
  expect(keys).toEqual(["user.contact.email", "user.name"]);
});

test.each([
  ["| Data Category | Purpose | Retention |", "| Staff names and email | Log-in | Term |"],
  ["| Datakategori | Formål | Opbevaring |", "| Medarbejderes navne og email | Login | Aftalens løbetid |"],
])("a table's data-category column: %s", async (head, row) => {
  const keys = await categories("## 2. Scope of processing", "", head, "|---|---|---|", row);
  expect(keys).toEqual(["user.contact.email", "user.name"]);
});

test.each([
  ["Categories of personal data: student identifiers, birth month and year, diagnostic logs.", "en"],
  ["Kategorier af personoplysninger: elevnummer, fødselsår og systemlogs.", "da"],
])("parts of a birth date, a pupil's identifier and technical logs are data: %s", async (text) => {
  expect(await categories("## 2. Data", "", text)).toEqual([
    "system.operations",
    "user.demographic.date_of_birth",
    "user.unique_id",
  ]);
});

test.each([
  ["Name", "Address", "Brightpost LLC", "12 Harbour Road, Suite 4, Portland, Maine 04101, USA", "US"],
  ["Navn", "Adresse", "Brightpost ApS", "Havnegade 12, 2. sal, 5000 Odense C, Danmark", "DK"],
])("a party's address in labelled lines (%s / %s)", async (nameLabel, addressLabel, name, address, country) => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    `This agreement is between the customer and ${name} ("Processor").`,
    "",
    "## Annex I",
    "",
    "**Data importer(s):**",
    "",
    `${nameLabel}: ${name}`,
    "",
    `${addressLabel}: ${address}`,
    "",
    "Role (controller/processor): Processor",
  );
  const processor = processorOf(d);
  expect(processor?.address?.value).toBe(address);
  expect(processor?.countryCode).toBe(country);
});

test("a party's address after 'with business address'", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "This agreement is made between the customer (“the data controller”) and Fjordlys AS with business address " +
      "Kaigata 4, 5003 Bergen, Norway (“Fjordlys” or “the data processor”).",
  );
  const processor = processorOf(d);
  expect(processor?.name.value).toBe("Fjordlys AS");
  expect(processor?.address?.value).toBe("Kaigata 4, 5003 Bergen, Norway");
  expect(processor?.countryCode).toBe("NO");
});

test.each([
  ["LLPIN QXZ-1234", "QXZ-1234"],
  ["CRN 09876543", "09876543"],
])("a company number under its country's label: %s", async (label, number) => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    `This agreement is between you ("Controller") and **Ravelin Works LLP**, ${label}, 14 Lake Road, Pune 411001, ` +
      'India ("Processor").',
  );
  const processor = processorOf(d);
  expect(processor?.registrationNumber?.value).toBe(number);
  expect(processor?.address?.value).toBe("14 Lake Road, Pune 411001, India");
});

const breachHours = async (...lines: string[]) =>
  (await markdown("# Data Processing Agreement", "", ...lines)).clauses.breachNotificationHours?.value ?? null;

test.each([
  "- Notify the Customer without undue delay and, where possible, within 72 hours of learning of the breach, in " +
    "line with Article 33 GDPR.",
  "- Databehandleren skal underrette den dataansvarlige uden unødig forsinkelse og senest inden for 72 timer efter " +
    "at have fået kendskab til bruddet, jf. artikel 33.",
])("72 hours to the controller, article 33 named after it, is the processor's deadline: %s", async (item) => {
  expect(await breachHours("## 6. Breaches", "", "If a breach occurs, the processor will:", "", item)).toBe(72);
  // Towards the authority, after a notice to the controller: the controller's own 72 hours, not the processor's.
  const own =
    "The processor shall notify the controller of a breach so that the controller can notify the supervisory " +
    "authority within 72 hours.";
  expect(await breachHours("## 6. Breaches", "", own)).toBeNull();
});

test("a breach called a personal data incident", async () => {
  expect(
    await breachHours(
      "## 7. Incidents",
      "",
      'On learning of any unlawful access to Personal Data (a "Personal Data Incident"), Lumora will tell the ' +
        "Customer within 48 hours.",
    ),
  ).toBe(48);
});

test.each([
  ["## 9. Information and review", "Customer bears its own costs of any review."],
  ["## 9. Gennemgang og kontrol", "Kunden afholder egne omkostninger ved gennemgangen."],
])("who pays, said in a section on reviewing the processor: %s", async (heading, costs) => {
  expect(
    await paidBy(heading, "", "The customer may request an on-site audit once a year.", "", "Costs.", "", costs),
  ).toBe("CONTROLLER");
});

test.each([
  ["with business address", "Kaigata 4, 5003 Bergen, Norway", "NO"],
  ["med adresse på", "Strandvejen 9, 8000 Aarhus C, Danmark", "DK"],
])("an address after the legal name of a party first called by its short name (%s)", async (lead, address, cc) => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "This DPA is part of the Fjordlys Terms of Service, between Customer and Fjordlys, and governs how Fjordlys " +
      "processes personal data for the customer. It is entered into between the customer (“the data controller”) " +
      `and Fjordlys AS ${lead} ${address} (“Fjordlys” or “the data processor”).`,
  );
  const processor = processorOf(d);
  expect(processor?.name.value).toBe("Fjordlys AS");
  expect(processor?.address?.value).toBe(address);
  expect(processor?.countryCode).toBe(cc);
});

test.each([
  "On written request, Lumora will provide the Customer with its latest audit report or, where no such report " +
    "exists, a written summary of its security practices.",
  "Ved revision udleverer databehandleren sin seneste rapport til den dataansvarlige eller, hvis en sådan ikke " +
    "findes, en skriftlig opsummering af sine sikkerhedsforanstaltninger.",
])("a fallback offered where a report does not exist is still a method: %s", async (text) => {
  const d = await markdown("# Data Processing Agreement", "", "## 6. Audits", "", text);
  expect(d.clauses.processorAudit?.methods?.value).toEqual(["WRITTEN_CONFIRMATION"]);
});

test.each([
  "Customer Personal Data may relate to the Customer's personnel, prospects and end users.",
  "Personoplysningerne kan vedrøre kundens ansatte, potentielle kunder og slutbrugere.",
])("a sentence saying whom the personal data relates to names the data subjects: %s", async (text) => {
  const d = await markdown("# Data Processing Agreement", "", "## 2. Scope of the service", "", text);
  expect(d.dataSubjectCategories.map((s) => s.value).sort()).toEqual(["employee", "end_user", "prospect"]);
});

test.each([
  ["It may include analytics, product-usage and event data, and support communications.", "en"],
  ["Det kan omfatte supportkorrespondance og produktets brugsdata.", "da"],
])("product-usage data and support communications are data: %s", async (text) => {
  const keys = await categories("## 2. Scope of the service", "", text);
  expect(keys).toEqual(["user.behavior.product_usage", "user.content.communication"]);
});

test("images said to depict people are images of them", async () => {
  const keys = await categories(
    "## 2. Scope of the service",
    "",
    "**Types of personal data:** contact details; images that may depict identifiable individuals.",
  );
  expect(keys).toEqual(["user.contact", "user.content.self_image"]);
});
