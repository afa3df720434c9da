// The modules of the application, in one list. The schema's resolvers (src/schema.ts), TypeORM's
// entities (src/db/entities.ts), the request's loaders (src/loaders.ts), the HTTP routes
// (src/server.ts) and the tests' table lists all derive from it: a new module is one line here.
import type { ModuleManifest } from "../common/module";
import organizations from "./organizations";
import auth from "./auth";
import processors from "./processors";
import agreements from "./agreements";
import subprocessors from "./subprocessors";
import chains from "./chains";
import taxonomy from "./taxonomy";
import measures from "./measures";
import supervision from "./supervision";
import evidence from "./evidence";
import evidenceList from "./evidence-list";
import risk from "./risk";
import ropa from "./ropa";
import auditLog from "./audit-log";
import dpaImport from "./dpa-import";
import events from "./events";
import jobs from "./jobs";
import webhooks from "./webhooks";
import registerImport from "./register-import";

const LIST = [
  organizations,
  auth,
  processors,
  agreements,
  subprocessors,
  chains,
  taxonomy,
  measures,
  supervision,
  evidence,
  evidenceList,
  risk,
  ropa,
  auditLog,
  dpaImport,
  events,
  jobs,
  webhooks,
  registerImport,
] as const satisfies readonly ModuleManifest[];

export const MODULES: readonly ModuleManifest[] = LIST;
/** Each manifest's exact type (src/loaders.ts checks that every declared loader is built). */
export type ModuleList = typeof LIST;
