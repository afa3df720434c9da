// Writes schema/schema.graphql from the code; with --check, fails when the committed file is stale.
import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { printSchemaSdl } from "../schema";

async function main() {
  const file = path.join(__dirname, "..", "..", "schema", "schema.graphql");
  const sdl = await printSchemaSdl();
  if (process.argv.includes("--check")) {
    const committed = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
    if (committed !== sdl) {
      console.error("schema/schema.graphql is stale: run `npm run schema:emit` and commit the result.");
      process.exit(1);
    }
    console.log("schema/schema.graphql is up to date.");
    return;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, sdl);
  console.log(`Wrote ${file}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
