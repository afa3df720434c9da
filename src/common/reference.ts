// Fields read through a request's loaders (one statement per loader and request, however many roots ask):
// a reference, the record a root's `<x>Id` names (null where it names none), or the records linked to a root.
import type DataLoader from "dataloader";
import { Ctx, FieldResolver, Root } from "type-graphql";
import type { RequestContext } from "../context";
import type { Loaders } from "./loader-kit";

/** The loaders that read a record by its id. */
type ByIdLoader = { [K in keyof Loaders]: Loaders[K] extends DataLoader<string, unknown> ? K : never }[keyof Loaders];

type Loaded<K extends ByIdLoader> = Loaders[K] extends DataLoader<string, infer V> ? V : never;

/** The resolver of a reference field: the record `idOf(root)` names, by the loader `loader`; null for no id. */
export function reference<K extends ByIdLoader, R>(loader: K, idOf: (root: R) => string | null) {
  return (root: R, ctx: RequestContext): Promise<Loaded<K>> | null => {
    const id = idOf(root);
    return id ? (ctx.loaders[loader] as DataLoader<string, Loaded<K>>).load(id) : null;
  };
}

/** What FieldResolver takes: the field's type, and its nullability and description. */
type FieldArgs = Parameters<typeof FieldResolver>;

/** The resolver of a list field: the records linked to the root, by the loader keyed by the root's id. */
export function linked<K extends keyof Loaders>(loader: K) {
  type Rows = Loaders[K] extends DataLoader<string, infer V> ? V : never;
  return (root: { id: string }, ctx: RequestContext): Promise<Rows> =>
    (ctx.loaders[loader] as DataLoader<string, Rows>).load(root.id);
}

/** A field resolved by the property's `reference(...)` or `linked(...)` (called with the root and the context). */
export function LoadedField(type: FieldArgs[0], options: FieldArgs[1]): PropertyDecorator {
  return (prototype, key) => {
    (FieldResolver(type, options) as (prototype: object, key: string) => void)(prototype, key as string);
    Root()(prototype, key as string, 0);
    Ctx()(prototype, key as string, 1);
  };
}
