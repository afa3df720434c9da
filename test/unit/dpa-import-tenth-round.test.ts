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

/** A React source file: read as the page it renders. */
const jsx = async (source: string) =>
  (await parseDocument({ bytes: Buffer.from(source), fileName: "Footer.jsx" })).text;

test("a drawer rendered through ReactDOM.createPortal shows its content: the DPA it is given shows", async () => {
  const text = await jsx(
    [
      "const Drawer = ({ isOpen, content }) => {",
      "  if (!isOpen) return null;",
      "  return ReactDOM.createPortal(<div>{isOpen && <div>{content}</div>}</div>, document.body);",
      "};",
      "const DpaContent = () => (",
      "  <div><h1>Databehandleraftale</h1><p>Databehandleren behandler personoplysninger for kunden.</p></div>",
      ");",
      "export default function Footer() {",
      "  return (<footer><p>Kobbervej ApS</p><Drawer isOpen={open} content={<DpaContent />} /></footer>);",
      "}",
    ].join("\n"),
  );
  expect(text).toContain("Databehandleren behandler personoplysninger for kunden.");
});

const keys = (d: { dataCategories: { value: { key: string } }[] }) => d.dataCategories.map((c) => c.value.key);

test("'Typer af persondata' and 'Kategorier af registrerede og oplysninger' are where the data is listed", async () => {
  const types = await markdown(
    "# Databehandleraftale",
    "",
    "## 3. Behandlingen",
    "",
    "3.1 **Typer af persondata**:",
    "- Kontaktoplysninger (navn, e-mail)",
  );
  expect(keys(types)).toEqual(expect.arrayContaining(["user.name", "user.contact.email"]));
  const both = await markdown(
    "# Databehandleraftale",
    "",
    "## 8. Omfang",
    "",
    "### Kategorier af registrerede og oplysninger",
    "",
    "- Slutkunder: navn, telefonnummer.",
  );
  expect(keys(both)).toEqual(expect.arrayContaining(["user.name", "user.contact.phone_number"]));
});

test("a blank annex field for the data does not hide the table row that lists it; 'business addresses'", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "## Appendix A",
    "",
    "| Item | Details |",
    "| --- | --- |",
    "| Types of Personal Data | names, business addresses |",
    "",
    "## Annex I",
    "",
    "*Categories of personal data transferred*",
    "",
    "…",
  );
  expect(keys(d)).toEqual(expect.arrayContaining(["user.name", "user.contact.address"]));
});

test("'supplements the terms of Fjordlight Labs (\"Processor\")': the party starts after 'of'", async () => {
  const d = await markdown(
    "# Data Processing Addendum",
    "",
    'This Data Processing Addendum ("DPA") supplements the Terms of Service of Fjordlight Labs ("Processor") and ' +
      "governs the processing of personal data by Processor on behalf of a Controller.",
  );
  expect(d.parties.find((p) => p.role === "PROCESSOR")?.name.value).toBe("Fjordlight Labs");
});
