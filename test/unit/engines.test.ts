// A clean install on the project's Node prints no EBADENGINE warning: every package in the lock file
// that states the Node versions it supports accepts the one running the tests, and the project says
// which it supports.
import fs from "node:fs";
import path from "node:path";
import semver from "semver";

const ROOT = path.resolve(__dirname, "..", "..");
const lock = JSON.parse(fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[]; optional?: boolean }>;
};
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

test("package.json states the supported Node, and this Node is one of them", () => {
  expect(pkg.engines.node).toMatch(/\d/);
  expect(semver.satisfies(process.version, pkg.engines.node)).toBe(true);
});

test("every locked package accepts this Node (no EBADENGINE at npm install)", () => {
  const refusing = Object.entries(lock.packages)
    .filter(([name, p]) => name && !Array.isArray(p.engines) && p.engines?.node)
    .filter(([, p]) => !semver.satisfies(process.version, (p.engines as { node: string }).node))
    .map(([name, p]) => `${name.replace(/^.*node_modules\//, "")}@${p.version} wants node ${(p.engines as any).node}`);
  expect(refusing).toEqual([]);
});
