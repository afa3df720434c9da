// HTTP server: Apollo on express, health endpoints, one transaction per GraphQL request.
import http from "node:http";
import { randomUUID } from "node:crypto";
import express from "express";
import { ApolloServer, ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import { GraphQLError, GraphQLFormattedError } from "graphql";
import { AuthorizationError } from "type-graphql";
import { Config } from "./config";
import { Database } from "./db/database";
import { createContext, finishTransaction, RequestContext } from "./context";
import { getSchema } from "./schema";
import { evidenceRouter } from "./modules/evidence/evidence.http";
import { manifestRouter } from "./modules/auditor/manifest.http";

const PASS_THROUGH_CODES = new Set([
  "UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "BAD_USER_INPUT", "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED", "BAD_REQUEST", "PERSISTED_QUERY_NOT_FOUND", "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

/** Only errors from the known vocabulary reach clients; anything else becomes INTERNAL (logged, never leaked). */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (original instanceof AuthorizationError) {
    return { message: "Your API key's role does not allow this operation.", path: formatted.path, extensions: { code: "FORBIDDEN" } };
  }
  const code = formatted.extensions?.code as string | undefined;
  if (code && PASS_THROUGH_CODES.has(code)) {
    const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  console.error(JSON.stringify({ level: "error", msg: "internal error", error: error instanceof Error ? error.stack : String(error) }));
  return { message: "Internal server error.", path: formatted.path, extensions: { code: "INTERNAL" } };
}

function transactionPlugin(config: Config): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const qr = contextValue?.queryRunner;
          if (!qr) return;
          const body = response.body.kind === "single" ? response.body.singleResult : undefined;
          // Unexpected errors abort the whole request; expected ones were handled per mutation.
          const commit = !body?.errors?.length;
          if (config.exposeSqlCount && body) {
            body.extensions = { ...body.extensions, sqlStatements: qr.data.sqlCount ?? 0 };
          }
          await finishTransaction(qr, commit);
        },
      };
    },
  };
}

export interface RunningServer {
  httpServer: http.Server;
  url: string;
  stop(): Promise<void>;
}

export async function startServer(config: Config, db: Database): Promise<RunningServer> {
  const app = express();
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<RequestContext>({
    schema: await getSchema(),
    formatError,
    includeStacktraceInErrorResponses: false,
    plugins: [transactionPlugin(config), ApolloServerPluginDrainHttpServer({ httpServer })],
  });
  await apollo.start();

  app.disable("x-powered-by");
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    try {
      await db.app.query("SELECT 1");
      res.json({ status: "ready" });
    } catch {
      res.status(503).json({ status: "not ready" });
    }
  });
  app.use(evidenceRouter(config, db));
  app.use(manifestRouter(config, db));
  app.use(
    "/graphql",
    express.json({ limit: "1mb" }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const requestId = (req.headers["x-request-id"] as string | undefined)?.slice(0, 100) || randomUUID();
        return createContext(db, req.headers.authorization, requestId);
      },
    }),
  );

  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const { port } = httpServer.address() as import("node:net").AddressInfo;
  return {
    httpServer,
    url: `http://${config.host}:${port}/graphql`,
    async stop() {
      await apollo.stop();
    },
  };
}
