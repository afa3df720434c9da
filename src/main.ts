// Process entry: config → database (embedded unless DATABASE_URL) → migrations → demo data → server.
import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { Config, loadConfig } from "./config";
import { openDatabase } from "./db/database";
import { createDataSource } from "./db/data-source";
import { startServer } from "./server";
import { seedDemo } from "../seeds/demo";
import { createLogger, defaultLogger, Logger } from "./common/logger";

/** Time allowed after the grace period for closing the database before the process exits anyway. */
const CLOSE_MARGIN_MS = 5000;

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  try {
    await run(config, logger);
  } catch (err) {
    logger.fatal({ err }, "failed to start");
    process.exit(1);
  }
}

async function run(config: Config, logger: Logger): Promise<void> {
  const db = await openDatabase(config, (msg) => logger.info(msg));
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
        logger.info("Loaded the demo data (three seed DPAs).");
      }
      demoKey = created ?? (fs.existsSync(keyFile) ? fs.readFileSync(keyFile, "utf8").trim() : null);
    } finally {
      await owner.destroy();
    }
  }
  const server = await startServer(config, db, { logger });
  logger.info(
    {
      url: server.url,
      introspection: config.graphqlIntrospection,
      limits: {
        maxDepth: config.graphqlMaxDepth,
        maxAliases: config.graphqlMaxAliases,
        maxTokens: config.graphqlMaxTokens,
        maxCost: config.graphqlMaxCost,
        statementTimeoutMs: config.statementTimeoutMs,
        maxBodyBytes: config.maxBodyBytes,
      },
    },
    "GraphQL API listening",
  );
  // For the person starting the server, not for the log pipeline: plain text on stdout. It is the
  // only place the key is ever printed; the logger never sees it.
  if (demoKey) console.log(`\n[tilsyn] Demo ADMIN API key: ${demoKey}   (send as "Authorization: Bearer <key>")\n`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, graceMs: config.shutdownGraceMs }, "stopping: draining in-flight requests");
    // Backstop: the drain closes lingering connections after the grace period; if closing the
    // database then hangs too, exit anyway.
    const deadline = setTimeout(() => {
      logger.error({ signal }, "shutdown took too long; exiting");
      process.exit(1);
    }, config.shutdownGraceMs + CLOSE_MARGIN_MS);
    deadline.unref();
    try {
      await server.stop(); // stops accepting, waits for in-flight requests (bounded by the grace period)
      await db.close();
      logger.info("stopped");
      process.exit(0);
    } catch (err) {
      logger.error({ err }, "shutdown failed");
      process.exit(1);
    }
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((err) => {
  // loadConfig failed (bad environment): no configured logger yet.
  defaultLogger().fatal({ err }, "failed to start");
  process.exit(1);
});
