// General failure causes found in the thirty-second and thirty-third held-out parts (issue 17, fortieth round), each
// as a rule on made-up text: the end of the contract ("return or destruction", an export then deletion, "no data to
// delete or return"), data subjects after a dash or in a row labelled in the singular, kinds of data (pages viewed,
// medical certificates, leave records, audio/video recordings; not professional credentials, not a person's
// employment in a sentence), and the country a company is registered in after its number.
import { markdown, processorOf } from "../helpers/made-up-dpa";

const PARTIES = 'This agreement is between Parcelwise Ltd ("Processor") and the client ("Controller").';
const end = (d: Awaited<ReturnType<typeof markdown>>) => d.clauses.endOfContractAction?.value ?? null;
const keys = (d: Awaited<ReturnType<typeof markdown>>) => d.dataCategories.map((c) => c.value.key).sort();
const subjects = (d: Awaited<ReturnType<typeof markdown>>) => [...d.dataSubjectCategories.map((c) => c.value)].sort();

test("'Data return or destruction within 90 days of termination': the controller's choice", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    PARTIES,
    "",
    "## 7. Term and Termination",
    "",
    "- Client may terminate for material breach with 30-day cure period",
    "- Data return or destruction within 90 days of termination",
  );
  expect(end(d)).toBe("CONTROLLER_CHOICE");
});

test("'there is no data to delete or return' is no choice: the deletion of what is left stands", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    PARTIES,
    "",
    "## Deletion or Return of Data",
    "",
    "Since the Processor stores no personal data, there is no data to delete or return at the end of the processing " +
      "relationship.",
    "",
    "Upon termination of the Services, the Processor will delete any residual data (if any exists).",
  );
  expect(end(d)).toBe("DELETE");
});

test("an export handed over at the end, then deletion, over a retention section that only deletes", async () => {
  const retention = [
    "## 8. Data Retention and Deletion",
    "",
    "- Active accounts: data retained for the duration of the subscription",
    "- Cancelled accounts: data retained for 90 days then permanently deleted",
    "",
  ];
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    PARTIES,
    "",
    ...retention,
    "## 11. Term and Termination",
    "",
    "Upon termination we will provide a complete data export within 5 business days and permanently delete all your " +
      "data within 90 days.",
  );
  expect(end(d)).toBe("RETURN_AND_DELETE");
  // Without the export, the retention section's deletion stays.
  const only = await markdown(
    "# Data Processing Agreement",
    "",
    PARTIES,
    "",
    ...retention,
    "## 11. Term and Termination",
    "",
    "Upon termination we will permanently delete all your data within 90 days.",
  );
  expect(end(only)).toBe("DELETE");
});

test("'Data subjects — the customer's employees, clients, and contacts': a label set off by a dash", async () => {
  const d = await markdown(
    "# Data Processing Addendum",
    "",
    PARTIES,
    "",
    "## 2. Scope of processing",
    "",
    "- Subject matter — provision of the service.",
    "- Duration — for the term of the agreement.",
    "- Data subjects — the customer's employees, clients, and contacts.",
    "",
    "## 6. Data subject requests",
    "",
    "The Processor assists the customer in responding to data subject requests from patients.",
  );
  expect(subjects(d)).toEqual(["contact_person", "customer", "employee"]);
});

test("a table row labelled 'Categories of Data Subject', in the singular", async () => {
  const d = await markdown(
    "# Data processing agreement",
    "",
    PARTIES,
    "",
    "## Annex A — details of the processing",
    "",
    "| Item | Detail |",
    "| --- | --- |",
    "| Subject matter | Revision quizzes for pupils and their teachers |",
    "| Categories of Data Subject | Pupils of the Customer, and the Customer's teaching staff |",
  );
  expect(subjects(d)).toEqual(["child.pupil", "employee"]);
});

test("pages viewed, medical certificates, leave records and audio/video recordings are kinds of data", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    PARTIES,
    "",
    "## 3. Personal Information Processed",
    "",
    "The Processor processes the following categories of personal information:",
    "",
    "- Pages viewed",
    "- Leave records including dates, types and approval history",
    "- Medical certificate documents uploaded by employees",
    "- Call transcripts, audio/video recordings",
  );
  expect(keys(d)).toEqual([
    "user.behavior.browsing_history",
    "user.content.audio_recording",
    "user.content.transcript",
    "user.employment",
    "user.health_and_medical",
  ]);
});

test("professional credentials are no login; 'employment' in a sentence is someone's job, not data", async () => {
  const listed = await markdown(
    "# Data Processing Agreement",
    "",
    PARTIES,
    "",
    "## 2.1 Categories of Personal Data",
    "",
    "- Business email address",
    "- Professional credentials",
  );
  expect(keys(listed)).toEqual(["user.contact.email"]);
  const sentence = await markdown(
    "# Data Processing Agreement",
    "",
    PARTIES,
    "",
    "## 3. Confidentiality",
    "",
    "The Processor's personnel have received training and have agreed to confidentiality obligations that survive " +
      "the termination of that person's employment.",
  );
  expect(keys(sentence)).not.toContain("user.employment");
  // Listed, employment is data.
  const inList = await markdown(
    "# Data Processing Agreement",
    "",
    PARTIES,
    "",
    "## Categories of Personal Data",
    "",
    "- Names",
    "- Employment",
  );
  expect(keys(inList)).toEqual(["user.employment", "user.name"]);
});

test("a company registered in England and Wales after its number, filled or blank, is in GB", async () => {
  for (const number of ["01234567", "__________"]) {
    const d = await markdown(
      "# Data Processing Agreement",
      "",
      'This agreement is between Finchley Tools Ltd ("Processor") and the client ("Controller").',
      "",
      "## Contact",
      "",
      `Finchley Tools Ltd, company number ${number}, registered in England and Wales at __________.`,
    );
    expect(processorOf(d)?.countryCode).toBe("GB");
  }
});
