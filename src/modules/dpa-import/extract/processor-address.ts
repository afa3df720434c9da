// The processor's address where its own DPA writes it outside the party forms: in the sentence that names it ("Acme
// Inc. ("Data Processor"), located at 1 Main St, Springfield, OR 97000, and …"), in the SCCs' Annex I as the data
// importer's contact details, in the document's contact or notices section under its name, or in a footer of dotted
// pieces; and the country an address gives by its postal form alone (a US state and ZIP, a UK postcode, "CH-1018").
import type { ExtractedParty } from "../draft.types";
import type { Block } from "./parse";
import { isPlaceholder } from "./placeholders";
import { cite, referenceAt, type DpaDocument } from "./sections";
import { countryIn, lastCountryIn, US_STATES } from "./vocabulary";

const STATE_CODES =
  "A[LKZR]|C[AOT]|DE|DC|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[TA]|W[AVIY]";
/** A town, its state's code and ZIP at the end ("Austin, TX 78704"). */
const US_ZIP_END = new RegExp(String.raw`,\s*(?:${STATE_CODES})\s+\d{5}(?:-\d{4})?\s*$`);
/** A state's name as the last piece ("Houston, Texas"). */
const US_STATE_END = new RegExp(String.raw`,\s*(?:${US_STATES.join("|")})\s*$`, "i");
/** A UK postcode at the end ("London, EC1V 9DD", "Berkhamsted, HP4 1EH"). */
const UK_POSTCODE_END = /(?<![A-Z\d])[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}\s*$/;
/** A postcode with its country's prefix ("CH-1018 Lausanne", "D-10115 Berlin" is not an ISO code and is left). */
const PREFIXED_POSTCODE = /(?<![\p{L}\d-])([A-Z]{2})-\d{4,5}\s+\p{Lu}/u;
/** An Indian state or territory before a six-digit PIN ("Bengaluru, Karnataka 560102"). */
const INDIAN_PIN_END = new RegExp(
  String.raw`(?:Andhra Pradesh|Assam|Bihar|Chandigarh|Delhi|Goa|Gujarat|Haryana|Karnataka|Kerala|Madhya Pradesh|` +
    String.raw`Maharashtra|Odisha|Punjab|Rajasthan|Tamil Nadu|Telangana|Uttar Pradesh|Uttarakhand|West Bengal)` +
    String.raw`\s*[-–]?\s*\d{6}\s*$`,
);

/** The country an address's postal form gives, where it names none. */
export function postalCountry(address: string): string | null {
  const text = address.replace(/[\s.,;]+$/, "");
  if (US_ZIP_END.test(text) || US_STATE_END.test(text)) return "US";
  if (UK_POSTCODE_END.test(text)) return "GB";
  if (INDIAN_PIN_END.test(text)) return "IN";
  const prefix = PREFIXED_POSTCODE.exec(text);
  return prefix ? countryIn(prefix[1]) : null;
}

/** An address's end that says where it is: a postcode form above, a postcode and town, or a country. */
const placed = (value: string) =>
  !!postalCountry(value) || /(?<![\p{L}\d])\d{4,6}\s+\p{Lu}/u.test(value) || !!lastCountryIn(value);

const CONTACT_WORDS = /@|https?:|www\.|(?<![\p{L}])(?:e-?mail|phone|tel|fax|web|website)(?![\p{L}])|📧|☎|🌐/iu;

/** What a found address must be: written with a number (or a town and its state or country), and nothing else. */
function addressLike(value: string, numberless = false): boolean {
  if (value.length < 6 || value.length > 160 || isPlaceholder(value) || CONTACT_WORDS.test(value)) return false;
  if (!/\d/.test(value)) {
    const pieces = value.split(/\s*,\s*/);
    return (
      numberless &&
      pieces.length >= 2 &&
      pieces.length <= 4 &&
      pieces.every((p) => /^\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}$/u.test(p)) &&
      (US_STATE_END.test(value) || !!countryIn(pieces[pieces.length - 1]))
    );
  }
  return true;
}

function withAddress(doc: DpaDocument, party: ExtractedParty, at: number, value: string, note: string) {
  return {
    ...party,
    address: { value, citations: [cite(doc, at, at + value.length, referenceAt(doc, at))], confidence: 0.65, note },
    countryCode: party.countryCode ?? postalCountry(value) ?? lastCountryIn(value),
  };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The address in the sentence that names the processor, after its name and brackets: "…, located at 1 Main St,
 * Springfield, OR 97000, and the customer", "…, a Delaware corporation with offices at …", "having its registered
 * office at …". The address runs to a bracket, "and", "on behalf" or the sentence's end.
 */
function addressInNamingSentence(doc: DpaDocument, party: ExtractedParty): ExtractedParty {
  for (const c of party.name.citations) {
    const from = c.end;
    const after = doc.flat.slice(from, from + 400);
    const m = new RegExp(
      String.raw`^[*_]*\s*(?:\([^()\n]{0,80}\)[*_]*\s*)*,?\s+(?:an?\s+[^.;()\n]{0,160}?,?\s+)?(?:(?:which\s+is\s+|` +
        String.raw`that\s+is\s+)?(?:located|based)\s+at|(?:with|having)\s+(?:its\s+)?(?:(?:registered|principal|head` +
        String.raw`|main)\s+)?(?:offices?|address|place\s+of\s+business)\s+(?:at|in))\s+([^()\n;]{6,200})`,
      "iu",
    ).exec(after);
    if (!m) continue;
    const stop = /,?\s+(?:and|on behalf|acting|as agent|hereinafter|\(|["“])|\.\s|\.$/iu.exec(m[1]);
    const value = (stop ? m[1].slice(0, stop.index) : m[1]).replace(/[\s,.]+$/, "");
    if (!/\d/.test(value) || !placed(value) || !addressLike(value)) continue;
    const at = from + m[0].length - m[1].length;
    if (doc.text.slice(at, at + value.length) !== value) continue;
    return withAddress(doc, party, at, value, "Read from the sentence that names the party, where it is located.");
  }
  return party;
}

/**
 * The SCCs' Annex I lists the data importer (the processor) with "Contact details: privacy@…, 1 Main St, Town, TX
 * 78704": the address is the pieces after the e-mail, up to the sentence's end. Only where the importer's name, if
 * given, is the processor's.
 */
function importerContactDetails(doc: DpaDocument, party: ExtractedParty): ExtractedParty {
  const name = party.name.value.trim().toLowerCase();
  const label = /(?<![\p{L}])data importer(?![\p{L}])[*_:\s]*/giu;
  for (const l of doc.flat.matchAll(label)) {
    const from = (l.index ?? 0) + l[0].length;
    const rest = doc.flat.slice(from, from + 700);
    const exporter = /data exporter|(?:^|\n)\s*#|\n\s*[B-Z]\.\s+/i.exec(rest);
    const block = exporter ? rest.slice(0, exporter.index) : rest;
    // Its name by a label ("Name: Acme"), or right after the importer's own label ("**Data importer**: Acme").
    const labelled = /(?<![\p{L}])name[*_]*\s*:[*_]*\s*([^\n_*]{2,80})/iu.exec(block)?.[1];
    const beside = /^[^\n_*]{2,80}/.exec(block)?.[0];
    const given = (labelled ?? (beside && !/^contact/i.test(beside) ? beside : "")).trim().toLowerCase();
    if ((given && !given.startsWith(name)) || /sub-?processor/i.test(given)) continue;
    const details = /contact\s+details[*_]*\s*:[*_]*\s*([^\n]{6,300})/i.exec(block);
    if (!details) continue;
    const detailsAt = from + details.index + details[0].length - details[1].length;
    const pieces = [...details[1].matchAll(/[^,]+/g)];
    // The e-mail and the pieces before it are no address; the address starts at the first piece after them.
    const numbered = pieces.findIndex((p) => /\d/.test(p[0]) && !/@/.test(p[0]));
    const mail = pieces.slice(0, Math.max(0, numbered)).findLastIndex((p) => /@/.test(p[0]));
    const first = pieces[mail + 1];
    if (!first) continue;
    const start = detailsAt + (first.index ?? 0) + (first[0].length - first[0].trimStart().length);
    const tail = doc.flat.slice(start, detailsAt + details[1].length);
    const stop = /\.\s|\.?\s*[_*]|\s[-–—]\s|\.?\s*$/.exec(tail);
    const value = tail.slice(0, stop ? stop.index : tail.length).replace(/[\s,.]+$/, "");
    if (!placed(value) || !addressLike(value) || doc.text.slice(start, start + value.length) !== value) continue;
    return withAddress(doc, party, start, value, "Read from the SCCs' Annex I: the data importer's contact details.");
  }
  return party;
}

/** A heading of the document's contact or notices section ("14. Contact", "Contact and Notices", "Notices"). */
const CONTACT_OR_NOTICES =
  /^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?(?:contact(?:\s+(?:us|information|details|and\s+notices))?|notices)\s*:?\s*$/i;

/** A title alone in its block: a heading, or a numbered line ("11. Contact") that plain text makes no heading. */
const titleLike = (doc: DpaDocument, b: Block) =>
  b.kind === "heading" || /^\s*\d{1,2}(?:\.\d{1,2})*\.?\s+\p{Lu}[^\n.:;]{0,50}$/u.test(doc.flat.slice(b.start, b.end));

/** The document's contact or notices sections: the title's block and where the next title starts. */
function contactSections(doc: DpaDocument): { h: Block; end: number }[] {
  const titles = doc.blocks.filter((b) => titleLike(doc, b));
  return titles
    .filter((h) => CONTACT_OR_NOTICES.test(doc.flat.slice(h.start, h.end).replace(/[*_#]/g, "")))
    .map((h) => {
      const next = titles.find((b) => b.start > h.start);
      return { h, end: Math.min(next ? next.start : doc.text.length, h.end + 1500) };
    });
}

/** An address written without postcode or country ("Jud. Timiş, Sat Giroc, Strada Bega, Nr. 56/3"): short pieces. */
const streetPieces = (value: string) => {
  const pieces = value.split(/\s*,\s*/);
  return pieces.length >= 4 && pieces.every((p) => /^[\p{Lu}\d][^\s]*(?:\s+\S+){0,3}$/u.test(p) && p.length <= 40);
};

/**
 * The contact or notices section names the processor on a line ("- Company: Acme AB, Street 1, 111 22 Town,
 * Sweden", "**Acme Ltd** (Company No. 123)" over "2 High St, Town, AB1 2CD"): the address after the name on its
 * line, or the line under it.
 */
function addressUnderNameInContact(doc: DpaDocument, party: ExtractedParty): ExtractedParty {
  const name = party.name.value.trim();
  if (name.length < 3) return party;
  const lead = new RegExp(
    String.raw`^[ \t]*(?:[-•*][ \t]+)?[*_]*(?:(?:company|name|address)[ \t]*:[ \t]*)?[*_]*${escape(name)}[*_]*`,
    "i",
  );
  for (const { h, end } of contactSections(doc)) {
    const lines = [...doc.text.slice(h.end, end).matchAll(/[^\n]+/g)]
      .map((m) => ({ at: h.end + (m.index ?? 0), text: m[0] }))
      .filter((l) => l.text.trim());
    for (const [i, l] of lines.entries()) {
      const m = lead.exec(l.text);
      if (!m) continue;
      const rest = l.text.slice(m[0].length);
      // After the name: nothing but its number in a bracket or a word on what the line is ("– Privacy Contact").
      const same = /^[ \t]*,[ \t]*(\S.*?)[ \t.]*$/.exec(rest);
      const alone = /^[ \t]*(?:\([^()]*\))?[ \t]*(?:[–—-][ \t]*[\p{L} ]{0,30})?[ \t]*$/u.test(rest);
      let at: number;
      let value: string;
      if (same) {
        at = l.at + m[0].length + rest.indexOf(same[1]);
        value = same[1];
      } else if (alone && lines[i + 1]) {
        const under = lines[i + 1];
        value = under.text.trim().replace(/[\s.,]+$/, "");
        at = under.at + under.text.indexOf(value);
      } else continue;
      value = value.replace(/[\s.,]+$/, "");
      const ok = /\d/.test(value)
        ? addressLike(value) && (placed(value) || streetPieces(value))
        : addressLike(value, true);
      if (!ok || doc.text.slice(at, at + value.length) !== value) continue;
      return withAddress(doc, party, at, value, "Read from the contact section, on the line that names the party.");
    }
  }
  return party;
}

/** A footer's piece that may be part of an address: a short run of words, numbers and an address's marks. */
const FOOTER_PLACE = /^[\p{L}\d][\p{L}\d .,'’#/-]{0,59}$/u;
/** A footer's piece that says something else: the registration, the site's links. */
const NOT_A_PLACE =
  /(?<![\p{L}])(?:registered|reg|incorporated|privacy|policy|terms|cookies|rights|reserved|company|vat|no)(?!\p{L})/iu;
const POSTCODE_TOWN = /(?<![\p{L}\d])(?:[A-Z]{1,2}-)?\d{4,6}\s+\p{Lu}/u;

/**
 * A footer that names the processor and then its address in dotted pieces ("Acme AG · Street 2 · CH-1000 Town ·
 * Switzerland", "Acme, LLC | Austin, Texas | acme.example"): the pieces after the name up to a contact or web piece,
 * read as one address where they end in a place.
 */
function footerPieces(doc: DpaDocument, party: ExtractedParty): ExtractedParty {
  const name = party.name.value.trim();
  if (name.length < 3) return party;
  const re = new RegExp(String.raw`(?<![\p{L}\d])${escape(name)}[*_]*[ \t]+([·|])[ \t]+([^\n]{4,200})`, "giu");
  for (const m of doc.text.matchAll(re)) {
    const sep = m[1];
    const from = (m.index ?? 0) + m[0].length - m[2].length;
    const pieces: { at: number; text: string }[] = [];
    let offset = 0;
    for (const raw of m[2].split(sep)) {
      const text = raw.trim().replace(/[*_]+$/, "");
      const at = from + offset + raw.indexOf(text);
      offset += raw.length + 1;
      if (!text || CONTACT_WORDS.test(text) || /^[\p{L}\d-]+\.[a-z]{2,}$/iu.test(text) || !FOOTER_PLACE.test(text))
        break;
      if (NOT_A_PLACE.test(text)) break;
      pieces.push({ at, text });
    }
    if (!pieces.length || pieces.length > 5) continue;
    const value = pieces.map((p) => p.text.replace(/,\s*$/, "")).join(", ");
    const country = countryIn(pieces[pieces.length - 1].text);
    const where = postalCountry(value) ?? (pieces[pieces.length - 1].text.split(/\s+/).length <= 3 ? country : null);
    if (!(where || pieces.some((p) => POSTCODE_TOWN.test(p.text))) || !addressLike(value, true)) continue;
    const last = pieces[pieces.length - 1];
    const citation = cite(doc, pieces[0].at, last.at + last.text.length, referenceAt(doc, pieces[0].at));
    return {
      ...party,
      address: { value, citations: [citation], confidence: 0.6, note: "Read from the footer that names the party." },
      countryCode: party.countryCode ?? postalCountry(value) ?? lastCountryIn(value),
    };
  }
  return party;
}

/** A company's nationality by its adjective ("an Indian company"), as the country it is registered in. */
const NATIONALITY: Record<string, string> = {
  american: "US",
  australian: "AU",
  austrian: "AT",
  belgian: "BE",
  brazilian: "BR",
  british: "GB",
  canadian: "CA",
  danish: "DK",
  dutch: "NL",
  english: "GB",
  estonian: "EE",
  finnish: "FI",
  french: "FR",
  german: "DE",
  indian: "IN",
  irish: "IE",
  israeli: "IL",
  italian: "IT",
  nigerian: "NG",
  norwegian: "NO",
  polish: "PL",
  portuguese: "PT",
  singaporean: "SG",
  spanish: "ES",
  swedish: "SE",
  swiss: "CH",
};

/** "**Acme Private Limited**, an Indian company ("Processor", …)": the country the company is of. */
function nationalityAfterName(doc: DpaDocument, party: ExtractedParty): ExtractedParty {
  for (const c of party.name.citations) {
    const m = new RegExp(
      String.raw`^[*_]*\s*(?:\([^()\n]{0,80}\)[*_]*\s*)?,\s+an?\s+(${Object.keys(NATIONALITY).join("|")})\s+(?:(?:pri` +
        String.raw`vate|public|limited|registered)\s+)*(?:company|corporation|entity|business|firm)(?![\p{L}])`,
      "iu",
    ).exec(doc.flat.slice(c.end, c.end + 200));
    if (m) return { ...party, countryCode: NATIONALITY[m[1].toLowerCase()] };
  }
  return party;
}

/**
 * The contact section's one "Address:" label, inside a line of contact fields ("Email: privacy@acme.example Address:
 * Houston, Texas, United States"): its value, to the line's end, where it is an address or a town and its state or
 * country.
 */
function addressLabelInContact(doc: DpaDocument, party: ExtractedParty): ExtractedParty {
  for (const { h, end } of contactSections(doc)) {
    const labels = [
      ...doc.text.slice(h.end, end).matchAll(/(?:^|[ \t])[*_]*address[*_]*[ \t]*:[*_]*[ \t]*([^\n]*)/gim),
    ];
    if (labels.length !== 1) continue;
    const value = labels[0][1].replace(/[\s.,]+$/, "");
    const at = h.end + (labels[0].index ?? 0) + labels[0][0].length - labels[0][1].length;
    if (!addressLike(value, true) || (/\d/.test(value) && !placed(value))) continue;
    if (doc.text.slice(at, at + value.length) !== value) continue;
    return withAddress(doc, party, at, value, "Read from the contact section's address label.");
  }
  return party;
}

/**
 * The processor's address from the places its own DPA writes it, for a processor that has none read and no unfilled
 * address field; then the country its address's postal form gives, where none is known.
 */
export function withProcessorAddress(doc: DpaDocument, party: ExtractedParty): ExtractedParty {
  if (party.role !== "PROCESSOR") return party;
  let found = party;
  const unfilled = (doc.placeholders ?? []).some((p) => p.path === "parties.PROCESSOR.address");
  if (!found.address && !unfilled && !isPlaceholder(found.name.value)) {
    const reads = [addressInNamingSentence, importerContactDetails, addressUnderNameInContact, addressLabelInContact];
    for (const read of [...reads, footerPieces]) {
      found = read(doc, found);
      if (found.address) break;
    }
  }
  if (!found.countryCode && found.address) found = { ...found, countryCode: postalCountry(found.address.value) };
  return found.countryCode ? found : nationalityAfterName(doc, found);
}
