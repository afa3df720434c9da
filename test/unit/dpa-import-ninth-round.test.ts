// General failure causes found before the eighth unseen part (issue 17), each as a rule on made-up text: region
// codes only as whole words, examples of a report that are no supervision method, yearly audits said per
// calendar year.
import { extractAgreementDraft } from "../../src/modules/dpa-import/extract";
import { parseDocument } from "../../src/modules/dpa-import/extract/parse";

const dpa = (...lines: string[]) => extractAgreementDraft(lines.join("\n"));
/** A Markdown upload: its headings are sections. */
const markdown = async (...lines: string[]) =>
  extractAgreementDraft(await parseDocument({ bytes: Buffer.from(lines.join("\n")), fileName: "dpa.md" }));

test("'never leaves the Europe and North America regions' is no prohibition: 'EU' is a whole word", () => {
  const d = dpa(
    "# Data Processing Agreement",
    "",
    "## Hosting",
    "",
    "Customer data never leaves the Europe and North America regions of our cloud provider.",
  );
  expect(d.clauses.thirdCountryTransfers?.value).not.toBe("PROHIBITED");
});

test("'does not leave the European Union' and 'never leaves the EEA' are prohibitions", () => {
  for (const sentence of ["Personal data does not leave the European Union.", "Personal data never leaves the EEA."]) {
    const d = dpa("# Data Processing Agreement", "", "## Location of processing", "", sentence);
    expect(d.clauses.thirdCountryTransfers?.value).toBe("PROHIBITED");
  }
});

test("'a third-party report, for example SOC 2 or ISO 27001' is no supervision method; a commitment is", async () => {
  const example = await markdown(
    "# Data Processing Agreement",
    "",
    "## Audits",
    "",
    "On request, the Processor may make available a third-party audit report, for example SOC 2 or ISO 27001.",
  );
  expect(example.clauses.processorAudit.methods).toBeNull();
  const danish = await markdown(
    "# Databehandleraftale",
    "",
    "## Revision",
    "",
    "Databehandleren kan fremlægge en erklæring, fx en ISAE 3402-erklæring eller en SOC 2-rapport.",
  );
  expect(danish.clauses.processorAudit.methods).toBeNull();
  const commitment = await markdown(
    "# Data Processing Agreement",
    "",
    "## Audits",
    "",
    "The Processor provides the Controller with an ISAE 3000 report annually.",
  );
  expect(commitment.clauses.processorAudit.methods?.value).toEqual(["ISAE_3000"]);
  const named = await markdown(
    "# Data Processing Agreement",
    "",
    "## Audits",
    "",
    "The Processor shares its audit reports, such as its annual SOC 2 Type II report, with the Controller.",
  );
  expect(named.clauses.processorAudit.methods?.value).toEqual(["SOC_2"]);
});

test("'once per calendar year', 'one time each contract year', 'én gang pr. kalenderår' are yearly", async () => {
  for (const [phrase, months] of [
    ["The Controller may audit the Processor once per calendar year.", 12],
    ["The Controller may audit the Processor one time each contract year.", 12],
    ["Den dataansvarlige kan føre tilsyn med databehandleren én gang pr. kalenderår.", 12],
    ["The Controller may audit the Processor twice per calendar year.", 6],
  ] as const) {
    const d = await markdown("# Data Processing Agreement", "", "## Audits", "", phrase);
    expect([phrase, d.clauses.processorAudit.intervalMonths?.value]).toEqual([phrase, months]);
  }
});

const subprocessors = (d: ReturnType<typeof dpa>) =>
  d.subprocessors.map((s) => [s.value.name, s.value.countryCode, s.value.description]);

test("an item that opens with 'e.g.' and a kind of supplier named by example are no sub-processors", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "## Sub-processors",
    "",
    "The Processor uses the following sub-processors:",
    "",
    "- e.g. Microsoft Azure",
    "- Cloud provider (such as AWS or Google Cloud)",
    "- Fjordhost AS – hosting – Norway",
  );
  expect(subprocessors(d)).toEqual([["Fjordhost AS", "NO", "hosting"]]);
  expect(d.placeholders?.some((p) => p.path === "subprocessors")).toBe(true);
});

test("'Name – purpose – location', '(Country): purpose', 'Name, address' items give the country", async () => {
  const d = await markdown(
    "# Databehandleraftale",
    "",
    "## Underdatabehandlere",
    "",
    "Databehandleren anvender følgende underdatabehandlere:",
    "",
    "- Skyhavn ApS – drift af servere – Danmark",
    "- **Brevdue Ltd** (Ireland): e-mail",
    "- Wolkenbau GmbH, Hauptstraße 4, 80331 München – backup",
    "- Mailspring Inc. – email delivery, USA",
  );
  expect(subprocessors(d)).toEqual([
    ["Skyhavn ApS", "DK", "drift af servere"],
    ["Brevdue Ltd", "IE", "e-mail"],
    ["Wolkenbau GmbH", "DE", "backup"],
    ["Mailspring Inc.", "US", "email delivery"],
  ]);
  expect(d.subprocessors[2].value.address).toBe("Hauptstraße 4, 80331 München");
});

test("blocks of 'Subprocessor: Name / Purpose: … / Location: …' are sub-processors; a definition is not", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "## Definitions",
    "",
    "Sub-processor: means any processor engaged by the Processor.",
    "",
    "## Our Current Vendors",
    "",
    "Subprocessor: Wolkenbau GmbH",
    "Purpose: Hosting",
    "Location: Germany",
    "",
    "Subprocessor: Mailspring Inc.",
    "Purpose: Email delivery",
    "Location: United States",
  );
  expect(subprocessors(d)).toEqual([
    ["Wolkenbau GmbH", "DE", "Hosting"],
    ["Mailspring Inc.", "US", "Email delivery"],
  ]);
});

const processorName = (d: ReturnType<typeof dpa>) => d.parties.find((p) => p.role === "PROCESSOR")?.name.value;

test("'We, Zorbix Inc., process …' and 'Vi, Bryglab ApS, behandler …' name the processor", () => {
  const d = dpa(
    "# Data Processing Agreement",
    "",
    "We, Zorbix Inc., process personal data on behalf of our customers.",
  );
  expect(processorName(d)).toBe("Zorbix Inc.");
  const da = dpa("# Databehandleraftale", "", "Vi, Bryglab ApS, behandler personoplysninger på vegne af kunden.");
  expect(processorName(da)).toBe("Bryglab ApS");
});

test("a title 'Zorbix Data Processing Agreement' names the processor when the body names it again", async () => {
  const d = await markdown(
    "# Zorbix Data Processing Agreement",
    "",
    "This agreement governs the processing of personal data by Zorbix on behalf of the Customer.",
  );
  expect(processorName(d)).toBe("Zorbix");
  expect(d.parties.find((p) => p.role === "PROCESSOR")!.name.citations[0].quote).toBe("Zorbix");
  const da = await markdown("# Databehandleraftale for Bryglab", "", "Bryglab behandler data for kunden.");
  expect(processorName(da)).toBe("Bryglab");
  // A generic word, a name the body never repeats, or a processor named in the text: the title gives none.
  for (const title of ["Standard Data Processing Agreement", "Customer Data Processing Agreement", "Quillon DPA"]) {
    const none = await markdown(`# ${title}`, "", "The processor processes personal data on behalf of the controller.");
    expect([title, processorName(none)]).toEqual([title, undefined]);
  }
  const named = await markdown(
    "# Zorbix Data Processing Agreement",
    "",
    "This agreement is entered into between the Customer and Zorbix Labs Ltd. Zorbix hosts the service.",
  );
  expect(processorName(named)).toBe("Zorbix Labs Ltd");
});

test("labelled lines of one Markdown paragraph ('Controller: …', 'Processor: …') each give their party", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "Controller: Fjeldsted Holding A/S",
    "Processor: Zorbix Ltd",
  );
  expect(d.parties.map((p) => [p.role, p.name.value])).toEqual([
    ["CONTROLLER", "Fjeldsted Holding A/S"],
    ["PROCESSOR", "Zorbix Ltd"],
  ]);
  // Hard-wrapped prose in Markdown still reads as one line.
  const wrapped = await markdown(
    "# Data Processing Agreement",
    "",
    "## Personal Data Breach",
    "",
    "The Processor shall notify the Controller without undue delay and within",
    "forty-eight (48) hours of becoming aware of a Personal Data Breach.",
  );
  expect(wrapped.clauses.breachNotificationHours?.value).toBe(48);
});

test("'the Organization' or 'the Customer's organisation' as a party is no name", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "Controller: the Customer's organisation",
    "",
    "Processor: Zorbix Ltd",
  );
  expect(d.parties.map((p) => [p.role, p.name.value])).toEqual([["PROCESSOR", "Zorbix Ltd"]]);
});

const categories = (d: ReturnType<typeof dpa>) => d.dataCategories.map((c) => c.value.key);

test("tokens are credentials where they are listed as personal data, not where storage is described", async () => {
  const listed = await markdown(
    "# Data Processing Agreement",
    "",
    "## Categories of personal data",
    "",
    "- Name and email address",
    "- API tokens and integration tokens",
  );
  expect(categories(listed)).toContain("user.authorization.credentials");
  const denied = await markdown(
    "# Data Processing Agreement",
    "",
    "## Categories of personal data",
    "",
    "- Name and email address",
    "",
    "Access tokens are not personal data.",
  );
  expect(categories(denied)).not.toContain("user.authorization.credentials");
  const stored = await markdown(
    "# Data Processing Agreement",
    "",
    "## Security",
    "",
    "The Processor stores names, email addresses and access tokens encrypted.",
  );
  expect(categories(stored)).toEqual(["user.name", "user.contact.email"]);
});

test("'organization' listed as personal data is the workplace; the customer's and GDPR's are not", async () => {
  const listed = await markdown(
    "# Data Processing Agreement",
    "",
    "## Categories of personal data",
    "",
    "Business email address, name, organization, role.",
  );
  expect(categories(listed)).toContain("user.workplace");
  const subjects = await markdown(
    "# Data Processing Agreement",
    "",
    "## Categories of personal data",
    "",
    "Name and email address of employees of the customer's organization.",
  );
  expect(categories(subjects)).not.toContain("user.workplace");
  const operations = await markdown(
    "# Data Processing Agreement",
    "",
    "## Categories of personal data",
    "",
    "Name and email address, processed by collection, recording, organisation, structuring and storage.",
  );
  expect(categories(operations)).not.toContain("user.workplace");
});

test("a page's foot inside a paragraph of PDF text ('Acme – DPA – Page 3 of 9') does not cut the sentence", () => {
  for (const foot of ["Zorbix Ltd – DPA v2 – Page 3 of 9", "Side 3 af 9", "- 3 -"]) {
    const d = dpa(
      "DATA PROCESSING AGREEMENT",
      "",
      "8. PERSONAL DATA BREACH",
      "",
      "The Processor shall notify the Controller without undue delay and within",
      foot,
      "forty-eight (48) hours of becoming aware of a Personal Data Breach.",
    );
    expect([foot, d.clauses.breachNotificationHours?.value]).toEqual([foot, 48]);
    expect(d.clauses.breachNotificationHours?.citations[0].quote).toMatch(/48/);
  }
});

test("a breach deadline under 'Security Incidents', 'Sikkerhedsbrud' or a heading in capitals is read", async () => {
  for (const heading of [
    "## 9. Security Incidents",
    "## Sikkerhedsbrud",
    "SECURITY INCIDENTS",
    "**Breach Notification**",
  ]) {
    const d = await markdown(
      "# Data Processing Agreement",
      "",
      heading,
      "",
      "Processor will inform Customer of it within 36 hours.",
    );
    expect([heading, d.clauses.breachNotificationHours?.value]).toEqual([heading, 36]);
  }
  const danish = await markdown(
    "# Databehandleraftale",
    "",
    "## Sikkerhedsbrud",
    "",
    "Databehandleren underretter den dataansvarlige senest 24 timer efter at være blevet opmærksom på bruddet.",
  );
  expect(danish.clauses.breachNotificationHours?.value).toBe(24);
});

test("'made between Zorbix Limited, a company incorporated …, and the customer' names the processor", () => {
  const d = dpa(
    "# Data Processing Addendum",
    "",
    'This Data Processing Addendum ("DPA") on personal data is made between Zorbix Limited, a company ' +
      'incorporated in England and Wales with company number 09876543 ("Zorbix"), and the customer identified in ' +
      'the Order Form ("Customer").',
  );
  expect(processorName(d)).toBe("Zorbix Limited");
});

test("a role alone on a line with the party's lines under it, in one paragraph of plain text, gives the party", () => {
  const d = extractAgreementDraft(
    [
      "Data Processing Agreement",
      "",
      "Data Controller",
      "Fjeldsted Holding A/S",
      "CVR 31415926",
      "",
      "Data Processor",
      "Zorbix ApS",
      "CVR 87654321",
    ].join("\n"),
  );
  expect(d.parties.map((p) => [p.role, p.name.value, p.registrationNumber?.value])).toEqual([
    ["CONTROLLER", "Fjeldsted Holding A/S", "31415926"],
    ["PROCESSOR", "Zorbix ApS", "87654321"],
  ]);
});

test("the countries under a 'Data Location' or 'Placering af data' heading are where data is processed", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "## Data Location",
    "",
    "All Personal Data is hosted in data centres in Germany and Finland.",
  );
  expect(d.clauses.processingCountries?.value).toEqual(["DE", "FI"]);
  const da = await markdown(
    "# Databehandleraftale",
    "",
    "## Placering af data",
    "",
    "Personoplysningerne opbevares i Danmark.",
  );
  expect(da.clauses.processingCountries?.value).toEqual(["DK"]);
});

test("under a 'Sub-processors' heading, items and bold lines that open with a company are entries", async () => {
  const list = await markdown(
    "# Data Processing Agreement",
    "",
    "## Sub-processors",
    "",
    "- Wolkenbau GmbH (Germany) – hosting",
    "- Mailspring Inc. (USA) – email",
  );
  expect(subprocessors(list)).toEqual([
    ["Wolkenbau GmbH", "DE", "hosting"],
    ["Mailspring Inc.", "US", "email"],
  ]);
  const bold = await markdown(
    "# Data Processing Agreement",
    "",
    "## Sub-processors",
    "",
    "**Wolkenbau GmbH** – Hosting (Germany)",
    "",
    "**Mailspring Inc.** – Email delivery (USA)",
  );
  expect(subprocessors(bold)).toEqual([
    ["Wolkenbau GmbH", "DE", "Hosting"],
    ["Mailspring Inc.", "US", "Email delivery"],
  ]);
  // A clause's own bullet points name no company: none is taken.
  const duties = await markdown(
    "# Data Processing Agreement",
    "",
    "## Sub-processors",
    "",
    "- The Processor shall impose the same obligations on each sub-processor.",
    "- The Processor remains liable for its sub-processors.",
  );
  expect(subprocessors(duties)).toEqual([]);
});

test("a definition list of sub-processors (term, then purpose and country); an 'Entity Country' column", async () => {
  const html = extractAgreementDraft(
    await parseDocument({
      bytes: Buffer.from(
        "<h1>Data Processing Agreement</h1><p>The processor processes personal data.</p><h2>Sub-processors</h2>" +
          "<dl><dt>Wolkenbau GmbH</dt><dd>Hosting, Germany</dd>" +
          "<dt>Mailspring Inc.</dt><dd>Email delivery, USA</dd></dl>",
      ),
      fileName: "dpa.html",
    }),
  );
  expect(subprocessors(html)).toEqual([
    ["Wolkenbau GmbH", "DE", "Hosting"],
    ["Mailspring Inc.", "US", "Email delivery"],
  ]);
  const table = await markdown(
    "# Data Processing Agreement",
    "",
    "## Subprocessors",
    "",
    "| Entity Name | Entity Country | Purpose |",
    "|---|---|---|",
    "| Wolkenbau GmbH | Germany | Hosting |",
  );
  expect(subprocessors(table)).toEqual([["Wolkenbau GmbH", "DE", "Hosting"]]);
});

test("'the EU-U.S. Data Privacy Framework' does not end the sentence at 'U.S.'", () => {
  const d = dpa(
    "# Data Processing Agreement",
    "",
    "## Transfers",
    "",
    "Where Personal Data is transferred to a third country, the parties rely on the EU-U.S. Data Privacy Framework.",
  );
  expect(d.clauses.thirdCountryTransfers?.value).toBe("ALLOWED_WITH_SAFEGUARDS");
});

test("'processed only within the EU/EEA' and 'behandles udelukkende inden for EU/EØS' keep data in the EU", () => {
  const en = dpa(
    "# Data Processing Agreement",
    "",
    "## Transfers",
    "",
    "Personal Data is processed only within the EU/EEA.",
  );
  expect(en.clauses.thirdCountryTransfers?.value).toBe("PROHIBITED");
  const da = dpa(
    "# Databehandleraftale",
    "",
    "## Overførsel",
    "",
    "Personoplysninger behandles udelukkende inden for EU/EØS.",
  );
  expect(da.clauses.thirdCountryTransfers?.value).toBe("PROHIBITED");
  // Where the data is kept yields to conditions stated for transfers.
  const conditional = dpa(
    "# Data Processing Agreement",
    "",
    "## Transfers",
    "",
    "All Personal Data is stored exclusively within the EU. Any transfer to a third country may only be carried out " +
      "with the Standard Contractual Clauses in place.",
  );
  expect(conditional.clauses.thirdCountryTransfers?.value).toBe("ALLOWED_WITH_SAFEGUARDS");
});

test("'on 10 business days' notice' is the audit notice", () => {
  const d = dpa(
    "# Data Processing Agreement",
    "",
    "## Audits",
    "",
    "Customer may audit Processor once every 12 months on 10 business days' notice.",
  );
  expect(d.clauses.processorAudit.noticeDays?.value).toBe(10);
});

test("common kinds of personal data vendors list are known (payment, geolocation, profile picture, language …)", () => {
  const d = dpa(
    "# Data Processing Agreement",
    "",
    "## Categories of personal data",
    "",
    "- Billing information",
    "- Geolocation data",
    "- Profile picture",
    "- Preferred language",
    "- Social security number",
    "- Account ID",
    "- Biometric data",
    "- Emailadresse",
  );
  expect(categories(d).sort()).toEqual(
    [
      "user.payment",
      "user.location",
      "user.content.self_image",
      "user.demographic.language",
      "user.government_id.national_identification_number",
      "user.unique_id",
      "user.biometric",
      "user.contact.email",
    ].sort(),
  );
});

test("'between Zorbix ApS (…) and the entity that accepts these terms (\"Customer\")' names the processor", () => {
  const en = dpa(
    "# Data Processing Agreement",
    "",
    'This Data Processing Agreement on personal data is entered into between Zorbix ApS ("Zorbix", "we") and the ' +
      'entity that accepts these terms ("Customer").',
  );
  expect(processorName(en)).toBe("Zorbix ApS");
  const da = dpa(
    "# Databehandleraftale",
    "",
    'Denne databehandleraftale er indgået mellem den virksomhed, der har oprettet en konto ("Kunden"), og Zorbix ' +
      'ApS, CVR-nr. 31415926, Vestergade 1, 8000 Aarhus C ("Zorbix").',
  );
  expect(processorName(da)).toBe("Zorbix ApS");
});

test("one company is not both parties: '… on behalf of the Customer (\"Controller\")' names no controller", () => {
  const d = dpa(
    "# Data Processing Agreement",
    "",
    'Zorbix B.V. ("Processor"), a company registered in the Netherlands, processes personal data on behalf of the ' +
      'Customer ("Controller").',
  );
  expect(d.parties.map((p) => [p.role, p.name.value])).toEqual([["PROCESSOR", "Zorbix B.V."]]);
});

test("in Markdown, a company's name on its own line over its address is the name alone", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "**Processor**",
    "",
    "Zorbix Ltd",
    "1 High Street, London EC1A 1AA, United Kingdom",
    "",
    "processes personal data for the controller.",
  );
  expect(processorName(d)).toBe("Zorbix Ltd");
  expect(d.parties.find((p) => p.role === "PROCESSOR")?.countryCode).toBe("GB");
});

test("a party table with the roles as columns gives each role the name under it", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "| | Controller | Processor |",
    "|---|---|---|",
    "| Name | Fjeldsted Holding A/S | Zorbix ApS |",
    "| Address | Nørregade 1, 1165 København K | Vestergade 1, 8000 Aarhus C |",
    "",
    "The processor processes personal data.",
  );
  expect(d.parties.map((p) => [p.role, p.name.value])).toEqual([
    ["CONTROLLER", "Fjeldsted Holding A/S"],
    ["PROCESSOR", "Zorbix ApS"],
  ]);
});
