// The languages exports are written in, and value labels per language. A label table is keyed by an
// enum's values, so a value without a Danish label does not compile; `labelOf` falls back to the code
// only for values outside the table (a code added by a newer writer), never silently for a known one.

export type Lang = "en" | "da";
export const LANGS: readonly Lang[] = ["en", "da"];

/** Each value of an enum (or code list) with its label in every language. */
export type Labels<K extends string> = Record<K, Record<Lang, string>>;

/** The label of a value in `lang`; the value itself when the table does not know it; "" for null. */
export function labelOf<K extends string>(labels: Labels<K>, value: string | null | undefined, lang: Lang): string {
  if (value === null || value === undefined || value === "") return "";
  return (labels as Record<string, Record<Lang, string>>)[value]?.[lang] ?? value;
}
