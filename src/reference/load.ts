// Loads the default vocabularies (data categories, data subjects, TOM catalogue) as global rows
// (organization_id NULL). Idempotent: run at every start, it updates entries by key.
import { DataSource, EntityManager } from "typeorm";
import dataCategories from "./data-categories.json";
import dataSubjectCategories from "./data-subject-categories.json";
import measures from "./measures.json";

async function upsert(
  ds: EntityManager,
  table: string,
  columns: string[],
  rows: Record<string, unknown>[],
): Promise<void> {
  if (!rows.length) return;
  const params: unknown[] = [];
  const values = rows.map(
    (r) =>
      `(${columns
        .map((c) => {
          params.push(r[c]);
          return `$${params.length}`;
        })
        .join(", ")})`,
  );
  const cols = columns.map((c) => `"${c}"`).join(", ");
  const updates = columns
    .filter((c) => c !== "key")
    .map((c) => `"${c}" = EXCLUDED."${c}"`)
    .join(", ");
  await ds.query(
    `INSERT INTO "${table}" (${cols}) VALUES ${values.join(", ")}
     ON CONFLICT ("key") WHERE organization_id IS NULL DO UPDATE SET ${updates}, updated_at = now()
     WHERE (${columns
       .filter((c) => c !== "key")
       .map((c) => `"${table}"."${c}"`)
       .join(", ")}) IS DISTINCT FROM (${columns
       .filter((c) => c !== "key")
       .map((c) => `EXCLUDED."${c}"`)
       .join(", ")})`,
    params,
  );
}

export async function loadReferenceData(owner: DataSource): Promise<void> {
  await owner.transaction(async (m) => {
    const ds = m;
    await upsert(ds, "data_category", ["key", "name", "description", "sensitivity"], dataCategories);
    await upsert(ds, "data_subject_category", ["key", "name", "description", "vulnerable"], dataSubjectCategories);
    await upsert(
      ds,
      "measure",
      ["key", "title", "description", "kind", "art32_points", "iso27001_refs"],
      measures.map((x) => ({ ...x, art32_points: x.art32Points, iso27001_refs: x.iso27001Refs })),
    );
  });
}
