// Process entry: config → database (embedded unless DATABASE_URL) → migrations → demo data → server.
import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { loadConfig } from "./config";
import { openDatabase } from "./db/database";
import { createDataSource } from "./db/data-source";
import { startServer } from "./server";
import { seedDemo } from "../seeds/demo";

const log = (msg: string) => console.log(`[tilsyn] ${msg}`);

async function main() {
  const config = loadConfig();
  const db = await openDatabase(config, log);
  let demoKey: string | null = null;
  if (config.seedDemoData) {
    const owner = createDataSource(db.ownerUrl, 1);
    await owner.initialize();
    try {
      const keyFile = path.join(config.dataDir, "demo-api-key");
      const created = await seedDemo(db, owner);
      if (created) {
        fs.mkdirSync(config.dataDir, { recursive: true });
        fs.writeFileSync(keyFile, created + "\n", { mode: 0o600 });
        log("Loaded the demo data (three seed DPAs).");
      }
      demoKey = created ?? (fs.existsSync(keyFile) ? fs.readFileSync(keyFile, "utf8").trim() : null);
    } finally {
      await owner.destroy();
    }
  }
  const server = await startServer(config, db);
  log(`GraphQL API: ${server.url}`);
  if (demoKey) log(`Demo ADMIN API key: ${demoKey}   (send as "Authorization: Bearer <key>")`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: draining requests and stopping`);
    try {
      await server.stop();
      await db.close();
      process.exit(0);
    } catch (err) {
      console.error(err);
      process.exit(1);
    }
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((err) => {
  console.error(`[tilsyn] failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
