// General failure causes found in the thirty-fourth and thirty-fifth held-out parts (issue 17, forty-first round),
// each as a rule on made-up text: sub-processors introduced as "the following Subprocessors in connection with …:"
// among kinds of service, or named as what a general authorisation covers; the audit's section saying how in a
// sentence that does not name the audit; the data handed to the processor ("provides X with personal data (such as
// …)"); a party's trade name in a bracket, how it acts, and the other party's label after it; a contact card's town
// and country; storage outside the processor's country with an appropriate level of protection; job roles; a role
// glossed in another language; "Subjects are …"; a "Data and purpose" column; a party listed with its registered
// office after "registered in England and Wales"; an address on the lines under "Office Address:".
import { markdown, processorOf, upload } from "../helpers/made-up-dpa";

const PARTIES = 'This agreement is between Quillmark Ltd ("Processor") and the client ("Controller").';
const keys = (d: Awaited<ReturnType<typeof markdown>>) => d.dataCategories.map((c) => c.value.key).sort();
const subjects = (d: Awaited<ReturnType<typeof markdown>>) => [...d.dataSubjectCategories.map((c) => c.value)].sort();
const names = (d: Awaited<ReturnType<typeof markdown>>) => d.subprocessors.map((s) => s.value.name);

test("'the following Subprocessors in connection with a booking:' names companies, not kinds of service", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    PARTIES,
    "",
    "## 7. Subprocessors",
    "",
    "Quillmark Ltd may engage the following Subprocessors in connection with a booking: Tallypay (card payments), " +
      "Nimbusbase (data storage), its SMS service provider (reminders), and third-party courier providers (delivery).",
  );
  expect(names(d)).toEqual(["Tallypay", "Nimbusbase"]);
});

test("a general authorization that covers named companies: the companies, the regime and the notice", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    PARTIES,
    "",
    "## Providers",
    "",
    "General authorization covers Cloudrest (hosting) and, where support needs customer data, Postwick (mail). " +
      "Changes are announced on the status page at least 45 days in advance, with an opportunity to object.",
  );
  expect(names(d)).toEqual(["Cloudrest", "Postwick"]);
  expect(d.clauses.subprocessorAuthorization?.value).toBe("GENERAL");
  expect(d.clauses.subprocessorNoticeDays?.value).toBe(45);
});

test("the audit's section: written confirmation said in a sentence that does not name the audit", async () => {
  const d = await upload(
    "dpa.html",
    "<html><body><h1>Data Processing Agreement</h1>",
    `<p>${PARTIES}</p>`,
    "<h2>6. Security</h2>",
    "<p>Quillmark Ltd protects personal data with access controls.</p>",
    "<h2>6A. Audit &amp; Compliance</h2>",
    "<p>On reasonable request, Quillmark Ltd will give the Client written confirmation of its compliance with this " +
      "Agreement. Given its size, Quillmark Ltd does not offer on-site audits, but answers reasonable requests.</p>",
    "</body></html>",
  );
  expect(d.clauses.processorAudit?.methods?.value).toEqual(["WRITTEN_CONFIRMATION"]);
});

test("'provides X with personal data (such as names, addresses, emails …)': the data processed", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    PARTIES,
    "",
    "## 2. Scope",
    "",
    "This Agreement applies where a Client provides Quillmark Ltd with personal data of its guests (such as names, " +
      "and where needed, addresses, emails, or phone numbers) to print place cards.",
  );
  expect(keys(d)).toEqual(["user.contact.address", "user.contact.email", "user.contact.phone_number", "user.name"]);
  // "Property addresses" is no item of a list of the people's data.
  const property = await markdown(
    "# Data Processing Agreement",
    "",
    PARTIES,
    "",
    "## 2. Categories of Personal Data",
    "",
    "- Contact Information: names, phone numbers",
    "- Listing Data: Property addresses, prices",
  );
  expect(keys(property)).not.toContain("user.contact.address");
});

test("a trade name in a bracket, 'acting personally', then the other party's label: the name and address", async () => {
  const d = await markdown(
    "# Data processing agreement",
    "",
    "## Parties",
    "",
    "Provider: Hanna Weber (Weberworks), acting personally, Lindenweg 12, 3012 Bern, Switzerland. Customer: the " +
      "organization named in the order.",
    "",
    "The customer determines the purposes of processing and the provider processes personal data on its " +
      "instructions.",
  );
  expect(processorOf(d)?.name.value).toBe("Hanna Weber");
  expect(processorOf(d)?.address?.value).toBe("Lindenweg 12, 3012 Bern, Switzerland");
  expect(processorOf(d)?.countryCode).toBe("CH");
});

test("a contact card's town and country on the line after the name are the address", async () => {
  const d = await upload(
    "dpa.html",
    "<html><body><h1>Data Processing Agreement</h1>",
    '<p>This agreement is between Tamsin Crafts Ltd ("Processor") and the client ("Controller"). It covers the ' +
      "personal data the client supplies.</p>",
    "<h2>13. Contact</h2>",
    "<p>Tamsin Crafts Ltd<br/>Kumasi, Ghana<br/>Email: hello@tamsin.example<br/>Phone: +233 555 000 111</p>",
    "</body></html>",
  );
  expect(processorOf(d)?.address?.value).toBe("Kumasi, Ghana");
  expect(processorOf(d)?.countryCode).toBe("GH");
});

test("stored on servers outside the processor's country, with an appropriate level of protection ensured", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    PARTIES,
    "",
    "## 7. Hosting",
    "",
    "Some providers may store data on servers located outside Kenya; where this is the case, Quillmark Ltd takes " +
      "steps to ensure the data receives an appropriate level of protection.",
  );
  expect(d.clauses.thirdCountryTransfers?.value).toBe("ALLOWED_WITH_SAFEGUARDS");
});

test("job roles are job titles", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    PARTIES,
    "",
    "## 3. Categories of Personal Data",
    "",
    "- Job roles",
  );
  expect(keys(d)).toEqual(["user.job_title"]);
});

test("'Processor (Auftragsverarbeiter): Name — [Provider Address]': the name before the blank", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "## 1. Parties",
    "",
    "Controller (Verantwortlicher): [Client Company Name, Address]",
    "",
    "Processor (Auftragsverarbeiter): Lernwerk Cloud — [Provider Address]",
  );
  expect(processorOf(d)?.name.value).toBe("Lernwerk Cloud");
});

test("'Subjects are workspace users and …': the data subjects, named without 'data'", async () => {
  const d = await markdown(
    "# Data processing agreement",
    "",
    PARTIES,
    "",
    "## Processing inventory",
    "",
    "Processing lasts through the service. Subjects are workspace users and people named in uploaded files.",
  );
  expect(subjects(d)).toEqual(["end_user"]);
});

test("a table whose first column is headed 'Data and purpose': the data named in it", async () => {
  const d = await upload(
    "dpa.html",
    "<html><body><h1>Data processing agreement</h1>",
    `<p>${PARTIES}</p>`,
    "<h2>Processing inventory</h2>",
    "<table><tr><th>Data and purpose</th><th>Location and retention</th></tr>",
    "<tr><td>Account IDs: access control</td><td>Hosted database; kept while installed.</td></tr></table>",
    "</body></html>",
  );
  expect(keys(d)).toEqual(["user.unique_id"]);
});

test("a listed party 'registered in England and Wales …, with registered office at …'", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "This agreement is made between:",
    "",
    "- Brambleway Labs Ltd, a company registered in England and Wales under company number 11223344, with " +
      'registered office at 5 Mill Lane, Leeds, United Kingdom, LS1 4AB ("Brambly", "we", the "Processor"); and',
    '- the customer identified in the order (the "Customer", the "Controller").',
  );
  expect(processorOf(d)?.name.value).toBe("Brambleway Labs Ltd");
  expect(processorOf(d)?.address?.value).toBe("5 Mill Lane, Leeds, United Kingdom, LS1 4AB");
});

test("'Office Address:' alone on its line in the contact section, the address on the lines under it", async () => {
  const d = await upload(
    "dpa.html",
    "<html><body><h1>Data Processing Agreement</h1>",
    `<p>${PARTIES}</p>`,
    "<h2>10. Contact</h2>",
    "<address>Email: help@quillmark.example<br>Office Address:<br>12 Harbour Row,<br>TR1 2AB, Truro,<br>" +
      "United Kingdom</address>",
    "</body></html>",
  );
  expect(processorOf(d)?.address?.value).toBe("12 Harbour Row, TR1 2AB, Truro, United Kingdom");
  expect(processorOf(d)?.countryCode).toBe("GB");
});
