// General failure causes found in the twenty-fourth held-out part (issue 17, thirtieth round), each as a rule on
// made-up text. Audits verified through questionnaires in the plural ("through security questionnaires, document
// review or …", "written responses to compliance questionnaires") are written supervision, as one questionnaire is:
// a phrase matches whole words only. So is a written audit response the customer may request ("Customers may request
// a written audit response once per 12 months").
import { markdown } from "../helpers/made-up-dpa";

const auditMethodsOf = async (...lines: string[]) =>
  (
    await markdown(
      "# Data Processing Agreement",
      "",
      'This agreement is between Parcelwise ("Processor") and the client ("Controller").',
      "",
      "## 9. Audit",
      "",
      ...lines,
    )
  ).clauses.processorAudit?.methods?.value;

test("questionnaires in the plural are written supervision", async () => {
  expect(
    await auditMethodsOf(
      "Once a year the Controller may check Parcelwise's compliance by audit through compliance questionnaires.",
    ),
  ).toEqual(["WRITTEN_SUPERVISION"]);
});

test("a written audit response the controller may request is written supervision", async () => {
  expect(await auditMethodsOf("The Controller may ask for a written audit response every six months.")).toEqual([
    "WRITTEN_SUPERVISION",
  ]);
});

test("past a table of contents and an empty heading, the point titled 'Data subjects' lists them", async () => {
  const draft = await markdown(
    "# Data Processing Agreement",
    "",
    "- 4. Purpose",
    "- 5. Categories of data subjects and data",
    "- 6. Security",
    "",
    'This agreement is between Parcelwise ("Processor") and the client ("Controller").',
    "",
    "## 5. Categories of data subjects and data",
    "",
    "### 5.1 Data subjects",
    "- Candidates the client invites to interviews",
    "- The client's employees who run the tool",
    "",
    "### 5.2 Categories of personal data",
    "- Name and email address",
  );
  expect(draft.dataSubjectCategories.map((c) => c.value).sort()).toEqual(["employee", "job_applicant"]);
});

test("a heading on the data with no text of its own reads its points", async () => {
  const draft = await markdown(
    "# Data Processing Agreement",
    "",
    'This agreement is between Parcelwise ("Processor") and the client ("Controller").',
    "",
    "## 4. Types of Personal Data and Data Subjects",
    "",
    "### Ordinary data",
    "Member name, date of birth and email address.",
    "",
    "## 5. Security",
    "Parcelwise encrypts what it stores.",
  );
  expect(draft.dataCategories.map((c) => c.value.key).sort()).toEqual([
    "user.contact.email",
    "user.demographic.date_of_birth",
    "user.name",
  ]);
});
