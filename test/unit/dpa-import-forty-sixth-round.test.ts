// General causes behind held-out-42 to -45's misses (forty-sixth round), each as a rule on made-up text: a list of
// sub-processors introduced by a run-in clause ("3.3 Subprocessors: … uses the following subprocessors …:") under
// a heading about something else; a legal name of five words in a list under a heading on sub-processors; items
// that group several names under a label ("Core (in use): A, B, C"), a group not in use naming no one; two names
// set side by side with a slash in a list item ("**Nimbus/Azure**: hosting"), not a table's company and product.
import { markdown, processorOf, upload } from "../helpers/made-up-dpa";

const names = (d: { subprocessors: { value: { name: string } }[] }) => d.subprocessors.map((s) => s.value.name);

test("a run-in clause 'Subprocessors: … uses the following subprocessors …:' introduces the list below", async () => {
  const d = await upload(
    "dpa.html",
    "<html><body><h1>Data Processing Addendum</h1>",
    '<p>This DPA is entered into between Lumora Ltd ("Processor") and the customer ("Customer").</p>',
    "<h2>3. Scope of Processing</h2>",
    "<p><strong>3.1 Personal Data:</strong> names and email addresses of the Customer's clients.</p>",
    "<p><strong>3.2 Subprocessors:</strong> Processor uses the following subprocessors to provide the Service:</p>",
    "<ul>",
    "<li>Nimbus Mail Inc. — email delivery</li>",
    "<li>Orbitbase Inc. — database hosting in the United States</li>",
    "<li>Paycrest Ltd — payment processing (card data never reaches the Processor)</li>",
    "</ul>",
    "<p>Customer authorizes Processor to use these subprocessors.</p>",
    "<h2>4. Security</h2><ul><li>Encryption in transit</li><li>Access controls</li></ul>",
    "</body></html>",
  );
  expect(names(d)).toEqual(["Nimbus Mail Inc.", "Orbitbase Inc.", "Paycrest Ltd"]);
});

test("a legal name of five words in the list under a heading on sub-processors is read", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    'Lumora AS ("Processor") processes personal data on behalf of the Licensee.',
    "",
    "## 5. THE PROCESSOR'S RIGHT TO ENGAGE SUB-PROCESSORS",
    "",
    "The Processor may use Sub-processors bound by written agreements.",
    "",
    "The following Sub-processor(s) are approved by the Controller:",
    "",
    "* Nimbus Cloud Services Europe SARL",
    "",
    "In addition, the Processor may use other Sub-processors, but shall inform the Controller of any intended changes",
    "at least three months before they take effect.",
  );
  expect(names(d)).toEqual(["Nimbus Cloud Services Europe SARL"]);
});

test("'Core (in use): A, B, C' names each; a group 'not in use' names no one", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    'Lumora, Inc. ("Processor") processes personal data on behalf of the Customer.',
    "",
    "# Annex III — Sub-processor List (Summary)",
    "",
    "The full Sub-processor List is published online. Summary:",
    "",
    "- **Core (in use):** Orbitbase, Nimbus, Paycrest (subprocessors #1–#3).",
    "- **Observability (in use):** Tracelight, Logwise (subprocessors #4–#5).",
    "- **Reserved (not in use; flagged for later):** Quillmark, Brightfold (subprocessors #6–#7).",
  );
  expect(names(d)).toEqual(["Orbitbase", "Nimbus", "Paycrest", "Tracelight", "Logwise"]);
});

test("'Nimbus/Azure' in a list of sub-processors names two; a table's 'Meta/Chatwise' stays one", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    'Lumora Ltd ("Processor") processes personal data on behalf of the Customer.',
    "",
    "### 5.1 Current Sub-Processors",
    "Customer consents to engagement of the following sub-processors:",
    "- **Nimbus/Azure**: Cloud infrastructure and hosting",
    "- **Paycrest**: Payment processing services",
  );
  expect(names(d)).toEqual(["Nimbus", "Azure", "Paycrest"]);
  const t = await markdown(
    "# Data Processing Agreement",
    "",
    'Lumora Ltd ("Processor") processes personal data on behalf of the Customer.',
    "",
    "## Sub-processors",
    "",
    "| Sub-processor | Purpose | Location |",
    "| --- | --- | --- |",
    "| Paycrest | Payments | USA |",
    "| Meta/Chatwise | Messaging | USA |",
  );
  expect(names(t)).toEqual(["Paycrest", "Meta/Chatwise"]);
});

test("'… to engage Sub-processors for:' and 'are bound by:' introduce kinds and terms, not companies", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    'Lumora Ltd ("Processor") processes personal data on behalf of the Customer.',
    "",
    "## 5. SUB-PROCESSORS",
    "",
    "**5.1 Authorized Sub-processors**  ",
    "Customer provides general authorization for Lumora to engage Sub-processors for:",
    "- Cloud infrastructure services",
    "- Payment processing",
    "- Communication services",
    "",
    "**5.2 Current Sub-processors**  ",
    "Current Sub-processors include:",
    "- **Orbitbase** (hosting) - United States",
    "- **Paycrest** (payment processing) - United States",
    "",
    "**5.3 Sub-processor Obligations**  ",
    "All Sub-processors are bound by:",
    "- Data protection obligations equivalent to this DPA",
    "- Confidentiality commitments",
  );
  expect(names(d)).toEqual(["Orbitbase", "Paycrest"]);
});

const keys = (d: { dataCategories: { value: { key: string } }[] }) => d.dataCategories.map((c) => c.value.key);

test("'Categories of Personal Information.' over a list names the data, as 'personal data' would", async () => {
  const d = await upload(
    "dpa.html",
    "<html><body><h1>Data Processing Addendum</h1>",
    '<p>Lumora, LLC ("Lumora") processes Personal Information on behalf of the Customer.</p>',
    "<h2>Annex A — Details of Processing</h2>",
    "<p>Subject matter. Lumora's provision of the Service to Customer.</p>",
    "<p><strong>Categories of Personal Information.</strong></p>",
    "<ul><li>Field staff: name, email, optional phone, role.</li>",
    "<li>Clients: residence address and visit notes.</li></ul>",
    "<h2>Annex B — Security Measures</h2><ul><li>Encryption in transit.</li></ul>",
    "</body></html>",
  );
  expect(keys(d)).toEqual(
    expect.arrayContaining(["user.name", "user.contact.email", "user.contact.phone_number", "user.job_title"]),
  );
});

test("'between Lumora, Inc., a Delaware corporation with offices at … (\"Lumora\")' gives the address", async () => {
  const d = await markdown(
    "# Data Processing Addendum",
    "",
    'This Data Processing Addendum ("DPA") is made between Lumora, Inc., a Delaware corporation with offices at 12',
    'Harbor St, Springfield, MA 02145, USA ("Lumora"), and the Customer identified in the Agreement ("Customer").',
    "",
    "## 1. Roles",
    "",
    "Lumora processes Customer Personal Data as a processor on behalf of Customer.",
  );
  expect(processorOf(d)?.name.value).toBe("Lumora, Inc.");
  expect(processorOf(d)?.address?.value).toBe("12 Harbor St, Springfield, MA 02145, USA");
});

test("'X, a Delaware corporation with registered office at …' gives the address, not a mailing line", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    'This Data Processing Agreement (**"DPA"**) is between:',
    "",
    "- **Lumora, Inc.**, a Delaware corporation with registered office at 12 Harbor St, Dover, DE 19901, USA",
    '  (**"Lumora"**, **"Processor"**); and',
    '- **You**, the customer accepting the Terms of Service (**"Customer"**, **"Controller"**).',
    "",
    "## Contact",
    "",
    "- **Mailing address:** Lumora, Inc., 12 Harbor St, Dover, DE 19901, USA (registered agent — for notices only).",
  );
  expect(processorOf(d)?.address?.value).toBe("12 Harbor St, Dover, DE 19901, USA");
});

test("'Processor: Lumora, processing data on behalf of the Controller' gives no address", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "### 1. Definitions",
    "- **Controller**: the school or teacher who determines the purposes of student data processing",
    "- **Processor**: Lumora, processing data on behalf of the Controller",
    "- **Data Subject**: the student whose data is processed",
  );
  expect(processorOf(d)?.name.value).toBe("Lumora");
  expect(processorOf(d)?.address).toBeNull();
});

const subjects = (d: { dataSubjectCategories: { value: string }[] }) => d.dataSubjectCategories.map((c) => c.value);

test("a school's 'Students (typically minors aged 14-18)' are pupils; an SCC list's 'students' are not", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "Lumora processes student learning data on behalf of the school as a processor.",
    "",
    "### 5. Categories of Data Subjects",
    "- Students (typically minors aged 14-18)",
    "- Teaching staff",
  );
  expect(subjects(d)).toContain("child.pupil");
  expect(subjects(d)).not.toContain("child");
  const scc = await markdown(
    "# Data Processing Agreement",
    "",
    "Lumora Ltd processes personal data on behalf of the Customer as a processor.",
    "",
    "## Annex I.B — Description of the transfer",
    "",
    "The personal data transferred may concern the following categories of data subjects: customers, prospective",
    "customers, students, donors, and employees.",
  );
  expect(subjects(scc)).not.toContain("child.pupil");
});

test("a footer '© 2026 Lumora, LLC · 12 Harbor St, Tampa, FL 33614 · (813) …' gives the address", async () => {
  const d = await upload(
    "dpa.html",
    "<html><body><h1>Data Processing Addendum</h1>",
    '<p>This DPA is between Lumora, LLC ("Lumora", the "Processor") and the Customer.</p>',
    "<h2>1. Processing</h2><p>Lumora processes Personal Information only on the Customer's instructions.</p>",
    "<footer><p>© 2026 Lumora, LLC · 12 Harbor St, Tampa, FL 33614 · (813) 555-0100</p></footer>",
    "</body></html>",
  );
  expect(processorOf(d)?.address?.value).toBe("12 Harbor St, Tampa, FL 33614");
  expect(processorOf(d)?.countryCode).toBe("US");
});

test("'Upon account cancellation, … retained for ninety (90) calendar days, after which it is … deleted'", async () => {
  const d = await markdown(
    "# Data Processing Addendum",
    "",
    'This DPA is entered into between Lumora Inc ("Processor") and the customer ("Customer").',
    "",
    "## 7. Data Retention",
    "",
    "Personal data is retained for the duration of the subscription. Upon account cancellation, Customer's data is",
    "retained for ninety (90) calendar days, after which it is permanently deleted from production systems.",
  );
  expect(d.clauses.retentionAfterEndDays?.value).toBe(90);
});

test("a key-terms row 'Provider address' gives the address of the party the row 'Provider' names", async () => {
  const d = await upload(
    "dpa.html",
    "<html><body><h1>Data processing addendum</h1>",
    "<h2>Key terms</h2><table>",
    "<tr><th>Item</th><th>Completed detail</th></tr>",
    "<tr><td>Provider</td><td>Lumora Lindqvist, Marketplace vendor 987654321.</td></tr>",
    "<tr><td>Provider privacy contact</td><td>privacy@lumora.example.</td></tr>",
    "<tr><td>Provider address</td>",
    "<td>Palm Court 7, 12/4, moo 2, Hua Hin, Prachuap Khiri Khan 77110, Thailand.</td></tr>",
    "<tr><td>Provider role</td><td>Processor.</td></tr>",
    "</table>",
    "<p>The Provider processes personal data on behalf of the customer.</p>",
    "</body></html>",
  );
  expect(processorOf(d)?.name.value).toBe("Lumora Lindqvist");
  expect(processorOf(d)?.address?.value).toBe(
    "Palm Court 7, 12/4, moo 2, Hua Hin, Prachuap Khiri Khan 77110, Thailand",
  );
  expect(processorOf(d)?.countryCode).toBe("TH");
});

test("a retention table's 'Account data | 30 days after account deletion': 30 days after the end", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    'Lumora Inc. ("Processor") processes personal data on behalf of the customer.',
    "",
    "## 9. Data Retention",
    "",
    "| Data type | Retention period | Deletion method |",
    "| --- | --- | --- |",
    "| API request logs | 90 days | Deleted on schedule |",
    "| Account data | 30 days after account deletion | Deleted on schedule |",
  );
  expect(d.clauses.retentionAfterEndDays?.value).toBe(30);
});
