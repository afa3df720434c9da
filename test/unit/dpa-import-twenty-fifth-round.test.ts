// General failure causes found in the twenty-first held-out part (issue 17, twenty-fifth round), each as a rule on
// made-up text. A mail-merge field in double angle brackets ("<<SUPPLIER_LEGAL_NAME>>") is an unfilled field, as
// "{{ name }}" and "${name}" are: never a value, a PLACEHOLDER reading instead.
import { isPlaceholder } from "../../src/modules/dpa-import/extract/placeholders";
import { markdown, processorOf } from "../helpers/made-up-dpa";

test("a double-angle-bracket merge field is a placeholder, alone or in a value", () => {
  expect(isPlaceholder("<<SUPPLIER_LEGAL_NAME>>")).toBe(true);
  expect(isPlaceholder("**<<Supplier legal name>>**")).toBe(true);
  expect(isPlaceholder("Brindle Analytics Ltd")).toBe(false);
  expect(isPlaceholder("a << b")).toBe(false);
});

test("the processor named by a merge field is not taken: its name is marked PLACEHOLDER", async () => {
  const draft = await markdown(
    "# Data Processing Agreement",
    "",
    "**Template: fill in the fields before signing.**",
    "",
    "## Parties",
    "",
    '- **Controller** ("**Customer**"): the business that subscribes to Brindle.',
    '- **Processor** ("**Brindle**"): <<SUPPLIER_LEGAL_NAME>>, <<REGISTERED_OFFICE>>',
    "",
    "## 1. Processing",
    "",
    "The Processor processes personal data only on the Controller's documented instructions.",
  );
  expect(processorOf(draft)?.name.value ?? null).not.toBe("<<SUPPLIER_LEGAL_NAME>>");
  expect((draft.placeholders ?? []).map((p) => p.path)).toContain("parties.PROCESSOR.name");
});
