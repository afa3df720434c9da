// readAheadFor: the statements of a page's loaders in one round trip, primed into the loaders; never on a
// released runner, whose client the pool may have handed to another tenant's request.
import { EntityManager, QueryRunner, QueryRunnerAlreadyReleasedError } from "typeorm";
import { Loaders, readAheadFor, readsAhead, StatementLoader } from "../../src/common/loader-kit";

const IDS = ["0b3c2a4e-6f1d-4c7e-9a2b-1f2e3d4c5b6a", "1b3c2a4e-6f1d-4c7e-9a2b-1f2e3d4c5b6a"];

readsAhead("ReadAheadTestNode", {
  agreements: ["agreementsByProcessor"],
  dataCategories: ["dataCategoriesByProcessor"],
});

function setUp(isReleased: boolean) {
  const sent: string[] = [];
  const client = {
    query: async (text: string) => {
      sent.push(text);
      return [{ rows: [{ k: IDS[0], v: "a" }] }, { rows: [{ k: IDS[1], v: "b" }] }];
    },
  };
  const queryRunner = { isReleased, data: {}, connect: async () => client } as unknown as QueryRunner;
  const manager = { query: async () => [] } as unknown as EntityManager;
  const loader = (name: string) =>
    new StatementLoader<string | null>(manager, {
      sql: (keys) => `SELECT ${name} WHERE k = ANY(${keys})`,
      read: (keys, rows) => keys.map((k) => (rows.find((r) => r.k === k)?.v as string) ?? null),
    });
  const loaders = {
    agreementsByProcessor: loader("agreements"),
    dataCategoriesByProcessor: loader("categories"),
  } as unknown as Loaders;
  return { sent, ctx: { loaders, queryRunner } };
}

test("the asked fields' statements go together, the keys quoted in, and prime the loaders", async () => {
  const { sent, ctx } = setUp(false);
  await readAheadFor(ctx, "ReadAheadTestNode", ["agreements", "dataCategories", "name"], IDS);
  const keys = `'{"${IDS[0]}","${IDS[1]}"}'`;
  expect(sent).toEqual([`SELECT agreements WHERE k = ANY(${keys});\nSELECT categories WHERE k = ANY(${keys})`]);
  const loaders = ctx.loaders as unknown as Record<string, StatementLoader<string | null>>;
  expect(await loaders.agreementsByProcessor.loadMany(IDS)).toEqual(["a", null]);
  expect(await loaders.dataCategoriesByProcessor.loadMany(IDS)).toEqual([null, "b"]);
});

test("a released runner sends nothing", async () => {
  const { sent, ctx } = setUp(true);
  await expect(readAheadFor(ctx, "ReadAheadTestNode", ["agreements", "dataCategories"], IDS)).rejects.toBeInstanceOf(
    QueryRunnerAlreadyReleasedError,
  );
  expect(sent).toEqual([]);
});
