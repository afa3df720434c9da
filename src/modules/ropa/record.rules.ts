// Pure rules of the record of processing (art. 30): what a record is missing. No database.
import type { Lang } from "../../common/i18n";
import { Sensitivity } from "../taxonomy/taxonomy.entity";
import { ProcessingRecord } from "./record.types";

type Sentences = Record<Lang, string>;

/** Art. 30(1) elements missing or empty: codes, and the sentences naming what to fix in each language. */
export function completeness(
  r: Omit<ProcessingRecord, "missing" | "missingDetails">,
  processorsWithoutAgreement: string[],
): { codes: string[]; details: string[]; detailsByLang: Record<Lang, string[]> } {
  const out: [string, Sentences][] = [];
  if (!r.purposes)
    out.push(["PURPOSES", { en: "No purposes (art. 30(1)(b)).", da: "Ingen formål (art. 30, stk. 1, litra b)." }]);
  if (!r.legalBasis)
    out.push(["LEGAL_BASIS", { en: "No art. 6(1) lawful basis.", da: "Intet retsgrundlag efter art. 6, stk. 1." }]);
  if (!r.dataSubjectCategories.length)
    out.push([
      "DATA_SUBJECTS",
      {
        en: "No categories of data subjects (art. 30(1)(c)).",
        da: "Ingen kategorier af registrerede (art. 30, stk. 1, litra c).",
      },
    ]);
  if (!r.dataCategories.length)
    out.push([
      "DATA_CATEGORIES",
      {
        en: "No categories of personal data (art. 30(1)(c)).",
        da: "Ingen kategorier af personoplysninger (art. 30, stk. 1, litra c).",
      },
    ]);
  if (!r.recipients.length && !r.otherRecipients.length)
    out.push([
      "RECIPIENTS",
      {
        en: "No recipients: record the processors used or state the recipients (art. 30(1)(d)).",
        da: "Ingen modtagere: registrér de anvendte databehandlere eller angiv modtagerne (art. 30, stk. 1, litra d).",
      },
    ]);
  if (!r.retention && (!r.dataCategories.length || r.dataCategories.some((c) => !c.retention)))
    out.push([
      "RETENTION",
      { en: "No time limit for erasure (art. 30(1)(f)).", da: "Ingen sletningsfrist (art. 30, stk. 1, litra f)." },
    ]);
  if (!r.measures.description)
    out.push([
      "TOMS",
      {
        en: "No description of the technical and organisational measures (art. 30(1)(g)).",
        da:
          "Ingen beskrivelse af de tekniske og organisatoriske sikkerhedsforanstaltninger " +
          "(art. 30, stk. 1, litra g).",
      },
    ]);
  if (r.dataCategories.some((c) => c.sensitivity === Sensitivity.SPECIAL) && !r.specialCategoryCondition)
    out.push([
      "ART9_CONDITION",
      {
        en: "Special categories without an art. 9(2) condition.",
        da: "Følsomme oplysninger uden en betingelse efter art. 9, stk. 2.",
      },
    ]);
  if (r.dataCategories.some((c) => c.sensitivity === Sensitivity.CRIMINAL) && !r.criminalDataBasis)
    out.push([
      "ART10_BASIS",
      {
        en: "Criminal-offence data without an art. 10 basis.",
        da: "Oplysninger om strafbare forhold uden hjemmel efter art. 10.",
      },
    ]);
  for (const name of processorsWithoutAgreement)
    out.push([
      "PROCESSOR_WITHOUT_AGREEMENT",
      {
        en: `${name} is used without an agreement in force (art. 28(3)).`,
        da: `${name} anvendes uden en gældende databehandleraftale (art. 28, stk. 3).`,
      },
    ]);
  for (const t of r.transfers.filter((t) =>
    t.findings.some((f) => f === "NO_VALID_MECHANISM" || f === "DPF_RECIPIENT_NOT_CERTIFIED"),
  )) {
    const path = t.path.join(" → ");
    out.push([
      "TRANSFER_WITHOUT_MECHANISM",
      {
        en:
          `The transfer to ${t.country ?? "an unstated country"} via ${path} has no valid mechanism ` +
          `(art. 30(1)(e), art. 44).`,
        da:
          `Overførslen til ${t.country ?? "et ikke angivet land"} via ${path} har intet gyldigt overførselsgrundlag ` +
          `(art. 30, stk. 1, litra e, og art. 44).`,
      },
    ]);
  }
  return {
    codes: [...new Set(out.map(([c]) => c))],
    details: out.map(([, d]) => d.en),
    detailsByLang: { en: out.map(([, d]) => d.en), da: out.map(([, d]) => d.da) },
  };
}

/** A processor's share of the measures its agreement requires, in a sentence per language. */
export function measuresSummary(
  name: string,
  counts: { implemented: number; required: number } | undefined,
): Record<Lang, string> {
  return counts
    ? {
        en: `${name}: ${counts.implemented} of ${counts.required} required measures implemented`,
        da: `${name}: ${counts.implemented} af ${counts.required} krævede foranstaltninger gennemført`,
      }
    : { en: `${name}: no required measures on file`, da: `${name}: ingen krævede foranstaltninger registreret` };
}
