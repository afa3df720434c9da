// The rule-based DPA importer: the seed DPAs read exactly as labelled, every value cites an exact
// span, contradictions keep every reading, non-DPAs are refused, other templates list what is missing.
import fs from "node:fs";
import path from "node:path";
import { NotADpaError, extractAgreementDraft } from "../../src/modules/dpa-import/extract";
import {
  documentPath,
  evaluateDocument,
  invalidCitations,
  type Label,
  loadLabels,
  precision,
  recall,
  sum,
} from "../../src/modules/dpa-import/extract/evaluation";

const REPO_ROOT = path.resolve(__dirname, "..", "..");
const labels = loadLabels(REPO_ROOT);
const fixture = (name: string) =>
  fs.readFileSync(path.join(REPO_ROOT, "test", "fixtures", "dpa-import", "documents", name), "utf8");
const seeds = labels.filter((l) => l.source === "seed");

test("the three seed DPAs are labelled and in the repository", () => {
  expect(seeds.map((l) => l.document).sort()).toEqual([
    "capturi-dpa.da.txt",
    "e-sg-cloud-dpa.da.txt",
    "firstagenda-ubivox-subprocessor-dpa.da.txt",
  ]);
  for (const l of seeds) expect(fs.existsSync(documentPath(REPO_ROOT, l))).toBe(true);
});

describe("seed DPAs", () => {
  test.each(seeds.map((l) => [l.document, l]))(
    "%s: every field as labelled, every citation an exact span",
    (_doc, label) => {
      const score = evaluateDocument(REPO_ROOT, label);
      const below = Object.entries(score.fields)
        .filter(([, c]) => (precision(c) ?? 1) < 1 || (recall(c) ?? 1) < 1)
        .map(([field, c]) => `${field} ${JSON.stringify(c)}`);
      expect(below).toEqual([]);
      expect(score.citations.invalid).toEqual([]);
      expect(score.citations.total).toBeGreaterThan(30);
    },
  );
});

test("labelled fixtures: at least six documents of our own, every citation exact", () => {
  const fixtures = labels.filter((l) => l.source === "fixture");
  expect(fixtures.length).toBeGreaterThanOrEqual(6);
  for (const label of fixtures) expect(evaluateDocument(REPO_ROOT, label).citations.invalid).toEqual([]);
});

test("an addendum without 'personal data' reads as a DPA by its name or by the two roles in one sentence", () => {
  const body =
    "1. Scope and roles\nThis addendum forms part of the Terms. " +
    "Customer is the controller (or \u201cbusiness\u201d); " +
    "Acme is the processor.\n2. Security incidents\nAcme will notify Customer within 72 hours after becoming aware " +
    "of a breach of Client Data.\n";
  expect(extractAgreementDraft(body).clauses.breachNotificationHours?.value).toBe(72);
  expect(extractAgreementDraft(`Data Processing Addendum\n${body.replace("controller", "owner")}`).kind.value).toBe(
    "DPA",
  );
  // The roles far apart, or neither word: still refused.
  expect(() => extractAgreementDraft(body.replace("controller", "owner"))).toThrow(NotADpaError);
  expect(() => extractAgreementDraft("Invoice 118\nCPU: one processor, 8 cores. Total 1,200 kr.\n")).toThrow(
    NotADpaError,
  );
});

test("a document the importer refuses counts each of its labelled values as missed, not as left out", () => {
  const invoice = labels.find((l) => l.expectError === "NotADpaError")!;
  const asIfDpa = {
    ...invoice,
    expectError: undefined,
    language: "da",
    parties: { PROCESSOR: { name: "Faktura ApS" } },
    subprocessors: [{ name: "Hosting ApS" }],
    placeholders: ["clauses.breachNotificationHours"],
  } as unknown as Label;
  const score = evaluateDocument(REPO_ROOT, asIfDpa);
  expect(score.error).toBe("NotADpaError");
  expect(score.fields.error).toEqual({ tp: 0, fp: 1, fn: 0 });
  expect(score.fields.language).toEqual({ tp: 0, fp: 0, fn: 1 });
  expect(score.fields["parties.PROCESSOR.name"]).toEqual({ tp: 0, fp: 0, fn: 1 });
  expect(score.fields.subprocessors).toEqual({ tp: 0, fp: 0, fn: 1 });
  expect(score.fields.placeholders).toEqual({ tp: 0, fp: 0, fn: 1 });
  expect(sum(Object.values(score.fields)).tp).toBe(0);
  // The invoice as labelled (a refusal expected) still scores the refusal alone.
  expect(evaluateDocument(REPO_ROOT, invoice).fields).toEqual({ error: { tp: 1, fp: 0, fn: 0 } });
});

describe("contradictions", () => {
  const draft = extractAgreementDraft(fixture("nordlys-loen-dpa.da.txt"));

  test("sub-processor notice: both readings kept, the longer notice proposed", () => {
    const notice = draft.clauses.subprocessorNoticeDays!;
    expect(notice.value).toBe(45);
    expect(notice.readings!.map((r) => [r.value, r.citations[0].reference])).toEqual([
      [30, "§7.3"],
      [45, "Bilag B.2"],
    ]);
    expect(notice.note).toMatch(/longer notice/);
    expect(notice.confidence).toBeLessThan(0.95);
  });

  test("breach deadline: the shorter one proposed", () => {
    const breach = draft.clauses.breachNotificationHours!;
    expect(breach.value).toBe(24);
    expect(breach.readings!.map((r) => r.value).sort()).toEqual([24, 48]);
    expect(breach.note).toMatch(/shorter/);
  });

  test("one month and 30 days agree: one value, both citations, no readings", () => {
    const seed = seeds.find((l) => l.document === "e-sg-cloud-dpa.da.txt");
    if (!seed) return;
    const notice = extractAgreementDraft(fs.readFileSync(documentPath(REPO_ROOT, seed), "utf8")).clauses
      .subprocessorNoticeDays!;
    expect(notice.value).toBe(30);
    expect(notice.readings).toBeUndefined();
    expect(notice.citations.map((c) => c.quote)).toEqual(["en måneders varsel", "30 dags varsel"]);
  });
});

test("citations are exact spans with the document's own references", () => {
  const text = fixture("cloudkasse-scc.en.txt");
  const draft = extractAgreementDraft(text);
  expect(invalidCitations(draft, text)).toEqual([]);
  expect(draft.clauses.breachNotificationHours!.citations[0]).toMatchObject({
    reference: "Clause 10.2",
    quote: "within thirty-six (36) hours",
  });
  expect(draft.clauses.processorAudit.dueDay!.citations[0].reference).toBe("Appendix C.7");
  expect(draft.language).toBe("en");
});

test("a data category keeps the vocabulary's sensitivity (sick leave is health data, art. 9)", () => {
  const draft = extractAgreementDraft(fixture("nordlys-loen-dpa.da.txt"));
  const sickLeave = draft.dataCategories.find((c) => c.value.key === "user.health_and_medical.sick_leave");
  expect(sickLeave?.value.sensitivity).toBe("SPECIAL");
  expect(sickLeave?.citations[0].quote).toBe("Sygefravær");
});

test("a measure that matches no catalogue entry is kept as text with key null", () => {
  const draft = extractAgreementDraft(fixture("nordlys-loen-dpa.da.txt"));
  expect(draft.measures.filter((m) => m.value.key === null).map((m) => m.value.text)).toEqual([
    "Kaffeordning for medarbejderne i kantinen",
  ]);
});

test("a sub-processor agreement names the principal processor and the sub-processor", () => {
  const seed = seeds.find((l) => l.document.startsWith("firstagenda"));
  if (!seed) return;
  const draft = extractAgreementDraft(fs.readFileSync(documentPath(REPO_ROOT, seed), "utf8"));
  expect(draft.kind.value).toBe("SUBPROCESSOR_AGREEMENT");
  expect(draft.parties.map((p) => [p.role, p.name.value, p.registrationNumber?.value])).toEqual([
    ["PROCESSOR", "FirstAgenda", "37098922"],
    ["SUBPROCESSOR", "Ubivox Technologies ApS", "27379494"],
  ]);
});

test("not a DPA: NotADpaError", () => {
  expect(() => extractAgreementDraft(fixture("faktura-2024-118.da.txt"))).toThrow(NotADpaError);
  expect(() => extractAgreementDraft("Terms of sale. Delivery within 5 days. Payment net 30 days.")).toThrow(
    NotADpaError,
  );
});

test("another template: what the rules find, and the list of what is missing", () => {
  const draft = extractAgreementDraft(fixture("acme-analytics-addendum.en.txt"));
  expect(draft.template).toBe("OTHER");
  expect(draft.clauses.breachNotificationHours?.value).toBe(72);
  expect(draft.clauses.subprocessorNoticeDays?.value).toBe(14);
  expect(draft.clauses.breachNotificationHours!.confidence).toBeLessThan(0.95);
  expect(draft.missing).toEqual(
    expect.arrayContaining(["clauses.processorAudit.methods", "clauses.processingLocationsText", "subprocessors"]),
  );
  // 'between Acme Analytics Ltd ("Acme") and the customer': the brand's bracket stands between.
  expect(draft.parties.find((p) => p.role === "PROCESSOR")?.name.value).toBe("Acme Analytics Ltd");
  expect(draft.missing).not.toContain("clauses.breachNotificationHours");
});

test("a breach clause without a number of hours yields null, listed as missing", () => {
  const draft = extractAgreementDraft(fixture("bogholder-isae-dpa.da.txt"));
  expect(draft.clauses.breachNotificationHours).toBeNull();
  expect(draft.missing).toContain("clauses.breachNotificationHours");
  expect(draft.clauses.processorAudit.intervalMonths?.value).toBe(24);
  expect(draft.extractor).toBe("dt-scc-rules/1");
});
