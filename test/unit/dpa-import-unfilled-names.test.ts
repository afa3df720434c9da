// Unfilled names the importer took as values on its first reading of held-out-46 to -50 (unseen), each as a rule on
// made-up text: a template's field in single braces with an underscore ("{COMPANY_LEGAL_NAME}", what code's "{name}"
// is not) is a placeholder; a legal form alone ("[COMPANY NAME] Ltd" read as "Ltd") names no one.
import { markdown, processorOf } from "../helpers/made-up-dpa";

test("'{COMPANY_LEGAL_NAME}' and '{REGISTERED_ADDRESS}' are unfilled fields: marked, never taken", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "**Controller:** the customer entity named in the Order Form.",
    "**Processor:** {COMPANY_LEGAL_NAME}, {REGISTERED_ADDRESS}.",
    "",
    "## 1. Breach notification",
    "",
    "The Processor notifies the Controller of a personal data breach within 48 hours.",
  );
  expect(processorOf(d)?.name ?? null).toBeNull();
  expect(processorOf(d)?.address ?? null).toBeNull();
  const marked = d.placeholders!.map((p) => p.path);
  expect(marked).toEqual(expect.arrayContaining(["parties.PROCESSOR.name", "parties.PROCESSOR.address"]));
  expect(d.clauses.breachNotificationHours?.value).toBe(48);
});

test("a legal form left after an unfilled name ('[COMPANY NAME] Ltd') names no one: marked at the field", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    'This DPA forms part of the Terms of Service between [COMPANY NAME] Ltd ("Processor", "Tenantly", "we") and the',
    'customer agreeing to the Terms of Service ("Controller", "you").',
    "",
    "## 1. Breach notification",
    "",
    "The Processor notifies the Controller of a personal data breach within 72 hours.",
  );
  expect(processorOf(d)?.name ?? null).not.toBe("Ltd");
  const name = d.placeholders!.find((p) => p.path === "parties.PROCESSOR.name");
  expect(name?.citations[0].quote).toBe("[COMPANY NAME]");
});

test("code's '{name}' and a filled name with its legal form stay what they are", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "**Processor:** Brightwell Ltd, 4 Harbour Street, Leith, Edinburgh EH6 6QN, United Kingdom.",
    "",
    "The service renders `{name}` and {year} in its templates; the Processor notifies breaches within 24 hours.",
  );
  expect(processorOf(d)?.name?.value).toBe("Brightwell Ltd");
  expect(d.placeholders!.map((p) => p.path)).not.toContain("parties.PROCESSOR.name");
});
