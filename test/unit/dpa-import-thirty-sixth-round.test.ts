// General failure causes found in the twenty-ninth held-out part (issue 17, thirty-sixth round), each as a rule on
// made-up text: the processor named after "(1)" and before "registered in the State of …", as "X is the Data
// Processor", and by a roles list's "Data Processor (Us):"; a contact block's address lines; Unicode's non-breaking
// hyphen; an HTML paragraph bold by its style as a heading; a page's "What Data We Collect" and its list labels; a
// heading that names the end ("After You Cancel") over the deletion; a "Third-Party Services" table.
import { markdown, processorOf, upload } from "../helpers/made-up-dpa";

const PARTIES = 'This agreement is between Parcelwise ("Processor") and the client ("Controller").';

// "(1) Acme LLC, a limited liability company registered in the State of Delaware, …": the list's number and the
// state are no part of the name; the address left unfilled after the description is a placeholder.
test("a numbered party registered in the State of a US state keeps its own name", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "This Data Processing Agreement is entered into between:",
    "",
    "(1) Quillmark LLC, a limited liability company registered in the State of Delaware, United States, trading as " +
      'Quill, of [REGISTERED ADDRESS] ("Processor", "we", "us"); and',
    "",
    '(2) the organisation identified in the Order Form ("Controller", "you").',
  );
  const p = processorOf(d);
  expect(p?.name.value).toBe("Quillmark LLC");
  expect(p?.countryCode).toBe("US");
  expect(d.placeholders?.map((x) => x.path)).toContain("parties.PROCESSOR.address");
});

// "The Customer is the Data Controller; Parcelo is the Data Processor": the role's word capitalised as a term.
test("a company that is the Data Processor, capitalised, is the processor", async () => {
  const d = await markdown(
    "# Data Processing Addendum",
    "",
    "## 2. Roles",
    "",
    "The Customer is the Data Controller; Parcelo is the Data Processor. Each party complies with the law.",
  );
  expect(processorOf(d)?.name.value).toBe("Parcelo");
});

// The other party's role before "and" is no part of the name; the party named again with its address gives it.
test("the controller's role before 'and' is cut off, and a later line gives the address", async () => {
  const d = await markdown(
    "# Data Processing Addendum",
    "",
    "## 2. Instructions",
    "",
    "The parties agree that Customer is the Controller of Personal Data and Ferrow is the Processor of that data.",
    "",
    "## Annex 1",
    "",
    "**Ferrow Data Services Limited, 4 Quay Street, Dublin D02 XY45, Ireland** (the “data importer”),",
  );
  const p = processorOf(d);
  expect(p?.name.value).toBe("Ferrow Data Services Limited");
  expect(p?.address?.value).toContain("4 Quay Street");
});

// A roles list: "Data Processor (Us): tallyhub.io and its operators".
test("a roles list's 'Data Processor (Us):' names the processor, without 'and its operators'", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "- Data Controller (You): The shop owner using tallyhub.io",
    "- Data Processor (Us): tallyhub.io and its operators",
    "- Relationship: You own your data.",
  );
  expect(processorOf(d)?.name.value).toBe("tallyhub.io");
});

// A contact block: the name, a person, the street and the town on lines of their own, then the e-mail.
test("a contact block's street and town lines are the processor's address", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    'This DPA is between you ("Controller") and Harlow Field Tools ("Processor").',
    "",
    "## 13. Contact",
    "",
    "Harlow Field Tools  ",
    "Dana Whitfield  ",
    "118 Lakeview Road  ",
    "Madison, WI 53703  ",
    "privacy@harlow.example",
  );
  const p = processorOf(d);
  expect(p?.address?.value).toBe("118 Lakeview Road, Madison, WI 53703");
  expect(p?.countryCode).toBe("US");
});

// "Sub‑processors" with U+2011: the same word as "Sub-processors".
test("a non-breaking hyphen reads as a hyphen", async () => {
  const d = await markdown(
    "# Data Processing Addendum",
    "",
    PARTIES,
    "",
    "## 5. Sub\u2011processors",
    "",
    "Parcelwise may engage sub\u2011processors to support the Service. A current list is kept in the Privacy Policy.",
  );
  expect(d.clauses.subprocessorAuthorization?.value).toBe("GENERAL");
});

// '<p style="font-weight:bold;">9. Deletion …</p>': a heading, as a <strong> paragraph is.
test("an HTML paragraph bold by its style is read as a heading", async () => {
  const d = await upload(
    "dpa.html",
    "<html><body><h1>Data Processing Agreement</h1>",
    "<p>This agreement is between Parcelwise (&quot;Processor&quot;) and the client (&quot;Controller&quot;).</p>",
    '<p style="font-weight:bold;"><span>9. Deletion or return of Company Personal Data</span></p>',
    "<p>9.1 Processor shall promptly and in any event within 10 business days of the date of cessation of any " +
      "Services involving the Processing of Company Personal Data, delete and procure the deletion of all copies of " +
      "those Company Personal Data.</p>",
    '<p style="font-weight: 700"><span>10. Scope</span></p>',
    "<p>The agreement covers the personal data processed for the customer.</p>",
    "</body></html>",
  );
  expect(d.clauses.endOfContractAction?.value).toBe("DELETE");
  expect(d.clauses.retentionAfterEndDays?.value).toBe(10);
});

// A page's "What Data We Collect" over labelled items: the data section; "Communications:" a kind of data.
test("a 'What Data We Collect' section is the data section, its labels read", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    PARTIES,
    "",
    "## What Data We Collect",
    "",
    "- Contact Information: Lead names, phone numbers, email addresses",
    "- Communications: Emails, notes",
    "- Account Information: preferences, usage history",
  );
  const keys = d.dataCategories.map((c) => c.value.key);
  expect(keys).toEqual(
    expect.arrayContaining([
      "user.name",
      "user.contact.phone_number",
      "user.contact.email",
      "user.content.communication",
      "user.behavior.product_usage",
    ]),
  );
  expect(d.dataSubjectCategories.map((c) => c.value)).toContain("prospect");
});

// "Electronic communications" in a sentence is no list label.
test("communications in a sentence is no kind of data", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    PARTIES,
    "",
    "## Categories of personal data",
    "",
    "- Names and email addresses",
    "- The Processor secures electronic communications with TLS.",
  );
  expect(d.dataCategories.map((c) => c.value.key)).not.toContain("user.content.communication");
});

// "After You Cancel" over "- After 30 days, all data is permanently deleted": the end, its action and period.
test("a heading that names the end gives its deletion and period", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    PARTIES,
    "",
    "## Data Retention",
    "",
    "### After You Cancel",
    "",
    "- You have 30 days to export your data",
    "- After 30 days, all data is permanently deleted from our systems",
    "- Backup copies are deleted within 90 days",
  );
  expect(d.clauses.endOfContractAction?.value).toBe("DELETE");
  expect(d.clauses.retentionAfterEndDays?.value).toBe(30);
});

// A sentence naming the end says the action; a duty further down under the same heading does not override it.
test("under a termination heading, the sentence that names the end decides", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    PARTIES,
    "",
    "## 11. Termination of the contract",
    "",
    "1. Upon termination of the contract, the data will be destroyed.",
    "2. The contractor is obliged to bring about the immediate return or deletion also with subcontractors.",
  );
  expect(d.clauses.endOfContractAction?.value).toBe("DELETE");
});

// "Third-Party Services" over "We use the following services:" and a "Service | Purpose" table.
test("a third-party services table after 'the following services' lists sub-processors", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    PARTIES,
    "",
    "## Third-Party Services",
    "",
    "We use the following services to operate Parcelwise:",
    "",
    "| Service | Purpose | Data Shared |",
    "| --- | --- | --- |",
    "| Hostbase | Database & authentication | Your account info |",
    "| Mailrun | Email delivery | Email addresses |",
  );
  expect(d.subprocessors.map((s) => s.value.name)).toEqual(["Hostbase", "Mailrun"]);
});

// A table of sub-processors whose "Service" column says what each does keeps its vendor column as the name.
test("a Service column beside a Vendor column is the description", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    PARTIES,
    "",
    "## Sub-processors",
    "",
    "| Vendor | Service | Location |",
    "| --- | --- | --- |",
    "| Hostbase Inc. | Hosting | Germany |",
  );
  expect(d.subprocessors.map((s) => [s.value.name, s.value.countryCode])).toEqual([["Hostbase Inc.", "DE"]]);
});
