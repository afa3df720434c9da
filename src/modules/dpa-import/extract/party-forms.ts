// The parties in the forms DPAs write them besides the template's cover page: labelled lines
// ("Databehandleren: Acme ApS, CVR 12345678, …", "**Data Processor:**" and the next line), party
// tables, a role heading with "Company name:" fields under it ("Data importer"), names inline with
// their role in brackets ("qlim8, CVR-nr. DK46033736, Stenløkkevej 12 ("databehandleren")"),
// definitions ("X is its data processor"), and names defined by reference to another document.
import { closesAbbreviation } from "./sentences";
import type { Block } from "./parse";
import type { ExtractedParty, PartyRole, RegistrationScheme } from "../draft.types";
import { isPlaceholder, notePlaceholder, PLACEHOLDER, withoutPlaceholders } from "./placeholders";
import { cite, referenceAt, type DpaDocument } from "./sections";
import { countryIn, lastCountryIn, US_STATES } from "./vocabulary";

const ROLE_WORDS: [PartyRole, RegExp][] = [
  ["SUBPROCESSOR", /^(den\s+)?underdatabehandler(en)?$|^(the\s+)?sub-?processor$/i],
  ["CONTROLLER", /^(den\s+)?dataansvarlige?$|^(the\s+)?(data\s+)?controller$|^data exporter(?:\(s\))?$/i],
  [
    "PROCESSOR",
    // "contractor": the German templates' Auftragnehmer in English. "Data importer(s)": the SCC annex's label.
    new RegExp(
      String.raw`^(den\s+)?databehandler(en)?$|^(the\s+)?(data\s+)?processor$|^data importer(?:\(s\))?$|^(the\s+)?` +
        String.raw`(service\s+)?provider$|^(the\s+)?contractor$`,
      "i",
    ),
  ],
];

export const roleOfWord = (word: string): PartyRole | null =>
  ROLE_WORDS.find(([, re]) =>
    re.test(
      word
        .trim()
        .replace(/[*_:]+/g, "")
        .trim(),
    ),
  )?.[0] ?? null;

/**
 * A role's word alone on its line, or with the party's short name in a bracket after it ("Processor (Lumora)",
 * "Controller (Business Partner)"): the card's heading, the party's lines under it.
 */
const roleLine = (line: string): PartyRole | null => {
  const m = /^[*_\s]*([\p{L} ]{4,30}?)\s*(?:\([\p{L}\d .&'’-]{1,40}\))?[*_\s]*$/u.exec(line);
  return m ? roleOfWord(m[1]) : null;
};

export const REGISTRATION_PART = new RegExp(
  String.raw`^(?:(cvr(?:-?\s?nr\.?|\s?no\.?|-nummer)?|vat(?:\s?no\.?)?|se-nr\.?|org\.?\s?nr\.?|company\s(?:` +
    String.raw`registration\s)?(?:no\.?|number)|registration\s(?:no\.?|number)|business\sid|reg\.?\s?no\.?|cn` +
    // A Nordic company's label in English: "Organization Number: 556677-8899", "Org. no.".
    String.raw`pj|organi[sz]ation\s(?:no\.?|number)|org\.?\s?no\.?|cn` +
    // Company numbers of other countries by their own labels: "LLPIN AAA-1234" (India), "CRN", "EIN", "ABN", "ACN".
    // A Swiss company's UID needs no label: "CHE-326.317.262" says what it is.
    String.raw`pj|(?:llpin|cin|crn|ein|abn|acn)(?=[\s:.])|(?=CHE-\d{3}\.\d{3}\.\d{3}$))\s*[:.]?\s*)(.+)$`,
  "i",
);

interface PartyText {
  role: PartyRole;
  start: number;
  end: number;
  /** Where the text was found, for a reviewer: "preamble", a section's reference. */
  how: string;
}

/** Splits "Name, CVR 12345678, Street 1, 8000 City" into its parts, each with its span. */
function partsOf(doc: DpaDocument, start: number, end: number) {
  const parts: { start: number; end: number; text: string }[] = [];
  const segment = doc.text.slice(start, end);
  // Commas, and the middle dots and bars of a footer line ("Acme ApS · CVR 12345678 · Vej 1, 8000 By"); a slash
  // before a number's label joins the number to the name ("Acme ApS/CVR 12345678"), where A/S's slash does not. An
  // unfilled field in square brackets is one part, commas and all ("[Postal code, City]").
  const re = new RegExp(
    String.raw`(?:\[[^\]\n]{0,120}\]|[^,\n·|/]|\/(?!\s*(?:cvr|vat|se-nr|org\.?\s?nr|reg\.?\s?no|company\s(?:no|numb` +
      String.raw`er))(?![\p{L}])))+`,
    "giu",
  );
  for (const m of segment.matchAll(re)) {
    // Contact details after the address's full stop ("…, Danmark. Kontakt: x@y.dk") are a part of their own.
    const contact = CONTACT_AFTER.exec(m[0]);
    const pieces = contact
      ? [
          { at: 0, text: m[0].slice(0, contact.index) },
          { at: contact.index + contact[0].length, text: m[0].slice(contact.index + contact[0].length) },
        ]
      : [{ at: 0, text: m[0] }];
    for (const piece of pieces) {
      const lead = piece.text.length - piece.text.trimStart().length;
      const text = piece.text.trim();
      if (!text) continue;
      const s = start + (m.index ?? 0) + piece.at + lead;
      // A legal form after a comma is the name's ("Secoda, Inc.", "OpenAI, L.L.C."), not a part of its own.
      const previous = parts[parts.length - 1];
      if (previous && LEGAL_FORM_ALONE.test(text)) {
        previous.end = s + text.length;
        previous.text = doc.text.slice(previous.start, previous.end);
        continue;
      }
      parts.push({ start: s, end: s + text.length, text });
    }
  }
  return parts;
}

const LEGAL_FORM_ALONE = /^(?:Inc|LLC|L\.L\.C|Ltd|Limited|PBC|Corp|GmbH|S\.A|S\.L|B\.V|N\.V)\.?$/;

/** A full stop, then a contact label or an e-mail address. */
const CONTACT_AFTER = /\.\s+(?=(?:kontakt|contact|tlf|telefon|phone|e-?mail|att\.?|attn\.?|web|www\.)|\S+@)/i;

const CONTACT = /@|^(kontakt|contact|tlf|telefon|phone|e-?mail|att\.?|attn\.?|web|www\.)|^\+?\d[\d ]{7,}$/i;
// Prose after a name is no address: "…, a limited liability company registered in Brazil, trading as …", "…, a
// developer operating the app", "…, provider of the Apps": an article or a role describes, an address never starts so.
const NOT_ADDRESS = new RegExp(
  // "…, doing business as Candor", "…, d/b/a Acme": the trade name, as "trading as" gives it.
  // "…, DBA MOSS Computing", "…, sole proprietor using UtilityStack Labs as a brand": a trade name, a kind of business.
  String.raw`^(som|as|herefter|hereinafter|i det følgende|der|which|who|trading as|doing business as|d\/b\/a|dba|` +
    String.raw`sole (?:proprietor|trader)|` +
    String.raw`an? \p{Ll}[\p{L}-]*|` +
    String.raw`(?:et|en) (?:[\p{L}-]+ ){0,3}selskab|(?:duly )?(?:registered|incorporated|organi[sz]ed` +
    String.raw`) (?:in|under)|registreret i|stiftet i` +
    // A role without an article: "…, provider of the Apps", "…, leverandør af den software".
    String.raw`|\p{Ll}[\p{L}-]+ (?:of|af) (?:the|its|our|den|det|sin|sit)` +
    // What the party does, as a participle: "…, acting on behalf of the Data Controller", "…, operating as …",
    // "…, på vegne af den dataansvarlige".
    // "…, operating NeuroStack", "…, running the Service", "…, der driver Nimbo": what the party runs.
    // "…, processing data on behalf of the Controller": a participle and its object, then on whose behalf.
    String.raw`|\p{Ll}[\p{L}-]+ing (?:on|as|for|under|with)|\p{Ll}[\p{L}-]+ing(?: [\p{Ll}-]+){1,3} on behalf of` +
    String.raw`|(?:operating|running|developing|maintaining)(?= \S)|der d` +
    String.raw`river|på vegne af|handler (?:på vegne|som))(?![\p{L}])|["“”]`,
  "iu",
);

// "a company registered in Maine, United States", "incorporated under the laws of Ireland", "et selskab registreret
// i Sverige", "a Delaware corporation": where the company is registered.
const REGISTERED_IN = new RegExp(
  String.raw`(?<![\p{L}])(?:(?:[Rr]egistered(?:\s+office)?|[Ii]ncorporated|[Oo]rgani[sz]ed|[Ee]stablished|[Dd` +
    String.raw`]omiciled|[Rr]egistreret|stiftet|hjemmehørende|hjemsted|located|based|beliggende)\s+(?:in|at|u` +
    String.raw`nder\s+the\s+laws\s+of|i|på|efter)\s+(?:the\s+)?(?:state\s+of\s+)?([^.;:()\n]{2,80})|an?\s+(\p` +
    String.raw`{Lu}\p{L}+(?:\s+\p{Lu}\p{L}+)?)\s+(?:(?:public\s+benefit\s+)?corporation|limited\s+liability\s` +
    String.raw`+company|LLC)(?![\p{L}]))`,
  "u",
);
const US_STATE = new RegExp(`^(?:${US_STATES.join("|")})(?![\\p{L}])`, "iu");

/** A city with its state's postal code ("Los Angeles, CA", "Austin, TX 78701"): a place in the United States. */
const US_STATE_CODE = new RegExp(
  String.raw`,\s*(?:A[LKZR]|C[AOT]|DE|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|` +
    String.raw`V[TA]|W[AVIY])(?:\s+\d{5}(?:-\d{4})?)?\s*$`,
  "u",
);

/** The country a company is registered in, from the words that say so; a state of the United States is the US. */
export function countryOfRegistration(text: string): string | null {
  const m = REGISTERED_IN.exec(text);
  if (!m) return null;
  const place = (m[1] ?? m[2]).trim();
  return (
    countryIn(place.replace(US_STATE_CODE, "")) ?? (US_STATE.test(place) || US_STATE_CODE.test(place) ? "US" : null)
  );
}

function schemeOf(label: string, value: string): RegistrationScheme {
  if (/cvr/i.test(label) && /^(DK)?\d{8}$/.test(value)) return "CVR";
  if (/^(?:llpin|cin|crn|ein|abn|acn)$/i.test(label.trim())) return "COMPANY_NO";
  if (/^[A-Z]{2}/.test(value) || /vat|se-nr/i.test(label)) return "VAT";
  if (/cvr/i.test(label)) return "CVR";
  return "COMPANY_NO";
}

const ROLE_PREDICATE = new RegExp(
  String.raw`\s+(?:er|is|acts as)\s+(?:den\s+|the\s+|its\s+)?(?:dataansvarlig\w*|databehandler\w*|(?:data\s+)?(?` +
    String.raw`:controller|processor))\s*$`,
  "iu",
);

/** A party whose name is an unfilled field: the role is decided (no value), the reading is noted. */
export const UNFILLED = "UNFILLED" as const;

/** A party from the text of one place: name first, then registration and address, placeholders noted. */
/** What kind of business a party is, said in a bracket after its name. */
const LEGAL_FORM_IN_BRACKET =
  /^(?:SARL|S\.?à\.?r\.?l\.?|SA|S\.A\.|AG|GmbH|Ltd\.?|Limited|SAS|B\.V\.|N\.V\.|AB|Oy|OÜ)$/i;

const BUSINESS_KIND = new RegExp(
  String.raw`^(?:enkeltmandsvirksomhed|personligt ejet (?:mindre )?virksomhed|interessentskab|selvstændig erhvervs` +
    String.raw`drivende|sole (?:proprietorship|trader)|partnership)$`,
  "i",
);

const OTHER_ROLE_LABEL = new RegExp(
  String.raw`\.\s+(?=(?:Customer|Controller|Processor|Provider|Client|Supplier|Vendor|Kunden?|Leverandøren?|Datab` +
    String.raw`ehandleren?|Dataansvarlig|Den dataansvarlige)\s*:)`,
  "u",
);

export function partyFrom(doc: DpaDocument, t: PartyText): ExtractedParty | null | typeof UNFILLED {
  const role = t.role;
  // Drop the role marker in brackets and anything after it ("("Leverandøren"), som driftsansvarlig …").
  let end = t.end;
  const marker = /\s*\((?:[^()]*["“”][^()]*)\)/.exec(doc.text.slice(t.start, t.end));
  if (marker) end = t.start + marker.index;
  // "Provider: Acme, Street 1, Town. Customer: the organization …": the other party's label after a full stop ends it.
  const other = OTHER_ROLE_LABEL.exec(doc.text.slice(t.start, end));
  if (other) end = t.start + other.index;
  // "Name (CVR 12345678, Street 1, City)": the name before the bracket, the details inside it.
  const seg = doc.text.slice(t.start, end);
  const open = seg.indexOf("(");
  const close = open > 0 ? seg.indexOf(")", open) : -1;
  // "Tallo v/ Ejer (enkeltmandsvirksomhed), CVR …, adresse …": a bracket that only says what kind of business it
  // is holds no details; the details follow it.
  const kindOnly = close > 0 && BUSINESS_KIND.test(seg.slice(open + 1, close).trim());
  // "Starbox Group GmbH (SARL)": a bracket holding only the company's form in another language is the name's own.
  // "Luiz Anton Perren (LuixBits), acting personally, Street 31, …": a bracket holding only another name (the trade
  // name, no number, no comma, no country) is the name's own; the details follow it.
  const inside = close > 0 ? seg.slice(open + 1, close).trim() : "";
  // The name's own short form ("COREPROCESS Corp. (COREPROCESS)") is read as before: the party's details are elsewhere.
  const alias =
    /^\p{Lu}[\p{L}\d.&'’ -]{0,40}$/u.test(inside) &&
    !/\d/.test(inside) &&
    !countryIn(inside) &&
    !LEGAL_FORM_IN_BRACKET.test(inside) &&
    !seg.slice(0, open).toLowerCase().includes(inside.toLowerCase());
  const formOnly = close > 0 && (LEGAL_FORM_IN_BRACKET.test(inside) || alias);
  // "Acme Ltd, a company registered in England (company number 12345678), registered office 1 High Street, …": a
  // bracket inside the description after the name is the description's; the party's parts run on after it.
  const comma = open > 0 ? seg.lastIndexOf(",", open) : -1;
  const described = comma > 0 && !formOnly && !kindOnly && NOT_ADDRESS.test(seg.slice(comma + 1, open).trim());
  const parts =
    open > 0 && !formOnly && !described
      ? [
          ...partsOf(doc, t.start, t.start + open),
          ...(kindOnly
            ? partsOf(doc, t.start + close + 1, end).filter((p) => p.text.trim())
            : partsOf(doc, t.start + open + 1, t.start + (close > 0 ? close : seg.length))),
        ].filter((p) => !CONTACT.test(p.text))
      : partsOf(doc, t.start, end).filter((p) => !CONTACT.test(p.text));
  if (!parts.length) return null;
  // "Name: …" inside a party block: the label is not the name.
  // "Navn Lars Mullert": a field row whose label and value are two cells of a page's grid, no colon between.
  const labelCut = /^(?:company name|legal name|name|navn|virksomhed|firma)\s*(?::\s*|\s(?=\p{Lu}))/iu.exec(
    parts[0].text,
  );
  if (labelCut)
    parts[0] = {
      start: parts[0].start + labelCut[0].length,
      end: parts[0].end,
      text: parts[0].text.slice(labelCut[0].length),
    };
  splitCard(parts);
  const [first, ...rest] = parts;
  // "(1) Acme LLC, a company …": the list's number before the party is no part of its name.
  const nameText = formOnly
    ? first.text
    : first.text.replace(/^\((?:\d{1,2}|[a-h])\)\s+(?=\p{Lu})/u, "").replace(/^\(|\)$/g, "");
  // "Identity and contact details of the data exporter(s)": a form's label (an SCC annex), not a name.
  if (isDescription(withoutPlaceholders(nameText))) return null;
  // "Name: [Controller Name] Address: [Controller Address] …" run into one line: with the fields cut out, what is
  // left opens with the next field's label, so the name's own field is unfilled.
  const labelsLeft =
    withoutPlaceholders(nameText) !== nameText && /^\p{L}[\p{L} -]{0,30}:/u.test(withoutPlaceholders(nameText));
  if (isPlaceholder(nameText) || !withoutPlaceholders(nameText) || labelsLeft) {
    notePlaceholder(doc, `parties.${role}.name`, first.start, first.end);
    for (const p of rest) {
      if (REGISTRATION_PART.test(p.text)) notePlaceholder(doc, `parties.${role}.registrationNumber`, p.start, p.end);
      else if (isPlaceholder(p.text)) notePlaceholder(doc, `parties.${role}.address`, p.start, p.end);
      else {
        // "with registered address at [Address]": the field in the words that label it.
        const blank = /^[^.;:[]{0,40}?\baddress(?:\s+(?:at|of))?\s*:?\s*(\[[^\]\n]{1,40}\])\s*$/i.exec(p.text);
        const at = blank ? p.start + blank[0].lastIndexOf(blank[1]) : -1;
        if (blank && isPlaceholder(blank[1])) notePlaceholder(doc, `parties.${role}.address`, at, at + blank[1].length);
      }
    }
    return UNFILLED;
  }
  const name = withoutPlaceholders(nameText)
    .replace(formOnly && !alias ? /$^/ : /\s*\([^)]*\)\s*$/, "")
    // "Kunden er dataansvarlig": the sentence's predicate is no part of the name.
    .replace(ROLE_PREDICATE, "")
    // "Techus Nord v/Jakob Wiltrup": a sole proprietorship's name, then its owner ("ved").
    .replace(/\s+v\/\s*\p{Lu}.*$/u, "")
    // "agntai.app and its operators", "Acme Ltd and its Affiliates": the party is the one named; the others it
    // brings along are no part of its name.
    .replace(/\s+(?:and|&)\s+(?:its|their)\s+(?:operators?|owners?|affiliates|subsidiaries|group companies)$/i, "")
    // "PhishDefend AI — [Provider Address]": the dash before an unfilled field is no part of the name.
    .replace(
      withoutPlaceholders(nameText) !== nameText || (rest[0] && isPlaceholder(rest[0].text)) ? /\s+[—–-]\s*$/ : /$^/,
      "",
    )
    .trim();
  if (!name || name.split(/\s+/).length > 12) return null;
  const nameStart = first.start + first.text.indexOf(name.split(" ")[0]);
  let registration: { value: string; scheme: RegistrationScheme; start: number; end: number } | null = null;
  const address: typeof parts = [];
  let registeredIn: string | null = null;
  let postcodeCountry: string | null = null;
  let unfilledAddress = false;
  for (const p of rest) {
    const reg = REGISTRATION_PART.exec(p.text);
    if (reg) {
      if (isPlaceholder(reg[2]) || DUMMY_NUMBER.test(reg[2].replace(/[\s.]/g, "")))
        notePlaceholder(doc, `parties.${role}.registrationNumber`, p.start, p.end);
      else if (!registration) {
        let value = reg[2].replace(/[\s.]/g, "").replace(/[)\]]+$/, "");
        const scheme = schemeOf(reg[1], value);
        if (scheme === "CVR") value = value.replace(/^DK/, "");
        registration = { value, scheme, start: p.start, end: p.end };
      }
      continue;
    }
    // "…, acting personally, Street 31, …": how the party acts, a participle of a word or two, is no address and
    // no description that ends the details.
    if (!address.length && /^\p{Ll}[\p{L}-]+ing(?:\s+\p{Ll}[\p{L}-]*){0,2}$/u.test(p.text) && !NOT_ADDRESS.test(p.text))
      continue;
    if (NOT_ADDRESS.test(p.text)) {
      registeredIn = countryOfRegistration(doc.flat.slice(p.start, end));
      // "…, trading as Ormy, of [REGISTERED ADDRESS]": the address after the description, left unfilled.
      for (const q of rest.slice(rest.indexOf(p) + 1)) {
        const blank = /^(?:of|at|located at)\s+(\[[^\]\n]{1,40}\])\s*$/i.exec(q.text.trim());
        const at = blank ? q.start + q.text.indexOf(blank[1]) : -1;
        if (blank && isPlaceholder(blank[1])) notePlaceholder(doc, `parties.${role}.address`, at, at + blank[1].length);
      }
      if (described) registration ??= numberInDescription(p);
      // "…, a company registered in England and Wales under company number …, with registered office at 66 Paul
      // Street, London, …": the labelled office after the description, bracket or none.
      if (described || !address.length) address.push(...registeredOffice(doc, rest.slice(rest.indexOf(p) + 1)));
      // "…, a Delaware corporation with offices at 640 Main St, Springfield, MA 02145, USA": the office inside the
      // description opens the address, which runs on over the parts after it.
      const office = address.length ? null : OFFICE_IN_DESCRIPTION.exec(p.text);
      if (office) {
        const at = (office.index ?? 0) + office[0].length - office[1].length;
        const inner = { start: p.start + at, end: p.end, text: p.text.slice(at) };
        address.push(...registeredOffice(doc, [inner, ...rest.slice(rest.indexOf(p) + 1)]));
      }
      // The same office already cut from the description as the card's lead ("a Delaware corporation" | "with
      // registered office at" | "12 Harbor St"): the parts after the lead are the address.
      const next = rest[rest.indexOf(p) + 1];
      if (!address.length && next && ADDRESS_LEAD.test(doc.text.slice(p.end, next.start))) {
        const lead = { start: p.end, end: next.end, text: doc.text.slice(p.end, next.end).trim() };
        const inner = registeredOffice(doc, [lead, ...rest.slice(rest.indexOf(p) + 2)]);
        address.push(...inner.map((q, i) => (i === 0 ? next : q)));
      }
      if (!address.length) address.push(...labelledAddressAfter(doc, p.start, end));
      break;
    }
    // "Address: …", "with its registered office at …", "med hjemsted på …": the label is no part of the address.
    const field =
      /^(?:adresse|address|(?:with|having) (?:its )?registered office at|med (?:hjemsted|adresse) på)\s*:?\s+/i.exec(
        p.text,
      );
    if (field) {
      p.start += field[0].length;
      p.text = p.text.slice(field[0].length);
    }
    // "[Street], [Postcode, City], Germany": the country after an unfilled address says where, and is no address.
    if (unfilledAddress && !address.length && onlyACountry(p.text)) {
      postcodeCountry ??= countryIn(p.text);
      continue;
    }
    if (isPlaceholder(p.text)) {
      unfilledAddress = true;
      notePlaceholder(doc, `parties.${role}.address`, p.start, p.end);
      // "DK-[postnr] [by]": the country's postcode prefix is written even where the rest is unfilled.
      const prefix = /(?<![\p{L}])([A-Z]{2})-\[/u.exec(p.text);
      if (prefix) postcodeCountry ??= countryIn(prefix[1]);
      continue;
    }
    if (PLACEHOLDER.test(p.text) && !withoutPlaceholders(p.text)) continue;
    address.push(p);
  }
  // "PowerEMS, Vick Skamble": one part of two or three capitalised words, with no number and no country, is the
  // person behind the name (or another name), not where the party is.
  if (address.length === 1 && PERSON_LIKE.test(address[0].text.trim()) && !lastCountryIn(address[0].text))
    address.length = 0;
  // The address as written ("Anneberghøj 1,1, 9000 Aalborg"), its lines and footer dots read as commas.
  const addressText = address.length
    ? doc.text
        .slice(address[0].start, address[address.length - 1].end)
        .replace(/\s*[\n·|]\s*/g, ", ")
        .replace(/,(?:\s*,)+/g, ",")
        .replace(/\s+/g, " ")
    : "";
  const country =
    (addressText && lastCountryIn(addressText)) ||
    (registration?.scheme === "CVR"
      ? "DK"
      : registration?.scheme === "VAT"
        ? countryIn(registration.value.slice(0, 2))
        : null) ||
    registeredIn ||
    postcodeCountry;
  return {
    role,
    name: { value: name, citations: [cite(doc, nameStart, nameStart + name.length, t.how)], confidence: 0.8 },
    registrationNumber: registration
      ? {
          value: registration.value,
          citations: [cite(doc, registration.start, registration.end, t.how)],
          confidence: 0.85,
        }
      : null,
    registrationScheme: registration?.scheme ?? null,
    address: address.length
      ? {
          value: addressText,
          citations: [cite(doc, address[0].start, address[address.length - 1].end, t.how)],
          confidence: 0.75,
        }
      : null,
    countryCode: country,
  };
}

const PERSON_LIKE = /^\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+){1,2}$/u;

/**
 * An address by its label after the party's description, in the same text ("…, sole proprietor using Acme as a
 * brand. Business/legal notice address: 1 Main St, Springfield, VA 22963, United States. Proposed role: …"): the
 * label opens a sentence, the address runs to the sentence's end and has a number.
 */
function labelledAddressAfter(doc: DpaDocument, start: number, end: number) {
  const text = doc.text.slice(start, end);
  const m = /(?:^|[.;]\s+)[\p{L}/ -]{0,40}?\baddress\s*:\s*([^\n]+?)(?=\.\s+\p{Lu}|\.?\s*$)/iu.exec(text);
  if (!m || !/\d/.test(m[1]) || isPlaceholder(m[1])) return [];
  const at = start + (m.index ?? 0) + m[0].lastIndexOf(m[1]);
  return [{ start: at, end: at + m[1].length, text: m[1] }];
}

/** The company's number in its description's bracket ("a company registered in England (company number 123)"). */
function numberInDescription(p: { start: number; text: string }) {
  const inner = /\(([^()]+)\)/.exec(p.text);
  const reg = inner ? REGISTRATION_PART.exec(inner[1].trim()) : null;
  if (!inner || !reg || isPlaceholder(reg[2]) || DUMMY_NUMBER.test(reg[2].replace(/[\s.]/g, ""))) return null;
  const value = reg[2].replace(/[\s.]/g, "");
  const start = p.start + (inner.index ?? 0) + 1 + inner[1].indexOf(inner[1].trim());
  return { value, scheme: schemeOf(reg[1], value), start, end: start + inner[1].trim().length };
}

/** An office named inside a description ("a Delaware corporation with offices at …", "having its head office in"). */
const OFFICE_IN_DESCRIPTION = new RegExp(
  String.raw`\s(?:with|having)\s+((?:its\s+)?(?:(?:registered|principal|head|main)\s+)?(?:offices?|place\s+of\s+b` +
    String.raw`usiness)\s+(?:at|in)\s+\S.*)$`,
  "i",
);

const REGISTERED_OFFICE = new RegExp(
  String.raw`^(?:(?:whose|with\s+(?:its\s+)?|having\s+(?:its\s+)?)?(?:registered|principal)\s+(?:office|address|p` +
    String.raw`lace\s+of\s+business)(?:\s+is)?(?:\s+(?:at|in))?` +
    // An office named inside a description, cut from it: "offices at", "its head office in".
    String.raw`|(?:(?:with|having)\s+)?(?:its\s+)?(?:(?:registered|principal|head|main)\s+)?(?:offices?|place` +
    String.raw`\s+of\s+business)\s+(?:at|in))` +
    String.raw`\s*:?\s+(?=\S)`,
  "i",
);

/**
 * The address after a description ("…, registered office 1 High Street, London, United Kingdom, contact …"): the
 * part that opens with its label and the parts right after it, up to a gap (a contact dropped) or another field.
 */
function registeredOffice(doc: DpaDocument, rest: { start: number; end: number; text: string }[]) {
  const label = rest.length ? REGISTERED_OFFICE.exec(rest[0].text) : null;
  if (!label) return [];
  const first = rest[0];
  const out = [{ start: first.start + label[0].length, end: first.end, text: first.text.slice(label[0].length) }];
  for (const p of rest.slice(1)) {
    if (!/^[\s,]*$/.test(doc.text.slice(out[out.length - 1].end, p.start))) break;
    if (NOT_ADDRESS.test(p.text) || REGISTRATION_PART.test(p.text) || PLACEHOLDER.test(p.text)) break;
    out.push(p);
  }
  return isPlaceholder(out[0].text) ? [] : out;
}

/** A part that names only a country ("Germany", "Danmark"). */
const onlyACountry = (text: string) =>
  /^[\p{L} ]+$/u.test(text.trim()) && !!countryIn(text) && text.trim().split(/\s+/).length <= 3;

/** Where a name ends and its address begins in one run of text ("Acme Ltd having its office at …"). */
const ADDRESS_LEAD = new RegExp(
  String.raw`\s+(?:(?:having|with)\s+(?:its\s+)?(?:registered\s+|principal\s+|business\s+)?(?:(?:office|place\s+of` +
    // "Acme AS with business address Storgata 1, 0155 Oslo": "address" needs no "at".
    String.raw`\s+business)\s+(?:at|in)|address(?:\s+(?:at|in))?)|med\s+(?:hjemsted|adresse)\s+(?:på|i))\s+`,
  "iu",
);
/** A registration label inside a card written on one line ("[Navn] CVR-nr [XX] [Adresse]"): a field of its own. */
const INNER_REGISTRATION = /\s+(?=(?:cvr(?:-?\s?nr\.?|-nummer)?|vat\s?no\.?|org\.?\s?nr\.?)(?:\s|[:.]|$))/i;

/**
 * A card whose fields are not split by commas: a name, then "having its office at" and an address; a name, then a
 * registration label; a registration label whose number is a placeholder, then the address ("CVR-nr [XX] [Adresse]
 * DK-[postnr] [by]"). Each becomes a part of its own, so an unfilled field is seen as one.
 */
function splitCard(parts: { start: number; end: number; text: string }[]): void {
  const cut = (i: number, at: number, skip: number) => {
    const p = parts[i];
    const head = p.text.slice(0, at).trimEnd();
    const tail = p.text.slice(at + skip);
    const lead = tail.length - tail.trimStart().length;
    if (!head || !tail.trim()) return false;
    parts.splice(
      i,
      1,
      { start: p.start, end: p.start + head.length, text: head },
      { start: p.start + at + skip + lead, end: p.end, text: tail.trim() },
    );
    return true;
  };
  for (let i = 0; i < parts.length; i++) {
    const lead = ADDRESS_LEAD.exec(parts[i].text);
    if (lead && cut(i, lead.index, lead[0].length)) continue;
    const inner = i === 0 ? INNER_REGISTRATION.exec(parts[i].text) : null;
    if (inner && cut(i, inner.index, inner[0].length)) continue;
    // "Acme ApS [INSERT ADDRESS] [Postcode, City]": a name, then its unfilled fields on the same line.
    const blank = i === 0 ? /\s+(?=\[[^\]]*\](?:\s*\[[^\]]*\])*\s*$)/.exec(parts[i].text) : null;
    if (blank && isPlaceholder(parts[i].text.slice(blank.index)) && cut(i, blank.index, blank[0].length)) continue;
    const reg = REGISTRATION_PART.exec(parts[i].text);
    const unfilled = reg ? new RegExp(`^(?:${PLACEHOLDER.source})`, "i").exec(reg[2]) : null;
    if (reg && unfilled && reg[2].length > unfilled[0].length)
      cut(i, parts[i].text.length - reg[2].length + unfilled[0].length, 0);
  }
}

/** A label that describes a party ("Identity and contact details of the data exporter"): mostly small words. */
function isDescription(name: string): boolean {
  const words = name.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  return words.length >= 5 && words.filter((w) => /^\p{Ll}/u.test(w)).length > words.length / 2;
}

/** A name after a role and a dash: a capital or a digit, not an article ("Den virksomhed, der …", "The entity …"). */
const NAME_AFTER_DASH =
  /^\s*(?!(?:[Dd]en|[Dd]et|[Dd]e|[Ee]n|[Ee]t|[Tt]he|[Aa]n?|[Aa]ny|[Ee]ach|[Ee]nhver|[Hh]ver|[Aa]lle?)\s)[\p{Lu}\d]/u;

/** A party's address or number field on a line of its own ("Address: …", "CVR: …"). */
const PARTY_FIELD = new RegExp(
  String.raw`^\s*(?:(?:registered |company )?address|adresse|cvr(?:-nr\.?)?|company (?:no\.?|number)|regist` +
    String.raw`ration (?:no\.?|number)|vat)\s*:`,
  "i",
);

/** A role's definition, not its party: an article and a noun ("The natural or legal person …", "En fysisk …"). */
const DEFINITION = /^\s*(?:[Tt]he|[Aa]n?|[Aa]ny|[Ee]ach|[Dd]en|[Dd]et|[Ee]n|[Ee]t|[Ee]nhver|[Hh]ver)\s+\p{Ll}/u;

/**
 * Paragraphs of labelled lines ("Controller: Fjeldsted A/S" then "Processor: Acme Ltd") cut into one block per line
 * from the first line that opens with a role label, so each role reads its own line; a role alone on the first line
 * is a block of its own.
 */
function labelLines(doc: DpaDocument): Block[] {
  return doc.blocks.flatMap((b) => {
    if (b.kind !== "paragraph") return [b];
    const text = doc.text.slice(b.start, b.end);
    // A new line, or a new sentence in the same paragraph ("Den dataansvarlige: kunden. Databehandleren: Acme ApS").
    const starts = [...text.matchAll(/\n|(?<=[.;])[ \t]+(?=\p{Lu}[\p{L} /]{3,39}:)/gu)]
      .map((m) => (m.index ?? 0) + m[0].length)
      .filter((at) => {
        const label = /^[\s*_]*([\p{L} /]{4,40}?(?:\(s\))?)[*_]*\s*:/u.exec(text.slice(at));
        return !!label && label[1].split("/").some((w) => roleOfWord(w));
      });
    // "Data Controller" alone on the paragraph's first line, the party's lines under it: the role is a line apart.
    const firstLine = text.split("\n")[0].trim();
    if (text.includes("\n") && roleLine(firstLine)) starts.unshift(text.indexOf("\n") + 1);
    if (!starts.length) return [b];
    return [0, ...new Set(starts)].map((at, k, all) => ({
      ...b,
      start: b.start + at,
      end: k + 1 < all.length ? b.start + all[k + 1] - 1 : b.end,
    }));
  });
}

/**
 * Where the card under a label ends: after "Name: …" and the address and number fields right under it ("Address: …"),
 * before the SCC annex's other fields ("Contact person's name, position …", "Activities relevant …"); the text's end
 * where the card does not open with a name field.
 */
function fieldLinesEnd(text: string, from: number): number {
  const lines = [...text.slice(from).matchAll(/[^\n]+/g)];
  if (!lines.length || !/^\s*(?:company name|legal name|name|navn)\s*:/i.test(lines[0][0])) return text.length;
  let end = from + (lines[0].index ?? 0) + lines[0][0].length;
  for (const l of lines.slice(1)) {
    if (!PARTY_FIELD.test(l[0])) break;
    end = from + (l.index ?? 0) + l[0].length;
  }
  return end;
}

/** The party's defined terms in the role's bracket: '"Publisher"', or several ('"Starbox", "Processor"'). */
const DEFINED_TERMS = String.raw`["“][^"“”()]{2,40}["”](?:\s*(?:,|or|and|eller|og|\/)\s*["“][^"“”()]{2,40}["”]){0,3}`;

/** A role's label inside a line, after a space: "Processor (Auftragsverarbeiter):", "Data Controller:". */
const ROLE_LABEL_INSIDE = new RegExp(
  String.raw`\s((?:the\s+)?(?:data\s+)?(?:processor|controller)|databehandler(?:en)?|(?:den\s+)?dataansvarlige?)` +
    String.raw`\s*(?:\(\s*\p{Lu}\p{Ll}{3,30}\s*\)\s*)?:\s*`,
  "iu",
);

/** The row of the same table labelled with the role's label and "address" ("Provider address"): its value cell. */
function addressRow(doc: DpaDocument, row: Block, label: string): { start: number; end: number } | null {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const re = new RegExp(`^[*_]*${escaped}(?:['’]s)?\\s+(?:registered\\s+|postal\\s+|business\\s+)?address[*_]*$`, "i");
  const other = doc.blocks.find(
    (x) =>
      x.kind === "tableRow" &&
      x.table === row.table &&
      x.cells &&
      x.cells.length >= 2 &&
      re.test(doc.text.slice(x.cells[0].start, x.cells[0].end).trim()),
  );
  const cell = other?.cells?.[1];
  if (!cell) return null;
  const value = doc.text.slice(cell.start, cell.end);
  const lead = value.length - value.trimStart().length;
  const trimmed = value.trim().replace(/\.$/, "");
  if (!trimmed || isPlaceholder(trimmed) || !/\d/.test(trimmed)) return null;
  return { start: cell.start + lead, end: cell.start + lead + trimmed.length };
}

/** A definition list's term for a party's address, with no colon: "Provider Address", "Registered address". */
const ADDRESS_TERM = /^(?:[\p{L}]+\s+)?(?:registered\s+|postal\s+|business\s+|mailing\s+)?address$/iu;

/** "Databehandleren: …" / "**Data Processor:**" (value after the colon, or in the next block) / a party table row. */
function labelled(doc: DpaDocument): PartyText[] {
  const found: PartyText[] = [];
  const blocks = labelLines(doc);
  blocks.forEach((b, i) => {
    const text = doc.text.slice(b.start, b.end);
    if (b.kind === "tableRow" && b.cells && b.cells.length >= 2) {
      const label = doc.text.slice(b.cells[0].start, b.cells[0].end).trim();
      const role = roleOfWord(label);
      if (role) found.push({ role, start: b.cells[1].start, end: b.cells[1].end, how: "preamble" });
      // "Provider | Acme, Marketplace vendor 123." then "Provider address | 1 Main St, …": the row the role's label
      // names as its address is the party's address.
      const own = role ? addressRow(doc, b, label) : null;
      if (role && own) found.push({ role, start: own.start, end: own.end, how: "address" });
      return;
    }
    // The role and its party are separated by a colon, or by a dash ("**Databehandleren** — Acme ApS, CVR …").
    // The role may carry the party's defined term before the colon: 'Processor ("Publisher"):', 'Databehandler
    // ("Leverandøren"):'.
    const m = new RegExp(
      String.raw`^\s*(?:[-•*–]\s+)?(?:(?:og|and|mellem|between)\s+)?([\p{L} /]{4,40}?(?:\(s\))?)\s*` +
        // Or the pronoun the document calls it by: "Data Processor (Us): …", "Data Controller (You): …".
        // Or the role's word in another language: "Processor (Auftragsverarbeiter): …".
        String.raw`(?:\(\s*(?:${DEFINED_TERMS}|[Uu]s|[Ww]e|[Yy]ou|[Vv]i|[Oo]s|[Dd]ig|[Jj]er|\p{Lu}\p{Ll}{5,30})\s*\)` +
        String.raw`\s*)?` +
        String.raw`(?::\s*|\s[—–-]\s+)`,
      "u",
    ).exec(text);
    const dashed = !!m && !m[0].trimEnd().endsWith(":");
    // After a dash the party is a company, not a description ("Den virksomhed, der opretter konto …") or the
    // title of a section ("Data Processor – Obligations"): a name with a company form, or with its number after it.
    const after = text.slice(m ? m[0].length : 0);
    if (
      m &&
      dashed &&
      (b.kind === "heading" ||
        !NAME_AFTER_DASH.test(after) ||
        !(COMPANY_NAME.test(after.split(",")[0]) || CONTACT_NUMBER.test(after)))
    )
      return;
    if (!m) {
      // A role word alone on its line ("Databehandler"), the party's name, address and number in the blocks after.
      const role = b.kind !== "tableRow" ? roleLine(text.trim()) : null;
      const next = blocks[i + 1];
      if (!role || !next || next.kind === "heading" || next.kind === "tableRow") return;
      let end = next.end;
      let address: Block | null = null;
      for (let j = i + 2; j < Math.min(doc.blocks.length, i + 5); j++) {
        const x = blocks[j];
        const xt = doc.text.slice(x.start, x.end).trim();
        // A definition list's term ("Provider" / "Acme LLC" / "Provider Address" / "1 Main St, …"): the line after
        // the address's term is the address, the term no part of it.
        const value = blocks[j + 1];
        if (ADDRESS_TERM.test(xt)) {
          if (value?.kind === "paragraph" && /\d/.test(doc.text.slice(value.start, value.end))) address = value;
          break;
        }
        if (x.kind !== "paragraph" || xt.length > 80 || roleOfWord(xt) || /[.:]$/.test(xt)) break;
        end = x.end;
      }
      const first = doc.text.slice(next.start, next.end);
      if (COMPANY_NAME.test(first) || /^(?:navn|name|virksomhed|firma|company name)\s*:?\s+\S/i.test(first)) {
        found.push({ role, start: next.start, end, how: "preamble" });
        if (address) found.push({ role, start: address.start, end: address.end, how: "address" });
      }
      return;
    }
    // "Data importer / Processor:": either name of the role says whose line it is.
    const role = m[1].split("/").map(roleOfWord).find(Boolean) ?? null;
    if (!role) return;
    const valueStart = b.start + m[0].length;
    // "**Processor**: The natural or legal person … which processes personal data": a definition, no party.
    if (DEFINITION.test(text.slice(m[0].length))) return;
    if (valueStart < b.end) {
      // The label closing its line ('Data Processor ("Starbox", "Processor"):'): the party's card is the lines after.
      const lineEnd = m[0].includes("\n") ? -1 : text.indexOf("\n", m[0].length);
      const end = lineEnd < 0 ? b.start + fieldLinesEnd(text, m[0].length) : b.start + lineEnd;
      // The other party's label later on the same line (two cards run into one line, as a browser prints
      // "Controller: [Client Company Name] Processor: Acme AI"): each label's value ends where the next begins.
      const other = ROLE_LABEL_INSIDE.exec(doc.text.slice(valueStart, end));
      const otherRole = other && roleOfWord(other[1]);
      if (other && otherRole && otherRole !== role) {
        const otherLabel = valueStart + other.index;
        found.push({ role, start: valueStart, end: otherLabel, how: "preamble" });
        found.push({ role: otherRole, start: otherLabel + other[0].length, end, how: "preamble" });
      } else found.push({ role, start: valueStart, end, how: "preamble" });
    } else if (blocks[i + 1]) {
      const next = blocks[i + 1];
      const nextText = doc.text.slice(next.start, next.end).trim();
      // A label with nothing after it (the next line is the role marker or another label) is unfilled.
      if (/^\(?\s*(herefter|hereinafter|i det følgende|["“])/i.test(nextText) || /^[\p{L} ]{2,40}:\s*$/u.test(nextText))
        found.push({ role, start: b.start, end: b.end, how: "unfilled" });
      else if (fieldsOnOneLine(doc, role, next.start, next.end, found)) return;
      else {
        // "Data importer:" then "Name: Acme Inc." and "Address: …" each on its own line: the fields after the name.
        let end = next.end;
        if (/^(?:company name|legal name|name|navn)\s*:/i.test(nextText))
          for (const x of blocks.slice(i + 2, i + 5)) {
            if (x.kind !== "paragraph" || !PARTY_FIELD.test(doc.text.slice(x.start, x.end))) break;
            end = x.end;
          }
        found.push({ role, start: next.start, end, how: "preamble" });
      }
    }
  });
  return found;
}

/** A card's field label inside a line ("**Address:**", "Name, position:"), after the line's start or a space. */
const INLINE_FIELD = new RegExp(
  String.raw`(?:^|(?<=\s))[*_]*(company name|legal name|name(?:,\s*(?:title|position|role))?|navn|registered addr` +
    String.raw`ess|address|adresse|position|title|contact(?: person)?|e-?mail|phone|cvr|company (?:no\.?|number)|r` +
    String.raw`egistration (?:no\.?|number)|vat(?: no\.?)?)[*_]*\s*:[*_]*(?=\s|$)`,
  "gi",
);

/**
 * A card's fields run together on one line ("**Name:** Acme Ltd **Address:** 1 High Street **Name, position:** Jo
 * Bloggs"), as where a Markdown card inside a page's markup loses its line breaks: the name's value and the address's
 * value, each up to the next label, are the party's text and its address.
 */
function fieldsOnOneLine(doc: DpaDocument, role: PartyRole, start: number, end: number, found: PartyText[]): boolean {
  const raw = doc.text.slice(start, end);
  const lineEnd = raw.indexOf("\n") < 0 ? raw.length : raw.indexOf("\n");
  const line = raw.slice(0, lineEnd);
  const labels = [...line.matchAll(INLINE_FIELD)];
  const lead = line.length - line.trimStart().length;
  if (labels.length < 2 || labels[0].index !== lead || !/^(?:company name|legal name|name|navn)$/i.test(labels[0][1]))
    return false;
  const valueOf = (k: number) => {
    const from = (labels[k].index ?? 0) + labels[k][0].length;
    const to = k + 1 < labels.length ? (labels[k + 1].index ?? 0) : line.length;
    const text = line.slice(from, to);
    const at = from + text.length - text.trimStart().length;
    return { start: start + at, end: start + at + text.trim().length };
  };
  const name = valueOf(0);
  if (name.end <= name.start) return false;
  found.push({ role, ...name, how: "preamble" });
  const address = labels.findIndex((l) => /address|adresse/i.test(l[1]));
  if (address > 0) {
    const value = valueOf(address);
    if (value.end > value.start) found.push({ role, ...value, how: "address" });
  }
  return true;
}

const FIELD_LABEL = new RegExp(
  String.raw`^\s*(company name|name|navn|virksomhed|firma|legal name|company address|address|adresse|regist` +
    String.raw`ered address|cvr|company number|registration number|vat)\s*:?\s*$`,
  "i",
);

const FIELD_ON_LINE = new RegExp(
  String.raw`^[ \t]*(company name|name|navn|legal name|company address|address|adresse|registered address)[ \t]*:` +
    String.raw`[ \t]*(\S[^\n]*)$`,
  "gim",
);

/** A role heading ("Data importer", "Databehandler") with "Company name:" / "Address:" fields under it. */
function underRoleHeading(doc: DpaDocument): PartyText[] {
  const found: PartyText[] = [];
  doc.blocks.forEach((b, i) => {
    if (b.kind !== "heading" && !b.bold) return;
    // "A1.2 Processor": an annex's numbered heading names the role after its number.
    const role = roleOfWord(doc.text.slice(b.start, b.end).replace(/^\s*[A-Z]?\d+(?:\.\d+)*\.?\s+/, ""));
    if (!role) return;
    const fields: { label: string; start: number; end: number }[] = [];
    for (let j = i + 1; j < doc.blocks.length && doc.blocks[j].kind !== "heading"; j++) {
      const text = doc.text.slice(doc.blocks[j].start, doc.blocks[j].end);
      const label = FIELD_LABEL.exec(text);
      const next = doc.blocks[j + 1];
      if (label && next && next.kind !== "heading") fields.push({ label: label[1], start: next.start, end: next.end });
      // "Name: Spreadsheet Moment" with its value on the label's line.
      else if (!label)
        for (const f of text.matchAll(FIELD_ON_LINE)) {
          const start = doc.blocks[j].start + (f.index ?? 0) + f[0].indexOf(f[2]);
          fields.push({ label: f[1], start, end: start + f[2].trimEnd().length });
        }
    }
    const name = fields.find((f) => /name|navn|virksomhed|firma/i.test(f.label)) ?? unlabelledCard(doc, i);
    if (!name) return;
    const address = fields.find((f) => /address|adresse/i.test(f.label)) ?? unlabelledCardAddress(doc, i);
    if (!fields.length) unfilledCardLines(doc, i, role);
    // The name's block, then the address's, read as one party text.
    found.push({ role, start: name.start, end: name.end, how: doc.text.slice(b.start, b.end).trim() });
    if (address) found.push({ role, start: address.start, end: address.end, how: "address" });
  });
  return found;
}

/** The card's last line defines the party's word: "(hereinafter "Provider")", "(herefter "Leverandøren")". */
const CARD_DEFINED_AS = /^\s*\(\s*(?:hereinafter|herefter|i det følgende)\b/i;

/**
 * A party's card under its role's heading with no labels ("Processor" over "Ada Brink" / "Lumora" / "Street 6" /
 * "12345 Town, Germany" / "(hereinafter "Provider")"): one line each, the name first, the word it is called by
 * last. Only a card that ends with that word is one; the lines before it are the party's.
 */
function unlabelledCardLines(doc: DpaDocument, heading: number): Block[] | null {
  const lines: Block[] = [];
  for (let j = heading + 1; j < doc.blocks.length && doc.blocks[j].kind === "paragraph" && lines.length < 7; j++) {
    const text = doc.text.slice(doc.blocks[j].start, doc.blocks[j].end);
    if (CARD_DEFINED_AS.test(text)) return lines.length ? lines : null;
    if (text.length > 80 || text.includes("\n")) return null;
    lines.push(doc.blocks[j]);
  }
  return null;
}
function unlabelledCard(doc: DpaDocument, heading: number) {
  const lines = unlabelledCardLines(doc, heading);
  return lines ? { label: "name", start: lines[0].start, end: lines[0].end } : undefined;
}
/** The card's address: from its first line with a number (the street's) to its last. */
function unlabelledCardAddress(doc: DpaDocument, heading: number) {
  const lines = unlabelledCardLines(doc, heading)?.slice(1) ?? [];
  const first = lines.findIndex((b) => /\d/.test(doc.text.slice(b.start, b.end)));
  if (first < 0) return undefined;
  return { label: "address", start: lines[first].start, end: lines[lines.length - 1].end };
}

/** A card's blank that names its field ("[Address]", "[Registration]"): that field left unfilled. */
function unfilledCardLines(doc: DpaDocument, heading: number, role: PartyRole): void {
  for (const b of unlabelledCardLines(doc, heading)?.slice(1) ?? []) {
    const text = doc.text.slice(b.start, b.end).trim();
    if (!isPlaceholder(text)) continue;
    if (/address|adresse/i.test(text)) notePlaceholder(doc, `parties.${role}.address`, b.start, b.end);
    else if (/registration|company\s+(?:no|number)|\bcvr\b|\bvat\b/i.test(text))
      notePlaceholder(doc, `parties.${role}.registrationNumber`, b.start, b.end);
  }
}

/** Inline: `Name, CVR …, address ("databehandleren")` or `Name — "Provider"` inside a sentence. */
function inline(doc: DpaDocument): PartyText[] {
  const found: PartyText[] = [];
  const re = new RegExp(
    String.raw`(?:\((?:[^()"“”]{0,80}?(?:herefter|hereinafter|i det følgende|referred to as|below)?\s*)?|[—` +
      String.raw`–-]\s*)["“]([^"“”]{3,40})["”](?:\s*(?:or|eller|\/)\s*["“”]([^"“”]{3,40})["”])?\)?` +
      // A bracket holding the role alone, unquoted: "Skoleoverblikket (databehandleren)".
      String.raw`|\((?:herefter |hereinafter )?((?:den |the )?(?:databehandleren|data processor|processor))\s*\)`,
    "giu",
  );
  const more = new RegExp(
    // The role among the party's other defined terms, unquoted: "Acme Ltd (Processor, "Acme")", "Acme ApS
    // ("Acme", "vi", databehandleren)".
    // Quoted too, after the brand: 'Hayes Ltd ("Brandly", "Processor")'.
    // 'Polyfox Studio Ltd, … ("FoxLink", "we", "us", the "Processor")': the article before the quoted role.
    String.raw`\((?:[^()]{1,60}?,\s*)?(?:(?:the|den)\s+(?=["“]))?["“]?((?:den |the )?(?:databehandleren|data pro` +
      String.raw`cessor|proc` +
      String.raw`essor))["”]?\s*` +
      String.raw`(?:,[^()]{1,60})?\)` +
      // The role defined after a comma, no bracket: "Acme GmbH, hereinafter referred to as "contractor"".
      String.raw`|,\s*(?:hereinafter(?: also)?(?: referred to as| called)?|herefter(?: kaldet| benævnt)?|i det ` +
      String.raw`følgende(?: kaldet| benævnt)?)\s+["“]((?:the |den )?[\p{L} ]{3,30})["”]`,
    "giu",
  );
  const matches = [
    ...[...doc.flat.matchAll(re)].map((m) => ({ m, listed: false })),
    ...[...doc.flat.matchAll(more)].map((m) => ({ m, listed: true })),
  ];
  for (const { m, listed } of matches) {
    // '"Customer" / "Data Controller"': the second name may be the role's.
    const role = listed ? roleOfWord(m[1] ?? m[2]) : (roleOfWord(m[1] ?? m[3]) ?? (m[2] ? roleOfWord(m[2]) : null));
    if (!role) continue;
    const markerStart = m.index ?? 0;
    // Back to the start of the party: after "mellem", "og", "and", "between", a sentence end or a line start.
    const before = doc.flat.slice(Math.max(0, markerStart - 300), markerStart);
    const cuts = [
      // "registered in England and Wales under company number …": the jurisdiction's "and" starts no party.
      /(?:^|\s)(?:mellem|between|og|and|af|by)\s+(?=[^\s])(?!Wales\b)/giu,
      // "the Privacy Policy of Applied Poetics": a name after "of"; "on behalf of the Customer" is no name.
      // "registered in the State of Wyoming", "under the laws of Ireland": a place after "of" is no name.
      new RegExp(
        String.raw`(?<![Ss]tate|[Ll]aws?|[Rr]epublic|[Kk]ingdom|[Cc]ommonwealth|[Pp]rovince|[Ii]sle|[Dd]istri` +
          String.raw`ct|[Cc]ounty)\sof\s+(?=(?!(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]his|[Oo]ur|[Yy]our)\s)\p{Lu})`,
        "gu",
      ),
      /[.:;!?]\s+(?=[\p{Lu}[{*])/gu,
      /\n/g,
      // "It applies when Acme (the "Processor") processes …": the clause's conjunction opens the party's name.
      /(?:^|\s)(?:when|whenever|where|once|if)\s+(?=\p{Lu})/gu,
    ];
    const cut = Math.max(
      ...cuts.map((r) => {
        let last = -1;
        for (const x of before.matchAll(r))
          // "CVR-nr. DK46033736" goes on: an abbreviation's full stop ends nothing.
          if (!(x[0][0] === "." && closesAbbreviation(before, x.index ?? 0))) last = (x.index ?? 0) + x[0].length;
        return last;
      }),
      0,
    );
    const start = markerStart - before.length + cut;
    if (markerStart - start < 2) continue;
    // "[Legal name] ("Brand", processor)": an unfilled name with the brand defined in the bracket is left to the
    // sentences that use the brand.
    if (listed && isPlaceholder(doc.flat.slice(start, markerStart).trim())) continue;
    // 'Data Processor ("Starbox", "Processor"):': the role's own label before its defined terms is no name.
    if (roleOfWord(doc.flat.slice(start, markerStart))) continue;
    found.push({ role, start, end: markerStart, how: "preamble" });
  }
  return found;
}

/**
 * The other party's role, then "and", before a name: "Controller of Personal Data and Playlyfe". India's DPDP Act
 * calls the controller the "Data Fiduciary" ("the Firm is the Data Fiduciary and Acme is the Data Processor").
 */
const OTHER_ROLE_BEFORE = new RegExp(
  String.raw`(?<![\p{L}])(?:controller|processor|fiduciary|dataansvarlig\w*|databehandler\w*)(?![\p{L}]).*\s(?:an` +
    String.raw`d|og)\s+(?=\p{Lu})`,
  "iu",
);

/** "… and that SimpleLocalize.io is its data processor" / "X er databehandler". */
function definitional(doc: DpaDocument): PartyText[] {
  const found: PartyText[] = [];
  // "Alius (Stemplet) er databehandler": a bracket after the name (a brand, a former name) is no part of it.
  const re = new RegExp(
    // "Ekwo (Karuna Co OÜ), a private limited company registered in Estonia …, is your processor": what the company
    // is may stand between, as an apposition between commas.
    // "ValarAI is the **processor**", "MemoryOS is usually the processor", "Company acts as the data processor": the
    // role in emphasis, hedged by an adverb, or as what the company acts as.
    // A name starts a word: a match from inside one ("AI and decides …") would hide the name after it.
    // "Prism Advisor Workspace, operated by LeMay Ventures LLC, is the Processor": the company that runs the product
    // is the party.
    String.raw`(?<![\p{L}\d])(\p{Lu}[\p{L}\d.&' -]{1,50}?)(?:\s*\([^()]{1,40}\))?(?:,\s+(?:an?|et|en)\s+[^,;.()]` +
      String.raw`{3,160},|,\s+(?:operated|owned|run|provided)\s+by\s+(?<operator>\p{Lu}[\p{L}\d&' -]{1,60}?(?:,?\s+` +
      String.raw`(?:Inc|LLC|Ltd|Limited|Corp|GmbH|ApS|A\/S|AB|B\.V)\.?)?),)?\s+(?:is|er|acts as)\s+` +
      String.raw`(?:(?:usually|generally|typically|normally|primarily)\s+)?(?:i` +
      String.raw`ts|the|your|dets|den|jeres|din|a)?\s*[*_]{0,2}([Dd]a` +
      // "FunaGig is the Data Processor": the role's word capitalised as a defined term.
      String.raw`ta\s+[Pp]rocessor|[Pp]rocessor|[Dd]atabehandler(?:en)?)\b|(\p{Lu}[\p{L}\d.&' -]{1,50}?)(?:\s*\([^()]` +
      String.raw`{1,40}` +
      // "STAKATER processes personal data, referred to as the "Data," on behalf of the Customer": words between.
      String.raw`\))?\s+(?:behandler personoplysninger på vegne af|processes personal data[^.;:]{0,80}?` +
      String.raw`on behalf of)\s+(?:en ` +
      String.raw`|the |its |sine )?(?:[Kk]under?|[Kk]unden|den dataansvarlige|[Cc]ustomers?|[Cc]ontrollers?|th` +
      String.raw`e [Cc]ontroller)\b`,
    "gu",
  );
  // "This Schedule regulates Submotion's processing of data on behalf of you", "regulerer Acme ApS' behandling af
  // personoplysninger på vegne af kunden": the processor named as whose processing the agreement governs.
  const name = String.raw`(?<![\p{L}\d])(\p{Lu}[\p{L}\d.&-]*(?:[ \t]+\p{Lu}[\p{L}\d.&-]*){0,4})`;
  const possessive = new RegExp(
    String.raw`${name}['’]s? processing of (?:the )?(?:personal )?(?:data|information)[^.;:]{0,60}?\bon behalf o` +
      String.raw`f (?:you|the [Cc]ustomer|[Cc]ustomer|the [Cc]ontroller|the [Cc]lient)\b|${name}['’] behandling af ` +
      String.raw`personoplysninger[^.;:]{0,60}?\bpå vegne af (?:kunden|den dataansvarlige|dig|jer)\b`,
    "gu",
  );
  for (const m of doc.flat.matchAll(possessive)) {
    const named = m[1] ?? m[2];
    if (/^(?:The|This|That|Our|Its|Each|Customer|Kunden|You|Den|Det|Vi|We)\b/.test(named) || roleOfWord(named))
      continue;
    const start = (m.index ?? 0) + m[0].indexOf(named);
    found.push({ role: "PROCESSOR", ...legalNameOf(doc, named, start), how: "preamble" });
  }
  // "For that processing you are normally the controller and Clientovo the processor": the verb said once for both.
  const both = new RegExp(
    String.raw`\b(?:[Yy]ou|[Tt]he [Cc]ustomer|[Cc]ustomer) (?:are|is) (?:(?:usually|generally|typically|normally)\s+)` +
      String.raw`?the (?:[Dd]ata )?[Cc]ontroller,? and (\p{Lu}[\p{L}\d.&'-]*(?: \p{Lu}[\p{L}\d.&'-]*){0,3}) ` +
      String.raw`(?:is )?the (?:[Dd]ata )?[Pp]rocessor\b`,
    "gu",
  );
  // "kolm.ai acts as Processor": a brand written as its lower-case domain names itself in the sentence's subject.
  const domain = new RegExp(
    String.raw`(?<![\p{L}\d.@/-])(\p{Ll}[\p{Ll}\d-]{1,30}\.(?:ai|io|com|app|dev|co|net|org|so|tech))\s+(?:is|acts` +
      String.raw`\s+as)\s` +
      String.raw`+(?:the\s+|a\s+|its\s+|your\s+)?(?:data\s+)?[Pp]rocessor(?![\p{L}])`,
    "gu",
  );
  for (const x of doc.flat.matchAll(domain)) {
    const start = (x.index ?? 0) + x[0].indexOf(x[1]);
    found.push({ role: "PROCESSOR", start, end: start + x[1].length, how: "preamble" });
  }
  for (const b of doc.flat.matchAll(both)) {
    const start = (b.index ?? 0) + b[0].lastIndexOf(b[1]);
    if (!roleOfWord(b[1])) found.push({ role: "PROCESSOR", start, end: start + b[1].length, how: "preamble" });
  }
  let m: RegExpExecArray | null;
  while ((m = re.exec(doc.flat))) {
    if (m.groups?.operator) {
      const start = (m.index ?? 0) + m[0].indexOf(m.groups.operator);
      found.push({ role: "PROCESSOR", start, end: start + m.groups.operator.length, how: "preamble" });
      continue;
    }
    const raw = m[1] ?? m[4];
    // "How Bulwark processes personal data on behalf of customers —": a page's lead asks how; the name follows.
    let name = raw.replace(/^(that|the parties agree that|and|når|when|if|hvis|how|why|where)\s+/i, "");
    // "… from the Publisher. The App processes …": a sentence's end inside is two sentences, not a name; the
    // second sentence is read again on its own where it gives the role ("… decides which jobs run. ValarAI is the
    // processor"), not where it only processes ("… af Leverandøren. Værktøjet behandler … på vegne af kunden").
    // Read before the other party's role: "Roles. Customer is the controller. Agent X is the processor" is three
    // sentences, the last naming the processor.
    // (A clause's number may open the next sentence: "… use the Services.\n2.2 Revise 360 is the Processor".)
    const broken = /\p{Ll}{3,}\.\s+(?:\d{1,2}(?:\.\d{1,2}){0,2}\.?\s+)?(?=\p{Lu})/u.exec(name);
    if (broken) {
      if (m[1]) re.lastIndex = m.index + m[0].indexOf(name) + broken.index + broken[0].length;
      continue;
    }
    // "Customer is the Controller of Personal Data and Playlyfe is the Processor": the other party's role before
    // "and" is no part of the name after it.
    const otherRole = OTHER_ROLE_BEFORE.exec(name);
    if (otherRole) name = name.slice(otherRole.index + otherRole[0].length);
    else if (/(?<![\p{L}])(?:controller|processor)(?![\p{L}])/iu.test(name)) continue;
    if (/^(the|this|a|an|each|which|who|customer|kunden|you|den|det|vi|we)\b/i.test(name)) continue;
    const start = (m.index ?? 0) + m[0].indexOf(name);
    found.push({ role: "PROCESSOR", ...legalNameOf(doc, name, start), how: "preamble" });
  }
  return found;
}

/** The number everyone types for "some number" (12345678, 00000000): unfilled, however filled it looks. */
export const DUMMY_NUMBER = /^(?:DK)?(?:1234567(?:8(?:9)?)?|(\d)\1{7,})$/;

/** A name with a company form ("mimoco ApS", "GetMait ApS", "Karuna Co OÜ"). */
const COMPANY_NAME = new RegExp(
  String.raw`(?<![\p{L}])(?:A\/S|ApS|I\/S|IVS|P\/S|K\/S|AB|AS|Oy|Oyj|OÜ|UAB|SIA|AG|GmbH|Ltd\.?|Limited|LLC` +
    String.raw`|Inc\.?|B\.V\.|BV|N\.V\.|S\.A\.|SARL|SAS|S\.r\.l\.|PBC)(?=$|[\s,.)])`,
  "u",
);

/**
 * A brand's legal entity where the document gives it in a bracket after the brand ("SpAIke (mimoco ApS)
 * anvender …"): the party is the company, not the brand. Else the name as found.
 */
function legalNameOf(doc: DpaDocument, name: string, start: number): { start: number; end: number } {
  const brand = name.trim().replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const m = new RegExp(String.raw`(?<![\p{L}])${brand}\s*\(([^()]{2,60})\)`, "u").exec(doc.flat);
  if (m && COMPANY_NAME.test(m[1]) && m[1].trim().split(/\s+/).length <= 6) {
    const at = (m.index ?? 0) + m[0].indexOf(m[1]);
    return { start: at, end: at + m[1].trim().length };
  }
  return { start, end: start + name.length };
}

const DETERMINER = /^(the|this|that|such|any|each|its|their|a|an|you|we|us|ours?|it|they|them|customer)\b/i;

/** A party's text after "between"/"mellem", then the bracket of its defined terms that names its role. */
const ROLE_IN_TERMS = new RegExp(
  String.raw`\b(?:between|mellem)\s+([^()"“”]{2,200}?)\s*(\([^()]{0,80}?["“](?:the\s+)?(?:data\s+)?(?:processor|contr` +
    String.raw`oller|databehandleren?|dataansvarlige?)["”][^()]{0,40}\))`,
  "giu",
);

/** The processor's name between "and"/"og" and "as a processor"/"som databehandler", after the controller's role. */
const ROLES_AFTER_NAMES = new RegExp(
  String.raw`\b(?:between|mellem)\s+[^.]{2,160}?\s+(?:as\s+(?:a|the)\s+(?:data\s+)?controller|som\s+(?:den\s+)?d` +
    String.raw`ataansvarlige?)\s+(?:and|og)\s+(\p{L}[\p{L}\d&.' -]{1,60}?)\s+(?:as\s+(?:a|the)\s+(?:data\s+)?pr` +
    String.raw`ocessor|som\s+(?:den\s+)?databehandler(?:en)?)\b`,
  "giu",
);

/**
 * "BETWEEN DATA SELLER … AS A CONTROLLER AND DATARADE AS A PROCESSOR", "mellem kunden som dataansvarlig og Brisk som
 * databehandler": the processor with its role after its name, where no other form names it (a labelled line or a
 * cover block says more). A name in capitals is cited where the text writes it in ordinary case ("Datarade"), if it
 * does.
 */
function rolesAfterNames(doc: DpaDocument): PartyText[] {
  const found: PartyText[] = [];
  for (const m of doc.flat.matchAll(ROLES_AFTER_NAMES)) {
    const n = m[1].trim();
    if (!n || DETERMINER.test(n) || /^(kunden|den|det)\b/i.test(n)) continue;
    let start = (m.index ?? 0) + m[0].lastIndexOf(m[1]);
    if (n === n.toUpperCase()) {
      const ordinary = new RegExp(`(?<![\\p{L}])${n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}])`, "giu");
      const written = [...doc.flat.matchAll(ordinary)].find((x) => x[0] !== x[0].toUpperCase());
      if (written) start = written.index ?? start;
    }
    found.push({ role: "PROCESSOR", start, end: start + n.length, how: "preamble" });
  }
  // "- **CNNCTD Ltd**, a company registered in Northern Ireland under company number **NI695071**, trading as
  // **Vantro**, as **processor** ("we")": a list item of the parties, a company's name first, its role last.
  for (const b of doc.blocks.filter((x) => x.kind === "listItem")) {
    const text = doc.text.slice(b.start, b.end);
    const m = LISTED_AS_PROCESSOR.exec(text);
    if (!m || !COMPANY_NAME.test(m[1]) || DETERMINER.test(m[1])) continue;
    const start = b.start + m[0].indexOf(m[1]);
    found.push({ role: "PROCESSOR", start, end: b.start + m[0].length - m[3].length, how: "preamble" });
  }
  return found;
}

const LISTED_AS_PROCESSOR = new RegExp(
  String.raw`^[\s*_]*(?:[-•*]\s+)?(?:and\s+)?[*_]*(\p{Lu}[\p{L}\d&.' -]{1,60}?)[*_]*,\s+([^;]{5,240}?)(,?\s+as\s+(?:` +
    String.raw`the\s+|a\s+)?[*_]*(?:data\s+)?processor)(?![\p{L}])`,
  "u",
);

/**
 * "… between Acme ApS and the Customer" / "mellem kunden og Acme ApS": the party that is not the customer processes.
 */
function betweenCustomer(doc: DpaDocument): PartyText[] {
  const found: PartyText[] = [];
  // "Keboola and the Client": a client is the customer by another name.
  // "the party identified as the customer of the Service": the customer by its description.
  const customer =
    "(?:the\\s+)?(?:(?:party|entity)\\s+identified\\s+as\\s+(?:the\\s+)?customer|customer|client|kunden|klienten|you|" +
    "dig som kunde|the controller|den dataansvarlige)";
  // The customer said as a description with its defined term: "the entity that accepts these terms ("Customer")",
  // "den virksomhed, der har oprettet en konto ("Kunden")".
  const described =
    '(?:the|den|det)\\s+[^()"“”]{3,120}?\\((?:hereinafter\\s+|herefter\\s+)?["“](?:the\\s+)?(?:customer|kunden|' +
    'controller|den dataansvarlige|client|you)["”](?:,\\s*["“][^"”()]{1,20}["”]){0,4}\\)';
  // A legal form after a comma belongs to the name ("Secoda, Inc.", "OpenAI, L.L.C.").
  const name = "(\\p{Lu}[\\p{L}\\d.&'’ -]{1,60}?(?:,\\s*(?:Inc|LLC|L\\.L\\.C|Ltd|PBC|Corp|GmbH|AB|A/S|ApS)\\.?)?)";
  // A company named by its domain ("trycourier.com, Inc."): lower-case, so only where the customer is named too.
  const named = name.replace(
    "(\\p{Lu}",
    "((?:[\\p{Ll}\\d][\\p{L}\\d-]*\\.(?:com|io|ai|net|org|co|app|dk)(?=,)|\\p{Lu})",
  );
  const res = [
    // "entered into by Ideanest LLC ("Reviewable", "we", "us") and the customer": the brand's defined terms between.
    new RegExp(
      // Also a comma after the defined term ("between Secoda, Inc. ("Vendor"), and Customer").
      // "the Order Form signed by Lumora and the Client": the parties that signed it.
      `\\b(?:between|mellem|entered into by|signed by|indgået af|underskrevet af)\\s+${name}\\s+` +
        // "between DiUS (together with its Product, "Pactflow") and …": the brand it is named with, in a bracket.
        `(?:\\((?:["“]|together with\\b)[^)]{1,80}\\),?\\s+)?` +
        `(?:and|og)\\s+${customer}\\b`,
      "giu",
    ),
    // "made between Zorbix Limited, a company incorporated in England … ("Zorbix"), and the customer …": the
    // company's description and defined term between the name and the customer.
    new RegExp(
      `\\b(?:between|mellem|entered into by|made by|indgået af)\\s+${name},\\s+(?:a|an|en|et)\\s+[^;()]{0,200}?` +
        `(?:\\([^()]{1,80}\\)\\s*)?,?\\s+(?:and|og)\\s+${customer}\\b`,
      "giu",
    ),
    new RegExp(
      // The name runs to a comma, a bracket or the sentence's end ("and ARTELL SOLUÇÕES TECNOLÓGICAS LTDA, a …").
      `\\b(?:between|mellem)\\s+${customer}\\s+(?:\\([^)]*\\)\\s+)?(?:and|og)\\s+${name}(?=\\s*[,(;]|\\.(?:\\s|$)|$)`,
      "giu",
    ),
  ];
  res.push(
    new RegExp(`\\b(?:between|mellem)\\s+${name}\\s+(?:\\([^)]{1,80}\\)\\s+)?(?:and|og)\\s+${described}`, "giu"),
    new RegExp(
      `\\b(?:between|mellem|entered into by|indgået af)\\s+${described},?\\s+(?:and|og)\\s+${named}` +
        `(?=\\s*[,(;]|\\.(?:\\s|$)|$)`,
      "giu",
    ),
  );
  // "between **[LEGAL ENTITY]**, Italy, VAT no. **[VAT]** ("feega", the "Processor") and …", "mellem [Navn], CVR
  // [●] ("Databehandleren") og …": the party's text up to the bracket of defined terms that gives its role, whatever
  // its name is (an unfilled field is noted as one by partyFrom).
  for (const m of doc.flat.matchAll(ROLE_IN_TERMS)) {
    const n = m[1].trim();
    if (!n || DETERMINER.test(n) || /^(kunden|den|det|os|vi|parterne)\b/i.test(n)) continue;
    const start = (m.index ?? 0) + m[0].indexOf(m[1]);
    const role: PartyRole = /processor|databehandler/i.test(m[2]) ? "PROCESSOR" : "CONTROLLER";
    found.push({ role, start, end: (m.index ?? 0) + m[0].length, how: "preamble" });
  }
  for (const re of res)
    for (const m of doc.flat.matchAll(re)) {
      // "entered into by and between Push AI, Inc. (…) and the Customer": "and between" opens the parties, no name.
      const n = m[1].trim().replace(/^(?:and|og)\s+(?:between|mellem)\s+/i, "");
      if (
        // A determiner opens a reference to some party ("between that sub-processor and the Customer"), not a name.
        /^(the|this|that|such|any|each|its|their|a|an|you|we|us|ours?|it|they|them|customer)\b/i.test(n) ||
        /^(kunden|den|det|os|vi|parterne|denne|dette|disse|enhver|hver)\b/i.test(n)
      )
        continue;
      const start = (m.index ?? 0) + m[0].indexOf(m[1]) + m[1].trimEnd().length - n.length;
      found.push({ role: "PROCESSOR", start, end: start + n.length, how: "preamble" });
    }
  return found;
}

/**
 * A name defined by reference ("deranged (som nærmere defineret i Vilkårene, …)"): where the document
 * defines the term ('deranged ApS (CVR 39602504, herefter "deranged")'), that is the party.
 */
export function resolveReference(doc: DpaDocument, party: ExtractedParty): ExtractedParty {
  const term = party.name.value;
  if (term.split(/\s+/).length > 2) return party;
  const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  // '"Walla" means the Walla entity which is a party to this DPA …, being Walla Software, Inc.': the legal name.
  const means = new RegExp(
    `["“]\\s*${escaped}\\s*["”]\\**\\s+(?:means|betyder)\\s+[^.;]{0,200}?,?\\s+(?:being|namely|nemlig|dvs\\.)\\s+` +
      `(\\p{Lu}[\\p{L}\\d&' -]{1,60}?,?\\s*(?:(?:Inc|Ltd|Corp)\\.?|LLC|Limited|GmbH|ApS|A/S|AB|PBC))(?=[\\s,;).]|$)`,
    "u",
  );
  // '"Company" refers to Gollum AI LLC, a Delaware limited liability company': the term defined as a company.
  const refersTo = new RegExp(
    `["“]\\s*${escaped}\\s*["”]\\**\\s+(?:refers to|means)\\s+(\\p{Lu}[\\p{L}\\d&' -]{1,60}?,?\\s*` +
      `(?:(?:Inc|Ltd|Corp)\\.?|LLC|Limited|GmbH|ApS|A/S|AB|PBC))(?=[\\s,;).]|$)`,
    "u",
  );
  const legal = means.exec(doc.flat) ?? refersTo.exec(doc.flat);
  if (legal) {
    const start = (legal.index ?? 0) + legal[0].lastIndexOf(legal[1]);
    const resolved = partyFrom(doc, { role: party.role, start, end: start + legal[1].length, how: "preamble" });
    if (resolved && resolved !== UNFILLED)
      return {
        ...resolved,
        name: { ...resolved.name, note: `Defined by reference as "${term}"; the document defines the term here.` },
      };
  }
  const re = new RegExp(
    `([\\p{Lu}\\p{Ll}][\\p{L}\\d&.' -]{1,60}?)\\s*\\(([^()]*?)(?:herefter|hereinafter|i det følgende)` +
      `\\s*["“]${escaped}["”]\\)`,
    "iu",
  );
  const m = re.exec(doc.flat);
  if (!m) return listedWithTerm(doc, party, escaped);
  // The defined name starts after the last connective or sentence end before it.
  const lead = /^(?:.*(?:\b(?:mellem|between|og|and)\s+|[.:;!?]\s+))?/su.exec(m[1])?.[0] ?? "";
  const defined = m[1].slice(lead.length).trim();
  if (!defined || defined.toLowerCase() === term.toLowerCase()) return party;
  const start = (m.index ?? 0) + m[0].indexOf(m[1]) + lead.length;
  const resolved = partyFrom(doc, {
    role: party.role,
    start,
    // Up to the "herefter", so the bracket's details (CVR …) are read and its marker is not.
    end: (m.index ?? 0) + m[0].indexOf(m[2]) + m[2].length,
    how: "preamble",
  });
  if (!resolved || resolved === UNFILLED || /^(kunden|the customer|customer)$/i.test(resolved.name.value)) return party;
  return {
    ...resolved,
    name: { ...resolved.name, note: `Defined by reference as "${term}"; the document defines the term here.` },
  };
}

/**
 * A party's line in the list of parties, its name, address and the term it is called by ("1. Acme GmbH, Street 8,
 * 10247 Berlin/Germany ("Acme-X"); and"): the party the term names, its address read from the line.
 */
function listedWithTerm(doc: DpaDocument, party: ExtractedParty, escaped: string): ExtractedParty {
  const line = new RegExp(
    String.raw`^[ \t]*(?:\d{1,2}[.)]|[-*•])[ \t]+(\p{Lu}[^\n()"“”]{2,160}?)[ \t]*\(["“]${escaped}["”]\)` +
      String.raw`[ \t]*(?:[;,.]|$)`,
    "mu",
  );
  // Or in the opening sentence, by the term or by the name: "… is made between Acme, Inc., a Delaware corporation
  // with offices at 1 Main St, Springfield, MA 02145, USA ("Acme"), and the Customer …".
  const between = new RegExp(
    String.raw`\bbetween[ \t]+((?:${escaped}|\p{Lu})[^\n()"“”]{2,200}?)[ \t]*\(["“]` +
      String.raw`(?:${escaped}|[^"“”()\n]{1,40})["”]\)[ \t]*(?:[;,.]|$)`,
    "u",
  );
  const termed = line.exec(doc.flat);
  const m = termed ?? between.exec(doc.flat);
  if (!m || !m[1].includes(",")) return party;
  const start = (m.index ?? 0) + m[0].indexOf(m[1]);
  const resolved = partyFrom(doc, { role: party.role, start, end: start + m[1].length, how: "preamble" });
  if (!resolved || resolved === UNFILLED) return party;
  const same = resolved.name.value.toLowerCase() === party.name.value.toLowerCase();
  // The same name, its address found in the sentence's description: the address is the party's.
  if (same && !termed && resolved.address && !party.address)
    return { ...party, address: resolved.address, countryCode: party.countryCode ?? resolved.countryCode };
  if (same || (!termed && !new RegExp(`["“]${escaped}["”]`).test(m[0]))) return party;
  return {
    ...resolved,
    name: {
      ...resolved.name,
      note: `Defined by reference as "${party.name.value}"; the document defines the term here.`,
    },
  };
}

/**
 * A party table with the roles as columns ("| | Controller | Processor |" over "| Name | Fjeldsted A/S | Zorbix
 * ApS |"): the name row's cell under each role.
 */
function partyColumns(doc: DpaDocument): PartyText[] {
  const found: PartyText[] = [];
  const tables = new Map<number, Block[]>();
  for (const b of doc.blocks)
    if (b.kind === "tableRow" && b.cells) tables.set(b.table ?? 0, [...(tables.get(b.table ?? 0) ?? []), b]);
  const cell = (c: { start: number; end: number }) => doc.text.slice(c.start, c.end).trim();
  for (const rows of tables.values()) {
    const roles = rows[0].cells!.map((c, i) => (i > 0 ? roleOfWord(cell(c)) : null));
    if (!roles.some(Boolean)) continue;
    const names = rows.find((r) =>
      /^(name|navn|company|company name|legal name|virksomhed|firma|party|part)$/i.test(cell(r.cells![0])),
    );
    if (!names) continue;
    roles.forEach((role, i) => {
      const c = names.cells![i];
      if (role && c && cell(c)) found.push({ role, start: c.start, end: c.end, how: "preamble" });
    });
  }
  return found;
}

/** "We, Zorbix Inc., process …", "Vi, Bryglab ApS, behandler …": the writer names itself, and it processes. */
function weAre(doc: DpaDocument): PartyText[] {
  const re = /(?<![\p{L}])(?:We|Vi)\s*,\s+(\p{Lu}[\p{L}\d.&'’ -]{1,60}?)\s*(?:\([^()]{1,80}\)\s*)?,/gu;
  return [...doc.flat.matchAll(re)].map((m) => {
    const start = (m.index ?? 0) + m[0].indexOf(m[1]);
    return { role: "PROCESSOR" as const, start, end: start + m[1].length, how: "preamble" };
  });
}

/** Words that stand before "Data Processing Agreement" in a title without naming a company. */
const NOT_A_TITLE_NAME = new RegExp(
  String.raw`^(?:the|this|our|your|a|an|standard|mutual|master|model|sample|template|customer|client|vendor|suppl` +
    String.raw`ier|partner|global|gdpr|eu|uk|us|annex|appendix|schedule|exhibit|bilag|addendum|general|generel|st` +
    String.raw`andard|skabelon|kunde|kunder|customers|clients|users|partners|services|the services|updated|amended` +
    String.raw`|revised|draft|new|ny)$`,
  "i",
);
const AGREEMENT_WORDS =
  String.raw`(?:data processing (?:agreement|addendum)|DPA|databehandleraftale(?:n)?|` +
  String.raw`databehandlervilkår)`;

/**
 * The processor named only in the title ("Zorbix Data Processing Agreement", "Databehandleraftale for Zorbix",
 * "DPA – Zorbix"): a last resort, taken when the name is said again in the body and is no generic word.
 */
function titleNamed(doc: DpaDocument): PartyText | null {
  const headings = doc.blocks.filter((b) => b.kind === "heading").slice(0, 3);
  const firstLine = doc.blocks[0];
  const candidates = headings.length ? headings : firstLine ? [firstLine] : [];
  const name = String.raw`(\p{Lu}[\p{L}\d.&'’-]*(?:\s+\p{Lu}[\p{L}\d.&'’-]*){0,3})`;
  const forms = [
    new RegExp(String.raw`^${name}(?:['’]s)?\s+${AGREEMENT_WORDS}(?:\s*\(DPA\))?$`, "iu"),
    new RegExp(String.raw`^${AGREEMENT_WORDS}(?:\s*\(DPA\))?\s*(?:for|with|med|[-–—:|])\s*${name}$`, "iu"),
  ];
  for (const b of candidates) {
    const raw = doc.flat.slice(b.start, b.end);
    const lead = /^[\s#*_]*/.exec(raw)![0].length;
    const text = raw.slice(lead).replace(/[\s*_]+$/, "");
    for (const re of forms) {
      const m = re.exec(text);
      // Case-insensitive for the agreement's words only: each word of the name starts with a capital, none generic.
      const words = m?.[1].split(/\s+/) ?? [];
      if (!m || words.some((w) => !/^\p{Lu}/u.test(w) || NOT_A_TITLE_NAME.test(w))) continue;
      const start = b.start + lead + m.index + m[0].indexOf(m[1]);
      const again = new RegExp(
        String.raw`(?<![\p{L}\d])${m[1].replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\p{L}\d])`,
        "gu",
      );
      const elsewhere = [...doc.flat.matchAll(again)].some((x) => (x.index ?? 0) >= b.end);
      if (elsewhere) return { role: "PROCESSOR", start, end: start + m[1].length, how: "title" };
    }
  }
  return null;
}

/**
 * A role said as a kind of body, not a name: "the Organization", "the Customer's organisation", "your company". The
 * party is unnamed there. ("Kunden" is kept: documents define it as the party's name.)
 */
const GENERIC_PARTY = new RegExp(
  String.raw`^(?:(?:the|your|our|its|this|den|din|jeres)\s+)?(?:(?:customer|client|controller|kunde(?:n|ns)?)['’]?s?` +
    String.raw`\s+)?(?:organi[sz]ation|organisationen|company|business|entity|virksomhed(?:en)?)$`,
  "i",
);

/** The customer by its word ("the Subscriber", "Customer", "you"), which names no processor. */
export const CUSTOMER_WORD = /^(?:(?:the|den)\s+)?(?:customer|client|subscriber|user|licensee|kunden?|you)$/i;

/** Every party the non-cover forms name, the first reading per role. */
export function partiesInOtherForms(doc: DpaDocument): ExtractedParty[] {
  const out: ExtractedParty[] = [];
  const candidates = [
    ...labelled(doc),
    ...underRoleHeading(doc),
    ...inline(doc),
    ...definitional(doc),
    ...betweenCustomer(doc),
    ...weAre(doc),
    ...partyColumns(doc),
  ].sort((a, b) => a.start - b.start);
  // The roles after the names, and then the title, name the processor only when nothing else does.
  if (!candidates.some((c) => c.role === "PROCESSOR")) candidates.push(...rolesAfterNames(doc));
  const title = candidates.some((c) => c.role === "PROCESSOR") ? null : titleNamed(doc);
  if (title) candidates.push(title);
  const decided = new Set<PartyRole>();
  for (const c of candidates) {
    if (c.how === "address") continue;
    if (decided.has(c.role)) {
      // The party named again later with its legal name and address ("Playlyfe is the Processor", then "Playlyfe IT
      // Solutions Private Limited, 3rd Floor, …, Bengaluru"): the fuller reading, where the first gave no details.
      const i = out.findIndex((o) => o.role === c.role);
      const first = out[i];
      const again = doc.text.slice(c.start, c.end).replace(/^[*_\s]+/, "");
      if (!first || first.address || first.registrationNumber || !again.startsWith(`${first.name.value} `)) continue;
      const fuller = partyFrom(doc, c);
      // An address has a number (a street's, a postcode); a bracket's role ("(Processor)") is none.
      const address = fuller && fuller !== UNFILLED ? fuller.address : null;
      const longer = fuller && fuller !== UNFILLED && fuller.name.value.startsWith(first.name.value);
      if (fuller && fuller !== UNFILLED && longer && address && /\d/.test(address.value)) out[i] = fuller;
      continue;
    }
    if (c.how === "unfilled") {
      notePlaceholder(doc, `parties.${c.role}.name`, c.start, c.end);
      decided.add(c.role);
      continue;
    }
    let party = partyFrom(doc, c);
    // Lines after an inline party's marker in the same block: "Address: …", "CVR: …".
    const block = doc.blocks.find((b) => c.end >= b.start && c.end <= b.end);
    const after = block ? doc.text.slice(c.end, block.end) : "";
    const addressLine = /\n\s*(?:(?:registered|business|postal|company)\s+)?(?:address|adresse)\s*:\s*([^\n]+)/i.exec(
      after,
    );
    if (block) party = withNumberLine(doc, c, party, after);
    if (addressLine && block) {
      const start = c.end + (addressLine.index ?? 0) + addressLine[0].indexOf(addressLine[1]);
      if (isPlaceholder(addressLine[1]))
        notePlaceholder(doc, `parties.${c.role}.address`, start, start + addressLine[1].length);
      else if (party && party !== UNFILLED && !party.address)
        party = {
          ...party,
          address: {
            value: addressLine[1].trim(),
            citations: [cite(doc, start, start + addressLine[1].trim().length, c.how)],
            confidence: 0.75,
          },
          countryCode: party.countryCode ?? lastCountryIn(addressLine[1]),
        };
    }
    if (party === UNFILLED) {
      decided.add(c.role);
      continue;
    }
    // A generic word ("Company") names someone only where the document defines it as a company ('"Company" refers to
    // Gollum AI LLC').
    if (party && GENERIC_PARTY.test(party.name.value.replace(/[*_"“”]/g, "").trim())) {
      const resolved = resolveReference(doc, party);
      party = resolved.name.value !== party.name.value ? resolved : null;
    }
    if (!party) continue;
    // "between Umso and the Subscriber, Umso (as "data importer") and …": the customer, by whatever word the document
    // calls it, is never the processor; the reading runs back over the other party.
    if (c.role === "PROCESSOR" && CUSTOMER_WORD.test(party.name.value.replace(/[*_"“”]/g, "").trim())) continue;
    // One company is not both parties: a later reading that names the other role's party again is a misreading.
    const named = party.name.value;
    if (out.some((o) => o.role !== c.role && o.name.value === named)) continue;
    decided.add(c.role);
    const address = candidates.find((a) => a.how === "address" && a.role === c.role);
    // A row labelled as the party's address is its address, over a piece of the name's cell after a comma.
    const inRow =
      !!address && doc.blocks.some((x) => x.kind === "tableRow" && x.start <= address.start && address.end <= x.end);
    if (address && (!party.address || inRow)) {
      // A card's lines are its address's parts: "Street 6" / "12345 Town" is "Street 6, 12345 Town".
      const text = doc.text
        .slice(address.start, address.end)
        .split(/\s*\n\s*/)
        .filter(Boolean)
        .map((l) => l.replace(/,\s*$/, ""))
        .join(", ")
        .replace(/\s+/g, " ")
        .trim();
      if (text && !isPlaceholder(text))
        party = {
          ...party,
          address: { value: text, citations: [cite(doc, address.start, address.end, c.how)], confidence: 0.75 },
          countryCode: party.countryCode ?? lastCountryIn(text),
        };
    }
    out.push(party);
  }
  return out;
}

/** A card's field on a line of its own under the party's line: its address, number, contact, or a blank for one. */
const CARD_LINE = new RegExp(
  String.raw`^\s*(?:(?:(?:registered|business|postal|company)\s+)?(?:address|adresse)|contact|e-?mail|phone|tel` +
    String.raw`|company\s+(?:registration\s+)?(?:no\.?|number)|registration\s+(?:no\.?|number)|cvr|vat)\b|^\s*\[` +
    String.raw`[^\]\n]+\]\s*$`,
  "i",
);

/**
 * The party's number on a line of its own under the line that names it ("Software Systems Limited ("Processor")",
 * "Registered Address: …", "Company Number: 14466340"), among the card's field lines right under it; a blank that
 * names the field ("[Company Number/Registration Details if applicable]") is the number left unfilled.
 */
function withNumberLine(
  doc: DpaDocument,
  c: PartyText,
  party: ExtractedParty | null | typeof UNFILLED,
  after: string,
): ExtractedParty | null | typeof UNFILLED {
  const lines = [...after.matchAll(/\n([^\n]*)/g)];
  for (const l of lines) {
    if (!CARD_LINE.test(l[1])) break;
    const at = c.end + (l.index ?? 0) + 1;
    const blank = /^\s*(\[[^\]\n]*\b(?:company|registration|cvr|vat)\b[^\]\n]*\])\s*$/i.exec(l[1]);
    if (blank && isPlaceholder(blank[1])) {
      const start = at + l[1].indexOf(blank[1]);
      notePlaceholder(doc, `parties.${c.role}.registrationNumber`, start, start + blank[1].length);
      continue;
    }
    const number = CONTACT_NUMBER.exec(l[1]);
    if (!number || number.index > 4 || !party || party === UNFILLED || party.registrationNumber) continue;
    const value = number[2].replace(/\s+/g, "");
    if (DUMMY_NUMBER.test(value.replace(/[.]/g, ""))) continue;
    const start = at + number.index + number[0].lastIndexOf(number[2]);
    return {
      ...party,
      registrationNumber: { value, citations: [cite(doc, start, start + number[2].length, c.how)], confidence: 0.75 },
      registrationScheme: schemeOf(number[1], value),
    };
  }
  return party;
}

/**
 * A party whose number or address is missing where it is named takes them from a line elsewhere that
 * names it with them: a page footer or contact line ("LiveCloud ApS · CVR 45944719 · Søndervang 2, 4100
 * Ringsted"). Only a line where the name is followed at once by a registration number counts.
 */
export function withDetailsElsewhere(doc: DpaDocument, party: ExtractedParty): ExtractedParty {
  if (party.registrationNumber && party.address) return party;
  const name = party.name.value.trim();
  if (!name || isPlaceholder(name)) return party;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const re = new RegExp(`(?<![\\p{L}\\d])${escaped}\\s*(?:[·,|–—-]|\\()\\s*(?:cvr|vat|se-nr|org)`, "giu");
  for (const m of doc.text.matchAll(re)) {
    const start = m.index ?? 0;
    if (party.name.citations.some((c) => c.start === start)) continue;
    const lineEnd = doc.text.indexOf("\n", start);
    const found = partyFrom(doc, {
      role: party.role,
      start,
      end: lineEnd < 0 ? doc.text.length : lineEnd,
      how: referenceAt(doc, start),
    });
    if (!found || found === UNFILLED || found.name.value !== name || !found.registrationNumber) continue;
    if (party.registrationNumber && party.registrationNumber.value !== found.registrationNumber.value) continue;
    return merged(party, found);
  }
  // A contact block that starts with the name, its address and number after it in the same paragraph
  // ("ARTELL SOLUÇÕES TECNOLÓGICAS LTDA / R 72, …, Goiânia, GO, Brazil, CEP 74805-480 / CNPJ: 53.540.982/0001-70").
  for (const b of doc.blocks) {
    if (b.kind === "tableRow") continue;
    // The name may stand in bold on the block's first line ("**Brevdue Ltd**" over its address and number).
    const markup = /^[*_]*/.exec(doc.flat.slice(b.start, b.start + 3))?.[0].length ?? 0;
    if (doc.flat.slice(b.start + markup, b.start + markup + name.length) !== name) continue;
    if (party.name.citations.some((c) => c.start === b.start || c.start === b.start + markup)) continue;
    const after = b.start + markup + name.length;
    const close = /^[*_]*/.exec(doc.flat.slice(after, after + 3))?.[0].length ?? 0;
    const rest = doc.flat.slice(after + close, b.end);
    const reg = CONTACT_NUMBER.exec(rest);
    if (!reg || DUMMY_NUMBER.test(reg[2].replace(/[\s.]/g, ""))) continue;
    const at = after + close + reg.index + reg[0].indexOf(reg[2]);
    const value = reg[2].replace(/\s+/g, "");
    if (party.registrationNumber && party.registrationNumber.value !== value) continue;
    const lead = rest.length - rest.trimStart().length;
    const written = rest.slice(lead, reg.index).replace(/[\s,;:]+$/, "");
    const addressAt = after + close + lead;
    const how = referenceAt(doc, b.start);
    const scheme = schemeOf(reg[1], value);
    const found: ExtractedParty = {
      ...party,
      registrationNumber: { value, citations: [cite(doc, at, at + value.length, how)], confidence: 0.75 },
      registrationScheme: scheme,
      address:
        /\d/.test(written) && written.length <= 200 && !CONTACT.test(written)
          ? {
              value: written.replace(/\s+/g, " "),
              citations: [cite(doc, addressAt, addressAt + written.length, how)],
              confidence: 0.7,
            }
          : null,
      // "Acme WORKS, an enterprise registered in Malaysia (SSM Reg. No. …)": where it is registered, if no address.
      countryCode: lastCountryIn(written) ?? countryOfRegistration(written) ?? (scheme === "CVR" ? "DK" : null),
    };
    return merged(party, found);
  }
  return party.address
    ? party
    : withFooterPlace(
        doc,
        withContactSection(doc, withAddressLines(doc, withLabelledAddress(doc, withCardAddress(doc, party)))),
      );
}

/** A section that only gives the document's contact ("13. Contact", "Contact Us", "Contact information"). */
const CONTACT_HEADING = /^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?contact(?:\s+(?:us|information|details))?\s*:?\s*$/i;

/**
 * The processor's own document ends with where to reach it ("13. Contact" over "- Email: …" and "- Address: 100
 * Peachtree Street NW, Suite 1500, Atlanta, GA 30303, USA"): the labelled address line there is the processor's, for
 * a processor that has none.
 */
function withContactSection(doc: DpaDocument, party: ExtractedParty): ExtractedParty {
  if (party.address || party.role !== "PROCESSOR") return party;
  const at = doc.blocks.findIndex(
    (b) => b.kind === "heading" && CONTACT_HEADING.test(doc.flat.slice(b.start, b.end).replace(/[*_#]/g, "")),
  );
  if (at < 0) return party;
  for (const b of doc.blocks.slice(at + 1, at + 10)) {
    if (b.kind === "heading") break;
    const text = doc.flat.slice(b.start, b.end);
    const m =
      /^\s*(?:[-•*]\s+)?(?:(?:postal|mailing|business|registered|office)\s+)?address\s*:\s*([^\n]{6,160}?)\s*$/im.exec(
        text,
      );
    const under = m ? null : addressUnderLabel(doc, b);
    if (under?.value) return withAddressSpan(doc, party, under.start, under.end, under.value);
    const card = m || under ? null : addressAfterName(doc, party, b);
    if (card) return withAddressAt(doc, party, card.start, card.value, CONTACT_NOTE);
    if (under) continue;
    if (!m || !/\d/.test(m[1]) || isPlaceholder(m[1])) continue;
    const found = withAddressAt(doc, party, b.start + m.index + m[0].lastIndexOf(m[1]), m[1], CONTACT_NOTE);
    return {
      ...found,
      countryCode: found.countryCode ?? (US_STATE_CODE.test(m[1].replace(/,\s*USA?$/, "")) ? "US" : null),
    };
  }
  return party;
}
/**
 * The party's name opening a contact block, its address straight after ("**Acme SAS** 42 Rue Neuve 75008 Paris,
 * France Email: …"): up to the first contact word or the line's end, where it holds a postcode and town.
 */
function addressAfterName(doc: DpaDocument, party: ExtractedParty, b: Block): { start: number; value: string } | null {
  const name = party.name.value.trim();
  const text = doc.flat.slice(b.start, b.end);
  const lead = /^\s*(?:[-•*]\s+)?[*_]*/.exec(text)?.[0].length ?? 0;
  if (!name || text.slice(lead, lead + name.length) !== name) return null;
  const after = /^[*_]*[ \t]*,?[ \t]*/.exec(text.slice(lead + name.length))?.[0].length ?? 0;
  const from = lead + name.length + after;
  const rest = text.slice(from);
  const stop = CARD_EXTRAS.exec(rest);
  const value = rest.slice(0, stop ? stop.index : rest.length).replace(/[\s,;:|·-]+$/, "");
  if (!POSTCODE_TOWN.test(value) || value.length > 160 || isPlaceholder(value)) return null;
  // One line of the text as written, so the citation is its exact span.
  if (doc.text.slice(b.start + from, b.start + from + value.length) !== value) return null;
  return { start: b.start + from, value };
}

/**
 * "Office Address:" alone on its line, the address on the lines under it ("48 Olympia Way," / "CT5 3FF, Whitstable," /
 * "United Kingdom"), up to a contact line or the block's end: the lines as one address.
 */
function addressUnderLabel(doc: DpaDocument, b: Block): { start: number; end: number; value: string } | null {
  const text = doc.text.slice(b.start, b.end);
  const label =
    /^[ \t]*(?:[-•*][ \t]+)?(?:(?:postal|mailing|business|registered|office)[ \t]+)?address[ \t]*:[ \t]*\n/im.exec(
      text,
    );
  if (!label) return null;
  const lines = [...text.slice(label.index + label[0].length).matchAll(/[^\n]+/g)].slice(0, 4);
  const taken: typeof lines = [];
  for (const l of lines) {
    if (!l[0].trim() || /@|https?:|www\.|^\s*\+?[\d\s().-]{7,}$/i.test(l[0]) || CARD_EXTRAS.test(l[0])) break;
    taken.push(l);
  }
  if (!taken.length || !taken.some((l) => /\d/.test(l[0])) || taken.some((l) => isPlaceholder(l[0].trim())))
    return { start: 0, end: 0, value: "" };
  const from = b.start + label.index + label[0].length;
  const start = from + (taken[0].index ?? 0) + (taken[0][0].length - taken[0][0].trimStart().length);
  const last = taken[taken.length - 1];
  const end = from + (last.index ?? 0) + last[0].trimEnd().length;
  return { start, end, value: taken.map((l) => l[0].trim()).join(" ") };
}

function withAddressSpan(doc: DpaDocument, party: ExtractedParty, start: number, end: number, value: string) {
  return {
    ...party,
    address: {
      value,
      citations: [cite(doc, start, end, referenceAt(doc, start))],
      confidence: 0.7,
      note: CONTACT_NOTE,
    },
    countryCode: party.countryCode ?? lastCountryIn(value),
  };
}

export const CARD_TOWN_NOTE = "Read from the contact block: the town and country on the line after the name.";
const CONTACT_NOTE = "Read from the document's contact section, which gives the processor's address.";

/**
 * A footer that names the party and then its town ("LolaDesk · Miami Beach, Florida · All legal documents"), or its
 * street and town ("© 2026 Acme, LLC · 1 Main St, Tampa, FL 33614 · (813) …"): the place after the dot, a town and
 * its state or country, is the party's address, for a party that has none.
 */
function withFooterPlace(doc: DpaDocument, party: ExtractedParty): ExtractedParty {
  if (party.address || party.role !== "PROCESSOR") return party;
  const name = party.name.value.trim();
  if (!name || isPlaceholder(name)) return party;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const re = new RegExp(String.raw`(?<![\p{L}\d])${escaped}\s+·\s+([^·|\n]{4,80}?)\s*(?=·|\||$)`, "gmu");
  for (const m of doc.flat.matchAll(re)) {
    const place = m[1];
    const pieces = place.split(/\s*,\s*/);
    // "KnockIQ, LLC · 4609 N Clark Ave, Tampa, FL 33614 · (813) …": a street and a town with its state's code.
    const state =
      (pieces.length === 2 && US_STATE.test(pieces[1]) && pieces[1].split(/\s+/).length <= 2) ||
      (pieces.length >= 2 && /\d/.test(pieces[0]) && US_STATE_CODE.test(place));
    if (!state && !placeAndCountry(place)) continue;
    const at = (m.index ?? 0) + m[0].lastIndexOf(place);
    const found = withAddressAt(doc, party, at, place, "Read from the footer that names the party and its town.");
    return { ...found, countryCode: found.countryCode ?? (state ? "US" : null) };
  }
  return party;
}

/**
 * A contact block whose first line is the party's name alone, its street and town on lines of their own before the
 * contact lines ("Twomiah Software Ventures" / "Jeremiah Phillips" / "2607 Beverly Hills Drive" / "Eau Claire, WI
 * 54701" / "support@…"): the address is the lines from the first with a number to the town's (and a country's line
 * after it); a person's line before the street is no part of it.
 */
function withAddressLines(doc: DpaDocument, party: ExtractedParty): ExtractedParty {
  if (party.address) return party;
  const name = party.name.value.trim();
  for (const b of doc.blocks) {
    if (b.kind === "tableRow") continue;
    const text = doc.text.slice(b.start, b.end);
    const lines = [...text.matchAll(/[^\n]+/g)].map((m) => ({ at: b.start + (m.index ?? 0), text: m[0].trim() }));
    if (lines.length < 3 || lines[0].text.replace(/[*_]/g, "").trim() !== name) continue;
    const card: typeof lines = [];
    for (const l of lines.slice(1)) {
      if (/@|https?:|www\./i.test(l.text) || CARD_EXTRAS.test(l.text) || /^\+?[\d\s().-]{7,}$/.test(l.text)) break;
      card.push(l);
    }
    const town = (l: { text: string }) => POSTCODE_TOWN.test(l.text) || US_STATE_CODE.test(l.text);
    // "Kraapht Bags Ltd" / "Accra, Ghana" / "Email: …": no street, the town and its country on the line after the
    // name are where the party is.
    if (!card.some((l) => /\d/.test(l.text)) && card.length === 1 && placeAndCountry(card[0].text)) {
      const at = card[0].at + doc.text.slice(card[0].at).indexOf(card[0].text);
      return withAddressAt(doc, party, at, card[0].text, CARD_TOWN_NOTE);
    }
    const first = card.findIndex((l) => /\d/.test(l.text));
    let last = card.map(town).lastIndexOf(true);
    if (first < 0 || last < first || last - first > 3 || card.slice(first, last + 1).some((l) => isPlaceholder(l.text)))
      continue;
    if (card[last + 1] && onlyACountry(card[last + 1].text)) last += 1;
    const start = card[first].at;
    const end = card[last].at + doc.text.slice(card[last].at).indexOf(card[last].text) + card[last].text.length;
    const value = card
      .slice(first, last + 1)
      .map((l) => l.text.replace(/,\s*$/, ""))
      .join(", ");
    return {
      ...party,
      address: {
        value,
        citations: [cite(doc, start, end, referenceAt(doc, start))],
        confidence: 0.65,
        note: "Read from the contact block that names the party, its street and town on lines of their own.",
      },
      countryCode: party.countryCode ?? lastCountryIn(value) ?? (US_STATE_CODE.test(card[last].text) ? "US" : null),
    };
  }
  return party;
}

/**
 * A party named elsewhere with the register that holds it and its number there ("Acme, a company with its registered
 * office in …, registered with the Crossroads Bank for Enterprises under number 0123.456.789"): the number, for a
 * party that has none. Only in the sentence that opens with the party's name.
 */
export function withRegisterNumber(doc: DpaDocument, party: ExtractedParty): ExtractedParty {
  if (party.registrationNumber) return party;
  const name = party.name.value.trim();
  if (!name || isPlaceholder(name)) return party;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const re = new RegExp(
    String.raw`(?<![\p{L}\d])${escaped},\s+(?:an?\s+)?[^.;()\n]{0,200}?(?:registered|entered|inscribed)\s+(?:with|i` +
      String.raw`n|at)\s+[^;\n]{2,160}?\s+under\s+(?:the\s+)?(?:(?:company|registration|enterprise)\s+)?(?:number|` +
      String.raw`no\.?)\s+([A-Z]{0,3}\s?\d[\d.\s/-]{3,20}\d)(?![\p{L}\d])`,
    "u",
  );
  const m = re.exec(doc.flat);
  if (!m || DUMMY_NUMBER.test(m[1].replace(/[\s.]/g, ""))) return party;
  const at = (m.index ?? 0) + m[0].lastIndexOf(m[1]);
  const value = m[1].replace(/\s+/g, "");
  return {
    ...party,
    registrationNumber: { value, citations: [cite(doc, at, at + m[1].length, referenceAt(doc, at))], confidence: 0.7 },
    registrationScheme: schemeOf("", value),
  };
}

/**
 * A party given as labelled lines, as the SCCs' Annex I lists the parties ("Name: Acme LLC" and under it "Address:
 * 12 Main Street, Springfield, USA"): the address line that follows the line naming the party, before another name.
 */
function withLabelledAddress(doc: DpaDocument, party: ExtractedParty): ExtractedParty {
  if (party.address) return party;
  const name = party.name.value.trim();
  const blocks = doc.blocks.filter((b) => b.kind !== "tableRow");
  for (const [i, b] of blocks.entries()) {
    const text = doc.flat.slice(b.start, b.end);
    const line = /^\s*(?:\*\*)?(?:name|navn)(?:\*\*)?\s*:\s*(?:\*\*)?\s*(.+?)\s*$/iu.exec(text);
    // A contact block's first line may be the name alone, its short name in a bracket ("COREPROCESS Corp.
    // (COREPROCESS)" over "Address: …" and "Business Registration No.: …").
    const alone = /^\s*[*_]*(.+?)[*_]*(?:\s*\([^()\n]{1,40}\))?\s*$/u.exec(text);
    const named = (line && line[1].replace(/[*_]/g, "").trim() === name) || alone?.[1].trim() === name;
    if (!named) continue;
    let found = party;
    for (const next of blocks.slice(i + 1, i + 4)) {
      const text = doc.flat.slice(next.start, next.end);
      if (/^\s*(?:\*\*)?(?:name|navn)\s*:/iu.test(text)) break;
      // Its number on a labelled line of its own ("Business Registration No.: 101-86-46676"), the label first.
      const number = line ? null : CONTACT_NUMBER.exec(text);
      const labelled =
        number && number.index <= 12 && /:\s*$/.test(text.slice(0, number.index + number[0].lastIndexOf(number[2])));
      if (number && labelled && !found.registrationNumber) {
        const value = number[2].replace(/\s+/g, "");
        if (DUMMY_NUMBER.test(value.replace(/[.]/g, ""))) continue;
        const at = next.start + number.index + number[0].lastIndexOf(number[2]);
        const how = referenceAt(doc, at);
        found = {
          ...found,
          registrationNumber: { value, citations: [cite(doc, at, at + number[2].length, how)], confidence: 0.7 },
          registrationScheme: schemeOf(number[1], value),
        };
        continue;
      }
      const m = /^\s*(?:\*\*)?(?:address|adresse)(?:\*\*)?\s*:\s*(?:\*\*)?\s*([^\n]{4,200}?)\s*$/iu.exec(text);
      if (!m || isPlaceholder(m[1]) || !/\d/.test(m[1]) || found.address) continue;
      const at = next.start + m[0].lastIndexOf(m[1]);
      found = withAddressAt(doc, found, at, m[1], "Read from the labelled lines that name the party and its address.");
    }
    if (found !== party) return found;
  }
  return party;
}

const CARD_EXTRAS = /(?<![\p{L}])(?:tlf|telefon|phone|tel|e-?mail|www|web|kontakt|contact|cvr|vat|org)(?![\p{L}])/iu;

/** A postcode and town: "4760 Vordingborg", "DK-2100 København Ø", "10115 Berlin". */
const POSTCODE_TOWN = /(?<![\p{L}\d])(?:[A-Z]{1,2}-)?\d{4,5}\s+\p{Lu}/u;

/**
 * A place and the country it is in, with no postcode ("Nyeri County, Kenya", "West Palm Beach, Florida, USA"): the
 * last piece after a comma a country's name alone, the place before it a few capitalised words.
 */
const placeAndCountry = (text: string) => {
  const pieces = text.split(/\s*,\s*/);
  const last = pieces[pieces.length - 1];
  return (
    pieces.length >= 2 &&
    pieces.length <= 4 &&
    last.split(/\s+/).length <= 3 &&
    !!countryIn(last) &&
    pieces.slice(0, -1).every((p) => /^\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}$/u.test(p))
  );
};

/**
 * A party card whose first line is the name followed by its address and nothing else ("SkoleMate ApS, Fragevej 58,
 * 4760 Vordingborg, Danmark" on a line of its own, 'herefter "SkoleMate"' under it): the address.
 */
function withCardAddress(doc: DpaDocument, party: ExtractedParty): ExtractedParty {
  const name = party.name.value.trim();
  for (const b of doc.blocks) {
    if (b.kind === "tableRow" || doc.flat.slice(b.start, b.start + name.length) !== name) continue;
    // The card's defined terms after the address ('("Processor" or "Bulwark")'), on its line or the next: none of it.
    const rest = doc.flat.slice(b.start + name.length, b.end).replace(/\s*\(\s*["“][^()\n]*\)\s*$/u, "");
    const m = /^\s*,\s*([^.;:()\n"“”@]{4,160}?)\s*$/u.exec(rest);
    // Only an address: a line that goes on with a phone, a web address or a number is a contact line.
    if (!m || !(POSTCODE_TOWN.test(m[1]) || placeAndCountry(m[1])) || isPlaceholder(m[1]) || CARD_EXTRAS.test(m[1]))
      continue;
    const at = b.start + name.length + m[0].indexOf(m[1]);
    return withAddressAt(doc, party, at, m[1], "Read from the line that names the party with its address.");
  }
  return party;
}

/** The party with the address `value` read at `at` (and the country the address ends with, if it had none). */
function withAddressAt(
  doc: DpaDocument,
  party: ExtractedParty,
  at: number,
  value: string,
  note: string,
): ExtractedParty {
  return {
    ...party,
    address: { value, citations: [cite(doc, at, at + value.length, referenceAt(doc, at))], confidence: 0.7, note },
    countryCode: party.countryCode ?? lastCountryIn(value),
  };
}

/**
 * What may stand between a name and the words on its registration: "a company", "et dansk selskab"; a sentence's
 * verb ("Venditas is established in India", "Acme er registreret i Danmark").
 */
const APPOSITION = new RegExp(
  // The company's number may come first, filled or blank ("Acme Ltd, company number 12345678, registered in England
  // and Wales", "company number __________, registered in …"): the registration follows it.
  String.raw`^(?:(?:company|registration|reg\.?)\s+(?:number|no\.?)\s*:?\s*[^,;()\n]{1,40},\s+)?(?:(?:an?|et|en)` +
    String.raw`\s+(?:[\p{L}-]+\s+){0,4}|(?:with|having)\s+(?:its\s+)?|med\s+|is\s+|er\s+)?$`,
  "iu",
);

/**
 * A party whose country no address gives takes the country it is registered in where the document names it with
 * that ("The Processor is Acme LLC, a company registered in Maine, United States").
 */
export function withRegistrationCountry(doc: DpaDocument, party: ExtractedParty): ExtractedParty {
  const name = party.name.value.trim();
  if (party.countryCode || !name || isPlaceholder(name)) return party;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  // The name may stand in bold with its defined terms in a bracket, the registration on the next line ("**Dairy
  // Capital Limited** ("Processor", "we") / Registered in the United Kingdom"), or close a brand's bracket ("Ekwo
  // (Karuna Co OÜ), a company registered in Estonia").
  // A footer's dots may part the name from it ("Aetas Partners Limited · Registered in England & Wales · …").
  const after = String.raw`\)?(?:\*\*|__)?\s*(?:\([^()\n]{0,160}\)\s*)?(?:,|\s[·|])?\s+([^;\n·|]{2,160})`;
  // The processor that calls itself "we" ('Agent Atlas ("Agent Atlas," "we," "us")') says where it is as "We are
  // located in the United States".
  const we = party.role === "PROCESSOR" && new RegExp(`${escaped}[*_]*\\s*\\([^()]*["“]we[,"”]`, "iu").test(doc.flat);
  const names = we ? `(?:${escaped}|We(?= are))` : escaped;
  for (const m of doc.flat.matchAll(new RegExp(`(?<![\\p{L}\\d])${names}${after}`, "gu"))) {
    const registered = REGISTERED_IN.exec(m[1]);
    if (!registered || !APPOSITION.test(m[1].slice(0, registered.index).replace(/^are\s+/, "is "))) continue;
    const country = countryOfRegistration(m[1]);
    if (country) return { ...party, countryCode: country };
  }
  return party;
}

/** An address ending in a US state's code and ZIP ("…, Austin, TX 78701") that no country was read from is American. */
export function withUsState(party: ExtractedParty): ExtractedParty {
  if (party.countryCode || !party.address || !US_STATE_CODE.test(party.address.value.trim())) return party;
  return { ...party, countryCode: "US" };
}

/** A registration number in a contact block: its label, then the number (digits with their punctuation). */
const CONTACT_NUMBER = new RegExp(
  String.raw`\b(cvr(?:-?\s?nr\.?)?|vat(?:\s?no\.?)?|org\.?\s?nr\.?|company\s(?:registration\s)?(?:no\.?|number)|re` +
    String.raw`gistration\s(?:no\.?|number)|cnpj|business\sid|reg\.?\s?no\.?` +
    // Other countries' registers by their own labels: the Dutch KvK, an Indian CIN, Companies House, a Handelsregister.
    String.raw`|kvk(?:-nummer)?|cin|companies\shouse\s(?:no\.?|number)|organisationsnummer|hrb)\s*[:.]?\s*` +
    String.raw`([A-Z]{0,2}\d[\d .\/-]{4,}\d|[LU]\d{5}[A-Z]{2}\d{4}[A-Z]{3}\d{6})`,
  "i",
);

function merged(party: ExtractedParty, found: ExtractedParty): ExtractedParty {
  const note = "Read from another place that names the party with its number.";
  return {
    ...party,
    registrationNumber: party.registrationNumber ?? { ...found.registrationNumber!, note },
    registrationScheme: party.registrationScheme ?? found.registrationScheme,
    address: party.address ?? (found.address ? { ...found.address, note } : null),
    countryCode: party.countryCode ?? found.countryCode,
  };
}
