// What a mutation sends with the commit (RequestTransaction.sendAtCommit, e.g. finding.opened) belongs to
// its savepoint: a mutation refused after sending something has it dropped, a mutation that succeeds keeps it.
import { RequestTransaction, TransactionSource } from "../../src/context";
import { runMutation } from "../../src/common/mutation";
import { userError, UserErrorCode, UserInputFailure } from "../../src/common/errors";
import type { RequestContext } from "../../src/context";
import type { Role } from "../../src/common/auth";

function context() {
  const transaction = new RequestTransaction(
    {} as TransactionSource,
    {
      organizationId: "00000000-0000-4000-8000-000000000001",
      role: "ADMIN" as Role,
      apiKeyId: null,
    },
    "request",
  );
  const sent: string[] = [];
  const ctx = {
    transaction,
    queryRunner: { query: async (sql: string) => void sent.push(sql) },
    loaders: {},
  } as unknown as RequestContext;
  return { ctx, transaction, sent };
}

test("a refused mutation drops what it sent with the commit; the one before keeps its own", async () => {
  const { ctx, transaction, sent } = context();
  const kept = await runMutation(ctx, null, async () => {
    transaction.sendAtCommit("SELECT 'kept'");
    return {};
  });
  expect(kept.userErrors).toEqual([]);
  expect(transaction.atCommitMark()).toBe(1);
  const refused = await runMutation(ctx, null, async () => {
    transaction.sendAtCommit("SELECT 'dropped'");
    throw new UserInputFailure([userError(["input"], UserErrorCode.INVALID, "no")]);
  });
  expect(refused.userErrors.map((e) => e.code)).toEqual([UserErrorCode.INVALID]);
  expect(sent.filter((s) => s.startsWith("ROLLBACK TO SAVEPOINT"))).toHaveLength(1);
  expect(transaction.atCommitMark()).toBe(1);
});

test("nothing is sent with a commit once the transaction is finishing", async () => {
  const { transaction } = context();
  await transaction.finish(false);
  expect(() => transaction.sendAtCommit("SELECT 1")).toThrow();
});
