// General failure causes found in the twenty-sixth and twenty-seventh held-out parts (issue 17, thirty-second round),
// each as a rule on made-up text: the parties.
import { markdown, processorOf, upload } from "../helpers/made-up-dpa";

// "entered into by and between Acme, Inc. ("Data Processor") and the Customer": "and between" opens the parties; it
// is no part of the processor's name.
test("a processor named after 'by and between' is named without those words", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    'This agreement is entered into by and between Quillmark Labs, Inc. ("Data Processor") and the Customer ' +
      '("Data Controller").',
  );
  expect(processorOf(d)?.name.value).toBe("Quillmark Labs, Inc.");
});

// A short name the document writes elsewhere with a comma before the company form ("Tallowby, Inc."): the legal name.
test("a short name's legal name with a comma before its form is the party's name", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    'This agreement forms part of the terms between Tallowby, Inc. ("Tallowby", "we") and any customer ("you").',
    "",
    "## Roles",
    "",
    "When Tallowby acts as a data processor, we follow your documented instructions.",
  );
  expect(processorOf(d)?.name.value).toBe("Tallowby, Inc.");
});

// A card whose fields run together on one line, as where a Markdown card inside a page's markup loses its line
// breaks: the name's value and the address's value, each up to the next label.
test("a card's fields on one line give the name and the address, each up to the next label", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "The customer is the controller. The provider processes personal data for it.",
    "",
    "## Annex I",
    "",
    "**Processor:**",
    "",
    "<Card>",
    "  **Name:** Orvella  ",
    "  **Address:** Tulpenlaan 14, 3511 Utrecht  ",
    "  **Name, position:** Sanne de Wit",
    "</Card>",
  );
  const p = processorOf(d);
  expect(p?.name.value).toBe("Orvella");
  expect(p?.address?.value).toBe("Tulpenlaan 14, 3511 Utrecht");
});

// "Acme Ltd, a company registered in England and Wales (company number 123), registered office 1 High Street, …":
// the number in the description's bracket and the registered office after it are the party's.
test("a company number in the description's bracket and the registered office after it are read", async () => {
  const d = await upload(
    "dpa.html",
    "<h1>Data Processing Agreement</h1>",
    "<ul><li>Controller: the customer using the service.</li>",
    "<li>Processor: Fernhollow Analytics LTD, a company registered in England and Wales (company number 40917325), " +
      "registered office 12 Wexley Row, Leeds, United Kingdom, LS1 4AP, contact hello@fernhollow.example. " +
      "Processes data on the Controller's instructions.</li></ul>",
    "<p>The Processor processes personal data for the Controller.</p>",
  );
  const p = processorOf(d);
  expect(p?.name.value).toBe("Fernhollow Analytics LTD");
  expect(p?.registrationNumber?.value).toBe("40917325");
  expect(p?.address?.value).toBe("12 Wexley Row, Leeds, United Kingdom, LS1 4AP");
  expect(p?.countryCode).toBe("GB");
});

test("a description without a registered office leaves the address unread", async () => {
  const d = await upload(
    "dpa.html",
    "<h1>Data Processing Agreement</h1>",
    "<ul><li>Processor: Fernhollow Analytics LTD, a company registered in England and Wales (company number " +
      "40917325), trading across Europe.</li></ul>",
    "<p>The Processor processes personal data for the Controller.</p>",
  );
  const p = processorOf(d);
  expect(p?.registrationNumber?.value).toBe("40917325");
  expect(p?.address).toBeNull();
});

// Data categories as a list writes them: numbers in the plural, the date of birth with the place, a national
// register's number, banking information and income.
const categoriesOf = async (line: string) =>
  (
    await markdown(
      "# Data Processing Agreement",
      "",
      'This agreement is between Parcelwise ("Processor") and the client ("Controller").',
      "",
      "## 4. Categories of Personal Data",
      "",
      line,
      "",
      "## 5. Security",
      "Parcelwise encrypts what it stores.",
    )
  ).dataCategories
    .map((c) => c.value.key)
    .sort();

test("telephone numbers in the plural are phone numbers", async () => {
  expect(await categoriesOf("Contact data (postal address, telephone numbers).")).toContain(
    "user.contact.phone_number",
  );
});

test("the date and place of birth is the date of birth", async () => {
  expect(await categoriesOf("Identity data (surname, date and place of birth).")).toContain(
    "user.demographic.date_of_birth",
  );
});

test("a national registration number is a national identification number", async () => {
  expect(await categoriesOf("Identity data (surname, national registration number).")).toContain(
    "user.government_id.national_identification_number",
  );
});

test("banking information is a bank account, and income is income", async () => {
  expect(await categoriesOf("Financial situation (income, banking information).")).toEqual(
    expect.arrayContaining(["user.financial.bank_account", "user.financial.income"]),
  );
});

// The SCC annex's "Data importer(s):" label, its fields under it in one paragraph of lines: the processor's card is
// the name and the address (and number) lines, not the annex's other fields after them.
test("the SCC annex's 'Data importer(s):' card gives the name and the address, up to the contact person", async () => {
  const d = await upload(
    "dpa.html",
    "<h1>Data Processing Agreement</h1>",
    "<p>The Processor processes personal data for the Controller.</p>",
    "<h2>Appendix 1</h2>",
    "<p><span>Data exporter(s):<br><br>Name: the Subscriber<br><br>Role (controller/processor): controller<br><br>" +
      "Data importer(s):<br><br>Name: Velkor Ltd<br><br>Address: 5 Harbour Road, Cork, Ireland<br><br>" +
      "Contact person’s name, position and contact details: Data Protection Officer, dpo@velkor.example<br><br>" +
      "Activities relevant to the data transferred under these Clauses: hosting<br><br>" +
      "Role (controller/processor): processor</span></p>",
  );
  const p = processorOf(d);
  expect(p?.name.value).toBe("Velkor Ltd");
  expect(p?.address?.value).toBe("5 Harbour Road, Cork, Ireland");
  expect(p?.countryCode).toBe("IE");
});

// "between Velkor and the Subscriber, Velkor (as "data importer") and the Subscriber (as "data exporter")": read back
// from the importer's bracket, the customer's word is no processor; a later form names it.
test("the customer's word read back from a data importer's bracket is no processor", async () => {
  const d = await upload(
    "dpa.html",
    "<h1>Data Processing Agreement</h1>",
    "<p>In respect of any transfer between Velkor and the Subscriber, Velkor (as “data importer”) and the " +
      "Subscriber (as “data exporter”) enter into the Standard Contractual Clauses.</p>",
    "<p>The Processor processes personal data for the Controller.</p>",
    "<p>Processor: Velkor Ltd, 5 Harbour Road, Cork, Ireland</p>",
  );
  expect(processorOf(d)?.name.value).toBe("Velkor Ltd");
});

// "Orvella, a company with its registered office in …, registered with the Crossroads Bank for Enterprises under
// number 0123.456.789": the number in the register, for a party named without one.
test("the number a party is registered under in a register is its registration number", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "Orvella, a company with its registered office in Tulpenlaan 14, 3511 Utrecht, registered with the Chamber of " +
      'Commerce (Kamer van Koophandel) under number 8812.4471, hereinafter referred to as "Orvella".',
    "",
    "The User acts as controller and Orvella acts as processor.",
    "",
    "**Processor:**",
    "",
    "<Card>",
    "  **Name:** Orvella  ",
    "  **Address:** Tulpenlaan 14, 3511 Utrecht  ",
    "</Card>",
  );
  expect(processorOf(d)?.registrationNumber?.value).toBe("8812.4471");
});

test("a number under which something else is registered, in another sentence, is not the party's", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "Orvella acts as processor. The trademark is registered with the Benelux Office under number 1234.9876.",
    "",
    "**Processor:**",
    "",
    "<Card>",
    "  **Name:** Orvella  ",
    "  **Address:** Tulpenlaan 14, 3511 Utrecht  ",
    "</Card>",
  );
  expect(processorOf(d)?.registrationNumber ?? null).toBeNull();
});

// "- Jonas Verhoef, operating as Hop_Haven, Belgium — the Processor.": a person's name before the trade name it
// operates under (an underscore inside a word is the name's, not emphasis), the country after the last comma.
test("a person operating under a trade name, with a country, in a list of parties is the processor", async () => {
  const d = await upload(
    "dpa.html",
    "<h1>Data Processing Agreement</h1>",
    "<p>This Agreement is entered into between:</p>",
    "<ul><li>The Venue — [venue legal name, address] — the Controller; and</li>",
    "<li>Jonas Verhoef, operating as Hop_Haven, Belgium — the Processor.</li></ul>",
    "<p>The Processor processes personal data for the Controller.</p>",
  );
  const p = processorOf(d);
  expect(p?.name.value).toBe("Jonas Verhoef");
  expect(p?.countryCode).toBe("BE");
});

test("medical conditions and medications are health data", async () => {
  expect(await categoriesOf("Diagnosed medical conditions and current medications.")).toEqual([
    "user.health_and_medical",
  ]);
});

// "Supplier contacts": the people at suppliers, not contact persons in general.
test("supplier contacts are suppliers' contacts", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    'This agreement is between Parcelwise ("Processor") and the client ("Controller").',
    "",
    "## 3. Data subjects",
    "",
    "The venue's staff and supplier contacts.",
    "",
    "## 5. Security",
    "Parcelwise encrypts what it stores.",
  );
  expect(d.dataSubjectCategories.map((c) => c.value)).toContain("supplier_contact");
  expect(d.dataSubjectCategories.map((c) => c.value)).not.toContain("contact_person");
});
