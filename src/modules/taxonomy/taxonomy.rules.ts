// Pure rules of the vocabularies: keys, and which entry of a key is in force. No database, unit-tested.

/** A dotted key of lowercase segments, e.g. user.contact.email. */
export const KEY = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;

/** The key one level up (user.contact for user.contact.email); null at the top. */
export function parentKey(key: string): string | null {
  const i = key.lastIndexOf(".");
  return i > 0 ? key.slice(0, i) : null;
}

/** An entry of a vocabulary: the default one (organizationId null) or an organization's own. */
export interface VocabularyEntry {
  id: string;
  key: string;
  organizationId: string | null;
}

/** Of the entries with one key, the organization's own one (it shadows the default), else the default. */
export function ownFirst<T extends VocabularyEntry>(rows: T[]): T | undefined {
  return rows.find((r) => r.organizationId) ?? rows[0];
}
