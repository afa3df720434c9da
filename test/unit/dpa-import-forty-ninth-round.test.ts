// General causes behind held-out-56 to -59's misses (forty-ninth round), each as a rule on made-up text:
// - sub-processors: an annex on sub-processors and the SCCs' completion lists the SCCs' terms ("Data exporter:",
//   "Module:", "Clause 7 (docking):") after its link to the list: no companies, nor "Sub-processors: as listed on …";
//   a drafter's note in square brackets inside a name ("Quillsend, USA [VERIFY: contracting entity]") and a qualifier
//   after it (", only for customers who choose it") are no part of it, and "(with Acme LLC, USA)" is another company's
//   country; names one after another with their roles in brackets ("Render (hosting), Acme Mail (delivery)") after a
//   run-in "Sub-processors:" or as the first paragraph under a heading on sub-processors are the list;
// - the end of the contract: "will be returned or securely deleted" and "shall either return … or delete" are the
//   controller's choice, "when the Vendor discontinues processing" and "after the plan ends" are the end, "deletes
//   Client Personal Data" and "12 months after termination then deletion" delete; "12 months" counts 365 days;
// - the breach: "within 72h", the hour abbreviated after the digits;
// - data subjects: "members of the Customer's organisation", "the members and invitees of the workspace", "other chat
//   members" are a team's, a workspace's or a chat's people, not an association's members.
import { markdown } from "../helpers/made-up-dpa";

type Draft = Awaited<ReturnType<typeof markdown>>;
const subprocessors = (d: Draft) => d.subprocessors.map((s) => s.value.name);
const subjects = (d: Draft) => d.dataSubjectCategories.map((c) => c.value).sort();
const endAction = (d: Draft) => d.clauses.endOfContractAction?.value ?? null;
const retentionDays = (d: Draft) => d.clauses.retentionAfterEndDays?.value ?? null;
const breachHours = (d: Draft) => d.clauses.breachNotificationHours?.value ?? null;
const countries = (d: Draft) => d.subprocessors.map((s) => `${s.value.name}|${s.value.countryCode ?? "-"}`);

const opening = [
  "# Data Processing Agreement",
  "",
  'Lumora Ltd ("Processor") processes personal data for the customer.',
  "",
];

describe("sub-processors: an annex that completes the SCCs after the list's link names no company", () => {
  test("the SCCs' terms under 'Annex III: Sub-processors and SCC completion'", async () => {
    const d = await markdown(
      ...opening,
      "## Annex I: Description of processing",
      "",
      "- **Data subjects:** the customer's staff.",
      "",
      "## Annex II: Security measures",
      "",
      "- Encryption in transit.",
      "",
      "## Annex III: Sub-processors and SCC completion",
      "",
      "- **Sub-processors:** as listed on the [Sub-processors](./subs.md) page, which is part of this DPA.",
      "- **SCC completion (where the SCCs apply):**",
      "  - **Data exporter:** the Customer.",
      "  - **Data importer:** Lumora Ltd, providing the Service.",
      "  - **Module:** Two (Controller to Processor).",
      "  - **Clause 7 (docking):** applies.",
      "  - **Clause 13 (supervisory authority):** the authority of the Customer's Member State.",
      "  - **Annexes I and II of the SCCs:** completed by Annexes I and II of this DPA.",
      "  - **Special Categories:** none expected.",
      "  - **UK transfers:** the UK Addendum applies.",
    );
    expect(subprocessors(d)).toEqual([]);
  });
});

describe("sub-processors: a drafter's note inside a name, and a qualifier after it", () => {
  test("'[VERIFY: …]' and ', only for customers who choose it' in a table's name cell", async () => {
    const d = await markdown(
      ...opening,
      "## Annex 3 — Sub-processors",
      "",
      "| Sub-processor | Purpose | Location |",
      "|---|---|---|",
      "| Quillsend, USA [VERIFY: contracting entity] | Email delivery | USA |",
      "| Parlo [REVIEW: no DPA yet], only for customers who choose Parlo | Chat | [VERIFY] |",
      "| Norrvik Hosting AB, Sweden | Hosting | Sweden |",
    );
    expect(subprocessors(d)).toEqual(["Quillsend", "Parlo", "Norrvik Hosting AB"]);
    expect(countries(d)).toContain("Quillsend|US");
  });

  test("'(with Acme LLC, USA)' after a name and its country is another company's country", async () => {
    const d = await markdown(
      ...opening,
      "## Annex 3 — Sub-processors",
      "",
      "| Sub-processor | Purpose | Where |",
      "|---|---|---|",
      "| Brightpay Europe Limited, Ireland (with Brightpay Inc., USA) | Payments | EU and USA |",
      "| Norrvik Hosting AB, Sweden | Hosting | Sweden |",
    );
    expect(countries(d)).toEqual(["Brightpay Europe Limited|IE", "Norrvik Hosting AB|SE"]);
  });
});

describe("sub-processors: names with their roles in brackets, one after another in a line", () => {
  test("after a run-in 'Sub-processors:' in a list of terms", async () => {
    const d = await markdown(
      ...opening,
      "## 4. Summary",
      "",
      "- Breach notice to the Controller within 48 hours",
      "- Sub-processors: Kestrel Cloud (hosting), Orbit Mail Relay (delivery) — with SCCs",
      "- Deletion within 30 days of the end of the service",
    );
    expect(subprocessors(d)).toEqual(["Kestrel Cloud", "Orbit Mail Relay"]);
  });

  test("as the first paragraph under a heading on sub-processors, a stand-in passed over", async () => {
    const d = await markdown(
      ...opening,
      "## 6. Sub-processors",
      "Kestrel Cloud (hosting/storage), Paywise (billing only), Codehub (code review), [email",
      "provider]. Current list at [URL]; notice of additions by email.",
      "",
      "## 7. Transfers",
      "",
      "Under the SCCs where needed.",
    );
    expect(subprocessors(d)).toEqual(["Kestrel Cloud", "Paywise", "Codehub"]);
  });
});

describe("the end of the contract: return or deletion, the end by other words, the deletion as a step", () => {
  test("'Upon termination, Personal Data will be returned in a portable format or securely deleted'", async () => {
    const d = await markdown(
      ...opening,
      "## 12. End of services",
      "",
      "Upon termination, Personal Data will be returned in a portable format or securely deleted. Lumora will " +
        "confirm the deletion on request.",
    );
    expect(endAction(d)).toBe("CONTROLLER_CHOICE");
  });

  test("'When the Supplier discontinues processing …, it shall either return all data … or delete it'", async () => {
    const d = await markdown(
      ...opening,
      "## 9. Return of data",
      "",
      "9.1 When the Supplier discontinues processing of personal data on behalf of the Customer, the Supplier " +
        "shall either return all personal data to the Customer in the form the Customer asks for or delete it.",
      "",
      "9.2 If the processing ceases because of termination, the data will be deleted after a reasonable time.",
    );
    expect(endAction(d)).toBe("CONTROLLER_CHOICE");
  });

  test("'60 days after the plan ends, Lumora deletes Customer Personal Data from its systems'", async () => {
    const d = await markdown(
      ...opening,
      "## 11. Deletion",
      "",
      "11.1 While the plan is active the Customer can export its data.",
      "",
      "11.2 60 days after the plan ends, Lumora deletes Customer Personal Data from its systems.",
    );
    expect(endAction(d)).toBe("DELETE");
  });

  test("'Retention: 12 months after termination then deletion' in a list of terms", async () => {
    const d = await markdown(
      ...opening,
      "## 4. Terms",
      "",
      "- Encryption at rest and in transit",
      "- Retention: 12 months after termination then deletion",
    );
    expect(endAction(d)).toBe("DELETE");
    expect(retentionDays(d)).toBe(365);
  });
});

describe("the breach: the hour abbreviated", () => {
  test("'Breach notice to the Controller within 36h'", async () => {
    const d = await markdown(
      ...opening,
      "## 4. Terms",
      "",
      "- Encryption at rest and in transit",
      "- Breach notice to the Controller within 36h",
    );
    expect(breachHours(d)).toBe(36);
  });
});

describe("data subjects: members of a team, a workspace or a chat are no association's members", () => {
  test("'members of the Customer's organisation', 'the members and invitees of the workspace'", async () => {
    const d = await markdown(
      ...opening,
      "## Annex I: Processing details",
      "",
      "- Data subjects: named contractors, members of the Customer's organisation, and the members and " +
        "invitees of the workspace.",
    );
    expect(subjects(d)).not.toContain("member");
    expect(subjects(d)).toContain("consultant");
    // An association's members stay its members.
    const club = await markdown(
      ...opening,
      "## Annex I: Processing details",
      "",
      "- Data subjects: the club's members and volunteers.",
    );
    expect(subjects(club)).toContain("member");
  });

  test("'other chat members' beside the customer's personnel", async () => {
    const d = await markdown(
      ...opening,
      "## Annex I: Processing details",
      "",
      "| Item | Details |",
      "|---|---|",
      "| Categories of data subjects | The Customer's personnel; commenters and other chat members. |",
    );
    expect(subjects(d)).toEqual(["employee"]);
  });
});
