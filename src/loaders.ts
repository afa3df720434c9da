// What a request gets from the modules: one bag of DataLoaders (each module's <m>.loaders.ts, named
// in its manifest), bound to the request's transaction; and createContext, which opens the request
// with them. The kit the loaders are built with is src/common/loader-kit.ts.
import type { Loaders } from "./common/loader-kit";
import {
  Actor,
  AuthGuard,
  openContext,
  RequestContext,
  requestContext,
  TransactionOptions,
  TransactionSource,
} from "./context";
import { ModuleList, MODULES } from "./modules";

type LoadersOf<M> = M extends { loaders: (ctx: RequestContext) => infer L } ? L : never;
type Intersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
/** Loaders a module adds to the Loaders type but whose factory no manifest names: must be none. */
type Unbuilt = Exclude<keyof Loaders, keyof Intersection<LoadersOf<ModuleList[number]>>>;
const everyLoaderIsBuilt: [Unbuilt] extends [never] ? true : Unbuilt = true;
void everyLoaderIsBuilt;

export function createLoaders(ctx: RequestContext): Loaders {
  const bag: Record<string, unknown> = {};
  for (const m of MODULES) {
    for (const [name, loader] of Object.entries(m.loaders?.(ctx) ?? {})) {
      if (name in bag) throw new Error(`Two modules define the loader ${name}; the second is ${m.name}.`);
      bag[name] = loader;
    }
  }
  return bag as unknown as Loaders;
}

/** Authenticates the key and opens a request's context (transaction, actor, loaders) on the database. */
export function createContext(
  db: TransactionSource,
  authorization: string | undefined,
  requestId?: string,
  options: TransactionOptions = {},
  guard?: AuthGuard,
): Promise<RequestContext> {
  return openContext(db, createLoaders, authorization, requestId, options, guard);
}

/** A context for an accepted key (or the system) whose transaction opens on `ctx.transaction.open()`. */
export function createLazyContext(
  db: TransactionSource,
  actor: Actor & { lastUsedAt?: Date | null },
  requestId?: string,
  options: TransactionOptions = {},
): RequestContext {
  return requestContext(db, createLoaders, actor, requestId, options);
}
