// General failure causes found in the twenty-first held-out part (issue 17, twenty-sixth round), each as a rule on
// made-up text. A list under the sub-processor clause that says what the processor will do ("Notify Customer 30
// days before engaging a new sub-processor") lists duties, not companies, even when a duty names the customer. A
// deletion's period right after the controller's choice between return and deletion ("at Controller's choice:" over
// "- Delete all data within 30 days of termination") is how the deletion is done: the end is the controller's choice.
// Contractors among the data subjects are the consultants of the category list, as freelancers are, unless the list
// names them among business relations (suppliers, agents, business partners). A sub-processor row naming two
// vendors as alternatives ("Sumsub or Persona") lists each.
import { markdown } from "../helpers/made-up-dpa";

test("duties listed under the sub-processor clause that name the customer are not sub-processors", async () => {
  const draft = await markdown(
    "# Data Processing Agreement",
    "",
    "## 6. Sub-processors",
    "",
    "Quillby engages the sub-processors named on its website. Quillby will:",
    "",
    "- **Tell** Customer ≥21 days before adding a new sub-processor",
    "- Let Customer **object** within 10 days of being told",
    "- Stay **answerable** to Customer for every sub-processor's acts",
    "",
    "## 7. Security",
    "",
    "Quillby keeps personal data encrypted at rest.",
  );
  expect(draft.subprocessors.map((s) => s.value.name)).toEqual([]);
});

test("a deletion period listed under the controller's choice leaves the end to the controller", async () => {
  const draft = await markdown(
    "# Data Processing Agreement",
    "",
    "## 9. End of the Services",
    "",
    "On termination of the Services, Quillby shall, at Controller's option:",
    "",
    "- Hand all Personal Data back to Controller as CSV files, or",
    "- Delete all Personal Data within **45 days** of termination",
    "",
    "Quillby confirms the deletion in writing when asked.",
  );
  expect(draft.clauses.endOfContractAction?.value).toBe("CONTROLLER_CHOICE");
});

test("a deletion period far from any choice stays a deletion", async () => {
  const draft = await markdown(
    "# Data Processing Agreement",
    "",
    "## 9. End of the Services",
    "",
    "On termination of the Services, Quillby shall delete all Personal Data within 45 days of termination.",
  );
  expect(draft.clauses.endOfContractAction?.value).toBe("DELETE");
});

test("contractors among the data subjects are consultants; subcontractors are not", async () => {
  const draft = await markdown(
    "# Data Processing Agreement",
    "",
    "## 2. Details of the processing",
    "",
    "| Item | Details |",
    "| --- | --- |",
    "| **Categories of Data Subjects** | Controller's staff, contractors and trainees who log in to Quillby |",
    "",
    "Quillby binds its subcontractors to the same terms.",
  );
  expect(draft.dataSubjectCategories.map((c) => c.value)).toContain("consultant");
  const other = await markdown(
    "# Data Processing Agreement",
    "",
    "## 2. Details of the processing",
    "",
    "Categories of data subjects: the Controller's staff and its subcontractors' staff.",
  );
  expect(other.dataSubjectCategories.map((c) => c.value)).not.toContain("consultant");
});

test("contractors listed among suppliers and agents are not read as consultants", async () => {
  const draft = await markdown(
    "# Data Processing Agreement",
    "",
    "## 2. Details of the processing",
    "",
    "Categories of data subjects: the Controller's staff, agents, contractors, suppliers and end users.",
  );
  expect(draft.dataSubjectCategories.map((c) => c.value)).not.toContain("consultant");
});

test("a sub-processor row naming two vendors as alternatives lists each", async () => {
  const draft = await markdown(
    "# Data Processing Agreement",
    "",
    "## Annex 3 — Sub-processors",
    "",
    "| Sub-processor | Purpose | Location |",
    "| --- | --- | --- |",
    "| **Brightmail** or **Postwing** | Transactional email | Ireland |",
    "| Rackhold GmbH | Hosting | Germany |",
  );
  expect(draft.subprocessors.map((s) => s.value.name)).toEqual(["Brightmail", "Postwing", "Rackhold GmbH"]);
});
