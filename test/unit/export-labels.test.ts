// The Danish labels exports write with lang=da: every default vocabulary entry has a Danish name, and
// every label table gives each value a Danish label that is not the code itself.
import { labelOf, Labels } from "../../src/common/i18n";
import { keysWithoutDanishName, SENSITIVITY_LABELS, vocabularyName } from "../../src/modules/taxonomy/taxonomy.labels";
import { BUSINESS_CRITICALITY_LABELS, PROCESSOR_STATUS_LABELS } from "../../src/modules/processors/processor.labels";
import { TRANSFER_MECHANISM_LABELS } from "../../src/modules/subprocessors/engagement.labels";
import { HOP_FINDING_LABELS } from "../../src/modules/transfers/transfer-rules";
import {
  DPIA_STATUS_LABELS,
  LEGAL_BASIS_LABELS,
  MISSING_LABELS,
  RECIPIENT_ROLE_LABELS,
  SPECIAL_CATEGORY_CONDITION_LABELS,
} from "../../src/modules/ropa/ropa-labels";

const TABLES: [string, Labels<string>][] = [
  ["Sensitivity", SENSITIVITY_LABELS],
  ["BusinessCriticality", BUSINESS_CRITICALITY_LABELS],
  ["ProcessorStatus", PROCESSOR_STATUS_LABELS],
  ["TransferMechanism", TRANSFER_MECHANISM_LABELS],
  ["HopFinding", HOP_FINDING_LABELS],
  ["DpiaStatus", DPIA_STATUS_LABELS],
  ["LegalBasis", LEGAL_BASIS_LABELS],
  ["Missing", MISSING_LABELS],
  ["RecipientRole", RECIPIENT_ROLE_LABELS],
  ["SpecialCategoryCondition", SPECIAL_CATEGORY_CONDITION_LABELS],
];

test("every default data category and data-subject category has a Danish name", () => {
  expect(keysWithoutDanishName()).toEqual([]);
});

test("a default entry under its default name is translated; an organization's own name is kept", () => {
  expect(
    vocabularyName("dataCategories", "user.health_and_medical.sick_leave", "Sick leave / absence due to illness", "da"),
  ).toBe("Sygefravær");
  expect(vocabularyName("dataCategories", "user.health_and_medical.sick_leave", "Fravær (egen tekst)", "da")).toBe(
    "Fravær (egen tekst)",
  );
  expect(vocabularyName("dataSubjectCategories", "employee", "Employees", "en")).toBe("Employees");
  expect(vocabularyName("dataSubjectCategories", "org.own_key", "Frivillige", "da")).toBe("Frivillige");
});

test.each(TABLES)("%s: every value has a Danish label that is not its code", (_name, table) => {
  for (const [code, labels] of Object.entries(table)) {
    expect({ code, da: labels.da.length > 0 && !labels.da.includes(code) }).toEqual({ code, da: true });
    expect(labelOf(table, code, "da")).toBe(labels.da);
  }
  expect(labelOf(table, null, "da")).toBe("");
  expect(labelOf(table, "SOMETHING_NEW", "da")).toBe("SOMETHING_NEW");
});
