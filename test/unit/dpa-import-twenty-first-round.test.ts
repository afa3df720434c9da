// General failure causes found in the seventeenth held-out part (issue 17, twenty-first round), and one a new user
// found, each as a rule on made-up text. A run-in title ("a. Categories of Data Subjects. Controller's end users …")
// heads the rest of its paragraph; who pays an audit "at Controller's own cost" or "at the Client's expense", also in
// a sentence of the audit's paragraph that does not name the audit again; companies the processor "uses" with their
// country in a bracket "for" a purpose (English and Danish), examples and customer-chosen services left out; a
// product with a machine's role ("PostgreSQL host") and a location of two countries name no sub-processor or country;
// "operating X" after a party's name is no address; a method "not available" is none; audit questionnaires; "delete/
// return" at "end of services"; the data subjects under other names ("Whose data", "Categories of individuals", "Hvis
// oplysninger"), in a table's column, in a sentence ("the following data subjects", "Behandlingen vedrører"), and
// common kinds of them (consumers, partners, account holders, minors, passengers, interns, guests).
import { markdown } from "../helpers/made-up-dpa";

const draftOf = (...lines: string[]) => markdown("# Data Processing Agreement", "", ...lines);
const subjects = async (...lines: string[]) => (await draftOf(...lines)).dataSubjectCategories.map((c) => c.value);
const categories = async (...lines: string[]) => (await draftOf(...lines)).dataCategories.map((c) => c.value.key);

test.each([
  ["English", "a. **Categories of Data Subjects.** The Customer's end users, including employees and prospects."],
  ["English, a colon", "(ii) **Data subjects:** The Customer's end users, including employees and prospects."],
  ["Danish", "a. **Kategorier af registrerede.** Kundens slutbrugere, herunder medarbejdere og potentielle kunder."],
])("%s: a run-in title heads the rest of its paragraph", async (_l, line) => {
  const keys = await subjects(
    "### 2. Details of the processing",
    "",
    line,
    "",
    "Suppliers may be notified of incidents.",
  );
  expect(keys).toEqual(expect.arrayContaining(["end_user", "employee", "prospect"]));
  // The paragraph after the run-in title's is not its text.
  expect(keys).not.toContain("supplier_contact");
});

test("a run-in title over data: the data of its paragraph only", async () => {
  const keys = await categories(
    "### 2. Details",
    "",
    "b. **Types of Personal Data.** Contact information, navigational data and system usage data.",
    "",
    "c. **Duration.** The term of the Agreement; IP addresses are kept for logs.",
  );
  expect(keys).toEqual(
    expect.arrayContaining(["user.contact", "user.behavior.browsing_history", "user.behavior.product_usage"]),
  );
  expect(keys).not.toContain("user.device.ip_address");
});

const clausesOf = async (...lines: string[]) => (await draftOf(...lines)).clauses;

test.each([
  ["The Controller may conduct an on-site audit once per year on 30 days' notice, at Controller's own cost."],
  ["The Client may conduct an on-site audit once per year on 30 days' notice, at the Client's expense."],
])("who pays an audit, the article left out or the client named: %s", async (line) => {
  expect((await clausesOf("## 9. Audits", "", line)).processorAudit?.paidBy?.value).toBe("CONTROLLER");
});

test("who pays an audit, in a sentence of the audit's paragraph that does not name it", async () => {
  const clauses = await clausesOf(
    "Audits and Inspections",
    "",
    "Brisk will allow for and contribute to audits, including inspections, conducted by the Client. " +
      "This is subject to reasonable notice, confidentiality obligations, and at the Client's expense.",
  );
  expect(clauses.processorAudit?.paidBy?.value).toBe("CONTROLLER");
});

const subprocessorsOf = async (...lines: string[]) =>
  (await draftOf(...lines)).subprocessors.map((s) => [s.value.name, s.value.countryCode]);

test.each([
  [
    "English, uses",
    "## 2. Sub-processors",
    "The Customer authorizes the Processor to use sub-processors. The Processor uses Hetzner Online GmbH (Germany) " +
      "for hosting and Postmark (United States) for transactional email.",
  ],
  [
    "English, engages",
    "## 2. Sub-processors",
    "The Customer authorizes the Processor to use sub-processors. The Processor engages Hetzner Online GmbH " +
      "(Germany) for hosting, and Postmark (United States) for transactional email.",
  ],
  [
    "English, relies on",
    "## 2. Sub-processors",
    "The Processor relies on Hetzner Online GmbH (Germany) for hosting and Postmark (USA) for e-mail as " +
      "sub-processors.",
  ],
  [
    "Danish",
    "## 2. Underdatabehandlere",
    "Kunden giver databehandleren tilladelse til at bruge underdatabehandlere. Databehandleren anvender Hetzner " +
      "Online GmbH (Tyskland) til hosting og Postmark (USA) til udsendelse af e-mails.",
  ],
])("%s: companies used with their country for a purpose are sub-processors", async (_l, heading, line) => {
  expect(await subprocessorsOf(heading, "", line)).toEqual([
    ["Hetzner Online GmbH", "DE"],
    ["Postmark", "US"],
  ]);
});

test.each([
  [
    "an example",
    "The Processor uses sub-processors, e.g. Hetzner Online GmbH (Germany) for hosting and Postmark (United States) " +
      "for email.",
  ],
  [
    "a Danish example",
    "Databehandleren benytter underdatabehandlere, fx Hetzner Online GmbH (Tyskland) til hosting og Postmark (USA) " +
      "til e-mail.",
  ],
  [
    "a kind of service",
    "The Processor uses sub-processors. The Processor uses Hosting (Germany) for storage and Postmark (United " +
      "States) for email.",
  ],
  [
    "a customer-chosen integration",
    "The Processor uses no other sub-processors. If the Customer enables it, the Service uses Slack (United States) " +
      "for notifications and Zapier (United States) for workflows.",
  ],
])("no sub-processor from %s", async (_l, line) => {
  expect(await subprocessorsOf("## 2. Sub-processors", "", line)).toEqual([]);
});

test("a product with a machine's role ('PostgreSQL host') is no sub-processor; two countries name none", async () => {
  expect(
    await subprocessorsOf(
      "## Annex III: Sub-processors",
      "",
      "| Sub-processor | Purpose | Location |",
      "|---|---|---|",
      "| Nimbo Cloud | Hosting | US |",
      "| PostgreSQL host | Database | TBD |",
      "| Valkey server | Cache | TBD |",
      "| Cohere | Embeddings | US/CA |",
    ),
  ).toEqual([
    ["Nimbo Cloud", "US"],
    ["Cohere", null],
  ]);
});

test("what a party runs after its name ('…, operating NeuroStack') is no address", async () => {
  const d = await draftOf(
    'This DPA is between you and Jane Roe, operating Notely ("Processor", "we").',
    "",
    "## 1. Processing",
    "",
    "Jane Roe processes personal data for you.",
  );
  expect(d.parties.find((p) => p.role === "PROCESSOR")?.address?.value ?? null).toBeNull();
});

test("a method said not to be available is none; audit questionnaires are written supervision", async () => {
  const clauses = await clausesOf(
    "## 10. Audit Rights",
    "",
    "You may request information to verify compliance. We will provide:",
    "",
    "- Written responses to audit questionnaires.",
    "",
    "On-site audits are not available given the serverless infrastructure.",
  );
  expect(clauses.processorAudit?.methods?.value).toEqual(["WRITTEN_SUPERVISION"]);
});

test.each([
  ["Provider will:", "- delete/return Personal Data at end of services (subject to retention needs);"],
  ["Leverandøren skal:", "- slette/tilbagelevere personoplysninger ved ophør af aftalen;"],
])("the two actions set side by side with a slash, at the end: %s", async (lead, item) => {
  const clauses = await clausesOf("## 3. Processor obligations", lead, item, "- keep personnel confidential.");
  expect(clauses.endOfContractAction?.value).toBe("CONTROLLER_CHOICE");
});

test.each([
  ["## 3. Whose data we process", "- Customers", "- Employees"],
  ["## 3. Categories of individuals", "- Customers", "- Employees"],
  ["## 3. Data subject categories", "- Customers", "- Employees"],
  ["## 3. Details", "Individuals whose data is processed: customers and employees."],
  ["## 3. Hvis oplysninger", "- Kunder", "- Medarbejdere"],
  ["## 3. Kategorier af personer", "- Kunder", "- Medarbejdere"],
])("the data subjects under another name: %s", async (heading, ...lines) => {
  const keys = await subjects(heading, "", ...lines, "", "## 4. Security", "", "Suppliers are vetted.");
  expect(keys).toEqual(["customer", "employee"]);
});

test("a table's column headed 'Data subjects'", async () => {
  const keys = await subjects(
    "## 3. Details",
    "",
    "| Data subjects | Personal data |",
    "|---|---|",
    "| Customers, employees | Name, e-mail |",
  );
  expect(keys).toEqual(["customer", "employee"]);
});

test.each([
  ["The processing concerns the following data subjects: customers and employees."],
  ["Behandlingen vedrører kundens kunder og medarbejdere."],
])("a sentence naming the data subjects: %s", async (line) => {
  expect(await subjects("## 3. Details", "", line)).toEqual(["customer", "employee"]);
});

test.each([
  ["Consumers", "customer"],
  ["Forbrugere", "customer"],
  ["Business and channel partners", "business_partner"],
  ["Account holders", "end_user"],
  ["Kontohavere", "end_user"],
  ["Minors", "child"],
  ["Passengers", "passenger"],
  ["Interns and apprentices", "trainee"],
  ["Praktikanter", "trainee"],
  ["Hotel guests", "visitor"],
])("a common kind of data subject: %s", async (item, key) => {
  expect(await subjects("## 3. Categories of data subjects", "", `- ${item}`)).toEqual([key]);
});
