// Unfilled fields of a template: "[●]", "[Navn]", "[24]", "*[30]*", "{{ site.name }}", "${name}", "{LEGAL_NAME}",
// "<<NAME>>", "<Indsæt leverandør>", "[VALG 1 …]", "X", "____", a label with nothing after it. Such text is never
// taken as a value: the rule that met it records a PLACEHOLDER reading for its field instead.
import type { PlaceholderReading } from "../draft.types";
import { cite, type DpaDocument } from "./sections";

/** One placeholder anywhere in a text. */
export const PLACEHOLDER = new RegExp(
  // "[[NAME]]" before "[…]": the single-bracket form would leave its last "]" behind as text.
  String.raw`\[\[[^\]\n]{1,120}\]\]|\[[^\]\n]{0,120}\]|\{\{[^}\n]{0,120}\}\}|\$\{[^}\n]{0,120}\}|` +
    // "{COMPANY_LEGAL_NAME}": a template's field in single braces, told from code's "{name}" by its underscore.
    String.raw`\{[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+\}|` +
    String.raw`<<[^<>\n]{1,120}>>|<(?:indsæt|insert|an` +
    String.raw`før|angiv)[^>\n]{0,80}>|_{3,}|\.{4,}|…|\[●\]|●`,
  "i",
);

/**
 * A value that says its content is not yet known ("navn kommer", "Hosting – TBD", "CVR følger", "afventer valg",
 * "to be announced", "not yet selected"): the marker closes the value, or is all of it.
 */
const NOT_YET_KNOWN = new RegExp(
  String.raw`(?:^|[,;:(–—]\s*|\s-\s*|\b(?:navn|name|cvr|cvr-nr\.?|adresse|address|land|country|leverandør|pr` +
    String.raw`ovider|vendor|supplier)\s+)(?:kommer(?: senere)?|følger(?: senere)?|udfyldes(?: senere)?|afvent` +
    String.raw`er(?: [\p{L} ]{1,40})?|tbd|tba|tbc|to come|to follow|to be (?:announced|decided|confirmed|determine` +
    String.raw`d|selected|named|added)|not yet (?:selected|known|decided|chosen|named)|endnu ikke (?:valgt|kendt|b` +
    String.raw`esluttet|fastlagt)|ikke valgt endnu|pending(?: [\p{L} ]{1,40})?)[\s).]*$`,
  "iu",
);

/** A value that is nothing but a placeholder (with markup, brackets, "fx …" examples and punctuation). */
export function isPlaceholder(value: string): boolean {
  const v = value.replace(/[*_`"“”'’(),.;:\s-]+/g, " ").trim();
  if (!v) return true;
  if (NOT_YET_KNOWN.test(value.replace(/[*_`]+/g, "").trim())) return true;
  if (/^(x+|xx+|n\/?a|tbd|todo|\?+|…|●)$/i.test(v)) return true;
  // A drafting mark in capitals opening the value ("TODO Company Name", "TBD: legal entity"): what follows says what is
  // to be written there, not a name.
  if (/^(?:TODO|TBD|TBA|TBC|FIXME)(?![\p{L}\d])/u.test(v)) return true;
  // "DK-[postnr]": a country's postcode prefix before an unfilled postcode is part of the placeholder.
  const rest = value
    .replace(new RegExp(String.raw`\b[A-Z]{1,2}-(?=${PLACEHOLDER.source})`, "g"), "")
    .replace(new RegExp(PLACEHOLDER.source, "gi"), "")
    .replace(/[*_`"“”'’(),.;:\s-]+/g, "");
  return rest === "" && PLACEHOLDER.test(value);
}

/**
 * The unfilled field a value opens with ("[Hosting Provider] Infrastructure", "[School name], of …"), or null: the
 * field names no one, whatever a print or a run-on line puts after it (the next cell, the address). A Markdown link's
 * text ("[AWS](https://…)") and a bracket of digits ("[24]7.ai") are no field.
 */
export function openingField(value: string): string | null {
  return /^\s*[*_]*\[[^\]\n]{0,60}\p{L}[^\]\n]{0,60}\](?!\()/u.exec(value)?.[0] ?? null;
}

/** A name that says no one is chosen yet ("Cloud infrastructure provider (TBD) hosting"), the mark anywhere in it. */
const NOT_CHOSEN_YET = /\((?:tbd|tba|tbc|to be (?:decided|confirmed|selected|named))\)/i;

/**
 * A sub-processor's row that names no one (yet): unfilled ("[Navn]"), an example ("[Hostingleverandør, fx Contabo
 * GmbH]"), opening with an unfilled field, chosen "(TBD)", or a piece of a bracketed field. Noted, never taken.
 */
export function namesNoOne(name: string): boolean {
  return (
    isPlaceholder(name) ||
    openingField(name) !== null ||
    NOT_CHOSEN_YET.test(name) ||
    UNBALANCED_BRACKET.test(name) ||
    isExample(name)
  );
}

/** Part of a bracketed field a print wrapped over two lines ("[Sandbox host —", "Fly Machines or E2B] runners"). */
const UNBALANCED_BRACKET = /\[[^\]]*$|^[^[]*\]/;

/** A bracketed example ("[Hostingleverandør, fx Contabo GmbH]", "(e.g. AWS)"): never a value. */
export function isExample(value: string): boolean {
  // A name that opens with the marker ("e.g. Microsoft Azure", "fx Hetzner") is an example, bracket or not.
  if (EXAMPLE_FIRST.test(value)) return true;
  return (
    /\b(fx|f\.eks\.|e\.g\.|eg\.|for example|for eksempel|eksempelvis|such as|som f\.eks\.)[\s,:]/i.test(value) &&
    (/^\s*[*_]*\[/.test(value) || /^\s*\(/.test(value) || isPlaceholder(value))
  );
}

const EXAMPLE_FIRST = new RegExp(
  String.raw`^\s*[*_]*(fx\.?|f\.\s?eks\.?|e\.\s?g\.?|eg\.|for example|for instance|for eksempel|eksempelvis|such a` +
    String.raw`s|såsom)[\s,:]`,
  "i",
);

/**
 * A kind of supplier with examples in its bracket ("Cloud provider (such as AWS or Google Cloud)", "Hostingudbyder
 * (fx Hetzner)"): a lower-case kind, no company, named only by example.
 */
export function isKindWithExamples(name: string, bracket: string | undefined): boolean {
  if (!bracket || !EXAMPLE_FIRST.test(bracket)) return false;
  return (
    name
      .split(/\s+/)
      .slice(1)
      .every((w) => !/\p{Lu}/u.test(w)) && !/\d/.test(name)
  );
}

/** The filled part of a value with placeholders cut out ("Fenix Nordic [selskabsform]" → "Fenix Nordic"). */
export function withoutPlaceholders(value: string): string {
  return value
    .replace(new RegExp(PLACEHOLDER.source, "gi"), " ")
    .replace(/\s+/g, " ")
    .replace(/^[\s,;:*_-]+|[\s,;:*_-]+$/g, "")
    .trim();
}

/** Records a PLACEHOLDER reading for a field (once per field and span). */
export function notePlaceholder(doc: DpaDocument, path: string, start: number, end: number): void {
  const list = (doc.placeholders ??= []) as PlaceholderReading[];
  const citation = cite(doc, start, end);
  if (!citation.quote) return;
  const known = list.find((p) => p.path === path);
  if (!known) list.push({ kind: "PLACEHOLDER", path, citations: [citation] });
  else if (!known.citations.some((c) => c.start === citation.start)) known.citations.push(citation);
}

/**
 * An author's note left unfilled in a draft: "[[OWNER: legal entity name]]", "[TODO: notice period]", "[COUNSEL:
 * SCCs …]]", over several lines too. Everything inside is a question to fill in, never a value, even where it
 * names one by way of suggestion ("e.g. 30 days").
 */
const UNFILLED_NOTE = new RegExp(
  // "[CONFIRM: reasonable objection window]", "[TO CONFIRM …]": a review draft's decision still to be made.
  String.raw`\[\[[^\]]{1,600}\]\]|\[(?:owner|todo|tbd|counsel|fixme|legal|note to (?:draft|counsel)|(?:to )?con` +
    String.raw`firm)\b` +
    String.raw`[^\]]{0,600}\]\]?`,
  "gi",
);

/** The spans of the unfilled notes in a text. */
export function unfilledNotes(text: string): { start: number; end: number }[] {
  return [...text.matchAll(UNFILLED_NOTE)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/**
 * What an unfilled note asks for, by its words and the paragraph it stands in: "[CONFIRM: reasonable objection
 * window]" in the clause on sub-processors is the notice period; "[CONFIRM: … response target …]" in the clause on
 * breaches, the hours; "[CONFIRM: … export and deletion deadlines …]", the days until deletion.
 */
export const NOTE_FIELDS: [path: string, asks: RegExp, about: RegExp][] = [
  [
    "clauses.subprocessorNoticeDays",
    /\b(?:objection (?:window|period)|notice period|period of notice)\b/i,
    /sub-?processor|underdatabehandler/i,
  ],
  [
    "clauses.breachNotificationHours",
    /\b(?:response|notification|notice) (?:target|deadline|time(?:frame|line)?|period)s?\b/i,
    /\bbreach|brud\b/i,
  ],
  [
    "clauses.retentionAfterEndDays",
    /\b(?:deletion|erasure|retention) (?:deadlines?|periods?|time(?:frame|line)?s?)\b/i,
    /\b(?:delet|eras|return|terminat|closure|end of)/i,
  ],
];
