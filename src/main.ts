// Process entry: config → database (embedded unless DATABASE_URL) → migrations → demo data → server.
import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { Config, loadConfig } from "./config";
import { openDatabase } from "./db/database";
import { DataDirInUseError } from "./db/embedded";
import { createDataSource } from "./db/data-source";
import { assertPortFree, PortInUseError, RunningServer, startServer } from "./server";
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
    if (err instanceof PortInUseError || err instanceof DataDirInUseError) {
      // One line for the person at the terminal; a stack trace would bury it.
      process.stderr.write(`tilsyn: ${err.message}\n`);
    } else {
      logger.fatal({ err }, "failed to start");
    }
    process.exit(1);
  }
}

async function run(config: Config, logger: Logger): Promise<void> {
  // Before PostgreSQL starts: a port in use should fail in a second, not after migrations.
  await assertPortFree(config.host, config.port);
  const db = await openDatabase(config, (msg) => logger.info(msg), { callerHandlesSignals: true });
  const keyFile = path.join(config.dataDir, "demo-api-key");
  let createdKey: string | null = null;
  if (config.seedDemoData) {
    const owner = createDataSource(db.ownerUrl, 1);
    await owner.initialize();
    try {
      createdKey = await seedDemo(db, owner);
      if (createdKey) {
        fs.mkdirSync(config.dataDir, { recursive: true });
        fs.writeFileSync(keyFile, createdKey + "\n", { mode: 0o600 });
        logger.info({ keyFile }, "Loaded the demo data (three seed DPAs).");
      }
    } finally {
      await owner.destroy();
    }
  }
  let server: RunningServer;
  try {
    server = await startServer(config, db, { logger });
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
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
  // For the person starting the server, not for the log pipeline (stdout carries the JSON logs): the key
  // goes to stderr once, when it is made; later starts say where it is kept. The logger never sees it.
  if (createdKey) {
    process.stderr.write(`\n[tilsyn] Demo ADMIN API key: ${createdKey}   (send as "Authorization: Bearer <key>")\n`);
    process.stderr.write(`[tilsyn] It is kept in ${keyFile} (readable by you only).\n\n`);
  } else if (fs.existsSync(keyFile)) {
    process.stderr.write(`\n[tilsyn] The demo ADMIN API key is in ${keyFile}\n\n`);
  }
  process.stderr.write(`[tilsyn] GraphiQL: ${server.url}\n`);
  if (config.consoleEnabled)
    process.stderr.write(
      `[tilsyn] Console: ${server.url.replace(/\/graphql$/, "/console/")} (sign in with an API key)\n`,
    );

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
  process.on("SIGHUP", () => void shutdown("SIGHUP"));
}

main().catch((err) => {
  // loadConfig failed (bad environment): no configured logger yet.
  defaultLogger().fatal({ err }, "failed to start");
  process.exit(1);
});
