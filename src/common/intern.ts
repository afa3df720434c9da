/**
 * One copy of each repeated string: the driver gives every row its own strings, and a request that holds a
 * whole portfolio's rows (an export, for its whole length) would otherwise keep thousands of copies of the
 * same ids and codes.
 */
export function stringInterner(): <T extends string | null | undefined>(s: T) => T {
  const strings = new Map<string, string>();
  return <T extends string | null | undefined>(s: T): T => {
    if (s === null || s === undefined) return s;
    const known = strings.get(s);
    if (known !== undefined) return known as T;
    strings.set(s, s);
    return s;
  };
}
