// The one rule of the vocabularies (data categories, data-subject categories, the TOM catalogue): an
// organization's own entry shadows the default entry with the same key.
import { EntityTarget, FindOptionsWhere, In } from "typeorm";
import type { RequestContext } from "../../context";
import type { VocabularyEntry } from "./taxonomy.rules";

/** The entries in force for these keys, by key; a key with no entry is absent. */
async function entriesByKey<T extends VocabularyEntry>(
  ctx: RequestContext,
  vocabulary: EntityTarget<T>,
  keys: readonly string[],
): Promise<Map<string, T>> {
  if (!keys.length) return new Map();
  const rows = await ctx.manager.find(vocabulary, { where: { key: In([...keys]) } as FindOptionsWhere<T> });
  const map = new Map<string, T>();
  for (const r of rows) if (!map.has(r.key) || r.organizationId) map.set(r.key, r);
  return map;
}

export const vocabularyService = {
  entriesByKey,
};
