// Pure rules of the vocabularies' keys: no database, unit-tested.

/** A dotted key of lowercase segments, e.g. user.contact.email. */
export const KEY = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;

/** The key one level up (user.contact for user.contact.email); null at the top. */
export function parentKey(key: string): string | null {
  const i = key.lastIndexOf(".");
  return i > 0 ? key.slice(0, i) : null;
}
