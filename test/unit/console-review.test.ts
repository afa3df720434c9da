// The console's pure parts of the DPA review and worklist (console/src/review/, console/src/schedule.ts) and its
// dictionaries (console/src/i18n/): the document cut at every citation (overlaps included), the field editors
// in step with the server's rules and enums, the values a correction sends, Danish and English complete.
import { GraphQLEnumType } from "graphql";
import { citesOf, firstSegmentOf, segment } from "../../console/src/review/highlight";
import { ENUMS, fieldMeta, parseEdit, editText } from "../../console/src/review/fields";
import { addMonths, bucketOf } from "../../console/src/schedule";
import { en } from "../../console/src/i18n/en";
import { da } from "../../console/src/i18n/da";
import { FIELD_SPECS, correctionProblem } from "../../src/modules/dpa-import/draft-fields";
import * as agreementEnums from "../../src/modules/agreements/agreement.enums";
import { RegistrationScheme } from "../../src/modules/processors/processor.entity";
import { sdlSchema } from "../helpers/sdl";

describe("highlight: the document in segments", () => {
  const text = "0123456789abcdefghij";
  const field = (path: string, spans: [number, number][], readings: [number, number][][] = []) => ({
    path,
    citations: spans.map(([start, end]) => ({ start, end, quote: text.slice(start, end), reference: "§1" })),
    readings: readings.map((r) => ({
      citations: r.map(([start, end]) => ({ start, end, quote: text.slice(start, end), reference: "§2" })),
    })),
  });

  test("segments cover the text in order, each with the citations over it; overlaps belong to both", () => {
    const cites = citesOf([field("a", [[2, 8]]), field("b", [[5, 12]])], text);
    const segments = segment(text.length, cites);
    expect(segments.map((s) => [s.start, s.end, s.cites.map((c) => c.path).join("+")])).toEqual([
      [0, 2, ""],
      [2, 5, "a"],
      [5, 8, "a+b"],
      [8, 12, "b"],
      [12, 20, ""],
    ]);
    expect(segments.map((s) => text.slice(s.start, s.end)).join("")).toBe(text);
    const first = firstSegmentOf(segments);
    expect(first.get(cites[0].id)).toBe(1);
    expect(first.get(cites[1].id)).toBe(2);
  });

  test("readings' citations are kept apart from the field's own, and ids are unique", () => {
    const cites = citesOf([field("n", [[0, 3]], [[[0, 3]], [[10, 14]]])], text);
    expect(cites.map((c) => [c.reading, c.start])).toEqual([
      [null, 0],
      [0, 0],
      [1, 10],
    ]);
    expect(new Set(cites.map((c) => c.id)).size).toBe(3);
  });

  test("citations outside the text or empty are not highlighted; a quote not at its offsets is flagged", () => {
    const cites = citesOf(
      [
        {
          path: "x",
          citations: [
            { start: 18, end: 40, quote: "ij", reference: "§" },
            { start: 4, end: 4, quote: "", reference: "§" },
            { start: 3, end: 6, quote: "zzz", reference: "§" },
          ],
          readings: [],
        },
      ],
      text,
    );
    const segments = segment(text.length, cites);
    expect(segments.flatMap((s) => s.cites.map((c) => c.start))).toEqual([3]);
    expect(cites.map((c) => c.mismatch)).toEqual([false, false, true]);
    // Without the document's text nothing can be checked or highlighted.
    expect(citesOf([field("a", [[2, 8]])], null)[0].mismatch).toBe(false);
  });
});

describe("field editors follow the server's rules", () => {
  test("every field the server's draft has is known to the console, with a label in both languages", () => {
    for (const spec of FIELD_SPECS) {
      const meta = fieldMeta(spec.path);
      expect({ path: spec.path, known: meta.labelKey !== null }).toEqual({ path: spec.path, known: true });
      expect(en[meta.labelKey!]).toBeTruthy();
      expect(da[meta.labelKey!]).toBeTruthy();
    }
    expect(fieldMeta("clauses.somethingNew")).toEqual({ group: "other", labelKey: null, editor: { kind: "json" } });
  });

  test("the choices offered are the server's enum values, each accepted by the field's rule", () => {
    const server: Record<string, string[]> = {
      AgreementKind: Object.values(agreementEnums.AgreementKind),
      AgreementTemplate: Object.values(agreementEnums.AgreementTemplate),
      RegistrationScheme: Object.values(RegistrationScheme),
      SubprocessorAuthorization: Object.values(agreementEnums.SubprocessorAuthorization),
      ThirdCountryTransfers: Object.values(agreementEnums.ThirdCountryTransfers),
      EndOfContractAction: Object.values(agreementEnums.EndOfContractAction),
      SupervisionMethod: Object.values(agreementEnums.SupervisionMethod),
      AuditCostBearer: Object.values(agreementEnums.AuditCostBearer),
    };
    for (const [name, values] of Object.entries(ENUMS))
      expect({ name, values: [...values].sort() }).toEqual({ name, values: server[name].sort() });
    for (const spec of FIELD_SPECS) {
      const editor = fieldMeta(spec.path).editor;
      if (editor.kind === "enum") for (const v of editor.values) expect(correctionProblem(spec.path, v)).toBeNull();
      if (editor.kind === "enumList") expect(correctionProblem(spec.path, editor.values)).toBeNull();
      if (editor.kind === "int") {
        expect(correctionProblem(spec.path, editor.min)).toBeNull();
        expect(correctionProblem(spec.path, editor.max)).toBeNull();
        expect(correctionProblem(spec.path, editor.max + 1)).not.toBeNull();
      }
    }
  });

  test("what a correction sends: typed shapes, empty clears, the rest as typed for the server's rule to judge", () => {
    const hours = fieldMeta("clauses.breachNotificationHours").editor;
    expect(parseEdit(hours, " 24 ")).toEqual({ value: 24 });
    expect(parseEdit(hours, "")).toEqual({ value: null });
    expect(parseEdit(hours, "two days")).toEqual({ value: "two days" });
    expect(correctionProblem("clauses.breachNotificationHours", "two days")?.message).toMatch(
      /whole number from 0 to 8760/,
    );
    expect(parseEdit(fieldMeta("clauses.processingCountries").editor, "dk, ie\nse")).toEqual({
      value: ["DK", "IE", "SE"],
    });
    expect(parseEdit(fieldMeta("clauses.objectionSuspendsChange").editor, "true")).toEqual({ value: true });
    expect(parseEdit(fieldMeta("subprocessors").editor, "[{")).toMatchObject({ error: "json" });
    const subs = [{ name: "AWS", countryCode: "IE" }];
    expect(parseEdit(fieldMeta("subprocessors").editor, editText(fieldMeta("subprocessors").editor, subs))).toEqual({
      value: subs,
    });
    expect(editText(fieldMeta("clauses.processorAudit.methods").editor, ["ISAE_3000", "SOC_2"])).toBe(
      "ISAE_3000, SOC_2",
    );
  });
});

describe("dictionaries", () => {
  const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  test("Danish has every English key and no empty text, with the same parameters", () => {
    expect(Object.keys(da).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(en)) {
      const dk = (da as Record<string, string>)[key];
      expect({ key, empty: !text.trim() || !dk.trim() }).toEqual({ key, empty: false });
      expect({ key, params: placeholders(dk) }).toEqual({ key, params: placeholders(text) });
    }
  });

  test("every value of the API's enums the console labels has a label", () => {
    const groups: Record<string, string> = {
      tier: "RiskTier",
      class: "CountryClass",
      mechanism: "TransferMechanism",
      mechanismShort: "TransferMechanism",
      transferFinding: "TransferFindingKind",
      supervision: "SupervisionStatus",
      notice: "ChangeNoticeState",
      changeKind: "ChangeKind",
      authorization: "SubprocessorAuthorization",
      thirdCountry: "ThirdCountryTransfers",
      endAction: "EndOfContractAction",
      costBearer: "AuditCostBearer",
      method: "SupervisionMethod",
      reportType: "AuditReportType",
      reportKind: "ReportKind",
      opinion: "AuditOpinion",
      conclusion: "ReviewConclusion",
      severity: "FindingSeverity",
      findingStatus: "FindingStatus",
      processorStatus: "ProcessorStatus",
      agreementStatus: "AgreementStatus",
      agreementKind: "AgreementKind",
      template: "AgreementTemplate",
      scheme: "RegistrationScheme",
      sensitivity: "Sensitivity",
      volume: "DataSubjectVolume",
      nature: "ProcessingNature",
      evidenceKind: "EvidenceKind",
      importStatus: "AgreementImportStatus",
      role: "Role",
    };
    const missing: string[] = [];
    for (const [group, enumName] of Object.entries(groups)) {
      const type = sdlSchema().getType(enumName) as GraphQLEnumType;
      expect({ enumName, isEnum: type instanceof GraphQLEnumType }).toEqual({ enumName, isEnum: true });
      for (const { value } of type.getValues()) if (!(`${group}.${value}` in en)) missing.push(`${group}.${value}`);
    }
    expect(missing).toEqual([]);
  });
});

describe("worklist dates", () => {
  test("overdue once past, due soon within 30 days, later after", () => {
    expect([-1, 0, 30, 31, null].map(bucketOf)).toEqual(["overdue", "soon", "soon", "later", "undated"]);
  });

  test("a quarter ahead, month ends clamped", () => {
    expect(addMonths("2026-11-30", 3)).toBe("2027-02-28");
    expect(addMonths("2027-11-30", 3)).toBe("2028-02-29");
    expect(addMonths("2026-01-15", 3)).toBe("2026-04-15");
    expect(addMonths("2026-10-31", 3)).toBe("2027-01-31");
  });
});
