// sortOn names the sort column, the cursor's property and the cursor's type once, from the entity's metadata.
import "reflect-metadata";
import { DataSource } from "typeorm";
import { ENTITIES } from "../../src/db/entities";
import { sortOn } from "../../src/common/connection";
import { AuditFinding } from "../../src/modules/supervision/finding.entity";
import { Evidence } from "../../src/modules/evidence/evidence.entity";
import { ProcessingActivity } from "../../src/modules/ropa/activity.entity";

const ds = new DataSource({ type: "postgres", entities: ENTITIES });

beforeAll(async () => {
  // Metadata only: no connection is opened.
  await (ds as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
});

test("the column and the cursor's type come from the property's column", () => {
  const created = sortOn(ds.createQueryBuilder(AuditFinding, "f"), "createdAt", "DESC");
  expect([created.sortColumn, created.sortType, created.direction]).toEqual(["f.created_at", "timestamp", "DESC"]);
  const effective = sortOn(ds.createQueryBuilder(Evidence, "e"), "effectiveOn", "DESC");
  expect([effective.sortColumn, effective.sortType]).toEqual(["e.effective_on", "date"]);
  const name = sortOn(ds.createQueryBuilder(ProcessingActivity, "a"), "name", "ASC");
  expect([name.sortColumn, name.sortType]).toEqual(["a.name", "text"]);
});

test("the cursor reads the property the rows are ordered by", () => {
  const { sortProperty } = sortOn(ds.createQueryBuilder(Evidence, "e"), "effectiveOn", "ASC");
  expect(sortProperty(Object.assign(new Evidence(), { effectiveOn: "2026-01-31" }))).toBe("2026-01-31");
});

test("a property that is no sortable column is refused", () => {
  expect(() => sortOn(ds.createQueryBuilder(ProcessingActivity, "a"), "noSuchColumn" as "name", "ASC")).toThrow(
    /not a column a list can sort on/,
  );
});

test("a nullable column is refused: a null cursor value would compare as no row", () => {
  expect(() => sortOn(ds.createQueryBuilder(AuditFinding, "f"), "dueOn", "ASC")).toThrow(/nullable/);
});
