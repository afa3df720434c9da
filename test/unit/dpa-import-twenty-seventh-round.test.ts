// General failure causes found in the twenty-second held-out part (issue 17, twenty-seventh round, in part: its one
// taken value), each as a rule on made-up text. A role's own word is no party's name: where the name is an unfilled
// field and the role's defined term follows in a bracket ('`[COMPANY NAME]`, Norway ("**Processor**", "we")'), the
// name is marked PLACEHOLDER, never taken as "Processor".
import { markdown, processorOf } from "../helpers/made-up-dpa";

test("a party table whose name cell is unfilled gives no name, not the role's word", async () => {
  const draft = await markdown(
    "# Data Processing Agreement",
    "",
    "| | |",
    "|---|---|",
    '| **Processor** | `[COMPANY NAME]` (aksjeselskap), Norway ("**Processor**", "we") |',
    '| **Controller** | The customer that accepts this agreement ("**Controller**", "you") |',
    "",
    "## 1. Processing",
    "",
    "The Processor processes personal data only on the Controller's documented instructions.",
  );
  const name = processorOf(draft)?.name.value ?? null;
  expect(name).not.toBe("Processor");
  expect(name === null || !/processor/i.test(name)).toBe(true);
  expect((draft.placeholders ?? []).map((p) => p.path)).toContain("parties.PROCESSOR.name");
});
