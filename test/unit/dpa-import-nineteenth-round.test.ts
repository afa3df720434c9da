// General failure causes found in the fifteenth held-out part (issue 17, nineteenth round), each as a rule on made-up
// text. Vocabulary breadth as DPAs in general phrase data and data subjects ("bank account identifiers",
// "remuneration", "geographic region", "page URLs", "cart contents", "counterparties"; Danish alike), with denials
// still excluded; two contact phrases sharing a word ("postal and email addresses", "post- og e-mailadresser"); an
// identifier said to be pseudonymised; a breach notice's list ("categories of data affected") is not the section on
// the data processed; the people whose data it is ("its patients' data", "Student information" at a school) when
// nothing names the data subjects; audit methods as commonly worded ("written documentation", "on-site audits",
// "one remote audit request per year") and a method held back for an authority's demand; a sub-processor located in a
// region ("EU (AWS eu-north-1, Stockholm)", "EU/US") has no one country; the country a processor is registered in on
// the line after its bold name and defined terms; "relies on Microsoft as a sub-processor"; "authorizes Brisk to use
// subprocessors" is general; deletion after account closure, and a lead-in naming the end over a list of what is
// deleted; a processor named with an apposition before "is your processor"; the names a sub-processor paragraph says
// the platform may use.
import { markdown, processorOf } from "../helpers/made-up-dpa";

const draftOf = (...lines: string[]) => markdown("# Data Processing Agreement", "", ...lines);
const categories = async (...lines: string[]) => (await draftOf(...lines)).dataCategories.map((c) => c.value.key);
const subjects = async (...lines: string[]) => (await draftOf(...lines)).dataSubjectCategories.map((c) => c.value);

test.each([
  ["- Bank account identifiers", "user.financial.bank_account"],
  ["- Remuneration where payroll entries are kept", "user.employment.salary"],
  ["- Geographic region", "user.location"],
  ["- Page URLs and referral source", "user.behavior.browsing_history"],
  ["- Cart contents", "user.behavior.purchase_history"],
  ["- Device ID", "user.device.device_id"],
  ["- Credit card numbers", "user.financial.credit_card"],
  ["- Usage statistics", "user.behavior.product_usage"],
])("a common English data category: %s", async (item, key) => {
  expect(await categories("## 3. Categories of personal data", "", item, "- Names")).toContain(key);
});

test.each([
  ["- Aflønning", "user.employment.salary"],
  ["- Geografisk region", "user.location"],
  ["- Besøgte sider", "user.behavior.browsing_history"],
  ["- Indkøbskurv", "user.behavior.purchase_history"],
  ["- Kortoplysninger", "user.financial.credit_card"],
  ["- Anvendelsesdata", "user.behavior.product_usage"],
])("a common Danish data category: %s", async (item, key) => {
  expect(await categories("## 3. Kategorier af personoplysninger", "", item, "- Navne")).toContain(key);
});

test("a denied category stays out while a listed one is read", async () => {
  const keys = await categories(
    "## 3. Categories of personal data",
    "",
    "- Names and remuneration",
    "",
    "Brisk does not collect bank account identifiers.",
  );
  expect(keys).toContain("user.employment.salary");
  expect(keys).not.toContain("user.financial.bank_account");
  expect(keys).not.toContain("user.unique_id");
});

test("bank account identifiers are a bank account, not a user's identifier", async () => {
  const keys = await categories("## 3. Categories of personal data", "", "- Bank account identifiers");
  expect(keys).toEqual(["user.financial.bank_account"]);
});

test.each([
  ["## 4. Categories of data subjects", "Customers, suppliers and other counterparties."],
  ["## 4. Kategorier af registrerede", "Kunder, leverandører og andre modparter."],
])("counterparties are business partners (%#)", async (heading, text) => {
  expect(await subjects(heading, "", text)).toContain("business_partner");
});

test.each([
  [["- Postal and email addresses", "- User and device identifiers"], "## 3. Categories of personal data"],
  [["- Post- og e-mailadresser"], "## 3. Kategorier af personoplysninger"],
])("two contact phrases sharing their last word are both read (%#)", async (items, heading) => {
  const keys = await categories(heading, "", ...items);
  expect(keys).toEqual(expect.arrayContaining(["user.contact.address", "user.contact.email"]));
  // Contact data only: "user and device identifiers" adds no user identifier.
  expect(keys).not.toContain("user.unique_id");
});

test.each([
  ["## 3. Categories of personal data", "- Pseudonymised visitor and session identifiers"],
  ["## 3. Kategorier af personoplysninger", "- Pseudonymiserede bruger-id'er"],
])("an identifier said to be pseudonymised is pseudonymous (%#)", async (heading, item) => {
  const keys = await categories(heading, "", item);
  expect(keys).toContain("user.unique_id.pseudonymous");
  expect(keys).not.toContain("user.unique_id");
});

test("a breach notice's list of what it gives is not the section on the data processed", async () => {
  const keys = await categories(
    "## 2. Details of processing",
    "",
    "| | |",
    "|--|--|",
    "| **Purpose** | Analytics |",
    "| **Categories of data** | Names, email addresses |",
    "",
    "## 8. Personal data breaches",
    "",
    "Brisk notifies the Customer of a personal data breach within 48 hours. Notification will include:",
    "",
    "- Nature of the breach and categories of data affected",
    "- Measures taken or proposed to address the breach",
  );
  expect(keys).toContain("user.contact.email");
  expect(keys).not.toContain("user.contact.address");
});

test.each([
  [["The Controller determines the purposes and means of processing its patients' data."], "patient"],
  [["Databehandleren behandler patientoplysninger på vegne af klinikken."], "patient"],
  [["Student information may be processed only for the school's inventory and reporting purposes."], "child.pupil"],
])("whose data it is names the data subjects when nothing else does (%#)", async (lines, key) => {
  expect(await subjects("## 2. Roles", "", ...lines)).toContain(key);
});

test("students are pupils only where the document is about schools", async () => {
  const found = await subjects("## 2. Roles", "", "Student information is processed for the language course.");
  expect(found).not.toContain("child.pupil");
  const school = await subjects("## 2. Roles", "", "Student information is processed for the school's courses.");
  expect(school).toContain("child.pupil");
});

const audit = async (...lines: string[]) => (await draftOf("## 7. Audits", "", ...lines)).clauses.processorAudit;

test.each([
  ["Audits are primarily carried out through written documentation.", "WRITTEN_SUPERVISION"],
  ["On-site audits may take place at most once a year, at the Customer's expense.", "PHYSICAL_INSPECTION"],
  ["The audit right is satisfied by one remote audit request per year.", "WRITTEN_SUPERVISION"],
])("an audit method as commonly worded: %s", async (text, method) => {
  expect((await audit(text))?.methods?.value).toContain(method);
});

test("one audit a year, counted per year, is a twelve-month interval", async () => {
  const terms = await audit("The audit right is satisfied by up to one remote audit request per year.");
  expect(terms?.intervalMonths?.value).toBe(12);
});

test.each([
  [
    "The Customer may send a written questionnaire. An on-site audit is carried out only where mandated by a " +
      "supervisory authority.",
    "WRITTEN_SUPERVISION",
  ],
  [
    "Kunden kan sende et spørgeskema. Fysisk inspektion sker kun hvor en tilsynsmyndighed kræver det.",
    "WRITTEN_SUPERVISION",
  ],
])("a method held back for an authority's demand is not agreed (%#)", async (text, method) => {
  const methods = (await audit(text))?.methods?.value;
  expect(methods).toContain(method);
  expect(methods).not.toContain("PHYSICAL_INSPECTION");
});

const subprocessorsOf = async (...lines: string[]) =>
  (await draftOf("## 6. Sub-processors", "", ...lines)).subprocessors.map((s) => s.value);

test("a sub-processor located in a region has the country its bracket names, not a data centre's city", async () => {
  const subs = await subprocessorsOf(
    "| Sub-processor | Purpose | Location |",
    "|---|---|---|",
    "| Nimbus Cloud Inc. | Hosting | EU (AWS eu-north-1, Stockholm) |",
    "| Ferro Data SAS | Backups | European Union (France) |",
    "| Postlark Inc. | Email | EU/US (SCCs in place) |",
    "| Skyhus Inc. | Support | United States / Global |",
  );
  const country = (name: string) => subs.find((s) => s.name === name)?.countryCode;
  expect(country("Nimbus Cloud Inc.")).toBeNull();
  expect(country("Ferro Data SAS")).toBe("FR");
  expect(country("Postlark Inc.")).toBeNull();
  expect(country("Skyhus Inc.")).toBe("US");
});

test.each([
  [
    [
      'This DPA forms part of the Terms (the "Agreement") between:',
      "",
      '**Brisk Data Limited** ("Processor", "we", or "Brisk")',
      "Registered in the United Kingdom",
      "",
      "and",
      "",
      '**You** ("Controller" or "Customer")',
    ],
    "GB",
  ],
  [
    [
      "- **Brisk (Norvik Data OÜ)**, a private limited company registered in Estonia under registry code 10000001, " +
        "is your **processor** for that data.",
    ],
    "EE",
  ],
])("the processor's country from where it is registered (%#)", async (lines, country) => {
  expect(processorOf(await draftOf(...lines))?.countryCode).toBe(country);
});

test("a processor named with an apposition before 'is your processor' is its legal entity", async () => {
  const draft = await draftOf(
    "## 1. Roles",
    "",
    "- **Brisk (Norvik Data OÜ)**, a private limited company registered in Estonia, is your **processor** for " +
      "that data.",
  );
  expect(processorOf(draft)?.name.value).toBe("Norvik Data OÜ");
});

test("'relies on X as a sub-processor' names it", async () => {
  const names = (await subprocessorsOf("The Processor relies on Microsoft as a sub-processor for hosting.")).map(
    (s) => s.name,
  );
  expect(names).toEqual(["Microsoft"]);
});

test.each([
  [
    "Customer authorizes Brisk to use subprocessors needed for hosting and email. The current platform may use " +
      "Nimbus, Ferro, Postlark, transactional email providers, and status.io according to the configuration.",
    ["Nimbus", "Ferro", "Postlark", "status.io"],
  ],
  [
    "Kunden giver Brisk lov til at bruge underdatabehandlere. Platformen kan anvende Nimbus, Ferro, Postlark og " +
      "e-mailudbydere efter konfigurationen.",
    ["Nimbus", "Ferro", "Postlark"],
  ],
])("the names a sub-processor paragraph says the platform may use (%#)", async (text, expected) => {
  expect((await subprocessorsOf(text)).map((s) => s.name)).toEqual(expected);
});

test("'authorizes Brisk to use subprocessors' is a general authorisation", async () => {
  const draft = await draftOf(
    "## 5. Service providers",
    "",
    "Customer authorizes Brisk to use subprocessors for hosting.",
  );
  expect(draft.clauses.subprocessorAuthorization?.value).toBe("GENERAL");
});

const ending = async (...lines: string[]) => (await draftOf(...lines)).clauses;

test("deletion after account closure gives the period after the end", async () => {
  const clauses = await ending(
    "## 3. Obligations",
    "",
    "Brisk keeps the data confidential. Data deletion upon account closure is completed within 30 days.",
  );
  expect(clauses.retentionAfterEndDays?.value).toBe(30);
});

test.each([
  [
    [
      "When your account is closed, Brisk:",
      "",
      "- stops all processing at once;",
      "- deletes every copy of the data within thirty days.",
    ],
  ],
  [
    [
      "Ved ophør af aftalen vil Brisk:",
      "",
      "- standse behandlingen;",
      "- slette alle kopier af data inden for 30 dage.",
    ],
  ],
])("a lead-in naming the end over a list of what is deleted (%#)", async (lines) => {
  const clauses = await ending("## 9. End of the processing", "", ...lines);
  expect(clauses.retentionAfterEndDays?.value).toBe(30);
  expect(clauses.endOfContractAction?.value).toBe("DELETE");
});
