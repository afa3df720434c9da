// Lengths as the limits count them: characters (code points), not UTF-16 units. No imports: the register
// import's rules and the inputs' validators both use it.

/**
 * How many characters a string has, as a person counts them and as PostgreSQL's varchar(n) does: code points, not
 * UTF-16 units (JavaScript's `length`), so an emoji is one character, not two. A name of 150 emoji was refused as
 * "at most 200 characters".
 */
export function charCount(value: string): number {
  let n = value.length;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length) {
      const d = value.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** True when `value` has at most `max` characters (code points; see charCount). */
export const withinChars = (value: string, max: number) => value.length <= max || charCount(value) <= max;

/** The first `max` characters of `value` (code points: an emoji is never cut in half). */
export function firstChars(value: string, max: number): string {
  if (value.length <= max) return value;
  return Array.from(value).slice(0, max).join("");
}
