// General failure causes found in the thirteenth held-out part (issue 17, seventeenth round), each as a rule on made-up
// text: the word "inspection" used for the audit right ("the Customer's inspection rights") or for an audit named
// before ("the results of the inspection") is no method of audit; companies the processor is said to engage "as
// sub-processors" in prose, each with its legal form and address, are its sub-processors.
import { markdown, processorOf } from "../helpers/made-up-dpa";

const methods = async (...lines: string[]) =>
  (await markdown("# Data Processing Agreement", "", ...lines)).clauses.processorAudit?.methods?.value ?? null;

test.each([
  "The Client's inspection rights do not extend to Norvane's payroll. The results of the inspection are confidential.",
  "The Customer may audit Brisk once a year. Anything reviewed during the inspection is confidential.",
])("inspection as the audit right's name or the audit named before: %s", async (text) => {
  expect(await methods("## 8. Audits", "", text)).toBeNull();
});

test.each([
  "The Customer may carry out a physical inspection of Brisk's premises once a year.",
  "Kunden kan foretage en fysisk inspektion hos databehandleren en gang om året.",
])("a named inspection is still taken: %s", async (text) => {
  expect(await methods("## 8. Audits", "", text)).toEqual(["PHYSICAL_INSPECTION"]);
});

const subprocessors = async (...lines: string[]) =>
  (await markdown("# Data Processing Agreement", "", ...lines)).subprocessors.map((s) => [
    s.value.name,
    s.value.countryCode,
  ]);

test("companies engaged as sub-processors in prose, with their addresses", async () => {
  expect(
    await subprocessors(
      "## 4. Sub-processors",
      "",
      "The Client consents that Lumora engages Nimbus Cloud, Inc., Palo Alto, CA - USA and Ferro Data Ltd, Leeds, " +
        "United Kingdom as other processors for storage.",
    ),
  ).toEqual([
    ["Nimbus Cloud, Inc.", "US"],
    ["Ferro Data Ltd", "GB"],
  ]);
});

test("virksomheder, som databehandleren anvender som underdatabehandlere, i løbende tekst", async () => {
  expect(
    await subprocessors(
      "## 4. Underdatabehandlere",
      "",
      "Kunden accepterer, at Leverandøren anvender Skyhus ApS, Aarhus, Danmark og Datavej A/S som underdatabehandlere.",
    ),
  ).toEqual([
    ["Skyhus ApS", "DK"],
    ["Datavej A/S", null],
  ]);
});

test("a sentence whose pieces are not all legal names names no sub-processor", async () => {
  expect(
    await subprocessors(
      "## 4. Sub-processors",
      "",
      "Lumora uses Nimbus Cloud, Inc. and other vendors as sub-processors.",
    ),
  ).toEqual([]);
});

test.each([
  ["Brisk uses Cumulo Store and Cumulo Queue as hosting and infrastructure sub-processors.", "Cumulo Store"],
  ["Leverandøren bruger Skyhus Drift og Skyhus Backup som underdatabehandlere til hosting.", "Skyhus Drift"],
])("names without a legal form, called sub-processors outright: %s", async (text, first) => {
  const found = await subprocessors("## 6. Hosting", "", text);
  expect(found).toHaveLength(2);
  expect(found[0][0]).toBe(first);
});

test("the controller appointing the processor names no sub-processor", async () => {
  expect(
    await subprocessors("## 2. Roles", "", "The Customer appoints Lumora ApS as processor of the personal data."),
  ).toEqual([]);
});

const authorisation = async (...lines: string[]) =>
  (await markdown("# Data Processing Agreement", "", ...lines)).clauses.subprocessorAuthorization?.value ?? null;

test.each([
  "The Client also agrees that Lumora may engage further processors as reasonably required for the Services.",
  "Kunden accepterer, at Leverandøren kan anvende andre underdatabehandlere, når det er nødvendigt for ydelsen.",
])("consent in advance to further sub-processors is a general authorisation: %s", async (text) => {
  expect(await authorisation("## 4. Sub-processors", "", text)).toBe("GENERAL");
});

test.each([
  ["This agreement forms part of the Order Form signed by Lumora and the Client, as identified there.", "Lumora"],
  ["Denne aftale er en del af ordresedlen, der er underskrevet af Skyhus og kunden.", "Skyhus"],
])("the processor signing with the client or the customer: %s", async (text, name) => {
  expect(processorOf(await markdown("# Data Processing Agreement", "", text))?.name?.value).toBe(name);
});

test.each([
  ['This DPA sets out the duties of Norvane Labs LLC ("Quillo", "Processor") and our customers.', "Norvane Labs LLC"],
  ['Aftalen er indgået af Skyhus ApS ("Skyhus", "databehandleren") og vores kunder.', "Skyhus ApS"],
])("the processor defined by a quoted role after its brand: %s", async (text, name) => {
  expect(processorOf(await markdown("# Data Processing Agreement", "", text))?.name?.value).toBe(name);
});

const categories = async (...lines: string[]) =>
  (await markdown("# Data Processing Agreement", "", ...lines)).dataCategories.map((c) => c.value.key).sort();

test.each([
  [
    "The personal data may include telephone or mobile number, social security details, unique IDs and online " +
      "behaviour.",
    "## 3. Categories of personal data",
  ],
  [
    "Personoplysningerne kan omfatte mobilnumre, unikke id'er og onlineadfærd.",
    "## 3. Kategorier af personoplysninger",
  ],
])("data named in other words: %s", async (text, heading) => {
  const keys = await categories(heading, "", text);
  expect(keys).toEqual(expect.arrayContaining(["user.contact.phone_number", "user.unique_id"]));
  expect(keys).toContain("user.behavior.browsing_history");
  expect(keys).not.toContain("user.behavior");
});

test.each([
  "Data may be processed on Cumulo infrastructure in accordance with Cumulo's applicable transfer mechanisms.",
  "Personal data leaves the EEA only under a recognised transfer mechanism.",
])("transfers under a mechanism named by its kind only: %s", async (text) => {
  const d = await markdown("# Data Processing Agreement", "", "## 9. International Transfers", "", text);
  expect(d.clauses.thirdCountryTransfers?.value).toBe("ALLOWED_WITH_SAFEGUARDS");
});
