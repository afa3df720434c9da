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

// A contact block whose first line is the name alone, its short name in a bracket, over labelled lines: the address
// and the registration number under it are the party's.
test("a contact block's labelled address and business registration number under the name alone are read", async () => {
  const d = await markdown(
    "# Data Processing Addendum",
    "",
    'This addendum is between Parcelwise Corp. ("Parcelwise", the "Processor") and you ("Controller").',
    "",
    "## 18. Contact us",
    "",
    "Parcelwise Corp. (Parcelwise)",
    "",
    "Address: Unit 4, 18 Harbour Road, Mombasa, Kenya",
    "",
    "Business Registration No.: 204-55-10293",
  );
  const p = processorOf(d);
  expect(p?.name.value).toBe("Parcelwise Corp.");
  expect(p?.registrationNumber?.value).toBe("204-55-10293");
  expect(p?.address?.value).toBe("Unit 4, 18 Harbour Road, Mombasa, Kenya");
  expect(p?.countryCode).toBe("KE");
});

// A party card whose line gives the name, a place and its country, the defined terms after it: the place is its
// address, though it has no postcode.
test("a party card's place and country after the name are its address", async () => {
  const d = await upload(
    "dpa.html",
    "<html><body><h1>Data Processing Agreement</h1>",
    "<p>This DPA forms part of the agreement between:</p>",
    "<h3>Controller</h3><p>The customer</p>",
    '<h3>Processor</h3><p>Lumenfold, Kisumu County, Kenya<br>("Processor" or "Lumenfold")</p>',
    "<p>The Processor processes personal data on behalf of the Controller.</p>",
    "</body></html>",
  );
  const p = processorOf(d);
  expect(p?.name.value).toBe("Lumenfold");
  expect(p?.address?.value).toBe("Kisumu County, Kenya");
  expect(p?.countryCode).toBe("KE");
});

// "…, doing business as X" gives the trade name, as "trading as" does: no address.
test("a trade name after 'doing business as' is no address", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "Effective 1 May 2026. Provider: Parcelwise Software LLC, doing business as Parcelwise. Part of the Service Terms.",
    "",
    "The Provider processes personal data on behalf of the Customer.",
  );
  const p = processorOf(d);
  expect(p?.name.value).toBe("Parcelwise Software LLC");
  expect(p?.address).toBeNull();
});

// Off the template, a section headed for audits holds the audit's sentences; elsewhere a sentence counts only where
// it names the audit, not the service's own "inspection" work or its "audit logs".
test("an inspection that is the service's own work is no audit method", async () => {
  const c = (
    await markdown(
      "# Data Processing Agreement",
      "",
      PARTIES,
      "",
      "## 4. Subject matter",
      "",
      "Processing concerns bridge inspection and reporting workflows. Data may include user names and audit logs.",
      "",
      "## 12. Assistance and audits",
      "",
      "Parcelwise will make available information necessary to demonstrate compliance. Audits must be reasonable.",
    )
  ).clauses;
  expect(c.processorAudit?.methods?.value ?? null).toBeNull();
});

test("an on-site inspection in the section headed for audits is still read", async () => {
  const c = (
    await markdown(
      "# Data Processing Agreement",
      "",
      PARTIES,
      "",
      "## 4. Subject matter",
      "",
      "Processing concerns bridge inspection and reporting workflows.",
      "",
      "## 12. Audits",
      "",
      "The client may carry out an on-site inspection once a year on 30 days' notice.",
    )
  ).clauses;
  expect(c.processorAudit?.methods?.value).toEqual(["PHYSICAL_INSPECTION"]);
});

// A sentence that has the controller notified, right after one about a security incident in the same paragraph,
// gives the breach notice's hours though it does not name the breach again.
test("a notice to the customer after a sentence on security incidents gives the breach hours", async () => {
  const c = (
    await markdown(
      "# Data Processing Agreement",
      "",
      PARTIES,
      "",
      "## Additional terms",
      "",
      '2. Security Incidents. A "Security Incident" also includes any unauthorized access to Customer Personal ' +
        "Data. Parcelwise will notify the Customer as set out in the Standard Terms (without undue delay and no " +
        "later than 48 hours).",
    )
  ).clauses;
  expect(c.breachNotificationHours?.value).toBe(48);
});

// "shall not appoint (…) any Subprocessor unless required or authorized by the Company": each waits for leave.
test("no sub-processor appointed unless authorized by the controller is a specific authorisation", async () => {
  const c = (
    await markdown(
      "# Data Processing Agreement",
      "",
      PARTIES,
      "",
      "## 5. Subprocessing",
      "",
      "5.1 Parcelwise shall not appoint (or disclose any personal data to) any Subprocessor unless required or " +
        "authorized by the Controller.",
    )
  ).clauses;
  expect(c.subprocessorAuthorization?.value).toBe("SPECIFIC");
});

// "the Agreement between Acme (together with its Product, "Widget") and the party identified as the customer":
// the company that is not the customer processes.
test("a company with its product in a bracket, then the party identified as the customer, processes", async () => {
  const d = await markdown(
    "# Data Processing Addendum",
    "",
    'This DPA is part of the Agreement between Lumenfold (together with its Product, "Beacon") and the party ' +
      'identified as the customer of the Service (or "you") in the Agreement ("Customer").',
    "",
    "The Processor processes personal data on the Customer's behalf.",
  );
  expect(processorOf(d)?.name.value).toBe("Lumenfold");
});

// "Customer's billing contact": the person named for invoices is a contact person, one or several.
test("a billing contact is a contact person", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    PARTIES,
    "",
    "## Categories of Data Subjects",
    "",
    "Customer's staff who use the service; Customer's billing contact.",
  );
  expect(d.dataSubjectCategories.map((c) => c.value)).toEqual(expect.arrayContaining(["employee", "contact_person"]));
});

// A party card left to fill in ("[Customer Full Legal Name]" over "with registered address at [Address]"): the
// address in the words that label it is unfilled too, and nothing is taken.
test("an unfilled address after 'with registered address at' in an unfilled party card is marked", async () => {
  const d = await upload(
    "dpa.html",
    "<html><body><h1>Data Processing Agreement</h1>",
    "<p>This DPA forms part of the agreement between:</p>",
    '<h3>Controller</h3><p>[Customer Full Legal Name]<br>with registered address at [Address]<br>("Controller")</p>',
    '<h3>Processor</h3><p>Lumenfold, Kisumu County, Kenya<br>("Processor" or "Lumenfold")</p>',
    "<p>The Processor processes personal data on behalf of the Controller.</p>",
    "</body></html>",
  );
  const paths = (d.placeholders ?? []).map((p) => p.path);
  expect(paths).toEqual(expect.arrayContaining(["parties.CONTROLLER.name", "parties.CONTROLLER.address"]));
  expect(d.parties.find((p) => p.role === "CONTROLLER")).toBeUndefined();
});
