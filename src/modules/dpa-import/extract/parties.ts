// The parties on the cover page: each block of lines (name, CVR, address) ends with the role the
// template gives it: 'herefter "den dataansvarlige"', 'er "databehandleren"', '("the processor")'.
import type { ExtractedParty, PartyRole, RegistrationScheme } from "../draft.types";
import { cite, findAll, type DpaDocument } from "./sections";
import { countryIn, COUNTRY_PHRASES, findPhrases, lastCountryIn } from "./vocabulary";
import { isPlaceholder, notePlaceholder, openingField, PLACEHOLDER } from "./placeholders";
import {
  CARD_TOWN_NOTE,
  DUMMY_NUMBER,
  partiesInOtherForms,
  resolveReference,
  withDetailsElsewhere,
  withRegisterNumber,
  withRegistrationCountry,
  CUSTOMER_WORD,
  withUsState,
} from "./party-forms";
import { withProcessorAddress } from "./processor-address";

const ROLE_MARKER = new RegExp(
  String.raw`(?:herefter|er|hereinafter|is|as)?\s*\(?\s*(?:referred to as\s+)?["“”]\s*(den dataansvarlige|d` +
    String.raw`atabehandleren|underdatabehandleren|the data controller|the controller|the data processor|the ` +
    String.raw`processor|the sub-processor)\s*["“”]\)?` +
    // "(the "Data Processor")": the article outside the quotes, the bracket closed on the same line.
    String.raw`|\(\s*the\s+["“”](data processor|data controller)\s*["“”]\)`,
  "gi",
);

function roleOf(marker: string): PartyRole {
  const m = marker.toLowerCase();
  if (m.includes("underdatabehandler") || m.includes("sub-processor")) return "SUBPROCESSOR";
  if (m.includes("dataansvarlig") || m.includes("controller")) return "CONTROLLER";
  return "PROCESSOR";
}

export interface PartyMarker {
  role: PartyRole;
  start: number;
  end: number;
}

/** The role markers on the cover page, one per party, in order. */
export function partyMarkers(doc: DpaDocument): PartyMarker[] {
  const markers: PartyMarker[] = [];
  for (const f of findAll(doc, ROLE_MARKER, doc.cover.start, doc.cover.end)) {
    const role = roleOf(f.match[1] ?? f.match[2]);
    if (markers.some((m) => m.role === role)) continue;
    markers.push({ role, start: f.start, end: f.end });
  }
  return markers;
}

/** The labels of a company's registration number on a card. */
const REGISTRATION_LABEL =
  String.raw`CVR(?:-nr\.?| nr\.?| no\.?|-?nummer)?|Company (?:registration )?(?:no\.?|number)|Reg\.? no\.?|` +
  String.raw`Org\.? ?nr\.?|VAT(?: no\.?)?|SE-nr\.?`;
const REGISTRATION = new RegExp(String.raw`^(${REGISTRATION_LABEL})\s*[:.]?\s*([A-Z]{0,2}\s?\d[\d ]{4,}\w*)\s*$`, "i");
const CONTACT_LINE = /(@|^\s*(kontakt|contact|tlf|telefon|phone|e-?mail|att\.?|attn\.?)\b)/i;
// Also closing the party before: "(the "Company") and".
const CONNECTIVE = /^\s*(?:\([^()]{1,60}\)\s*)?[,;]?\s*(mellem|between|og|and)\s*[:,]?\s*$/i;
const LABEL_ONLY = /^\s*[\p{L} ]{2,40}:\s*$/u;
/** A registration label with no number after it ("CVR", "CVR-nr.:", "CVR-nr [XX]"): an unfilled field, never a name. */
const EMPTY_REGISTRATION = new RegExp(
  String.raw`^\s*(CVR(?:-?nr\.?|-?nummer| nr\.?| no\.?)?|VAT(?: no\.?)?|SE-nr\.?|Org\.? ?nr\.?|Company (?:reg` +
    String.raw`istration )?(?:no\.?|number))\s*[:.]?\s*(?:\[[^\]\n]{0,40}\])?\s*$`,
  "i",
);

interface Line {
  start: number;
  end: number;
  text: string;
}

function blockLines(doc: DpaDocument, from: number, to: number): Line[] {
  const lines: Line[] = [];
  let start = from;
  for (const raw of doc.text.slice(from, to).split("\n")) {
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (text) lines.push(...cardFields({ start: start + lead, end: start + lead + text.length, text }));
    start += raw.length + 1;
  }
  return lines;
}

/** A registration label inside a line, with its number or unfilled field ("CVR-nr 12345678", "Company no [XX]"). */
const REGISTRATION_INSIDE = new RegExp(
  String.raw`\s(?:${REGISTRATION_LABEL})\s*[:.]?\s*(?:[A-Z]{0,2}\s?\d[\d ]{3,}\d\b|\[[^\]\n]{1,40}\])`,
  "i",
);

/**
 * A party's card run into one line (a browser's print, a paragraph without breaks: "Acme ApS CVR-nr [XX] [Adresse]
 * DK-[postnr] [by]"), as the card's lines: the name, the registration, the address. Other lines are kept whole.
 */
function cardFields(line: Line): Line[] {
  const m = REGISTRATION_INSIDE.exec(line.text);
  if (!m || m.index === 0 || /[.:;]$/.test(line.text.slice(0, m.index))) return [line];
  const cut = (from: number, to: number): Line[] => {
    const piece = line.text.slice(from, to);
    const text = piece.trim();
    const at = line.start + from + (piece.length - piece.trimStart().length);
    return text ? [{ start: at, end: at + text.length, text }] : [];
  };
  const registrationEnd = m.index + m[0].length;
  // What is left after the registration is the address, up to a role marker's bracket ("(\"Databehandleren\")").
  const rest = line.text.slice(registrationEnd);
  const restEnd = registrationEnd + (/\s*\(/.exec(rest)?.index ?? rest.length);
  return [
    ...cut(0, m.index),
    ...cut(m.index, registrationEnd),
    ...cut(registrationEnd, restEnd),
    ...cut(restEnd, line.text.length),
  ];
}

export function countryOf(text: string): string | null {
  return findPhrases(text, COUNTRY_PHRASES, true)[0]?.key ?? null;
}

function schemeOf(label: string, value: string): RegistrationScheme {
  if (/^[A-Z]{2}/.test(value) || /vat|se-nr/i.test(label)) return "VAT";
  if (/cvr/i.test(label)) return "CVR";
  return "COMPANY_NO";
}

/** The other party's card left unfilled ("Your Company's Name: ____"): its name and address marked as placeholders. */
function unfilledFieldsOfOther(
  doc: DpaDocument,
  card: { start: number; end: number; text: string }[],
  role: PartyRole,
) {
  // The fields may share one line when a Markdown paragraph joins them.
  for (const l of card)
    for (const m of l.text.matchAll(/\b(name|navn|address|adresse)\s*:\s*(?:_{3,}|\.{3,}|…+)/giu)) {
      const field = /^(name|navn)$/i.test(m[1]) ? "name" : "address";
      const at = l.start + (m.index ?? 0);
      notePlaceholder(doc, `parties.${role}.${field}`, at, at + m[0].length);
    }
}

/** One party: the lines between the previous marker (or "mellem") and this party's role marker. */
function readParty(doc: DpaDocument, marker: PartyMarker, blockStart: number): ExtractedParty | "unfilled" | null {
  // Text before the marker on its own line is the name ("Kunden (…) er "den dataansvarlige"").
  // Contact lines ("Kontakt: …", e-mail) are dropped before labels are stripped, so they never look like an address.
  // The party's card: the short lines right before its marker (a long paragraph is no card).
  const all = blockLines(doc, blockStart, marker.start);
  // The card opening a sentence ("This Agreement is entered into between: [School name], of …"), or closing the
  // party before ("; and Acme Ltd, of …"): the party is what follows "between" or "and".
  const last = all[all.length - 1];
  const lead = last && /^(?:.{12,}?\b(?:between|mellem)\s*:?|[;,]?\s*(?:and|og))\s+(?=\S)/iu.exec(last.text);
  if (lead)
    all[all.length - 1] = { start: last.start + lead[0].length, end: last.end, text: last.text.slice(lead[0].length) };
  let from = all.length;
  // (A sentence that opens the card is all of it: the lines before it are the document's.)
  if (lead && /between|mellem/i.test(lead[0])) from--;
  else while (from > 0 && all[from - 1].text.length <= 120 && all.length - from < 10) from--;
  // A line closing the party before ('(the "Company") and') ends that party: the card starts after it.
  const closing = all.findLastIndex((l, i) => i >= from && /\)\s*[,;]?\s*(og|and)\s*[:,]?\s*$/i.test(l.text));
  if (closing >= 0 && CONNECTIVE.test(all[closing].text)) {
    // The lines right before it are the other party's card, however long (a paragraph may join its fields).
    if (marker.role === "PROCESSOR")
      unfilledFieldsOfOther(doc, all.slice(Math.max(0, closing - 4), closing), "CONTROLLER");
    from = closing + 1;
  }
  const card = all.slice(from);
  const emptyRegistration = card.filter((l) => EMPTY_REGISTRATION.test(l.text));
  for (const l of emptyRegistration) notePlaceholder(doc, `parties.${marker.role}.registrationNumber`, l.start, l.end);
  const lines = card
    .filter((l) => !CONNECTIVE.test(l.text) && !LABEL_ONLY.test(l.text) && !CONTACT_LINE.test(l.text))
    .filter((l) => !EMPTY_REGISTRATION.test(l.text))
    .filter((l) => /[\p{L}\d]/u.test(l.text));
  const labelled = lines.map((l) => {
    const m = /^([\p{L} ]{2,30}):\s*(\S.*)$/u.exec(l.text);
    // "Databehandleren: Acme ApS" – drop the label, keep the value.
    if (m && !REGISTRATION.test(l.text)) {
      const offset = l.text.indexOf(m[2]);
      return { start: l.start + offset, end: l.end, text: m[2] };
    }
    return l;
  });
  // A line wholly in brackets ("(Kunden)") says who a party is, not its name.
  const nameLine = labelled.find((l) => !REGISTRATION.test(l.text) && !/^\(.*\)$/.test(l.text.trim()));
  if (!nameLine) {
    // Only an empty "CVR" label where the party should be: the party is unfilled.
    const at = emptyRegistration[0];
    if (!at) return null;
    notePlaceholder(doc, `parties.${marker.role}.name`, at.start, at.end);
    return "unfilled";
  }
  // "[School name], of [school address]": the name's own field is unfilled, whatever follows it.
  const leadingField = openingField(nameLine.text);
  if (isPlaceholder(nameLine.text) || leadingField) {
    notePlaceholder(
      doc,
      `parties.${marker.role}.name`,
      nameLine.start,
      nameLine.start + (leadingField ?? nameLine.text).length,
    );
    return "unfilled";
  }
  const nameText = nameLine.text
    .replace(/\s*\([^)]*\)\s*/g, " ")
    .replace(/\s+(er|is)$/i, "")
    .trim();
  const nameStart = nameLine.start;
  const nameEnd =
    nameStart +
    (nameLine.text.indexOf(nameText) >= 0 ? nameLine.text.indexOf(nameText) + nameText.length : nameLine.text.length);
  const reference = "preamble";
  const registrationLine = labelled.find((l) => REGISTRATION.test(l.text));
  let registration = registrationLine ? REGISTRATION.exec(registrationLine.text) : null;
  if (registration && registrationLine && DUMMY_NUMBER.test(registration[2].replace(/[\s.]/g, ""))) {
    notePlaceholder(doc, `parties.${marker.role}.registrationNumber`, registrationLine.start, registrationLine.end);
    registration = null;
  }
  const afterName = labelled.filter((l) => l !== nameLine && l !== registrationLine && l.start > nameLine.start);
  // Unfilled address fields ("[Adresse]", "DK-[postnr] [by]") are noted, never part of the address.
  const unfilledAddress = afterName.filter((l) => isPlaceholder(l.text));
  for (const l of unfilledAddress) notePlaceholder(doc, `parties.${marker.role}.address`, l.start, l.end);
  const addressLines = afterName.filter((l) => !unfilledAddress.includes(l));
  const address = addressLines.map((l) => l.text.replace(/,\s*$/, "")).join(", ");
  const registrationNumber = registration ? registration[2].replace(/\s+/g, "") : null;
  const scheme = registration ? schemeOf(registration[1], registrationNumber!) : null;
  return {
    role: marker.role,
    name: { value: nameText, citations: [cite(doc, nameStart, nameEnd, reference)], confidence: 0.9 },
    registrationNumber:
      registration && registrationLine
        ? {
            value: registrationNumber!,
            citations: [cite(doc, registrationLine.start, registrationLine.end, reference)],
            confidence: 0.95,
          }
        : null,
    registrationScheme: scheme,
    address: addressLines.length
      ? {
          value: address,
          citations: [cite(doc, addressLines[0].start, addressLines[addressLines.length - 1].end, reference)],
          confidence: 0.85,
        }
      : null,
    countryCode:
      countryOf(address) ??
      (scheme === "CVR" ? "DK" : null) ??
      countryOf(unfilledAddress.map((l) => l.text).join(", ")),
  };
}

/** Every party the document names: the template's cover page first, then the other forms. */
export function extractParties(doc: DpaDocument): ExtractedParty[] {
  const onCover = coverParties(doc);
  // A role whose card on the cover is left unfilled is unfilled: no other form's reading names it; nor does one
  // whose name read is a legal form alone, beside an unfilled field (noOneNamed).
  const unfilled = new Set(onCover.unfilled);
  const names = (p: ExtractedParty) => {
    const why = noOneNamed(doc, p);
    if (why === "unfilled") unfilled.add(p.role);
    return why === null;
  };
  const cover = onCover.parties.filter((p) => p.name.value.trim() !== "" && names(p));
  const roles = new Set([...cover.map((p) => p.role), ...unfilled]);
  const others = partiesInOtherForms(doc).filter(
    (p) => !roles.has(p.role) && (p.role !== "SUBPROCESSOR" || roles.size > 0) && names(p),
  );
  const found = [...cover, ...others];
  // The short name beside an unfilled legal name is the name as written: no defined term to resolve, no legal name.
  const shortName = found.some((p) => p.role === "PROCESSOR") ? [] : shortNameBesideUnfilled(doc);
  if (!found.some((p) => p.role === "PROCESSOR") && !shortName.length && !unfilled.has("PROCESSOR"))
    found.push(...roleLines(doc).filter(names));
  const chained = found.map((p) =>
    withUsState(
      withProcessorAddress(
        doc,
        withoutCountryAsAddress(
          withDanishPostcode(
            doc,
            withRegistrationCountry(
              doc,
              withRegisterNumber(
                doc,
                withDetailsElsewhere(doc, withLegalName(doc, withFullLegalName(doc, resolveReference(doc, p)))),
              ),
            ),
          ),
        ),
      ),
    ),
  );
  const parties = [...chained, ...shortName];
  const processor = parties.find((p) => p.role === "PROCESSOR");
  if (processor && !processor.address) unfilledAddressLine(doc);
  return parties;
}

/**
 * A GDPR role's own word ("Processor", "the Data Controller", "Databehandleren"), which names no one. ("Kunden", "the
 * Customer" do: a controller defined as the customer is named so.)
 */
const ROLE_WORD = new RegExp(
  String.raw`^(?:the |den )?(?:data |sub-?)?(?:processor|controller|importer|exporter)s?$|^(?:under)?(?:databeh` +
    String.raw`andler(?:en)?|dataansvarlig(?:e)?)$`,
  "iu",
);

/**
 * Why a party's "name" names no one, or null when it names someone. "role": it is only its role's word, the role's
 * defined term in a bracket read where the name is an unfilled field ("| **Processor** | `[LEGAL ENTITY NAME]`,
 * Norway ("**Processor**", "we") |"); where its line holds an unfilled field, the name is marked PLACEHOLDER there.
 * "unfilled": it is a legal form alone, what is left of "[COMPANY NAME] Ltd" once the field is taken out; the name is
 * marked PLACEHOLDER at the field before it.
 */
function noOneNamed(doc: DpaDocument, party: ExtractedParty): "role" | "unfilled" | null {
  const name = party.name.value.replace(/[*_"“”'’`]+/g, "").trim();
  const at = party.name.citations[0];
  const lineStart = at ? doc.text.lastIndexOf("\n", at.start - 1) + 1 : 0;
  const lineEnd = at ? doc.text.indexOf("\n", at.start) : -1;
  const line = at ? doc.text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd) : "";
  // A definition's tail read as a name ('… the purposes and means of processing. "Processor" (= …) processes'): a
  // sentence ends before the role's word, and no one is named.
  if (ROLE_WORD.test(name) || SENTENCE_THEN_ROLE.test(name)) {
    const unfilled = PLACEHOLDER.exec(line);
    if (unfilled) {
      const start = lineStart + unfilled.index;
      notePlaceholder(doc, `parties.${party.role}.name`, start, start + unfilled[0].length);
    }
    return "role";
  }
  // The controller called by the customer's word ("between Acme ("Processor") and the client ("Controller")") is
  // not named there; where a line elsewhere leaves its name to fill ("Controller = [CLIENT LEGAL NAME]"), the name is
  // marked PLACEHOLDER at that field. ("Kunden" stays a name: Danish documents define it as the party's.)
  if (party.role === "CONTROLLER" && CUSTOMER_WORD.test(name) && !DANISH_CUSTOMER.test(name)) {
    const field = UNFILLED_CONTROLLER.exec(doc.text);
    if (field) {
      const start = field.index + field[0].length - field[1].length;
      notePlaceholder(doc, "parties.CONTROLLER.name", start, start + field[1].length);
    }
    return "role";
  }
  if (!at || !LEGAL_FORM_ALONE.test(name)) return null;
  for (const field of line.matchAll(new RegExp(PLACEHOLDER.source, "gi"))) {
    const start = lineStart + field.index!;
    const end = start + field[0].length;
    if (!BESIDE.test(doc.text.slice(end, at.start))) continue;
    notePlaceholder(doc, `parties.${party.role}.name`, start, end);
    break;
  }
  return "unfilled";
}
/** "Kunden": Danish documents define it as the controller's name (see noOneNamed). */
const DANISH_CUSTOMER = /^(?:den\s+)?kunden?$/i;
/** A controller label whose value is a bracketed field ("Controller = [CLIENT LEGAL NAME]", "Controller: [●]"). */
const UNFILLED_CONTROLLER = /\b(?:data\s+)?controller[*_]*\s*[=:][*_\s]*(\[[^\]\n]{1,60}\])/i;
const SENTENCE_THEN_ROLE = /[.!?]\s+(?:the\s+)?(?:data\s+)?(?:processor|controller)$/iu;
/** Nothing but markup, quotes, a dash or an opening bracket between a field and a name: the two go together. */
const BESIDE = /^[\s*_`"“”'’(—–-]{0,12}$/;
/**
 * An address label whose value is an unfilled field ("**Physical Address:**" over "[Your Company Address]", "Adresse:
 * [indsæt adresse]"), where the processor is named without an address: the processor's address is unfilled. Only
 * where the document has one such label, so whose address it is stays plain.
 */
const ADDRESS_LABEL_LINE = new RegExp(
  String.raw`^[ \t]*[*_]*(?:(?:physical|postal|mailing|registered|business|office)\s+)?(?:address|adresse|postadress` +
    String.raw`e)[ \t]*:[ \t]*[*_]*[ \t]*(?:\n[ \t]*)?([^\n]+)`,
  "gimu",
);
function unfilledAddressLine(doc: DpaDocument): void {
  if ((doc.placeholders ?? []).some((p) => p.path === "parties.PROCESSOR.address")) return;
  const lines = [...doc.text.matchAll(ADDRESS_LABEL_LINE)];
  if (lines.length !== 1 || !isPlaceholder(lines[0][1].trim())) return;
  const start = (lines[0].index ?? 0) + lines[0][0].lastIndexOf(lines[0][1]);
  notePlaceholder(doc, "parties.PROCESSOR.address", start, start + lines[0][1].trimEnd().length);
}

/** "Antonis Christodoulou, Cyprus": a country named after the party is where it is, not its postal address. */
function withoutCountryAsAddress(party: ExtractedParty): ExtractedParty {
  const address = party.address?.value.replace(/[*_.,;:]+/g, " ").trim();
  // The town and country a contact card gives on its address line ("Kraapht Bags Ltd" / "Accra, Ghana") are the
  // address the party gives; in the sentence that names it ("VYRA, Stockholm, Sweden") they say where it is.
  const card = party.address?.note === CARD_TOWN_NOTE;
  const country =
    address && !card && !/\d/.test(address) && address.split(/\s+/).length <= 2 ? countryIn(address) : null;
  if (!country) return party;
  return { ...party, address: null, countryCode: party.countryCode ?? country };
}

/** A Danish postcode and town ("6700 Esbjerg", "DK-2100 København Ø"): four digits, the first not 0. */
const DANISH_POSTCODE = /(?<![\p{L}\d-])(?:DK-)?[1-9]\d{3}\s+\p{Lu}\p{Ll}/u;

/**
 * An address in a Danish agreement that gives a Danish postcode and town but no country ("Tarphagevej 34, 6700
 * Esbjerg") is in Denmark, as Danish addresses are written at home.
 */
function withDanishPostcode(doc: DpaDocument, party: ExtractedParty): ExtractedParty {
  const address = party.address?.value;
  if (party.countryCode || doc.language !== "da" || !address || !DANISH_POSTCODE.test(address)) return party;
  return { ...party, countryCode: "DK" };
}

/**
 * The processor's legal name left unfilled on its own line with the short name the line defines for it: "`[ENTITY
 * NAME]` ("Processor" / "Lumora")", "**Processor:** [Legal Entity Name] ("Lumora")", "[COMPANY NAME], trading as
 * Lumora ("Processor")". The document calls the party so throughout: that is its name until the field is filled
 * (the field stays marked PLACEHOLDER). A customer, "we", a role's word define no one.
 */
function shortNameBesideUnfilled(doc: DpaDocument): ExtractedParty[] {
  const flat = doc.flat ?? doc.text;
  const head = flat.slice(0, Math.min(flat.length, 4000));
  for (const m of head.matchAll(UNFILLED_THEN_BRACKET)) {
    const lineStart = flat.lastIndexOf("\n", m.index! - 1) + 1;
    const bracket = m[3].replace(/[*_`]+/g, "");
    const label = ROLE_LABEL.exec(flat.slice(lineStart, m.index!))?.[1] ?? "";
    const role = /\bprocessor\b/i.test(bracket) ? "PROCESSOR" : /\bcontroller\b/i.test(bracket) ? null : label;
    if (!/processor/i.test(role ?? "")) continue;
    const bracketAt = m.index! + m[0].lastIndexOf(m[3]);
    const terms = [...m[3].matchAll(/["“]([^"“”\n]{1,60})["”]/g)].map((q) => {
      const value = q[1].replace(/^[*_`\s]+|[*_`\s,;.]+$/g, "");
      const start = bracketAt + q.index! + q[0].indexOf(value);
      return { value, start };
    });
    const named = m[2] ? [{ value: m[2], start: m.index! + m[0].indexOf(m[2]) }] : [];
    const name = [...named, ...terms].find(
      (t) => t.value && t.value.split(/\s+/).length <= 4 && !GENERIC_TERM.test(t.value) && !isPlaceholder(t.value),
    );
    if (!name) continue;
    const field = new RegExp(PLACEHOLDER.source, "i").exec(m[1])!;
    notePlaceholder(doc, "parties.PROCESSOR.name", m.index! + field.index, m.index! + field.index + field[0].length);
    return [
      {
        role: "PROCESSOR",
        name: {
          value: name.value,
          citations: [cite(doc, name.start, name.start + name.value.length)],
          confidence: 0.6,
          note: "The party's legal name is left unfilled; its own line defines this name for it.",
        },
        registrationNumber: null,
        registrationScheme: null,
        address: null,
        countryCode: null,
      },
    ];
  }
  return [];
}
/** Unfilled fields (a name, then perhaps its address), a trading name, then the bracket with the defined terms. */
const UNFILLED_THEN_BRACKET = new RegExp(
  String.raw`((?:[*_\x60]*(?:${PLACEHOLDER.source})[*_\x60]*(?:,[ \t]*)?){1,4})[ \t]*` +
    String.raw`(?:(?:Ltd\.?|Limited|Inc\.?|LLC|GmbH|ApS|A\/S|AB|AS|B\.V\.)[ \t]*)?` +
    String.raw`(?:,?[ \t]*(?:trading as|t\/a|d\/b\/a|doing business as|operating as)[ \t]+[*_]*` +
    String.raw`([\p{L}\d][\p{L}\d.&' -]{0,40}?)[*_]*[ \t]*)?\(([^()\n]{1,160})\)`,
  "giu",
);
/** A role label opening the party's line ("**Data Processor**:", "- Processor:"). */
const ROLE_LABEL = /^[\s>*_#-]*(?:data\s+)?(processor|controller)[*_\s]*:/i;
/** Defined terms that name no one: a role, the customer, the service, a pronoun. */
const GENERIC_TERM = new RegExp(
  String.raw`^(?:the\s+)?(?:data\s+|sub-?)?(?:processor|controller|importer|exporter|customer|client|company|(?:se` +
    String.raw`rvice\s+)?provider|supplier|vendor|service|services|licensor|licensee|party|parties|agreement|dpa|we|` +
    String.raw`us|our|you|your|leverandøren|kunden|databehandleren|dataansvarlige|virksomheden|selskabet)$`,
  "iu",
);

/** A legal form and nothing else: no one's name. */
const LEGAL_FORM_ALONE =
  /^(?:A\/S|ApS|AB|AS|Oy|GmbH|AG|B\.V\.?|N\.V\.?|SAS|SARL|Ltd\.?|Limited|Inc\.?|LLC|PLC|Corp\.?)$/;
const LEGAL_FORM =
  "(?:A\\/S|ApS|I\\/S|P\\/S|IVS|AB|AS|ASA|Oy|GmbH|AG|B\\.V\\.|N\\.V\\.|SAS|SARL|S\\.A\\.|S\\.L\\.|Ltd\\.?|Limited|" +
  "Inc\\.?|LLC|L\\.L\\.C\\.|PBC|PLC|Corp\\.?|Pty Ltd)";

/**
 * A party named by a short name ("Berget") whose legal name the document gives elsewhere ("Berget AI
 * AB"): the legal name, cited where it is written. A short name that already ends in a company form,
 * or that the document never lengthens, stays.
 */
function withLegalName(doc: DpaDocument, party: ExtractedParty): ExtractedParty {
  const name = party.name.value.trim();
  if (!name || name.split(/\s+/).length > 2 || new RegExp(`${LEGAL_FORM}$`).test(name)) return party;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const re = new RegExp(
    // A comma before the form is the American way of writing it ("Edunancial, Inc.").
    `(?<![\\p{L}\\d])${escaped}(?:\\s+\\p{Lu}[\\p{L}\\d&-]*){0,3},?\\s+${LEGAL_FORM}(?![\\p{L}])`,
    "gu",
  );
  const legal = findAll(doc, re)[0];
  if (!legal) return party;
  const citation = cite(doc, legal.start, legal.end);
  return {
    ...party,
    ...addressAfterLegalName(doc, party, legal.end),
    name: {
      value: legal.match[0],
      citations: [citation, ...party.name.citations],
      confidence: Math.min(party.name.confidence, 0.8),
      note: `The agreement calls the party "${name}"; its legal name is written here.`,
    },
  };
}

/**
 * The address written after the legal name ("Fjordlys AS with business address Kaigata 4, 5003 Bergen, Norway
 * (“Fjordlys”)"), up to the bracket with its defined term: for a party that has none yet.
 */
function addressAfterLegalName(doc: DpaDocument, party: ExtractedParty, end: number): Partial<ExtractedParty> {
  if (party.address) return {};
  const flat = doc.flat ?? doc.text;
  const m = new RegExp(
    String.raw`^,?\s+(?:(?:having|with)\s+(?:its\s+)?(?:registered\s+|principal\s+|business\s+)?(?:office|address|p` +
      String.raw`lace\s+of\s+business)(?:\s+(?:at|in))?|med\s+(?:hjemsted|adresse)\s+(?:på|i))\s+([^()“”"\n;]{4,160}?` +
      String.raw`)\s*[(“”"]`,
    "iu",
  ).exec(flat.slice(end, end + 220));
  if (!m || !/\d/.test(m[1]) || isPlaceholder(m[1])) return {};
  const at = end + m[0].lastIndexOf(m[1]);
  return {
    address: {
      value: m[1],
      citations: [cite(doc, at, at + m[1].length)],
      confidence: 0.7,
      note: "Read after the party's legal name.",
    },
    countryCode: party.countryCode ?? lastCountryIn(m[1]),
  };
}

/** The parties on the template's cover page, each ending with its role marker. */
/** The parties of the template's cover page, and the roles whose card there is left unfilled. */
function coverParties(doc: DpaDocument): { parties: ExtractedParty[]; unfilled: Set<PartyRole> } {
  const markers = partyMarkers(doc);
  // "mellem" on a line of its own (the lines as written: the flattened text joins a hard-wrapped cover's lines).
  const opening = [...doc.text.slice(doc.cover.start, doc.cover.end).matchAll(/^[ \t]*(mellem|between)[ \t]*$/gim)].map(
    (m) => ({ end: doc.cover.start + m.index! + m[0].length }),
  )[0];
  const parties: ExtractedParty[] = [];
  const unfilled = new Set<PartyRole>();
  let blockStart = opening ? opening.end : doc.cover.start;
  for (const marker of markers) {
    // In a page with markup a marker inside a sentence belongs to the inline form (party-forms); a marker that
    // starts a line of its block (a card of lines joined by <br>: name, CVR, address, 'herefter …') does not.
    const block = doc.blocks.find((b) => marker.start >= b.start && marker.start < b.end);
    const lineStart = block ? Math.max(block.start, doc.text.lastIndexOf("\n", marker.start - 1) + 1) : 0;
    const inlineMarker =
      doc.format !== "text" &&
      doc.format !== "pdf" &&
      !doc.byLines &&
      block &&
      !/^[\s(]*$/.test(doc.text.slice(lineStart, marker.start));
    if (inlineMarker) {
      blockStart = marker.end;
      continue;
    }
    const party = readParty(doc, marker, blockStart);
    if (party === "unfilled") unfilled.add(marker.role);
    else if (party) parties.push(party);
    blockStart = marker.end;
  }
  return { parties, unfilled };
}

/** A name's trading name after its legal name ("Rising Orchards LLC d/b/a IgorBox", "Nordlys Ltd trading as Lumo"). */
const TRADING_AS =
  /^(.+?\S)\s*,?\s+(?:d\/b\/a|dba|t\/a|trading as|operating as|doing business as|drevet som|under navnet)\s+\S.*$/iu;

/**
 * A company form after a bracket in the name ("OPENAUTONOMYX (OPC) PRIVATE LIMITED", "Brevdue (UK) Ltd"): the bracket
 * is part of the legal name, not the party's details.
 */
const FORM_AFTER_BRACKET = new RegExp(
  String.raw`^\s*\(([^()"“”\n]{1,20})\)\s+((?:private |public )?(?:limited|ltd\.?|llc|inc\.?|gmbh|a\/s|aps|b\.?v\.?|a` +
    String.raw`b|as|plc|pvt\.? ltd\.?|sa|sas|srl))(?![\p{L}])`,
  "iu",
);

/**
 * The party's legal name as written: the name before its trading name ("d/b/a", "trading as"), and a bracket that
 * stands before the company form kept ("X (OPC) PRIVATE LIMITED"), its content no address.
 */
function withFullLegalName(doc: DpaDocument, party: ExtractedParty): ExtractedParty {
  const [cited] = party.name.citations;
  if (!cited || doc.text.slice(cited.start, cited.end) !== party.name.value) return party;
  const trading = TRADING_AS.exec(party.name.value);
  if (trading) {
    const legal = trading[1].replace(/[*_]+$/, "");
    return {
      ...party,
      name: {
        ...party.name,
        value: legal,
        citations: [cite(doc, cited.start, cited.start + legal.length), ...party.name.citations.slice(1)],
        note: `The agreement names the party "${party.name.value}"; the legal name is the one before its trading name.`,
      },
    };
  }
  const form = FORM_AFTER_BRACKET.exec(doc.text.slice(cited.end, cited.end + 60));
  if (!form || new RegExp(`${LEGAL_FORM}$`).test(party.name.value)) return party;
  const end = cited.end + form[0].length;
  const inBracket = party.address?.value.trim() === form[1].trim();
  return {
    ...party,
    name: { ...party.name, value: doc.text.slice(cited.start, end), citations: [cite(doc, cited.start, end)] },
    address: inBracket ? null : party.address,
  };
}

/**
 * Roles given as a list of "party = role" lines ("- **Woon IoT BV** (trading as CRA-Portal, KvK 76066843) =
 * **processor**", "- Nordlys ApS (CVR 12345678): databehandler"), each item naming a party in a few words, where no
 * other form names the processor: the name before its bracket, the registration number inside it.
 */
const ROLE_LINE = new RegExp(
  // An underscore inside a word is the name's ("Bar_Melis"), not emphasis.
  String.raw`^[ \t]*[-*•][ \t]+[*_]*([\p{Lu}\d](?:[^*_()\n=]|(?<=\w)_(?=\w)){1,80}?)[*_]*[ \t]*` +
    String.raw`(?:\(([^()\n]{1,120})\))?[ \t]*` +
    // Danish "er" as a word: "- **Not engage another processor**" is no role line.
    String.raw`(?:=|:|[–—]|is the|acts as(?: the)?|(?<![\p{L}])er)[ \t]*[*_]*(?:the |den )?(processor|data proce` +
    // "- **Access to Records:** The Processor shall provide …": the role as a sentence's subject is no role line.
    String.raw`ssor|databehandler(?:en)?)\b(?![*_]*[ \t]+(?:shall|will|must|may|can|is|has|acts|agrees|skal|vil|` +
    String.raw`må|kan|har)(?![\p{L}]))`,
  "gimu",
);
const REGISTER_NUMBER = new RegExp(
  String.raw`^(cvr(?:-?nr\.?)?|kvk(?:-nummer)?|cin|crn|company (?:registration )?(?:no\.?|number)|companies house ` +
    String.raw`(?:no\.?|number)|org\.?\s?nr\.?|organisationsnummer|hrb|registration (?:no\.?|number))[\s:.]*` +
    String.raw`([A-Z]{0,3}\s?\d[\dA-Z]{5,})$`,
  "i",
);
function roleLines(doc: DpaDocument): ExtractedParty[] {
  for (const m of doc.text.matchAll(ROLE_LINE)) {
    const name = m[1].trim();
    if (
      isPlaceholder(name) ||
      name.split(/\s+/).length > 6 ||
      /^(?:the |den |customer|kunden|client|we|vi)\b/i.test(name)
    )
      continue;
    const start = (m.index ?? 0) + m[0].indexOf(m[1]);
    const bracketAt = m[2] ? (m.index ?? 0) + m[0].indexOf(m[2]) : 0;
    let registrationNumber: ExtractedParty["registrationNumber"] = null;
    let registrationScheme: RegistrationScheme | null = null;
    let offset = 0;
    for (const piece of (m[2] ?? "").split(/[,;]/)) {
      const reg = REGISTER_NUMBER.exec(piece.trim());
      if (reg && !registrationNumber) {
        const at = bracketAt + offset + piece.indexOf(reg[2]);
        const value = reg[2].replace(/\s+/g, "");
        registrationNumber = { value, citations: [cite(doc, at, at + reg[2].length)], confidence: 0.7 };
        registrationScheme = schemeOf(reg[1], value);
      }
      offset += piece.length + 1;
    }
    // "Andrea Melis, operating as Bar_Melis, Italy": a country after the last comma says where the party is.
    const country = /,\s*(\p{L}+(?:\s\p{L}+){0,2})$/u.exec(name);
    const countryCode = country ? countryIn(country[1]) : null;
    const named = countryCode && country ? name.slice(0, country.index) : name;
    return [
      {
        role: "PROCESSOR",
        name: { value: named, citations: [cite(doc, start, start + named.length)], confidence: 0.7 },
        registrationNumber,
        registrationScheme,
        address: null,
        countryCode: registrationScheme === "CVR" ? "DK" : countryCode,
      },
    ];
  }
  return [];
}
