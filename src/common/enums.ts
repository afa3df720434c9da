// GraphQL enums whose values are their own names, declared once: the object (for code and TypeORM
// columns), its type, and its registration with type-graphql (name, description, value descriptions).
import { registerEnumType } from "type-graphql";

/** The union of an enum object's values: `type X = EnumValue<typeof X>`. */
export type EnumValue<E> = E[keyof E];

/**
 * Declares and registers an enum. `values` lists the values, or maps each to its description (null for
 * none).
 */
export function graphqlEnum<const K extends string>(
  name: string,
  description: string,
  values: readonly K[] | Record<K, string | null>,
): { readonly [P in K]: P } {
  const keys = (Array.isArray(values) ? values : Object.keys(values)) as K[];
  const e = Object.freeze(Object.fromEntries(keys.map((k) => [k, k]))) as { readonly [P in K]: P };
  const described = Array.isArray(values)
    ? []
    : Object.entries<string | null>(values as Record<K, string | null>).filter(([, d]) => d !== null);
  const valuesConfig = Object.fromEntries(described.map(([k, d]) => [k, { description: d as string }]));
  registerEnumType(e, {
    name,
    description,
    ...(described.length ? { valuesConfig: valuesConfig as Partial<Record<K, { description: string }>> } : {}),
  });
  return e;
}
