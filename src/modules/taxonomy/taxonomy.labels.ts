// English and Danish labels of the vocabulary, for exports (lang=en|da): the sensitivity tiers, and the
// default vocabulary's names (src/reference/vocabulary.da.json). An organization's own entry, or a
// default one it shadows under another name, keeps the name the organization gave it.
import type { Labels, Lang } from "../../common/i18n";
import type { Sensitivity } from "./taxonomy.entity";
import dataCategories from "../../reference/data-categories.json";
import dataSubjectCategories from "../../reference/data-subject-categories.json";
import danish from "../../reference/vocabulary.da.json";

export const SENSITIVITY_LABELS: Labels<Sensitivity> = {
  ORDINARY: { en: "ordinary", da: "almindelig" },
  CONFIDENTIAL: { en: "confidential", da: "fortrolig" },
  NATIONAL_ID: { en: "national ID number", da: "personnummer" },
  CRIMINAL: { en: "criminal offences, art. 10", da: "strafbare forhold, art. 10" },
  SPECIAL: { en: "special category, art. 9", da: "særlig kategori, art. 9" },
};

export type VocabularyKind = "dataCategories" | "dataSubjectCategories";

const ENGLISH: Record<VocabularyKind, Map<string, string>> = {
  dataCategories: new Map(dataCategories.map((c) => [c.key, c.name])),
  dataSubjectCategories: new Map(dataSubjectCategories.map((c) => [c.key, c.name])),
};
const DANISH: Record<VocabularyKind, Record<string, string>> = danish;

/** The name of a vocabulary entry in `lang`: the Danish name of a default entry that kept its default name. */
export function vocabularyName(kind: VocabularyKind, key: string, name: string, lang: Lang): string {
  if (lang === "en" || ENGLISH[kind].get(key) !== name) return name;
  return DANISH[kind][key] ?? name;
}

/** Default keys without a Danish name (a unit test keeps this empty). */
export function keysWithoutDanishName(): string[] {
  return (Object.keys(ENGLISH) as VocabularyKind[]).flatMap((kind) =>
    [...ENGLISH[kind].keys()].filter((key) => !DANISH[kind][key]).map((key) => `${kind}:${key}`),
  );
}
