// The error vocabulary: the README's table of codes says what src/common/errors.ts has, and every code
// a client can receive is checked by some test.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { GRAPHQL_ERROR_CODES, HTTP_ERROR_CODES, USER_ERROR_CODES } from "../../src/common/errors";

const README = readFileSync(path.join(__dirname, "../../README.md"), "utf8");

/** The codes in the first column of the tables of one part of the README's "Error codes" section. */
function readmeCodes(part: string): string[] {
  const section = README.split(/^## /m).find((s) => s.startsWith("Error codes"));
  if (!section) throw new Error("README.md has no ## Error codes section");
  const chunk = section.split(/^\*\*/m).find((s) => s.startsWith(part));
  if (!chunk) throw new Error(`README.md's Error codes section has no **${part}** part`);
  return [...chunk.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
}

test("the README's table of codes lists exactly the vocabulary, per channel", () => {
  expect(readmeCodes("userErrors")).toEqual(Object.keys(USER_ERROR_CODES));
  expect(readmeCodes("GraphQL errors")).toEqual(Object.keys(GRAPHQL_ERROR_CODES));
  expect(readmeCodes("Plain HTTP endpoints")).toEqual(Object.keys(HTTP_ERROR_CODES));
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : full.endsWith(".test.ts") ? [full] : [];
  });
}

test("every code a client can receive is asserted by a test", () => {
  const tests = filesUnder(path.join(__dirname, ".."))
    .filter((f) => f !== __filename)
    .map((f) => readFileSync(f, "utf8"))
    .join("\n");
  // Nobody receives CLIENT_CLOSED_REQUEST: the client has gone (it is logged).
  const receivable = [
    ...Object.keys(USER_ERROR_CODES),
    ...Object.keys(GRAPHQL_ERROR_CODES),
    ...Object.keys(HTTP_ERROR_CODES).filter((c) => c !== "CLIENT_CLOSED_REQUEST"),
  ];
  const untested = [...new Set(receivable)].filter((code) => !new RegExp(`["'\`]${code}["'\`]`).test(tests));
  expect(untested).toEqual([]);
});
