// The general failure causes of issue 17's third round, each as a rule on text written here the way Danish
// DPAs write it: the controller's choice at the end, clause titles and glued numbers, party details in a
// footer, owners and predicates after a name, who pays an audit, a copy that says it is built on the
// template, table rows with the label in the first cell, and an empty processor block on the template.
import fs from "node:fs";
import path from "node:path";
import { extractAgreementDraft } from "../../src/modules/dpa-import/extract";
import { parseHtml, parseMarkdown } from "../../src/modules/dpa-import/extract/parse";
import type { AgreementDraft, Citation } from "../../src/modules/dpa-import/draft.types";

const html = (body: string) => parseHtml(`<!doctype html><html><body>${body}</body></html>`);

/** Every citation quotes its span of the text the draft keeps. */
function exact(draft: AgreementDraft, ...citations: Citation[]) {
  for (const c of citations) expect(draft.text!.slice(c.start, c.end)).toBe(c.quote);
}

test.each([
  ["Ved ophør sletter eller tilbageleverer vi efter kundens valg alle personoplysninger."],
  ["Ved aftalens ophør vælger kunden, om personoplysninger skal tilbageleveres eller slettes."],
  ["Ved ophør tilbageleverer databehandleren oplysningerne eller sletter dem efter den dataansvarliges anvisning."],
])("end of contract: %s is the controller's choice", (sentence) => {
  const draft = extractAgreementDraft(
    html(`<h1>Databehandleraftale</h1><h2>9. Sletning og tilbagelevering</h2><p>${sentence}</p>`),
  );
  expect(draft.clauses.endOfContractAction?.value).toBe("CONTROLLER_CHOICE");
  exact(draft, ...draft.clauses.endOfContractAction!.citations);
});

test("'Tredjelandsoverførsler' and a number glued to its title ('6.Overførsel uden for EU') fill clause 8", () => {
  for (const heading of ["9. Tredjelandsoverførsler", "6.Overførsel uden for EU"]) {
    const draft = extractAgreementDraft(
      html(
        `<h1>Databehandleraftale</h1><h2>${heading}</h2>` +
          "<p>Overførsel sker kun med et gyldigt grundlag, fx EU-Kommissionens standardkontraktbestemmelser.</p>" +
          "<h2>10.Revision og tilsyn</h2><p>Kunden kan føre tilsyn.</p>",
      ),
    );
    expect(draft.clauses.thirdCountryTransfers?.value).toBe("ALLOWED_WITH_SAFEGUARDS");
    expect(draft.clauses.thirdCountryTransfers?.citations[0].reference).toMatch(/^§(9|6)$/);
  }
});

test("a party's number and address are taken from a footer line that names it with them", () => {
  const draft = extractAgreementDraft(
    html(
      "<h1>Databehandleraftale</h1><h2>1. Parter</h2>" +
        "<p>Nordlys Data ApS er databehandler, og kunden er dataansvarlig.</p>" +
        "<h2>2. Underretning om brud på persondatasikkerheden</h2><p>Vi underretter senest 36 timer efter.</p>" +
        "<footer><p>Nordlys Data ApS · CVR 31415926 · Havnegade 3, 5000 Odense C</p></footer>",
    ),
  );
  const processor = draft.parties.find((p) => p.role === "PROCESSOR")!;
  expect(processor.name.value).toBe("Nordlys Data ApS");
  expect(processor.registrationNumber?.value).toBe("31415926");
  expect(processor.address?.value).toBe("Havnegade 3, 5000 Odense C");
  expect(processor.countryCode).toBe("DK");
  exact(draft, ...processor.registrationNumber!.citations, ...processor.address!.citations);
});

test("'X v/Owner' names X; 'Kunden er dataansvarlig' names Kunden, not a sentence", () => {
  const draft = extractAgreementDraft(
    html(
      "<h1>Databehandleraftale</h1><h2>1. Parter</h2>" +
        "<p>Kunden er dataansvarlig (“den dataansvarlige”), og Fjordsoft v/Anna Holm, CVR 87654321, " +
        "som driver Planen, er databehandler (“databehandleren”).</p>",
    ),
  );
  const names = Object.fromEntries(draft.parties.map((p) => [p.role, p.name.value]));
  expect(names.PROCESSOR).toBe("Fjordsoft");
  expect(names.CONTROLLER).toBe("Kunden");
  expect(draft.parties.find((p) => p.role === "PROCESSOR")!.registrationNumber?.value).toBe("87654321");
});

test("the customer bearing its own costs, with words between, is the controller paying", () => {
  const draft = extractAgreementDraft(
    html(
      "<h1>Databehandleraftale</h1><h2>13. Revision</h2>" +
        "<p>Revision varsles mindst 30 dage før og højst én gang årligt. Kunden afholder egne og rimelige " +
        "ekstraordinære omkostninger, medmindre revisionen afdækker væsentlig misligholdelse.</p>",
    ),
  );
  expect(draft.clauses.processorAudit.paidBy?.value).toBe("CONTROLLER");
  expect(draft.clauses.processorAudit.intervalMonths?.value).toBe(12);
});

test("a condensed copy that says it is built on Datatilsynet's template is on the template", () => {
  const clauses = [
    "Anvendelse af underdatabehandlere",
    "Overførsel til tredjelande",
    "Underretning om brud på persondatasikkerheden",
    "Sletning og returnering",
  ];
  const body = (says: string) =>
    `<h1>Databehandleraftale</h1><p>${says}</p>` +
    clauses.map((t, i) => `<h2>${i + 1}. ${t}</h2><p>Tekst.</p>`).join("");
  expect(
    extractAgreementDraft(html(body("Aftalen er bygget på Datatilsynets standardkontraktsbestemmelser."))).template,
  ).toBe("DATATILSYNET_SCC");
  expect(extractAgreementDraft(html(body("Aftalen er vores egen."))).template).toBe("OTHER");
});

test("table rows with the label in the first cell list data types and data subjects; a denied row adds none", () => {
  const draft = extractAgreementDraft(
    html(
      "<h1>Databehandleraftale</h1><h2>4. Registrerede og datatyper</h2><table><tbody>" +
        "<tr><th>Registrerede</th><td>Medarbejdere og borgere.</td></tr>" +
        "<tr><th>Almindelige oplysninger</th><td>Navn, foto og stemmeoptagelse.</td></tr>" +
        "<tr><th>Særlige kategorier</th>" +
        "<td>Løsningen er ikke beregnet til helbredsoplysninger eller CPR-numre.</td></tr>" +
        "</tbody></table>",
    ),
  );
  expect(draft.dataCategories.map((c) => c.value.key).sort()).toEqual(
    ["user.content.audio_recording", "user.content.self_image", "user.name"].sort(),
  );
  expect(draft.dataSubjectCategories.map((c) => c.value).sort()).toEqual(["citizen", "employee"]);
});

test("the template's processor block with only an empty 'CVR' label leaves the processor unfilled", () => {
  const draft = extractAgreementDraft(
    parseMarkdown(
      [
        "Standardkontraktsbestemmelser",
        "",
        "mellem",
        "",
        "Styrelsen for Eksempler",
        "",
        "CVR-nummer 11223344",
        "",
        "Eksempelvej 1",
        "",
        "2100 København Ø",
        "",
        "herefter ”den dataansvarlige”",
        "",
        "og",
        "",
        "CVR",
        "",
        "herefter ”databehandleren”",
        "",
        "## 9 Underretning om brud på persondatasikkerheden",
        "",
        "1. Databehandlerens underretning skal om muligt ske senest 24 timer efter, at denne er blevet bekendt " +
          "med bruddet.",
      ].join("\n"),
    ),
  );
  const roles = Object.fromEntries(draft.parties.map((p) => [p.role, p]));
  expect(roles.CONTROLLER?.name.value).toBe("Styrelsen for Eksempler");
  expect(roles.CONTROLLER?.registrationNumber?.value).toBe("11223344");
  expect(roles.PROCESSOR).toBeUndefined();
  expect(draft.placeholders!.map((p) => p.path)).toContain("parties.PROCESSOR.name");
  expect(draft.clauses.breachNotificationHours?.value).toBe(24);
});

test("a Word file without heading styles (every line a paragraph) is read by its numbered lines", async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Document, Packer, Paragraph } = require("docx") as typeof import("docx");
  const { parseDocument } = await import("../../src/modules/dpa-import/extract/parse");
  const text = fs.readFileSync(path.join(__dirname, "..", "..", "seeds", "dpas", "capturi-dpa.da.txt"), "utf8");
  const children = text.split("\n").map((line) => new Paragraph(line));
  const bytes = await Packer.toBuffer(new Document({ sections: [{ children }] }));
  const draft = extractAgreementDraft(await parseDocument({ bytes, fileName: "capturi.docx" }));
  expect(draft.template).toBe("DATATILSYNET_SCC");
  const processor = draft.parties.find((p) => p.role === "PROCESSOR")!;
  expect(processor.name.value).toBe("Capturi A/S");
  exact(draft, ...processor.name.citations);
});
