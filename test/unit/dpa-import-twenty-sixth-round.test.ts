// General failure causes found in the twenty-first held-out part (issue 17, twenty-sixth round), each as a rule on
// made-up text. A list under the sub-processor clause that says what the processor will do ("Notify Customer 30
// days before engaging a new sub-processor") lists duties, not companies, even when a duty names the customer.
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
