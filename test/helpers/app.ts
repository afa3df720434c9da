// Starts the real HTTP server on a free port against a per-file database, and talks to it over HTTP.
import { Config, loadConfig } from "../../src/config";
import { RunningServer, ServerOptions, startServer } from "../../src/server";
import { createOrganization, loadDemoData } from "../../seeds/demo";
import { Role } from "../../src/common/auth";
import { createTestDatabase, TestDatabase } from "./db";
import { appPoolOptions } from "../../src/db/database";

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown>; path?: string[] }[];
  extensions?: { sqlStatements?: number; sqlRoundTrips?: number; cost?: { requested: number | null; limit: number } };
}

export interface TestApp {
  db: TestDatabase;
  server: RunningServer;
  /** POST /graphql as the key (null: no Authorization header), with any extra headers. */
  gql<T = any>(
    key: string | null,
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  /**
   * Like gql, for requests that must succeed: throws (naming the query) on an HTTP error, a GraphQL error
   * or a non-empty userErrors of the first field; returns data.
   */
  ok<T = any>(key: string, query: string, variables?: Record<string, unknown>): Promise<T>;
  newOrganization(name: string, role?: Role): Promise<{ organizationId: string; key: string }>;
  stop(): Promise<void>;
}

export async function startTestApp(overrides: Partial<Config> = {}, options: ServerOptions = {}): Promise<TestApp> {
  // The app pool with the server's belts (acquire timeout, idle-in-transaction timeout); 5 connections
  // unless the test sets dbPoolSize.
  const db = await createTestDatabase({
    size: overrides.dbPoolSize ?? 5,
    ...appPoolOptions({ ...loadConfig({}), ...overrides }),
  });
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
    // The art. 30 exports run in this thread unless a test asks for the worker (exportWorkerHeapMb > 0): under
    // ts-node the worker loads every module again, 30–50 s of CPU per server on a loaded machine. The worker's
    // files are compared with these in test/e2e/export-worker.test.ts.
    exportWorkerHeapMb: 0,
    ...overrides,
  };
  const server = await startServer(config, db, options);
  const app: TestApp = {
    db,
    server,
    async gql(key, query, variables, headers = {}) {
      const res = await fetch(server.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(key ? { authorization: `Bearer ${key}` } : {}),
          ...headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as Omit<GraphQLResponse, "status">;
      return { status: res.status, ...body };
    },
    async ok(key, query, variables) {
      const res = await app.gql(key, query, variables);
      const what = `${query.replace(/\s+/g, " ").slice(0, 80)}…`;
      if (res.errors || res.status !== 200)
        throw new Error(`${what} failed: ${res.status} ${JSON.stringify(res.errors)}`);
      const payload = Object.values((res.data ?? {}) as Record<string, { userErrors?: unknown[] } | null>)[0];
      if (payload && Array.isArray(payload.userErrors) && payload.userErrors.length)
        throw new Error(`${what} userErrors: ${JSON.stringify(payload.userErrors)} (${JSON.stringify(variables)})`);
      return res.data;
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
  return app;
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
