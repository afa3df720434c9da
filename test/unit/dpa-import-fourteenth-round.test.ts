// General failure causes found in the eleventh held-out part (issue 17, fourteenth round), each as a rule on made-up
// text: the processor's name on its own line between the other party's closing line ('(the "Company") and') and its
// role marker ('(the "Data Processor")'), the other party's unfilled name and address before that closing line, a
// company named by its domain after a described customer with several defined terms, two sentences read as one name
// ("… from the Vendor. The Tool processes personal data on behalf of …"), a determiner read as a name ("between that
// sub-processor and the Customer"), and a brand defined as its legal entity ("being … Inc.").
import { markdown, processorOf } from "../helpers/made-up-dpa";

test.each([
  [
    ["Client Name: Hollowmere Bakery", "Client Address: 4 Mill Lane, Tiverton", "", '(the "Company") and'],
    ["BRISKVALE CORP", "", '(the "Data Processor")', '(together as the "Parties")'],
    "BRISKVALE CORP",
  ],
  [
    ["Kundens navn: Hyldebo Bageri", "Kundens adresse: Møllevej 4, 7100 Vejle", "", '(herefter "Kunden") og'],
    ["BIRKLUND APS", "", '(herefter "databehandleren")'],
    "BIRKLUND APS",
  ],
])("the processor's name alone on a line after the other party's closing line: %j", async (other, own, name) => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "This Agreement forms part of the Contract for Services between:",
    "",
    ...other,
    "",
    ...own,
    "",
    "## 1. Definitions",
    "",
    "Text.",
  );
  expect(processorOf(d)?.name.value).toBe(name);
});

test.each([
  [
    ["Your Company's Name: ________", "Your Company's Address: ________"],
    '(the "Company") and',
    '(the "Data Processor")',
  ],
  [["Kundens navn: ________", "Kundens adresse: ________"], '(herefter "Kunden") og', '(herefter "databehandleren")'],
])("the other party's unfilled name and address are marked, not taken: %j", async (fields, closing, role) => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "This Agreement forms part of the Contract for Services between:",
    "",
    ...fields,
    "",
    closing,
    "",
    "QUILLFORD INC",
    "",
    role,
    "",
    "## 1. Definitions",
    "",
    "Text.",
  );
  expect((d.placeholders ?? []).map((p) => p.path).sort()).toEqual([
    "parties.CONTROLLER.address",
    "parties.CONTROLLER.name",
  ]);
  expect(d.parties.find((p) => p.role === "CONTROLLER")).toBeUndefined();
  expect(processorOf(d)?.name.value).toBe("QUILLFORD INC");
});

test.each([
  [
    "This DPA is entered into by the Brindle customer (hereinafter “Customer”, “user”, “you”) and " +
      "getbrindle.io, Inc. (hereinafter “Brindle”, “we”), and governs the processing of personal data.",
    "getbrindle.io, Inc.",
  ],
  [
    "Denne aftale er indgået af den virksomhed, der bruger tjenesten (“Kunden”, “du”) og Tornsø Data ApS " +
      "(“Tornsø”, “vi”).",
    "Tornsø Data ApS",
  ],
])("the processor after a described customer with several defined terms: %s", async (opening, name) => {
  const d = await markdown("# Data Processing Agreement", "", opening, "", "## 1. Scope", "", "Text.");
  expect(processorOf(d)?.name.value).toBe(name);
});

test.each([
  "The Customer licensed the tool from the Vendor. The Tool processes personal data on behalf of the Customer.",
  "Kunden har købt værktøjet af Leverandøren. Værktøjet behandler personoplysninger på vegne af kunden.",
])("two sentences are never one processor name: %s", async (sentence) => {
  const d = await markdown("# Data Processing Agreement", "", sentence, "", "## 1. Scope", "", "Text.");
  expect(processorOf(d)?.name.value ?? null).toBeNull();
});

test.each([
  "Where a separate agreement between that sub-processor and the Customer governs the data, it prevails.",
  "Hvor en særskilt aftale mellem denne underdatabehandler og kunden gælder, går den forud.",
])("a determiner opens no processor name: %s", async (sentence) => {
  const d = await markdown("# Data Processing Agreement", "", "Text.", "", "## 1. Sub-processors", "", sentence);
  expect(processorOf(d)?.name.value ?? null).toBeNull();
});

test.each([
  [
    "This DPA forms part of the agreement between Fernlow and Customer.",
    "**“Fernlow”** means the Fernlow entity which is a party to this DPA, being Fernlow Labs, Inc.",
    "Fernlow Labs, Inc.",
  ],
  [
    "Denne aftale er en del af aftalen mellem Kvistgaard og kunden.",
    "“Kvistgaard” betyder den Kvistgaard-enhed, der er part i aftalen, nemlig Kvistgaard Data ApS.",
    "Kvistgaard Data ApS",
  ],
])("the brand's definition naming its legal entity ('being …'): %s", async (opening, definition, name) => {
  const d = await markdown("# Data Processing Agreement", "", opening, "", "## 1. Definitions", "", definition);
  expect(processorOf(d)?.name.value).toBe(name);
});

test.each([
  ["- **Controller:** The company that uses the tools.", "- **Processor:** **Wrenfield, LLC**, provider of the Apps."],
  [
    "- **Dataansvarlig:** Den virksomhed, der bruger værktøjet.",
    "- **Databehandler:** **Wrenfield ApS**, leverandør af den software.",
  ],
])("a role after the processor's name is no address: %s", async (controller, processor) => {
  const d = await markdown("# Data Processing Agreement", "", "Entered into between:", "", controller, processor);
  expect(processorOf(d)?.name.value).toMatch(/^Wrenfield/);
  expect(processorOf(d)?.address?.value ?? null).toBeNull();
});
