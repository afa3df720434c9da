// The general failure causes of the sixth round (issue 17), each as a rule on text written the way the seen
// documents write it: a processor named only mid-sentence, transfer conditions stated as a rule, the return or
// destruction of data as alternatives, who pays said apart from the audit sentence, a notice said after the
// sentence that names sub-processors.
import { extractAgreementDraft } from "../../src/modules/dpa-import/extract";
import { parseDocument } from "../../src/modules/dpa-import/extract/parse";

const dpa = (...lines: string[]) => extractAgreementDraft(lines.join("\n"));
/** A Markdown upload: its headings are sections. */
const markdown = async (...lines: string[]) =>
  extractAgreementDraft(await parseDocument({ bytes: Buffer.from(lines.join("\n")), fileName: "dpa.md" }));
const processorName = (d: ReturnType<typeof dpa>) => d.parties.find((p) => p.role === "PROCESSOR")?.name.value;

test("'X processes personal data, referred to as …, on behalf of the Customer' names the processor", () => {
  const d = dpa(
    "# Data Processing Agreement",
    "",
    'In the performance of the "Framework Agreement", ACMECLOUD processes personal data, referred to as the ' +
      '"Data," on behalf of the Customer.',
  );
  expect(processorName(d)).toBe("ACMECLOUD");
  // The citation is the exact span of the name.
  const name = d.parties.find((p) => p.role === "PROCESSOR")!.name;
  expect(name.citations[0].quote).toBe("ACMECLOUD");
});

test("'entered into by X (“Brand”, “we”) and the customer' names the processor, not its brand", () => {
  const d = dpa(
    "# Data Processing Agreement",
    "",
    'This DPA forms part of the Agreement entered into by Widgetworks LLC ("Widgets", "we", "us") and the ' +
      'customer ("you").',
  );
  expect(processorName(d)).toBe("Widgetworks LLC");
});

test("transfer conditions stated as a rule allow transfers with safeguards", () => {
  const d = dpa(
    "# Data Processing Agreement",
    "",
    "Processing of Data outside the EU requires the Processor to ensure that the conditions for transferring the " +
      "data to third countries in accordance with the DPA are met.",
  );
  expect(d.clauses.thirdCountryTransfers?.value).toBe("ALLOWED_WITH_SAFEGUARDS");
  expect(d.clauses.thirdCountryTransfers?.citations[0].quote).toMatch(/^conditions for transferring/);
});

test("'transfer to the Controller all Personal Data … or destroy them' is the controller's choice", () => {
  const d = dpa(
    "# Data Processing Agreement",
    "",
    "## Duties after termination",
    "",
    "The Processor shall transfer to the Controller all Personal Data under its control, or destroy them in " +
      "accordance with applicable law, at the latest upon termination of the service agreement.",
  );
  expect(d.clauses.endOfContractAction?.value).toBe("CONTROLLER_CHOICE");
});

test("who pays, said in the audit section apart from the audit sentence, is read", async () => {
  const d = await markdown(
    "# Databehandleraftale",
    "",
    "## 11. Tilsyn",
    "",
    "Acme ApS gør det muligt at gennemføre revision, herunder inspektion, ved kunden.",
    "",
    "Anmodning varsles med rimeligt varsel. Kunden afholder egne omkostninger.",
    "",
    "## 12. Sletning",
    "",
    "Databehandleren afholder egne omkostninger ved sletning.",
  );
  expect(d.clauses.processorAudit.paidBy?.value).toBe("CONTROLLER");
  expect(d.clauses.processorAudit.paidBy?.citations[0].quote).toBe("afholder egne omkostninger");
});

test("an objection window said after the sentence naming sub-processors, in the same paragraph, is the notice", () => {
  const d = dpa(
    "# Data Processing Agreement",
    "",
    "The Controller grants the Processor general authorization to use subcontractors. The Processor shall " +
      "inform the Controller of any intended change. The Controller may object to the change within thirty (30) days.",
    "",
    "The Controller may object to an audit report within 10 days.",
  );
  expect(d.clauses.subprocessorAuthorization?.value).toBe("GENERAL");
  expect(d.clauses.subprocessorNoticeDays?.value).toBe(30);
});

test("a contact block that starts with the party's name gives its address and foreign number", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    'This DPA forms part of the agreement between the customer ("Customer") and **VERDE SISTEMAS LTDA**, a company ' +
      'registered in Brazil, trading as **Verde** ("Processor").',
    "",
    "## 18. Contact",
    "",
    "**VERDE SISTEMAS LTDA**",
    "Rua 9, 100 Sala 2,",
    "Goiânia, GO, Brazil, CEP 74000-000",
    "CNPJ: 12.345.678/0001-90",
    "Email: privacy@example.org",
  );
  const p = d.parties.find((x) => x.role === "PROCESSOR")!;
  expect(p.name.value).toBe("VERDE SISTEMAS LTDA");
  expect(p.registrationNumber?.value).toBe("12.345.678/0001-90");
  expect(p.address?.value).toBe("Rua 9, 100 Sala 2, Goiânia, GO, Brazil, CEP 74000-000");
  expect(p.countryCode).toBe("BR");
});

test("'team members', 'prospects', 'contacts' are data subjects; the subjects 'affected' are named", async () => {
  const subjects = (d: ReturnType<typeof dpa>) => d.dataSubjectCategories.map((s) => s.value).sort();
  expect(
    subjects(
      dpa(
        "Data Processing Agreement",
        "",
        "The group of data subjects affected includes end-users of the controller's websites.",
      ),
    ),
  ).toEqual(["end_user"]);
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "### F. Categories of Data Subjects",
    "",
    "- The Customer's team members who access the Service.",
    "- The Customer's prospects.",
    "- Authorized contacts of the Customer (for example, billing contacts).",
  );
  expect(subjects(d)).toEqual(["contact_person", "employee", "prospect"]);
});

test("'Oplysninger kan omfatte …' says what data is processed; a breach notice's contents do not", () => {
  const keys = (...lines: string[]) => dpa(...lines).dataCategories.map((c) => c.value.key);
  expect(
    keys(
      "Databehandleraftale",
      "",
      "Oplysninger kan omfatte kontaktoplysninger, tidsoplysninger og lokationsoplysninger.",
    ),
  ).toEqual(["user.contact", "user.employment.working_hours", "user.location"]);
  expect(
    keys("Databehandleraftale", "", "Meddelelsen skal indeholde kontaktoplysninger for yderligere kommunikation."),
  ).toEqual([]);
});

test("'days' advance publication' of a new sub-processor is notice; an audit at the premises is an inspection", () => {
  const d = dpa(
    "Data Processing Agreement",
    "",
    "Acme will update the list of Sub-processors and will provide at least seven (7) days' advance publication for " +
      "additions.",
    "",
    "Audits. The Customer may once a year conduct an audit at the premises of Acme.",
  );
  expect(d.clauses.subprocessorNoticeDays?.value).toBe(7);
  expect(d.clauses.processorAudit.methods?.value).toEqual(["PHYSICAL_INSPECTION"]);
});

test("a prohibition 'unless:' finished by a list of safeguards allows transfers with them", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "## 5. International Transfers",
    "",
    "Personal Data shall not be transferred outside the EEA unless:",
    "- Adequate safeguards are in place (Standard Contractual Clauses, adequacy decisions)",
    "- Controller has provided prior written authorization",
  );
  expect(d.clauses.thirdCountryTransfers?.value).toBe("ALLOWED_WITH_SAFEGUARDS");
  const plain = await markdown(
    "# Data Processing Agreement",
    "",
    "## 5. International Transfers",
    "",
    "Personal Data shall not be transferred outside the EEA.",
    "",
    "- Standard Contractual Clauses are kept on file.",
  );
  expect(plain.clauses.thirdCountryTransfers?.value).toBe("PROHIBITED");
});
