// General failure causes found in the nineteenth held-out part (issue 17, twenty-third round), each as a rule on
// made-up text. The section that lists the data comes after a sentence that only names the words on its way; a word
// between "types of" and "personal data" ("Types of Customer Personal Data"); a hyphenated "Data-subject categories"
// heading; usage metadata, card data kept after payment, order contents and diners; data said not to be collected;
// an on-site inspection "in place of" which documents are accepted is none; "on-site or remote audits"; a heading
// on sub-processors over a list with no sentence between; the processor's country in "X is established in India"
// and, for a processor that calls itself "we", "We are located in the United States"; "unless the Controller
// instructs otherwise …, we will delete" is the controller's choice.
import { markdown, processorOf } from "../helpers/made-up-dpa";

const draftOf = (...lines: string[]) => markdown("# Data Processing Agreement", "", ...lines);
const keys = async (...lines: string[]) => (await draftOf(...lines)).dataCategories.map((c) => c.value.key);

test("the data section after a sentence that names the words on its way is the one read", async () => {
  const found = await keys(
    "## 2. Roles",
    "",
    "You are the Controller of Personal Data processed through the Lantern app. You determine:",
    "",
    "- Which boards are shared",
    "- Which people are invited",
    "",
    "## 3. Processing details",
    "",
    "### 3.1 Types of Personal Data",
    "",
    "- IP addresses",
    "- Chat messages",
  );
  expect(found).toEqual(expect.arrayContaining(["user.device.ip_address", "user.content.communication"]));
});

test("a word naming whose data it is between 'types of' and 'personal data'", async () => {
  const found = await keys(
    "## 1. Security",
    "",
    "- **Credential management:** API keys are kept in a vault.",
    "",
    "## Annex 1: Details of processing",
    "",
    "- **Duration:** For the term of the subscription.",
    "- **Types of Customer Personal Data:** names, email addresses and phone numbers of the customer's tenants.",
  );
  expect(found.sort()).toEqual(["user.contact.email", "user.contact.phone_number", "user.name"]);
});

test("a hyphenated 'Data-subject categories' heading names the data subjects", async () => {
  const draft = await draftOf(
    "## 4. Data-subject categories",
    "",
    "- The Controller's employees and authorised users.",
    "- The Controller's counterparties whose data is uploaded.",
  );
  expect(draft.dataSubjectCategories.map((c) => c.value).sort()).toEqual(["business_partner", "employee", "end_user"]);
});

test("usage metadata, card data kept after payment and order contents are data; diners are customers", async () => {
  const draft = await draftOf(
    "## 3. Types of personal data",
    "",
    "- Usage metadata (timestamps, counts of visits)",
    "- Payment card data: brand and last four digits",
    "- Order contents and delivery notes",
    "",
    "## 4. Categories of data subjects",
    "",
    "- Diners who book a table",
  );
  expect(draft.dataCategories.map((c) => c.value.key).sort()).toEqual([
    "user.behavior.product_usage",
    "user.behavior.purchase_history",
    "user.payment",
  ]);
  expect(draft.dataSubjectCategories.map((c) => c.value)).toEqual(["customer"]);
});

test("data said not to be collected is not processed data", async () => {
  const found = await keys(
    "## 3. Types of personal data",
    "",
    "- First name and last name",
    "- Email address is not collected at the counter.",
  );
  expect(found).toEqual(["user.name"]);
});

test("an on-site inspection in place of which documents are accepted is no method", async () => {
  const draft = await draftOf(
    "## 9. Audits",
    "",
    "The Customer may audit the Supplier once in any twelve-month period. In the first instance the Customer shall",
    "accept a completed security questionnaire in place of an on-site inspection.",
  );
  expect(draft.clauses.processorAudit.methods?.value).toEqual(["WRITTEN_SUPERVISION"]);
});

test("'on-site or remote audits' is an on-site audit and a remote one", async () => {
  const draft = await draftOf(
    "## 9. Audits",
    "",
    "Once a year the Customer may request evidence of compliance. On-site or remote audits can be arranged on",
    "reasonable notice and at the Customer's cost.",
  );
  expect(draft.clauses.processorAudit.methods?.value?.sort()).toEqual(["PHYSICAL_INSPECTION", "WRITTEN_SUPERVISION"]);
});

test("a heading on sub-processors over a list with no sentence between: each item's name", async () => {
  const draft = await draftOf(
    "## 2. Subprocessors (current)",
    "",
    "- **Brevdue** — transactional email",
    "- **Nimbus Cloud** — hosting; **Nimbus Files** — menu images",
    "- **Kassebox Pay** — payment gateway",
    "",
    "We will tell the Restaurant of new subprocessors by email.",
  );
  expect(draft.subprocessors.map((s) => s.value.name)).toEqual(["Brevdue", "Nimbus Cloud", "Kassebox Pay"]);
});

test.each([
  [
    "established in",
    'This agreement is between the Customer and **Tavlebog**, a sole proprietorship (**"Tavlebog"**).',
    "The Customer acknowledges that Tavlebog is established in **India** and that transfers need a safeguard.",
    "IN",
  ],
  [
    "'we' located in",
    'This DPA is between Tavlebog ("Tavlebog," "we," "us") and the customer ("Customer," "you").',
    "We are located in the United States and process Customer Personal Data there.",
    "US",
  ],
])("the processor's country from a sentence saying where it is (%s)", async (_l, parties, where, country) => {
  const draft = await draftOf(parties, "", "## 11. International transfers", "", where);
  expect(processorOf(draft)?.name.value).toBe("Tavlebog");
  expect(processorOf(draft)?.countryCode).toBe(country);
});

test("'unless the Controller instructs otherwise …, we will delete' leaves the end to the controller", async () => {
  const draft = await draftOf(
    "## 9. Deletion and return",
    "",
    "On termination the Controller may export its records. Unless the Controller instructs otherwise within 30",
    "days of termination, we will delete the personal data in our possession.",
  );
  expect(draft.clauses.endOfContractAction?.value).toBe("CONTROLLER_CHOICE");
});
