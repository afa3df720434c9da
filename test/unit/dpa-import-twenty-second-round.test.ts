// General failure causes found in the eighteenth held-out part (issue 17, twenty-second round), each as a rule on
// made-up text. An annex B titled for security measures is no list of sub-processors; a list its sentence calls
// examples ("(examples; update as applicable):") and a kind of service over "e.g." examples name none; a note's
// run-in title ("Note on US cloud providers:") is no company; a sub-processor's initials and its full name are one
// company; the processor's legal name before "d/b/a" or "trading as"; a bracket before the company form ("X (OPC)
// PRIVATE LIMITED") is part of the name, and the bold block over the address and CIN gives its details; roles given
// as "party = processor" list items, with a KvK or CVR number in the bracket.
import { markdown, processorOf } from "../helpers/made-up-dpa";

const draftOf = (...lines: string[]) => markdown("# Data Processing Agreement", "", ...lines);
const subs = async (...lines: string[]) => (await draftOf(...lines)).subprocessors.map((s) => s.value.name);

test("an annex B on security measures lists no sub-processors", async () => {
  const names = await subs(
    "## 1. Sub-processors",
    "",
    "The processor uses the sub-processors listed in Annex C.",
    "",
    "## Annex B — Technical and Organisational Security Measures",
    "",
    "**Encryption**",
    "- TLS 1.2+ for all data in transit",
    "",
    "**Authorisation**",
    "- Keycloak: role-based access control on every request",
    "- Fail-closed: all requests denied when the policy engine is down",
    "",
    "**Subprocessor Management**",
    "- Written agreements with all Sub-processors",
    "",
    "## Annex C — Approved Sub-processors",
    "",
    "| Sub-processor | Purpose | Location |",
    "|---|---|---|",
    "| Brevdue | Email delivery | Germany |",
    "| Nimbus Cloud | Hosting | Ireland |",
  );
  expect(names).toEqual(["Brevdue", "Nimbus Cloud"]);
});

test.each([
  ["English", "The processor uses the following subprocessors (examples; update as applicable):"],
  ["Danish", "Databehandleren anvender følgende underdatabehandlere (eksempler; opdateres efter behov):"],
])("%s: a list its sentence calls examples names no sub-processor", async (_l, intro) => {
  const names = await subs(
    "## 5. Sub-processors",
    "",
    intro,
    "",
    "- Brevdue Mail",
    "- Nimbus Cloud",
    "",
    "For the current list, contact the processor.",
  );
  expect(names).toEqual([]);
});

test("a kind of service over its examples ('Email delivery: e.g., …') is no sub-processor", async () => {
  const names = await subs(
    "## 5. Sub-processors",
    "",
    "The processor uses the following sub-processors:",
    "",
    "- Email delivery/support: e.g., Brevdue/Postkasse (transactional email)",
    "- Nimbus Cloud: hosting (Ireland)",
  );
  expect(names).toEqual(["Nimbus Cloud"]);
});

test("a note's run-in title is no sub-processor", async () => {
  const note = "**Note on US cloud providers:** Personal data is not sent to the US providers.";
  const names = await subs(
    "## 5. Sub-processors",
    "",
    "The processor uses the following sub-processors:",
    "",
    "- Nimbus Cloud: hosting (Ireland)",
    "",
    note,
  );
  expect(names).toEqual(["Nimbus Cloud"]);
});

test("a sub-processor's initials and its full name are one company, the full name kept", async () => {
  const names = await subs(
    "## 2. Details",
    "",
    "| Field | Value |",
    "|---|---|",
    "| **Sub-processors** | NCP (EU regions), Brevdue (email) |",
    "",
    "## 6. Sub-processors",
    "",
    "Current sub-processors:",
    "- **Nimbus Cloud Platform** (EU regions) — hosting",
    "- **Brevdue** — email delivery",
  );
  expect(names).toEqual(["Nimbus Cloud Platform", "Brevdue"]);
});

test.each([
  ["d/b/a", "Nordlys Orchards LLC d/b/a Lumobox", "Nordlys Orchards LLC"],
  ["trading as", "Nordlys Orchards Ltd trading as Lumobox", "Nordlys Orchards Ltd"],
])("the legal name before '%s' is the processor's name", async (_l, written, legal) => {
  const draft = await draftOf(
    `This Addendum forms part of the agreement between ${written} ("Processor" or "Lumobox") and the customer ` +
      `that is a party to the Agreement ("Controller").`,
  );
  expect(processorOf(draft)?.name.value).toBe(legal);
});

test("a bracket before the company form is part of the name; the bold block above gives address and CIN", async () => {
  const draft = await markdown(
    "# Data Processing Agreement",
    "",
    "**LUMOBOX (OPC) PRIVATE LIMITED**",
    "No. 12, Lake Road, Indiranagar, Bangalore – 560038, Karnataka, India",
    "CIN: U62010KA2025OPC123456",
    "",
    'This DPA is part of the Agreement between LUMOBOX (OPC) PRIVATE LIMITED ("Processor", "Lumobox") and the ' +
      'customer identified in the Agreement ("Controller").',
  );
  const p = processorOf(draft);
  expect(p?.name.value).toBe("LUMOBOX (OPC) PRIVATE LIMITED");
  expect(p?.registrationNumber?.value).toBe("U62010KA2025OPC123456");
  expect(p?.address?.value).toMatch(/^No\. 12, Lake Road/);
  expect(p?.countryCode).toBe("IN");
});

test.each([
  [
    "English, KvK",
    "- **Lumobox BV** (trading as Lumo, KvK 12345678) = **processor**, for the data it receives.",
    "12345678",
  ],
  ["Danish, CVR", "- **Lumobox ApS** (CVR 12345678) = **databehandler** for de data, tjenesten modtager.", "12345678"],
])("%s: roles given as 'party = role' lines name the processor", async (_l, line, number) => {
  const draft = await draftOf(
    "## Roles",
    "- **Customer** (the shop owner) = **controller**.",
    line,
    "- **Odoo S.A.** = distributor of the module only.",
  );
  const p = processorOf(draft);
  expect(p?.name.value).toMatch(/^Lumobox (BV|ApS)$/);
  expect(p?.registrationNumber?.value).toBe(number);
});

test("a plural 'Locations:' label after the list is no sub-processor", async () => {
  const names = await subs(
    "## 5. Sub-processors",
    "",
    "The processor uses the following sub-processors:",
    "",
    "- Nimbus Cloud: hosting (Ireland)",
    "",
    "Locations: As of the Effective Date, the processor hosts data in Ireland.",
  );
  expect(names).toEqual(["Nimbus Cloud"]);
});

test("delete and certify, or return and delete: the controller's choice", async () => {
  const draft = await draftOf(
    "## 10. Term",
    "",
    "Following the termination of this DPA, the Processor shall, upon Customer's written request, delete all " +
      "Customer Data and certify to the Customer that it has done so, or return all Customer Data to the Customer " +
      "and delete existing copies.",
  );
  expect(draft.clauses.endOfContractAction?.value).toBe("CONTROLLER_CHOICE");
});
