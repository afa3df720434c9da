// The blanks the parties fill in the template's clauses: breach deadline (10.2), sub-processor
// authorisation and notice (7.2/7.3, Bilag B.2), transfers (C.6), end of contract (11.1, C.4).
import type { Extracted } from "../draft.types";
import { DURATION_PHRASE, durationInDays, durationInHours, parseDuration, type Duration } from "./numbers";
import { combine, firstIsProposed, found, longerIsStricter, shorterIsStricter, type Found } from "./readings";
import { placesFor, readEach, type Span } from "./scope";
import { cite, type DpaDocument } from "./sections";

const SUBPROCESSOR_TOPIC = /underdatabehandler|sub-?processor/i;

/** A duration read from a match whose first group is a DURATION_PATTERN phrase. */
function durationIn(m: RegExpExecArray): Duration | null {
  return parseDuration(m[1]);
}

// "om muligt senest 24 timer", "within 24 hours", "inden for 48 timer", "fristen på 24 timer".
const BREACH_DEADLINE = new RegExp(
  `(?:senest|inden for|indenfor|inden|within|no later than|not later than|fristen på|frist på)\\s+(${DURATION_PHRASE})`,
  "giu",
);

export function breachNotificationHours(doc: DpaDocument): Extracted<number> | null {
  const places = placesFor(
    doc,
    ["10", "C.3"],
    /brud på persondatasikkerheden|personal data breach|sikkerhedsbrud|breach/i,
    /tilsynsmyndighed|supervisory authority|datatilsynet/i,
  );
  const readings = readEach(doc, places, BREACH_DEADLINE, (m) => {
    const d = durationIn(m);
    return d && (d.unit === "hour" || d.unit === "day") ? durationInHours(d) : null;
  });
  return combine(
    readings,
    shorterIsStricter,
    "the shorter deadline is proposed: it leaves the controller more of its own 72 hours",
  );
}

const AUTHORISATION =
  /(specifik(?:ke)?|specific|generel(?:le)?|general)\s+(?:prior\s+)?(?:skriftlig(?:e)?\s+|written\s+)?(?:godkendelse|authori[sz]ation)/giu;

export function subprocessorAuthorization(doc: DpaDocument): Extracted<string> | null {
  const places = placesFor(doc, ["7"], SUBPROCESSOR_TOPIC);
  const readings = readEach(doc, places, AUTHORISATION, (m) => (/^spec/i.test(m[1]) ? "SPECIFIC" : "GENERAL"));
  // Specific approval is stricter: nothing changes without the controller saying yes.
  return combine(
    readings,
    (a, b) => (a === b ? 0 : a === "SPECIFIC" ? -1 : 1),
    "SPECIFIC is proposed as the stricter regime",
  );
}

// "mindst 30 dages varsel", "en måneders varsel", "45 dage inden", "one month's notice", "30 days in advance".
export const NOTICE = new RegExp(
  `(${DURATION_PHRASE})\\s*(?:skriftligt?\\s+)?(?:varsel|notice|inden|før|forud|prior|in advance|before)` +
    `|(?:varsel på|notice of|notice period of|varslingsperiode på)\\s+(?:mindst\\s+|at least\\s+)?(${DURATION_PHRASE})`,
  "giu",
);

export function readNoticeDays(doc: DpaDocument, places: Span[]): Found<number>[] {
  return readEach(doc, places, NOTICE, (m) => {
    const d = parseDuration(m[1] ?? m[2]);
    return d && d.unit !== "hour" ? durationInDays(d) : null;
  });
}

export function subprocessorNoticeDays(doc: DpaDocument): Extracted<number> | null {
  const places = placesFor(doc, ["7", "B.2"], SUBPROCESSOR_TOPIC, /revision|audit|inspektion|inspection/i);
  return combine(
    readNoticeDays(doc, places),
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

const TRANSFER_PROHIBITED =
  /overfører ikke personoplysninger|må ikke overføre|hverken[^.]{0,120}må overføre|sker ingen overførsel|ingen overførsel af personoplysninger|(?:will|shall|does|may) not transfer|no transfer of personal data|neither[^.]{0,120}(?:may|shall) transfer/giu;
const TRANSFER_SAFEGUARDS =
  /standardkontrakt\w*|standard contractual clauses|\bSCCs?\b|sikkert tredjeland|tilstrækkelig\w* beskyttelsesniveau|adequacy decision|Data Privacy Framework|bindende virksomhedsregler|binding corporate rules/giu;
const TRANSFER_NOT_ENTITLED = /ikke berettiget til[^.]{0,120}overførsler|not (?:be )?entitled[^.]{0,120}transfers?/giu;

export function thirdCountryTransfers(doc: DpaDocument): Extracted<string> | null {
  const places = placesFor(doc, ["C.6"], /tredjeland|third countr|outside the (?:EU|EEA)|uden for EU/i);
  // An explicit "does not transfer" wins; then a named transfer tool; the template's closing
  // sentence ("not entitled … without instruction") alone is read as a prohibition, less surely.
  const prohibited = readEach(doc, places, TRANSFER_PROHIBITED, () => "PROHIBITED");
  if (prohibited.length) return combine(prohibited, firstIsProposed);
  const safeguards = readEach(doc, places, TRANSFER_SAFEGUARDS, () => "ALLOWED_WITH_SAFEGUARDS");
  if (safeguards.length) return combine(safeguards, firstIsProposed);
  const fallback = readEach(doc, places, TRANSFER_NOT_ENTITLED, () => "PROHIBITED").map((r) => ({
    ...r,
    confidence: 0.7,
  }));
  return combine(fallback, firstIsProposed);
}

const END_OF_CONTRACT: [RegExp, string][] = [
  [
    /efter den dataansvarliges valg|at the choice of the (?:data )?controller|as the controller (?:chooses|decides)/iu,
    "CONTROLLER_CHOICE",
  ],
  [
    /tilbagelevere[^.]{0,80}(?:og|samt)\s+slette|returnere[^.]{0,80}(?:og|samt)\s+slette|return[^.]{0,80}\band\s+(?:to\s+)?delete/iu,
    "RETURN_AND_DELETE",
  ],
  [/(?:forpligtet til at|skal)\s+slette|slette alle|delete all|erase all|(?:shall|must) delete/iu, "DELETE"],
  [/(?:forpligtet til at|skal)\s+(?:tilbagelevere|returnere)|return all/iu, "RETURN"],
];

export function endOfContractAction(doc: DpaDocument): Extracted<string> | null {
  const places = placesFor(doc, ["11.1", "11"], /ophør|termination|end of the (?:agreement|services)|expiry/i).slice(
    0,
    1,
  );
  for (const [pattern, action] of END_OF_CONTRACT) {
    const readings = readEach(doc, places, pattern, () => action);
    if (readings.length) return combine(readings.slice(0, 1), firstIsProposed);
  }
  return null;
}

// "opbevaret i backupsystemet i op til tre (3) måneder", "deleted within 30 days".
const RETENTION = new RegExp(
  `(?:op til|i op til|inden for|indenfor|senest|up to|for up to|within|no later than)\\s+(${DURATION_PHRASE})`,
  "giu",
);

export function retentionAfterEndDays(doc: DpaDocument): Extracted<number> | null {
  const places = placesFor(
    doc,
    ["C.4"],
    /(?:terminat|ophør|end of the agreement)[^.]*(?:delet|slet)|(?:delet|slet)[^.]*(?:terminat|ophør)/i,
  );
  const readings = readEach(doc, places, RETENTION, (m) => {
    const d = durationIn(m);
    return d && d.unit !== "hour" ? durationInDays(d) : null;
  });
  // Shorter retention after the end keeps less data around.
  return combine(readings, shorterIsStricter, "the shorter retention is proposed");
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
