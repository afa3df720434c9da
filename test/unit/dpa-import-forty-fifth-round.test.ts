// General causes behind held-out-40 and -41's misses (issue 17, forty-fifth round), each as a rule on made-up text:
// the labels "People concerned:" and "Types of data:" in a list of processing details; a run-in title whose text
// introduces a list; a party's line in the list of parties, its term in a bracket; a name after "It applies when";
// a lower-case domain as the processor; a company registered in Malaysia; the contact section's name and address on
// one line; the end said as "on cancellation", "after the subscription ends" or "after the purposes have been
// fulfilled"; audit costs "borne by the Client"; "one (1) audit per twelve (12) month period"; a breach notice
// "within 24-48 hours"; a transfer barred "unless made in compliance with this Clause 8" where the clause names
// safeguards.
import { markdown, processorOf, upload } from "../helpers/made-up-dpa";

const keys = (d: { dataCategories: { value: { key: string } }[] }) => d.dataCategories.map((c) => c.value.key);
const subjects = (d: { dataSubjectCategories: { value: string }[] }) => d.dataSubjectCategories.map((c) => c.value);

test("'People concerned:' and 'Types of data:' in a list of details name the subjects and the data", async () => {
  const d = await upload(
    "dpa.html",
    "<html><body><h1>Data Processing Agreement</h1>",
    "<p>Lumora processes personal data on behalf of its customers.</p>",
    "<h2>2. What we process</h2><ul>",
    "<li><strong>Duration:</strong> for the life of the subscription.</li>",
    "<li><strong>People concerned:</strong> the Customer's prospects and their business contacts; the Customer's own",
    "users.</li>",
    "<li><strong>Types of data:</strong> names, job titles, companies, activity history, call audio and transcript",
    "previews.</li>",
    "</ul>",
    "<h2>3. Instructions</h2><p>We process the data only on the Customer's documented instructions.</p>",
    "</body></html>",
  );
  expect(subjects(d)).toEqual(expect.arrayContaining(["prospect", "contact_person", "end_user"]));
  expect(keys(d)).toEqual(
    expect.arrayContaining([
      "user.name",
      "user.job_title",
      "user.workplace",
      "user.behavior.product_usage",
      "user.content.audio_recording",
      "user.content.transcript",
    ]),
  );
});

test("a run-in title whose sentence ends in a colon reads the list under it", async () => {
  const d = await markdown(
    "# Data Protection Addendum",
    "",
    'Lumora Consulting BV (the "Supplier") processes personal data on behalf of the Client.',
    "",
    "**3.3 Categories of Data Subjects.** The Personal Data pertains to the following categories (as relevant):",
    "",
    "*   **Client Staff:** Employees or contractors of the Client.",
    "*   **Client Customers:** Individuals who are customers or end-users of the Client.",
    "",
    "**3.4 Location.** The data is processed in the Netherlands.",
  );
  expect(subjects(d)).toEqual(expect.arrayContaining(["employee", "consultant", "customer", "end_user"]));
});

test("a party's line in the list of parties, with the term it is called by, names the processor", async () => {
  const d = await markdown(
    "## Between",
    "",
    "1. Nordwerk Labs GmbH, Kastanienallee 12, 10435 Berlin/Germany (“Nordwerk-Labs”); and",
    "2. “Customer” as defined in the Terms (the **“Client”**).",
    "",
    "### Processing",
    "",
    "1. Nordwerk-Labs is the processor and the Client is the controller.",
    "2. Nordwerk-Labs processes the Client's personal data only on documented instructions.",
  );
  expect(processorOf(d)?.name.value).toBe("Nordwerk Labs GmbH");
  expect(processorOf(d)?.address?.value).toBe("Kastanienallee 12, 10435 Berlin/Germany");
  expect(processorOf(d)?.countryCode).toBe("DE");
});

test("'It applies when Lumora Bell (the \"Processor\") processes …' names Lumora Bell", async () => {
  const d = await markdown(
    "# Data Processing Addendum",
    "",
    'This DPA forms part of the Terms. It applies when Lumora Bell (the "Processor") processes Personal Data on',
    "behalf of a Controller.",
  );
  expect(processorOf(d)?.name.value).toBe("Lumora Bell");
});

test("'lumora.ai acts as Processor': a lower-case domain names the processor", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "## 2. Roles",
    "",
    "Customer acts as Controller of Customer Data. lumora.ai acts as Processor. lumora.ai will process Customer Data",
    "only on Customer's documented instructions.",
  );
  expect(processorOf(d)?.name.value).toBe("lumora.ai");
});

test("a contact line 'registered in Malaysia' gives the processor's country", async () => {
  const d = await upload(
    "dpa.html",
    "<html><body><h1>Data Processing Agreement</h1>",
    "<p>How LUMORA WORKS processes personal data on behalf of customers of Lumora Agent.</p>",
    "<h2>1. Instructions</h2><p>We process Customer Personal Data only on the Customer's instructions.</p>",
    "<footer><p>LUMORA WORKS, an enterprise registered in Malaysia (SSM Reg. No. 202512345678)<br>",
    "Penang, Malaysia</p></footer>",
    "</body></html>",
  );
  expect(processorOf(d)?.registrationNumber?.value).toBe("202512345678");
  expect(processorOf(d)?.countryCode).toBe("MY");
});

test("the contact section's name, then its address on the same line, gives the processor's address", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    'This DPA is between Lumora SAS ("Processor") and the Customer ("Controller").',
    "",
    "### 13.4 Contact Information",
    "",
    "For inquiries regarding this DPA:",
    "",
    "**Lumora SAS** 7 Rue des Lilas 69002 Lyon, France Email:",
    "privacy@lumora.example",
  );
  expect(processorOf(d)?.address?.value).toBe("7 Rue des Lilas 69002 Lyon, France");
  expect(processorOf(d)?.countryCode).toBe("FR");
});

test("'On cancellation … all data is permanently deleted within 30 days' deletes at the end", async () => {
  const d = await markdown(
    "# Lumora — Data Processing Agreement (DPA)",
    "",
    "This Data Processing Agreement sets out how Lumora processes personal data on the client's behalf.",
    "",
    "## 4. Data Retention",
    "",
    "On cancellation or upon your written request, all data is permanently deleted within 30 days.",
  );
  expect(d.clauses.endOfContractAction?.value).toBe("DELETE");
  expect(d.clauses.retentionAfterEndDays?.value).toBe(30);
});

test("'then delete it 90 days after the subscription ends' keeps it 90 days after the end", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "Lumora processes personal data on behalf of its customers.",
    "",
    "## 10. Return and deletion",
    "",
    "After the subscription ends, we keep Customer Personal Data for 30 days so the Customer can ask for a final",
    "export, then delete it 90 days after the subscription ends, unless the law requires us to keep it.",
  );
  expect(d.clauses.retentionAfterEndDays?.value).toBe(90);
});

test("'after the purposes … have been fulfilled' is the end: delete or return at the client's option", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "Lumora GmbH processes the Client's personal data on behalf of the Client.",
    "",
    "### Processing",
    "",
    "3. After the business purposes for which the Client's Personal Data was processed have been fulfilled, Lumora",
    "shall, at the Client's option, either delete or return all of the Client's Personal Data.",
  );
  expect(d.clauses.endOfContractAction?.value).toBe("CONTROLLER_CHOICE");
});

test("'The cost of such audit … shall be borne by the Client': the controller pays", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "Lumora GmbH processes the Client's personal data on behalf of the Client.",
    "",
    "### Inspections",
    "",
    "1. Lumora shall permit the Client to conduct audits and inspections announced at least 2 weeks in advance.",
    "2. The cost of such audit or inspection shall be borne by the Client.",
  );
  expect(d.clauses.processorAudit?.paidBy?.value).toBe("CONTROLLER");
});

test("'no more than one (1) audit per twelve (12) month period' is an audit every 12 months", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    'Lumora SAS ("Processor") processes personal data on behalf of the Customer ("Controller").',
    "",
    "## 9. Audits",
    "",
    "The Controller may conduct no more than one (1) audit per twelve (12) month period, on thirty (30) days' notice.",
  );
  expect(d.clauses.processorAudit?.intervalMonths?.value).toBe(12);
});

test("a breach notice 'within 24-48 hours' is due within 48 hours", async () => {
  const d = await markdown(
    "# Data Protection Addendum",
    "",
    'Lumora BV (the "Processor") processes personal data on behalf of the Client.',
    "",
    "**6.3 Breach Notification.** The Processor shall notify the Client without undue delay after becoming aware of a",
    "Personal Data Breach. Such notification should, where possible, be made _within 24-48 hours_ of its discovery.",
  );
  expect(d.clauses.breachNotificationHours?.value).toBe(48);
});

test("a transfer barred 'unless made in compliance with this Clause 8' (which names SCCs) is allowed", async () => {
  const d = await markdown(
    "# Data Protection Addendum",
    "",
    'Lumora BV (the "Processor") processes personal data on behalf of the Client.',
    "",
    "# 8. International Data Transfers",
    "",
    "**8.1 Restrictions.** The Processor shall not transfer any of the Client's Personal Data to a country outside",
    "the agreed jurisdictions, unless such transfer is made in compliance with the requirements of this Clause 8.",
    "",
    "**8.2 Mechanisms.** For a transfer to a country without an adequacy decision, the parties rely on the Standard",
    "Contractual Clauses.",
  );
  expect(d.clauses.thirdCountryTransfers?.value).toBe("ALLOWED_WITH_SAFEGUARDS");
  // Without the clause naming safeguards, the bar stands.
  const barred = await markdown(
    "# Data Protection Addendum",
    "",
    'Lumora BV (the "Processor") processes personal data on behalf of the Client.',
    "",
    "# 8. International Data Transfers",
    "",
    "**8.1 Restrictions.** The Processor shall not transfer any of the Client's Personal Data to a country outside",
    "the agreed jurisdictions, unless such transfer is made in compliance with the requirements of this Clause 8.",
    "",
    "**8.2 Records.** The Processor keeps a record of every request to transfer data.",
  );
  expect(barred.clauses.thirdCountryTransfers?.value).toBe("PROHIBITED");
});
