// General failure causes found in the fourteenth held-out part (issue 17, eighteenth round), each as a rule on made-up
// text: a numbered list item that ends with a colon and holds a nested list ("1. Storage:" over "- Nimbus Cloud …")
// names a group of sub-processors, never one; a term the contract defines ("“Usage Data” means …"), its definition
// and its later uses, say no category of personal data; the name of a thing ("Browser name") is no person's name.
// "a company located in Austin, TX", "based in", "beliggende i": where the processor is, a state code meaning the US.
// "6. Delete the data on termination" in a list of duties, "the Customer may request deletion of all data": DELETE.
// "Our only sub-processor is Nimbus Cloud, which …" names it; "The Customer shall reimburse Brisk for … an audit": the
// controller pays for it.
import { markdown, processorOf } from "../helpers/made-up-dpa";

const subprocessors = async (...lines: string[]) =>
  (await markdown("# Data Processing Agreement", "", ...lines)).subprocessors.map((s) => s.value.name);

test.each([
  [
    "## 6. Sub-processors",
    "",
    "Sub-processors engaged as of 1 March 2026:",
    "",
    "1. Data Storage:",
    "   - Nimbus Cloud (United States) - Hosting",
    "   - Ferro Data (Germany) - Backups",
    "",
    "2. Messaging Services:",
    "   - Postlark (United States) - Email delivery",
  ],
  [
    "## 6. Underdatabehandlere",
    "",
    "Følgende underdatabehandlere anvendes:",
    "",
    "1. Hosting og Drift:",
    "   - Nimbus Cloud (Tyskland) - Hosting",
    "   - Ferro Data (Danmark) - Backup",
  ],
])("a numbered item ending with a colon over a nested list is a group, not a sub-processor (%#)", async (...lines) => {
  const names = await subprocessors(...lines);
  expect(names).toContain("Nimbus Cloud");
  expect(names).not.toEqual(expect.arrayContaining(["Data Storage"]));
  expect(names.filter((n) => /Storage|Messaging|Hosting og|Drift|Services/.test(n))).toEqual([]);
});

const categories = async (...lines: string[]) =>
  (await markdown("# Data Processing Agreement", "", ...lines)).dataCategories.map((c) => c.value.key);

test.each([
  [
    "## 1. Definitions",
    "",
    "- “Authority Correspondence” means any correspondence received from a supervisory authority.",
    '- "Service Usage Data" means data on how the Service is used, processed by Brisk to run it.',
  ],
])("a term being defined is no category of personal data (%#)", async (...lines) => {
  const keys = await categories(...lines, "", "Brisk processes the names and email addresses of the Customer's staff.");
  expect(keys.filter((k) => k === "user.content.communication" || k === "user.behavior.product_usage")).toEqual([]);
  expect(keys).toContain("user.contact.email");
});

test.each([
  ["The data we store per visit is:", "", "- Browser name and version", "- Operating system name", "- Page viewed"],
  ["Brisk stores for each event:", "", "- device name and model", "- the file name of the upload"],
])("the name of a thing is no person's name (%#)", async (...lines) => {
  expect(await categories("## 3. Personal data", "", ...lines)).not.toContain("user.name");
});

test.each([
  ['This DPA is made between the Customer and Brisk, a company located in Austin, TX ("Brisk").', "US"],
  ["This DPA is made between the Customer and Norvane, a company based in Portland, OR 97201 (“Norvane”).", "US"],
  ['Denne aftale indgås mellem Kunden og Lumora, et selskab beliggende i Aarhus, Danmark ("Lumora").', "DK"],
])("the processor's country from where it is located: %s", async (text, country) => {
  expect(processorOf(await markdown("# Data Processing Agreement", "", text))?.countryCode).toBe(country);
});

const endAction = async (...lines: string[]) =>
  (await markdown("# Data Processing Agreement", "", ...lines)).clauses.endOfContractAction?.value ?? null;

test.each([
  [["## 4. Our duties", "", "Brisk will:", "", "1. Keep the data confidential.", "2. Delete the data on expiry."]],
  [["## 9. Return of data", "", "Upon termination, the Customer may request deletion of all stored data."]],
  [["## 9. Ophør", "", "Ved ophør kan Kunden anmode om sletning af alle oplysninger."]],
])("deletion at the end as a listed duty or at the controller's request (%#)", async (lines) => {
  expect(await endAction(...lines)).toBe("DELETE");
});

test.each([
  ["Our only sub-processor is **Nimbus Cloud**, which hosts the service.", "Nimbus Cloud"],
  ["Vores eneste underdatabehandler er Ferro Data ApS, der driver serverne.", "Ferro Data ApS"],
])("the only sub-processor named in prose: %s", async (text, name) => {
  expect(await subprocessors("## 5. Sub-processors", "", text)).toEqual([name]);
});

test("the controller reimbursing the processor for an audit pays for it", async () => {
  const draft = await markdown(
    "# Data Processing Agreement",
    "",
    "## 7. Audits",
    "",
    "The Customer may request an on-site audit of Brisk once a year. The Customer shall reimburse Brisk for any " +
      "time spent on such an audit at Brisk's usual rates.",
  );
  expect(draft.clauses.processorAudit?.paidBy?.value).toBe("CONTROLLER");
});
