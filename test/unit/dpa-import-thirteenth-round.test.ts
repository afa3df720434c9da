// General failure causes found in the tenth held-out part (issue 17, thirteenth round), each as a rule on made-up
// text: the processor's role among its other defined terms in a bracket, or defined after a comma ("hereinafter
// referred to as"), a description after a person's name read as an address, a breach deadline "in no event later
// than", a sentence about "the notification" continuing the breach sentence before it, "Data subjects:" as a line's
// label, "return to Customer or destroy", and a few words for data subjects (workers, consultants, vendors,
// shoppers).
import { markdown, processorOf } from "../helpers/made-up-dpa";

test.each([
  [
    "This Data Processing Agreement forms part of the agreement between **Quillmere Systems Limited** " +
      "(**Processor**, “Quillmere”) and the **Client** (**Controller**).",
    "Quillmere Systems Limited",
  ],
  [
    "Parterne er kunden (den dataansvarlige) og Lyngbrink ApS " + '("Lyngbrink", "vi", databehandleren).',
    "Lyngbrink ApS",
  ],
])("the processor's role among its other defined terms, unquoted: %s", async (opening, name) => {
  const d = await markdown("# Data Processing Agreement", "", opening, "", "## 1. Scope", "", "Text.");
  expect(processorOf(d)?.name.value).toBe(name);
});

test.each([
  [
    'This contract is concluded between the customer of Tarnwick GmbH, hereinafter referred to as "client", and ' +
      'Tarnwick GmbH, hereinafter referred to as "contractor".',
    "Tarnwick GmbH",
  ],
  ['Parterne er kunden og Solvang Data ApS, herefter kaldet "databehandleren".', "Solvang Data ApS"],
])("the processor's role defined after a comma, no bracket: %s", async (opening, name) => {
  const d = await markdown("# Agreement", "", opening, "", "## 1. Scope", "", "Text.");
  expect(processorOf(d)?.name.value).toBe(name);
});

test("an unfilled legal name with the brand defined beside the role is never taken as the processor", async () => {
  const d = await markdown(
    "# DPA",
    "",
    'Between [Legal entity name] ("Brindle", processor) and the Merchant ("controller").',
    "",
    "1. Brindle is the processor and processes data on behalf of the Merchant.",
  );
  expect(processorOf(d)?.name.value).toBe("Brindle");
});

test("a description after a person's name is no address (a developer, not a street)", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    'This DPA is between the merchant ("Merchant", the controller) and Orla Fenwick, a solo developer operating ' +
      'the Tidemark app ("Tidemark", "we", the processor).',
  );
  const processor = processorOf(d);
  expect(processor?.name.value).toBe("Orla Fenwick");
  expect(processor?.address).toBeNull();
});

test.each([
  [
    "Acme shall notify Customer without undue delay but in no event later than forty-eight (48) hours after " +
      "becoming aware of any Breach Event.",
    48,
  ],
  [
    "Databehandleren underretter den dataansvarlige om brud på persondatasikkerheden ikke senere end 36 timer " +
      "efter at være blevet opmærksom på det.",
    36,
  ],
])("a breach deadline as 'in no event later than' / 'ikke senere end': %s", async (sentence, hours) => {
  const d = await markdown("# DPA", "", "## 4. Security", "", sentence);
  expect(d.clauses.breachNotificationHours?.value).toBe(hours);
});

test.each([
  [
    "The contractor informs the client of personal data breaches without delay. Suspicions are to be " +
      "communicated too. The notification must be made at the latest within 30 hours after the event.",
    30,
  ],
  [
    "Databehandleren orienterer kunden om sikkerhedsbrud. Underretningen skal ske senest 18 timer efter, at " +
      "databehandleren er blevet bekendt med hændelsen.",
    18,
  ],
])("a sentence naming the notification continues the breach sentence before it: %s", async (paragraph, hours) => {
  const d = await markdown("# DPA", "", "## 8. Notification", "", paragraph);
  expect(d.clauses.breachNotificationHours?.value).toBe(hours);
});

test("a notification sentence in another paragraph than the breach says nothing about the breach", async () => {
  const d = await markdown(
    "# DPA",
    "",
    "The processor informs the controller of breaches.",
    "",
    "The notice of termination must be given within 30 days.",
  );
  expect(d.clauses.breachNotificationHours).toBeNull();
});

test.each([
  ["- **Data subjects:** (a) the Merchant's shoppers; (b) the Merchant's staff.", ["customer", "employee"]],
  ["- **Registrerede:** kundens konsulenter og freelancere.", ["consultant"]],
])("'Data subjects:' as a line's label, the list after it: %s", async (line, keys) => {
  const d = await markdown("# DPA", "", "## 2. Details", "", "- Nature: storage.", line, "- Duration: the term.");
  expect(d.dataSubjectCategories.map((c) => c.value).sort()).toEqual([...keys].sort());
});

test("workers, consultants and vendors are data subjects in their own words", async () => {
  const d = await markdown(
    "# DPA",
    "",
    "## Annex 1 — Processing details",
    "",
    "- **Categories of data subjects:** Client's workers, consultants, vendors and administrators.",
  );
  expect(d.dataSubjectCategories.map((c) => c.value).sort()).toEqual(
    ["administrator", "consultant", "employee", "supplier_vendor"].sort(),
  );
});

test.each([
  "Upon termination, and upon Customer's written request, Acme will return to Customer or destroy all Personal Data.",
  "On the end of the agreement the processor shall return or destroy the personal data, as the parties agree.",
])("'return to Customer or destroy' leaves the choice to the controller: %s", async (sentence) => {
  const d = await markdown("# DPA", "", "## 7. End of processing", "", sentence);
  expect(d.clauses.endOfContractAction?.value).toBe("CONTROLLER_CHOICE");
});
