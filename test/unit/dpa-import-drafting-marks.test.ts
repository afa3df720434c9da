// A drafting mark in capitals opening a party's name ("TODO Company Name", "TBD: legal entity") is an unfilled
// field, not a name: found when held-out-59 was scored (a starter draft between "**TODO Company Name** ("Processor",
// "Vesno")" and the customer had its processor named "TODO Company Name"). The field is marked PLACEHOLDER and never
// taken, as "[LEGAL ENTITY]" is. Made-up text.
import { markdown, processorOf } from "../helpers/made-up-dpa";

const clauses = [
  "",
  "## 1. Processing",
  "",
  "The Processor processes personal data (names and e-mail addresses of the Controller's employees) only on the",
  "Controller's documented instructions. Personal data breaches are notified within 48 hours.",
];

test.each(["TODO Company Name", "TBD: legal entity name", "FIXME legal name"])(
  "'%s' as the processor's name: marked PLACEHOLDER, never taken",
  async (mark) => {
    const d = await markdown(
      "# Data Processing Addendum",
      "",
      `This DPA is made between **${mark}** ("Processor", "Quillmate") and the customer ("Controller").`,
      ...clauses,
    );
    expect(processorOf(d)?.name.value ?? null).toBeNull();
    expect((d.placeholders ?? []).map((p) => p.path)).toContain("parties.PROCESSOR.name");
  },
);

test("a name that only starts like a mark is a name ('Todoist Ltd', 'TBDX Systems ApS')", async () => {
  for (const name of ["Todoist Ltd", "TBDX Systems ApS"]) {
    const d = await markdown(
      "# Data Processing Addendum",
      "",
      `This DPA is made between **${name}** ("Processor") and the customer ("Controller").`,
      ...clauses,
    );
    expect(processorOf(d)?.name.value).toBe(name);
  }
});
