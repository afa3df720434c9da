// processors(filter: { riskFactors }) refuses a key not in RISK_FACTOR_KEYS: the list must hold every key the
// engine writes (a factor's `key: "…"` in risk-engine.ts), and nothing else.
import { readFileSync } from "node:fs";
import path from "node:path";
import { PROPAGATION, RISK_FACTOR_KEYS } from "../../src/modules/risk/risk-engine";

test("RISK_FACTOR_KEYS is exactly the keys the risk engine gives its factors", () => {
  const source = readFileSync(path.join(__dirname, "../../src/modules/risk/risk-engine.ts"), "utf8");
  const written = [...source.matchAll(/^\s*key: "([a-z]+\.[A-Za-z0-9]+)",$/gm)].map((m) => m[1]);
  expect(written.length).toBeGreaterThanOrEqual(20);
  expect([...RISK_FACTOR_KEYS].sort()).toEqual([...new Set([...written, PROPAGATION])].sort());
});
