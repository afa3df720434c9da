// General failure causes found in the twenty-third held-out part (issue 17, twenty-ninth round), each as a rule on
// made-up text. A numbered point titled by a clause's subject ("4.3 Data Breach", "4.5 Audit Rights") under a clause
// that groups the processor's duties holds that clause's terms: its terse bullets ("Inform the Controller within 36
// hours") name no breach themselves. A point titled by the words alone ("2.2 Data Processed") lists the data
// categories. Other states' national numbers: Ireland's PPS number, the United Kingdom's National Insurance number.
// Under a heading on sub-processors, a duty that names the role ("Keep register of Sub-processors") is no company, and
// a heading on how the list changes ("Sub-processor Changes") holds the notice's terms ("**Lead time**: 20 days"), not
// companies. The processor named by its role, as MDX pages write it: in emphasis ("Tallowby is the **processor**"),
// after a sentence that mentions the name, hedged ("Quorrel is usually the processor"), or by a generic defined term
// that acts as the processor ("Company acts as the data processor") where the term is defined as a company ('"Company"
// refers to Brindlewave Labs LLC'). The window to object to a new sub-processor may come after long words ("object to
// the appointment of any new sub-processor by telling X promptly and in writing within twelve (12) days"), but never
// past a termination ("… the Customer may terminate … within forty (40) days"). A processor that "may use subprocessors
// for storage …" has a general authorisation, as one that "may engage" them.
import { markdown, processorOf } from "../helpers/made-up-dpa";

test("a numbered point titled by a clause's subject holds that clause's terms", async () => {
  const draft = await markdown(
    "# Data Processing Agreement",
    "",
    'This agreement is between Parcelwise ("Processor") and the client ("Controller").',
    "",
    "## 4. Duties of the Processor",
    "",
    "### 4.1 Confidentiality",
    "- Keep staff under confidentiality",
    "- Reply to questions within 5 days",
    "",
    "### 4.3 Data Breach",
    "- Inform the Controller within 36 hours",
    "- Help with the follow-up",
  );
  expect(draft.clauses.breachNotificationHours?.value).toBe(36);
});

test("a point titled 'Data Processed' lists the data categories", async () => {
  const draft = await markdown(
    "# Data Processing Agreement",
    "",
    'This agreement is between Parcelwise ("Processor") and the client ("Controller").',
    "",
    "## 2. Scope",
    "",
    "### 2.2 Data Processed",
    "- Member names",
    "- Email addresses",
    "",
    "### 2.3 Instructions",
    "- Follow the Controller's instructions",
  );
  expect(draft.dataCategories.map((c) => c.value.key).sort()).toEqual(["user.contact.email", "user.name"]);
});

test("Irish PPS numbers and British National Insurance numbers are national identification numbers", async () => {
  const draft = await markdown(
    "# Data Processing Agreement",
    "",
    "Parcelwise processes personal data for the client.",
    "",
    "## Categories of personal data",
    "- Staff names",
    "- PPS numbers",
    "- National Insurance numbers",
  );
  expect(draft.dataCategories.map((c) => c.value.key)).toContain("user.government_id.national_identification_number");
});

test("duties and notice terms under sub-processor headings are no companies", async () => {
  const draft = await markdown(
    "# Data Processing Agreement",
    "",
    'This agreement is between Parcelwise ("Processor") and the client ("Controller").',
    "",
    "### 5.1 Sub-processors",
    "- Keep register of Sub-processors",
    "- Bind Sub-processors to the same duties",
    "",
    "### 5.2 Sub-processor Changes",
    "- **Lead time**: 20 days prior notice",
    "- **Channel**: Email notification",
    "",
    "## Appendix A: Sub-processor List",
    "",
    "| Sub-processor | Service | Location |",
    "|---|---|---|",
    "| Hostlyn | Hosting | EU |",
  );
  expect(draft.subprocessors.map((s) => s.value.name)).toEqual(["Hostlyn"]);
});

test("the processor named with its role in emphasis, after a sentence that mentions it", async () => {
  const draft = await markdown(
    "# Data Processing Agreement",
    "",
    "## 1. Roles",
    "",
    "The Customer is the **controller** of what it uploads to Tallowby and chooses what runs. Tallowby is the " +
      "**processor**: it handles that data only to run the jobs.",
  );
  expect(processorOf(draft)?.name.value).toBe("Tallowby");
});

test("the processor named with a hedged role", async () => {
  const draft = await markdown(
    "# Data Processing Agreement",
    "",
    "## Parties and Roles",
    "",
    "For workspace data, the customer is usually the controller, and Quorrel is usually the processor.",
  );
  expect(processorOf(draft)?.name.value).toBe("Quorrel");
});

test("a generic defined term that acts as the processor is the company it refers to", async () => {
  const draft = await markdown(
    "# Data Processing Agreement",
    "",
    "## Definitions",
    "",
    '1. "Company" refers to Brindlewave Labs LLC, a Delaware limited liability company.',
    "",
    '2. "Customer" refers to the entity that uses the Services.',
    "",
    "## Roles",
    "",
    "1. Customer is the data controller for the recordings, and Company acts as the data processor.",
  );
  expect(processorOf(draft)?.name.value).toBe("Brindlewave Labs LLC");
});

test("the window to object after long words between, not a termination's period", async () => {
  const draft = await markdown(
    "# Data Processing Agreement",
    "",
    "Parcelwise processes personal data for the Customer.",
    "",
    "## 6. Sub-processors",
    "",
    "The Customer may object to the appointment of any new sub-processor by telling Parcelwise promptly and in " +
      "writing within twelve (12) calendar days of the notice. If an objection stays unresolved, the Customer may " +
      "terminate the affected service by written notice within forty (40) days.",
  );
  expect(draft.clauses.subprocessorNoticeDays?.value).toBe(12);
});

test("a processor that may use sub-processors has a general authorisation", async () => {
  const draft = await markdown(
    "# Data Processing Agreement",
    "",
    "Parcelwise processes personal data for the Customer.",
    "",
    "## Subprocessors",
    "",
    "Parcelwise may use subprocessors for storage, e-mail and billing. Ask support for the current ones.",
  );
  expect(draft.clauses.subprocessorAuthorization?.value).toBe("GENERAL");
});
