// General failure causes found in the twenty-sixth and twenty-seventh held-out parts (issue 17, thirty-third round),
// each as a rule on made-up text: the clauses (transfers, the end of the contract, the sub-processor regime, audit
// terms) and the sub-processors' countries.
import { markdown, upload } from "../helpers/made-up-dpa";

const PARTIES = 'This agreement is between Parcelwise ("Processor") and the client ("Controller").';

const clausesOf = async (...lines: string[]) =>
  (await markdown("# Data Processing Agreement", "", PARTIES, "", ...lines)).clauses;

// Transfers: a prohibition lifted by "an appropriate transfer mechanism" allows them on it; a transfer that "may only
// occur with the prior written consent" of the controller, no safeguard named, waits for a consent not yet given.
test("no transfer without an appropriate transfer mechanism allows transfers on safeguards", async () => {
  const c = await clausesOf(
    "## 5. International transfers",
    "",
    "Personal data is hosted in Germany. Parcelwise will not transfer personal data outside the EEA without an " +
      "appropriate transfer mechanism (e.g. Standard Contractual Clauses) and prior notice.",
  );
  expect(c.thirdCountryTransfers?.value).toBe("ALLOWED_WITH_SAFEGUARDS");
});

test("a transfer only with the controller's prior written consent is read as prohibited", async () => {
  const c = await clausesOf(
    "## 5. Transfers",
    "",
    "5.1. Data transfers to third countries may only occur with the prior written consent of the Controller and in " +
      "compliance with applicable data protection laws.",
  );
  expect(c.thirdCountryTransfers?.value).toBe("PROHIBITED");
});

test("a transfer only with consent and on standard contractual clauses stays allowed with safeguards", async () => {
  const c = await clausesOf(
    "## 5. Transfers",
    "",
    "Data transfers to third countries may only occur with the prior written consent of the Controller and on the " +
      "standard contractual clauses.",
  );
  expect(c.thirdCountryTransfers?.value).toBe("ALLOWED_WITH_SAFEGUARDS");
});

// The end of the contract: "at the end of the Service" is the end; a deletion said as a noun ("perform a hard
// deletion of") is a deletion; a deletion "unless the Controller requests return" leaves the choice to the controller.
test("the controller's choice at the end of the Service is the end-of-contract action", async () => {
  const c = await clausesOf(
    "## 4. Processor duties",
    "",
    "1. Confidentiality — keep the personal data confidential.",
    "2. Return or deletion — at the Controller's choice, delete or return all personal data at the end of the " +
      "Service and delete existing copies.",
  );
  expect(c.endOfContractAction?.value).toBe("CONTROLLER_CHOICE");
});

test("performing a hard deletion on termination is a deletion", async () => {
  const c = await clausesOf(
    "## 7. Data deletion",
    "",
    "Upon termination of the Terms, Parcelwise will permanently perform a hard deletion of all associated personal " +
      "data within thirty (30) days.",
  );
  expect(c.endOfContractAction?.value).toBe("DELETE");
  expect(c.retentionAfterEndDays?.value).toBe(30);
});

test("a deletion unless the controller requests return first is the controller's choice", async () => {
  const c = await clausesOf(
    "## 13. Termination",
    "",
    "On termination of the service agreement, Parcelwise will delete all Controller data within 30 days unless the " +
      "Controller requests return of a machine-readable export first.",
  );
  expect(c.endOfContractAction?.value).toBe("CONTROLLER_CHOICE");
});

// The sub-processor regime.
test("engaging without any further specific authorisation is a general authorisation", async () => {
  const c = await clausesOf(
    "## 4. Sub-processors",
    "",
    "The Controller hereby grants Parcelwise the right to engage any Sub-processor without obtaining any further " +
      "written, specific authorization, provided that Parcelwise keeps its list of Sub-processors current.",
  );
  expect(c.subprocessorAuthorization?.value).toBe("GENERAL");
});

test("no sub-processor without prior specific written authorisation stays specific", async () => {
  const c = await clausesOf(
    "## 4. Sub-processors",
    "",
    "Parcelwise shall not engage any Sub-processor without the prior specific written authorization of the Controller.",
  );
  expect(c.subprocessorAuthorization?.value).toBe("SPECIFIC");
});

test("new sub-processors requiring notice are a general authorisation, read past an unrelated section 7", async () => {
  const c = await clausesOf(
    "## 7. Controller obligations",
    "",
    "- Give lawful instructions.",
    "",
    "## 8. Processor obligations",
    "",
    "- Process personal data only on documented instructions.",
    "- Sub-processors listed in Section 9 below; new sub-processors require prior written notice.",
  );
  expect(c.subprocessorAuthorization?.value).toBe("GENERAL");
});

test("consent to the processor being able to subcontract is a general authorisation", async () => {
  const c = await clausesOf(
    "## 6. Onward processing",
    "",
    "The Controller consents to Parcelwise being able to subcontract part or all of the processing to a third party " +
      '("Onward Sub-processor").',
  );
  expect(c.subprocessorAuthorization?.value).toBe("GENERAL");
});

test("being told of the addition of a sub-processor, in the singular, is a general authorisation", async () => {
  const c = await clausesOf(
    "## 6. Onward processing",
    "",
    "Parcelwise informs the Controller at least 30 days in advance of any addition or removal of an onward " +
      "sub-processor by updating its list.",
  );
  expect(c.subprocessorAuthorization?.value).toBe("GENERAL");
});

// Audit terms.
const auditOf = async (...lines: string[]) => (await clausesOf("## 12. Audit", "", ...lines)).processorAudit;

test("audits at the User's expense are paid by the controller", async () => {
  const a = await auditOf(
    "The User may audit Parcelwise's compliance with this Agreement.",
    "",
    "All audits will be conducted at the User's expense.",
  );
  expect(a?.paidBy?.value).toBe("CONTROLLER");
});

test("the customer who shall pay for all the audit costs pays", async () => {
  const a = await auditOf(
    "You may have an independent auditor audit Parcelwise once a year, provided that:",
    "",
    "- the audit is carried out during business hours;",
    "- You shall pay for all the audit costs.",
  );
  expect(a?.paidBy?.value).toBe("CONTROLLER");
});

test("days of reasonable advance notice before an audit are the notice", async () => {
  const a = await auditOf(
    "You shall give us at least sixty (60) days reasonable advance notice before exercising the right to audit.",
  );
  expect(a?.noticeDays?.value).toBe(60);
});

test("once in a twelve calendar months period is yearly, and access to the premises is an inspection", async () => {
  const a = await auditOf(
    "Parcelwise acknowledges that the auditor may access its premises for the purposes of carrying out the audit. " +
      "The Controller can only exercise this audit right once in a twelve (12) calendar months period.",
  );
  expect(a?.intervalMonths?.value).toBe(12);
  expect(a?.methods?.value).toEqual(["PHYSICAL_INSPECTION"]);
});

test("certifications given to satisfy this obligation are a method", async () => {
  const a = await auditOf(
    "On reasonable notice, and no more than once per year, you may request information necessary to demonstrate " +
      "Parcelwise's compliance. We may satisfy this obligation by providing certifications or third-party reports.",
  );
  expect(a?.methods?.value).toEqual(["CERTIFICATION"]);
});

// Sub-processors' countries.
const subprocessorsOf = async (...rows: string[]) =>
  (
    await markdown(
      "# Data Processing Agreement",
      "",
      PARTIES,
      "",
      "## 9. Sub-processors",
      "",
      "| Sub-processor | Purpose | Location |",
      "| --- | --- | --- |",
      ...rows,
    )
  ).subprocessors.map((s) => [s.value.name, s.value.countryCode]);

test("one company in two rows in two countries sits in no one of them", async () => {
  expect(
    await subprocessorsOf(
      "| Nimbushost — analytics | API hosting | US (Oregon) |",
      "| Nimbushost — billing | Billing hosting | EU (Frankfurt) |",
      "| Mailowl | E-mail delivery | US |",
    ),
  ).toEqual([
    ["Nimbushost", null],
    ["Mailowl", "US"],
  ]);
});

test("a country and a region side by side name no one country; a city before the region still does", async () => {
  expect(await subprocessorsOf("| Paystream | Payments | US, EU |", "| Cloudnest | Hosting | Frankfurt, EU |")).toEqual(
    [
      ["Paystream", null],
      ["Cloudnest", "DE"],
    ],
  );
});

test("a card (MDX in a .md file) titled with a name under the sub-processor annex is a sub-processor", async () => {
  const draft = await upload(
    "dpa.md",
    "# Data Processing Agreement",
    "",
    PARTIES,
    "",
    "The agreement covers the personal data processed for the customer.",
    "",
    "## Annex II: List of Onward Sub-processors",
    "",
    "<Note>",
    "The Controller has authorised the use of the following onward Sub-processors:",
    "</Note>",
    "",
    "<CardGroup cols={1}>",
    '  <Card title="Brainworks" icon="brain">',
    "    **Location:** EU (Belgium)  ",
    "    **Description:** Developer of the AI system",
    "  </Card>",
    "</CardGroup>",
  );
  expect(draft.subprocessors.map((s) => [s.value.name, s.value.countryCode])).toEqual([["Brainworks", "BE"]]);
});
