// What a module tells the rest of the application about itself. Each module folder has an index.ts
// with one manifest, and src/modules/index.ts lists the modules: the schema's resolvers, TypeORM's
// entities, the request's loaders, the HTTP routes and the tests' table lists all derive from it.
import type { Router } from "express";
import type { Config } from "../config";
import type { RequestContext, TransactionSource } from "../context";
import type { WithContext } from "../http/request-context";
import type { ExportGate } from "../http/exports";
import type { SlotGate } from "../http/slots";
import type { Permission } from "./auth";
import type { Logger } from "./logger";

/** What a module's HTTP router is built with. */
export interface HttpDeps {
  config: Config;
  logger: Logger;
  /** The app's connections (for a router that opens its own, as the export worker does). */
  db: TransactionSource;
  /** Runs `stop` first when the server stops (before its requests drain); a failure is logged only. */
  onStop(stop: () => Promise<void>): void;
  /** Runs a handler in the request's transaction, as the key's actor, within a permission. */
  withContext: WithContext;
  /** The exports running in this process and their limits (src/http/exports.ts). */
  exports: ExportGate;
  /** The multipart uploads being received in this process and their limits (src/http/upload.ts). */
  uploads: SlotGate;
}

export interface ModuleManifest {
  /** The folder name under src/modules/. */
  name: string;
  /** TypeORM entities the module owns (its tables). */
  entities?: readonly Function[];
  /** type-graphql resolver classes: the module's queries, mutations and fields. */
  resolvers?: readonly Function[];
  /** GraphQL types that no resolver names but the schema must have. */
  types?: readonly Function[];
  /** The module's per-request DataLoaders (see src/common/loader-kit.ts). */
  loaders?: (ctx: RequestContext) => object;
  /** Plain HTTP endpoints (files, exports), mounted before /graphql. */
  routers?: readonly ((deps: HttpDeps) => Router)[];
  /**
   * Tables holding one organization's rows under row-level security (its migration enables it).
   * The audit-log trigger sits on each of them unless it is listed in unauditedTables.
   */
  tenantTables?: readonly string[];
  /** Tenant tables the audit log leaves out on purpose (derived data, file bytes, its own history). */
  unauditedTables?: readonly string[];
  /** Node types that node(id) shows only to a permission (else null, as for an unknown id). */
  restrictedNodes?: Readonly<Record<string, Permission>>;
}

/** Declares a module (the identity function: it checks the manifest and keeps its exact type). */
export function defineModule<const M extends ModuleManifest>(manifest: M): M {
  return manifest;
}
