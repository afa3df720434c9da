// The blanks the parties fill in the template's clauses: breach deadline (10.2), sub-processor
// authorisation and notice (7.2/7.3, Bilag B.2), transfers (C.6), end of contract (11.1, C.4).
import type { Extracted } from "../draft.types";
import {
  BLANK_NUMBER,
  BRACKETED_DURATION,
  DURATION_PHRASE,
  durationInDays,
  durationInHours,
  parseDuration,
  type Duration,
} from "./numbers";
import { notePlaceholder } from "./placeholders";
import { combine, firstIsProposed, found, longerIsStricter, shorterIsStricter, type Found } from "./readings";
import { sentenceAround, sentenceSpans } from "./sentences";
import {
  blocksOf,
  placesFor,
  readEach,
  readSlotsThenSentences,
  sentencesAbout,
  templatePlaces,
  withCrossReferences,
  type Span,
} from "./scope";
import { cite, type DpaDocument } from "./sections";

// German-style DPAs in English say "subcontractors" for sub-processors; Danish ones also "sub-databehandlere" and
// "underleverandører".
// Art. 28(2)'s "general authorization" is only ever given for sub-processors: a sentence granting it is about them
// without the word ("General authorization covers Atlassian (Forge hosting) and …").
const SUBPROCESSOR_TOPIC = new RegExp(
  String.raw`(?:under|sub-?)databehandler|sub-?processor|subcontractor|underleverandør|general\s+(?:written\s+)?au` +
    String.raw`thori[sz]ation`,
  "i",
);

/** A duration read from a match whose first group is a duration phrase (brackets around the number allowed). */
function durationIn(m: RegExpExecArray): Duration | null {
  return parseDuration(m[1].replace(/[[\]*_]/g, ""));
}

// "om muligt senest 24 timer", "within 24 hours", "inden for 48 timer", "fristen på 24 timer", "senest inden for
// [24] timer", "with a target of 48 hours".
// A page's fact card states it bare, on a line of its own under a label ("Varslingstid" / "24 timer").
const BREACH_DEADLINE = new RegExp(
  `(?:(?:senest|inden for|indenfor|inden|within|no later than|not later than|fristen på|frist på|in any ` +
    `event within|in no (?:event|case) later than|ikke senere end|i alle tilfælde inden for|` +
    // A deadline aimed at ("with a target of 48 hours", "med et mål om 24 timer"): the hours the notice is due in.
    `(?:with )?a target of|(?:med )?et mål om|(?:med )?en målsætning om|` +
    // "(target: 24 hours)", "without undue delay, max 72 hours": the same deadline written as a note.
    `target:|max\\.?|maximum(?: of)?|at (?:the )?most)\\s+(?:inden for\\s+)?` +
    // A range ("within 24-48 hours", "within 24 to 48 hours"): its far end is the latest the notice may come.
    `(?:\\d{1,3}\\s*(?:-|–|to|til)\\s*(?=\\d))?` +
    `|^[ \\t]*(?=(?:${BRACKETED_DURATION})[ \\t]*$))` +
    `(${BRACKETED_DURATION})`,
  "gimu",
);

/**
 * The controller's own 72 hours towards the supervisory authority, quoted in the breach clause: not the processor's
 * deadline.
 */
const AUTHORITY_DEADLINE = /tilsynsmyndighed|supervisory authority|datatilsynet|artikel 33|article 33|\bANPD\b/i;

/**
 * "The notification", "Underretningen": a sentence that names the notice without the breach, soon after a sentence
 * about the breach in the same paragraph, continues it ("… informs the client of breaches. The notification must be
 * made within 24 hours …").
 */
const NOTICE_BACK = new RegExp(
  String.raw`^\s*(?:(?:the|such|this|that|any such)\s+(?:notification|notice|report)|(?:denne\s+|en sådan\s+)?` +
    String.raw`(?:underretning|meddelelse|notifikation)(?:en)?)(?![\p{L}])`,
  "iu",
);

function sentencesContinuing(doc: DpaDocument, topic: RegExp): Span[] {
  const flat = doc.flat ?? doc.text;
  const spans = sentenceSpans(flat);
  const out: Span[] = [];
  for (const [i, s] of spans.entries()) {
    // So does a sentence that has the controller notified, the breach unnamed ("… any unauthorized access to Customer
    // Personal Data. Provider will notify Customer … (no later than 72 hours)").
    const sentence = flat.slice(s.start, s.end);
    if (!NOTICE_BACK.test(sentence) && !NOTIFIES_CONTROLLER.test(sentence)) continue;
    // One of the two sentences before it, in its paragraph, names the breach.
    const before = spans.slice(Math.max(0, i - 2), i).filter((p) => !flat.slice(p.end, s.start).includes("\n"));
    if (before.some((p) => topic.test(flat.slice(p.start, p.end))))
      out.push({ start: s.start, end: s.end, confidence: 0.6 });
  }
  return out;
}

// Also a Danish "brud"/"bruddet" on its own, under a heading that has already said which kind.
const BREACH_TOPIC = new RegExp(
  String.raw`brud på persondatasikkerheden|personal data breach|sikkerhedsbrud|databrud|security breach|data br` +
    String.raw`each|breach|(?<!\p{L})brud(?:det)?(?!\p{L})` +
    // Common Paper's word for it, and its translation ("sikkerhedshændelsen").
    String.raw`|security incident|sikkerhedshændelse` +
    // A breach by another name: '(a "Personal Data Incident")', "privacy incident".
    String.raw`|personal data incident|data incident|privacy incident`,
  "iu",
);

/** "notify the Subscriber without undue delay and … within 72 hours": the notice goes to the controller. */
const NOTIFY_CONTROLLER = new RegExp(
  String.raw`(?:notify|inform|alert)\s+(?:the\s+)?(?:customer|controller|data controller|subscriber|client|you)|(?:un` +
    String.raw`derrette|orientere|informere)\s+(?:den\s+dataansvarlige|kunden)`,
  "giu",
);
const NOTIFIES_CONTROLLER = new RegExp(NOTIFY_CONTROLLER.source, "iu");

/**
 * A 72-hour deadline in a sentence that also names article 33 or the authority is the processor's own when the
 * sentence has the processor notify the controller within it and no authority stands between the two ("Notify the
 * Customer without undue delay and within 72 hours, consistent with GDPR Article 33").
 */
function noticeToController(doc: DpaDocument, offset: number): boolean {
  const flat = doc.flat ?? doc.text;
  const s = sentenceAround(flat, offset);
  const before = flat.slice(s.start, offset);
  const notices = [...before.matchAll(NOTIFY_CONTROLLER)];
  const last = notices[notices.length - 1];
  return !!last && !AUTHORITY_DEADLINE.test(before.slice((last.index ?? 0) + last[0].length));
}

export function breachNotificationHours(doc: DpaDocument): Extracted<number> | null {
  const read = (m: RegExpExecArray, start: number): number | null => {
    const d = durationIn(m);
    // A blank ("[X] hours", "{{timer}} timer") has no number to read: it is marked unfilled.
    if (!d && placeholderNumber(m[1]) && /tim|hour/i.test(m[1]))
      notePlaceholder(doc, "clauses.breachNotificationHours", start, start + m[0].length);
    if (!d || (d.unit !== "hour" && d.unit !== "day")) return null;
    const hours = durationInHours(d);
    if (hours === 72 && AUTHORITY_DEADLINE.test(sentenceAt(doc, start)) && !noticeToController(doc, start)) return null;
    if (placeholderNumber(m[1])) {
      notePlaceholder(doc, "clauses.breachNotificationHours", start, start + m[0].length);
      return null;
    }
    return hours;
  };
  let readings = readSlotsThenSentences(doc, ["10", "C.3"], BREACH_TOPIC, BREACH_DEADLINE, read);
  if (!readings.length) readings = readEach(doc, sentencesContinuing(doc, BREACH_TOPIC), BREACH_DEADLINE, read);
  return combine(
    readings,
    shorterIsStricter,
    "the shorter deadline is proposed: it leaves the controller more of its own 72 hours",
  );
}

/** The sentence around an offset (on the text with in-block line breaks as spaces). */
export function sentenceAt(doc: DpaDocument, offset: number): string {
  const flat = doc.flat ?? doc.text;
  const s = sentenceAround(flat, offset);
  return flat.slice(s.start, s.end);
}

/**
 * The sentence at an offset and, when it ends in a colon ("shall not be transferred … unless:"), the list
 * items right after it, which finish it ("- Adequate safeguards are in place (Standard Contractual Clauses …)").
 */
function withIntroducedList(doc: DpaDocument, offset: number): string {
  const flat = doc.flat ?? doc.text;
  const s = sentenceAround(flat, offset);
  const sentence = flat.slice(s.start, s.end);
  if (!/:\s*$/.test(sentence)) return sentence;
  let end = s.end;
  for (const b of doc.blocks) {
    if (b.start < s.end) continue;
    // Lettered points written as a paragraph ("(a) The transfer is to a country …; (b) Appropriate safeguards …")
    // finish it as list items do.
    const points = b.kind === "paragraph" && /^\s*\((?:[a-h]|[ivx]{1,4}|\d{1,2})\)\s/.test(flat.slice(b.start, b.end));
    if ((b.kind !== "listItem" && !points) || flat.slice(end, b.start).trim()) break;
    end = b.end;
  }
  return flat.slice(s.start, end);
}

/** "[24]", "*[30]*": a number left for the parties to fill in. */
export const placeholderNumber = (written: string) =>
  /^\s*[[*_{$]|[\]*_]\s*$/.test(written) || new RegExp(`^\\s*(?:${BLANK_NUMBER})`, "u").test(written);

const AUTHORISATION = new RegExp(
  String.raw`(specifik(?:ke)?|specific|generel(?:le)?|general)\s+(?:prior\s+)?(?:forudgående\s+)?(?:skriftl` +
    String.raw`ig(?:e)?\s+|written\s+)?(?:godkendelse|authori[sz]ation|bemyndigelse|tilladelse|consent|approval)`,
  "giu",
);
// Without a word for the regime: "entitled to use sub-processors", "agree to Our use of … Sub-processors" (general);
// "not engage Sub-processors without prior written authorization" (specific, each one approved).
// Also "consents to the engagement of these subprocessors" and "may, under its own responsibility, recruit …
// second-tier Subcontractors" (a translated DPA's word for them).
const GENERAL_USE = new RegExp(
  // "X may use subprocessors for hosting …", "may draw on several compute subprocessors": the same, said plainly.
  String.raw`(?:is entitled to use|may engage|may use|may draw on|authori[sz]es? .{0,40}to (?:engage|use)|agr` +
    String.raw`ee to (?:our|the) use of|e` +
    String.raw`r berettiget til at anvende|giver .{0,40}tilladelse til at (?:gøre brug af|anvende)|consents? to` +
    String.raw` (?:the |its |our )?(?:engagement|use) of|samtykker til (?:brugen|anvendelsen) af|may,[^,]{0,60}` +
    String.raw`,\s+(?:recruit|engage|appoint))\s+.{0,40}(?:sub-?processors|(?:under|sub-?)databehandlere|sub-?contr` +
    String.raw`actors)` +
    // "The Client agrees that Lumora may engage further processors as reasonably required", "Kunden accepterer, at
    // Leverandøren kan anvende andre underdatabehandlere": consent given in advance to ones not yet named.
    String.raw`|(?:agrees?|consents?|accepterer|accepteres),?\s+(?:that|at)\s+.{0,40}?(?:may|shall|can|will|k` +
    String.raw`an|må)\s+(?:engage|use|appoint|anvende|benytte|gøre brug af)\s+(?:with\s+)?(?:further|other|addi` +
    String.raw`tional|new|andre|yderligere|nye)\s+(?:other\s+)?(?:sub-?processors|processors|(?:under)?databeha` +
    String.raw`ndlere|underleverandører)` +
    // "The user consents to Buildwise being able to subcontract part or all of the processing": leave given now.
    String.raw`|(?:consents?|agrees?)\s+to\s+[^.]{0,40}?\bbeing\s+(?:able|entitled|allowed|permitted)\s+to\s+(?:sub` +
    String.raw`contract|engage\s+sub-?processors|use\s+sub-?processors)`,
  "giu",
);
/**
 * "the right to engage any Sub-processor without obtaining any further written, specific authorization": the grant is
 * given now, and no specific one is asked for each.
 */
const NO_FURTHER = new RegExp(
  String.raw`\b(?:without|uden)\s+(?:(?:obtaining|requiring|seeking|needing|the need for|at indhente)\s+)?(?:any\s+|` +
    String.raw`nogen\s+)?(?:further|additional|separate|yderligere|særskilt)\s+(?:(?:prior|written|forudgående|skr` +
    String.raw`iftlig),?\s+){0,2}$`,
  "iu",
);
/** A specific authorisation asked only for a kind ("For any new critical subcontractor, prior specific …"). */
const FOR_A_KIND = new RegExp(
  String.raw`for (?:any |each |every |a )?(?:new )?(?:critical|significant|material|essential|kritisk\w*|væ` +
    String.raw`sentlig\w*) (?:sub-?contractor|sub-?processor|underdatabehandler|underleverandør)`,
  "iu",
);
const SPECIFIC_USE = new RegExp(
  // "shall not engage any sub-processor in connection with the processing … without the prior written consent of".
  String.raw`(?:not|ikke)\s+(?:engage|use|gøre brug af|anvende)\s+(?:any\s+|en\s+)?(?:sub-?processors?|unde` +
    String.raw`rdatabehandlere?)\s+(?:[^.;]{0,80}?\s)?(?:without|uden)\s+(?:the\s+|den\s+)?(?:prior\s+|forudgåe` +
    String.raw`nde\s+)?(?:specific\s+|specifik\s+)?(?:written\s+|skriftlig\s+)?(?:authori[sz]ation|godkendelse|co` +
    String.raw`nsent)` +
    // "Processor shall not appoint (or disclose any Company Personal Data to) any Subprocessor unless required or
    // authorized by the Company": each one waits for the controller's leave.
    String.raw`|\bnot\s+(?:appoint|engage|use)\s+(?:\([^()]{0,80}\)\s+)?(?:any\s+)?sub-?processors?\s+unless\s+(?:r` +
    String.raw`equired\s+or\s+)?(?:(?:specifically|expressly)\s+)?(?:authori[sz]ed|approved)\s+(?:in\s+writing\s+)?by`,
  "giu",
);

/**
 * The controller authorising the sub-processors a list names ("Customer authorizes the subprocessors listed at",
 * "Customer authorises the following sub-processors").
 */
const LISTED_AUTHORISED = new RegExp(
  String.raw`\bauthori[sz]es?\s+(?:the\s+)?(?:use\s+of\s+(?:the\s+)?)?(?:sub-?processors\s+(?:listed|named|set ` +
    String.raw`out|identified)\b|following\s+sub-?processors\b)`,
  "giu",
);
/** What makes a list general: objection to a new one, or notice of additions and replacements to come. */
const LIST_KEPT_OPEN =
  /\bobject|indsigelse|\bnotice\s+of\s+(?:any\s+)?(?:(?:intended|planned)\s+)?(?:changes?|additions?|replacements?)\b/i;
/**
 * Leave given for a kind of supplier, not for the ones a list names: "Merchants authorize the use of key
 * sub-processors (e.g., Stripe, shipping carriers)".
 */
const USE_AUTHORISED = new RegExp(
  String.raw`\bauthori[sz]es?\s+(?:the\s+)?use\s+of\s+(?!(?:the\s+)?(?:following|listed|named)\b)(?:[\p{L}-]+\s+)` +
    String.raw`{0,2}?sub-?processors\b(?!\s+(?:listed|named|set\s+out|identified|in\s+(?:annex|appendix|schedule|e` +
    String.raw`xhibit)))`,
  "giu",
);

// Art. 28(2)'s own definition of general authorisation: the processor tells the controller of changes
// to its sub-processors ("will notify the customer of changes to subprocessors", "underretter om
// ændringer vedrørende tilføjelse eller udskiftning").
const CHANGES_NOTIFIED = new RegExp(
  // "will give the Controller prior notice of any intended changes concerning … sub-processors", "Controller will be
  // notified of changes to sub-processors": the notice given or received.
  String.raw`(?:notify|notifies|notified|inform|informs|informed|underretter|underrette|varsler|orienterer|(?:g` +
    String.raw`ive|gives|provide|provides)\s[^.]{0,40}?\bnotice\s+of)\s.{0,60}(?:change` +
    String.raw`s?|additions?|replacements?|ændring(?:er)?|tilføjelse|udskiftning)\s.{0,40}(?:sub-?processors?|` +
    String.raw`(?:under|sub-?)databehandlere)|(?:ændring(?:er)?|changes?)\s+(?:i|af|to|in)\s+(?:sub-?processors|(?:` +
    String.raw`under|sub-?)databehandlere)\s.{0,40}(?:varsles|meddeles|notified|announced|communicated)` +
    // "will notify you … before engaging a new sub-processor", "underretter … om nye underdatabehandlere"; the
    // passive too: "Customer will be notified 30 days before any new subprocessor".
    String.raw`|(?:notify|notifies|notified|inform|informs|informed|underretter|underrette|underrettes|varsler|` +
    String.raw`orienterer|orienteres)\s.{0,80}?(?:` +
    String.raw`any\s+|a\s+|om\s+)?(?:new|additional|nye?|yderligere)\s+(?:sub-?processors?|(?:under|sub-?)databe` +
    String.raw`handlere?|underleverandører?)` +
    // "new sub-processors require prior written notice": the notice said of the change.
    String.raw`|(?:new|additional|nye|yderligere)\s+(?:sub-?processors?|(?:under|sub-?)databehandlere?)\s+(?:requir` +
    String.raw`es?|are subject to|is subject to|shall be subject to)\s+(?:(?:prior|advance|written|reasonable)\s+)` +
    String.raw`{0,3}(?:notice|notification)` +
    // "Advance notice before adding a processor": the notice given before one more is taken on.
    String.raw`|(?:notice|notification|varsel)\s+(?:before|prior to|ahead of|inden|før)\s+(?:adding|engaging|appo` +
    String.raw`inting|onboarding|using|tilføjelse af|brug af)\s+(?:a|an|any|en|nye?)\s+(?:new\s+|additional\s+)?(?:` +
    String.raw`sub-?)?(?:processors?|(?:under)?databehandlere?)` +
    // "not engage sub-processors without prior notice": notice, not leave, is what each new one waits for.
    String.raw`|\bnot\s+(?:engage|use|appoint|add)\s+(?:any\s+|a\s+|new\s+)?sub-?processors?\s+without\s+(?:(?!` +
    String.raw`consent|authori|approv|permission)[^.;]){0,80}?\b(?:notice|notifying|notification)` +
    // "Sub-processor list — maintain the current list and give 30 days' notice of changes": the list's changes.
    String.raw`|\bsub-?processors?\s+list\b[^.]{0,120}?\b(?:notice|notification)\s+of\s+(?:any\s+)?(?:changes?|a` +
    String.raw`dditions?|updates?)\b`,
  "giu",
);

// The same regime said as its working: the controller is told of a new sub-processor in advance and may object
// ("will provide prior notice and an opportunity to object", "shall notify of such change at least 15 days in
// advance …, and the Controller shall have the right to object", "giver 30 dages varsel … kan gøre indsigelse").
// A specific authorisation asks for approval instead; objecting to what was notified is the general one's mark.
const NOTICE_THEN_OBJECTION = new RegExp(
  String.raw`(?:notify|notifies|notified|inform|informs|informed|notice|underrette\w*|orientere\w*|varsel|varsle` +
    // "We will update the list 14 days before adding or replacing a subprocessor. If you object, …": the same.
    String.raw`\w*|before\s+(?:adding|engaging|appointing|replacing)\b` +
    // "… are to be notified in writing to the client … The client can reject subcontractors": rejecting is objecting.
    String.raw`)[^]{0,240}?(?:object|objection|indsigelse|modsætte|reject|afvise)`,
  "giu",
);

export function subprocessorAuthorization(doc: DpaDocument): Extracted<string> | null {
  const places = placesFor(doc, ["7"], SUBPROCESSOR_TOPIC);
  // Off the template, a section numbered 7 is only a guess at the clause ("7. Controller obligations"): when it says
  // nothing of the regime, the sentences about sub-processors anywhere do.
  return (
    authorisationIn(doc, places) ??
    (!doc.onTemplate && templatePlaces(doc, ["7"]).length
      ? authorisationIn(doc, sentencesAbout(doc, SUBPROCESSOR_TOPIC))
      : null)
  );
}

function authorisationIn(doc: DpaDocument, places: Span[]): Extracted<string> | null {
  const flat = doc.flat ?? doc.text;
  let readings: Found<string>[] = readEach(doc, places, AUTHORISATION, (m, start) =>
    /^spec/i.test(m[1])
      ? FOR_A_KIND.test(sentenceAt(doc, start))
        ? null
        : NO_FURTHER.test(flat.slice(Math.max(0, start - 80), start))
          ? "GENERAL"
          : "SPECIFIC"
      : "GENERAL",
  );
  if (!readings.length)
    readings = [
      ...readEach(doc, places, GENERAL_USE, () => "GENERAL"),
      ...readEach(doc, places, SPECIFIC_USE, () => "SPECIFIC"),
      // "Customer authorizes the subprocessors listed at /subprocessors … Customer may object": a list kept up to
      // date, with notice and objection, is a general authorisation.
      ...readEach(doc, places, LISTED_AUTHORISED, (m, start) =>
        LIST_KEPT_OPEN.test(blockAndNext(doc, start)) ? "GENERAL" : null,
      ),
      ...readEach(doc, places, USE_AUTHORISED, () => "GENERAL"),
    ].map((r) => ({ ...r, confidence: 0.6 }));
  // "This consent may be general or specific, as agreed": the document leaves the regime open.
  const leftOpen = places.some((p) =>
    /(general|generel)\s+(or|eller)\s+(specific|specifik)|(specific|specifik)\s+(or|eller)\s+(general|generel)/i.test(
      (doc.flat ?? doc.text).slice(Math.max(0, p.start - 300), p.end + 300),
    ),
  );
  // The notice and the objection may be two sentences of one paragraph ("… are to be notified in writing to the
  // client. The client can reject subcontractors."): off the template, the paragraph is read whole. So may the
  // notice follow the label that names them ("- Subprocessors. Listed on our site. Advance notice before adding a
  // processor.").
  const paragraphs = templatePlaces(doc, ["7"]).length ? [] : blocksOf(doc, places);
  for (const where of [places, paragraphs])
    if (!readings.length && !leftOpen)
      readings = readEach(doc, where, CHANGES_NOTIFIED, () => "GENERAL").map((r) => ({
        ...r,
        confidence: 0.5,
        note: "No regime is named; changes to sub-processors are notified, which is how a general authorisation works.",
      }));
  for (const where of [places, paragraphs])
    if (!readings.length && !leftOpen)
      readings = readEach(doc, where, NOTICE_THEN_OBJECTION, () => "GENERAL").map((r) => ({
        ...r,
        confidence: 0.5,
        note: "No regime is named; a new sub-processor is notified and may be objected to, as under a general one.",
      }));
  // Specific approval is stricter: nothing changes without the controller saying yes.
  return combine(
    readings,
    (a, b) => (a === b ? 0 : a === "SPECIFIC" ? -1 : 1),
    "SPECIFIC is proposed as the stricter regime",
  );
}

/** "at least", "not less than", "ikke mindre end": a minimum before a period. */
const AT_LEAST = "(?:mindst|på mindst|at least|no less than|not less than|ikke mindre end|a minimum of|minimum)\\s+";

// "mindst 30 dages varsel", "en måneders varsel", "45 dage inden", "one month's notice", "30 days in advance".
// Also the verb: "Inspektioner varsles mindst 30 dage i forvejen", "must be notified at least 30 days".
export const NOTICE = new RegExp(
  // "senest 30 dage, før en ny underdatabehandler tages i brug": a comma may stand before the word.
  // "at least sixty (60) days reasonable advance notice": "reasonable" may stand among the words.
  `(${BRACKETED_DURATION}),?\\s*(?:(?:skriftligt?|advance|prior|written|reasonable)\\s+)*` +
    // "at least seven (7) days' advance publication" of a change to the list.
    `(?:varsel|notice|inden|før|forud|i forvejen|prior|in advance|before|publication|announcement)` +
    `|(?:varsel på|notice of|notice period of|varslingsperiode på|varsles|varsles med|notified|announced|` +
    // The period said of the notice: "reasonable notice which shall be not less than 4 weeks", "et varsel, der skal
    // være på mindst 4 uger".
    `(?:notice|varsel)(?: period|sperioden)?,?\\s+(?:(?:which|that|der|som)\\s+)?(?:shall|must|will|skal)\\s+` +
    `(?:be|være)(?:\\s+på)?)` +
    `\\s+(?:${AT_LEAST})?(${BRACKETED_DURATION})` +
    // The window to object after being told ("an option to object … within not less than 15 business days").
    // The words between may be long ("object to the appointment of a new Sub-Processor by notifying X promptly in
    // writing within ten (10) days"), but not past a termination ("objection, the Customer may terminate … within").
    `|(?:object|objection|indsigelse)(?:(?!terminat|opsig|ophæv|cancel)[^.]){0,120}?` +
    `\\b(?:within|inden for|indenfor)\\s+(?:a (?:time|period) of\\s+)?` +
    `(?:${AT_LEAST})?(${BRACKETED_DURATION})` +
    // The period in a bracket after the word: "Reasonable advance notice (at least 30 days, unless …)"; a "shorter
    // notice (…)" is an exception's (an audit on suspicion of a breach), not the notice agreed.
    `|(?<!(?:shorter|kortere)\\s+)(?:notice|varsel)\\s*\\(\\s*(?:${AT_LEAST})?(${BRACKETED_DURATION})`,
  "giu",
);

/** Days of notice in the places; an unfilled "[30] dages varsel" is noted as a placeholder of `path`. */
export function readNoticeDays(doc: DpaDocument, places: Span[], path?: string): Found<number>[] {
  return readEach(doc, places, NOTICE, (m, start) => {
    const written = m[1] ?? m[2] ?? m[3] ?? m[4];
    if (placeholderNumber(written)) {
      if (path) notePlaceholder(doc, path, start, start + m[0].length);
      return null;
    }
    const d = parseDuration(written.replace(/[[\]*_]/g, ""));
    return d && d.unit !== "hour" ? durationInDays(d) : null;
  });
}

/** Termination just before a period ("… entitled to terminate any agreement with you serving one month's notice"). */
const TERMINATION_BEFORE = /(?<![\p{L}])(?:terminat\w*|opsig\w*|ophæv\w*|cancel\w*)(?![\p{L}])[^.;]{0,80}$/iu;

/**
 * The notice of a change of sub-processors: a period given for terminating the agreement (the controller's answer to a
 * change it objects to) is the termination's notice, not the change's.
 */
function changeNoticeDays(doc: DpaDocument, places: Span[]): Found<number>[] {
  const flat = doc.flat ?? doc.text;
  return readNoticeDays(doc, places, "clauses.subprocessorNoticeDays").filter((r) => {
    const start = r.citations[0].start;
    return !TERMINATION_BEFORE.test(flat.slice(Math.max(0, start - 120), start));
  });
}

export function subprocessorNoticeDays(doc: DpaDocument): Extracted<number> | null {
  // Off the template, a section titled as the annex ("Underdatabehandlere" read as Bilag B) holds the notice too.
  const slots = doc.onTemplate ? ["7", "B.2"] : ["7", "B.2", "B"];
  const audits = /revision|audit|inspektion|inspection/i;
  const places = placesFor(doc, slots, SUBPROCESSOR_TOPIC, audits);
  let readings = changeNoticeDays(doc, places);
  // Off the template, a section titled as the annex may be only the list ("Appendix B – List of Sub-processors"):
  // the notice is then said in the clauses, in the sentences about sub-processors.
  const sentences =
    !readings.length && !doc.onTemplate && places.length ? sentencesAbout(doc, SUBPROCESSOR_TOPIC, audits) : [];
  if (sentences.length) readings = changeNoticeDays(doc, sentences);
  // Off the template, the rest of the paragraph that names sub-processors ("… object to the change within …").
  if (!readings.length && (!templatePlaces(doc, slots).length || sentences.length))
    readings = changeNoticeDays(doc, blocksOf(doc, sentences.length ? sentences : places, audits));
  return combine(
    readings,
    longerIsStricter,
    "the longer notice is proposed: it gives the controller more time to object",
  );
}

const SUSPENSIVE =
  /(ikke\s+)?opsættende virkning|(not\s+)?(?:have\s+)?suspensive effect|(does not|shall not|will not)\s+suspend/giu;

export function objectionSuspendsChange(doc: DpaDocument): Extracted<boolean> | null {
  const places = placesFor(doc, ["7", "B.2"], /indsigelse|objection|object/i);
  const readings = readEach(doc, places, SUSPENSIVE, (m) => !(m[1] || m[2] || m[3]));
  return combine(readings, (a, b) => Number(b) - Number(a), "suspension on objection is proposed as the stricter term");
}

/**
 * The EU/EEA as a whole word ("EU", "EEA", "EØS", "European Union"): the codes never inside a longer word, so
 * "within the EMEA region" or "the Europe-wide network" is not "within the EU".
 */
const EU_AREA =
  String.raw`(?:(?<![\p{L}\d])(?:EU|EEA|EØS)(?![\p{L}\d])|European Economic Area|European Union|Den Europæiske ` +
  String.raw`Union)`;
const TRANSFER_PROHIBITED = new RegExp(
  String.raw`overfører ikke personoplysninger|må ikke overføre|hverken[^.]{0,120}må overføre|sker ingen ove` +
    String.raw`rførsel|ingen overførsel af personoplysninger|al behandling sker (?:på infrastruktur )?i EU\/E` +
    String.raw`ØS|ikke inden for rammerne af disse bestemmelser at foretage sådanne overførsler|(?:will|shall` +
    String.raw`|does|may) not (?:be )?transfer(?:red)?|carries out no transfer|no transfer of (?:personal|end` +
    String.raw`-user|customer) data|never leaves the ${EU_AREA}|(?:all our )?data cent(?:re|er)s are (?:all )` +
    String.raw`?(?:located )?within the ${EU_AREA}|shall not move the [\w ]{0,40}data|` +
    String.raw`neither[^.]{0,120}(?:may|shall) transfer` +
    // "We will not make a restricted international transfer": the transfer as the verb's object.
    String.raw`|(?:will|shall|may) not (?:make|carry out|effect) (?:an?|any) (?:[\p{L}-]+ ){0,3}transfer` +
    // "We do not transfer EU data outside the EU": a plain "do not" only with the area it keeps the data in.
    String.raw`|\bdo not transfer[^.]{0,40}?outside (?:of )?(?:the )?${EU_AREA}` +
    // "data forlader ikke EU", "Personal Data does not leave the EEA".
    String.raw`|(?:does|will|shall) not leave the ${EU_AREA}|forlader (?:ikke|aldrig) ${EU_AREA}` +
    // "processed only within the EU/EEA", "behandles udelukkende inden for EU/EØS".
    String.raw`|(?:processed|stored|hosted|kept)\s+(?:only|exclusively|solely)\s+(?:with)?in\s+(?:the\s+)?` +
    String.raw`${EU_AREA}|(?:behandles|opbevares|hostes|lagres|placeres)\s+(?:udelukkende|kun|alene)\s+(?:inden ` +
    String.raw`for|i)\s+${EU_AREA}`,
  "giu",
);
const TRANSFER_SAFEGUARDS = new RegExp(
  String.raw`standardkontrakt\w*|standard contractual clauses|\bSCCs?\b|sikkert tredjeland|tilstrækkelig\w*` +
    String.raw` beskyttelsesniveau|adequacy decision|Data Privacy Framework|\bDPF\b|bindende virksomhedsregle` +
    String.raw`r|binding corporate rules` +
    // Conditions stated as the rule rather than named: "… requires the Processor to ensure that the conditions
    // for transferring the data to third countries … are met", "appropriate safeguards", "passende garantier".
    String.raw`|conditions for (?:the )?transfer\w*[^.]{0,100}?\b(?:are|is|be) (?:met|fulfilled|complied with)|betin` +
    String.raw`gelserne for overførsel\w*[^.]{0,100}?\ber opfyldt|appropriate safeguards?|passende garanti(?:er)?` +
    // A certification that stood for the safeguards once ("certified under the EU-US Privacy Shield"), and the
    // conditions of the GDPR's chapter on transfers ("under the conditions set out in Chapter V of the GDPR").
    String.raw`|Privacy Shield|(?:conditions|requirements) (?:set out |laid down )?(?:in|of|under) Chapter V\b` +
    String.raw`|betingelserne i (?:forordningens |databeskyttelsesforordningens )?kapitel V\b` +
    // A mechanism named by its kind only: "in accordance with the provider's applicable transfer mechanisms".
    String.raw`|(?:applicable|approved|appropriate|lawful|valid|recogni[sz]ed) (?:data )?transfer mechanisms?` +
    // "takes steps to ensure the data receives an appropriate level of protection": the protection promised as the
    // condition of the transfer (not a country "without an adequate level of protection").
    String.raw`|ensur\w*[^.;]{0,80}?\b(?:an?\s+)?(?:appropriate|adequate|equivalent) level of (?:data )?protection`,
  "giu",
);
const TRANSFER_NOT_ENTITLED = new RegExp(
  String.raw`ikke berettiget til[^.]{0,120}overførsler|not (?:be )?entitled[^.]{0,120}transfers?|må kun (?:` +
    String.raw`foretages|ske)[^.]{0,80}(?:på baggrund af|efter) dokumenteret instruks` +
    // "overfører kun personoplysninger til lande uden for EU … efter dokumenteret instruks": none without one.
    String.raw`|overfører kun[^.]{0,120}(?:på baggrund af|efter) dokumenteret instruks|(?:only|solely) transfers?` +
    String.raw`[^.]{0,120}(?:on|upon|in accordance with) (?:the )?(?:\p{L}+['’]s )?documented instructions?`,
  "giu",
);
/** "Disse Bestemmelser skal ikke forveksles med standardkontraktsbestemmelser …" (the template's 8.5). */
const NOT_THE_SCCS = new RegExp(
  String.raw`skal ikke forveksles med|should not be confused with|shall not be confused with|kan ikke udgøre et g` +
    String.raw`rundlag|cannot be relied upon as a basis`,
  "i",
);
/** A transfer allowed only on conditions: "may only be carried out with", "må kun ske på baggrund af". */
const ONLY_WITH = new RegExp(
  String.raw`(?:transfer\w*|overførsel\w*)[^.:]{0,120}?(?:may|can|shall) only (?:be )?(?:carried out|made|take p` +
    String.raw`lace|occur)|(?:overførsel\w*)[^.:]{0,120}?(?:må|kan) kun (?:ske|foretages)`,
  "giu",
);
/** What "may only occur" waits for, when it is the controller's leave: "with the prior written consent of …". */
const ONLY_WITH_LEAVE = new RegExp(
  String.raw`^\s*(?:with|upon|on|after|following|subject to)\s+(?:(?:the|your|its)\s+)?(?:[\p{L}-]+['’]s?\s+)?` +
    String.raw`(?:(?:express|explicit|prior|written|specific)\s+)*(?:consent|permission|approval|authori[sz]ation)`,
  "iu",
);
/**
 * A transfer on conditions stated as a case: "Where personal data is transferred outside the EEA, X relies on: …
 * Standard Contractual Clauses", "Hvis personoplysninger overføres til tredjelande, sker det på grundlag af …".
 */
const WHERE_TRANSFERRED = new RegExp(
  String.raw`\b(?:where|if|when|to the extent(?: that)?|insofar as|in so far as)\s+[^.:]{0,80}?\b(?:is|are|be)\s+tra` +
    String.raw`nsferred\b|\b(?:hvis|når|i det omfang)\s+[^.:]{0,80}?\boverføres\b`,
  "giu",
);
/** A prohibition lifted once conditions are met first ("shall not transfer … without first: … ensuring that an
 * appropriate transfer mechanism … is in place"): transfers allowed on the safeguards named. */
const WITHOUT_FIRST = /\b(?:without|uden)\s+(?:first|først)\b/i;
/** A prohibition with an exception for safeguards ("shall not be transferred … unless … SCCs") allows them. */
const UNLESS = /\b(unless|except|medmindre|undtagen|uden at)\b/i;
// "No transfer outside the EU/EEA without an appropriate safeguard" is the same exception; "uden … instruks og et
// gyldigt overførselsgrundlag" still waits for an instruction.
// "without ensuring that appropriate safeguards are in place", "without applicable lawful safeguards": the same.
const WITHOUT_SAFEGUARDS = new RegExp(
  String.raw`\b(?:without|uden)\s+(?:(?:first\s+)?(?:ensuring|making sure|verifying)\s+(?:that\s+)?)?(?:an?\s+|et\s+` +
    String.raw`|en\s+)?(?:applicable\s+)?(?:appropriate|adequate|suitable|lawful|passende|tilstrækkelige?)` +
    // "without an appropriate transfer mechanism (e.g. …)": the safeguard named by its kind.
    String.raw`\s+(?:safeguards?|garanti(?:er)?|(?:data\s+)?transfer\s+(?:mechanisms?|tools?))`,
  "i",
);
/**
 * A prohibition lifted by the controller's leave ("may not transfer … without your permission", "uden den
 * dataansvarliges forudgående skriftlige godkendelse"): with safeguards named beside it, transfers are allowed on them.
 */
const WITHOUT_LEAVE = new RegExp(
  String.raw`\b(?:without|uden)\s+(?:(?:your|the|its|den|det)\s+)?(?:[\p{L}-]+['’]s?\s+)?(?:dataansvarliges\s+)?` +
    String.raw`(?:(?:express|explicit|prior|written|forudgående|skriftlige?|udtrykkelige?)\s+){0,3}(?:consent|permi` +
    String.raw`ssion|approval|authori[sz]ation|agreement|samtykke|godkendelse|tilladelse)`,
  "iu",
);
/**
 * "X does not transfer personal data to third countries on its own account": the processor starts no transfer of its
 * own, which says nothing of the transfers the controller's choices make (read from the safeguards named instead).
 */
const OWN_ACCOUNT = /\b(?:on|of|at) (?:its|our|his|her) own (?:account|initiative|accord|motion)|på egen hånd/iu;
const TRANSFER_HEADING = /\b(?:data|international|cross-border)\s+transfers?\b|^transfers?\b|overførs(?:el|ler)\b/iu;
const TRANSFER_TOPIC = new RegExp(
  String.raw`tredjeland|third countr|outside (?:of )?the ${EU_AREA}|uden for ${EU_AREA}|international (?:d` +
    String.raw`ata )?transfers?|internationale (?:data)?overførsler|leaves? the ${EU_AREA}|within the ${EU_AREA}` +
    String.raw`|i EU\/EØS|forlader (?:ikke |aldrig )?${EU_AREA}|inden for ${EU_AREA}` +
    // "to a country without an adequate level of protection": a third country, described.
    String.raw`|countr(?:y|ies) without an adequate level of protection|lande? uden (?:et )?tilstrækkeligt beskytt` +
    String.raw`elsesniveau` +
    // "may store data on servers located outside Ghana": outside the processor's own country, whichever it is.
    String.raw`|\b(?:located|stored|hosted|processed|transferred)\s+outside\s+(?:of\s+)?(?!(?:the\s+)?(?:scope|te` +
    String.raw`rms|agreement|services?|instructions?|purposes?)\b)\S`,
  "iu",
);

/**
 * "shall not transfer Personal Data outside the permitted jurisdictions without complying with the requirements set
 * forth in Clause 8", "… unless such transfer is made in compliance with the requirements of this Clause 8": the
 * transfer allowed on the terms of the clause it points to, where that clause (or, pointing to its own clause, the
 * paragraph after) names safeguards.
 */
const ON_TERMS_OF_A_CLAUSE = new RegExp(
  String.raw`\b(?:without|unless)\s[^.;]{0,60}?\b(?:complying|compliance)\s+with\s+(?:the\s+)?(?:requirements|ter` +
    String.raw`ms|conditions)\s+(?:of|set\s+(?:forth|out)\s+in|in|under)\s+(?:this|that|the)?\s*(?:clause|section)`,
  "i",
);
function referredSafeguards(doc: DpaDocument, offset: number): boolean {
  const s = sentenceAround(doc.flat, offset);
  if (/\bthis\s+(?:clause|section)\b/i.test(doc.flat.slice(s.start, s.end)))
    return namesSafeguards(blockAndNext(doc, offset));
  return withCrossReferences(doc, [{ ...s, confidence: 0.7 }])
    .slice(1)
    .some((p) => namesSafeguards(doc.flat.slice(p.start, p.end)));
}
const namesSafeguards = (text: string) => {
  TRANSFER_SAFEGUARDS.lastIndex = 0;
  const named = TRANSFER_SAFEGUARDS.test(text);
  TRANSFER_SAFEGUARDS.lastIndex = 0;
  return named;
};

/** The paragraph or list item at an offset and the one after it (a heading ends it): what a clause says around it. */
function blockAndNext(doc: DpaDocument, offset: number): string {
  const flat = doc.flat ?? doc.text;
  const i = doc.blocks.findIndex((b) => b.start <= offset && offset < b.end);
  if (i < 0) return sentenceAt(doc, offset);
  const next = doc.blocks[i + 1];
  const end = next && next.kind !== "heading" ? next.end : doc.blocks[i].end;
  return flat.slice(doc.blocks[i].start, end);
}

export function thirdCountryTransfers(doc: DpaDocument): Extracted<string> | null {
  const read = (places: Span[]) => {
    // An explicit "does not transfer" wins; then a named transfer tool; the template's closing
    // sentence ("not entitled … without instruction") alone is read as a prohibition, less surely.
    const prohibited = readEach(doc, places, TRANSFER_PROHIBITED, (m, start) => {
      const sentence = withIntroducedList(doc, start);
      if (OWN_ACCOUNT.test(sentence)) return null;
      if (WITHOUT_LEAVE.test(sentence) && namesSafeguards(blockAndNext(doc, start))) return "ALLOWED_WITH_SAFEGUARDS";
      if (WITHOUT_FIRST.test(sentence) && namesSafeguards(sentence)) return "ALLOWED_WITH_SAFEGUARDS";
      if (ON_TERMS_OF_A_CLAUSE.test(sentence) && referredSafeguards(doc, start)) return "ALLOWED_WITH_SAFEGUARDS";
      return (UNLESS.test(sentence) && TRANSFER_SAFEGUARDS.test(sentence)) || WITHOUT_SAFEGUARDS.test(sentence)
        ? "ALLOWED_WITH_SAFEGUARDS"
        : "PROHIBITED";
    });
    TRANSFER_SAFEGUARDS.lastIndex = 0;
    // "Any transfer to third countries may only be carried out with: … Standard Contractual Clauses": a transfer
    // allowed on conditions, which a statement of where the data centres are ("located within the EU") leaves as is.
    const onConditions = (m: RegExpExecArray, start: number) => {
      const ok = TRANSFER_SAFEGUARDS.test(withIntroducedList(doc, start));
      TRANSFER_SAFEGUARDS.lastIndex = 0;
      return ok ? "ALLOWED_WITH_SAFEGUARDS" : null;
    };
    // "Transfers to third countries may only occur with the prior written consent of the Controller", no safeguard
    // named: none without a consent not yet given, the corpus's reading of "only on documented instructions".
    const onlyWithLeave = (m: RegExpExecArray, start: number) => {
      const sentence = withIntroducedList(doc, start);
      if (namesSafeguards(sentence)) return null;
      return ONLY_WITH_LEAVE.test(sentence.slice(sentence.indexOf(m[0]) + m[0].length)) ? "PROHIBITED" : null;
    };
    const conditional = [
      ...readEach(doc, places, ONLY_WITH, onConditions),
      ...readEach(doc, places, WHERE_TRANSFERRED, onConditions),
    ];
    // Where data is kept ("located within the EU", "stored exclusively within the EU") yields to stated conditions.
    const located = (r: Found<string>) =>
      new RegExp(
        String.raw`located within|(?:only|exclusively|solely|udelukkende|kun|alene)\s+(?:with)?in|not leave|never l` +
          String.raw`eaves|forlader (?:ikke|aldrig)`,
        "i",
      ).test(r.citations[0].quote);
    if (conditional.length && prohibited.length && prohibited.every(located))
      return combine(conditional, firstIsProposed);
    if (prohibited.length) return combine(prohibited, firstIsProposed);
    // The template's 8.5 names the standard contractual clauses only to say these clauses are not them.
    const safeguards = readEach(doc, places, TRANSFER_SAFEGUARDS, (m, start) =>
      NOT_THE_SCCS.test(sentenceAt(doc, start)) ? null : "ALLOWED_WITH_SAFEGUARDS",
    );
    if (safeguards.length) return combine(safeguards, firstIsProposed);
    const onlyWithConsent = readEach(doc, places, ONLY_WITH, onlyWithLeave).map((r) => ({ ...r, confidence: 0.6 }));
    if (onlyWithConsent.length) return combine(onlyWithConsent, firstIsProposed);
    const fallback = readEach(doc, places, TRANSFER_NOT_ENTITLED, () => "PROHIBITED").map((r) => ({
      ...r,
      confidence: 0.7,
    }));
    return combine(fallback, firstIsProposed);
  };
  // The annex's instruction (C.6) decides; then the clause on transfers; then sentences anywhere about them.
  return (
    read(templatePlaces(doc, ["C.6"])) ??
    read(templatePlaces(doc, ["8"])) ??
    read(
      sentencesAbout(
        doc,
        TRANSFER_TOPIC,
        /standardkontraktsbestemmelser som omhandlet i databeskyttelsesforordningens artikel 46/i,
      ),
    ) ??
    // A section titled for transfers ("7. Data transfers") whose sentences never name a third country ("processing
    // … in a jurisdiction other than the EU"): what it says, it says of transfers.
    read(
      doc.sections
        .filter((s) => TRANSFER_HEADING.test(s.title ?? ""))
        .map((s) => ({ start: s.bodyStart, end: s.end, confidence: 0.6 })),
    )
  );
}

const END_OF_CONTRACT: [RegExp, string][] = [
  // Both, one after the other ("returnerer … og sletter derefter"), whoever chooses the return's form.
  [
    new RegExp(
      String.raw`(?:tilbagelevere|returnere)\w*[^.]{0,160}(?:og|samt)\s+(?:sletter|slette)\s+(?:derefter|here` +
        String.raw`fter|efterfølgende)|return[^.]{0,120}\band\s+(?:then|thereafter|subsequently)\s+(?:\p{L}+\s+)?(?:` +
        String.raw`delete|erase|destroy)` +
        // "Upon termination we will provide a complete data export within 5 business days and permanently delete all
        // your data": the processor hands the data over as an export, then deletes it.
        String.raw`|(?<![\p{L}])(?:provide|deliver|send|supply|hand over)s?\s+(?:\p{L}+\s+){0,3}?(?:data\s+)?exp` +
        String.raw`ort(?![\p{L}])[^.]{0,120}?\band\s+(?:then\s+|thereafter\s+)?(?:permanently\s+|securely\s+)?(?:` +
        String.raw`delete|erase|destroy)`,
      "iu",
    ),
    "RETURN_AND_DELETE",
  ],
  [
    new RegExp(
      // "efter kundens valg", "efter den dataansvarliges anvisning", "vælger kunden, om … tilbageleveres …
      // eller slettes", and the two actions joined by "eller" in any inflection ("sletter eller tilbageleverer").
      String.raw`efter (?:den dataansvarliges|kundens|skolens|den dataansvarlige?s?) (?:valg|anvisning|ønske)|v` +
        String.raw`ælger (?:kunden|den dataansvarlige)[^.]{0,60}\bom\b|at the choice of the (?:data )?controlle` +
        String.raw`r|at (?:the )?(?:customer|controller|client)['’]s (?:sole )?(?:choice|option|election|discretion)` +
        // The controller under its defined name ("At the Merchant's choice we will instead return it"), or "you".
        String.raw`|at (?:the )?(?!(?:processor|sub-?processor|vendor|provider|supplier|service provider)['’])\p{Lu}` +
        String.raw`[\p{L}-]+['’]s (?:sole )?(?:choice|option|election)|at your (?:sole )?(?:choice|option|election)` +
        String.raw`|as the controller (?:chooses|` +
        String.raw`decides)|(?:slette|sletter|slettes|sletning)\s+eller\s+(?:returnere|returnerer|returneres|ti` +
        String.raw`lbagelevere|tilbageleverer|tilbageleveres|returnering|tilbagelevering)|(?:returnere|returnere` +
        String.raw`r|returneres|tilbagelevere|tilbageleverer|tilbageleveres|tilbagelevering)[^.]{0,60}?\beller\s+` +
        // "delete/return Personal Data", "slette/tilbagelevere": the two set side by side with a slash.
        String.raw`(?:slette|sletter|slettes|sletning)|delete\s?\/\s?return|return\s?\/\s?delete|slette\s?\/\s?(?:` +
        String.raw`tilba` +
        String.raw`gelevere|returnere)|(?:tilbagelevere|returnere)\s?\/\s?slette|delete or return|return or delete|de` +
        String.raw`letion or return|return or deletion|(?:delete|erase)\w*[^.]{0,60}?\bor\s+(?:to\s+)?return\b` +
        // "deletes or, if the Merchant so requests …, returns": the return is the controller's to ask for.
        String.raw`|(?:delete|erase)s?\s+or,\s[^.]{0,120}?,\s+returns?\b|sletter\s+eller,\s[^.]{0,120}?,\s+(?:ti` +
        String.raw`lbageleverer|returnerer)\b` +
        // "shall transfer to the Controller all Personal Data … or destroy them": the alternatives, the controller's.
        String.raw`|(?:transfer|hand over|give back)\w*(?: back)? to the (?:data )?(?:controller|customer)` +
        String.raw`[^.]{0,200}?\bor\s+(?:to\s+)?(?:destroy|delete|erase)|(?:tilbagelevere|returnere|udlevere)` +
        // "return to Customer or destroy all Personal Data", "return or destroy".
        String.raw`\w*[^.]{0,100}?\beller\s+(?:destruere|destrueres|tilintetgøre)|return\w*(?:\s+to\s+(?:the\s+)?` +
        String.raw`(?:data\s+)?(?:controller|customer|client))?\s+or\s+(?:to\s+)?(?:destroy|delete|erase)` +
        String.raw`|destroy\w*\s+or\s+return` +
        // "Personal Data will be returned or securely deleted", "returned in a machine-readable format or deleted":
        // the two alternatives in the passive; "shall either return all personal data … or delete it".
        String.raw`|(?<![\p{L}])returned\s+(?:[^.;]{0,80}?\s)?or\s+(?:securely\s+|permanently\s+)?(?:deleted|destro` +
        String.raw`yed|erased)(?![\p{L}])|(?<![\p{L}])either\s+return\w*\s[^.;]{0,160}?\bor\s+(?:to\s+)?(?:del` +
        String.raw`ete|destroy|erase)` +
        // The actions as nouns: "Data return or destruction within 90 days of termination".
        String.raw`|(?<![\p{L}])return\s+or\s+(?:destruction|erasure)|(?:destruction|erasure)\s+or\s+return` +
        // "delete all Customer Data … and certify to the Customer that it has done so, or return all Customer Data":
        // a deletion and its certificate, then the return after a comma as the other choice.
        String.raw`|(?:delete|erase)\w*[^.]{0,60}?\band\s+certify[^.]{0,60}?,\s+or\s+(?:to\s+)?return\b` +
        // "Unless the Controller instructs otherwise within 30 days of termination, we will delete": the deletion is
        // only what happens when the controller does not choose.
        String.raw`|unless (?:the )?(?:data )?(?:controller|customer|client) (?:instructs|directs|requests) otherwise` +
        // "will delete all Controller data within 30 days unless the Controller requests return of an export first".
        String.raw`|unless (?:the )?(?:data )?(?:controller|customer|client|you) (?:requests?|asks? for|elects?|cho` +
        String.raw`oses?)\s+(?:the\s+|its\s+|their\s+|to\s+)?(?:return|receive|retrieve)` +
        // "If the Customer does not make a written request within 30 days of termination, X shall delete": the
        // deletion is what happens when the controller has not asked for anything else.
        String.raw`|(?<![\p{L}])(?:if|where|should)\s+(?:the\s+)?(?:data\s+)?(?:controller|customer|client|you)\s+` +
        String.raw`(?:does|do)\s+not\s+(?:make\s+(?:a|any)\s+(?:written\s+)?request|request|instruct|elect|choose)`,
      "iu",
    ),
    "CONTROLLER_CHOICE",
  ],
  [
    new RegExp(
      String.raw`tilbagelevere[^.]{0,80}(?:og|samt)\s+slette|returnere[^.]{0,80}(?:og|samt)\s+slette|return[^` +
        String.raw`.]{0,80}\band\s+(?:to\s+)?delete` +
        // "return Customer Data to Customer and, to the extent allowed by applicable law, delete Customer Data".
        String.raw`|return[^.]{0,80}\band,[^.,]{1,80},\s+(?:to\s+)?delete|tilbagelevere[^.]{0,80}\bog,[^.,]{1,80},\s+` +
        String.raw`slette`,
      "iu",
    ),
    "RETURN_AND_DELETE",
  ],
  [
    new RegExp(
      // "2. After the 90-day recovery window, permanently delete Customer Data from all systems": a step that deletes.
      String.raw`(?<![\p{L}])(?:permanently|securely)\s+(?:delete|erase|destroy)\s+(?:all\s+)?(?:the\s+|its\s+|you` +
        String.raw`r\s+)?(?:\p{Lu}\p{L}+\s+)?(?:personal\s+)?data(?![\p{L}])|` +
        String.raw`(?:forpligtet til at|skal)\s+slette|slette alle|sletter(?: (?!eller\b)\p{L}+){0,2} (?:alle\b|\p{L}` +
        String.raw`*oplysningerne\b)|\bslettes\s+(?:senest\s+|inden for\s+)?\d|sle` +
        // "slettes alle data inden for 90 dage", "we permanently erase your Personal Data", "will be destroyed";
        // "delete or anonymise", "slette eller anonymisere": made unreadable either way, so deleted.
        String.raw`ttes(?: \p{L}+){1,3} (?:senest|inden for|indenfor|inden) \d|(?:delete|erase)\w*\s+or\s+anonymi[sz]` +
        String.raw`e|(?:slette|sletter|slettes)\s+eller\s+anonymiser|(?:we|will|shall|must) (?:permanent` +
        String.raw`ly |securely )?(?:erase|destroy)|(?:is|are|will be) (?:permanently |securely )?(?:erased|destroyed` +
        String.raw`)|sle` +
        String.raw`tter (?:databehandleren )?personoplysning` +
        String.raw`erne|delete all|erase all|(?:shall|must|will) delete|(?:is|are|will be) (?:permanently |secu` +
        String.raw`rely )?deleted|deletes all|right to delete all|slettes(?: \p{L}+){0,2} permanent|permanently delet` +
        String.raw`ed|deleted permanently` +
        // "… delete and procure the deletion of all copies of those Company Personal Data" (a widely copied wording).
        String.raw`|delete and procure the deletion|` +
        // "will permanently perform a hard deletion of all associated personal data": the deletion as a noun.
        String.raw`(?:will|shall|must)\s+(?:permanently\s+|securely\s+)?(?:perform|carry out|conduct|effect)\s+(?:a` +
        String.raw`\s+)?(?:(?:hard|permanent|secure|full|complete)\s+)?(?:deletion|erasure)\s+of` +
        // "On account termination: full deletion of Personal Data within 30 days": the deletion as a noun, whole
        // after a label's colon or within a period. Not in a running sentence ("… are not interchangeable with
        // complete deletion of all personal data").
        String.raw`|(?<=(?:^|[:;—–])[^\S\n]*)(?:full|complete|permanent)\s+(?:deletion|erasure)\s+of\s+(?:all\s+)?` +
        String.raw`(?:[\p{L}'’-]` +
        String.raw`+\s+){0,2}?data(?![\p{L}])|(?<![\p{L}])(?:deletion|erasure)\s+of\s+(?:all\s+)?(?:[\p{L}'’-]+` +
        String.raw`\s+){0,2}?` +
        String.raw`data\s+within\s+\[?\d` +
        String.raw`|(?<![\p{L}])we (?:permanently |securely )?(?:delete|erase)` +
        String.raw`(?![\p{L}])` +
        // "deletes every copy of its books", "erases each backup": all of it, copy by copy.
        String.raw`|(?<![\p{L}])(?:deletes|erases|destroys)\s+(?:every|each)\s+(?:copy|copies|backup|record)` +
        String.raw`(?![\p{L}])` +
        // "Upon termination or on written request, TimeProofs deletes personal data processed for Customer": the
        // processor's duty said in the present tense, as "deletes all" is.
        String.raw`|(?<![\p{L}])(?:deletes|erases|destroys)\s+(?:the\s+)?(?:\p{Lu}\p{L}+\s+)?personal\s+data` +
        String.raw`(?![\p{L}])` +
        // "Retention: 12 months after termination then deletion": the deletion as the step after the period.
        String.raw`|(?<![\p{L}])then\s+(?:permanent\s+|secure\s+)?(?:deletion|erasure)(?![\p{L}])` +
        // "deletes Customer Personal Data within [30] days", "sletter kundens data inden for 30 dage": a deletion
        // within a period.
        String.raw`|(?<![\p{L}])(?:deletes|erases|destroys|sletter)\s+(?:[\p{L}'’-]+\s+){1,4}?(?:within|no later ` +
        String.raw`than|inden for|senest)\s+\[?\d` +
        // A duty in a list ("6. Delete the data on termination"), and the controller asking for the deletion ("may
        // request deletion of all data", "kan anmode om sletning af alle oplysninger").
        String.raw`|^\s*(?:\d{1,2}[.)]\s+|[-•*]\s+)?(?:delete|erase)\s+(?:all\s+)?(?:the\s+|its\s+|your\s+)?(?:pe` +
        String.raw`rsonal\s+)?data(?![\p{L}])|(?:may|can|kan)\s+(?:(?!not\b|ikke\b)\p{L}+\s+){0,2}?(?:request|ask ` +
        String.raw`for|require|anmode om|kræve)\s+(?:the\s+)?` +
        String.raw`(?:deletion|erasure|sletning)\s+(?:of|af)\s+(?:all|alle)(?![\p{L}])`,
      "iu",
    ),
    "DELETE",
  ],
  [/(?:forpligtet til at|skal)\s+(?:tilbagelevere|returnere)|return all/iu, "RETURN"],
];
/** "On cancellation", "upon cancellation": the customer ending the service, not a sub-processor's or an order's. */
const ON_CANCELLATION =
  // "Upon account cancellation", "after subscription cancellation": what is cancelled may stand before the word.
  String.raw`\b(?:on|upon|after|following)\s+(?:(?:the\s+|your\s+)?(?:account|subscription)\s+)?cancell?ation\b` +
  String.raw`(?!\s+of\s+(?:an?\s+|the\s+)?(?:sub|order|request))`;
const END_TOPIC = new RegExp(
  // "at end of services": the article may be left out.
  String.raw`ophør|opsigelse|termination|terminat|end of (?:the )?(?:agreement|services?)|expiry|uninstall|delete` +
    String.raw` your account|upon deletion|(?:completion|end) of the (?:main |underlying |principal )?(?:contract|agr` +
    // Article 28(3)(g)'s own words: "after the end of the provision of services".
    String.raw`eement)|aftalens udløb|end\s+of\s+(?:the\s+)?provision\s+of\s+(?:the\s+)?services` +
    // "When the subscription ends", "once the contract expires", "upon fulfilment of the Purpose": the end said of
    // the relation or of what it was for.
    String.raw`|(?:subscription|plan|agreement|contract|services?|relationship|account)\s+(?:ends|expires|is (?:ca` +
    String.raw`ncell?ed|closed|terminated))|fulfil(?:l)?ment of the purpose|formålet (?:er )?opfyldt|samarbejde` +
    String.raw`t ophører` +
    // "After the business purposes for which the data was processed have been fulfilled": what it was for, done.
    String.raw`|purposes?\s[^.;]{0,80}?\b(?:have|has)\s+been\s+(?:fulfill?ed|achieved|completed)` +
    // "When the Vendor discontinues processing of personal data on behalf of the Customer", "if the processing
    // ceases": Article 28(3)(g)'s end of the processing services.
    String.raw`|(?:discontinues|ceases|stops)\s+(?:the\s+)?(?:processing|to process)\b|processing\s+(?:ceases|ends|i` +
    String.raw`s discontinued)` +
    // "After You Cancel", "once the Customer cancels", "account cancellation": the customer ending the service.
    String.raw`|(?:after|when|once|if|upon)\s+(?:you|the\s+customer|customer|the\s+client)\s+cancel|(?:account|subs` +
    String.raw`cription)\s+cancell?ation|cancell?ation\s+of\s+(?:the|your|its)\s+(?:account|subscription)` +
    // "On cancellation or upon your written request, all data is deleted": the cancellation alone, the service's.
    String.raw`|${ON_CANCELLATION}`,
  "i",
);

/**
 * The sentences under a heading that names the end ("After You Cancel" over "- After 30 days, all data is
 * permanently deleted"): about the end, as a sentence naming it is, though none of them repeats it.
 */
function underEndHeading(doc: DpaDocument): Span[] {
  return doc.sections
    .filter((s) => s.title && END_TOPIC.test(s.title))
    .flatMap((s) => {
      // The heading's own text, up to the next heading: a sub-section under it has a title of its own.
      const end = Math.min(s.end, ...doc.sections.filter((o) => o.start > s.start).map((o) => o.start));
      return sentenceSpans(doc.flat, s.bodyStart, end).map((x) => ({ ...x, confidence: 0.6 }));
    });
}

/**
 * "Since we store no personal data, there is no data to delete or return at the end": the actions named only to say
 * nothing is left for them, no choice between them.
 */
const NOTHING_TO = new RegExp(
  String.raw`(?<![\p{L}])(?:no|not any)\s+(?:personal\s+)?(?:data|information)\s+(?:\p{L}+\s+){0,2}?to\s+(?:delete|` +
    String.raw`return|erase|destroy)|(?<![\p{L}])nothing\s+(?:\p{L}+\s+){0,2}?to\s+(?:delete|return|erase|destroy)`,
  "iu",
);

export function endOfContractAction(doc: DpaDocument): Extracted<string> | null {
  const slots = templatePlaces(doc, ["11.1", "11"]);
  const act = (action: string) => (_m: RegExpExecArray, start: number) =>
    NOTHING_TO.test(sentenceAt(doc, start)) ? null : action;
  // Off the template, a section on retention and deletion that only says the data is deleted ("Cancelled accounts:
  // data retained for 90 days then permanently deleted") says less than a sentence on the end elsewhere that hands
  // the data back first ("Upon termination we will provide a complete data export … and permanently delete all your
  // data"): the deletion is part of it, so the fuller one stands.
  const returnedFirst = () =>
    doc.onTemplate
      ? []
      : END_OF_CONTRACT.filter(([, action]) => action === "RETURN_AND_DELETE").flatMap(([pattern]) =>
          readEach(doc, sentencesAbout(doc, END_TOPIC), pattern, act("RETURN_AND_DELETE")),
        );
  for (const places of [slots.slice(0, 1), slots, templatePlaces(doc, ["C.4"])]) {
    for (const [pattern, action] of END_OF_CONTRACT) {
      const readings = readEach(doc, places, pattern, act(action));
      if (!readings.length) continue;
      const fuller = action === "DELETE" ? returnedFirst() : [];
      return combine((fuller.length ? fuller : readings).slice(0, 1), firstIsProposed);
    }
  }
  // Off the template, sentences anywhere: the one that says when ("sletter … alle personoplysninger inden for 30
  // dage") is the clause on the end; a general duty in a list of obligations ("Slette eller tilbagelevere …") is not.
  // The sentences that name the end; where none says what happens, those under a heading that names it.
  const readAll = (places: Span[]) =>
    END_OF_CONTRACT.flatMap(([pattern, action]) => readEach(doc, places, pattern, act(action)));
  const named = readAll(withFollowOn(doc, sentencesAbout(doc, END_TOPIC)));
  const readings = named.length ? named : readAll(underEndHeading(doc));
  const specific = readings.filter((r) => RETENTION_IN.test(sentenceAt(doc, r.citations[0].start)));
  const chosen = specific.length ? controllersChoiceOver(doc, readings, specific) : readings;
  // A duty that points to the section saying how ("Sletter eller returnerer … ved aftalens ophør, jf. afsnit 6",
  // "… upon termination, per Section 6") leaves the action to that section, when it says one.
  if (chosen.length) {
    const at = chosen[0].citations[0].start;
    const sentence = sentenceSpans(doc.flat).find((x) => x.start <= at && at < x.end);
    const referred = sentence ? withCrossReferences(doc, [{ ...sentence, confidence: 0.7 }]).slice(1) : [];
    for (const [pattern, action] of END_OF_CONTRACT) {
      const there = readEach(doc, referred, pattern, () => action);
      if (there.length) return combine(there.slice(0, 1), firstIsProposed);
    }
  }
  return chosen.length ? combine(chosen.slice(0, 1), firstIsProposed) : null;
}

/**
 * "On termination, the customer may export its data for a period. Thereafter we will delete it": a sentence that opens
 * by pointing back to the one before, in its paragraph, goes on with its topic, the end.
 */
const FOLLOW_ON =
  /^\s*(?:[-•*]\s+)?(?:thereafter|after that|afterwards|subsequently|herefter|derefter|efterfølgende)\b/iu;
function withFollowOn(doc: DpaDocument, spans: Span[]): Span[] {
  const all = sentenceSpans(doc.flat);
  const next = spans.flatMap((s) => {
    const i = all.findIndex((x) => x.start >= s.end && /^[^\S\n]*$/.test(doc.flat.slice(s.end, x.start)));
    return i >= 0 && FOLLOW_ON.test(doc.flat.slice(all[i].start, all[i].end))
      ? [{ ...all[i], confidence: s.confidence }]
      : [];
  });
  return [...spans, ...next.filter((n) => !spans.some((s) => s.start === n.start))];
}

/**
 * "At the Controller's choice, the Processor returns or deletes the data. Specifically: data is deleted within 30
 * days of termination": a deletion's period just after the controller's choice is how the deletion is done, not a
 * deletion in place of the choice. The choice stands when it comes first and the period's sentence starts within a
 * short clause of it (its list, or the next sentence).
 */
function controllersChoiceOver(doc: DpaDocument, readings: Found<string>[], specific: Found<string>[]) {
  const first = specific[0];
  if (first.value === "CONTROLLER_CHOICE") return specific;
  const at = first.citations[0].start;
  const choice = readings.find(
    (r) =>
      r.value === "CONTROLLER_CHOICE" &&
      r.citations[0].end <= at &&
      at - sentenceEnd(doc, r.citations[0].start) <= CHOICE_REACH,
  );
  return choice ? [choice] : specific;
}
const CHOICE_REACH = 160;
const sentenceEnd = (doc: DpaDocument, at: number) =>
  sentenceSpans(doc.flat).find((x) => x.start <= at && at < x.end)?.end ?? at;

/** "inden for 30 dage", "inden 90 dage", "senest", "within", "no later than": a period's limit. */
const WITHIN = "(?:inden for|indenfor|inden|senest|within|no later than)";

const RETENTION_IN = new RegExp(
  `${WITHIN}\\s+(?:${BRACKETED_DURATION})|(?:${BRACKETED_DURATION})\\s+(?:efter|after)`,
  "iu",
);

/** The customer's account closed: "account closure", "when your account is closed", "kontolukning". */
const ACCOUNT_CLOSED =
  // "30 days after account deletion": the account deleted is the customer's relation ended, as a closure is.
  String.raw`account closure|account deletion|closure of (?:the|your|its) account|account (?:is|has been) closed|k` +
  String.raw`ontolukning|luk` +
  String.raw`ning af kontoen|kontoen (?:lukkes|er lukket)`;

/** The end of the agreement or of the customer's account, as a period is counted from it. */
const THE_END =
  "(?:the\\s+)?(?:termination|expiry|end of the (?:agreement|services?|contract)|account closure|account deletion|clo" +
  "sure of the acc" +
  "ount|opsigelse|ophør|ophøret|aftalens ophør|udløb|kontolukning|lukning af kontoen" +
  // "90 days after the subscription ends": the end said as the relation's.
  "|(?:subscription|agreement|contract)\\s+(?:ends|expires|is\\s+terminated))";

// "opbevaret i backupsystemet i op til tre (3) måneder", "deleted within 30 days", "slettes 30 dage efter opsigelse",
// "inden 90 dage efter kontolukning", "deletes all data after 30 days".
const RETENTION = new RegExp(
  `(?:(?:op til|i op til|${WITHIN}|up to|for up to|shall occur within|no more than|not more than|højst|maksimalt)` +
    `\\s+|(?=(?:${BRACKETED_DURATION})\\s+(?:` +
    `efter|after)\\s+${THE_END})` +
    // In a place about the end, a party deleting after a period ("Processor deletes all data after 30 days", "Brisk
    // sletter alle data efter 30 dage"); not a retention table's "Deleted after 30 days", which is during the service.
    `|(?<=(?:deletes|erases|destroys|will delete|shall delete|sletter)(?:\\s+\\p{L}+){0,3}\\s+(?:after|efter)\\s+)` +
    // The period first, then the deletion: "After 30 days, all data is permanently deleted from our systems".
    `|(?<=(?<![\\p{L}])after\\s+)(?=(?:${BRACKETED_DURATION}),?\\s+(?:[\\p{L}'’-]+\\s+){1,5}?(?:is|are|wil` +
    `l be|gets?|get)\\s+(?:permanently\\s+|securely\\s+)?(?:deleted|erased|destroyed)(?![\\p{L}]))` +
    // Kept for the period, then deleted: "retained for ninety (90) calendar days, after which it is permanently
    // deleted".
    `|(?<=(?<![\\p{L}])(?:retained|kept|stored|held)\\s+for\\s+)(?=(?:${BRACKETED_DURATION}),?\\s+after\\s+which\\s+` +
    `(?:[\\p{L}'’-]+\\s+){0,4}?(?:deleted|erased|destroyed)(?![\\p{L}])))` +
    `(${BRACKETED_DURATION})`,
  "giu",
);

/** A period counted from the end: "within 14 days of termination", "senest 30 dage efter ophør". */
const PERIOD_FROM_THE_END = new RegExp(
  `(?:${BRACKETED_DURATION})\\s+(?:of|after|following|from|efter|fra)\\s+${THE_END}(?![\\p{L}])`,
  "iu",
);
/** The controller fetching or asking for its data: "export", "download", "request", "eksportere", "hente". */
const FETCH = /(?<![\p{L}])(?:export|download|retrieve|request|eksport|download|hente|anmod|udlever)/iu;
/**
 * The window itself: "for 30 days", "i 30 dage", "within 14 days", and the time the controller has for it ("har den
 * Dataansvarlige 30 dage til at eksportere", "the Customer has 30 days to download").
 */
const WINDOW = new RegExp(
  `(?:(?:${WITHIN}|i løbet af|during|for|in|i)\\s+(?:a period of\\s+|en periode på\\s+)?|(?<![\\p{L}])(?:har|has|` +
    `have|får|gets?)\\s+(?:\\p{L}+\\s+){0,3}?(?=${DURATION_PHRASE}\\s+(?:til at|to)\\s))(${BRACKETED_DURATION})`,
  "giu",
);

export function retentionAfterEndDays(doc: DpaDocument): Extracted<number> | null {
  const topic = new RegExp(
    String.raw`(?:terminat|ophør|end of the (?:agreement|service|contract|subscription)|(?:subscription|agreem` +
      String.raw`ent|contract) (?:ends|expires)|${ACCOUNT_CLOSED}|${ON_CANCELLATION})[^.]*(?:delet|slet|eras)|` +
      String.raw`(?:delet|s` +
      String.raw`let|eras)[^.]*(?:terminat|ophør|${ACCOUNT_CLOSED})|^\s*(?:-\s+)?deletion shall occur`,
    "i",
  );
  let places = placesFor(doc, ["C.4"], topic);
  // A lead-in that names the end over a list that says what is deleted ("When your account is closed, Brisk:" over
  // "- deletes every copy within thirty days"): the list's period is the one after the end.
  if (!templatePlaces(doc, ["C.4"]).length)
    places = [
      ...places,
      ...sentencesAbout(doc, END_TOPIC).filter((x) => {
        const text = doc.flat.slice(x.start, x.end);
        return /:\s*\n/.test(text) && /delet|slet|eras/i.test(text) && !places.some((p) => p.start === x.start);
      }),
    ];
  // Off the template: also the deletion sentences of the clause on deletion and return.
  if (!templatePlaces(doc, ["C.4"]).length)
    places = [
      ...places,
      ...templatePlaces(doc, ["11"]).flatMap((p) =>
        sentencesAbout(doc, /delet|slet/i).filter(
          (s) => s.start >= p.start && s.end <= p.end + 1 && !places.some((q) => q.start === s.start),
        ),
      ),
    ];
  // The paragraph on deletion at the end may give its period in a sentence of its own, as the window in which the
  // controller may fetch or ask for its data before it is deleted ("… the option to request the return or deletion
  // of Personal Data. This request must be made within 14 days of termination.", "Ved ophør kan den dataansvarlige
  // i 30 dage eksportere sine data. Herefter sletter databehandleren …").
  // A section the deletion clause points to ("slettes derefter som beskrevet i pkt. 10.1") says it too.
  places = withCrossReferences(doc, places);
  const windows: Span[] = [];
  for (const b of blocksOf(doc, places))
    for (const x of sentenceSpans(doc.flat, b.start, b.end)) {
      const sentence = doc.flat.slice(x.start, x.end);
      // A sentence of the places that the rule below reads already is not read twice.
      const inPlaces = places.some((p) => x.start < p.end && p.start < x.end);
      if (inPlaces && new RegExp(RETENTION.source, "iu").test(sentence)) continue;
      if (PERIOD_FROM_THE_END.test(sentence) || (new RegExp(THE_END, "i").test(sentence) && FETCH.test(sentence)))
        windows.push({ ...x, confidence: 0.6 });
    }
  const read = (m: RegExpExecArray, start: number) => {
    if (placeholderNumber(m[1])) {
      notePlaceholder(doc, "clauses.retentionAfterEndDays", start, start + m[0].length);
      return null;
    }
    const d = durationIn(m);
    return d && d.unit !== "hour" ? durationInDays(d) : null;
  };
  const readings = [...readEach(doc, places, RETENTION, read), ...readEach(doc, windows, WINDOW, read)];
  // Off the template, where nothing else gives the period: the deletion sentences under a heading that names the end
  // ("After You Cancel" over "- After 30 days, all data is permanently deleted").
  if (!readings.length && !templatePlaces(doc, ["C.4"]).length) {
    const under = underEndHeading(doc).filter((x) => /delet|slet|eras/i.test(doc.flat.slice(x.start, x.end)));
    readings.push(...readEach(doc, under, RETENTION, read));
  }
  // Shorter retention after the end keeps less data around.
  const periods = mainClause(doc, ofTheData(doc, ofBackups(doc, afterDeletion(doc, chained(doc, readings)))));
  return combine(periods, shorterIsStricter, "the shorter retention is proposed");
}

/** Keeps the readings the test leaves, unless it would leave none. */
const unlessNone = <T>(readings: Found<T>[], keep: (r: Found<T>) => boolean) => {
  const kept = readings.filter(keep);
  return kept.length ? kept : readings;
};

/** The text of the list item or paragraph that holds an offset (else its sentence). */
const blockTextAt = (doc: DpaDocument, at: number) => {
  const b = doc.blocks.find((x) => x.start <= at && at < x.end && x.kind !== "heading");
  return b ? doc.flat.slice(b.start, b.end) : sentenceAt(doc, at);
};

/**
 * "(deletion from backups may take up to 35 days due to backup rotation cycles)", "Within 90 days: Purge all audit log
 * entries … from backups": the time the backups take to roll over, not the period the data is kept after the end,
 * where the data itself has a period of its own.
 */
const BACKUPS = /(?<![\p{L}])(?:backups?|back-ups?|backup rotation|sikkerhedskopi\p{L}*)(?![\p{L}])/iu;
function ofBackups(doc: DpaDocument, readings: Found<number>[]): Found<number>[] {
  const flat = doc.flat;
  const aboutBackups = (r: Found<number>) =>
    r.citations.every((c) => {
      const open = flat.lastIndexOf("(", c.start);
      const close = flat.indexOf(")", c.end);
      const inBracket = open >= 0 && flat.lastIndexOf(")", c.start) < open && close >= 0 && close - open < 300;
      return BACKUPS.test(inBracket ? flat.slice(open, close) : sentenceAt(doc, c.start));
    });
  return unlessNone(readings, (r) => !aboutBackups(r));
}

/**
 * A step after the end that deletes nothing ("1. Within 30 days: Disable API access and revoke all authentication
 * tokens", "cease processing within 30 days"): not the period the data is kept, where a step that deletes, returns or
 * keeps the data has one.
 */
const DATA_STEP = new RegExp(
  String.raw`(?<![\p{L}])(?:delet|eras|destr|purg|remov|slet|return|export|retriev|download|retain|retention|kept|ke` +
    String.raw`ep|stored|anonymi|tilbagelever)`,
  "iu",
);
function ofTheData(doc: DpaDocument, readings: Found<number>[]): Found<number>[] {
  return unlessNone(readings, (r) => r.citations.some((c) => DATA_STEP.test(blockTextAt(doc, c.start))));
}

/**
 * "If the Customer does not make a written request within 30 days of termination, Tale shall delete all Personal Data
 * within 90 days of termination": the period in the condition is the time to ask; the main clause's is the deletion's.
 */
const CONDITION_OPENING =
  /^\s*(?:[-•*]\s+|\(?[a-z\d]{1,3}[.)]\s+)?(?:if|unless|where|should|hvis|såfremt)(?![\p{L}])/iu;
function mainClause(doc: DpaDocument, readings: Found<number>[]): Found<number>[] {
  const inCondition = (r: Found<number>) =>
    r.citations.every((c) => {
      const s = sentenceAround(doc.flat, c.start);
      const sentence = doc.flat.slice(s.start, s.end);
      const comma = sentence.indexOf(",");
      if (!CONDITION_OPENING.test(sentence) || comma < 0 || c.start - s.start > comma) return false;
      // Another period of the same sentence stands in the main clause after the comma.
      return readings.some((o) => o !== r && o.citations.some((d) => d.start > s.start + comma && d.start < s.end));
    });
  return unlessNone(readings, (r) => !inCondition(r));
}

/** A sentence that counts on from the period before it: "After that, …", "Thereafter …", "Herefter …". */
const AFTER_THAT =
  /^\s*(?:after that(?: period)?|after this(?: period)?|thereafter|following that period|herefter|derefter)\b/i;

/** The sentence spans of the block at an offset. */
function sentencesOfBlock(doc: DpaDocument, offset: number) {
  const b = doc.blocks.find((x) => x.start <= offset && offset < x.end);
  return b ? sentenceSpans(doc.flat, b.start, b.end) : [];
}

/**
 * Two periods one after the other ("Customer may export Client Data for 30 days. After that, Acme will delete Client
 * Data within 90 days"): the data is kept for both, counted from the end (120 days), not for the first alone.
 */
function chained(doc: DpaDocument, readings: Found<number>[]): Found<number>[] {
  const out = [...readings];
  for (const r of readings) {
    // "(b) After the thirty (30) day export period, delete all Personal Data within ninety (90) days": the window named
    // in the sentence itself, the deadline counted from its close (120 days from the end). The window's own reading
    // in the point before ("export … for thirty (30) days following termination") is part of the sum.
    const opened = afterTheWindow(doc, r);
    if (opened) {
      for (const w of out.filter(
        (w) => w !== r && w.value === opened.days && w.citations.every((c) => c.end <= r.citations[0].start),
      ))
        if (r.citations[0].start - w.citations[0].end < 600) out.splice(out.indexOf(w), 1);
      out.splice(out.indexOf(r), 1, {
        ...r,
        value: opened.days + r.value,
        citations: [opened.citation, ...r.citations],
      });
      continue;
    }
    const at = r.citations[0]?.start ?? -1;
    const spans = sentencesOfBlock(doc, at);
    const i = spans.findIndex((x) => x.start <= at && at < x.end);
    if (i < 1 || !AFTER_THAT.test(doc.flat.slice(spans[i].start, spans[i].end))) continue;
    // Only a deadline for the deletion after a window to fetch the data: not a retention the law asks for ("except
    // accounting data for 5 years").
    if (!new RegExp(`^${WITHIN}\\s`, "i").test(r.citations[0].quote)) continue;
    if (!FETCH.test(doc.flat.slice(spans[i - 1].start, spans[i - 1].end))) continue;
    const before = out.find(
      (w) => w !== r && w.citations.some((c) => c.start >= spans[i - 1].start && c.end <= spans[i - 1].end),
    );
    if (!before) continue;
    out.splice(out.indexOf(before), 1);
    out.splice(out.indexOf(r), 1, {
      ...r,
      value: before.value + r.value,
      citations: [...before.citations, ...r.citations],
    });
  }
  return out;
}

/**
 * A deletion's deadline in a sentence that opens after a window to fetch the data ("After the 30-day export window,
 * X will delete … within 60 days"): the window's days and their citation.
 */
const AFTER_THE_WINDOW = new RegExp(
  String.raw`(?:^|[;:]\s*)\s*(?:[-•*]\s+|\(?[a-z\d]{1,3}[.)]\s+)?after\s+(?:the|this|that|such)\s+` +
    String.raw`(${DURATION_PHRASE})\s+(?:[\p{L}-]+\s+){0,2}?(?:period|window)(?![\p{L}])`,
  "iu",
);
function afterTheWindow(doc: DpaDocument, r: Found<number>) {
  const at = r.citations[0]?.start ?? -1;
  if (at < 0 || !new RegExp(`^${WITHIN}\\s`, "i").test(r.citations[0].quote)) return null;
  // From the sentence's start, or its point's where points end in semicolons ("(a) … ; (b) After the …").
  const block = doc.blocks.find((x) => x.start <= at && at < x.end);
  const from = Math.max(sentenceAround(doc.flat, at).start, block?.start ?? 0);
  const m = AFTER_THE_WINDOW.exec(doc.flat.slice(from, at));
  if (
    !m ||
    doc.flat.slice(from + m.index + m[0].length, at).includes(";") ||
    (!FETCH.test(m[0]) && !/(?<![\p{L}])(?:retrieval|recovery|grace)(?![\p{L}])/iu.test(m[0]))
  )
    return null;
  const d = parseDuration(m[1]);
  if (!d || d.unit === "hour") return null;
  const start = from + m.index + m[0].indexOf(m[1]);
  return { days: durationInDays(d), citation: cite(doc, start, start + m[1].length) };
}

/** A point on returning the data ("Return: provide a copy … within 30 days"), not on deleting it. */
// "- **Data Return**: Provide complete data export within 30 days": the point titled in bold, the data named first.
const RETURN_POINT =
  /^\s*(?:[-•*]\s+)?(?:\*\*|__)?(?:(?:data\s+)?return(?: of (?:personal )?data)?|tilbagelevering)(?:\*\*|__)?\s*:/i;

/**
 * The period to return the data is no retention where the deletion has a period of its own ("- Return: … within 30
 * days of the request", "- Delete: … within 90 days of the request or termination date"): the deletion's is the one.
 */
function afterDeletion(doc: DpaDocument, readings: Found<number>[]): Found<number>[] {
  const returning = (r: Found<number>) =>
    r.citations.every((c) => {
      const b = doc.blocks.find((x) => x.start <= c.start && c.start < x.end);
      return !!b && RETURN_POINT.test(doc.flat.slice(b.start, b.end));
    });
  const kept = readings.filter((r) => !returning(r));
  return kept.length ? kept : readings;
}

/** A section's body as one value (purposes, nature, duration, locations), whitespace tidied, page footers dropped. */
export function freeText(doc: DpaDocument, places: Span[]): Extracted<string> | null {
  const place = places[0];
  if (!place) return null;
  const citation = cite(doc, place.start, place.end);
  const value = citation.quote
    .split("\n")
    .filter((l) => !/^\s*(Side|Page)\s+\d+\s+(af|of)\s+\d+\s*$/i.test(l))
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();
  return value ? found(value, citation, place.confidence) : null;
}
