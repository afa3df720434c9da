// Pure rules of the record of processing (art. 30): what a record is missing. No database.
import { Sensitivity } from "../taxonomy/taxonomy.entity";
import { ProcessingRecord } from "./record.types";

/** Art. 30(1) elements missing or empty: codes and sentences. */
export function completeness(
  r: Omit<ProcessingRecord, "missing" | "missingDetails">,
  processorsWithoutAgreement: string[],
): { codes: string[]; details: string[] } {
  const out: [string, string][] = [];
  if (!r.purposes) out.push(["PURPOSES", "No purposes (art. 30(1)(b))."]);
  if (!r.legalBasis) out.push(["LEGAL_BASIS", "No art. 6(1) lawful basis."]);
  if (!r.dataSubjectCategories.length) out.push(["DATA_SUBJECTS", "No categories of data subjects (art. 30(1)(c))."]);
  if (!r.dataCategories.length) out.push(["DATA_CATEGORIES", "No categories of personal data (art. 30(1)(c))."]);
  if (!r.recipients.length && !r.otherRecipients.length)
    out.push(["RECIPIENTS", "No recipients: record the processors used or state the recipients (art. 30(1)(d))."]);
  if (!r.retention && (!r.dataCategories.length || r.dataCategories.some((c) => !c.retention)))
    out.push(["RETENTION", "No time limit for erasure (art. 30(1)(f))."]);
  if (!r.measures.description)
    out.push(["TOMS", "No description of the technical and organisational measures (art. 30(1)(g))."]);
  if (r.dataCategories.some((c) => c.sensitivity === Sensitivity.SPECIAL) && !r.specialCategoryCondition)
    out.push(["ART9_CONDITION", "Special categories without an art. 9(2) condition."]);
  if (r.dataCategories.some((c) => c.sensitivity === Sensitivity.CRIMINAL) && !r.criminalDataBasis)
    out.push(["ART10_BASIS", "Criminal-offence data without an art. 10 basis."]);
  for (const name of processorsWithoutAgreement)
    out.push(["PROCESSOR_WITHOUT_AGREEMENT", `${name} is used without an agreement in force (art. 28(3)).`]);
  for (const t of r.transfers.filter((t) =>
    t.findings.some((f) => f === "NO_VALID_MECHANISM" || f === "DPF_RECIPIENT_NOT_CERTIFIED"),
  )) {
    out.push([
      "TRANSFER_WITHOUT_MECHANISM",
      `The transfer to ${t.country ?? "an unstated country"} via ${t.path.join(" → ")} has no valid mechanism ` +
        `(art. 30(1)(e), art. 44).`,
    ]);
  }
  return { codes: [...new Set(out.map(([c]) => c))], details: out.map(([, d]) => d) };
}
