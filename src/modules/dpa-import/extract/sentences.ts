// Sentences as a reader sees them: a full stop ends one only when it is not an abbreviation's
// ("CVR-nr. DK46033736", "jf. pkt. 11", "bl.a.", "e.g."), not an ordinal or date ("hver 12. måned",
// "1. januar"), and the next word does not go on in lower case. A block break always ends one.

/** Abbreviations DPAs use, Danish and English, as written before their full stop. */
const ABBREVIATIONS = [
  "nr",
  "bl.a",
  "jf",
  "jvf",
  "pkt",
  "f.eks",
  "fx",
  "mv",
  "m.v",
  "m.m",
  "ca",
  "stk",
  "art",
  "inkl",
  "ekskl",
  "evt",
  "vedr",
  "iht",
  "ift",
  "dvs",
  "osv",
  "mht",
  "hhv",
  "m.fl",
  "mfl",
  "pga",
  "tlf",
  "e.g",
  "i.e",
  "etc",
  "no",
  "nos",
  "vs",
  "incl",
  "approx",
  "cf",
  "sec",
  "para",
  "cl",
  // "the EU-U.S. Data Privacy Framework", "a U.K. company": a country's initials, not a sentence's end.
  "u.s",
  "u.k",
  "u.s.a",
];

const ABBREVIATION_BEFORE = new RegExp(
  `(?:^|[^\\p{L}.])(?:${ABBREVIATIONS.map((a) => a.replace(/\./g, "\\.")).join("|")})$`,
  "iu",
);

/** Where each sentence in text[from, to) starts and ends (the end includes its full stop). */
export function sentenceSpans(text: string, from = 0, to = text.length): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  const candidate = /[.!?](?=\s|$)|\n/g;
  candidate.lastIndex = from;
  let start = from;
  for (let m = candidate.exec(text); m && m.index < to; m = candidate.exec(text)) {
    const end = m.index + 1;
    if (m[0] === "." && !endsSentence(text, m.index, to)) continue;
    if (text.slice(start, m[0] === "\n" ? m.index : end).trim()) spans.push({ start, end });
    start = end;
  }
  if (text.slice(start, to).trim()) spans.push({ start, end: to });
  return spans;
}

/** Whether the full stop at `dot` closes an abbreviation ("CVR-nr.", "jf.", "e.g."). */
export function closesAbbreviation(text: string, dot: number): boolean {
  return ABBREVIATION_BEFORE.test(text.slice(Math.max(0, dot - 12), dot));
}

/** Abbreviations that close a list ("navne mv.", "etc."): before a capital they end the sentence too. */
const LIST_END = /(?:^|[^\p{L}.])(?:mv|m\.v|m\.m|osv|etc)$/iu;

/** Whether the full stop at `dot` ends a sentence. */
function endsSentence(text: string, dot: number, to: number): boolean {
  const before = text.slice(Math.max(0, dot - 12), dot);
  const after = /^\s*(\S)/.exec(text.slice(dot + 1, Math.min(to, dot + 40)));
  if (ABBREVIATION_BEFORE.test(before)) return !!after && LIST_END.test(before) && /\p{Lu}/u.test(after[1]);
  if (!after) return true;
  // "hver 12. måned", "bl.a. af": the sentence goes on in lower case.
  return !/\p{Ll}/u.test(after[1]);
}

/** The sentence around an offset. */
export function sentenceAround(text: string, offset: number): { start: number; end: number } {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const nextBreak = text.indexOf("\n", offset);
  const lineEnd = nextBreak < 0 ? text.length : nextBreak;
  const spans = sentenceSpans(text, lineStart, lineEnd);
  return spans.find((s) => s.start <= offset && offset < s.end) ?? { start: lineStart, end: lineEnd };
}
