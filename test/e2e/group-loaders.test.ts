// groupBy reads with a hand-written statement hydrated column by column (a full risk recompute loads 10,000
// keys per loader): it must give what TypeORM's find gives, entity for entity, field for field, in order.
import { EntityTarget, ObjectLiteral } from "typeorm";
import { anyOf, groupBy } from "../../src/common/loader-kit";
import { withOrganization } from "../../src/modules/jobs/system-context";
import { AgreementDataCategory, AgreementRequiredMeasure } from "../../src/modules/agreements/agreement-links.entity";
import { Agreement } from "../../src/modules/agreements/agreement.entity";
import { ProcessorMeasure } from "../../src/modules/measures/processor-measure.entity";
import { EngagementHistoryEntry } from "../../src/modules/subprocessors/engagement-history.entity";
import { Processor } from "../../src/modules/processors/processor.entity";
import { seedDemoOrganization, startTestApp, TestApp } from "../helpers/app";

let app: TestApp;
let orgId: string;

beforeAll(async () => {
  app = await startTestApp();
  orgId = (await seedDemoOrganization(app)).organizationId;
});

afterAll(async () => {
  await app?.stop();
});

const cases: [string, EntityTarget<ObjectLiteral>, string, Record<string, "ASC" | "DESC"> | undefined][] = [
  ["measures by processor", ProcessorMeasure, "processorId", undefined],
  ["data categories by agreement", AgreementDataCategory, "agreementId", undefined],
  ["required measures by agreement", AgreementRequiredMeasure, "agreementId", undefined],
  ["agreements by processor", Agreement, "processorId", { effectiveFrom: "DESC", createdAt: "DESC", id: "ASC" }],
  ["history by engagement", EngagementHistoryEntry, "engagementId", { effectiveOn: "ASC", recordedAt: "ASC" }],
];

test.each(cases)("%s: the same entities as find, in the same order", async (_name, entity, column, order) => {
  await withOrganization(app.db, orgId, "test", async (ctx) => {
    const m = ctx.manager;
    const meta = m.connection.getMetadata(entity);
    const key = meta.findColumnWithPropertyName(column)!.databaseName;
    const keys: string[] = (
      await m.query(`SELECT DISTINCT "${key}"::text AS k FROM "${meta.tableName}" WHERE "${key}" IS NOT NULL`)
    ).map((r: { k: string }) => r.k);
    // One key with no rows: an empty list.
    keys.push("00000000-0000-4000-8000-000000000000");
    const statements: string[] = [];
    const query = m.query.bind(m);
    m.query = ((sql: string, params?: unknown[]) => {
      statements.push(sql);
      return query(sql, params);
    }) as typeof m.query;
    const loaded = await groupBy(m, entity, column as never, { order }).loadMany(keys);
    m.query = query;
    const found = await m.find(entity, { where: { [column]: anyOf(keys) }, order });
    const expected = keys.map((k) => found.filter((r) => r[column] === k));
    expect(found.length).toBeGreaterThan(0);
    expect(statements).toEqual([expect.stringContaining(`"${key}" = ANY($1)`)]);
    expect(loaded).toEqual(expected);
    for (const list of loaded as ObjectLiteral[][]) for (const r of list) expect(r).toBeInstanceOf(entity as never);
  });
});

test("with further conditions, groupBy leaves it to find", async () => {
  await withOrganization(app.db, orgId, "test", async (ctx) => {
    const m = ctx.manager;
    const [p] = await m.find(Processor, { take: 1 });
    const statements: string[] = [];
    const query = m.query.bind(m);
    m.query = ((sql: string, params?: unknown[]) => {
      statements.push(sql);
      return query(sql, params);
    }) as typeof m.query;
    await groupBy(m, Agreement, "processorId", { where: { dataSubjectVolume: "UNKNOWN" } }).load(p.id);
    m.query = query;
    expect(statements.some((s) => s.includes("= ANY($1)"))).toBe(false);
  });
});
