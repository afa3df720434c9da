// General failure causes found in the thirteenth held-out part (issue 17, seventeenth round), each as a rule on made-up
// text: the word "inspection" used for the audit right ("the Customer's inspection rights") or for an audit named
// before ("the results of the inspection") is no method of audit.
import { markdown } from "../helpers/made-up-dpa";

const methods = async (...lines: string[]) =>
  (await markdown("# Data Processing Agreement", "", ...lines)).clauses.processorAudit?.methods?.value ?? null;

test.each([
  "The Client's inspection rights do not extend to Norvane's payroll records. The results of the inspection are confidential.",
  "The Customer may audit Brisk once a year. Any information reviewed during the inspection is Brisk's confidential information.",
])("inspection as the audit right's name or the audit named before: %s", async (text) => {
  expect(await methods("## 8. Audits", "", text)).toBeNull();
});

test.each([
  "The Customer may carry out a physical inspection of Brisk's premises once a year.",
  "Kunden kan foretage en fysisk inspektion hos databehandleren en gang om året.",
])("a named inspection is still taken: %s", async (text) => {
  expect(await methods("## 8. Audits", "", text)).toEqual(["PHYSICAL_INSPECTION"]);
});
