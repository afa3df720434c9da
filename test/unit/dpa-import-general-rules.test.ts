// The general failure causes found on real DPAs (issue 17, second round), each as a rule on text
// written the way those documents write it: abbreviations, numbers with words, cross-references,
// short names, denials and removals, examples, users of another kind.
import { extractAgreementDraft } from "../../src/modules/dpa-import/extract";
import { parseDuration, parseIntervalMonths } from "../../src/modules/dpa-import/extract/numbers";
import { sentenceSpans } from "../../src/modules/dpa-import/extract/sentences";

const sentences = (text: string) => sentenceSpans(text).map((s) => text.slice(s.start, s.end).trim());

test("abbreviations and ordinals end no sentence; a full stop before a capital does", () => {
  expect(sentences("Acme ApS, CVR-nr. DK46033736, behandler data. Inspektion sker efter pkt. 11.")).toEqual([
    "Acme ApS, CVR-nr. DK46033736, behandler data.",
    "Inspektion sker efter pkt. 11.",
  ]);
  expect(
    sentences("Data behandles bl.a. af Acme, jf. stk. 2, f.eks. navne, mv. Revision sker hver 12. måned."),
  ).toHaveLength(2);
  expect(sentences("Audits (e.g. SOC 2 reports) are annual. Notice is 30 days.")).toHaveLength(2);
});

test.each([
  ["30 (thirty) days", 30, "day"],
  ["thirty (30) days", 30, "day"],
  ["seventy-two (72) hours", 72, "hour"],
  ["14 (fjorten) dage", 14, "day"],
  ["a 30-day notice", 30, "day"],
])("%s is a duration", (phrase, amount, unit) => {
  expect(parseDuration(phrase)).toEqual({ amount, unit });
});

test("'once per twelve-month period' is yearly", () => {
  expect(parseIntervalMonths("no more than once per twelve-month period")).toBe(12);
  expect(parseIntervalMonths("once in any 12 month period")).toBe(12);
});

const dpa = (...lines: string[]) => extractAgreementDraft(lines.join("\n"));

test("an audit term agreed in the section a sentence refers to ('efter pkt. 11') is read", () => {
  const draft = dpa(
    "Databehandleraftale",
    "",
    "11. Revision og inspektion",
    "",
    "11.1 Inspektioner varsles mindst 30 dage i forvejen og betales af den dataansvarlige.",
    "",
    "12. Tilsyn",
    "",
    "Databehandleren giver en skriftlig redegørelse én gang årligt. Inspektion sker efter pkt. 11.",
  );
  expect(draft.clauses.processorAudit.noticeDays?.value).toBe(30);
  expect(draft.clauses.processorAudit.paidBy?.value).toBe("CONTROLLER");
  expect(draft.clauses.processorAudit.methods?.value).toContain("PHYSICAL_INSPECTION");
});

test("a party called by a short name takes the legal name the document gives, cited where it is written", () => {
  const text = [
    "Data Processing Agreement",
    "",
    'This agreement is between the Customer and Berget ("Processor"). Berget processes personal data.',
    "",
    "Sub-processors provide services to Berget AI AB.",
  ].join("\n");
  const draft = extractAgreementDraft(text);
  const processor = draft.parties.find((p) => p.role === "PROCESSOR")!;
  expect(processor.name.value).toBe("Berget AI AB");
  const c = processor.name.citations[0];
  expect(text.slice(c.start, c.end)).toBe("Berget AI AB");
});

test("denied or removed data and examples of methods are not read; the controller's users are not end users", () => {
  const draft = dpa(
    "Databehandleraftale",
    "",
    "Bilag A Oplysninger om behandlingen",
    "",
    "A.3 Behandlingen omfatter følgende typer af personoplysninger:",
    "Navn og e-mailadresse. Ikke omfattet: særlige kategorier af personoplysninger (art. 9) og oplysninger om " +
      "strafbare forhold (art. 10). CPR-numre fjernes fra teksten, før den behandles.",
    "",
    "A.4 Behandlingen omfatter følgende kategorier af registrerede:",
    "Den dataansvarliges medarbejdere som brugere af løsningen.",
    "",
    "C.7 Procedurer for den dataansvarliges revisioner",
    "Databehandleren sender årligt uafhængige erklæringer og certificeringer (fx ISO 27001, SOC 2).",
  );
  const categories = draft.dataCategories.map((c) => c.value.key);
  expect(categories).toEqual(expect.arrayContaining(["user.name", "user.contact.email"]));
  expect(categories).not.toContain("user.criminal_history");
  expect(categories).not.toContain("user.government_id.national_identification_number");
  expect(draft.dataSubjectCategories.map((s) => s.value)).toEqual(["employee"]);
  expect(draft.clauses.processorAudit.methods?.value ?? []).not.toContain("SOC_2");
});
