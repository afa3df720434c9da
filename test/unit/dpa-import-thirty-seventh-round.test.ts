// General causes of missed and wrong audit methods across the corpus (issue 17, thirty-seventh round), each a rule
// on made-up text: SOC 2 named as one kind of third-party report, a third party's attestations, certifications
// handed to the controller or reviewed by it, the audit's place given to documents, a limit ("no more than once a
// year") that denies nothing, a certification not held yet, another's certifications, and a method only the law may
// call for.
import { markdown } from "../helpers/made-up-dpa";

const PARTIES = 'This agreement is between Parcelwise ("Processor") and the client ("Controller").';

const audit = (...lines: string[]) =>
  markdown("# Data Processing Agreement", "", PARTIES, "", "## 9. Audits", "", ...lines);

const methods = async (...lines: string[]) => (await audit(...lines)).clauses.processorAudit.methods?.value ?? null;

// "SOC 2 reports or equivalent third-party attestations": any third party's certification will do, not SOC 2 itself.
test("SOC 2 named as one kind of report among equivalents is a certification", async () => {
  expect(
    await methods(
      "The Controller may audit Parcelwise once per year. Parcelwise may satisfy audit requests by providing SOC 2 " +
        "reports or equivalent third-party attestations.",
    ),
  ).toEqual(["CERTIFICATION"]);
  expect(
    await methods(
      "The Controller may audit Parcelwise's compliance through:",
      "",
      "- Certifications: ISO 27001, SOC 2 Type II, or equivalent",
    ),
  ).toEqual(["CERTIFICATION"]);
});

// SOC 2 alone stays SOC 2.
test("a SOC 2 report named alone is SOC 2", async () => {
  expect(
    await methods("On request Parcelwise provides the Controller with its current SOC 2 Type II audit report."),
  ).toEqual(["SOC_2"]);
});

// "Request … an existing attestation or certificate by an independent professional expert".
test("a third party's attestation is a certification", async () => {
  expect(
    await methods(
      "The Controller may, to audit Parcelwise, request Parcelwise to submit an existing attestation or certificate " +
        "by an independent professional expert.",
    ),
  ).toEqual(["CERTIFICATION"]);
});

// "Written attestations from Parcelwise's management": the processor's own written word.
test("written attestations are the processor's written confirmation", async () => {
  expect(
    await methods(
      "In lieu of an audit, the Controller may accept:",
      "",
      "- Written attestations from Parcelwise's management",
    ),
  ).toEqual(["WRITTEN_CONFIRMATION"]);
});

// Certifications handed to the controller, reviewed by it, or named in a list the audit may be satisfied through.
test("certifications handed to the controller or reviewed by it are a method", async () => {
  expect(
    await methods(
      "For audits, upon written request Parcelwise will provide the Controller with its most recent third-party " +
        "audit reports or security certifications.",
    ),
  ).toEqual(["CERTIFICATION"]);
  expect(
    await methods("Audit rights. The Controller may:", "", "- Review security certifications and audit reports"),
  ).toEqual(["CERTIFICATION"]);
  expect(
    await methods(
      "The Controller's audit rights may be satisfied through:",
      "",
      "- Parcelwise's certifications and third-party audit reports",
    ),
  ).toEqual(["CERTIFICATION"]);
});

// "Summaries of … certifications held by our sub-processors", "certifications … available from Atlassian": theirs.
test("another's certifications are no method", async () => {
  expect(
    await methods(
      "For audits we provide the Controller, upon request, summaries of the certifications held by our " +
        "sub-processors.",
    ),
  ).toBeNull();
  expect(
    await methods(
      "Parcelwise does not host audits itself. The platform's certifications are made available to the Controller " +
        "from Atlassian.",
    ),
  ).toBeNull();
});

// The earlier rule still holds: certifications among proofs the processor may offer name none.
test("certifications among the proofs the processor may offer are still no method", async () => {
  expect(
    await methods(
      "Parcelwise shall prove compliance for audits by suitable means, which may include audit reports, " +
        "certifications or similar papers.",
    ),
  ).toBeNull();
});

// A duty listed under "Processor shall:" and information "including:" documents and certifications are information
// made available, not a way to audit.
test("certifications in a list of duties or of information made available are no method", async () => {
  expect(
    await methods(
      "Processor shall:",
      "",
      "- Allow for and contribute to audits by the Controller",
      "- Provide audit reports or certifications upon request",
    ),
  ).toBeNull();
  expect(
    await methods(
      "For audits, Parcelwise will make available to the Controller all information necessary, including:",
      "",
      "- Security documentation and certifications",
    ),
  ).toBeNull();
});

// "Audits … may be satisfied through documentation, certifications …": the documents are read as the audit.
test("documents in the audit's place are written supervision", async () => {
  expect(
    await methods(
      "Audits must be reasonable and may be satisfied through documentation, certifications or third-party reports " +
        "where available.",
    ),
  ).toEqual(["CERTIFICATION", "WRITTEN_SUPERVISION"]);
});

// The controller asking for documents: "Request compliance documentation", "documentation review", "Documentation
// requests", "written security questions", "documentation demonstrating … compliance".
test("the controller asking for documents is written supervision", async () => {
  expect(
    await methods(
      "Audit rights. The Controller may:",
      "",
      "- Request compliance documentation",
      "- Conduct on-site audits (reasonable notice)",
    ),
  ).toEqual(["WRITTEN_SUPERVISION", "PHYSICAL_INSPECTION"]);
  expect(
    await methods(
      "The Controller may verify compliance once per year through documentation review or, where strictly " +
        "necessary, an audit.",
    ),
  ).toEqual(["WRITTEN_SUPERVISION"]);
  expect(
    await methods(
      "Upon written request for an audit, Parcelwise shall make available documentation demonstrating its " +
        "compliance with this DPA.",
    ),
  ).toEqual(["WRITTEN_SUPERVISION"]);
});

// "The Controller's audit right will ordinarily be satisfied by … providing … copies of its … sub-processor list": the
// controller's right over the processor, not the sub-processors' audit.
test("the controller's audit right met by documents naming sub-processors stays the processor's", async () => {
  const d = await audit(
    "Parcelwise will allow for and contribute to audits conducted by the Controller. The Controller's audit right " +
      "will ordinarily be satisfied by Parcelwise providing, on written request, copies of its security policy, " +
      "retention policy and sub-processor list.",
  );
  expect(d.clauses.processorAudit.methods?.value).toEqual(["WRITTEN_SUPERVISION"]);
});

// "(no more than once a year) … questionnaires": a limit on how often, not a denial of the method.
test("a limit on how often denies no method", async () => {
  expect(
    await methods(
      "For audits, Parcelwise will, on the Controller's written request (no more than once a year), provide " +
        "responses to security questionnaires.",
    ),
  ).toEqual(["WRITTEN_SUPERVISION"]);
  // A denial is still one.
  expect(await methods("Audits shall not include questionnaires. On-site audits are not available.")).toBeNull();
});

// "SOC 2 Type II is a Phase 3 target", "ISO 27001 certification (in progress)": not held, no method.
test("a certification not held yet is no method", async () => {
  expect(
    await methods(
      "The Controller may audit Parcelwise. For the audit, our SOC 2 Type II is a Phase 3 target and our " +
        "certification (in progress) is pending.",
    ),
  ).toBeNull();
});

// "Where Applicable Data Protection Law grants a further audit right, … any on-site audit will be limited to …".
test("a method only the law may call for is held back", async () => {
  expect(
    await methods(
      "Where Applicable Data Protection Law grants a further audit right, the parties will agree in advance on " +
        "scope, and any on-site audit will be limited to once per year.",
    ),
  ).toBeNull();
  expect(await methods("The Controller may conduct an on-site audit once per year on 30 days' notice.")).toEqual([
    "PHYSICAL_INSPECTION",
  ]);
});

// "We will make reasonable efforts to fulfill audit requirements through provision of existing reports … before an
// on-site audit": the audit's terms, even in the first person.
test("the processor's first person about meeting audit requirements names the method", async () => {
  expect(
    await methods(
      "We will make reasonable efforts to fulfill audit requirements through provision of existing reports before " +
        "an on-site audit.",
    ),
  ).toEqual(["PHYSICAL_INSPECTION"]);
});
