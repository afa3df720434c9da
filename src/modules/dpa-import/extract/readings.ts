// Turns the readings the rules found into one Extracted value: readings that agree are merged (all
// their citations kept); readings that disagree are all kept and the stricter one is proposed.
import type { Citation, Extracted, Reading } from "../draft.types";

export interface Found<T> extends Reading<T> {
  confidence: number;
}

export function found<T>(value: T, citation: Citation, confidence: number): Found<T> {
  return { value, citations: [citation], confidence };
}

/** Which of two values protects the controller more: negative when `a` is stricter. */
export type Strictness<T> = (a: T, b: T) => number;

/** Longer notice gives the controller more time to object. */
export const longerIsStricter: Strictness<number> = (a, b) => b - a;
/** A shorter breach deadline or audit interval gives the controller more control. */
export const shorterIsStricter: Strictness<number> = (a, b) => a - b;
/** For values without an order (enums) the first reading, in document order, is proposed. */
export const firstIsProposed: Strictness<unknown> = () => 0;

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function combine<T>(
  readings: Found<T>[],
  stricter: Strictness<T>,
  why = "the stricter reading is proposed",
): Extracted<T> | null {
  if (readings.length === 0) return null;
  const distinct: Found<T>[] = [];
  for (const r of [...readings].sort((a, b) => a.citations[0].start - b.citations[0].start)) {
    const same = distinct.find((d) => sameValue(d.value, r.value));
    if (same) {
      same.citations.push(...r.citations);
      same.confidence = Math.max(same.confidence, r.confidence);
    } else distinct.push({ value: r.value, citations: [...r.citations], confidence: r.confidence });
  }
  if (distinct.length === 1) return distinct[0];
  const proposal = [...distinct].sort((a, b) => stricter(a.value, b.value))[0];
  const places = distinct.map((d) => `${d.citations[0].reference}: ${JSON.stringify(d.value)}`).join("; ");
  return {
    value: proposal.value,
    citations: proposal.citations,
    // A contradiction needs a human: confidence drops below any single clean reading.
    confidence: Math.min(0.6, proposal.confidence),
    readings: distinct.map((d) => ({ value: d.value, citations: d.citations })),
    note: `The document states different values (${places}); ${why}.`,
  };
}
