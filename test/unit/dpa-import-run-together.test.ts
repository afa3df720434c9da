// Fields a print or a page without breaks runs together (issue 17; printed by chromium, the corpus took eight
// unfilled fields or examples this way): a party's card on one line is told apart (name, registration, address), two
// labelled cards on one line end at the next label, an unfilled field is noted and never taken, a role whose card is
// unfilled is not named from elsewhere, and an annex B row set as one run that opens with an unfilled field or is
// chosen "(TBD)" names no one. Made-up text, as a .txt upload and as PDFs laid out as a browser prints them.
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

test("annex B cells set as one run: a row opening with an unfilled field or chosen 'TBD' names no one", async () => {
  // Chromium sets two cells a space apart as one text run ("[Hosting Provider] Infrastructure"), the next cell in
  // its own column.
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const page = pdf.addPage([595, 842]);
  let y = 800;
  const line = (text: string, x = 50, f = font) => page.drawText(text, { x, y, font: f, size: 10 });
  line("Lumen Labs Ltd (the Processor) processes personal data on behalf of the Customer (the Controller).");
  y -= 28;
  line("Annex B - Sub-processors", 50, bold);
  y -= 28;
  line("Name", 52, bold);
  line("Purpose", 250, bold);
  line("Location", 470, bold);
  for (const [run, place] of [
    ["[Hosting Provider] Infrastructure", "EU"],
    ["Cloud infrastructure provider (TBD) hosting", "EU"],
    ["Hetzner Online GmbH", "Germany"],
  ]) {
    y -= 17;
    line(run, 52);
    line(place, 470);
  }
  // A bracketed example wrapped over two lines of its cell, the next cell's text run into the second.
  y -= 17;
  line("[Sandbox host —", 52);
  line("EU", 470);
  y -= 12;
  line("Fly Machines, Cloud Run or E2B] runners", 52);
  const bytes = Buffer.from(await pdf.save());
  const d = extractAgreementDraft(await parseDocument({ bytes, fileName: "dpa.pdf" }));
  const names = d.subprocessors.map((s) => s.value.name);
  expect(names).toContain("Hetzner Online GmbH");
  expect(names.filter((n) => /Hosting Provider|TBD|Sandbox|Cloud Run|E2B/.test(n))).toEqual([]);
});

test("clauses a print joins into one paragraph: a clause number opens the sentence naming the processor", async () => {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  [
    "Data processing agreement",
    "",
    "(1) The Customer: the school named in the subscription order, acting as Controller.",
    '(2) Lumen 360 Ltd, company number __________, registered in England and Wales at __________ ("Lumen 360"),',
    "acting as Processor.",
    "",
    "2. Roles",
    "",
    "2.1 The Customer is the Controller and determines the purposes and means of processing, including which",
    "usernames are used and which pupils may use the Services.",
    "2.2 Lumen 360 is the Processor and processes Personal Data only on the Customer's documented instructions.",
  ].forEach((text, i) => text && page.drawText(text, { x: 50, y: 780 - i * 14, font, size: 9 }));
  const bytes = Buffer.from(await pdf.save());
  const d = extractAgreementDraft(await parseDocument({ bytes, fileName: "dpa.pdf" }));
  expect(party(d, "PROCESSOR")?.name.value).toMatch(/^Lumen 360\b/);
  expect(party(d, "PROCESSOR")?.address?.value ?? "").not.toMatch(/2\.2/);
});
