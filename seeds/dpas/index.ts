// The three real Danish DPAs the demo data and the importer's tests are read from. They live in the
// repository so that a clone stands on its own.
import fs from "node:fs";
import path from "node:path";

export const SEED_DPA_DIR = __dirname;

/** The seed DPA's text; throws (never skips) when the file is missing. */
export function seedDpaText(document: string): string {
  return fs.readFileSync(path.join(SEED_DPA_DIR, document), "utf8");
}
