// General failure causes found in the twenty-eighth held-out part (issue 17, thirty-fourth round), each as a rule on
// made-up text: data subjects a sentence says they "may include", contacts at the controller's clients, sign-in
// details, a page's lead asking how the processor processes, and the SCCs' Annex I.B in the sub-processors' slot.
import { markdown, processorOf, upload } from "../helpers/made-up-dpa";

const PARTIES = 'This agreement is between Parcelwise ("Processor") and the client ("Controller").';

// "Data subjects may include …": a sentence that says who they may be names them, as "data subjects include" does.
test("a sentence saying data subjects may include some people names them", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    PARTIES,
    "",
    "## 4. Subject matter",
    "",
    "Processing concerns parcel tracking. Data subjects may include customer employees, freelancers and couriers.",
  );
  expect(d.dataSubjectCategories.map((c) => c.value)).toEqual(expect.arrayContaining(["employee", "consultant"]));
});

// "Client contacts" are the people at the controller's clients, as "supplier contacts" are the supplier's.
test("client contacts are the controller's customers, not bare contact persons", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    PARTIES,
    "",
    "## 3. Data subjects",
    "",
    "Client contacts and supplier contacts.",
  );
  const subjects = d.dataSubjectCategories.map((c) => c.value);
  expect(subjects).toEqual(expect.arrayContaining(["customer", "supplier_contact"]));
  expect(subjects).not.toContain("contact_person");
});

// "Sign-in details" are login details by another word.
test("sign-in details are credentials", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    PARTIES,
    "",
    "## 3. Categories of personal data",
    "",
    "Users' email addresses and sign-in details.",
  );
  expect(d.dataCategories.map((c) => c.value.key)).toContain("user.authorization.credentials");
});

// A page's lead asking how the processor processes ("How Lumenfold processes personal data on behalf of customers —
// …"): the name follows the question word.
test("a lead asking how a company processes personal data on behalf of customers names the company", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "How Lumenfold processes personal data on behalf of customers — security, sub-processors and breach notice.",
    "",
    "## 1. Processing",
    "",
    "The Processor processes personal data only on the Controller's documented instructions.",
  );
  expect(processorOf(d)?.name.value).toBe("Lumenfold");
});

// The SCCs' "Annex I.B — Description of Transfer" (its letter the sub-processor list's) lists the transfer's data and
// terms under run-in labels ("Technical data: …", "Retention period: …"): none is a company.
test("the SCCs' Annex I.B description of transfer lists no sub-processors", async () => {
  const d = await upload(
    "dpa.html",
    "<html><body><h1>Data Processing Addendum</h1>",
    '<p>This addendum is between Parcelwise Ltd ("Processor") and the Customer ("Controller").</p>',
    "<p>The Processor processes personal data on the Customer's behalf.</p>",
    "<h2>Annex I.B — Description of Transfer</h2>",
    "<ul><li>Technical data: IP addresses, request timestamps</li>",
    "<li>Retention period: as described in Section 9</li>",
    "<li>Subject matter, nature and duration of processing by sub-processors: as listed in Annex III</li></ul>",
    "<h2>Annex III — List of Sub-processors</h2>",
    "<table><thead><tr><th>Sub-processor</th><th>Processing Operations</th><th>Location</th></tr></thead>",
    "<tbody><tr><td>Hostwell Inc.</td><td>Hosting</td><td>United States</td></tr></tbody></table>",
    "</body></html>",
  );
  const names = d.subprocessors.map((s) => s.value.name);
  expect(names).toContain("Hostwell Inc.");
  expect(names).not.toContain("Technical data");
  expect(names).not.toContain("Retention period");
});
