// Which failures mean the database connection went away under a request (answered 503 UNAVAILABLE, retry) and
// which are the service's own errors (500 INTERNAL). Under a PostgreSQL restart, in-flight requests answered 500.
import { QueryFailedError, QueryRunnerAlreadyReleasedError } from "typeorm";
import { isConnectionLost, TransactionLostError } from "../../src/context";
import { formatError } from "../../src/server";

const pgError = (code: string, message: string) =>
  new QueryFailedError("SELECT 1", [], Object.assign(new Error(message), { code }));

test.each([
  ["admin shutdown (57P01)", pgError("57P01", "terminating connection due to administrator command")],
  ["crash shutdown (57P02)", pgError("57P02", "terminating connection because of crash of another server process")],
  ["starting up (57P03)", pgError("57P03", "the database system is starting up")],
  ["connection failure (08006)", pgError("08006", "connection failure")],
  ["socket closed by the driver", new Error("Connection terminated unexpectedly")],
  ["refused", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })],
  ["a query runner TypeORM released when its connection failed", new QueryRunnerAlreadyReleasedError()],
  ["a commit on a lost connection", new TransactionLostError()],
])("%s is a lost connection, answered UNAVAILABLE without the driver's words", (_name, err) => {
  expect(isConnectionLost(err)).toBe(true);
  const answer = formatError({ message: (err as Error).message, extensions: {} }, err);
  expect(answer.extensions?.code).toBe("UNAVAILABLE");
  expect(answer.message).toBe("The service is not available; try again.");
});

test.each([
  ["a statement timeout (57014)", pgError("57014", "canceling statement due to statement timeout")],
  ["a unique violation (23505)", pgError("23505", "duplicate key value violates unique constraint")],
  ["a syntax error (42601)", pgError("42601", 'syntax error at or near "x"')],
  ["a plain bug", new TypeError("Cannot read properties of undefined (reading 'id')")],
  ["nothing", null],
])("%s is not a lost connection", (_name, err) => {
  expect(isConnectionLost(err)).toBe(false);
});
