// The annexes: A (purposes, nature, data categories, data subjects, duration), B (the table of
// approved sub-processors), C (measures, locations, audits of processor and sub-processors).
import type {
  AuditTerms,
  Extracted,
  ExtractedCategory,
  ExtractedMeasure,
  ExtractedParty,
  ExtractedSubprocessor,
  RegistrationScheme,
} from "../draft.types";
import { DAY_OF_YEAR_PATTERN, findIntervals, parseDayOfYear } from "./numbers";
import { countryOf } from "./parties";
import { nameAndNumber, subprocessorsOfBlocks } from "./subprocessors";
import { combine, found, shorterIsStricter, type Found } from "./readings";
import { readNoticeDays, sentenceAt } from "./clauses";
import { sentenceAround } from "./sentences";
import {
  blocksOf,
  readEach,
  sentencesAbout,
  templatePlaces,
  underHeading,
  underLabels,
  withCrossReferences,
  type Span,
} from "./scope";
import { cite, findAll, type DpaDocument } from "./sections";
import { isPlaceholder, namesNoOne, notePlaceholder } from "./placeholders";
import {
  AUDITOR_STATEMENT,
  COUNTRY_PHRASES,
  DATA_CATEGORY_PHRASES,
  DATA_SUBJECT_PHRASES,
  MEASURE_PHRASES,
  SUPERVISION_METHOD_PHRASES,
  findPhrases,
  sensitivityOf,
  type PhraseHit,
  type PhraseTable,
} from "./vocabulary";

/** The template's annex section, or for other documents the text under a matching heading. */
function annexPlace(doc: DpaDocument, number: string, heading: RegExp): Span[] {
  const places = templatePlaces(doc, [number]);
  if (places.length) return places;
  const under = underHeading(doc, heading);
  return under ? [under] : [];
}

/**
 * The annex place that lists something: the first label whose text holds a phrase of the table. A sentence that
 * only names the words on its way ("You are the Controller of Personal Data processed through the app. You
 * determine:") may come before the section that lists them.
 */
function listingPlace(doc: DpaDocument, number: string, heading: RegExp, phrases: PhraseTable): Span[] {
  const first = annexPlace(doc, number, heading);
  if (!first.length || keysIn(doc, first, phrases, true).length || doc.format === "text" || doc.format === "pdf")
    return first;
  for (const place of underLabels(doc, heading)) if (keysIn(doc, [place], phrases, true).length) return [place];
  return withSubheadings(doc, first);
}

/**
 * A markup heading with no text of its own, straight over its points ("4. Types of Personal Data and Data Subjects"
 * over "Data Subjects" and "Standard Personal Data"): its text is its points', up to the next heading as high.
 */
function withSubheadings(doc: DpaDocument, first: Span[]): Span[] {
  if (first.length !== 1) return first;
  const own = (doc.flat ?? doc.text).slice(first[0].start, first[0].end).trim();
  // Or with one sentence that introduces its points ("X processes the following categories of Personal Data:" over
  // "3.1 Customer Data" and "3.2 Technician Data"): the points are what it introduces.
  if (own && !(/:$/.test(own) && !own.includes("\n"))) return first;
  const i = doc.blocks.findIndex((b) => b.end <= first[0].start && b.end + 3 >= first[0].start);
  const head = doc.blocks[i];
  if (!head || head.kind !== "heading" || !head.level) return first;
  const next = doc.blocks.slice(i + 1).find((b) => b.kind === "heading" && b.level && b.level <= head.level!);
  return [{ ...first[0], end: next ? next.start : doc.text.length }];
}

/**
 * Off the template, the first label the heading's words open may hold nothing to read: an entry of the table of
 * contents (a list item, the titles after it), or a heading straight over its points ("5. Categories of data subjects
 * & data" over "5.1 Data subjects" and "5.2 Categories of personal data"). The first later label whose text names
 * the phrases is the place; a first place with text of its own ("See Annex 1.") stays the answer.
 */
function placeToRead(doc: DpaDocument, first: Span[], heading: RegExp, phrases: PhraseTable): Span[] {
  const flat = doc.flat ?? doc.text;
  if (doc.onTemplate || doc.format === "text" || doc.format === "pdf" || first.length !== 1) return first;
  const label = doc.blocks.filter((b) => b.end <= first[0].start).pop();
  const empty = flat.slice(first[0].start, first[0].end).trim().length === 0;
  if (keysIn(doc, first, phrases, true).length || (!empty && label?.kind !== "listItem")) return first;
  for (const place of underLabels(doc, heading)) if (keysIn(doc, [place], phrases, true).length) return [place];
  return first;
}

/**
 * A phrase said not to apply: "ikke beregnet til CPR-numre", "Ikke omfattet: særlige kategorier", "no sensitive
 * data".
 */
const NEGATION = new RegExp(
  String.raw`(?<![\p{L}])(ikke|ingen|hverken|not|no|never|neither|nor|excluding|undtagen|exclude[sd]?|shall` +
    // "… a written questionnaire once a year, rather than on-site inspection": the alternative set aside.
    String.raw` not|må ikke|rather than|instead of|in place of|i stedet for|frem for)(?![\p{L}])`,
  "iu",
);

/**
 * "CPR-numre fjernes fra teksten", "IP addresses are removed": a phrase whose data is taken out, not processed.
 * "On-site audits are not available": a method the document withholds.
 * "Access tokens are not personal data", "Tokens indeholder ikke personoplysninger": said to be no personal data.
 */
const REMOVED_AFTER = new RegExp(
  String.raw`^[^.;:\n]{0,30}?(?<![\p{L}])(fjernes|frasorteres|bortfiltreres|removed|redacted|stripped|filtered ou` +
    String.raw`t|(?:are|is) not personal data|(?:do|does) not (?:contain|include) (?:any )?personal data|er ikke pe` +
    // "On-site audits are not available", "Fysisk inspektion tilbydes ikke": a method offered not at all.
    String.raw`rsonoplysninger|indeholder ikke personoplysninger|(?:are|is) not (?:available|offered|permitted|pro` +
    String.raw`vided)|(?:tilbydes|tillades) ikke|er ikke (?:mulig|muligt|tilgængelig)` +
    // "Email is not collected", "IP addresses are never stored", "CPR-nummer indsamles ikke": data not taken in.
    String.raw`|(?:are|is) (?:not|never) (?:collected|stored|processed)|(?:indsamles|gemmes|behandles) ikke)` +
    String.raw`(?![\p{L}])`,
  "iu",
);

const WIDENING = /(men )?ikke (begrænset til|udtømmende)|(but )?not limited to|without limitation|non-exhaustive/gi;

const FALLBACK_CONDITION = new RegExp(
  String.raw`(?:does|do|did) not (?:yet )?exist|(?:where|if) no (?:such )?\p{L}+ exists?|(?:findes|foreligger|eksis` +
    String.raw`terer) (?:endnu )?ikke|ikke (?:findes|foreligger|eksisterer)` +
    // "Where these materials are not sufficient to demonstrate compliance, Customer may conduct an on-site
    // inspection": the step taken when the first proofs fall short, not a denial of it.
    String.raw`|(?:is|are|prove|proves) not (?:sufficient|adequate|enough)|(?:er|viser sig) ikke (?:tilstrækkelig\w*)` +
    // "an independent auditor … not a competitor of AgentHeaven": who may audit, not what is denied.
    String.raw`|(?:and |who is |that is )?not (?:a |an )?(?:direct )?competitors?(?: of)?`,
  "giu",
);

/**
 * An audit's limits ("no more than once a year", "not less than 30 days' notice", "no later than") bound how often or
 * how soon, they deny no method: "on the Customer's written request (no more than once a year) … responses to
 * security questionnaires".
 */
const AUDIT_LIMIT = /(?<![\p{L}])(?:no|not)\s+(?:more|less|later|earlier|fewer|sooner)\s+than(?![\p{L}])/giu;

function negated(doc: DpaDocument, offset: number, end = offset, limits = false): boolean {
  if (limits) {
    const flat = doc.flat ?? doc.text;
    const sentence = sentenceAround(flat, offset);
    const semicolon = flat.lastIndexOf(";", offset - 1);
    const from = Math.max(sentence.start, semicolon + 1, offset - 250);
    const before = flat.slice(from, offset).replace(WIDENING, "").replace(FALLBACK_CONDITION, "");
    if (NEGATION.test(before) && !NEGATION.test(before.replace(AUDIT_LIMIT, "")))
      return REMOVED_AFTER.test(flat.slice(end, sentence.end)) || deniedByLeadIn(doc, offset);
  }
  const flat = doc.flat ?? doc.text;
  // The whole sentence before the phrase ("Ikke omfattet: særlige kategorier (art. 9) og … strafbare
  // forhold"), from its start or the last semicolon; a label's colon does not end the denial.
  const sentence = sentenceAround(flat, offset);
  const semicolon = flat.lastIndexOf(";", offset - 1);
  const from = Math.max(sentence.start, semicolon + 1, offset - 250);
  // "herunder, men ikke begrænset til", "including but not limited to" widen a list; they deny nothing. "where such
  // documentation does not exist, a written summary", "hvis en rapport ikke findes": a condition for a fallback.
  const before = flat.slice(from, offset).replace(WIDENING, "").replace(FALLBACK_CONDITION, "");
  return NEGATION.test(before) || REMOVED_AFTER.test(flat.slice(end, sentence.end)) || deniedByLeadIn(doc, offset);
}

/**
 * A list item under a lead-in that denies the list ("The Customer shall not upload the following data:", "Uploaded
 * files must not contain:", "Følgende oplysninger må ikke behandles:"): the items are excluded, not processed.
 */
function deniedByLeadIn(doc: DpaDocument, offset: number): boolean {
  const flat = doc.flat ?? doc.text;
  let i = doc.blocks.findIndex((b) => b.start <= offset && offset < b.end);
  if (i < 0 || doc.blocks[i].kind !== "listItem") return false;
  for (i -= 1; i >= 0 && offset - doc.blocks[i].end < 2000; i--) {
    const b = doc.blocks[i];
    const text = flat.slice(b.start, b.end).trimEnd();
    // A heading straight over the list that denies it ("3.4 Data We Do NOT Collect" over "- Medical information").
    if (b.kind === "heading") return NEGATION.test(text.replace(WIDENING, ""));
    if (text.endsWith(":")) {
      const lead = sentenceAround(flat, b.start + text.length - 1);
      return NEGATION.test(flat.slice(Math.max(lead.start, b.start), b.start + text.length).replace(WIDENING, ""));
    }
    if (b.kind !== "listItem") return false;
  }
  return false;
}

/** Inside a bracket that gives examples ("(fx ISO 27001, SOC 2)", "(e.g. SOC 2 reports)"): not what is agreed. */
function inExampleBracket(flat: string, offset: number): boolean {
  const open = flat.lastIndexOf("(", offset);
  if (open < 0 || flat.lastIndexOf(")", offset - 1) > open || offset - open > 120) return false;
  return /^\(\s*(fx|f\.\s?eks|for eksempel|eksempelvis|såsom|e\.\s?g|for example|such as|for instance|i\.e)\b/i.test(
    flat.slice(open, offset),
  );
}

/**
 * Named as an example in running text ("a third-party report, for example SOC 2 or ISO 27001", "fx en ISAE
 * 3402-erklæring"): what a report could be, not what is agreed. "such as"/"såsom" only with alternatives ("such
 * as SOC 2 or ISAE 3402"): "reports such as its annual SOC 2 report" names the one report given.
 */
const EXAMPLE_MARKER = new RegExp(
  String.raw`(?:^|[\s(,])(for example|for instance|e\.\s?g\.?|eg\.|f\.\s?eks\.?|fx\.?|for eksempel|eksempelvis` +
    String.raw`|such as|såsom)[,:]?\s+([^.;:!?()]{0,60})$`,
  "i",
);
function inExampleClause(flat: string, offset: number, end: number): boolean {
  const before = flat.slice(Math.max(0, offset - 80), offset);
  const m = EXAMPLE_MARKER.exec(before);
  if (!m) return false;
  if (!/^(such as|såsom)$/i.test(m[1])) return true;
  const after = /^[^.;:!?()]{0,60}/.exec(flat.slice(end))?.[0] ?? "";
  return /(?<![\p{L}])(or|eller)(?![\p{L}])/iu.test(m[2] + after);
}

/**
 * "brugere"/"users" of another kind ("medarbejdere som brugere", "the controller's users", "Customer's Jira users"):
 * not end users.
 */
const USERS_OF_ANOTHER_KIND = new RegExp(
  String.raw`((?<![\p{L}])([Ss]om|[Aa]s)|([Dd]ataansvarliges|[Kk]undens|[Cc]ontroller['’]s|[Cc]ustomer['’]s|[Yy]our)` +
    String.raw`(\s+\p{Lu}[\p{L}\d-]*)?)\s+(\*\*|_)?$`,
  "u",
);

/**
 * A data word used in another sense: the first part of a compound ("language-specific"), a channel ("instructions
 * given via email", "sendes pr. e-mail"), a service ("project management and email services", "e-mailtjenester"), or
 * the idiom of acting for someone ("in the name and on behalf of", "i eget navn"). None says that the data is
 * processed.
 */
const MAIL_SERVICE = new RegExp(
  String.raw`^[\s-]*(?:services?|service providers?|providers?|platforms?|marketing|newsletters?|campaigns?|tjene` +
    String.raw`ster?|udbydere?|kampagner?)(?![\p{L}])`,
  "iu",
);

/** A term the contract defines ("“Regulator Correspondence” means …", "\"Brugsdata\" betyder …"). */
const DEFINED_TERM = new RegExp(
  String.raw`[“"‘]([^“”"’\n]{2,60})[”"’]\s*(?:\([^)\n]{0,40}\)\s*)?(?:means|shall mean|has the meaning|refers to` +
    String.raw`|betyder|henviser til)(?![\p{L}])`,
  "giu",
);

/** A sentence that defines a term: it says what a word of the contract means, not what data is processed. */
const DEFINITION = new RegExp(String.raw`^[\s*•\d.()-]*` + DEFINED_TERM.source, "iu");

/** The defined terms' places: a phrase inside one ("Customer Usage Data", "Regulator Correspondence") is no data. */
function definedTermSpans(flat: string): [number, number][] {
  const terms = new Set([...flat.matchAll(DEFINED_TERM)].map((m) => m[1].trim()).filter((t) => /^\p{Lu}/u.test(t)));
  const spans: [number, number][] = [];
  for (const t of terms)
    for (let i = flat.indexOf(t); i >= 0; i = flat.indexOf(t, i + t.length)) spans.push([i, i + t.length]);
  return spans;
}

const THING_BEFORE_NAME = new RegExp(
  String.raw`(?<![\p{L}])(?:browser|operating system|OS|device|file|host|domain|event|page|app|application|software` +
    String.raw`|product|model|package|project|repository|bucket|server)\s+$`,
  "iu",
);

function notTheData(flat: string, start: number, end: number): boolean {
  const word = flat.slice(start, end);
  const before = flat.slice(Math.max(0, start - 30), start);
  const after = flat.slice(end, end + 40);
  // The first part of a compound ("language-specific", "email-based"): it qualifies another word.
  if (/^-\p{L}/u.test(after)) return true;
  if (/^(?:e-?mail|mail)$/i.test(word))
    return (
      /(?<![\p{L}])(?:via|by|per|pr\.|through|over)\s+(?:an?\s+|en\s+)?$/iu.test(before) || MAIL_SERVICE.test(after)
    );
  // A professional's qualifications ("Professional credentials", "academic credentials"): no login.
  if (
    /^credentials$/i.test(word) &&
    /(?<![\p{L}])(?:professional|academic|educational|teaching|medical)\s+$/iu.test(before)
  )
    return true;
  // The name of a thing ("Browser name and version", "operating system name"): no person's name.
  if (/^(?:name|names)$/i.test(word) && THING_BEFORE_NAME.test(before)) return true;
  if (/^(?:name|navn)$/i.test(word))
    return (
      (/(?<![\p{L}])in (?:the|its|their|his|her|our|your)(?: own)? $/iu.test(before) &&
        /^\s+(?:and|of)\b/i.test(after)) ||
      /(?<![\p{L}])i (?:eget|dets|sit|deres|dens) $/iu.test(before)
    );
  return false;
}

/**
 * An identifier said to be pseudonymised, with what it identifies between ("pseudonymised visitor and session
 * identifiers", "pseudonymiserede bruger-id'er"): one pseudonymous identifier, not the words inside it.
 */
const PSEUDONYMOUS_IDENTIFIER = new RegExp(
  String.raw`(?<![\p{L}])(?:pseudonymi[sz]ed|pseudonymous|pseudonymiserede?)\s+(?:[\p{L}-]+\s+){0,4}?(?:\p{L}+-)?` +
    // "bruger-id'er": the identifier joined to what it identifies.
    String.raw`(?:identifiers?|ids?|id['’]er|identifikatorer|identifikator)(?![\p{L}])`,
  "giu",
);

/** The last word of a contact phrase that a coordination may share: addresses, numbers. */
const CONTACT_HEAD = /(?:address|addresses|adresse|adresser|number|numbers|nummer|numre)$/iu;

/** Before a phrase, a word joined to it that shares its last word: "postal and email addresses", "post- og e-mail…". */
const JOINED_BEFORE = /(?<![\p{L}-])(\p{L}[\p{L}-]*?)(-?)\s*(?:,|\/|&|\s(?:and|or|og|eller))\s*$/iu;

/**
 * The phrases of the table in a text, and the ones a coordination leaves short: "postal and email addresses" names
 * postal addresses too, "post- og e-mailadresser" postadresser. The word before is read with the phrase's last word
 * ("postal addresses") or, when it ends in a hyphen, with the tail of the compound ("post" + "adresser").
 */
function phraseHits(text: string, table: PhraseTable): PhraseHit[] {
  const own =
    table === DATA_CATEGORY_PHRASES
      ? [...text.matchAll(PSEUDONYMOUS_IDENTIFIER)].map((m) => ({
          key: "user.unique_id.pseudonymous",
          start: m.index ?? 0,
          end: (m.index ?? 0) + m[0].length,
        }))
      : [];
  const hits = [
    ...own,
    ...findPhrases(text, table, true).filter((h) => !own.some((o) => h.start < o.end && h.end > o.start)),
  ];
  const whole = (candidate: string) => {
    const found = findPhrases(candidate, table, true);
    return found.length === 1 && found[0].start === 0 && found[0].end === candidate.length ? found[0].key : null;
  };
  const extra: PhraseHit[] = [];
  for (const hit of hits) {
    let end = hit.start;
    const phrase = text.slice(hit.start, hit.end);
    for (let n = 0; n < 3; n++) {
      const m = JOINED_BEFORE.exec(text.slice(Math.max(0, end - 60), end));
      if (!m) break;
      const word = m[1];
      const start = end - m[0].length;
      let key: string | null = null;
      if (m[2]) {
        for (let k = 1; k < phrase.length - 2 && !key; k++) key = whole(word + phrase.slice(k));
      } else if (/\s/.test(phrase)) key = whole(`${word} ${phrase.split(/\s+/).pop()}`);
      // Only the contact data people give as pairs (addresses, numbers): "user and device identifiers" is read as
      // the document's labels read it, one identifier.
      if (key && !CONTACT_HEAD.test(phrase)) key = null;
      if (!key || [...hits, ...extra].some((h) => start < h.end && start + word.length > h.start)) break;
      extra.push({ key, start, end: start + word.length });
      end = start;
    }
  }
  return [...hits, ...extra].sort((a, b) => a.start - b.start);
}

/** What follows "members" when they are a team's, a workspace's or a chat's ("… and invitees of the workspace"). */
const MEMBERS_OF_A_GROUP = new RegExp(
  String.raw`^(?:\s+and\s+[\p{L}-]+)?\s+(?:of|in)\s+(?:[\p{L}'’-]+\s+){0,3}?(?:workspaces?|teams?|organi[sz]ations?` +
    String.raw`|chats?|channels?|groups?|accounts?|projects?)(?![\p{L}])`,
  "iu",
);

/** Every vocabulary key a table finds in the places, one value per key with all its citations. */
function keysIn(
  doc: DpaDocument,
  places: Span[],
  table: PhraseTable,
  negations = false,
  examples = true,
): Found<string>[] {
  const byKey = new Map<string, Found<string>>();
  const flat = doc.flat ?? doc.text;
  const defined = table === DATA_CATEGORY_PHRASES ? definedTermSpans(flat) : [];
  for (const place of places) {
    for (const hit of phraseHits(flat.slice(place.start, place.end), table)) {
      const at = place.start + hit.start;
      if (defined.some(([a, b]) => a <= at && place.start + hit.end <= b)) continue;
      if (negations && negated(doc, at, place.start + hit.end, table === SUPERVISION_METHOD_PHRASES)) continue;
      if (!examples && (inExampleBracket(flat, at) || inExampleClause(flat, at, place.start + hit.end))) continue;
      if (table === DATA_CATEGORY_PHRASES && notTheData(flat, at, place.start + hit.end)) continue;
      // "Owners of public profiles", "account owners", "ejere af sider": who holds an account or a page, not a
      // company's shareholders.
      if (hit.key === "shareholder" && /^(owners|ejere)$/i.test(flat.slice(at, place.start + hit.end)))
        if (
          /^\s+(?:of|af)\s+(?!(?:the\s+)?(?:company|business|customer|controller|virksomheden|kunden)\b)/iu.test(
            flat.slice(place.start + hit.end, place.start + hit.end + 40),
          ) ||
          /(?:account|profile|page|site|workspace|channel|konto|profil|side)\s*$/iu.test(
            flat.slice(Math.max(0, at - 30), at),
          )
        )
          continue;
      // "Employees and contractors" are the controller's workforce, its consultants; "agents, contractors,
      // suppliers" are among its business relations. What decides is the company contractors keep: the words beside
      // them on their line, up to where a new group opens ("Customer's suppliers"), not the list's far end.
      if (hit.key === "consultant" && /^contractors$/i.test(flat.slice(at, place.start + hit.end)))
        if (BUSINESS_RELATIONS.test(besideContractors(flat, at, place.start + hit.end))) continue;
      // "its subcontractors' staff": the people of another company, not contractors working for the controller.
      if (hit.key === "consultant" && /^subcontractors$/i.test(flat.slice(at, place.start + hit.end)))
        if (/^['’]/.test(flat.slice(place.start + hit.end))) continue;
      // "Members of the Controller's organisation", "the members and invitees of the workspace", "other chat
      // members": the people of a team, a workspace or a chat, not an association's members.
      if (hit.key === "member" && /^(members|medlemmer)$/i.test(flat.slice(at, place.start + hit.end)))
        if (
          MEMBERS_OF_A_GROUP.test(flat.slice(place.start + hit.end, place.start + hit.end + 80)) ||
          /(?:chat|team|workspace|channel|group|org|organi[sz]ation|project|board)\s+$/iu.test(
            flat.slice(Math.max(0, at - 30), at),
          )
        )
          continue;
      if (hit.key === "end_user" && /^(brugere|users)$/i.test(flat.slice(at, place.start + hit.end)))
        if (USERS_OF_ANOTHER_KIND.test(flat.slice(Math.max(0, at - 40), at))) continue;
      const citation = cite(doc, place.start + hit.start, place.start + hit.end);
      const known = byKey.get(hit.key);
      if (known) known.citations.push(citation);
      else byKey.set(hit.key, found(hit.key, citation, place.confidence === 0.95 ? 0.85 : 0.6));
    }
  }
  return [...byKey.values()];
}

/** The words beside a hit on its line, cut where a new group opens with an owner ("Customer's", "the Controller's"). */
function besideContractors(flat: string, start: number, end: number): string {
  const before =
    flat
      .slice(Math.max(0, start - 30), start)
      .split(/\n/)
      .pop() ?? "";
  const after = flat.slice(end, end + 30).split(/\n/)[0];
  const cut = /[\p{L}]+['’]s\s/u.exec(after);
  return `${before} ${cut ? after.slice(0, cut.index) : after}`;
}

const BUSINESS_RELATIONS = /(?<![\p{L}])(?:suppliers|vendors|agents|business partners)(?![\p{L}])/iu;

/** A sentence saying data is handled: "collects information about your visitors", "behandler ip-adresser". */
const DATA_PROCESSED = new RegExp(
  String.raw`(?<![\p{L}])(process(es|ed)?|collect(s|ed|ing)?|receive[sd]?|store[sd]?|includes?|behandle[rs]?|in` +
    String.raw`dsamle[rs]?|modtage[rs]?|opbevare[rs]?|omfatter|omfatte)(?![\p{L}])` +
    // "where a Client provides X with personal data belonging to third parties (such as names, …)": the data handed
    // to the processor is the data it processes.
    String.raw`|(?<![\p{L}])(?:provides?|provided|supplies|supply|supplied|submits?|shares?)\s[^.;]{0,60}?\bwith\s+pe` +
    String.raw`rsonal\s+data\b` +
    // "The Processing is limited to:" over a list of the data.
    String.raw`|(?<![\p{L}])processing\s+(?:is|shall be|will be)\s+limited\s+to(?![\p{L}])`,
  "iu",
);

/** What a breach notice includes ("This notification must include: … the name and contact details …"): no data. */
const BREACH_NOTICE = new RegExp(
  String.raw`(?<![\p{L}])(?:data breach|breach notification|sikkerhedsbrud|brud på (?:person)?datasikkerheden|notif` +
    String.raw`ication (?:must|shall|will) (?:include|contain|specify)|underretning(?:en)? skal (?:indeholde|omfatte))`,
  "iu",
);

/**
 * Table rows with one field per row, the label in the first cell ("<th>Almindelige oplysninger</th><td>navn,
 * foto …</td>"): the rest of each row whose label matches.
 */
function labelledRows(doc: DpaDocument, label: RegExp): Span[] {
  return (
    doc.blocks
      .filter((b) => b.kind === "tableRow" && (b.cells?.length ?? 0) >= 2)
      .filter((b) => label.test(doc.text.slice(b.cells![0].start, b.cells![0].end).trim()))
      // A template's row whose value is a blank with its examples ('[LIST - e.g., "Names, email addresses"]') lists
      // nothing yet.
      .filter((b) => !isPlaceholder(doc.text.slice(b.cells![1].start, b.cells![b.cells!.length - 1].end).trim()))
      .map((b) => ({ start: b.cells![1].start, end: b.cells![b.cells!.length - 1].end, confidence: 0.7 }))
  );
}

/**
 * A table whose header names a column as the data ("| Data Category | Purpose | Legal Basis |"): that column's
 * cells in the table's other rows.
 */
function labelledColumn(doc: DpaDocument, label: RegExp, beside?: RegExp): Span[] {
  const out: Span[] = [];
  for (const head of doc.blocks.filter((b) => b.kind === "tableRow" && b.header && (b.cells?.length ?? 0) >= 2)) {
    const k = head.cells!.findIndex((c) => label.test(doc.text.slice(c.start, c.end).trim()));
    if (k < 0) continue;
    // A bare heading ("Data", "Subjects") heads the column only beside its pair ("| Data | Subjects | Purpose |").
    if (beside && !head.cells!.some((c, i) => i !== k && beside.test(doc.text.slice(c.start, c.end).trim()))) continue;
    for (const row of doc.blocks)
      if (row.kind === "tableRow" && !row.header && row.table === head.table && row.cells?.[k])
        out.push({ start: row.cells[k].start, end: row.cells[k].end, confidence: 0.7 });
  }
  return out;
}

// "| Data and purpose | Location and retention |": the data named first in the column that pairs it with its purpose.
const CATEGORY_COLUMN = new RegExp(
  String.raw`^(?:personal\s+)?data\s+categor(?:y|ies)$|^(?:person)?datakategori(?:er)?$|^(?:personal\s+)?data\s+(?:a` +
    String.raw`nd|&)\s+purposes?$`,
  "iu",
);

/** "| Data | Subjects | Purpose |": a column headed "Data" beside one headed for whose it is or what for. */
const BARE_DATA_COLUMN = /^(?:personal\s+)?data$/iu;
const BESIDE_BARE_DATA = /^(?:data\s+)?subjects?$|^purposes?$|^whose(?:\s+data)?$/iu;
const BARE_SUBJECT_COLUMN = /^subjects?$|^whose(?:\s+data)?$/iu;

/** A place that only points to an annex: "Set forth in Annex I.", "See Appendix A", "As per Schedule 1". */
const POINTS_ELSEWHERE = new RegExp(
  String.raw`^[^.]{0,120}?\b(?:set (?:forth|out) in|see|as (?:set out|described|specified) in|as per|listed in)` +
    String.raw`\s+(?:\*\*)?(?:annex|appendix|schedule|exhibit|bilag)\b[^.]{0,40}\.?\s*$`,
  "iu",
);
const placeText = (doc: DpaDocument, p: Span) =>
  (doc.flat ?? doc.text).slice(p.start, p.end).replace(/\*\*/g, "").trim();

const CATEGORY_ROW = new RegExp(
  String.raw`^(?:(?:almindelige|følsomme|fortrolige|særlige(?: kategorier af)?|ordinary|special(?: categories` +
    String.raw` of)?)\s+)?(?:person)?oplysninger$|^(?:data|person)?typer$|^datatyper$|^(?:typer|kategorier) af (?:p` +
    String.raw`erson)?oplysninger$|^(?:types?|categor(?:y|ies)) of (?:personal )?data$|^personal data$|^særlige k` +
    String.raw`ategori` +
    String.raw`er$|^special categories$` +
    // The CCPA's "Personal Information", with a word for whose it is ("Categories of Caller Personal Information").
    String.raw`|^(?:types?|categor(?:y|ies)) of (?:[\p{L}-]+ )?personal information$|^(?:types?|categor(?:y|ies)) of ` +
    String.raw`(?!data\b)[\p{L}-]+ personal data$`,
  "iu",
);
// "Categories of Data Subject": the singular as a row's label too.
// "Data principals": India's DPDP Act's word for them.
const SUBJECT_ROW =
  /^(?:(?:kategorier af )?(?:de )?registrerede(?: personer)?|(?:categories of )?data (?:subjects?|principals?))$/iu;

/**
 * The heading of the section on the personal data processed. A word may name whose data it is between "types of"
 * and "personal data" ("Types of Customer Personal Data").
 */
const DATA_SECTION = new RegExp(
  // "Categories of Personal Information": the CCPA's name for it. A word may say whose ("Categories of Caller
  // Personal Information").
  String.raw`(?:categories|types|type) of (?:(?:customer|client|controller|user|[\p{L}-]+)\s+)?personal (?:data|inf` +
    String.raw`ormation)|` +
    String.raw`(?:kategorier|typer|type) af (?:personoplysninger|person` +
    String.raw`data)|categories of data(?! subjects)\b|personal data (?:that may be )?processed|^\s*(?:\d+\.?\s+)?` +
    String.raw`(?:kategorier af )?registrerede og (?:person)?oplysninger|^\s*(?:\d+\.?\s+)?data subjects and (?:c` +
    String.raw`ategories of )?(?:personal )?data|^\s*(?:\d+\.?\s+)?(?:kategorier af|typer af) oplysninger\b|^\s*(?` +
    String.raw`:\d+\.?\s+)?(?:behandlede )?(?:person)?oplysninger$` +
    // A point titled by the words alone: "2.3 Data Processed", "Information we process"; a page's question
    // "What Data We Collect", "Which information we collect and store".
    String.raw`|^\s*(?:\d+(?:\.\d+)*\.?\s+)?(?:(?:what|which)\s+)?(?:personal )?(?:data|information) (?:processed|` +
    String.raw`we (?:process|collect)(?: and (?:process|store))?)\s*$` +
    // The kinds named first, as a sub-heading under "Type of Personal Data" does: "3.1 Data Categories", "Personal
    // Data Categories". Not "Data Subject Categories": whose data, not which.
    String.raw`|^\s*(?:\d+(?:\.\d+)*\.?\s+)?(?:personal )?data categor(?:y|ies)\s*:?\s*$` +
    // "- Types of data: names, job titles …", "Kinds of data": the words alone as a list item's label, not "types of
    // data subjects".
    String.raw`|^\s*(?:[-•*]\s+|\d+(?:\.\d+)*\.?\s+)?(?:types|kinds) of data(?![\p{L}])(?!\s+subjects?)` +
    // "1.3 Nature of Personal Data" over the kinds of data: what the data is, not the nature of the processing.
    String.raw`|^\s*(?:\d+(?:\.\d+)*\.?\s+)?nature of (?:the )?personal data\s*$`,
  "iu",
);

const TOKEN_OR_KEY = /token|api[- ]?(?:key|nøgle)/i;
/**
 * "Employment" alone is a kind of data only in a list of it: in a sentence ("obligations that survive the termination
 * of that person's employment") it is someone's job, not data processed.
 */
const LISTED_ONLY = /^(?:employment|ansættelsesforhold)$/i;

/**
 * Words that are personal data only as an item of a list of it: "organization" ("business email address, name,
 * organization"; "Professional information (organization, …)") is where the person works, "handle" ("handle, profile
 * data") their username on a social account. Not the customer's organisation ("employees of the customer's
 * organization"), not GDPR's "collection, recording, organisation, structuring", not "organizations" as a kind of
 * record, not the verb ("to handle data"). An item stands between list marks: the start of a line, a comma,
 * semicolon, colon, bullet, an opening bracket or a table cell's edge before it; a comma, semicolon, full stop,
 * closing bracket, the line's end or a conjunction after it.
 */
const LIST_ITEM_WORDS: [RegExp, string][] = [
  [/organi[sz]ation(?: name)?|organisationsnavn/, "user.workplace"],
  // "names, job titles, companies, business email addresses": the companies people work at. Not "company name" in
  // the singular, which an account's fields name for the customer's own business.
  [/companies/, "user.workplace"],
  [/handles?/, "user.account.username"],
  // "identifiers (names, emails)", "names, emails, and phone numbers": in a list of data, emails are addresses.
  [/e-?mails/, "user.contact.email"],
  // "names, addresses, emails": bare, between list marks, the people's addresses; "Property addresses" is no item.
  [/addresses/, "user.contact.address"],
  // "plan milestones, messages, and activity logs": the messages people sent.
  [/messages/, "user.content.communication"],
  // "Name, email, role, and profile information", "(organization, role)": the person's role at work.
  [/roles?/, "user.job_title"],
  // "Identity, contact, business data", "(name, contact)": the person's contact details.
  [/contact/, "user.contact"],
  // "credit card details, account details, payment information": what the person's account holds.
  [/account (?:data|details|information)/, "user.account"],
  // "religious beliefs; health; and sex life", "Health and neurodevelopmental data": the person's health.
  [/health/, "user.health_and_medical"],
  // "IP addresses, device information, cookies": the identifiers cookies hold.
  [/cookies/, "user.device.cookie_id"],
];
const listItem = (word: RegExp) =>
  new RegExp(
    // A bullet may stand between the mark and the item ("beliefs; - health; and - sex life").
    // The place's own start too, after a label's colon ("**Type of personal data**: account data, game data").
    String.raw`(?:^[ \t]*|[,;:•(|\t]\s*|(?<![\p{L}])(?:and|or|og|eller)\s+)(?:[-*][ \t]+)?(${word.source})` +
      String.raw`(?=\s*(?:[,;.)]|$)|\s+` +
      String.raw`(?:and|or|o` +
      String.raw`g|eller)(?![\p{L}]))`,
    "gimu",
  );
const PROCESSING_OPERATIONS = /recording|structuring|registrering|strukturering|indsamling|collection/i;

/**
 * Words that are a kind of data only as the label a list item opens with, its items after a colon or in a bracket
 * ("- Communications: emails, notes", "- Communications (email, SMS)"): the messages themselves. Not "electronic
 * communications" in a sentence.
 */
const LIST_LABEL_WORDS: [RegExp, string][] = [[/communications|messages/, "user.content.communication"]];
const listLabel = (word: RegExp) =>
  new RegExp(String.raw`^[ \t]*(?:[-•*][ \t]+)?(${word.source})(?=[ \t]*(?::[ \t]*\S|\())`, "gimu");

function listItemWords(doc: DpaDocument, places: Span[], have: Set<string>): Found<string>[] {
  const flat = doc.flat ?? doc.text;
  const out: Found<string>[] = [];
  for (const [word, key] of LIST_LABEL_WORDS) {
    if (have.has(key)) continue;
    const m = places
      .flatMap((p) => [...flat.slice(p.start, p.end).matchAll(listLabel(word))].map((x) => ({ p, x })))
      .find(({ p, x }) => !negated(doc, p.start + (x.index ?? 0), p.start + (x.index ?? 0) + x[0].length));
    if (!m) continue;
    const start = m.p.start + (m.x.index ?? 0) + m.x[0].lastIndexOf(m.x[1]);
    out.push(found(key, cite(doc, start, start + m.x[1].length), 0.6));
  }
  for (const [word, key] of LIST_ITEM_WORDS) {
    if (have.has(key)) continue;
    const re = listItem(word);
    search: for (const p of places)
      for (const m of flat.slice(p.start, p.end).matchAll(re)) {
        const start = p.start + (m.index ?? 0) + m[0].lastIndexOf(m[1]);
        if (PROCESSING_OPERATIONS.test(flat.slice(Math.max(0, start - 40), start + m[1].length + 40))) continue;
        if (negated(doc, start, start + m[1].length)) continue;
        out.push(found(key, cite(doc, start, start + m[1].length), 0.6));
        break search;
      }
  }
  return out;
}

/**
 * A label that names the data a breach touched ("Nature of the breach and categories of data affected", "kategorier
 * af berørte personoplysninger"), in the list of what a breach notice gives: not the section on the data processed.
 */
const AFFECTED = /(?<![\p{L}])(?:affected|concerned|involved|berørte|omfattet af bruddet)(?![\p{L}])/iu;
function breachNoticeItem(doc: DpaDocument, place: Span): boolean {
  const flat = doc.flat ?? doc.text;
  const label = flat.slice(Math.max(0, flat.lastIndexOf("\n", place.start - 2) + 1), place.start);
  return AFFECTED.test(label) && BREACH_NOTICE.test(flat.slice(Math.max(0, place.start - 600), place.start));
}

/** Article 9's own list, recited: what the law covers, not what the processor is given. */
const ARTICLE_9_RECITAL = /racial or ethnic origin|race or ethnicity|racemæssig eller etnisk oprindelse/i;
/** A section of its own on the special categories: "5. Special Category Data", "Sensitive data processed". */
const SPECIAL_SECTION = new RegExp(
  String.raw`^\s*(?:\d+(?:\.\d+)*\.?\s+|[A-Z][.)]\s+)?(?:special categor(?:y|ies) (?:of )?(?:personal )?data|s` +
    String.raw`ensitive (?:personal )?data)`,
  "i",
);

/**
 * The label of the data processed run in mid-paragraph, among other details of the processing ("Duration: the term.
 * Categories of data: business contact details, delivery events. Categories of data subjects: …", "**Types of
 * data:** order data …"): its text, up to the next label of that kind or the paragraph's end.
 */
// A list item's run-in label too ("- Data Categories: names, emails"), and there "Personal data:" and "Data:" alone.
const RUN_IN_CATEGORIES = new RegExp(
  String.raw`(?:^(?:[ \t]*[-*•+][ \t]+)?|[.;]\s+|\*\*)(?:(?:categories|types|kinds) of (?:personal )?data|(?:per` +
    String.raw`sonal )?data categories|(?<=^[ \t]*[-*•+][ \t]+)(?:personal )?data)(?:\*\*)?\s*:(?:\*\*)?\s*`,
  "gimu",
);
const NEXT_RUN_IN = /[.;]\s+(?:\*\*)?\p{Lu}[\p{L}' ]{0,40}(?:\*\*)?\s*:|\n/u;

function runInLabels(doc: DpaDocument, label: RegExp): Span[] {
  const flat = doc.flat ?? doc.text;
  return [...flat.matchAll(label)].map((m) => {
    const start = (m.index ?? 0) + m[0].length;
    const next = NEXT_RUN_IN.exec(flat.slice(start));
    return { start, end: next ? start + next.index : flat.length, confidence: 0.7 };
  });
}

export function dataCategories(doc: DpaDocument): Extracted<ExtractedCategory>[] {
  const named = listingPlace(doc, "A.3", DATA_SECTION, DATA_CATEGORY_PHRASES).filter((p) => !breachNoticeItem(doc, p));
  // A place that lists nothing (an SCC annex left blank, a heading over an empty list) is no answer: the rows or
  // sentences elsewhere may still say what data is processed.
  // A place whose items are only list words ("account data, game data") lists something too.
  const listing =
    keysIn(doc, named, DATA_CATEGORY_PHRASES, true).length || listItemWords(doc, named, new Set()).length ? named : [];
  // The special categories in a section of their own beside it ("Special Category Data (Article 9)", "Sensitive data
  // processed") are data processed too; one that says none are ("None expected") names none, and one that recites
  // Article 9's list ("racial or ethnic origin, …, health data") says what the law covers, not what is processed.
  const special = [...underLabels(doc, SPECIAL_SECTION)].filter(
    (p) => !ARTICLE_9_RECITAL.test((doc.flat ?? doc.text).slice(p.start, p.end)),
  );
  const places = listing.length ? [...listing, ...special] : [];
  // No section lists them: a table row labelled with them, else the sentences that say what data is processed.
  // A row labelled with a column's words ("<th>Data categories</th><td>Identity, contact …</td>") is one too, where
  // it lists something (a kind of data, or items between commas): a table's header row with those words heads a
  // column ("| Data Category | Purpose |").
  const byRow = places.length
    ? []
    : [
        ...labelledRows(doc, CATEGORY_ROW),
        ...labelledRows(doc, CATEGORY_COLUMN).filter(
          (r) =>
            keysIn(doc, [r], DATA_CATEGORY_PHRASES, true).length ||
            /,/.test((doc.flat ?? doc.text).slice(r.start, r.end)),
        ),
      ];
  const column = labelledColumn(doc, CATEGORY_COLUMN);
  const byColumn =
    places.length || byRow.length
      ? byRow
      : column.length
        ? column
        : labelledColumn(doc, BARE_DATA_COLUMN, BESIDE_BARE_DATA);
  const rows = places.length || byColumn.length ? byColumn : runInLabels(doc, RUN_IN_CATEGORIES);
  const read = places.length
    ? places
    : rows.length
      ? rows
      : sentencesAbout(doc, DATA_PROCESSED, BREACH_NOTICE)
          .filter((p) => !DEFINITION.test((doc.flat ?? doc.text).slice(p.start, p.end)))
          .map((p) => ({ ...p, confidence: 0.5 }));
  // A token or key is personal data only where the document lists it as such: "access tokens are encrypted" in a
  // sentence about storage says how, not what.
  const listed = places.length > 0 || rows.length > 0;
  const keys = keysIn(doc, read, DATA_CATEGORY_PHRASES, true)
    .map((k) =>
      listed
        ? k
        : { ...k, citations: k.citations.filter((c) => !TOKEN_OR_KEY.test(c.quote) && !LISTED_ONLY.test(c.quote)) },
    )
    .filter((k) => k.citations.length);
  const have = new Set(keys.map((k) => k.value));
  if (listed) keys.push(...listItemWords(doc, read, have));
  // In a sentence that says what data is processed, "addresses" and "emails" between list marks ("names, and where
  // applicable, addresses, emails, or phone numbers") are as listed; the other list words keep to lists (a
  // sentence's "organization" is the customer's).
  else keys.push(...listItemWords(doc, read, have).filter((k) => /^user\.contact\./.test(k.value)));
  // "Kontaktoplysninger" beside "e-mail" and "telefonnummer" says no more than they do: the general key only
  // stands when nothing more specific under it was found. So with money: "Financial data (e.g. payment
  // information)" is the payment data its example names.
  const moneyKind = (v: string) => v.startsWith("user.financial.") || v === "user.payment";
  return keys
    .filter((k) => k.value !== "user.contact" || !keys.some((o) => o.value.startsWith("user.contact.")))
    .filter((k) => k.value !== "user.financial" || !keys.some((o) => moneyKind(o.value)))
    .map((k) => ({ ...k, value: { key: k.value, sensitivity: sensitivityOf(k.value) } }));
}

/**
 * Whose data, read where the document says it: "students" are a school's pupils only where the document is about
 * schools (an SCC annex's "customers, clients, …, students, donors" names a generic list); "minors" in the line that
 * names the pupils ("Students (typically minors aged 14-18)") says how old they are, not another group.
 */
export function dataSubjectCategories(doc: DpaDocument): Extracted<string>[] {
  const flat = doc.flat ?? doc.text;
  const read = subjectsAsRead(doc);
  const students = (c: { quote: string }) => /^students$/i.test(c.quote.trim());
  const school = SCHOOL.test(flat);
  const kept = read.filter((k) => k.value !== "child.pupil" || school || !k.citations.every(students));
  const pupils = kept.find((k) => k.value === "child.pupil");
  const lineOf = (at: number) => flat.lastIndexOf("\n", at);
  return kept.filter(
    (k) =>
      k.value !== "child" ||
      !pupils ||
      !k.citations.every((c) => pupils.citations.some((p) => lineOf(p.start) === lineOf(c.start))),
  );
}

function subjectsAsRead(doc: DpaDocument): Extracted<string>[] {
  const heading = new RegExp(
    // The singular as British drafting has it ("4. Categories of data subject").
    String.raw`categories of data subjects?(?![\p{L}])|kategorier af (?:de )?registrerede|` +
      String.raw`categories of data subjects w` +
      String.raw`hose|registrerede personer|^\s*(?:\d+\.?\s+)?registrerede og (?:person)?oplysninger|^\s*(?:\d` +
      String.raw`+\.?\s+)?data subjects and (?:categories of )?(?:personal )?data` +
      // A heading that is the word alone: "3. Data Subjects", "5.1 Data subjects", "De registrerede".
      // India's DPDP Act calls them "data principals".
      String.raw`|^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?(?:(?:the\s+)?data (?:subjects|principals)|(?:de\s+)?regi` +
      String.raw`strerede)\s*:?\s*$` +
      // The word alone as a line's label, the list after its colon: "Data subjects: shoppers and staff"; after a
      // point's mark and ended by a full stop as a run-in title: "(ii) Data subjects. Shoppers and staff".
      String.raw`|^\s*(?:[-•*]\s+|\(?(?:\d{1,2}(?:\.\d{1,2})*|[a-z]|[ivx]{1,4})[.)]\s+)?(?:(?:the\s+)?data ` +
      String.raw`(?:subjects|principals)|(?:d` +
      // Or a dash after the label, as a list of processing details sets each term off: "- Data subjects — the
      // customer's employees, clients, and contacts".
      String.raw`e\s+)?registrerede)\s*(?=:\s*\S|\.\s+\p{Lu}|[—–]\s*\S|\s-\s+\S)` +
      // Other names a heading or label gives them: "Whose data we process", "Categories of individuals", "Data
      // subject categories", "Individuals whose data is processed:", "Hvis oplysninger", "Kategorier af personer".
      String.raw`|^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?(?:whose (?:personal )?data|categories of (?:individuals|per` +
      String.raw`sons|people)|data[- ]subject categories|(?:individuals|persons|people) whose (?:personal )?data|h` +
      String.raw`vis (?:person)?oplysninger|kategorier af personer)(?![\p{L}])` +
      // "- People concerned: the Customer's leads …", "2.2 Persons concerned": whom the data concerns, as a label.
      String.raw`|^\s*(?:[-•*]\s+|\(?(?:\d{1,2}(?:\.\d{1,2})*|[a-z]|[ivx]{1,4})[.)]\s+)?(?:people|persons|indiv` +
      String.raw`iduals) concerned(?=\s*(?::|$))`,
    "iu",
  );
  const places = placeToRead(doc, annexPlace(doc, "A.4", heading), heading, DATA_SUBJECT_PHRASES);
  // A place that only points elsewhere ("2.4 Categories of Data Subjects and Personal Data. Set forth in Annex I.")
  // names no one: the annex's row does.
  const inPlaces = keysIn(doc, places, DATA_SUBJECT_PHRASES, true);
  if (inPlaces.length || (places.length && !places.every((p) => POINTS_ELSEWHERE.test(placeText(doc, p)))))
    return inPlaces;
  const rows = labelledRows(doc, SUBJECT_ROW);
  const inRows = keysIn(doc, rows, DATA_SUBJECT_PHRASES, true);
  if (inRows.length) return inRows;
  // No row's text names them: a table's column headed "Data subjects" ("| Data subjects | Personal data |").
  // Or headed "Subjects" beside a column headed "Data" ("| Data | Subjects | Purpose |").
  const inColumn = keysIn(
    doc,
    [...labelledColumn(doc, SUBJECT_ROW), ...labelledColumn(doc, BARE_SUBJECT_COLUMN, BARE_DATA_COLUMN)],
    DATA_SUBJECT_PHRASES,
    true,
  );
  if (inColumn.length || rows.length) return inColumn;
  // No section or row names them: the sentences that say who the data subjects are ("De registrerede er
  // butikkens kunder"), else the section on the data processed, which says whose data it is ("kontaktoplysninger
  // på slutbrugere").
  const sentences = sentencesAbout(doc, SUBJECT_SENTENCE).map((p) => ({ ...p, confidence: 0.5 }));
  const found = keysIn(doc, sentences, DATA_SUBJECT_PHRASES, true);
  if (found.length) return found;
  const data = annexPlace(doc, "A.3", DATA_SECTION).map((p) => ({ ...p, confidence: 0.5 }));
  const inData = keysIn(doc, data, DATA_SUBJECT_PHRASES, true);
  if (inData.length) return inData;
  // The place the data is read from, with the points an introducing sentence opens ("3.1 Customer Data (your trade
  // customers)").
  const listing = listingPlace(doc, "A.3", DATA_SECTION, DATA_CATEGORY_PHRASES).map((p) => ({ ...p, confidence: 0.5 }));
  const inListing = keysIn(doc, listing, DATA_SUBJECT_PHRASES, true);
  return inListing.length ? inListing : dataOwners(doc);
}

/**
 * People named as whose data it is ("its patients' data", "customer/patient data", "Student information",
 * "patientoplysninger", "elevdata", "data about pupils"): where nothing names the data subjects, the data's owners
 * are they. Only kinds of people no contract uses for its own party ("Customer Data" is the controller's data).
 * Students are pupils where the document is about schools.
 */
const DATA_OWNER = new RegExp(
  String.raw`(?<![\p{L}])(?:(patients?|students?|pupils?|citizens?)(?:['’]s?)?\s+(?:personal\s+)?(?:data|info` +
    String.raw`rmation|records)|(patient|elev|borger)(?:data|oplysninger|journaler)|(?:data|information|oplys` +
    String.raw`ninger)\s+(?:about|on|of|concerning|om|vedrørende)\s+(?:the\s+|their\s+|its\s+)?(patients|stud` +
    String.raw`ents|pupils|citizens|patienter|elever|borgere))(?![\p{L}])`,
  "giu",
);
const OWNER_KEYS: [RegExp, string][] = [
  [/^patient/i, "patient"],
  [/^(?:pupil|elev)/i, "child.pupil"],
  [/^student/i, "child.pupil"],
  [/^(?:citizen|borger)/i, "citizen"],
];
const SCHOOL = /(?<![\p{L}])(?:schools?|skoler?|pupils?|elever|K-12|FERPA|school district)(?![\p{L}])/iu;

function dataOwners(doc: DpaDocument): Found<string>[] {
  const flat = doc.flat ?? doc.text;
  const byKey = new Map<string, Found<string>>();
  for (const m of flat.matchAll(DATA_OWNER)) {
    const word = m[1] ?? m[2] ?? m[3];
    const key = OWNER_KEYS.find(([re]) => re.test(word))?.[1];
    if (!key || (/^student/i.test(word) && !SCHOOL.test(flat))) continue;
    const start = (m.index ?? 0) + m[0].indexOf(word);
    if (negated(doc, start, start + word.length)) continue;
    const citation = cite(doc, start, start + word.length);
    const known = byKey.get(key);
    if (known) known.citations.push(citation);
    else byKey.set(key, found(key, citation, 0.5));
  }
  return [...byKey.values()];
}

/** A sentence naming the data subjects: "De registrerede er …", "the data subjects are …". */
const SUBJECT_SENTENCE = new RegExp(
  String.raw`(?<![\p{L}])(?:de registrerede|registrerede personer|data subjects (?:(?:may|can|will) )?(?:are|inc` +
    // "Data subjects may include customer employees, contractors …": who they may be is who they are.
    String.raw`lude|be|affected|concern` +
    // "The processing concerns the following data subjects:", "Behandlingen vedrører kundens kunder".
    String.raw`ed)|groups? of data subjects|the following data subjects|behandlingen vedrører|categori(?:es|[sz]` +
    String.raw`ation) of data subjects|oplysninger om (?:følgende|disse) (?:grupper|personer)` +
    // "Customer Personal Data may relate to Customer's users, personnel …", "Personoplysningerne kan vedrøre …".
    String.raw`|personal data (?:may |can |will )?(?:relates? to|concerns?)|personoplysninger(?:ne)? (?:kan )?vedrø` +
    String.raw`re[rs]?` +
    // "Subjects are workspace users and …": the word alone opening the sentence, in a processing inventory.
    String.raw`|^\s*subjects\s+(?:are|include))(?![\p{L}])`,
  "iu",
);

export const purposesPlace = (doc: DpaDocument) => annexPlace(doc, "A.1", /^\s*(?:\d+\.?\s+)?(?:purposes?|formål)\b/);
export const naturePlace = (doc: DpaDocument) =>
  annexPlace(doc, "A.2", /^\s*(?:\d+\.?\s+)?(?:nature of the processing|behandlingens karakter)/);
export const durationPlace = (doc: DpaDocument) => annexPlace(doc, "A.5", /^\s*(?:\d+\.?\s+)?(?:duration|varighed)/);
export const locationsPlace = (doc: DpaDocument) =>
  annexPlace(
    doc,
    "C.5",
    // Also as vendors title it: "Data Location", "Location of Personal Data", "Data Residency", "Placering af data".
    new RegExp(
      String.raw`^\s*(?:\d+\.?\s+)?(?:location of processing|processing locations?|lokalitet|data locations?$|locat` +
        String.raw`ion of (?:the )?(?:personal )?data$|data residency$|hosting locations?$|data hosting$|datalokation` +
        String.raw`$|placering af (?:person)?(?:data|oplysninger)(?:ne)?$|behandlingssted$)`,
      "i",
    ),
  );

// ---- Bilag B.1: the sub-processor table ---------------------------------------------------------

type Column = "name" | "registration" | "address" | "country" | "description";

const COLUMN_HEADINGS: [RegExp, Column][] = [
  [/^(navn|name)$/i, "name"],
  [/(cvr|reg|company|vat|org)/i, "registration"],
  [/(adresse|address)/i, "address"],
  [/^(land|country|lokation|location|placering)/i, "country"],
  [/(beskrivelse|description|behandling|processing|formål|purpose)/i, "description"],
];

interface TableRow {
  start: number;
  end: number;
  cells: Partial<Record<Column, string>>;
}

/** Rows of a tab-separated table: a row with an empty name cell continues the row before it. */
function subprocessorTable(doc: DpaDocument, place: Span): TableRow[] {
  let columns: (Column | null)[] | null = null;
  const rows: TableRow[] = [];
  for (const line of findAll(doc, /^[^\n]*\t[^\n]*$/gm, place.start, place.end)) {
    const cells = line.match[0].split("\t").map((c) => c.trim());
    const headings = cells.map((c) => COLUMN_HEADINGS.find(([re]) => re.test(c))?.[1] ?? null);
    if (headings[0] === "name" && headings.filter(Boolean).length >= 2) {
      columns = headings;
      continue;
    }
    if (!columns) continue;
    const row: Partial<Record<Column, string>> = {};
    columns.forEach((col, i) => {
      if (col && cells[i]) row[col] = cells[i];
    });
    // The company's number on the name cell's second line ("Acme ApS CVR 12345678", or "CVR 12345678" alone).
    if (row.name) {
      const cell = nameAndNumber(row.name);
      row.name = cell.name || undefined;
      if (cell.registration && !row.registration) row.registration = cell.registration;
    }
    const previous = rows[rows.length - 1];
    if (!row.name && previous) {
      for (const [col, value] of Object.entries(row) as [Column, string][])
        previous.cells[col] = [previous.cells[col], value].filter(Boolean).join(" ");
      continue;
    }
    if (row.name) rows.push({ start: line.start, end: line.end, cells: row });
  }
  return rows;
}

const stripMarkup = (s: string) =>
  s
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
const COMPANY_FORM = /\b(A\/S|ApS|B\.V\.?|Ltd\.?|Limited|SARL|S\.A\.R\.L\.|Inc\.?|GmbH|AB|Company|LLC|AS|Oy)\b/;

function registrationSchemeOf(number: string): RegistrationScheme {
  if (/^[A-Z]{2}\w*\d/.test(number)) return "VAT";
  if (/^\d{8}$/.test(number)) return "CVR";
  return "COMPANY_NO";
}

function transferMechanismOf(description: string): string | null {
  if (/\b(SCCs?|SSC)\b|standardkontrakt|standard contractual clauses/i.test(description)) return "SCC";
  if (/Data Privacy Framework|\bDPF\b/i.test(description)) return "DPF";
  if (/\bBCRs?\b|bindende virksomhedsregler|binding corporate rules/i.test(description)) return "BCR";
  if (/adequacy|tilstrækkeligt beskyttelsesniveau/i.test(description)) return "ADEQUACY";
  return null;
}

function readSubprocessor(row: TableRow): ExtractedSubprocessor {
  const name = row.cells.name!;
  const registrationNumber = row.cells.registration?.replace(/\s+/g, "") || null;
  const address = row.cells.address ?? null;
  const withoutAlias = name.replace(/\s*\([^)]*\)\s*$/, "").trim();
  return {
    name,
    legalName: COMPANY_FORM.test(withoutAlias) ? withoutAlias : null,
    registrationNumber,
    registrationScheme: registrationNumber ? registrationSchemeOf(registrationNumber) : null,
    address,
    countryCode: (address && countryOf(address)) || (row.cells.country && countryOf(row.cells.country)) || null,
    description: row.cells.description ? stripMarkup(row.cells.description) : null,
    transferMechanism: row.cells.description ? transferMechanismOf(row.cells.description) : null,
  };
}

export function subprocessors(doc: DpaDocument): Extracted<ExtractedSubprocessor>[] {
  const place = annexPlace(
    doc,
    "B.1",
    /approved sub-?processors|godkendte underdatabehandlere|list of sub-?processors/i,
  )[0];
  // The template's tab-separated table in plain text first (the seeds' form), then every other form.
  const tabbed =
    place && (doc.format === "text" || doc.format === "pdf" || doc.byLines) ? subprocessorTable(doc, place) : [];
  // A row that names no one yet ("[Hostingleverandør, fx Contabo GmbH]", "[Navn]", "… (TBD) …") is noted, never taken.
  const named = tabbed.filter((row) => {
    const name = row.cells.name!;
    if (!namesNoOne(name)) return true;
    notePlaceholder(doc, "subprocessors", row.start, row.end);
    return false;
  });
  if (tabbed.length) return named.map((row) => found(readSubprocessor(row), cite(doc, row.start, row.end), 0.9));
  return subprocessorsOfBlocks(doc);
}

// ---- Processing locations: Bilag C.5 and the locations in the B.1 table -------------------------

const OWN_PREMISES =
  /hjemsted|hovedkontor|(?:under)?databehandlerens adresse|registered office|head office|premises/giu;

/**
 * Countries where processing may happen: C.5's countries and the processor's seat, plus B.1's data-centre countries.
 */
export function processingCountries(
  doc: DpaDocument,
  parties: ExtractedParty[],
  kind: string,
): Extracted<string[]> | null {
  const readings: Found<string>[] = [];
  const c5 = locationsPlace(doc);
  const processing = parties.find((p) => p.role === (kind === "SUBPROCESSOR_AGREEMENT" ? "SUBPROCESSOR" : "PROCESSOR"));
  readings.push(...keysIn(doc, c5, COUNTRY_PHRASES));
  if (processing?.countryCode) {
    const country = processing.countryCode;
    readings.push(...readEach(doc, c5, OWN_PREMISES, () => country).slice(0, 1));
  }
  const b1 = annexPlace(doc, "B.1", /approved sub-?processors|godkendte underdatabehandlere/i)[0];
  if (b1) {
    for (const row of subprocessorTable(doc, b1)) {
      // Only the location and description columns say where data is processed; addresses say where a company sits.
      for (const column of ["country", "description"] as const) {
        const value = row.cells[column];
        if (!value) continue;
        const offset = doc.text.indexOf(value, row.start);
        if (offset < 0 || offset > row.end) continue;
        readings.push(
          ...keysIn(doc, [{ start: offset, end: offset + value.length, confidence: 0.85 }], COUNTRY_PHRASES),
        );
      }
    }
  }
  if (!readings.length) return null;
  const countries = [...new Set(readings.map((r) => r.value))];
  return {
    value: countries,
    citations: readings.flatMap((r) => r.citations),
    confidence: 0.8,
  };
}

// ---- Bilag C.2: measures -----------------------------------------------------------------------

const BULLET = /^(?:-\s+(?:[a-z]\)\s+)?|[a-z]\)\s+|•\s*)(\S.*)$/u;
const SUBHEADING = (line: string) =>
  !/[.:;!?]$/.test(line.trim()) && line.trim().split(/\s+/).length <= 7 && !BULLET.test(line);

/** Measures the annex requires: each catalogue key once (with all its places); unmatched bullet points kept as text. */
export function measuresOf(doc: DpaDocument): Extracted<ExtractedMeasure>[] {
  const places = annexPlace(
    doc,
    "C.2",
    /security measures|technical and organisational measures|sikkerhedsforanstaltninger/i,
  );
  const keyed = new Map<string, Extracted<ExtractedMeasure>>();
  const unmatched: Extracted<ExtractedMeasure>[] = [];
  for (const place of places) {
    for (const line of findAll(doc, /^[^\n]+$/gm, place.start, place.end)) {
      const text = line.match[0];
      if (SUBHEADING(text)) continue;
      const hits = findPhrases(text, MEASURE_PHRASES);
      for (const hit of hits) {
        const citation = cite(doc, line.start + hit.start, line.start + hit.end);
        const known = keyed.get(hit.key);
        if (known) known.citations.push(citation);
        else keyed.set(hit.key, found({ key: hit.key, text: text.trim() }, citation, 0.8));
      }
      const bullet = BULLET.exec(text);
      // Top-level bullet points only: indented sub-points are details of the point above.
      if (!hits.length && bullet && !/^\s/.test(text) && bullet[1].split(/\s+/).length >= 3) {
        unmatched.push(
          found({ key: null, text: bullet[1].trim() }, cite(doc, line.start + text.indexOf(bullet[1]), line.end), 0.5),
        );
      }
    }
  }
  return [...keyed.values(), ...unmatched];
}

// ---- Bilag C.7 / C.8: audits --------------------------------------------------------------------

const PARTY_WORD = new RegExp(
  // A controller by the name a SaaS agreement gives it: "Customer bears …", "the Subscriber bears …", "You bear …".
  String.raw`(?<![\p{L}])(den dataansvarlige|dataansvarliges?|kundens?|the customer|customer|subscriber|you|un` +
    String.raw`derdatabehandler(?:en|ens)` +
    String.raw`?|databehandler(?` +
    String.raw`:en|ens)?|the controller|controller|the sub-processor|sub-processor|the processor|processor)(?` +
    String.raw`![\p{L}])`,
  "iu",
);

/** Who a party word means for the cost of an audit: in a sub-processor agreement "databehandleren" is the principal. */
function costBearerOf(word: string, kind: string): string {
  const w = word.toLowerCase();
  // In a DPA the customer ("kunden") is the controller.
  if (/dataansvarlig|controller|client|kunde|customer|skole|subscriber|^you$|^user$/.test(w)) return "CONTROLLER";
  if (w.includes("underdatabehandler") || w.includes("sub-processor")) return "PROCESSOR";
  return kind === "SUBPROCESSOR_AGREEMENT" ? "CONTROLLER" : "PROCESSOR";
}

const COST = new RegExp(
  [
    "(?:afholdes|betales|bæres)\\s+af\\s+(den dataansvarlige|kunden|underdatabehandleren|databehandleren)",
    "for\\s+(den dataansvarliges|kundens|skolens|underdatabehandlerens|databehandlerens)\\s+(?:egen\\s+)?regning",
    // "at the controller's own cost", "at Controller's own cost", "at the Client's expense": the article may be left
    // out, and the client is the controller.
    // "at the User's expense": the controller under the name a platform's terms give it.
    "at\\s+(?:the\\s+)?(?:data\\s+)?(controller|client|user|sub-processor|processor)['’]s\\s+(?:sole\\s+|own\\s+" +
      ")?(?:cos" +
      "ts?|expenses?)",
    // "The cost of such audit … shall be borne by the Client": the client is the controller. The article may be left
    // out and the controller called the customer or "you" ("Audit costs are borne by Client", "paid by you").
    "(?:borne|paid)\\s+by\\s+(?:the\\s+)?(?:data\\s+)?(controller|client|customer|you|sub-processor|processor)" +
      "(?![\\p{L}-])",
    "(for egen regning|at its own (?:cost|expense))",
    // Each party paying its own: "The processor and the controller shall cover their own costs", "Each party bears its
    // own costs", "Hver part afholder egne omkostninger", "Parterne afholder hver især egne omkostninger".
    "(deles ligeligt|shared equally|split equally|(?:bear|cover)\\s+their\\s+own\\s+(?:[\\p{L}]+\\s+)?costs|eac" +
      "h\\s+party\\s+(?:shall\\s+|will\\s+)?(?:bears?|covers?)\\s+its\\s+own\\s+(?:[\\p{L}]+\\s+)?costs|hver\\s+p" +
      "art\\s+(?:afholder|bærer)\\s+(?:sine\\s+)?egne\\s+(?:omkostninger|udgifter)|parterne\\s+(?:afholder|bærer)" +
      "\\s+(?:hver\\s+(?:især\\s+|for\\s+sig" +
      "\\s+))?(?:sine\\s+|deres\\s+)?egne\\s+(?:omkostninger|udgifter))",
    // The customer paying: "at Your sole expense", "the Customer shall bear all costs", "betales af den
    // dataansvarlige".
    // "On-site audit available (Controller expense)": the payer in a bracket.
    "(at\\s+(?:your|the customer['’]s|customer['’]s)\\s+(?:sole\\s+|own\\s+)?(?:cost|expense)|\\((?:at\\s+)?(?:t" +
      "he\\s+)?(?:controller|customer|client)(?:['’]s)?\\s+(?:sole\\s+|own\\s+)?(?:costs?|expenses?)\\)|(?:the" +
      "\\s+)?(?:customer|controller)\\s+(?:shall|will|must)\\s+bear|you\\s+(?:shall|must)\\s+(?:compens" +
      "ate|reimburse)" +
      // "Customer shall reimburse Brisk for any time spent on such audit": the processor is paid back.
      "|(?:the\\s+)?(?:customer|controller|client)\\s+(?:shall|will|must|agrees\\s+to)\\s+(?:compensate|reimburse)" +
      // "The Customer is responsible for all costs and fees related to such audit", "Kunden er ansvarlig for alle
      // omkostninger"; "… require reimbursement of the Publisher's reasonable costs" (the processor is paid back).
      "|(?:the\\s+)?(?:customer|controller|client)\\s+(?:is|shall be|will be)\\s+responsible\\s+for\\s+(?:all\\s+|" +
      "any\\s+|the\\s+)?(?:costs?|fees|expenses)|(?:kunden|den dataansvarlige)\\s+(?:er|skal være)\\s+ansvarli" +
      "g\\s+for\\s+(?:alle\\s+|de\\s+)?(?:omkostninger|udgifter)|reimburse(?:ment of|s)?\\s+(?:the\\s+)?(?!" +
      "(?:customer|controller|client)['’])[\\p{L}-]+['’]s\\s+(?:reasonable\\s+|documented\\s+)?(?:costs|expen" +
      "ses)|(?:mod|med)\\s+(?:betaling|refusion|godtgørelse)\\s+af\\s+databehandlerens\\s+(?:rimelige\\s+)?(?:" +
      "omkostninger|udgifter))",
    // "… er den dataansvarlige uvedkommende": the controller does not pay.
    "(er den dataansvarlige uvedkommende|(?:are|is) not (?:borne|paid) by the (?:data )?controller)",
    // Whoever the sentence is about pays its own: "Den dataansvarlige afholder egne omkostninger".
    // "… afholder egne og rimelige ekstraordinære omkostninger": words may stand between.
    // "The Controller shall give reasonable notice … and shall bear the costs of such audit", "Kunden skal afholde
    // omkostningerne ved revisionen".
    "(afholder (?:sine |egne |selv )?(?:egne )?(?:[\\p{L}]+ ){0,4}?(?:omkostninger|udgifter)|bears? its own c" +
      // "the Subscriber bears the cost of such audit", "Customer bears its review costs", "You bear your own costs".
      // "Customer bears costs unless non-compliance is identified": the article may be left out.
      // "The Controller bearing the cost of the audit", a condition listed under the audit right.
      "osts|bear(?:s|ing)? (?:(?:its|your|the) )?(?:own )?(?:[\\p{L}]+ ){0,2}?(?:costs?|expenses?)" +
      "|at (?:its|their) own e" +
      "xpense|(?:shall|will|must) bear (?:the|all|any) (?:[\\p{L}]+ ){0,2}?(?:costs?|e" +
      "xpenses?)" +
      // "You shall pay for all the audit costs": whoever the sentence is about pays.
      "|(?:shall|will|must)\\s+pay\\s+(?:for\\s+)?(?:all\\s+|any\\s+)?(?:the\\s+)?(?:[\\p{L}]+\\s+){0,2}?(?:cost" +
      "s?|expenses?)" +
      "|(?:skal afholde|bærer) (?:alle |de )?(?:[\\p{L}]+ ){0,2}?(?:omkostninger|udgifter)(?:ne)?)",
  ].join("|"),
  "giu",
);

/** The sentence up to an offset ("hver 12. måned" and "jf. pkt. 11" are no sentence ends). */
function sentenceBefore(text: string, offset: number): string {
  return text.slice(sentenceAround(text, Math.max(0, offset - 1)).start, offset);
}

function auditCostBearer(doc: DpaDocument, places: Span[], kind: string): Extracted<string> | null {
  const readings = readEach(doc, places, COST, (m, start) => {
    if (m[6]) return "SHARED";
    if (m[7]) return "CONTROLLER";
    if (m[8]) return kind === "SUBPROCESSOR_AGREEMENT" ? "CONTROLLER" : "PROCESSOR";
    const named = m[1] ?? m[2] ?? m[3] ?? m[4];
    if (named) return costBearerOf(named, kind);
    // "for egen regning", "afholder egne omkostninger": whoever the sentence is about pays.
    const subject = PARTY_WORD.exec(sentenceBefore(doc.flat ?? doc.text, start));
    return subject ? costBearerOf(subject[1], kind) : null;
  });
  return combine(readings, (a, b) => (a === b ? 0 : a === "PROCESSOR" ? -1 : 1), "the processor paying is proposed");
}

/**
 * Article 28(3)(h)'s own words ("revisioner, herunder inspektioner", "audits, including inspections",
 * "audits or inspections") name the right, not a method; an inspection on its own ("Inspektion sker
 * efter pkt. 11") is one.
 */
function genericInspection(flat: string, start: number, end: number): boolean {
  if (!/^(inspektion|inspektioner|inspection|inspections)$/i.test(flat.slice(start, end))) return false;
  // "Dokumentation for sådanne inspektioner": about inspections named before, not a method of its own. "The
  // Customer's inspection rights", "the results of the inspection": the audit right by another name, or the audit
  // named before, not how it is held.
  if (/^\s*rights?\b/i.test(flat.slice(end, end + 10))) return true;
  return /((revision(er)?|audits?)\s*(,\s*herunder|,?\s*including|og|and|or|eller)|sådanne|such|\bthe)\s+$/i.test(
    flat.slice(Math.max(0, start - 40), start),
  );
}

// Who an audit term is for: the controller (by any name) or a verb that hands it something.
const FOR_THE_CONTROLLER = new RegExp(
  String.raw`controller|customer|client|exporter|\byou\b|\byour\b|dataansvarlig|kunde|\bjer\b|\bdig\b|provi` +
    String.raw`de|make available|share|furnish|supply|submit|request|stille\w* til rådighed|udlever|fremsend|fore` +
    String.raw`læg|sende|anmod` +
    // "We meet audit obligations by answering a written questionnaire": how the processor is audited.
    String.raw`|providing|answer|respond|besvar|audit obligations|audit requests|revisionsforpligtelse|tilsynsforpli` +
    String.raw`gt` +
    // "We will make reasonable efforts to fulfill audit requirements through provision of existing reports … before
    // an on-site audit": the audit's terms, not a self-portrait.
    String.raw`|audit requirements|provision of`,
  "iu",
);

const SPEAKING_OF_ITSELF = /\b(?:we|our|vi|vores)\b/iu;

/**
 * Off the template, a sentence in which the processor only describes itself ("Our ISO 27001 certification
 * demonstrates …", "We maintain a programme aligned with SOC 2") names a certification it holds, not how the
 * controller audits it: a term of the audit names the controller or hands it something.
 */
function selfDescription(doc: DpaDocument, offset: number): boolean {
  const sentence = sentenceAt(doc, offset);
  return !doc.onTemplate && SPEAKING_OF_ITSELF.test(sentence) && !FOR_THE_CONTROLLER.test(sentence);
}

/** "an inspection body composed of independent members" (the 2010 SCCs' Clause 5(f)) names who audits, not how. */
const auditorBody = (flat: string, c: { start: number; end: number }) =>
  /^\s*(?:body|bodies|organ\w*)\b/i.test(flat.slice(c.end, c.end + 12)) &&
  /^inspe[ck]ti/i.test(flat.slice(c.start, c.end));

/**
 * A standard named as the frame of the processor's own programme ("an ISMS based on the ISO/IEC 27001 and SOC 2
 * frameworks", "controls aligned with SOC 2") is how it works, not a report the controller is given.
 */
const asFramework = (flat: string, c: { start: number; end: number }) =>
  /^\s*(?:standards?\s+)?frameworks?\b/i.test(flat.slice(c.end, c.end + 20)) ||
  /\b(?:based on|aligned (?:with|to)|in line with|modell?ed on)\b[^.;:]{0,40}$/i.test(
    flat.slice(Math.max(0, c.start - 60), c.start),
  );

/**
 * Certifications in the plural are a method only when given in the audit's place ("may satisfy audit requests by
 * providing relevant certifications, audit reports …"); listed among the proofs the processor may offer ("reports,
 * certifications or other documentation") or said to exist, they name none.
 */
const IN_PLACE_OF_AUDIT = new RegExp(
  String.raw`\b(?:satisf|fulfil|meet|discharg)\w*\s+(?:its\s+|the\s+|any\s+|such\s+)?(?:[\p{L}'’]+\s+)?audit\s+(?` +
    String.raw`:requests?|obligations?|rights?|requirements?)[^.]{0,60}?\bby\s+(?:providing|making available|furnis` +
    String.raw`hing|sharing|supplying)` +
    // "… you may request information … We may satisfy this obligation by providing certifications, …": the duty of
    // the sentence before, the audit's.
    String.raw`|\b(?:satisf|fulfil|meet|discharg)\w*\s+(?:this|that|these|such)\s+(?:obligations?|requests?|requir` +
    String.raw`ements?)\s+by\s+(?:providing|making available|furnishing|sharing|supplying)`,
  "iu",
);
// "The Customer's audit rights may be satisfied through:", "Audits … may be satisfied through documentation,
// certifications …", "In lieu of an audit", "As an alternative to onsite or direct audits": the audit's place
// given to what follows.
const SATISFIED_THROUGH = new RegExp(
  String.raw`\b(?:may|can|shall|will)\s+(?:\w+\s+)?be\s+(?:satisfied|fulfilled|met|discharged)\s+(?:through|by|via` +
    String.raw`)\b|\b(?:in\s+lieu\s+of|as\s+an\s+alternative\s+to)\s+(?:an?\s+|the\s+)?(?:[\p{L}-]+\s+(?:or` +
    String.raw`\s+)?){0,2}?audits?\b|\balternative\s+evidence\b`,
  "iu",
);

// The controller reading the certifications as its audit: "Review security certifications and audit reports",
// "Review of RevenueHunt's certifications and third-party audit reports".
const REVIEW_OF_CERTIFICATIONS = /^\W*(?:\(?[a-z\d]{1,3}[).]\s*)?review\s+(?:of\s+)?(?:[\p{L}'’-]+\s+){0,3}$/iu;

/**
 * Certifications handed to the controller as the proof of compliance: "will provide Customer with its most recent
 * third-party audit reports or security certifications", "make available to the Subscriber certifications
 * demonstrating Our compliance", "information … in the form of the third-party certifications and audits". Not a
 * duty in a list ("Processor shall: … Provide audit reports or certifications (e.g., SOC 2) upon request"), nor
 * information "including: Security documentation and certifications".
 */
const HANDED_TO_CONTROLLER = new RegExp(
  String.raw`\b(?:provide|make\s+available|share|furnish|deliver|submit)\w*\s+(?:to\s+)?(?:the\s+)?(?:customer|con` +
    String.raw`troller|subscriber|client|you)\b|\bin\s+the\s+form\s+of\b`,
  "iu",
);

const OTHERS_CERTIFICATIONS = /sub-?processor|underdatabehandler|\bheld\s+by\b/iu;

/**
 * In the processor's own audit (C.7), a certification another holds: "certifications held by our sub-processors",
 * "Certification review: … (such as SOC 2 reports from its sub-processors)", "Atlassian's certifications … available
 * to Customer from Atlassian". The sub-processors' audit (C.8) is about theirs.
 */
const othersCertification = (doc: DpaDocument, c: { start: number; end: number }) =>
  OTHERS_CERTIFICATIONS.test(sentenceAt(doc, c.start)) ||
  /^[^.;]{0,60}?\bfrom\s+\p{Lu}/u.test((doc.flat ?? doc.text).slice(c.end, c.end + 80));

/** The lead-in of the list an offset's item is in ("Customer may accept:"), or "". */
function listLeadIn(doc: DpaDocument, offset: number): string {
  const flat = doc.flat ?? doc.text;
  let i = doc.blocks.findIndex((b) => b.start <= offset && offset < b.end);
  if (i < 0 || doc.blocks[i].kind !== "listItem") return "";
  for (i -= 1; i >= 0 && offset - doc.blocks[i].end < 2000; i--) {
    const b = doc.blocks[i];
    const text = flat.slice(b.start, b.end).trimEnd();
    if (text.endsWith(":")) {
      // The lead-in and the heading over it ("12.4 Alternative Evidence" / "At … discretion, Customer may accept:").
      const heading =
        doc.blocks[i - 1]?.kind === "heading" ? flat.slice(doc.blocks[i - 1].start, doc.blocks[i - 1].end) : "";
      return `${heading}. ${flat.slice(sentenceAround(flat, b.start + text.length - 1).start, b.start + text.length)}`;
    }
    if (b.kind !== "listItem") return "";
  }
  return "";
}

const pluralCertification = (doc: DpaDocument, c: { start: number; end: number }, own: boolean) => {
  const flat = doc.flat ?? doc.text;
  if (!/^(?:certifications|certificeringer)$/i.test(flat.slice(c.start, c.end))) return false;
  const sentence = sentenceAt(doc, c.start);
  const before = flat.slice(Math.max(sentenceAround(flat, c.start).start, c.start - 80), c.start);
  // Another's certifications ("held by our sub-processors", "Atlassian's certifications … available from Atlassian")
  // are no way to audit the processor.
  if (own && othersCertification(doc, c)) return true;
  // "sufficient proof … through appropriate means, which may include … certifications": among the proofs offered.
  if (/\bmay\s+include\b/i.test(before)) return true;
  return !(
    HANDED_TO_CONTROLLER.test(sentence) ||
    /^\s+demonstrating\b/i.test(flat.slice(c.end, c.end + 20)) ||
    IN_PLACE_OF_AUDIT.test(sentence) ||
    SATISFIED_THROUGH.test(sentence) ||
    REVIEW_OF_CERTIFICATIONS.test(before) ||
    SATISFIED_THROUGH.test(listLeadIn(doc, c.start))
  );
};

/**
 * SOC 2 named as one kind of report among others the processor may give ("SOC 2 reports or equivalent third-party
 * attestations", "Third-party audit reports (SOC 2, ISO 27001)", "ISO 27001, SOC 2 Type II, or equivalent", "our most
 * recent SOC 2 Type II report, ISO 27001 certificate"): the method agreed is a third party's certification, not the
 * SOC 2 report itself; SOC 2 alone ("our current SOC 2 Type II audit report") stays SOC 2.
 */
const SOC2_AMONG_OTHERS =
  /\b(?:or|and\/or)\s+(?:an?\s+)?(?:other\s+)?(?:equivalent|similar|comparable)\b|\biso(?:\/iec)?\s*27001\b/i;

function soc2AsKind(doc: DpaDocument, c: { start: number; end: number }): boolean {
  const flat = doc.flat ?? doc.text;
  const s = sentenceAround(flat, c.start);
  const around = flat.slice(Math.max(s.start, c.start - 60), Math.min(s.end, c.end + 80));
  return SOC2_AMONG_OTHERS.test(around);
}

/**
 * A method held back for a case the parties do not agree on now: "on-site audits where mandated by law/regulator",
 * "on-site audits require a separate agreement", "fysiske inspektioner kun hvor en tilsynsmyndighed kræver det".
 */
const HELD_BACK = new RegExp(
  String.raw`^[^.;]{0,60}?(?<![\p{L}])(?:(?:only\s+)?(?:where|when|if)\s+(?:[\p{L}-]+\s+){0,2}?(?:mandated|re` +
    String.raw`quired|ordered|demanded)\s+by|requires?\s+a\s+separate\s+agreement|subject\s+to\s+a\s+separate` +
    String.raw`\s+agreement|kræver\s+en\s+særskilt\s+aftale|(?:kun|alene)\s+(?:hvor|når|hvis)\s+(?:det\s+)?(?` +
    String.raw`:kræves|påbydes|påkræves)|(?:kun|alene)\s+(?:hvor|når|hvis)\s+(?:en\s+)?(?:tilsynsmyndighed|lo` +
    String.raw`vgivning)\w*\s+kræver)(?![\p{L}])`,
  "iu",
);

/**
 * A method the law alone may call for: "Where Applicable Data Protection Law grants a further audit right, the parties
 * will agree … and any on-site audit will be limited to once per year" (the sentence's condition before the method).
 */
const HELD_BACK_BEFORE = new RegExp(
  String.raw`(?<![\p{L}])(?:where|if|when|hvis|hvor|når)\s+(?:[\p{L}-]+\s+){0,4}?(?:law|laws|lovgivning\w*|regulat` +
    String.raw`ors?|authority|tilsynsmyndighed\w*)\s+(?:grants?|requires?|mandates?|kræver|giver)(?![\p{L}])`,
  "iu",
);
const heldBackBefore = (flat: string, offset: number) =>
  HELD_BACK_BEFORE.test(flat.slice(sentenceAround(flat, offset).start, offset));

/**
 * A certification not held yet: "SOC 2 Type II is a Phase 3 target", "ISO 27001 certification (in progress)",
 * "SOC 2 (planned)".
 */
const NOT_YET_HELD = new RegExp(
  String.raw`^[^.;\n]{0,40}?(?<![\p{L}])(?:in\s+progress|(?:is|are)\s+(?:an?\s+)?(?:[\p{L}\d-]+\s+){0,3}?(?:ta` +
    String.raw`rget|goal)|planned|pending|underway)(?![\p{L}])`,
  "iu",
);

/**
 * Documents named in a sentence that puts them in the audit's place ("Audits … may be satisfied through
 * documentation, certifications …", "The audit right will ordinarily be satisfied by Pipeboard providing … copies
 * of its then-current Security Profile"): documents the controller reads, written supervision.
 */
function documentsInPlaceOfAudit(doc: DpaDocument, places: Span[]): Found<string>[] {
  const flat = doc.flat ?? doc.text;
  const out: Found<string>[] = [];
  for (const p of places)
    for (const m of flat
      .slice(p.start, p.end)
      .matchAll(/(?<![\p{L}])(?:documentation|documents|copies\s+of)(?![\p{L}])/giu)) {
      const start = p.start + (m.index ?? 0);
      const s = sentenceAround(flat, start);
      const before = flat.slice(s.start, start);
      if (!(SATISFIED_THROUGH.test(before) || IN_PLACE_OF_AUDIT.test(before))) continue;
      // "copies of the audit reports of its Sub-processors": theirs.
      if (/sub-?processor|underdatabehandler/i.test(flat.slice(start, start + 60).split(/[,;]/)[0])) continue;
      out.push(found("WRITTEN_SUPERVISION", cite(doc, start, start + m[0].length), 0.6));
    }
  return out;
}

/**
 * The methods a C.7/C.8 section names; a bare "auditor's statement" counts as ISAE 3000 only when no standard is
 * named.
 */
function supervisionMethods(doc: DpaDocument, places: Span[], own = true): Extracted<string[]> | null {
  const flat = doc.flat ?? doc.text;
  const hits = keysIn(doc, places, SUPERVISION_METHOD_PHRASES, true, false)
    .map((h) => ({
      ...h,
      citations: h.citations.filter(
        (c) =>
          !genericInspection(flat, c.start, c.end) &&
          !selfDescription(doc, c.start) &&
          !auditorBody(flat, c) &&
          !asFramework(flat, c) &&
          !pluralCertification(doc, c, own) &&
          !(own && h.value === "CERTIFICATION" && othersCertification(doc, c)) &&
          !HELD_BACK.test(flat.slice(c.end, c.end + 200)) &&
          !heldBackBefore(flat, c.start) &&
          !NOT_YET_HELD.test(flat.slice(c.end, c.end + 60)),
      ),
    }))
    .filter((h) => h.citations.length);
  const documents = documentsInPlaceOfAudit(doc, places);
  if (documents.length) {
    const written = hits.find((h) => h.value === "WRITTEN_SUPERVISION");
    if (written) written.citations.push(...documents.flatMap((d) => d.citations));
    else hits.push({ ...documents[0], citations: documents.flatMap((d) => d.citations) });
  }
  // SOC 2 named as one kind of third-party report is the certification (soc2AsKind).
  const kinds = hits.flatMap((h) =>
    h.value !== "SOC_2"
      ? [h]
      : [
          { ...h, citations: h.citations.filter((c) => !soc2AsKind(doc, c)) },
          { ...h, value: "CERTIFICATION", citations: h.citations.filter((c) => soc2AsKind(doc, c)) },
        ].filter((x) => x.citations.length),
  );
  const namesStandard = kinds.some((h) => ["ISAE_3000", "ISAE_3402", "SOC_2"].includes(h.value));
  const methods = kinds
    .filter((h) => !(h.value === AUDITOR_STATEMENT && namesStandard))
    .map((h) => (h.value === AUDITOR_STATEMENT ? { ...h, value: "ISAE_3000" } : h));
  if (!methods.length) return null;
  return {
    value: [...new Set(methods.map((m) => m.value))],
    citations: methods.flatMap((m) => m.citations),
    confidence: 0.8,
  };
}

const SUBPROCESSOR_SENTENCE = /underdatabehandler|sub-?processor/i;
const CONTROLLERS_AUDIT_RIGHT = new RegExp(
  String.raw`^[^.]{0,20}?\b(?:the\s+)?(?:customer|controller|client|subscriber)['’]s\s+audit\s+rights?\s+(?:\w+\s+` +
    String.raw`){0,2}?be\s+satisfied\b`,
  "i",
);

/**
 * Where audits of the processor (C.7) or of its sub-processors (C.8) are agreed: the annex sections,
 * else the clause on audits, else the sentences about audits; when C.7 and C.8 are one section, its
 * sentences about sub-processors are C.8's and the rest C.7's.
 */
function auditPlaces(doc: DpaDocument, number: "C.7" | "C.8"): Span[] {
  const own = templatePlaces(doc, [number]);
  if (own.length && (number === "C.8" || templatePlaces(doc, ["C.8"]).length)) return own;
  const shared = own.length
    ? own
    : templatePlaces(doc, ["C.7"]).length
      ? templatePlaces(doc, ["C.7"])
      : templatePlaces(doc, ["12"]);
  // Off the template: sentences about audits, not the rows of a table (a sub-processor "SOC 2 auditing").
  const inRow = (x: Span) => doc.blocks.some((b) => b.kind === "tableRow" && b.start <= x.start && x.end <= b.end + 1);
  const base = shared.length
    ? shared
    : sentencesAbout(doc, /\b(audit|revision|inspekti|inspection|tilsyn med)/i).filter((x) => !inRow(x));
  const sentences = base.flatMap((p) =>
    sentencesAbout(doc, /./).filter((s) => s.start >= p.start && s.end <= p.end + 1),
  );
  // A lead-in's own words decide, not the list it introduces: "The Subscriber may exercise audit rights as follows:"
  // over "Documentation requests: … copies of … sub-processor agreements" is the processor's audit.
  const leadIn = (s: Span) => doc.flat.slice(s.start, s.end).split(/:[ \t]*\n/)[0];
  // "The Customer's audit right will ordinarily be satisfied by Pipeboard providing … copies of its … sub-processor
  // list": the controller's right over the processor, whatever documents it names.
  const about = sentences.filter(
    (s) => SUBPROCESSOR_SENTENCE.test(leadIn(s)) && !CONTROLLERS_AUDIT_RIGHT.test(leadIn(s)),
  );
  if (number === "C.8") return about.map((s) => ({ ...s, confidence: 0.75 }));
  return about.length ? sentences.filter((s) => !about.includes(s)).map((s) => ({ ...s, confidence: 0.8 })) : base;
}

/**
 * Off the template, a section headed as the audit clause ("11. Tilsyn", "Audit Rights") holding one of the
 * places: who pays is often said in a sentence of its own there ("Kunden afholder egne omkostninger").
 */
function auditSections(doc: DpaDocument, places: Span[]): Span[] {
  if (doc.onTemplate) return [];
  return doc.sections
    .filter(
      (x) =>
        // "Information and review", "Gennemgang og kontrol": a section on reviewing the processor is the audit's.
        /\b(audit|revision|inspek|inspection|tilsyn|review|kontrol)/i.test(x.title ?? "") &&
        places.some((p) => p.start >= x.bodyStart && p.start < x.end) &&
        !places.some((p) => p.start <= x.bodyStart && p.end >= x.end),
    )
    .map((x) => ({ start: x.bodyStart, end: x.end, confidence: 0.7 }));
}

/**
 * Off the template, with no slot for the audit, the sentences found anywhere may use the words for the service's own
 * work ("welding compliance, inspection, evidence", "audit logs"): where a section headed for audits ("12. Assistance
 * and audits") holds some of them, the methods are what it and the sentences that name the audit say.
 */
function methodPlaces(doc: DpaDocument, places: Span[]): Span[] {
  if (doc.onTemplate || templatePlaces(doc, ["C.7"]).length || templatePlaces(doc, ["12"]).length) return places;
  const headed = doc.sections.filter((x) => /\b(?:audits?|inspections?)\b/i.test(x.title ?? ""));
  const inHeaded = (p: Span) => headed.some((h) => p.start >= h.bodyStart && p.start < h.end);
  if (!places.some(inHeaded)) return places;
  // Outside it, a sentence counts that names the audit itself, not only "audit logs" or an "inspection" of work.
  const audit = /\b(?:audit|revision|inspektion)(?:s|er)?\b(?!\s+(?:logs?|trails?|logging|records?))/i;
  return places.filter((p) => inHeaded(p) || audit.test((doc.flat ?? doc.text).slice(p.start, p.end)));
}

/** A paragraph on the processor's own routines ("annual penetration tests") gives their rhythm, not the audit's. */
const SECURITY_ROUTINE = /penetration|pentest|backup|sikkerhedskopi|scanning|scan\b|training|uddannelse|kursus/i;

export function auditTerms(doc: DpaDocument, number: "C.7" | "C.8", kind: string): AuditTerms {
  const places = withCrossReferences(doc, auditPlaces(doc, number));
  // Off the template, the section headed for the audit may say how in a sentence that does not name the audit ("7A.
  // Audit & Compliance: On reasonable written request, X will provide the Client with written confirmation of its
  // compliance …"): read when the sentences that name it give no method.
  const methods =
    supervisionMethods(doc, methodPlaces(doc, places), number === "C.7") ??
    (number === "C.7" ? supervisionMethods(doc, auditSections(doc, places), true) : null);
  const intervalsIn = (spans: Span[]) =>
    spans.flatMap((p) =>
      findIntervals((doc.flat ?? doc.text).slice(p.start, p.end)).map((i) =>
        found(i.months, cite(doc, p.start + i.index, p.start + i.index + i.match.length), Math.min(p.confidence, 0.9)),
      ),
    );
  let intervals: Found<number>[] = intervalsIn(places);
  // Off the template, the audit's paragraph may say how often in a sentence of its own that does not name the
  // audit again ("Audit kan udføres af … Hyppighed: højst 1 gang årligt").
  if (!intervals.length && !doc.onTemplate) intervals = intervalsIn(blocksOf(doc, places, SECURITY_ROUTINE));
  const dueDays = readEach(doc, places, new RegExp(DAY_OF_YEAR_PATTERN, "giu"), (m) => parseDayOfYear(m[0]));
  return {
    methods,
    intervalMonths: combine(intervals, shorterIsStricter, "the shorter interval is proposed"),
    dueDay: combine(dueDays, () => 0),
    noticeDays: combine(
      readNoticeDays(doc, places, `clauses.${number === "C.7" ? "processorAudit" : "subprocessorAudit"}.noticeDays`),
      shorterIsStricter,
      "the shorter notice is proposed: it lets the controller audit sooner",
    ),
    paidBy:
      auditCostBearer(doc, places, kind) ??
      (number === "C.7" ? auditCostBearer(doc, auditSections(doc, places), kind) : null) ??
      // Off the template, the audit's paragraph may say who pays in a sentence that does not name the audit again
      // ("… allow for and contribute to audits … This is subject to reasonable notice … and at the Client's expense").
      (number === "C.7" && !doc.onTemplate ? auditCostBearer(doc, blocksOf(doc, places), kind) : null),
  };
}
