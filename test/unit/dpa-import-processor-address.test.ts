// The processor's address and country where its own DPA writes them outside the party forms, each on made-up text:
// - in the sentence that names it ("…, located at …, and the customer", "a Delaware corporation with offices at …");
// - in the SCCs' Annex I as the data importer's contact details, after the e-mail, up to the sentence's end;
// - in the contact or notices section, after the name on its line ("- Company: Lumora AB, …") or on the line under it;
// - in a footer of pieces after the name ("Lumora AG · Street 7 · CH-8001 Zürich · Switzerland", "… | Boise, Idaho");
// - the country an address gives by its postal form alone: a US state and ZIP, a UK postcode, an Indian state and
//   PIN, a postcode with its country's prefix ("CH-8001").
// Never another party's address, a footer's registration or links, nor a blurb under the name.
import { markdown, processorOf } from "../helpers/made-up-dpa";

const where = async (...lines: string[]) => {
  const p = processorOf(await markdown(...lines));
  return { address: p?.address?.value ?? null, country: p?.countryCode ?? null };
};

test("the address in the sentence that names the processor: 'located at', 'with offices at'", async () => {
  expect(
    await where(
      "# Data Processing Agreement",
      "",
      'This agreement forms part of the Service Agreement between Lumora Inc. ("Data Processor"), located at 77 Cedar',
      'Lane, Bend, OR 97701, and the customer that accepts it ("Data Controller").',
    ),
  ).toEqual({ address: "77 Cedar Lane, Bend, OR 97701", country: "US" });
  expect(
    await where(
      "# Data Processing Addendum",
      "",
      'This Addendum is entered into by Lumora Inc. ("Processor"), a Delaware corporation with offices at 12 Harbor',
      'Street, Boston, MA 02110, acting for its Affiliates, and the customer ("Customer").',
    ),
  ).toEqual({ address: "12 Harbor Street, Boston, MA 02110", country: "US" });
});

test("the SCCs' Annex I: the data importer's contact details after its e-mail, to the sentence's end", async () => {
  const annex = (...importer: string[]) =>
    where(
      "# Data Processing Agreement",
      "",
      'Lumora Ltd ("Processor") processes personal data on behalf of the Customer ("Controller").',
      "",
      "## Annex I",
      "",
      "### A. List of parties",
      "",
      "**Data exporter:** the Customer",
      "",
      "Contact details: 1 Exporter Plaza, Leeds, LS1 4AP",
      "",
      ...importer,
      "",
      "### B. Description of transfer",
    );
  expect(
    await annex(
      "**Data importer:** Lumora Ltd",
      "",
      "Contact details: privacy@lumora.example, 9 Mill Lane, Leeds, LS2 8QT",
    ),
  ).toEqual({ address: "9 Mill Lane, Leeds, LS2 8QT", country: "GB" });
  expect(
    await annex("**Data importer contact details**: 9 Mill Lane, Leeds, LS2 8QT. England - privacy@lumora.example"),
  ).toEqual({ address: "9 Mill Lane, Leeds, LS2 8QT", country: "GB" });
  // Another company named as the importer: its details are not the processor's.
  expect(
    await annex(
      "**Data importer:** Cloudhost GmbH",
      "",
      "Contact details: dpo@cloudhost.example, 3 Dock Road, Hull, HU1 1AA",
    ),
  ).toEqual({ address: null, country: null });
});

test("the contact section: the address after the name on its line, or on the line under it", async () => {
  expect(
    await where(
      "# Data Processing Agreement",
      "",
      'Lumora AB ("Processor") processes personal data on behalf of the Customer ("Controller").',
      "",
      "## Contact",
      "",
      "- Email: privacy@lumora.example",
      "- Company: Lumora AB, Exempelgatan 12, 111 22 Stockholm, Sweden",
    ),
  ).toEqual({ address: "Exempelgatan 12, 111 22 Stockholm, Sweden", country: "SE" });
  expect(
    await where(
      "# Data Processing Agreement",
      "",
      'Lumora Ltd ("Processor") processes personal data on behalf of the Customer ("Controller").',
      "",
      "## Notices",
      "",
      "Notices go to privacy@lumora.example and may also be sent to the registered office:",
      "",
      "Lumora Ltd (Company No. **12345678**)  ",
      "Unit 4, Sample House, High Street, Reading, RG1 2AB.",
    ),
  ).toEqual({ address: "Unit 4, Sample House, High Street, Reading, RG1 2AB", country: "GB" });
  // A line that only describes the product under the name is no address, numbers or not.
  expect(
    await where(
      "# Data Processing Agreement",
      "",
      'Lumora Ltd ("Processor") processes personal data on behalf of the Customer ("Controller").',
      "",
      "## Contact",
      "",
      "Lumora Ltd",
      "Everything your team needs -- rotas, timesheets, 40 reports, payroll. One price.",
    ),
  ).toEqual({ address: null, country: null });
});

test("a footer of pieces after the name: the street, the town and the country, or a town and its state", async () => {
  const footer = (line: string) =>
    where(
      "# Data Processing Agreement",
      "",
      'Lumora AG ("Processor") processes personal data on behalf of the Customer ("Controller").',
      "",
      "## Security",
      "",
      "Lumora AG keeps the data encrypted at rest.",
      "",
      line,
    );
  expect(await footer("Lumora AG · Beispielweg 7 · CH-8001 Zürich · Switzerland")).toEqual({
    address: "Beispielweg 7, CH-8001 Zürich, Switzerland",
    country: "CH",
  });
  // The registration and the site's links are no address (the registration gives the country, as before).
  expect((await footer("Lumora AG · Registered in England & Wales · Privacy Policy")).address).toBeNull();
  expect(
    await where(
      "# Data Processing Agreement",
      "",
      'Lumora, LLC ("Processor") processes personal data on behalf of the Customer ("Controller").',
      "",
      "*Lumora, LLC | Boise, Idaho | lumora.example*",
    ),
  ).toEqual({ address: "Boise, Idaho", country: "US" });
});

test("the country an address's postal form gives: an Indian state and PIN, a prefixed postcode", async () => {
  const card = (address: string) =>
    where(
      "# Data Processing Agreement",
      "",
      "## Annex I",
      "",
      "**Processor:**",
      "",
      "Name: Lumora Private Limited",
      "",
      `Address: ${address}`,
    );
  expect(await card("4th Floor, 12 Ring Road, Bengaluru, Karnataka 560034")).toEqual({
    address: "4th Floor, 12 Ring Road, Bengaluru, Karnataka 560034",
    country: "IN",
  });
  expect(await card("Beispielweg 7, CH-8001 Zürich")).toEqual({
    address: "Beispielweg 7, CH-8001 Zürich",
    country: "CH",
  });
});

test("the contact section's one address label inside a line of contact fields; a numbered line titles it", async () => {
  const contact = (...lines: string[]) =>
    where(
      "# Data Processing Agreement",
      "",
      'Lumora ("Processor") processes personal data on behalf of the Customer ("Controller").',
      "",
      ...lines,
    );
  expect(
    await contact(
      "7. Contact",
      "",
      "For privacy questions: Email: privacy@lumora.example Address: Boise, Idaho, United States",
    ),
  ).toEqual({ address: "Boise, Idaho, United States", country: "US" });
  // Two address labels: whose each is, the section does not say.
  expect(
    await contact(
      "## Contact",
      "",
      "Our address: 2 Elm Road, Leeds, LS2 8QT",
      "",
      "Your billing address: 9 Oak Road, Hull, HU1 1AA",
    ),
  ).toEqual({ address: null, country: null });
});

test("the processor named with its nationality ('an Indian company') is of that country", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    'This DPA is between **Lumora Private Limited**, an Indian company ("Processor", "we") and the Customer',
    '("Controller").',
  );
  expect(processorOf(d)?.name.value).toBe("Lumora Private Limited");
  expect(processorOf(d)?.countryCode).toBe("IN");
});
