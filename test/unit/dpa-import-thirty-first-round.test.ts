// General failure causes found in the twenty-fifth held-out part (issue 17, thirty-first round), each as a rule on
// made-up text. An inspection offered when the first proofs fall short ("Where these documents are not sufficient
// to demonstrate compliance, the Controller may conduct an on-site inspection") is agreed, not denied; nor does the
// auditor's qualifier ("an independent auditor, not a competitor of the Processor") deny it.
import { markdown } from "../helpers/made-up-dpa";

const auditMethodsOf = async (...lines: string[]) =>
  (
    await markdown(
      "# Data Processing Agreement",
      "",
      'This agreement is between Parcelwise ("Processor") and the client ("Controller").',
      "",
      "## 9. Audit",
      "",
      ...lines,
    )
  ).clauses.processorAudit?.methods?.value;

test("an inspection held when the documents are not sufficient is agreed", async () => {
  expect(
    await auditMethodsOf(
      "Where these documents are not sufficient to demonstrate compliance, the Controller may conduct an on-site " +
        "inspection of Parcelwise once a year.",
    ),
  ).toEqual(["PHYSICAL_INSPECTION"]);
});

test("an auditor who is not a competitor may carry out the inspection", async () => {
  expect(
    await auditMethodsOf(
      "The Controller, or an independent auditor not a competitor of Parcelwise, may carry out an on-site " +
        "inspection once a year.",
    ),
  ).toEqual(["PHYSICAL_INSPECTION"]);
});

test("an inspection the processor does not allow is still denied", async () => {
  expect(await auditMethodsOf("The Controller may not conduct an on-site inspection of Parcelwise.")).toBeUndefined();
});

// The processor's duty at the end said in the present tense ("Upon termination, Parcelwise deletes personal data
// processed for the Controller") is a deletion, as "deletes all" is.
const endActionOf = async (...lines: string[]) =>
  (
    await markdown(
      "# Data Processing Agreement",
      "",
      'This agreement is between Parcelwise ("Processor") and the client ("Controller").',
      "",
      "## 8. Termination",
      "",
      ...lines,
    )
  ).clauses.endOfContractAction?.value;

test("the processor deleting personal data on termination, in the present tense, is a deletion", async () => {
  expect(
    await endActionOf(
      "Upon termination of the agreement, Parcelwise deletes personal data processed for the Controller, unless the " +
        "law requires it to keep them.",
    ),
  ).toBe("DELETE");
});
