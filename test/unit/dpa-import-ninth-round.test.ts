// General failure causes found before the eighth unseen part (issue 17), each as a rule on made-up text: region
// codes only as whole words, examples of a report that are no supervision method, yearly audits said per
// calendar year.
import { extractAgreementDraft } from "../../src/modules/dpa-import/extract";
import { parseDocument } from "../../src/modules/dpa-import/extract/parse";

const dpa = (...lines: string[]) => extractAgreementDraft(lines.join("\n"));
/** A Markdown upload: its headings are sections. */
const markdown = async (...lines: string[]) =>
  extractAgreementDraft(await parseDocument({ bytes: Buffer.from(lines.join("\n")), fileName: "dpa.md" }));

test("'never leaves the Europe and North America regions' is no prohibition: 'EU' is a whole word", () => {
  const d = dpa(
    "# Data Processing Agreement",
    "",
    "## Hosting",
    "",
    "Customer data never leaves the Europe and North America regions of our cloud provider.",
  );
  expect(d.clauses.thirdCountryTransfers?.value).not.toBe("PROHIBITED");
});

test("'does not leave the European Union' and 'never leaves the EEA' are prohibitions", () => {
  for (const sentence of ["Personal data does not leave the European Union.", "Personal data never leaves the EEA."]) {
    const d = dpa("# Data Processing Agreement", "", "## Location of processing", "", sentence);
    expect(d.clauses.thirdCountryTransfers?.value).toBe("PROHIBITED");
  }
});

test("'a third-party report, for example SOC 2 or ISO 27001' is no supervision method; a commitment is", async () => {
  const example = await markdown(
    "# Data Processing Agreement",
    "",
    "## Audits",
    "",
    "On request, the Processor may make available a third-party audit report, for example SOC 2 or ISO 27001.",
  );
  expect(example.clauses.processorAudit.methods).toBeNull();
  const danish = await markdown(
    "# Databehandleraftale",
    "",
    "## Revision",
    "",
    "Databehandleren kan fremlægge en erklæring, fx en ISAE 3402-erklæring eller en SOC 2-rapport.",
  );
  expect(danish.clauses.processorAudit.methods).toBeNull();
  const commitment = await markdown(
    "# Data Processing Agreement",
    "",
    "## Audits",
    "",
    "The Processor provides the Controller with an ISAE 3000 report annually.",
  );
  expect(commitment.clauses.processorAudit.methods?.value).toEqual(["ISAE_3000"]);
  const named = await markdown(
    "# Data Processing Agreement",
    "",
    "## Audits",
    "",
    "The Processor shares its audit reports, such as its annual SOC 2 Type II report, with the Controller.",
  );
  expect(named.clauses.processorAudit.methods?.value).toEqual(["SOC_2"]);
});

test("'once per calendar year', 'one time each contract year', 'én gang pr. kalenderår' are yearly", async () => {
  for (const [phrase, months] of [
    ["The Controller may audit the Processor once per calendar year.", 12],
    ["The Controller may audit the Processor one time each contract year.", 12],
    ["Den dataansvarlige kan føre tilsyn med databehandleren én gang pr. kalenderår.", 12],
    ["The Controller may audit the Processor twice per calendar year.", 6],
  ] as const) {
    const d = await markdown("# Data Processing Agreement", "", "## Audits", "", phrase);
    expect([phrase, d.clauses.processorAudit.intervalMonths?.value]).toEqual([phrase, months]);
  }
});
