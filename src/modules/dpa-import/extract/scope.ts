// Where a rule looks: the template's own place for a value (clause 7, Bilag C.7 …) and, in a document
// that is not on the template, the sentences anywhere that talk about the same thing.
import { cite, findAll, section, type DpaDocument } from "./sections";
import { found, type Found } from "./readings";
import { sentenceSpans } from "./sentences";

export interface Span {
  start: number;
  end: number;
  /** 0.95 in the template's slot; lower when the rule had to look elsewhere. */
  confidence: number;
}

/**
 * The bodies of the named template slots the document has. On the template its numbers say where a
 * slot is; in any other document only a heading whose title names the slot does (another template's
 * "7." is not the template's clause 7, but its "Underretning om databrud" is clause 10's subject).
 */
export function templatePlaces(doc: DpaDocument, numbers: string[]): Span[] {
  if (doc.onTemplate)
    return numbers
      .map((n) => section(doc, n))
      .filter((s): s is NonNullable<typeof s> => !!s)
      .map((s) => ({ start: s.bodyStart, end: s.end, confidence: 0.95 }));
  const places: Span[] = [];
  // A set, not a search of the places so far: thousands of headings naming one slot made that quadratic.
  const starts = new Set<number>();
  for (const n of numbers)
    for (const s of doc.sections.filter((x) => x.number === n))
      if (!starts.has(s.bodyStart)) {
        starts.add(s.bodyStart);
        places.push({ start: s.bodyStart, end: s.end, confidence: 0.8 });
      }
  return places;
}

/**
 * The paragraphs and list items that hold the spans: a sentence leaves to its neighbours what they say of
 * the same thing ("… general authorization to use subcontractors. … The Controller may object to the change
 * within thirty (30) days"). A block that also talks of an excluded topic is left out.
 */
export function blocksOf(doc: DpaDocument, spans: Span[], exclude?: RegExp): Span[] {
  const out: Span[] = [];
  const taken = new Set<number>();
  const blockAt = textBlocksOf(doc);
  for (const s of spans) {
    const b = blockAt(s.start);
    if (!b || taken.has(b.start)) continue;
    if (exclude && exclude.test(doc.flat.slice(b.start, b.end))) continue;
    taken.add(b.start);
    out.push({ start: b.start, end: b.end, confidence: Math.min(s.confidence, 0.6) });
  }
  return out;
}

type TextBlock = DpaDocument["blocks"][number];
const textBlockIndex = new WeakMap<TextBlock[], (offset: number) => TextBlock | undefined>();

/**
 * The first paragraph or list item (not a table row or heading) that holds an offset. Blocks in order and apart (as
 * parsing gives them) are searched by halves; thousands of spans each searching every block made blocksOf quadratic.
 */
function textBlocksOf(doc: DpaDocument): (offset: number) => TextBlock | undefined {
  const known = textBlockIndex.get(doc.blocks);
  if (known) return known;
  const text = doc.blocks.filter((x) => x.kind !== "tableRow" && x.kind !== "heading");
  const apart = text.every((b, i) => i === 0 || text[i - 1].end <= b.start);
  const at = apart
    ? (offset: number) => {
        let lo = 0;
        let hi = text.length - 1;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          if (text[mid].start > offset) hi = mid - 1;
          else if (offset >= text[mid].end) lo = mid + 1;
          else return text[mid];
        }
        return undefined;
      }
    : (offset: number) => text.find((x) => x.start <= offset && offset < x.end);
  textBlockIndex.set(doc.blocks, at);
  return at;
}

/** Sentences anywhere that mention a topic (and not an excluded one), for documents off the template. */
export function sentencesAbout(doc: DpaDocument, topic: RegExp, exclude?: RegExp): Span[] {
  const spans: Span[] = [];
  const flat = doc.flat ?? doc.text;
  for (const s of sentenceSpans(flat)) {
    const sentence = flat.slice(s.start, s.end);
    if (topic.test(sentence) && !(exclude && exclude.test(sentence)))
      spans.push({ start: s.start, end: introducedListEnd(doc, s.end, sentence), confidence: 0.7 });
  }
  return spans;
}

/**
 * A sentence that introduces a list ("Such audits shall be subject to:") says what its items say:
 * its span runs to the end of the list items right after it.
 */
function introducedListEnd(doc: DpaDocument, end: number, sentence: string): number {
  if (!/:\s*$/.test(sentence) || !doc.blocks) return end;
  let last = end;
  for (const b of doc.blocks) {
    if (b.end <= last) continue;
    if (b.kind !== "listItem" || (doc.flat ?? doc.text).slice(last, b.start).trim()) break;
    last = b.end;
  }
  return last;
}

/** The template's places if the document has them, else the sentences about the topic. */
export function placesFor(doc: DpaDocument, numbers: string[], topic: RegExp, exclude?: RegExp): Span[] {
  const places = templatePlaces(doc, numbers);
  return places.length ? places : sentencesAbout(doc, topic, exclude);
}

/**
 * Reads the template's places first; when they hold no reading (or the document has none), the
 * sentences anywhere about the topic. A value stated outside its slot is still found.
 */
export function readSlotsThenSentences<T>(
  doc: DpaDocument,
  numbers: string[],
  topic: RegExp,
  pattern: RegExp,
  read: (m: RegExpExecArray, start: number) => T | null,
  exclude?: RegExp,
): Found<T>[] {
  const slots = templatePlaces(doc, numbers);
  const inSlots = readEach(doc, slots, pattern, read);
  if (inSlots.length) return inSlots;
  return readEach(doc, sentencesAbout(doc, topic, exclude), pattern, read);
}

/**
 * The one loop every value rule uses: each match of `pattern` in the places is read by `read`
 * into a value, and cited with its exact span.
 */
export function readEach<T>(
  doc: DpaDocument,
  places: Span[],
  pattern: RegExp,
  read: (m: RegExpExecArray, start: number) => T | null,
): Found<T>[] {
  const readings: Found<T>[] = [];
  for (const place of places) {
    for (const f of findAll(doc, pattern, place.start, place.end)) {
      const value = read(f.match, f.start);
      if (value === null) continue;
      readings.push(found(value, cite(doc, f.start, f.end), place.confidence));
    }
  }
  return readings;
}

/** A heading anywhere ("Categories of personal data") and the text under it, for documents off the template. */
/**
 * A heading, bold label or introducing sentence ("Behandlingen omfatter følgende typer af
 * personoplysninger:") and what belongs to it: the rest of its line after a colon, and the blocks
 * after it up to the next heading (or the next paragraph after the list it introduces).
 */
/** What may stand before a run-in title: nothing, or a point's mark ("a.", "(ii)", "2.1", "-"). */
const POINT_MARK = /^\s*(?:(?:\(?(?:\d{1,2}(?:\.\d{1,2})*|[a-z]|[ivx]{1,4})[.)]|\d{1,2}(?:\.\d{1,2})+|[-•*])\s+)?$/i;
/**
 * The rest of a run-in title after the matched words: a few more words, then its full stop or colon and text; or a
 * dash that sets the title off ("- Data subjects — the customer's employees").
 */
const RUN_IN_TITLE = /^[^.:;\n—–]{0,40}?(?:[.:—–]|(?:^|[^\S\n])-)(?=[^\S\n]+\S)/;

export function underLabel(doc: DpaDocument, heading: RegExp): Span | null {
  return underLabels(doc, heading).next().value ?? null;
}

/** Every heading, bold label or introducing sentence the heading's words open, and what belongs to each, in order. */
export function* underLabels(doc: DpaDocument, heading: RegExp): Generator<Span, void, undefined> {
  const re = new RegExp(heading.source, heading.flags.replace("g", ""));
  for (const [i, b] of doc.blocks.entries()) {
    const text = doc.flat.slice(b.start, b.end);
    const m = re.exec(text);
    if (!m || m.index > 100 || b.kind === "tableRow") continue;
    // A run-in title ("a. Categories of Data Subjects. Controller's end users …", "2.1 Data subjects: …"): a short
    // title after at most a point's mark, ended by a full stop or colon; the rest of the paragraph is its text.
    const runIn = RUN_IN_TITLE.exec(text.slice(m.index + m[0].length));
    if (b.kind !== "heading" && runIn && POINT_MARK.test(text.slice(0, m.index))) {
      const start = b.start + m.index + m[0].length + runIn[0].length;
      if (doc.flat.slice(start, b.end).trim().length > 0) {
        // "3.3 Categories of Data Subjects. The data pertains to the following categories:" over a list: the list
        // the run-in text introduces is its text too.
        yield { start, end: introducedListEnd(doc, b.end, text), confidence: 0.7 };
        continue;
      }
    }
    const colon = text.indexOf(":", m.index + m[0].length);
    const sameLine = colon >= 0 && colon < 160 && text.slice(colon + 1).trim().length > 0;
    const headingLike =
      b.kind === "heading" || b.bold || /:\s*$/.test(text) || (text.length <= 120 && !/[.;]\s*$/.test(text));
    if (sameLine && !/:\s*$/.test(text)) {
      yield { start: b.start + colon + 1, end: b.end, confidence: 0.7 };
      continue;
    }
    if (!headingLike) continue;
    let end = doc.text.length;
    const introduces = b.kind !== "heading" && !b.bold;
    // Labels on lines of their own, each over plain paragraphs (the SCCs' Annex I: "Categories of personal data
    // transferred:", "… may include:", then a paragraph per kind): the paragraphs up to the next label are its.
    const nextText = (n: number) => (doc.blocks[n] ? doc.flat.slice(doc.blocks[n].start, doc.blocks[n].end) : "");
    const paragraphs = introduces && doc.blocks[i + 1]?.kind === "paragraph" && /:\s*$/.test(nextText(i + 1));
    for (const [j, next] of doc.blocks.slice(i + 1).entries()) {
      // Under a heading whose text is lists, a bold line ending in a colon over a list ("**Account data:**" then
      // "- Name, email address") labels a group of the heading's own list: the heading's text goes on past it.
      const k = i + 1 + j;
      const subLabel =
        b.kind === "heading" &&
        next.kind !== "heading" &&
        /:[*_\s]*$/.test(nextText(k)) &&
        doc.blocks[k + 1]?.kind === "listItem" &&
        doc.blocks
          .slice(i + 1, k)
          .every((x) => x.kind === "listItem" || (x.bold && /:[*_\s]*$/.test(doc.flat.slice(x.start, x.end))));
      if (next.kind === "heading" || (next.bold && !subLabel)) {
        end = next.start;
        break;
      }
      const label = /:\s*$/.test(nextText(i + 1 + j)) || j > 8;
      if (introduces && next.kind === "paragraph" && next !== doc.blocks[i + 1] && (!paragraphs || label)) {
        end = next.start;
        break;
      }
    }
    yield { start: b.end, end, confidence: 0.7 };
  }
}

export function underHeading(doc: DpaDocument, heading: RegExp): Span | null {
  if (doc.format !== "text" && doc.format !== "pdf") return underLabel(doc, heading);
  // A heading's line (short, one sentence at most: "Types of personal data.") before a sentence that only names the
  // subject on its way ("… the types of personal data and the categories of data subjects are set out in Annex I").
  const lines = findAll(doc, new RegExp(`^[^\\n]*(?:${heading.source})[^\\n]*$`, "gimu"));
  const headingLike = (line: string) =>
    !/[.!?;]\s+\S/.test(line) && (line.split(/\s+/).length <= 8 || (line.length <= 100 && /:$/.test(line)));
  const h = lines.find((l) => headingLike(l.match[0].trim())) ?? lines[0];
  if (!h) return null;
  // The block ends at the next numbered heading or the first blank line after some text.
  const nextHeading =
    findAll(doc, /^\s*\d+(?:\.\d+)*\.?\s+\p{Lu}[^.\n]{0,80}$/gmu, h.end + 1)[0]?.start ?? doc.text.length;
  // A paragraph that ends in a colon ("… the following categories of data:") goes on with the list after it.
  const blankLines = findAll(doc, /\S[^\n]*\n[^\S\n]*\n/g, h.end + 1);
  let blank = 0;
  while (blankLines[blank + 1] && /:\s*$/.test(doc.text.slice(h.end, blankLines[blank].end))) blank++;
  const blankLine = blankLines[blank];
  const end = Math.min(nextHeading, blankLine ? blankLine.end : doc.text.length);
  return { start: h.end + 1, end, confidence: 0.7 };
}

/** "efter pkt. 11", "jf. punkt 11.2", "as set out in Section 9", "under clause 12": the section referred to. */
const CROSS_REFERENCE = /(?<![\p{L}])(?:pkt\.|punkt|afsnit|§|clause|section)\s*(\d{1,2}(?:\.\d{1,2})?)(?![\d.]\d)/giu;

/**
 * The places plus the sections they refer to by number ("Inspektion sker efter pkt. 11"): a term
 * agreed elsewhere and pointed to is part of what the place says.
 */
export function withCrossReferences(doc: DpaDocument, places: Span[]): Span[] {
  const flat = doc.flat ?? doc.text;
  const out = [...places];
  for (const place of places)
    for (const m of flat.slice(place.start, place.end).matchAll(CROSS_REFERENCE)) {
      const own = new RegExp(
        `^(?:§\\s*|clause\\s+|section\\s+|punkt\\s+)?${m[1].replace(".", "\\.")}\\.?(?:\\s|$)`,
        "i",
      );
      // A sub-clause's number ("pkt. 10.1") may be a paragraph's, not a heading's; a clause's number is a heading's.
      const target =
        doc.sections.find((s) => own.test(s.title ?? "") || own.test(s.reference)) ??
        (m[1].includes(".") ? numbered(doc, own) : undefined);
      if (!target || out.some((p) => p.start <= target.bodyStart && target.end <= p.end)) continue;
      if (target.start <= place.start && place.end <= target.end) continue;
      out.push({ start: target.bodyStart, end: target.end, confidence: Math.min(place.confidence, 0.8) });
    }
  return out;
}

/** A paragraph that opens with its number ("10.1 Ved ophør …"), not a heading: the place a reference to it means. */
function numbered(doc: DpaDocument, own: RegExp): { start: number; bodyStart: number; end: number } | undefined {
  const b = doc.blocks.find(
    (x) => (x.kind === "paragraph" || x.kind === "listItem") && own.test(doc.flat.slice(x.start, x.end)),
  );
  return b && { start: b.start, bodyStart: b.start, end: b.end };
}
