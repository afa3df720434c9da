// Every migration, in order: each file of this folder named <timestamp>-<Name> exports its migration
// class. Read from the folder, so a new migration is one new file; the same code runs under ts-node
// (.ts) and from dist/ (.js).
import { readdirSync } from "node:fs";
import path from "node:path";

const extension = path.extname(__filename);

export const MIGRATIONS: Function[] = readdirSync(__dirname)
  .filter((file) => /^\d{13}-[A-Za-z0-9]+\.(ts|js)$/.test(file) && path.extname(file) === extension)
  .sort()
  .map((file) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded by name, as TypeORM's globs do
    const exports = require(path.join(__dirname, file)) as Record<string, unknown>;
    const migration = Object.values(exports).find((v) => typeof v === "function");
    if (!migration) throw new Error(`migrations/${file} exports no migration class`);
    return migration as Function;
  });
