// General causes behind held-out-51 to -55's misses (forty-eighth round), each as a rule on made-up text:
// - sub-processors: "not engage sub-processors without prior notice", "give … notice of any intended changes
//   concerning the addition or replacement of sub-processors", "will be notified of changes to sub-processors" and "…
//   days before adding or replacing a subprocessor. If you object, …" are the general authorisation;
// - the audit: its cost "borne by Customer", "paid by you", "(Customer expense)";
// - the breach: "(target: 36 hours)", "max 48 hours", and a clause's heading with a bracket after its title
//   ("Breach Notification (Art. 33 GDPR)");
// - the parties: a definition list's "Provider Address" term is no part of the address, and an address ending in a
//   US state's code and ZIP is in the United States;
// - the reading: a file named .html that holds no tag is text, its line breaks kept;
// - the data: a table headed "| Data | Subjects | Purpose |", a row "Categories of Caller Personal Information", a
//   place that only points to an annex ("Set forth in Annex I.") gives way to the annex's row; words the vocabulary
//   lacked (account metadata, audit events, login logs, clock in/out, medical certs, biometric, voice recording, call
//   transcript, call summary);
// - a definition's tail ('… means of processing. "Processor"') names no processor, and a sub-processor's "Location /
//   Transfer Mechanism" cell gives the place before the dash ("US — SCCs & UK Addendum …").
import { markdown, processorOf, upload } from "../helpers/made-up-dpa";

type Draft = Awaited<ReturnType<typeof markdown>>;
const categories = (d: Draft) => d.dataCategories.map((c) => c.value.key).sort();
const subjects = (d: Draft) => d.dataSubjectCategories.map((c) => c.value).sort();
const authorisation = (d: Draft) => d.clauses.subprocessorAuthorization?.value ?? null;
const paidBy = (d: Draft) => d.clauses.processorAudit?.paidBy?.value ?? null;
const breachHours = (d: Draft) => d.clauses.breachNotificationHours?.value ?? null;

const opening = [
  "# Data Processing Agreement",
  "",
  'Lumora Ltd ("Processor") processes personal data for the customer.',
  "",
];

describe("sub-processors notified, not approved one by one: the general authorisation", () => {
  test("'not engage subprocessors without prior notice' in a list of duties", async () => {
    const d = await markdown(
      ...opening,
      "## 3. Processor obligations",
      "",
      "The Processor shall:",
      "",
      "- process personal data only on documented instructions;",
      "- not engage subprocessors without prior notice to the Controller (see Annex 2);",
      "- keep records.",
    );
    expect(authorisation(d)).toBe("GENERAL");
  });

  test("'give … advance notice of any intended changes concerning the addition or replacement of …'", async () => {
    const d = await markdown(
      ...opening,
      "## 4. Subprocessors",
      "",
      "A list of subprocessors is kept online. The Processor will give the Controller advance notice of " +
        "any intended changes concerning the addition or replacement of subprocessors.",
    );
    expect(authorisation(d)).toBe("GENERAL");
  });

  test("'the Controller will be notified of changes to subprocessors'", async () => {
    const d = await markdown(
      ...opening,
      "## 6. Subprocessors",
      "",
      "- Hostly Inc. (hosting)",
      "",
      "The Controller will be notified of changes to subprocessors with 20 days' notice.",
    );
    expect(authorisation(d)).toBe("GENERAL");
  });

  test("'… days before adding or replacing a subprocessor. If you object, …'", async () => {
    const d = await markdown(
      ...opening,
      "## 5. Our subprocessors",
      "",
      "| Subprocessor | Role | Location |",
      "|---|---|---|",
      "| Hostly Inc. | Hosting | USA |",
      "",
      "We will update this list at least 10 days before adding or replacing a subprocessor. If you object on " +
        "reasonable grounds, you may terminate.",
    );
    expect(authorisation(d)).toBe("GENERAL");
  });
});

describe("who pays for the audit", () => {
  test("'Audit costs are borne by Customer' (no article)", async () => {
    const d = await markdown(
      ...opening,
      "## 9. Audits",
      "",
      "The Controller may audit the Processor once per year with 30 days' notice. Audit costs are borne by Customer " +
        "unless a breach is found.",
    );
    expect(paidBy(d)).toBe("CONTROLLER");
  });

  test("'paid by you'", async () => {
    const d = await markdown(
      ...opening,
      "## 9. Audits",
      "",
      "Once a year you may audit us by an on-site audit with 30 days notice, paid by you.",
    );
    expect(paidBy(d)).toBe("CONTROLLER");
  });

  test("'(Customer expense)' in a bracket after the audit", async () => {
    const d = await markdown(
      ...opening,
      "## 9. Audits",
      "",
      "- The Processor provides its annual security report on request",
      "- Larger plans: on-site audit available (Customer expense)",
    );
    expect(paidBy(d)).toBe("CONTROLLER");
  });
});

describe("the breach deadline", () => {
  test("'(target: 36 hours)'", async () => {
    const d = await markdown(
      ...opening,
      "## 6. Personal data breach",
      "",
      "Lumora will notify the Controller without undue delay (target: 36 hours) of any personal data breach.",
    );
    expect(breachHours(d)).toBe(36);
  });

  test("'max 48 hours' in a point under a heading with a bracket after its title", async () => {
    const d = await markdown(
      ...opening,
      "### 3.6 Breach Notification (Art. 33 GDPR)",
      "- Notify Controller without undue delay, max 48 hours",
      "- Describe the breach",
    );
    expect(breachHours(d)).toBe(48);
  });
});

test("a definition list's 'Provider Address' term is no part of the address; a US state and ZIP is US", async () => {
  const d = await upload(
    "dpa.html",
    "<html><body>",
    "<h1>Data Processing Addendum</h1>",
    "<dl>",
    "<dt>Provider</dt><dd>Lumora Tools LLC</dd>",
    "<dt>Provider Address</dt><dd>12 Elm Street, Suite 4, Austin, TX 78701</dd>",
    "</dl>",
    '<p>Lumora Tools LLC ("Provider") processes personal data on behalf of the Customer ("Controller").</p>',
    "</body></html>",
  );
  expect(processorOf(d)?.address?.value).toBe("12 Elm Street, Suite 4, Austin, TX 78701");
  expect(processorOf(d)?.countryCode).toBe("US");
});

test("a file named .html that holds no tag is read as text: its lines stay lines", async () => {
  const d = await upload(
    "dpa.html",
    "DATA PROCESSING AGREEMENT",
    "",
    'This DPA is between Lumora LLC ("Processor") and the customer ("Controller").',
    "",
    "3. DATA CATEGORIES",
    "- Voice recordings of support calls",
    "- Usage metadata (timestamps, status codes)",
    "",
    "4. PURPOSES",
    "Processing is limited to delivering the Services.",
  );
  expect(categories(d)).toEqual(["user.behavior.product_usage", "user.content.audio_recording"]);
});

test("a table headed '| Data | Subjects | Purpose |' names the data and whose it is", async () => {
  const d = await markdown(
    ...opening,
    "## 1. What we process",
    "",
    "| Data | Subjects | Purpose |",
    "|---|---|---|",
    "| Emails, names | Your employees | Accounts and sign-in |",
    "| Audit events (who did what) | Your employees | Audit trail |",
  );
  expect(categories(d)).toEqual(["user.behavior.product_usage", "user.contact.email", "user.name"]);
  expect(subjects(d)).toEqual(["employee"]);
});

test("a row 'Categories of Caller Personal Information' lists a call's data", async () => {
  const d = await markdown(
    ...opening,
    "## 2. Details of processing",
    "",
    "| Item | Details |",
    "|---|---|",
    "| Nature and purpose | Answering and routing calls |",
    "| Categories of Caller Personal Information | Caller phone number, voice recording, call transcript, call " +
      "summary |",
  );
  expect(categories(d)).toEqual([
    "user.contact.phone_number",
    "user.content.audio_recording",
    "user.content.communication",
    "user.content.transcript",
  ]);
});

test("a place that only points to an annex gives way to the annex's row of data subjects", async () => {
  const d = await markdown(
    ...opening,
    "## 2. Scope",
    "",
    "**2.4 Categories of Data Subjects and Personal Data.** Set forth in **Annex I**.",
    "",
    "## Annex I",
    "",
    "| Item | Details |",
    "|---|---|",
    "| **Categories of Data Subjects** | Customer's employees and authorised users |",
  );
  expect(subjects(d)).toEqual(["employee", "end_user"]);
});

test("words for data the vocabulary lacked", async () => {
  const d = await markdown(
    ...opening,
    "## Categories of Personal Data",
    "",
    "- Account metadata",
    "- Login logs",
    "- Clock in/out times",
    "- Medical certs",
    "- Biometric templates",
  );
  expect(categories(d)).toEqual([
    "user.account",
    "user.behavior.product_usage",
    "user.biometric",
    "user.employment.working_hours",
    "user.health_and_medical",
  ]);
});

test("a definition's tail ('… means of processing. \"Processor\" …') names no processor", async () => {
  const d = await markdown(
    ...opening.slice(0, 2),
    "## 1. Definitions",
    "",
    '"Controller" determines the purposes and means of processing. "Processor" (= "Service Provider" under the ' +
      "CCPA) processes on the Controller's behalf.",
  );
  expect(processorOf(d)?.name.value ?? "").not.toMatch(/means of processing/);
});

test("a 'Location / Transfer Mechanism' cell gives the place before the dash", async () => {
  const d = await markdown(
    ...opening,
    "## 5. Subprocessors",
    "",
    "| Subprocessor | Purpose | Location / Transfer Mechanism |",
    "|---|---|---|",
    "| Hostly Inc. | Hosting | US-based, global network — SCCs & UK Addendum for UK/EEA-originating data |",
    "| Mailbird LLC | Email | US — SCCs & UK Addendum for UK/EEA-originating data |",
    "| Payly Ltd | Billing | UK/EU/US — Payly's SCCs |",
  );
  expect(d.subprocessors.map((s) => [s.value.name, s.value.countryCode])).toEqual([
    ["Hostly Inc.", "US"],
    ["Mailbird LLC", "US"],
    ["Payly Ltd", null],
  ]);
});
