// A party's card run into one line, as a browser prints a cover page or a page without line breaks writes it (issue
// 17; the printed corpus took five unfilled fields this way): the card's fields are told apart (name, registration,
// address), an unfilled one is noted and never taken, and a role whose card is unfilled is not named from elsewhere.
// Made-up text, as a .txt upload and as a PDF laid out one line per card.
import { PDFDocument, StandardFonts } from "pdf-lib";
import { upload } from "../helpers/made-up-dpa";
import { parseDocument } from "../../src/modules/dpa-import/document-text";
import { extractAgreementDraft } from "../../src/modules/dpa-import/extract";

type Draft = Awaited<ReturnType<typeof upload>>;
const party = (d: Draft, role: string) => d.parties.find((p) => p.role === role);
const noted = (d: Draft) => (d.placeholders ?? []).map((p) => `${p.path}: ${p.citations[0].quote}`);

const DANISH_COVER = [
  "DATABEHANDLERAFTALE",
  "vedrørende behandling af persondata",
  "mellem",
  'Fjordlys Data ApS CVR-nr [XX] [Adresse] DK-[postnr] [by] ("Databehandleren")',
  "og",
  '[KUNDENS NAVN] CVR-nr [XX] [Adresse] [Postnr] [by] ("Den Dataansvarlige")',
  '(tilsammen "Parterne")',
  "",
  "1. Baggrund og formål",
  "1.1 Den Dataansvarlige har indgået aftale med Databehandleren om brug af platformen, og Databehandleren",
  "behandler i den forbindelse personoplysninger på vegne af den Dataansvarlige.",
];

function expectDanishCoverRead(d: Draft) {
  expect(party(d, "PROCESSOR")).toMatchObject({ name: { value: "Fjordlys Data ApS" }, address: null });
  expect(party(d, "PROCESSOR")?.countryCode).toBe("DK");
  expect(party(d, "CONTROLLER")).toBeUndefined();
  expect(noted(d)).toEqual(
    expect.arrayContaining([
      "parties.CONTROLLER.name: [KUNDENS NAVN]",
      "parties.PROCESSOR.registrationNumber: CVR-nr [XX]",
      "parties.PROCESSOR.address: [Adresse] DK-[postnr] [by]",
    ]),
  );
}

test("a cover with each party's card on one line: the name, never the title or the unfilled fields", async () => {
  expectDanishCoverRead(await upload("databehandleraftale.txt", ...DANISH_COVER));
});

test("the same cover printed to PDF, a card a line", async () => {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  // Helvetica's WinAnsi has æ and ø; each line as the browser set it, 14 points apart.
  DANISH_COVER.forEach((text, i) => text && page.drawText(text, { x: 50, y: 780 - i * 14, font, size: 10 }));
  const bytes = Buffer.from(await pdf.save());
  expectDanishCoverRead(extractAgreementDraft(await parseDocument({ bytes, fileName: "databehandleraftale.pdf" })));
});

test("a filled card on one line: name, CVR number and address apart", async () => {
  const d = await upload(
    "databehandleraftale.txt",
    ...DANISH_COVER.map((l) =>
      l.startsWith("Fjordlys")
        ? 'Fjordlys Data ApS CVR-nr 31415926 Havnegade 3, 8000 Aarhus C ("Databehandleren")'
        : l.startsWith("[KUNDENS")
          ? 'Aarhus Tandlægerne I/S CVR-nr 27182818 Banegårdspladsen 1, 8000 Aarhus C ("Den Dataansvarlige")'
          : l,
    ),
  );
  expect(party(d, "PROCESSOR")).toMatchObject({
    name: { value: "Fjordlys Data ApS" },
    registrationNumber: { value: "31415926" },
    address: { value: "Havnegade 3, 8000 Aarhus C" },
    countryCode: "DK",
  });
  expect(party(d, "CONTROLLER")).toMatchObject({
    name: { value: "Aarhus Tandlægerne I/S" },
    registrationNumber: { value: "27182818" },
  });
});

test("two labelled cards on one line: each label's value ends where the next label begins", async () => {
  const d = await upload(
    "dpa.txt",
    "Data Processing Agreement",
    "",
    "1. Parties",
    "Controller (Verantwortlicher): [Client Company Name, Address] Processor (Auftragsverarbeiter): Lumen Security " +
      "GmbH — [Provider Address]",
    "",
    "2. Subject Matter",
    "The Processor processes personal data on behalf of the Controller for security awareness training.",
  );
  expect(party(d, "PROCESSOR")).toMatchObject({ name: { value: "Lumen Security GmbH" }, address: null });
  expect(party(d, "CONTROLLER")).toBeUndefined();
  expect(noted(d)).toEqual(
    expect.arrayContaining([
      "parties.CONTROLLER.name: [Client Company Name, Address]",
      "parties.PROCESSOR.address: [Provider Address]",
    ]),
  );
});

test("'entered into between: [Nursery name], of [nursery address] (…)': the controller's name unfilled", async () => {
  const d = await upload(
    "dpa.txt",
    "Data Processing Agreement",
    "",
    'This Data Processing Agreement ("Agreement") is entered into between: [Nursery name], of [nursery address] ' +
      '("the Nursery", "the Controller"); and Kettle Labs Ltd, of 4 Mill Lane, Leeds ("the Processor"),',
    '(each a "Party")',
    "",
    "1. Definitions",
    '"UK GDPR" has the meaning given in the Data Protection Act 2018; the Processor processes personal data.',
  );
  expect(party(d, "CONTROLLER")).toBeUndefined();
  expect(noted(d)).toContain("parties.CONTROLLER.name: [Nursery name]");
  expect(party(d, "PROCESSOR")?.name.value).toMatch(/^Kettle Labs Ltd\b/);
});
