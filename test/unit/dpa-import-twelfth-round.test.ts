// General failure causes found in the ninth held-out part (issue 17, twelfth round), each as a rule on made-up text:
// an entry whose name is "to come" (unfilled, never a sub-processor), a React Native screen's views and line breaks,
// a kind of service where a company's name should be, a key-terms row of sub-processors, two companies joined by
// "eller", changes to sub-processors announced with notice, transfer clauses in more wordings, a notice with a comma
// before "før", "Tilsyn" as the audit clause, a party's labelled line inside a paragraph, a country as an address,
// "deletes or, if asked, returns", Common Paper's "security incident", and a few words for data and data subjects.
import { extractAgreementDraft } from "../../src/modules/dpa-import/extract";
import { parseDocument } from "../../src/modules/dpa-import/extract/parse";

const upload = async (fileName: string, ...lines: string[]) =>
  extractAgreementDraft(await parseDocument({ bytes: Buffer.from(lines.join("\n")), fileName }));
const markdown = (...lines: string[]) => upload("dpa.md", ...lines);
const html = (...lines: string[]) => upload("dpa.html", ...lines);
const names = (d: Awaited<ReturnType<typeof markdown>>) => d.subprocessors.map((s) => s.value.name);

const ANNEX_B = (row: string) => [
  "<html><body><h1>Databehandleraftale</h1>",
  "<h2>7. Underdatabehandlere</h2><p>Databehandleren må anvende underdatabehandlere i bilag B.</p>",
  "<h2>Bilag B: Godkendte underdatabehandlere</h2>",
  "<table><tr><th>Underdatabehandler</th><th>Opgave</th><th>Land</th></tr>",
  "<tr><td>Fjordhavn Hosting A/S</td><td>Drift af servere</td><td>Danmark</td></tr>",
  row,
  "</table></body></html>",
];

test.each([
  "Værktøj til scanning, navn kommer",
  "Mailudbyder – TBD",
  "Analyseværktøj (to be announced)",
  "Backupleverandør, afventer valg",
  "Not yet selected",
  "Navn følger",
])("a row whose name says it is not yet known is unfilled, never a sub-processor: %s", async (name) => {
  const d = await html(...ANNEX_B(`<tr><td>${name}</td><td>Læsning af bilag</td><td>Land udfyldes</td></tr>`));
  expect(names(d)).toEqual(["Fjordhavn Hosting A/S"]);
  const marked = d.placeholders?.find((p) => p.path === "subprocessors");
  expect(marked?.citations[0].quote).toContain(name);
});

test("a party's labelled line after another in the same paragraph; CVR and address 'kommer' are unfilled", async () => {
  const d = await html(
    "<html><body><h1>Databehandleraftale</h1><h2>1. Parterne</h2>",
    "<p>Den dataansvarlige: kunden, som angivet i hovedaftalen. Databehandleren: Sandvig v/ Ida Holm " +
      "(enkeltmandsvirksomhed), CVR <mark>kommer</mark>, <mark>adresse kommer</mark>, kontakt@sandvig.example.</p>",
    "<h2>2. Behandling</h2><p>Databehandleren behandler personoplysninger på vegne af den dataansvarlige.</p>",
    "</body></html>",
  );
  const processor = d.parties.find((p) => p.role === "PROCESSOR");
  expect(processor?.name.value).toBe("Sandvig");
  expect(processor?.address).toBeNull();
  expect(processor?.registrationNumber).toBeNull();
  const marked = (d.placeholders ?? []).map((p) => p.path);
  expect(marked).toEqual(expect.arrayContaining(["parties.PROCESSOR.registrationNumber", "parties.PROCESSOR.address"]));
});

test("a React Native screen: views are blocks, <Text> keeps a string's line breaks, bullets are items", async () => {
  const d = await upload(
    "PrivacyScreen.tsx",
    "import React from 'react';",
    "import { View, Text, ScrollView } from 'react-native';",
    "const PARTS = [",
    "  { title: '1. Databehandleraftale', body: `Denne databehandleraftale gælder for Vandpost ApS, som behandler" +
      " personoplysninger for kunden.` },",
    "  { title: '2. Underdatabehandlere', body: `Vandpost anvender følgende underdatabehandlere:\\n\\n" +
      "• Nordlys Mail AB (Sverige) – udsendelse af e-mails\\n  Standardkontraktbestemmelser\\n\\n" +
      "• Kobberhus Cloud GmbH (Tyskland) – drift\\n\\n• Cloud-hosting (EU) – lagring\\n\\n" +
      "Ændringer i underdatabehandlere meddeles med 30 dages varsel.` },",
    "];",
    "export default function PrivacyScreen() {",
    "  return (",
    "    <ScrollView>",
    "      {PARTS.map((p, i) => (",
    "        <View key={i}>",
    "          <Text>{p.title}</Text>",
    "          <Text>{p.body}</Text>",
    "        </View>",
    "      ))}",
    "    </ScrollView>",
    "  );",
    "}",
  );
  expect(names(d)).toEqual(["Nordlys Mail AB", "Kobberhus Cloud GmbH"]);
  expect(d.subprocessors.map((s) => s.value.countryCode)).toEqual(["SE", "DE"]);
  // No regime named; changes are announced with notice: the general authorisation.
  expect(d.clauses.subprocessorAuthorization?.value).toBe("GENERAL");
  expect(d.clauses.subprocessorNoticeDays?.value).toBe(30);
});

test("a key-terms row lists the approved sub-processors, each with (country; role)", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "## Key Terms",
    "",
    "| Term | Value |",
    "| --- | --- |",
    "| Agreement | This DPA supplements the Terms of Service |",
    "| Approved Subprocessors | [Kestrel CDN](https://kestrel.example) (USA; CDN and security), " +
      "[Marsh Hosting](https://marsh.example) (USA/Canada; hosting), " +
      "[Tidepay](https://tidepay.example) (USA; payments) |",
    "",
    "## 1. Processing",
    "",
    "The Provider processes Customer Personal Data on behalf of the Customer.",
  );
  expect(names(d)).toEqual(["Kestrel CDN", "Marsh Hosting", "Tidepay"]);
  // Two countries are no one country.
  expect(d.subprocessors.map((s) => s.value.countryCode)).toEqual(["US", null, "US"]);
});

test("two companies with legal forms joined by 'eller' in one cell are two sub-processors", async () => {
  const d = await html(
    ...ANNEX_B("<tr><td>Bogholt Regnskab A/S eller Bogholt Løn ApS</td><td>Bogføring</td><td>Danmark</td></tr>"),
  );
  expect(names(d)).toEqual(["Fjordhavn Hosting A/S", "Bogholt Regnskab A/S", "Bogholt Løn ApS"]);
});

test("'generel skriftlig bemyndigelse' names the general regime", async () => {
  const d = await markdown(
    "# Databehandleraftale",
    "",
    "## 6. Underdatabehandlere",
    "",
    "For underdatabehandlere gælder mulighed 2 (generel skriftlig bemyndigelse), og varslet for ændringer af " +
      "underdatabehandlere er 10 dage.",
  );
  expect(d.clauses.subprocessorAuthorization?.value).toBe("GENERAL");
});

test("a notice with a comma before 'før' ('senest 30 dage, før') is read", async () => {
  const d = await markdown(
    "# Databehandleraftale",
    "",
    "## 7. Underdatabehandlere",
    "",
    "Den dataansvarlige giver en generel godkendelse. Databehandleren underretter den dataansvarlige skriftligt " +
      "senest 45 dage, før en ny underdatabehandler tages i brug.",
  );
  expect(d.clauses.subprocessorNoticeDays?.value).toBe(45);
});

test.each([
  [
    "'Overførsler til tredjelande' (plural) is the transfer clause",
    [
      "## 5. Overførsler til tredjelande",
      "",
      "Data kan sendes til USA. De er sikret ved:",
      "",
      "- EU's standardkontraktbestemmelser",
    ],
    "ALLOWED_WITH_SAFEGUARDS",
  ],
  [
    "'a country without an adequate level of protection' is a third country",
    [
      "## 5. Other terms",
      "",
      "1. **Transfers.** Where processing involves sending data to a country without an adequate level of " +
        "protection, the Standard Contractual Clauses apply.",
    ],
    "ALLOWED_WITH_SAFEGUARDS",
  ],
  [
    "'not … outside the EU/EEA without an appropriate safeguard' allows transfers with one",
    [
      "## 5. Data location",
      "",
      "The Processor will not transfer the data outside the EU/EEA without an appropriate safeguard under the GDPR.",
    ],
    "ALLOWED_WITH_SAFEGUARDS",
  ],
  [
    "'overfører kun … efter dokumenteret instruks' with no instruction given prohibits them",
    [
      "## 8. Overførsel til tredjelande",
      "",
      "Databehandleren overfører kun personoplysninger til lande uden for EU og EØS efter dokumenteret instruks.",
    ],
    "PROHIBITED",
  ],
])("transfers: %s", async (_, lines, expected) => {
  const d = await markdown("# Databehandleraftale", "", ...lines);
  expect(d.clauses.thirdCountryTransfers?.value).toBe(expected);
});

test("a clause titled 'Tilsyn' is the audit clause: its notice is the audit's", async () => {
  const d = await markdown(
    "# Databehandleraftale",
    "",
    "Aftalen følger Datatilsynets standardkontraktbestemmelser.",
    "",
    "## 11. Sletning",
    "",
    "Databehandleren sletter personoplysningerne ved ophør.",
    "",
    "## 12. Tilsyn",
    "",
    "Den dataansvarlige kan foretage inspektioner hos databehandleren. Tilsyn varsles med 21 dage.",
  );
  expect(d.clauses.processorAudit?.noticeDays?.value).toBe(21);
});

test("a country named after the party's name is its country, not its address", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    'This agreement is between **Mira Castell, Portugal** ("the Processor") and the business using Lessonly ' +
      '("the Controller").',
    "",
    "## 1. Processing",
    "",
    "The Processor processes personal data on behalf of the Controller.",
  );
  const processor = d.parties.find((p) => p.role === "PROCESSOR");
  expect(processor?.name.value).toBe("Mira Castell");
  expect(processor?.address).toBeNull();
  expect(processor?.countryCode).toBe("PT");
});

test("'deletes or, if the customer so requests, returns' within 30 days of the end: the controller's, 30", async () => {
  const d = await markdown(
    "# Data Processing Agreement",
    "",
    "## 10. Deletion or return",
    "",
    "At the end of the service, and in any case within **30 days** of cancellation, Kitewise deletes or, if the " +
      "Customer so requests, returns all personal data.",
  );
  expect(d.clauses.endOfContractAction?.value).toBe("CONTROLLER_CHOICE");
  expect(d.clauses.retentionAfterEndDays?.value).toBe(30);
});

test("Common Paper's 'sikkerhedshændelse': the hours towards the customer are the breach deadline", async () => {
  const d = await markdown(
    "# Databehandleraftale",
    "",
    "## 4. Respons på hændelser",
    "",
    "Når Udbyderen bliver opmærksom på en sikkerhedshændelse, skal denne underrette Kunden uden unødig forsinkelse, " +
      "men senest 36 timer efter at være blevet opmærksom på sikkerhedshændelsen.",
  );
  expect(d.clauses.breachNotificationHours?.value).toBe(36);
});

test("words for data and data subjects: bankoplysninger, ejere, buyers, payment records, order data", async () => {
  const da = await markdown(
    "# Databehandleraftale",
    "",
    "## Bilag A",
    "",
    "Kategorier af oplysninger: navn, bankoplysninger.",
    "",
    "Kategorier af registrerede: ansatte, ejere.",
  );
  expect(da.dataCategories.map((c) => c.value.key)).toContain("user.financial.bank_account");
  expect(da.dataSubjectCategories.map((c) => c.value)).toContain("shareholder");
  const en = await markdown(
    "# Data Processing Agreement",
    "",
    "## Annex A",
    "",
    "**Categories of data:** names, payment records, order data.",
    "",
    "**Categories of data subjects:** buyers.",
  );
  expect(en.dataCategories.map((c) => c.value.key)).toContain("user.payment");
  expect(en.dataSubjectCategories.map((c) => c.value)).toContain("customer");
});
