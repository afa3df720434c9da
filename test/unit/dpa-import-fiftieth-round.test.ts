// General causes behind held-out-60 to -63's misses (fiftieth round), each as a rule on made-up text:
// - the processor: its legal name left unfilled on its own line beside the short name that line defines for it
//   ("`[ENTITY NAME]` ("Processor" / "Lumora")", "**Processor:** [Legal Entity Name] ("Lumora")", "[COMPANY NAME],
//   trading as Lumora ("Processor")") is named so; a customer, "we" or "Service Provider" names no one;
// - the data: a list item's run-in label ("- Data Categories: names, emails", "- Personal data: …", "- Data: …");
// - the audit: "request written evidence of the measures", "information and documentation to demonstrate
//   compliance", "summaries of its controls" are written supervision;
// - the sub-processor regime: "authorize the use of key sub-processors", "authorises the following sub-processors"
//   with notice of additions, a sub-processor list kept with notice of its changes are a general authorisation;
// - sub-processors: names with their roles in brackets closed by "and the cloud host of …" (a kind, no one).
import { markdown, processorOf } from "../helpers/made-up-dpa";

type Draft = Awaited<ReturnType<typeof markdown>>;
const categories = (d: Draft) => d.dataCategories.map((c) => c.value.key).sort();
const methods = (d: Draft) => [...(d.clauses.processorAudit?.methods?.value ?? [])].sort();
const authorisation = (d: Draft) => d.clauses.subprocessorAuthorization?.value ?? null;
const subprocessors = (d: Draft) => d.subprocessors.map((s) => s.value.name);

const opening = [
  "# Data Processing Agreement",
  "",
  'This DPA is between Lumora Ltd ("Processor") and the customer ("Controller").',
  "",
];

describe("the processor: an unfilled legal name beside the short name its own line defines", () => {
  test.each([
    ['This DPA forms part of the Agreement between `[LUMORA_ENTITY_NAME]` ("**Processor**" / "Lumora") and', "Lumora"],
    [
      'This DPA is between **[LEGAL ENTITY NAME]** ("Processor", "Lumora.io") and the Client ("Controller").',
      "Lumora.io",
    ],
    ['**Data Processor**: [Lumora Legal Entity Name] ("Lumora"), operating the Lumora platform.', "Lumora"],
    ['**And:** [COMPANY NAME], trading as Lumora ("**Processor**" — us)', "Lumora"],
    ['Between [COMPANY LEGAL NAME], [REGISTERED ADDRESS] ("Lumora", the **processor**) and the Client.', "Lumora"],
  ])("%s", async (line, name) => {
    const d = await markdown("# Data Processing Agreement", "", line, "", "## 1. Breach", "", "Within 72 hours.");
    expect(processorOf(d)?.name.value ?? null).toBe(name);
    expect(d.placeholders!.map((p) => p.path)).toContain("parties.PROCESSOR.name");
  });

  test("the short name after 'we'; a role, 'we', the customer or 'Service Provider' alone names no one", async () => {
    const named = await markdown(
      "# Data Processing Agreement",
      "",
      'This DPA is between **[LEGAL ENTITY NAME]**, of [ADDRESS] ("**Processor**", "**we**", "Lumora") and you.',
    );
    expect(processorOf(named)?.name.value ?? null).toBe("Lumora");
    for (const line of [
      'This DPA is between **[COMPANY NAME]** ("Processor", "we") and the customer.',
      '**[COMPANY NAME]** ("Processor" or "Service Provider")',
      'Between [CUSTOMER NAME] ("Controller", "Lumora Customer") and the provider.',
    ]) {
      const d = await markdown("# Data Processing Agreement", "", line, "", "## 1. Breach", "", "Within 72 hours.");
      expect(processorOf(d)?.name.value ?? null).toBeNull();
    }
  });
});

describe("data categories: a list item's run-in label", () => {
  test("'- **Data Categories:** Names, emails, authentication tokens, activity logs'", async () => {
    const d = await markdown(
      ...opening,
      "## 1. Subject matter",
      "- **Purpose:** hosting the Service.",
      "- **Data Categories:** Names, emails, authentication tokens, activity logs.",
      "- **Data Subjects:** the Controller's employees.",
    );
    expect(categories(d)).toEqual(
      expect.arrayContaining(["user.authorization.credentials", "user.contact.email", "user.name"]),
    );
  });

  test("'* **Data:** username or email; IP address' and '- **Personal data:** name, business email'", async () => {
    const short = await markdown(
      ...opening,
      "## Scope (Annex I)",
      "",
      "* **Whose:** your team members",
      "* **Data:** username or email; IP address and user agent, never logged",
    );
    expect(categories(short)).toEqual(
      expect.arrayContaining(["user.account.username", "user.contact.email", "user.device.ip_address"]),
    );
    const personal = await markdown(
      ...opening,
      "## 2. Processing",
      "",
      "- **Data subjects:** the Controller's billing contacts.",
      "- **Personal data:** name, business email.",
    );
    expect(categories(personal)).toEqual(expect.arrayContaining(["user.contact.email", "user.name"]));
  });
});

describe("the audit: written evidence and documents handed over are written supervision", () => {
  test.each([
    "The Controller may, once per year and on 30 days' notice, request written evidence of the measures in section 5.",
    "If you request an audit, we will provide information and documentation to demonstrate compliance.",
    "Lumora may satisfy audit requests by providing summaries of its controls.",
  ])("%s", async (sentence) => {
    const d = await markdown(...opening, "## 8. Audit", "", sentence);
    expect(methods(d)).toContain("WRITTEN_SUPERVISION");
  });
});

describe("the sub-processor regime: a general authorisation said by its working", () => {
  test("'Merchants authorize the use of key sub-processors (e.g., Paywise, couriers)'", async () => {
    const d = await markdown(
      ...opening,
      "## 3. Terms",
      "",
      "- **Sub-processors**: Merchants authorize the use of key sub-processors (e.g., Paywise, couriers). Lumora",
      "  remains liable for them.",
    );
    expect(authorisation(d)).toBe("GENERAL");
  });

  test("'authorises the following sub-processors', with notice of any additions", async () => {
    const d = await markdown(
      ...opening,
      "## 6. Sub-processors",
      "",
      "Customer authorises the following sub-processors. Lumora will give at least 30 days' notice of any additions",
      "or replacements.",
      "",
      "| Sub-processor | Purpose |",
      "|---|---|",
      "| Kestrel Cloud | Hosting |",
    );
    expect(authorisation(d)).toBe("GENERAL");
  });

  test("'Sub-processor list — maintain the current list and give 30 days' notice of changes'", async () => {
    const d = await markdown(
      ...opening,
      "## 5. Processor obligations",
      "",
      "1. **Confidentiality** — bind staff to confidentiality.",
      "2. **Sub-processor list** — maintain the current list (see the MSA) and give **30 days' notice** of changes.",
    );
    expect(authorisation(d)).toBe("GENERAL");
  });

  test("'authorize the use of' a kind is general; of those a list names, without notice, unread", async () => {
    const kind = await markdown(
      ...opening,
      "## 6. Sub-processors",
      "",
      "Customer authorizes the use of sub-processors.",
    );
    expect(authorisation(kind)).toBe("GENERAL");
    const listed = await markdown(
      ...opening,
      "## 6. Sub-processors",
      "",
      "Customer authorises the use of the sub-processors listed in Annex 3.",
    );
    expect(authorisation(listed)).toBeNull();
  });
});

describe("sub-processors: names with roles in brackets, the line closed by a kind of provider", () => {
  test("'Paywise (payments), Orbit Mail (email), and the cloud host of the license service.'", async () => {
    const d = await markdown(
      ...opening,
      "## 4. Sub-processors",
      "",
      "Paywise (payments), Orbit Mail (transactional email), and the cloud host of the license service.",
      "The Controller is notified at least 30 days before any addition.",
    );
    expect(subprocessors(d)).toEqual(["Paywise", "Orbit Mail"]);
  });
});
