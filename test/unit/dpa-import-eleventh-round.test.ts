// General failure causes found in the eighth held-out part (issue 17, eleventh round), each as a rule on made-up text:
// a general authorisation said as notice and a right to object or as a new sub-processor notified, "sub-databehandler",
// a notice said in the clauses while the annex is only the list, a table's group-heading rows, several services in one
// cell, certifications the processor holds read as audit methods, an audit's frequency in a sentence of its own, common
// end-of-contract phrasings, blank numbers ("[X] hours") marked unfilled, a legal form after a comma in a party's name.
import { extractAgreementDraft } from "../../src/modules/dpa-import/extract";
import { parseDocument } from "../../src/modules/dpa-import/extract/parse";

/** A Markdown upload: its headings are sections. */
const markdown = async (...lines: string[]) =>
  extractAgreementDraft(await parseDocument({ bytes: Buffer.from(lines.join("\n")), fileName: "dpa.md" }));

test("'prior notice and an opportunity to object' to a new sub-processor is a general authorisation", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "## 5. Sub-processors",
    "",
    "Lindqvist Analytics Ltd does not currently engage Sub-processors. Should it intend to engage a Sub-processor,",
    "it will give the Customer prior notice and an opportunity to object.",
  );
  expect(d.clauses.subprocessorAuthorization?.value).toBe("GENERAL");
  const c = d.clauses.subprocessorAuthorization!.citations[0];
  expect(c.quote).toMatch(/^notice and an opportunity to object$/);
});

test("'sub-databehandlere' with 30 dages varsel and indsigelse: general, 30 days", async () => {
  const d = await markdown(
    "# Databehandleraftale",
    "",
    "## 6. Brug af sub-databehandlere",
    "",
    "6.1 Tilføjelse eller udskiftning af sub-databehandlere:",
    "- Databehandleren giver mindst **30 dages forudgående skriftligt varsel** pr. e-mail",
    "- Den Dataansvarlige kan gøre **indsigelse** inden for varslet",
  );
  expect(d.clauses.subprocessorAuthorization?.value).toBe("GENERAL");
  expect(d.clauses.subprocessorNoticeDays?.value).toBe(30);
});

test("a notice said in the clauses is read when the appendix titled for sub-processors only lists them", async () => {
  const d = await markdown(
    "# Data Processing Addendum",
    "",
    "The Processor processes personal data on behalf of the Controller.",
    "",
    "1. **SUB-PROCESSING**",
    "",
    "   1. Where new Sub-processors are on-boarded, the Processor shall notify of such change at least 20 days in",
    "      advance, and the Controller shall have the right to object to such change.",
    "",
    "**APPENDIX B**",
    "",
    "*List of Sub-processors*",
    "",
    "| Sub-processor | Purpose | Location |",
    "| --- | --- | --- |",
    "| Nordlys Hosting AS | Hosting | Norway |",
  );
  expect(d.clauses.subprocessorNoticeDays?.value).toBe(20);
  expect(d.clauses.subprocessorAuthorization?.value).toBe("GENERAL");
});

test("a table row that fills only its first cell heads a group of sub-processors, it is not one", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "The Processor processes personal data for the Controller.",
    "",
    "## Appendix B: List of Sub-processors",
    "",
    "| Sub-processor | Purpose | Categories of Data | Location |",
    "| --- | --- | --- | --- |",
    "| **Cloud Hosting and Storage Providers** |  |  |  |",
    "| Fjordsky Cloud AB | Hosting | Customer Data | Sweden |",
    "| Kastanje Datacenter Zrt | Storage | Customer Data | Hungary |",
    "| **Support and Messaging Providers** |  |  |  |",
    "| Brevdue Messaging SRL | E-mail delivery | Contact data | Romania |",
  );
  expect(d.subprocessors.map((s) => s.value.name)).toEqual([
    "Fjordsky Cloud AB",
    "Kastanje Datacenter Zrt",
    "Brevdue Messaging SRL",
  ]);
  expect(d.subprocessors.map((s) => s.value.countryCode)).toEqual(["SE", "HU", "RO"]);
});

test("a certification the processor says it holds is not how the controller audits it", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "The Processor processes personal data on behalf of the Customer.",
    "",
    "## Annex II: Security measures",
    "",
    "We maintain an information security programme aligned with ISO/IEC 27001 and SOC 2. Our ISO 27001",
    "certification shows a managed security system, while our SOC 2 Type II attestation covers an audited period.",
  );
  expect(d.clauses.processorAudit.methods).toBeNull();
});

test("a certification report the processor provides to the customer is still an audit method", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "The Processor processes personal data on behalf of the Customer.",
    "",
    "## 9. Audits",
    "",
    "On request we provide the Customer with our current SOC 2 Type II audit report.",
  );
  expect(d.clauses.processorAudit.methods?.value).toEqual(["SOC_2"]);
});

test("'an inspection body composed of independent members' is who audits, not an inspection on site", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "The data importer processes personal data on behalf of the data exporter.",
    "",
    "## Clause 5: Obligations of the data importer",
    "",
    "The data importer agrees to submit its data processing facilities for audit, at the request of the data",
    "exporter, which shall be carried out by the data exporter or an inspection body composed of independent members.",
  );
  expect(d.clauses.processorAudit.methods?.value ?? []).not.toContain("PHYSICAL_INSPECTION");
});

test("the audit paragraph's sentence on how often ('Hyppighed: højst 1 gang årligt') gives the interval", async () => {
  const d = await markdown(
    "# Databehandleraftale",
    "",
    "## 4. Databehandlerens forpligtelser",
    "",
    "4.3 **Revisionsret**: Den Dataansvarlige har ret til at gennemføre revisioner hos Databehandleren. Den kan",
    "udføres af en uafhængig tredjepart. Hyppighed: højst 1 gang årligt, medmindre der er mistanke om brud.",
  );
  expect(d.clauses.processorAudit.intervalMonths?.value).toBe(12);
});

/** A short DPA with one clause: the rules must find the value off the template, in the clause's own words. */
const withClause = (heading: string, ...body: string[]) =>
  markdown(
    "# Data Processing Agreement",
    "",
    "The processor processes personal data on behalf of the controller.",
    "",
    `## ${heading}`,
    "",
    ...body,
  );

test("'notify you … before engaging a new sub-processor': a general authorisation, with its notice", async () => {
  const d = await withClause(
    "Sub-processors",
    "We will notify you at least 21 days before engaging a new sub-processor for Customer Personal Data.",
  );
  expect(d.clauses.subprocessorAuthorization?.value).toBe("GENERAL");
  expect(d.clauses.subprocessorNoticeDays?.value).toBe(21);
});

test("'orienteres om nye underleverandører' (Danish) is a general authorisation", async () => {
  const d = await withClause(
    "Underleverandører",
    "Kunden orienteres skriftligt om nye underleverandører senest 45 dage før de tages i brug.",
  );
  expect(d.clauses.subprocessorAuthorization?.value).toBe("GENERAL");
  expect(d.clauses.subprocessorNoticeDays?.value).toBe(45);
});

test("'return … and thereafter securely delete' is return and delete, with its period", async () => {
  const d = await withClause(
    "Data deletion",
    "After the end of the Agreement, Provider shall return all Customer Personal Data to Customer and thereafter",
    "securely delete any copies within 60 days.",
  );
  expect(d.clauses.endOfContractAction?.value).toBe("RETURN_AND_DELETE");
  expect(d.clauses.retentionAfterEndDays?.value).toBe(60);
});

test("'when the subscription ends, we permanently erase … within thirty (30) days': delete, 30 days", async () => {
  const d = await withClause(
    "Term",
    "When the subscription ends, we permanently erase your Personal Data within thirty (30) days, unless law",
    "requires us to keep it.",
  );
  expect(d.clauses.endOfContractAction?.value).toBe("DELETE");
  expect(d.clauses.retentionAfterEndDays?.value).toBe(30);
});

test("'Når samarbejdet ophører, slettes alle data inden for 90 dage': delete", async () => {
  const d = await withClause("Sletning", "Når samarbejdet ophører, slettes alle data inden for 90 dage.");
  expect(d.clauses.endOfContractAction?.value).toBe("DELETE");
});

test("'return, and delete all Personal Data … upon fulfilment of the Purpose' is the end's action", async () => {
  const d = await withClause(
    "Other obligations",
    "The Processor shall cease all use of, return, and delete all Personal Data upon fulfilment of the Purpose.",
  );
  expect(d.clauses.endOfContractAction?.value).toBe("RETURN_AND_DELETE");
});

test("a Danish 'brud' under a heading 'Brud' has its deadline read", async () => {
  const d = await withClause(
    "Brud",
    "Databehandleren underretter uden unødig forsinkelse og senest 30 timer efter at være blevet opmærksom på",
    "et brud.",
  );
  expect(d.clauses.breachNotificationHours?.value).toBe(30);
});

const marked = (d: { placeholders?: { path: string }[] }) => (d.placeholders ?? []).map((p) => p.path);

test.each([
  ["within [X] hours", "The Processor shall notify the Controller of a personal data breach within [X] hours."],
  ["within ____ hours", "The Processor shall notify the Controller of a personal data breach within ____ hours."],
  ["senest {{timer}} timer", "Databehandleren underretter den dataansvarlige om brud senest {{timer}} timer efter."],
])("a breach deadline left blank ('%s') is marked unfilled, never read", async (_, sentence) => {
  const d = await withClause("Breach notification", sentence);
  expect(d.clauses.breachNotificationHours).toBeNull();
  expect(marked(d)).toContain("clauses.breachNotificationHours");
});

test("a sub-processor notice of '[●] days' and a deletion within '[antal] dage' are marked unfilled", async () => {
  const en = await withClause(
    "Sub-processors",
    "The Processor shall notify the Controller of any intended changes concerning the addition or replacement of",
    "sub-processors at least [●] days in advance.",
  );
  expect(en.clauses.subprocessorNoticeDays).toBeNull();
  expect(marked(en)).toContain("clauses.subprocessorNoticeDays");
  const da = await withClause(
    "Ophør",
    "Ved aftalens ophør sletter databehandleren alle personoplysninger senest [antal] dage efter ophøret.",
  );
  expect(da.clauses.retentionAfterEndDays).toBeNull();
  expect(marked(da)).toContain("clauses.retentionAfterEndDays");
});

test("a cell naming several services ('regnskabet.dk, Lagerly (Visma), Timely og Kassen') gives each one", async () => {
  const d = await markdown(
    "# Databehandleraftale",
    "",
    "Databehandleren behandler personoplysninger på vegne af den dataansvarlige.",
    "",
    "## Bilag B: Underdatabehandlere",
    "",
    "| Underdatabehandler | Formål |",
    "| --- | --- |",
    "| Nordhav Hosting ApS | Drift |",
    "| regnskabet.dk, Lagerly (Visma), Timely og Kassen | Integrationer efter kundens valg |",
    "| Tinde Payments Limited, tinde.io Inc. and Tinde Market Limited | Betaling |",
  );
  const names = d.subprocessors.map((s) => s.value.name);
  expect(names).toEqual([
    "Nordhav Hosting ApS",
    "regnskabet.dk",
    "Lagerly",
    "Timely",
    "Kassen",
    "Tinde Payments Limited, tinde.io Inc. and Tinde Market Limited",
  ]);
  for (const s of d.subprocessors) expect(s.citations[0].quote).toContain(s.value.name.split(",")[0]);
});

test("'between Lumora, Inc. (\"Vendor\"), and Customer': the processor is 'Lumora, Inc.'", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "This Data Processing Addendum is made by and between Lumora, Inc. (“Vendor”), and Customer, pursuant to the",
    "Agreement. Vendor processes Personal Data as a Processor on behalf of Customer.",
    "",
    "## 1. Scope",
    "",
    "This DPA applies to personal data processed under the Agreement.",
  );
  const processor = d.parties.find((p) => p.role === "PROCESSOR");
  expect(processor?.name.value).toBe("Lumora, Inc.");
  expect(processor?.address).toBeNull();
});

test("a one-column table of prose that mentions sub-processors holds no sub-processor's name", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "The Processor processes personal data on behalf of the Controller.",
    "",
    "| The data importer will inform the data exporter of any subprocessor it engages under these Clauses. |",
    "| --- |",
    "| Appendix 2 to the Clauses The technical and organisational measures implemented by the data importer are " +
      "as described in Exhibit B of this agreement and apply to every transfer made under these Clauses |",
  );
  expect(d.subprocessors).toEqual([]);
});

test("'delete or anonymise … (no more than 45 days)' under 'Return and Deletion': delete, 45 days", async () => {
  const d = await withClause(
    "Return and Deletion of Data",
    "Nothing is kept to return upon termination. The Processor will:",
    "",
    "- Delete or anonymise its request logs in line with its retention schedule (no more than 45 days).",
  );
  expect(d.clauses.endOfContractAction?.value).toBe("DELETE");
  expect(d.clauses.retentionAfterEndDays?.value).toBe(45);
});
