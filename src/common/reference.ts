// Reference fields: the record a root's `<x>Id` names, read through the by-id loader of its type (one
// statement per type and request, however many roots ask), or null where the root names none.
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

/** A field resolved by the property's `reference(...)` (called with the root and the request context). */
export function ReferenceField(type: FieldArgs[0], options: FieldArgs[1]): PropertyDecorator {
  return (prototype, key) => {
    (FieldResolver(type, options) as (prototype: object, key: string) => void)(prototype, key as string);
    Root()(prototype, key as string, 0);
    Ctx()(prototype, key as string, 1);
  };
}
