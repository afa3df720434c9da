// General failure causes of the data categories over the whole corpus (issue 17, forty-second round), each as a rule
// on made-up text: a person's role, contact, account details, health and cookies as items of a list of data (after a
// bullet too); job roles, audio and call recordings in the singular, mailing and billing addresses, activity logs,
// mental health; a table row labelled "Data categories"; the special categories in a section of their own beside the
// list; and the label of the data run in mid-paragraph among other details of the processing.
import { markdown, upload } from "../helpers/made-up-dpa";

const PARTIES = 'This agreement is between Quillstone Ltd ("Processor") and the client ("Controller").';
const keys = (d: Awaited<ReturnType<typeof markdown>>) => d.dataCategories.map((c) => c.value.key).sort();

test("'Name, email, role, and profile details': the role is the person's job title", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    PARTIES,
    "",
    "## 3. Types of Personal Data",
    "",
    "- Name, email, role, and profile details",
    "",
    "Each party's role under this agreement is set out above.",
  );
  const title = d.dataCategories.find((c) => c.value.key === "user.job_title");
  // The item of the list, not the party's role in the sentence after it.
  expect(title?.citations.map((c) => c.quote)).toEqual(["role"]);
});

test("'(name, contact)' and 'account details' as items of a list of data", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    PARTIES,
    "",
    "## Annex A — Processing Details",
    "",
    "- **Types of personal data:** identification data (name, contact), card details, account details, and usage logs.",
  );
  expect(keys(d)).toEqual(
    expect.arrayContaining(["user.name", "user.contact", "user.account", "user.behavior.product_usage"]),
  );
});

test("'cookies' in a list of technical data are cookie identifiers", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    PARTIES,
    "",
    "## Categories of Personal Data",
    "",
    "- Technical data (e.g., IP addresses, browser type, cookies)",
  );
  expect(keys(d)).toEqual(["user.device.cookie_id", "user.device.ip_address"]);
});

test("'Job role', 'Audio recording of the call', mailing and billing addresses", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    PARTIES,
    "",
    "## 4. Types of Personal Data Processed",
    "",
    "- Caller name and job role",
    "- Audio recording of the call",
    "- Mailing addresses and billing addresses",
  );
  expect(keys(d)).toEqual(["user.contact.address", "user.content.audio_recording", "user.job_title", "user.name"]);
});

test("a table row labelled 'Data categories' lists the data, even by single words", async () => {
  const d = await upload(
    "dpa.html",
    "<html><body><h1>Data Processing Agreement</h1>",
    `<p>${PARTIES}</p>`,
    "<h2>2. Processing details</h2>",
    "<table>",
    "<tr><th>Purpose</th><td>Running the booking service for the client.</td></tr>",
    "<tr><th>Data categories</th><td>Identity, contact, booking and session data.</td></tr>",
    "<tr><th>Data subjects</th><td>The client's customers.</td></tr>",
    "</table>",
    "<p>The personal data processed is the client's.</p>",
    "</body></html>",
  );
  expect(keys(d)).toEqual(["user.contact"]);
});

test("a table's header 'Data Category' heads a column; its row is not the list", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    PARTIES,
    "",
    "## 2. Processing",
    "",
    "| Data Category | Purpose | Retention |",
    "|---|---|---|",
    "| Account data (name, email) | Sign-in | Duration of account |",
    "| Technical data (IP addresses, cookies) | Stability | 90 days |",
  );
  expect(keys(d)).toEqual(["user.contact.email", "user.device.cookie_id", "user.device.ip_address", "user.name"]);
});

test("'Categories of data:' run in mid-paragraph among other details of the processing", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    PARTIES,
    "",
    "**2. Details of processing.** Duration: the term of the subscription. Categories of data subjects: the client's " +
      "staff. Categories of data: business contact details, newsletter engagement events. Special categories: none.",
  );
  expect(keys(d)).toEqual(["user.contact"]);
});

test("'**Types of data:**' run in after a bold label: the order data it names", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    PARTIES,
    "",
    "## Annex A",
    "",
    "**Subject matter:** the app. **Types of data:** order data and the uploaded receipt. **Data subjects:** buyers.",
  );
  expect(keys(d)).toEqual(["user.payment"]);
});

test("'plan milestones, messages, and activity logs': what people did in the service", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    PARTIES,
    "",
    "## Annex A",
    "",
    "Types of Personal Data: plan milestones and activity logs.",
  );
  expect(keys(d)).toEqual(["user.behavior.product_usage"]);
});

test("the special categories in a section of their own beside the list of data are data processed", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    PARTIES,
    "",
    "## 4. Categories of Personal Data",
    "",
    "- Pupil name and date of birth",
    "",
    "## 5. Special Category Data",
    "",
    "- Mental health and wellbeing notes",
    "",
    "## 6. Sensitive data processed",
    "",
    "Religious beliefs; - health; and - trade union membership.",
  );
  expect(keys(d)).toEqual([
    "user.demographic.date_of_birth",
    "user.demographic.trade_union_membership",
    "user.health_and_medical",
    "user.name",
  ]);
});

test("a special-category section that says none are processed names none", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    PARTIES,
    "",
    "## 4. Categories of Personal Data",
    "",
    "- Names and job roles of staff",
    "",
    "## 5. Special categories of data",
    "",
    "The service does not process health data or biometric data.",
  );
  expect(keys(d)).toEqual(["user.job_title", "user.name"]);
});
