// General failure causes found in the twentieth held-out part (issue 17, twenty-fourth round), each as a rule on
// made-up text. An author's note left unfilled in a draft ("[[OWNER: …]]", "[COUNSEL: …]]", over several lines
// too) is a placeholder, and a value read from inside one (a name before '(the "Processor")', a suggested notice
// period, a transfer mechanism) is the note's question, never the agreement's value.
import { markdown, processorOf } from "../helpers/made-up-dpa";

const draftOf = (...lines: string[]) => markdown("# Data Processing Agreement", "", ...lines);
const marked = (d: Awaited<ReturnType<typeof draftOf>>) => (d.placeholders ?? []).map((p) => p.path);

test("a value read from inside an unfilled owner note is a placeholder, never a value", async () => {
  const draft = await draftOf(
    "> Decisions still open:",
    '> - `[[OWNER: Quillbird\'s exact legal entity name and address (the "Processor")]]`',
    "> - `[[OWNER: notice before a new sub-processor, e.g. 45 days before it starts",
    ">   processing — to be decided]]`",
    "> - `[COUNSEL: transfer mechanism (SCCs) once hosting regions are known]]`",
    "",
    'This agreement is between the shop using Quillbird ("Controller") and `[[OWNER: legal entity]]` ("Processor").',
    "",
    "## 5. Sub-processors",
    "",
    "The Controller gives the Processor a general authorization to engage sub-processors. The Processor gives",
    "notice of a new sub-processor at least `[[OWNER: notice period]]` before it starts processing.",
    "",
    "## 9. International transfers",
    "",
    "`[COUNSEL: SCCs or an equivalent mechanism, once every region is confirmed]]`",
  );
  expect(processorOf(draft)?.name.value).not.toBe("address");
  expect(draft.clauses.subprocessorNoticeDays).toBeNull();
  expect(draft.clauses.subprocessorAudit.noticeDays).toBeNull();
  expect(draft.clauses.thirdCountryTransfers).toBeNull();
  expect(marked(draft)).toEqual(expect.arrayContaining(["parties.PROCESSOR.name", "clauses.subprocessorNoticeDays"]));
});

// The party's card under its role's label, the label carrying several defined terms.
const card = (...lines: string[]) =>
  draftOf(
    "## 1. Parties",
    "",
    "This agreement is entered into between:",
    "",
    '**Data Controller** ("Client", "Controller"):  ',
    "The entity subscribing to the service.",
    "",
    '**Data Processor** ("Fernwald", "Processor"):  ',
    ...lines,
    "",
    "## 2. Processing",
    "",
    "The Processor processes personal data only on documented instructions.",
  );

test("the role's label before several defined terms is no name: the card under it is the party", async () => {
  const processor = processorOf(await card("Fernwald Systems Ltd  ", "12 Harbour Row  ", "Leith EH6 6LT, Scotland"));
  expect(processor?.name.value).toBe("Fernwald Systems Ltd");
  expect(processor?.address?.value).toBe("12 Harbour Row, Leith EH6 6LT, Scotland");
});

test("a bracket holding only the company's form in another language belongs to its name", async () => {
  const processor = processorOf(
    await card("Fernwald Systems GmbH (SARL)  ", "Rue des Alpes 4  ", "1201 Geneva, Switzerland"),
  );
  expect(processor?.name.value).toBe("Fernwald Systems GmbH (SARL)");
  expect(processor?.address?.value).toBe("Rue des Alpes 4, 1201 Geneva, Switzerland");
});

test("a Swiss UID on its own line of the card is the registration number", async () => {
  const processor = processorOf(
    await card("Fernwald Systems AG  ", "CHE-123.456.789  ", "Rue des Alpes 4, 1201 Geneva"),
  );
  expect(processor?.registrationNumber?.value.replace(/\./g, "")).toBe("CHE-123456789");
  expect(processor?.address?.value).toBe("Rue des Alpes 4, 1201 Geneva");
});

test("an annex's numbered role heading over 'Name: …' lines names the party, its unfilled fields marked", async () => {
  const draft = await draftOf(
    "## 3. Processor Obligations",
    "",
    "- **Not engage another processor** without prior written authorization",
    "- **Access to Records:** The Processor shall provide access to relevant records",
    "- **Processor's Role:** The Processor shall assist as appropriate",
    "",
    "## Annex 1: Details of Processing",
    "",
    "### A1.1 Controller",
    "**Name:** [Controller Name]",
    "**Address:** [Controller Address]",
    "",
    "### A1.2 Processor",
    "**Name:** Tallowick Labs",
    "**Address:** [Processor Address]",
    "**Contact:** legal@tallowick.example",
  );
  expect(processorOf(draft)?.name.value).toBe("Tallowick Labs");
  expect(marked(draft)).toEqual(expect.arrayContaining(["parties.CONTROLLER.name", "parties.PROCESSOR.address"]));
});

test("a run-in title or a word ending in 'er' before 'processor' is no 'party = role' line", async () => {
  const draft = await draftOf(
    "## 3. Processor Obligations",
    "",
    "- **Not engage another processor** without prior written authorization",
    "- **Access to Records:** The Processor shall provide access to relevant records",
    "- **Processor's Role:** The Processor shall assist as appropriate",
  );
  expect(processorOf(draft)).toBeUndefined();
});

test("Article 28(3)(g)'s 'at the end of the provision of services' is the end of the contract", async () => {
  const draft = await draftOf(
    "## 2. Obligations of the Processor",
    "",
    "The Processor shall:",
    "",
    "(a) process Personal Data only on documented instructions;",
    "",
    "(g) at Controller's choice, delete or return Personal Data at the end of",
    "    the provision of services, subject to any retention required by law;",
  );
  expect(draft.clauses.endOfContractAction?.value).toBe("CONTROLLER_CHOICE");
});
