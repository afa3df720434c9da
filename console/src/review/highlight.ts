// The document of an import cut into segments at every citation's start and end, each segment with the
// citations that cover it, so every cited span can be highlighted (overlaps included) and each citation
// found again by id. Pure: no DOM, unit-tested in test/unit/console-review.test.ts.

export interface Cite {
  /** Unique within the draft: "<field index>:<c|r<reading index>>:<citation index>". */
  id: string;
  path: string;
  /** null for the field's own citations, else the index of the reading the citation belongs to. */
  reading: number | null;
  start: number;
  end: number;
  quote: string;
  reference: string;
  /** The text at start..end is not the quote (the document's text changed since it was read). */
  mismatch: boolean;
}

export interface Segment {
  start: number;
  end: number;
  cites: Cite[];
}

interface CitationLike {
  start: number;
  end: number;
  quote: string;
  reference: string;
}

interface FieldLike {
  path: string;
  citations: CitationLike[];
  readings: { citations: CitationLike[] }[];
}

export function citesOf(fields: FieldLike[], text: string | null): Cite[] {
  const out: Cite[] = [];
  const cite = (path: string, id: string, reading: number | null, c: CitationLike) =>
    out.push({
      id,
      path,
      reading,
      start: c.start,
      end: c.end,
      quote: c.quote,
      reference: c.reference,
      mismatch: text !== null && text.slice(c.start, c.end) !== c.quote,
    });
  fields.forEach((f, i) => {
    f.citations.forEach((c, j) => cite(f.path, `${i}:c:${j}`, null, c));
    f.readings.forEach((r, k) => r.citations.forEach((c, j) => cite(f.path, `${i}:r${k}:${j}`, k, c)));
  });
  return out;
}

/** Segments covering the whole text in order; citations outside the text or empty are left out. */
export function segment(length: number, cites: Cite[]): Segment[] {
  const valid = cites.filter(
    (c) => Number.isInteger(c.start) && Number.isInteger(c.end) && c.start >= 0 && c.end <= length && c.start < c.end,
  );
  const cuts = [...new Set([0, length, ...valid.flatMap((c) => [c.start, c.end])])].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [start, end] = [cuts[i], cuts[i + 1]];
    segments.push({ start, end, cites: valid.filter((c) => c.start <= start && c.end >= end) });
  }
  return segments;
}

/** For each citation, the index of the first segment it covers (where to scroll to). */
export function firstSegmentOf(segments: Segment[]): Map<string, number> {
  const first = new Map<string, number>();
  segments.forEach((s, i) => s.cites.forEach((c) => first.has(c.id) || first.set(c.id, i)));
  return first;
}
