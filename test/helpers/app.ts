// Starts the real HTTP server on a free port against a per-file database, and talks to it over HTTP.
import { Config, loadConfig } from "../../src/config";
import { RunningServer, ServerOptions, startServer } from "../../src/server";
import { createOrganization, loadDemoData } from "../../seeds/demo";
import { Role } from "../../src/modules/auth/api-key.entity";
import { createTestDatabase, TestDatabase } from "./db";

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown>; path?: string[] }[];
  extensions?: { sqlStatements?: number; cost?: { requested: number | null; limit: number } };
}

export interface TestApp {
  db: TestDatabase;
  server: RunningServer;
  gql<T = any>(key: string | null, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  newOrganization(name: string, role?: Role): Promise<{ organizationId: string; key: string }>;
  stop(): Promise<void>;
}

export async function startTestApp(overrides: Partial<Config> = {}, options: ServerOptions = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  // Logs are silent unless LOG_LEVEL is set (e.g. LOG_LEVEL=error npx jest … to see internal errors).
  const logLevel = loadConfig({ NODE_ENV: "test", LOG_LEVEL: process.env.LOG_LEVEL }).logLevel;
  // The job worker runs (webhooks are delivered), but no daily work starts under a test unless it asks
  // (jobsSchedule: true, or jobs.run(QUEUES.dailySweep)).
  const config: Config = {
    ...loadConfig({}),
    port: 0,
    exposeSqlCount: true,
    logLevel,
    jobsSchedule: false,
    ...overrides,
  };
  const server = await startServer(config, db, options);
  return {
    db,
    server,
    async gql(key, query, variables) {
      const res = await fetch(server.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as Omit<GraphQLResponse, "status">;
      return { status: res.status, ...body };
    },
    async newOrganization(name, role = Role.ADMIN) {
      const { organization, apiKey } = await createOrganization(db.owner, { name, countryCode: "DK" }, role);
      return { organizationId: organization.id, key: apiKey };
    },
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

/** A new organization holding the three seed DPAs; returns its ADMIN key. */
export async function seedDemoOrganization(
  app: TestApp,
  name = "Demo Controller A/S",
): Promise<{ organizationId: string; key: string }> {
  const org = await app.newOrganization(name);
  await loadDemoData(app.db, org.key);
  return org;
}
