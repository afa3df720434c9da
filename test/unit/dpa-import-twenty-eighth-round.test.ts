// General failure causes found in the twenty-second held-out part (issue 17, twenty-eighth round), each as a rule on
// made-up text. An annex lettered B that describes the processing ("Annex B — Data processing schedule") is no list of
// sub-processors: its labelled rows ("Frequency", "Sub-processors") are not companies. Drafting notes under the
// sub-processor annex ("Drafter's notes for counsel") are remarks, not the list. A prohibition lifted once conditions
// are met first ("shall not transfer … without first ensuring an appropriate transfer mechanism") allows transfers on
// safeguards. Where the data is kept ("hosted exclusively within the EEA", "does not leave the EEA") yields to the
// safeguards stated for the case of a transfer ("Where personal data is transferred outside the EEA, X relies on: -
// Standard Contractual Clauses"). Certifications in the plural are an audit method when given in the audit's place
// ("may satisfy audit requests by providing relevant certifications"), not when listed among proofs the processor may
// offer. A standard named as the frame of the processor's own programme ("an ISMS based on the ISO/IEC 27001 and SOC 2
// frameworks") is no report handed over. An audit's notice may stand in a bracket after the word ("advance notice (at
// least 30 days)"), unless it is a shorter notice for an exception; a condition listed under the audit right may say
// who pays with a gerund ("The Controller bearing the cost of the audit"). Companies the processor says in the first
// person it uses as sub-processors ("we use Quillmail and Nordvault as sub-processors") are its sub-processors. Data
// categories by other common names: "national ID" and "tax file numbers" (national identification numbers), "government
// identifiers", "financial information" (money matters as a kind, standing only when no narrower money category is
// listed), "IBAN" (bank account), "payment references" (payment). Contractors beside the employees ("Customer's
// employees and contractors") are consultants even when the list names suppliers further on, in a group of their own
// ("Customer's suppliers"); beside business partners they are not.
import { markdown } from "../helpers/made-up-dpa";

test("an annex B describing the processing lists no sub-processors", async () => {
  const draft = await markdown(
    "# Data Processing Agreement",
    "",
    "## 1. Scope",
    "",
    "Quillby processes personal data for the Customer as described in Annex B.",
    "",
    "## Annex B — Data processing schedule",
    "",
    "| | |",
    "|---|---|",
    "| **Importer / Processor** | Quillby Oy, Mannerheimintie 3, Helsinki. |",
    "| **Kinds of data subjects** | The Customer's members and staff. |",
    "| **How often** | Continuously while the Agreement runs. |",
    "| **Sub-processors** | As listed on Quillby's trust page. |",
  );
  expect(draft.subprocessors.map((s) => s.value.name)).toEqual([]);
});

test("drafting notes under the sub-processor annex are not sub-processors", async () => {
  const draft = await markdown(
    "# Data Processing Agreement",
    "",
    "## 1. Scope",
    "",
    "Quillby processes personal data for the Customer.",
    "",
    "# Annex III — Sub-processors",
    "",
    "| Sub-processor | Purpose | Region |",
    "|---|---|---|",
    "| **Hetzbox** | Hosting | EU (Finland) |",
    "| **Mailquill** | Transactional e-mail | EU |",
    "",
    "### Drafter's notes for counsel (remove before publication)",
    "",
    "- **Notice period (§6):** Check whether 14 days suits the enterprise plan before we publish.",
    "- **Hosting move:** Confirm with ops when the Finnish region goes live; keep the list in one place.",
  );
  expect(draft.subprocessors.map((s) => s.value.name)).toEqual(["Hetzbox", "Mailquill"]);
});

test("a transfer prohibited until a transfer mechanism is first in place is allowed on safeguards", async () => {
  const draft = await markdown(
    "# Data Processing Agreement",
    "",
    "## 8. Transfers abroad",
    "",
    "Quillby shall not transfer Personal Data outside the EEA without first: (i) telling the Customer in writing; " +
      "and " +
      "(ii) making sure that an appropriate transfer mechanism under Chapter V of the GDPR applies.",
  );
  expect(draft.clauses.thirdCountryTransfers?.value).toBe("ALLOWED_WITH_SAFEGUARDS");
});

test("a plain prohibition of transfers stays a prohibition", async () => {
  const draft = await markdown(
    "# Data Processing Agreement",
    "",
    "## 8. Transfers abroad",
    "",
    "Quillby shall not transfer Personal Data outside the EEA.",
  );
  expect(draft.clauses.thirdCountryTransfers?.value).toBe("PROHIBITED");
});

test("hosting kept in the EEA yields to safeguards stated for the case of a transfer", async () => {
  const draft = await markdown(
    "# Data Processing Agreement",
    "",
    "## 8. International Transfers",
    "",
    "### 8.1 Where data is hosted",
    "",
    "Customers on the Nordic plan have their data hosted exclusively within the EEA. Their data does not leave the " +
      "EEA for hosting.",
    "",
    "### 8.2 Safeguards",
    "",
    "Where personal data is transferred outside the EEA, Quillby relies on:",
    "",
    "- the Standard Contractual Clauses adopted by the European Commission;",
    "- adequacy decisions of the European Commission, where they apply.",
  );
  expect(draft.clauses.thirdCountryTransfers?.value).toBe("ALLOWED_WITH_SAFEGUARDS");
});

test("certifications in the audit's place are a method; the notice in a bracket and the cost borne count", async () => {
  const draft = await markdown(
    "# Data Processing Agreement",
    "",
    "## 3. Audits",
    "",
    "Quillby shall allow for and contribute to audits conducted by the Controller, subject to:",
    "",
    "- Reasonable advance notice (at least 21 days, unless a breach calls for less)",
    "- Audits held during office hours",
    "- The Controller bearing the cost of the audit",
    "",
    "Quillby may satisfy audit requests by providing relevant certifications or summaries of external assessments.",
  );
  const audit = draft.clauses.processorAudit!;
  expect(audit.methods?.value).toEqual(["CERTIFICATION"]);
  expect(audit.noticeDays?.value).toBe(21);
  expect(audit.paidBy?.value).toBe("CONTROLLER");
});

test("certifications among the proofs offered, a shorter notice and a framework name no audit term", async () => {
  const draft = await markdown(
    "# Data Processing Agreement",
    "",
    "## 3. Audits",
    "",
    "Quillby runs an information security programme based on the ISO/IEC 27001 and SOC 2 frameworks. Quillby shall " +
      "prove compliance by suitable means, which may include audit reports, certifications or similar papers.",
    "",
    "On a founded suspicion of a breach, the Controller may audit Quillby on shorter notice (not less than 5 days).",
  );
  const audit = draft.clauses.processorAudit!;
  expect(audit.methods?.value ?? null).toBeNull();
  expect(audit.noticeDays?.value ?? null).toBeNull();
});

test("companies the processor says it uses as sub-processors, in the first person, are sub-processors", async () => {
  const draft = await markdown(
    "# Data Processing Agreement",
    "",
    "## 5. Sub-Processors",
    "",
    "You agree that we use **Quillmail** and **Nordvault** as sub-processors for the Service.",
  );
  expect(draft.subprocessors.map((s) => s.value.name)).toEqual(["Quillmail", "Nordvault"]);
});

test("data categories by other names: national ID, government identifiers, financial information, IBAN", async () => {
  const draft = await markdown(
    "# Data Processing Agreement",
    "",
    "## Annex 1 — Description of the processing",
    "",
    "### Categories of Personal Data",
    "",
    "Full names; tax file numbers and other government identifiers; financial information; IBAN; payment references.",
  );
  const keys = draft.dataCategories.map((c) => c.value.key);
  expect(keys).toEqual(
    expect.arrayContaining([
      "user.government_id.national_identification_number",
      "user.government_id",
      "user.financial.bank_account",
      "user.payment",
    ]),
  );
  expect(keys).not.toContain("user.financial");
});

test("financial information as a kind stands when no narrower money category is listed", async () => {
  const draft = await markdown(
    "# Data Processing Agreement",
    "",
    "## Annex 1 — Description of the processing",
    "",
    "### Categories of Personal Data",
    "",
    "Full names; national ID; financial information.",
  );
  const keys = draft.dataCategories.map((c) => c.value.key);
  expect(keys).toEqual(expect.arrayContaining(["user.government_id.national_identification_number", "user.financial"]));
});

test("contractors beside the employees are consultants though suppliers form a group of their own", async () => {
  const draft = await markdown(
    "# Data Processing Agreement",
    "",
    "## Annex 1 — Description of the processing",
    "",
    "### Categories of Data Subjects",
    "",
    "Data subjects may include: Customer's shoppers, Customer's employees and contractors, Customer's suppliers.",
  );
  expect(draft.dataSubjectCategories.map((c) => c.value)).toContain("consultant");
});

test("contractors listed beside business partners are no consultants", async () => {
  const draft = await markdown(
    "# Data Processing Agreement",
    "",
    "## Annex 1 — Description of the processing",
    "",
    "### Categories of Data Subjects",
    "",
    "Data subjects may include: shoppers, contractors, business partners and staff.",
  );
  expect(draft.dataSubjectCategories.map((c) => c.value)).not.toContain("consultant");
});
