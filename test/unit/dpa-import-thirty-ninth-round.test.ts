// General failure causes found in the thirtieth and thirty-first held-out parts (issue 17, thirty-ninth round), each
// as a rule on made-up text: the data a row labelled "Type of Personal Data" lists, list items ("emails", "messages"),
// pay, performance and money words; a template row that is a blank; a party's card lines under its line; an address
// by its label after a description; a trade name ("DBA"); a footer's registration and town; a contact section's
// address; the company that operates the product; the two roles in one sentence; the processor as its own
// sub-processor; a review draft's "[CONFIRM …]" notes; a prohibition lifted by safeguards.
import { markdown, processorOf, upload } from "../helpers/made-up-dpa";

const keys = (d: Awaited<ReturnType<typeof markdown>>) => d.dataCategories.map((c) => c.value.key).sort();
const paths = (d: Awaited<ReturnType<typeof markdown>>) => (d.placeholders ?? []).map((p) => p.path).sort();

test("a row labelled 'Type of Personal Data' lists the data: user identifiers, email addresses, logs", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "Quillmark Inc is the Processor.",
    "",
    "## Annex A: Processing Details",
    "",
    "| Element | Description |",
    "| --- | --- |",
    "| Subject matter | Workflow software |",
    "| Type of Personal Data | User identifiers, email addresses, IP addresses, action logs |",
  );
  expect(keys(d)).toEqual(
    ["user.behavior.product_usage", "user.contact.email", "user.device.ip_address", "user.unique_id"].sort(),
  );
});

test("in a list of data, 'emails' are addresses, 'messages' what was sent; a financial profile is money", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "Quillmark Inc is the Processor.",
    "",
    "## Annex A",
    "",
    "- Types of Personal Data: identifiers (names, emails), household and financial-profile data, account balances " +
      "and holdings, messages, and plan notes.",
  );
  expect(keys(d)).toEqual(["user.contact.email", "user.content.communication", "user.financial", "user.name"].sort());
});

test("pay, benefits and performance as lists name them", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "Quillmark Inc is the Processor.",
    "",
    "## Types of Personal Data",
    "",
    "The Processor may process: job titles, performance evaluations, compensation and benefits information, pension " +
      "scheme information and payroll structure data.",
  );
  expect(keys(d)).toEqual(["user.employment.performance", "user.employment.salary", "user.job_title"].sort());
});

test("a template's row whose value is a blank with examples lists no data", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "| Field | Value |",
    "| --- | --- |",
    '| **Type of Personal Data** | [LIST - e.g., "Names, email addresses"] |',
  );
  expect(keys(d)).toEqual([]);
});

test("a party's card lines under its labelled line: the address, the company number, and blanks for them", async () => {
  const d = await upload(
    "dpa.html",
    "<html><body><h1>Data Processing Agreement</h1>",
    "<h2>Parties</h2>",
    '<p>Data Controller / Client: [Client Legal Name] ("Controller", "Client")<br>',
    "Registered Address: [Address]<br>",
    "[Company Number/Registration Details if applicable]<br>",
    "Contact: [Email]</p>",
    '<p>Data Processor / Service Provider: Ferngate Systems Limited, trading as Ferngate ("Processor", "We")<br>',
    "Registered Address: 4 Mill Lane, Leeds, England, LS1 4AB<br>",
    "Company Number: 09876543<br>",
    "Contact: privacy@ferngate.example</p>",
    "<p>The agreement covers the personal data processed for the Controller.</p></body></html>",
  );
  const p = processorOf(d);
  expect(p?.name.value).toBe("Ferngate Systems Limited");
  expect(p?.address?.value).toBe("4 Mill Lane, Leeds, England, LS1 4AB");
  expect(p?.registrationNumber?.value).toBe("09876543");
  expect(p?.countryCode).toBe("GB");
  expect(paths(d)).toEqual(
    ["parties.CONTROLLER.address", "parties.CONTROLLER.name", "parties.CONTROLLER.registrationNumber"].sort(),
  );
});

test("a description is no address; the address by its label after it is", async () => {
  const d = await markdown(
    "# Proposed DPA Details",
    "",
    "Provider / proposed data importer: Jane Quimby, sole proprietor using Quimby Tools as an informal brand, not a " +
      "separate legal entity. Privacy contact: privacy@quimby.example. Business/legal notice address: 7 Orchard Rd, " +
      "Lexington, VA 24450, United States. Proposed role: processor for report metadata.",
  );
  const p = processorOf(d);
  expect(p?.name.value).toBe("Jane Quimby");
  expect(p?.address?.value).toBe("7 Orchard Rd, Lexington, VA 24450, United States");
  expect(p?.countryCode).toBe("US");
});

test("a trade name after 'DBA' is no address", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    'This DPA is between the Customer (the Data Controller) and Tallow Labs Inc, DBA Wickline ("Wickline", the ' +
      "Data Processor).",
  );
  expect(processorOf(d)?.name.value).toBe("Tallow Labs Inc");
  expect(processorOf(d)?.address).toBeNull();
});

test("a footer with the processor's name, then where it is registered, after a dot", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "Agreement between the Client and Corvane Partners Limited (the Processor).",
    "",
    "Corvane Partners Limited · Registered in England & Wales · Privacy Policy",
  );
  expect(processorOf(d)?.name.value).toBe("Corvane Partners Limited");
  expect(processorOf(d)?.countryCode).toBe("GB");
});

test("the document's contact section gives the processor's address", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    'This agreement is between Parcelwise ("Processor") and the client ("Controller").',
    "",
    "## 13. Contact",
    "",
    "For questions about this DPA, please contact:",
    "",
    "- Email: dpo@parcelwise.example",
    "- Address: 200 Elm Street, Suite 400, Denver, CO 80202, USA",
  );
  expect(processorOf(d)?.address?.value).toBe("200 Elm Street, Suite 400, Denver, CO 80202, USA");
  expect(processorOf(d)?.countryCode).toBe("US");
});

test("a footer with the processor's name and then its town and state", async () => {
  const d = await markdown(
    "# Data Processing Addendum",
    "",
    "Customer is the controller and Bellhop is the processor.",
    "",
    "Questions: legal@bellhop.example. Bellhop · Coral Gables, Florida · All legal documents",
  );
  expect(processorOf(d)?.address?.value).toBe("Coral Gables, Florida");
  expect(processorOf(d)?.countryCode).toBe("US");
});

test("the company that operates the product is the processor", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "Parties. The firm using Lumen is the Controller; Lumen Planner, operated by Harrow Ventures LLC, is the " +
      "Processor.",
  );
  expect(processorOf(d)?.name.value).toBe("Harrow Ventures LLC");
});

test("the two roles with one verb; the processor is never its own sub-processor", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "## 1. Scope",
    "",
    "1.1 For that processing you are normally the controller and Brightform the processor. If you act as a processor " +
      "for another controller, you must have authority to appoint Brightform as a subprocessor.",
  );
  expect(processorOf(d)?.name.value).toBe("Brightform");
  expect(d.subprocessors.map((s) => s.value.name)).not.toContain("Brightform");
});

test("a review draft's '[CONFIRM …]' notes: the notice window, the breach response target, the deletion", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "Brightform is the processor.",
    "",
    "## 4. Subprocessors",
    "",
    "4.1 Before adding a subprocessor, we will give prior written notice and [CONFIRM: reasonable objection window].",
    "",
    "## 6. Breaches",
    "",
    "6.1 We will notify you without undue delay after becoming aware of a personal data breach. [CONFIRM: any " +
      "achievable contractual response target.]",
    "",
    "## 8. End of services",
    "",
    "8.1 Backup copies will be deleted through rotation. [CONFIRM before publication: export and deletion deadlines.]",
  );
  expect(paths(d)).toEqual(
    ["clauses.breachNotificationHours", "clauses.retentionAfterEndDays", "clauses.subprocessorNoticeDays"].sort(),
  );
  expect(d.clauses.subprocessorNoticeDays).toBeNull();
});

test("a prohibition lifted by safeguards allows transfers on them", async () => {
  for (const sentence of [
    "Ferngate shall not transfer Personal Data outside the United Kingdom or EEA without ensuring that appropriate " +
      "safeguards are in place.",
    "We will not make a restricted international transfer without applicable lawful safeguards.",
  ]) {
    const d = await markdown(
      "# Data Processing Agreement",
      "",
      "Ferngate is the processor.",
      "",
      "## 4. International Data Transfers",
      "",
      sentence,
    );
    expect(d.clauses.thirdCountryTransfers?.value).toBe("ALLOWED_WITH_SAFEGUARDS");
  }
});

test("a footer's word after a dot that is no place, a contact line without a street: no address", async () => {
  const d = await upload(
    "dpa.md",
    "# Data Processing Agreement",
    "",
    "Customer is the controller and Bellhop is the processor.",
    "",
    "## Contact",
    "",
    "- Address: see our website",
    "",
    "Bellhop · Privacy Policy · Terms",
    "",
    "## Scope",
    "",
    "The agreement covers the personal data processed for the customer.",
  );
  expect(processorOf(d)?.address).toBeNull();
});

test("a window to export, then 'After that' a deadline to delete: the data is kept for both", async () => {
  const d = await markdown(
    "# Data Processing Addendum",
    "",
    "Bellhop is the processor.",
    "",
    "## 9. Deletion and return",
    "",
    "Upon termination, Customer may export Client Data for 30 days. After that, Bellhop will delete Client Data " +
      "within 90 days, except where retention is required by law.",
  );
  expect(d.clauses.retentionAfterEndDays?.value).toBe(120);
});

test("after a window to export, a retention the law asks for is no deadline to add", async () => {
  const d = await markdown(
    "# Data Processing Addendum",
    "",
    "Bellhop is the processor.",
    "",
    "## 9. Deletion and return",
    "",
    "Upon termination, the Controller has 30 days to export their data. After that, personal data is permanently " +
      "deleted, except accounting data kept for 5 years under the law.",
  );
  expect(d.clauses.retentionAfterEndDays?.value).toBe(30);
});

test("the period to return the data yields to the deletion's own period", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    'This agreement is between Parcelwise ("Processor") and the client ("Controller").',
    "",
    "## 10. Return and Deletion of Data",
    "",
    "Upon termination of the agreement, the Processor shall, at the Controller's option:",
    "",
    "- Return: Provide the Controller with a copy of all personal data within 30 calendar days of the request.",
    "- Delete: Securely delete all copies of personal data within 90 calendar days of the request or termination date.",
  );
  expect(d.clauses.retentionAfterEndDays?.value).toBe(90);
});

test("none '… in connection with …' without consent: specific; a listed one, objected to: general", async () => {
  const specific = await markdown(
    "# Data Processing Agreement",
    "",
    "Corvane Partners Limited is the Processor.",
    "",
    "## 10. Sub-Processors",
    "",
    "Corvane Partners Limited shall not engage any sub-processor in connection with the processing of the Client's " +
      "personal data without the prior written consent of the Client.",
  );
  expect(specific.clauses.subprocessorAuthorization?.value).toBe("SPECIFIC");
  const general = await markdown(
    "# Data Processing Addendum",
    "",
    "Bellhop is the processor.",
    "",
    "## 6. Subprocessors",
    "",
    "Customer authorizes the subprocessors listed at /subprocessors. We will update the list at least 15 days before " +
      "adding a new subprocessor; Customer may object on reasonable data-protection grounds.",
  );
  expect(general.clauses.subprocessorAuthorization?.value).toBe("GENERAL");
});
