// General failure causes found in the eighth held-out part (issue 17, tenth round), each as a rule on made-up text:
// a party card whose unfilled fields are not split by commas, a name run on into "having its office at", a role
// given as the second of two names ('"Customer" / "Data Controller"'), an SCC annex's form label.
import { extractAgreementDraft } from "../../src/modules/dpa-import/extract";
import { parseDocument } from "../../src/modules/dpa-import/extract/parse";

/** A Markdown upload: its headings are sections. */
const markdown = async (...lines: string[]) =>
  extractAgreementDraft(await parseDocument({ bytes: Buffer.from(lines.join("\n")), fileName: "dpa.md" }));
const marked = (d: { placeholders?: { path: string }[] }) => (d.placeholders ?? []).map((p) => p.path);

const danishCards = () =>
  markdown(
    "## DATABEHANDLERAFTALE",
    "",
    "mellem",
    "",
    "**Kobbervej Software ApS**",
    "CVR-nr [XX]",
    "[Adresse]",
    "DK-[postnr] [by]",
    '("Databehandleren")',
    "",
    "og",
    "",
    "**[KUNDENS NAVN]**",
    "CVR-nr [XX]",
    "[Adresse]",
    "[Postnr] [by]",
    '("Den Dataansvarlige")',
    "",
    "## 1. Formål",
    "",
    "Databehandleren behandler personoplysninger på vegne af Den Dataansvarlige.",
  );

test("an unfilled card on one line: '[Navn] CVR-nr [XX] [Adresse]' gives no name, fields placeholders", async () => {
  const d = await danishCards();
  expect(d.parties.find((p) => p.role === "CONTROLLER")).toBeUndefined();
  expect(marked(d)).toContain("parties.CONTROLLER.name");
});

test("'CVR-nr [XX] [Adresse] DK-[postnr] [by]': no number, the address a placeholder, the country DK", async () => {
  const d = await danishCards();
  const processor = d.parties.find((p) => p.role === "PROCESSOR");
  expect(processor?.name.value).toBe("Kobbervej Software ApS");
  expect(processor?.registrationNumber).toBeNull();
  expect(processor?.address).toBeNull();
  expect(processor?.countryCode).toBe("DK");
  expect(marked(d)).toEqual(
    expect.arrayContaining(["parties.PROCESSOR.registrationNumber", "parties.PROCESSOR.address"]),
  );
});

const englishOpening = () =>
  markdown(
    "# Data Processing Agreement",
    "",
    "This agreement is entered into by **[insert name]** having its office at [insert address] (hereinafter " +
      'referred to as "**Customer**" / "**Data Controller**"),',
    "",
    "and",
    "",
    "**Harbourline Analytics Limited** having its office at [insert address] (hereinafter referred to as the " +
      '"**Processor**"),',
    "",
    "## 1. Processing",
    "",
    "The Processor processes personal data on behalf of the Data Controller.",
  );

test("'Name having its office at [insert address]': the name stops before 'having', the address unfilled", async () => {
  const d = await englishOpening();
  expect(d.parties.find((p) => p.role === "PROCESSOR")?.name.value).toBe("Harbourline Analytics Limited");
  expect(marked(d)).toContain("parties.PROCESSOR.address");
});

test('\'"Customer" / "Data Controller"\': the second name gives the role; an unfilled name is marked', async () => {
  const d = await englishOpening();
  expect(d.parties.find((p) => p.role === "CONTROLLER")).toBeUndefined();
  expect(marked(d)).toContain("parties.CONTROLLER.name");
});

test("an SCC annex's label 'Identity and contact details of the data exporter(s)' is no party name", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "The Processor processes personal data on behalf of the Controller.",
    "",
    "## Annex I",
    "",
    "**A. LIST OF PARTIES**",
    "",
    "Data exporter: Identity and contact details of the data exporter(s) and, where applicable, of its data " +
      "protection officer",
    "",
    "Name: …",
    "",
    "Address: …",
  );
  expect(d.parties.find((p) => p.role === "CONTROLLER")).toBeUndefined();
});
