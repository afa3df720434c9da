// General failure causes found in the sixteenth held-out part (issue 17, twentieth round), each as a rule on made-up
// text. A heading's list of data goes on past bold group labels over lists ("**Account data:**" then bullets); words
// that are data only as items of a list ("organization" after a bracket, "handle" at a table cell's edge); data
// vocabulary as lists phrase it ("contact info", "communication records", "likeness", "actions performed", Danish
// alike), denials still excluded; a list of what sub-processors must do is no list of them; a listed sub-processor's
// short name in a summary row is the same one; a kind of service ("Cloud Provider") is no name; a US state's code
// before "USA" is no country; Latin American countries; a party written with unfilled fields before the bracket of
// defined terms that gives its role; "bears costs" without an article; a breach deadline aimed at ("with a target of
// 48 hours"); a deletion within a period, and after a period in a list under the end; workspace members are users and
// owners of profiles no shareholders; a participle clause after a party's name is no address; an address label over
// an unfilled field; a company the providers are "reached through"; the processor with its role after its name.
import { markdown, processorOf } from "../helpers/made-up-dpa";

const draftOf = (...lines: string[]) => markdown("# Data Processing Agreement", "", ...lines);
const categories = async (...lines: string[]) => (await draftOf(...lines)).dataCategories.map((c) => c.value.key);
const names = async (...lines: string[]) => (await draftOf(...lines)).subprocessors.map((s) => s.value.name);

test.each([
  ["English", "### 3.2 Types of Personal Data", "**Account Data:**", "**Technical Data:**"],
  ["Danish", "### 3.2 Typer af personoplysninger", "**Kontodata:**", "**Tekniske data:**"],
])("%s: a heading's list goes on past bold group labels over lists", async (_l, heading, first, second) => {
  const keys = await categories(
    heading,
    "",
    first,
    "- Name",
    "",
    second,
    "- IP addresses",
    "",
    "**Note:**",
    "",
    "Staff may see phone numbers.",
  );
  expect(keys).toEqual(expect.arrayContaining(["user.name", "user.device.ip_address"]));
  // A bold label over a paragraph, not a list, still ends the heading's text.
  expect(keys).not.toContain("user.contact.phone_number");
});

test.each([
  ["- Professional information (organization, job title)", "user.workplace"],
  ["- Faglige oplysninger (organisation, titel)", "user.workplace"],
])("a list-item word after a bracket: %s", async (item, key) => {
  expect(await categories("## 4. Categories of personal data", "", "- Name", item)).toContain(key);
});

test("a list-item word at a table cell's edge: handle", async () => {
  const keys = await categories(
    "## 3. Data subjects and categories of data",
    "",
    "| Data subjects | Categories of personal data |",
    "|---|---|",
    "| Account owners | handle, name, posts |",
    "| Staff who handle tickets | e-mail |",
  );
  expect(keys).toContain("user.account.username");
  // The verb is no data: one username, cited at the list's item.
  expect(keys.filter((k) => k === "user.account.username")).toHaveLength(1);
});

test.each([
  ["- Contact info, communication records", ["user.contact", "user.content.communication"]],
  ["- Kontaktdata og chathistorik", ["user.contact", "user.content.communication"]],
  ["- Images, likeness", ["user.content.self_image"]],
  ["- Portrætter", ["user.content.self_image"]],
  ["- Actions performed in the workspace", ["user.behavior.product_usage"]],
  ["- Foretagne handlinger i systemet", ["user.behavior.product_usage"]],
  ["- Voice samples", ["user.content.audio_recording"]],
  ["- Stemmedata", ["user.content.audio_recording"]],
  ["- Social media handles", ["user.account.username"]],
])("data vocabulary as lists phrase it: %s", async (item, keys) => {
  expect(await categories("## 3. Categories of personal data", "", item)).toEqual(expect.arrayContaining(keys));
});

test.each([
  [
    "English",
    "Acme will ensure Sub-processors:",
    "- Implement appropriate security measures",
    "- Comply with applicable laws",
  ],
  [
    "Danish",
    "Acme sikrer, at underdatabehandlere:",
    "- Overholder gældende databeskyttelsesregler",
    "- Behandler data fortroligt",
  ],
])("%s: what sub-processors must do is no list of them", async (_l, lead, a, b) => {
  const got = await names(
    "## 5. Sub-processors",
    "",
    "| Sub-processor | Function | Location |",
    "|---|---|---|",
    "| Nimbo Inc. | Hosting | United States |",
    "",
    lead,
    a,
    b,
  );
  expect(got).toEqual(["Nimbo Inc."]);
});

test("a listed sub-processor's short name in a summary row is the same one; a kind of service is none", async () => {
  const got = await names(
    "## 5. Sub-processors",
    "",
    "| Sub-processor | Function | Location |",
    "|---|---|---|",
    "| Nimbo Inc. | Hosting | United States |",
    "| Quillpay | Payments | Colombia |",
    "| Cloud Provider | Hosting | EU |",
    "",
    "## Appendix A",
    "",
    "| Item | Details |",
    "|---|---|",
    "| **Sub-processors** | Nimbo, Quillpay |",
  );
  expect(got).toEqual(["Nimbo Inc.", "Quillpay"]);
});

test("a US state's code before USA is no country; Colombia is one", async () => {
  const d = await draftOf(
    "## 5. Sub-processors",
    "",
    "| Sub-processor | Address | Service |",
    "|---|---|---|",
    "| Nimbo Inc. | San Francisco, CA, USA | Hosting |",
    "| Quillpay S.A.S. | Bogotá, Colombia | Payments |",
  );
  expect(d.subprocessors.map((s) => [s.value.name, s.value.countryCode])).toEqual([
    ["Nimbo Inc.", "US"],
    ["Quillpay S.A.S.", "CO"],
  ]);
});

test.each([
  [
    "English",
    "This DPA is made between **[LEGAL ENTITY]**, Italy, VAT no. **[VAT]**, **[ADDRESS]** " +
      '("Brio", the "Processor") and the business customer (the "Customer").',
  ],
])("%s: a party with unfilled fields before its role's bracket is marked unfilled", async (_l, line) => {
  const d = await draftOf(line, "", "## 1. Processing", "", "Brio processes personal data for the customer.");
  // Since the fiftieth round the short name the party's own line defines is its name (the corpus reads it so).
  expect(processorOf(d)?.name.value).toBe("Brio");
  const paths = (d.placeholders ?? []).map((p) => p.path);
  expect(paths).toEqual(
    expect.arrayContaining([
      "parties.PROCESSOR.name",
      "parties.PROCESSOR.registrationNumber",
      "parties.PROCESSOR.address",
    ]),
  );
});

const clausesOf = async (...lines: string[]) => (await draftOf(...lines)).clauses;

test("who pays an audit: 'bears costs' without an article", async () => {
  const clauses = await clausesOf(
    "## 12. Audit Rights",
    "",
    "The Customer may audit Brisk's compliance once per calendar year with 30 days written notice.",
    "",
    "- **Costs:** Customer bears costs of the audit.",
  );
  expect(clauses.processorAudit?.paidBy?.value).toBe("CONTROLLER");
});

test.each([
  ["Brisk notifies the Customer without undue delay, with a target of 48 hours, after becoming aware of a breach."],
  ["Brisk underretter kunden om brud på persondatasikkerheden uden unødig forsinkelse, med et mål om 48 timer."],
])("a breach deadline aimed at: %s", async (line) => {
  expect((await clausesOf("## 10. Personal data breaches", "", line)).breachNotificationHours?.value).toBe(48);
});

test.each([
  ["At termination, Brisk deletes Customer Personal Data within 30 days."],
  ["Ved ophør sletter Brisk kundens personoplysninger inden for 30 dage."],
])("a deletion within a period at the end: %s", async (line) => {
  const clauses = await clausesOf("## 11. End of processing", "", line);
  expect(clauses.endOfContractAction?.value).toBe("DELETE");
});

test.each([
  [["Upon termination:", "", "- Customer may export all data", "- Brisk deletes all data after 30 days"]],
  [["Ved ophør:", "", "- Kunden kan eksportere alle data", "- Brisk sletter alle data efter 30 dage"]],
])("a deletion after a period in a list under the end (%#)", async (lines) => {
  expect((await clausesOf("## 8. Return and deletion", "", ...lines)).retentionAfterEndDays?.value).toBe(30);
});

const subjectsOf = async (...lines: string[]) =>
  (await draftOf("## 3. Categories of data subjects", "", ...lines)).dataSubjectCategories.map((c) => c.value);

test.each([
  ["- Workspace members and invitees", "- Owners of public profiles the Customer follows"],
  ["- Teammedlemmer og inviterede brugere", "- Ejere af offentlige profiler"],
])("members of a workspace are users; owners of profiles are no shareholders: %s", async (members, owners) => {
  const got = await subjectsOf(members, owners);
  expect(got).toContain("end_user");
  expect(got).not.toContain("member");
  expect(got).not.toContain("shareholder");
});

test.each([
  ["- **Data Processor**: Brisk Cloud, acting on behalf of the Data Controller"],
  ["- **Databehandler**: Brisk Cloud, på vegne af den dataansvarlige"],
])("a participle clause after a party's name is no address: %s", async (line) => {
  const party = processorOf(await draftOf("## 2. Roles", "", line));
  expect(party?.name.value).toBe("Brisk Cloud");
  expect(party?.address).toBeNull();
});

test.each([
  [
    [
      "## 1. Parties",
      "",
      "Brisk Analytics provides the Service.",
      "",
      "## 20. Contact",
      "",
      "**Physical Address:**",
      "[Your Company Address]",
    ],
  ],
  [
    [
      "## 1. Parter",
      "",
      "Brisk Analytics leverer tjenesten.",
      "",
      "## 20. Kontakt",
      "",
      "**Adresse:**",
      "[Indsæt adresse]",
    ],
  ],
])("an address label over an unfilled field marks the processor's address unfilled (%#)", async (lines) => {
  const d = await draftOf('This DPA is between Brisk Analytics ("Processor") and the Customer.', "", ...lines);
  expect(processorOf(d)?.name.value).toBe("Brisk Analytics");
  expect((d.placeholders ?? []).map((p) => p.path)).toContain("parties.PROCESSOR.address");
});

test.each([
  ["## 7. Sub-processors", "AI model providers are reached through Modelgate, whose catalogue changes over time."],
  ["## 7. Underdatabehandlere", "AI-modellerne tilgås via Modelgate, hvis katalog ændres over tid."],
])("%s: a company the providers are reached through is a sub-processor", async (heading, line) => {
  expect(await names(heading, "", "The Customer gives a general authorisation.", "", line)).toEqual(["Modelgate"]);
});

test.each([
  ["THIS DPA IS ENTERED BETWEEN THE SELLER AS A CONTROLLER AND BRISKLY AS A PROCESSOR.", "Briskly"],
  ["Aftalen er indgået mellem kunden som dataansvarlig og Briskly som databehandler.", "Briskly"],
])("the processor named with its role after it: %s", async (line, name) => {
  const d = await draftOf(line, "", "## 1. Processing", "", "Briskly processes personal data for the seller.");
  expect(processorOf(d)?.name.value).toBe(name);
});
