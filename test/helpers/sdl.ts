// The committed schema (schema/schema.graphql) as data, so that tests can cover every Node type,
// query and mutation of the API and fail when one is added without a test entry.
import fs from "node:fs";
import path from "node:path";
import {
  buildSchema,
  getNamedType,
  getNullableType,
  GraphQLField,
  GraphQLInputObjectType,
  GraphQLNamedType,
  GraphQLObjectType,
  GraphQLSchema,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
} from "graphql";

export const SCHEMA_FILE = path.join(__dirname, "..", "..", "schema", "schema.graphql");

let cached: GraphQLSchema | undefined;
export function sdlSchema(): GraphQLSchema {
  cached ??= buildSchema(fs.readFileSync(SCHEMA_FILE, "utf8"));
  return cached;
}

/** Names of the object types that implement Node. */
export function nodeTypeNames(): string[] {
  const schema = sdlSchema();
  return Object.values(schema.getTypeMap())
    .filter(
      (t): t is GraphQLObjectType =>
        isObjectType(t) && !t.name.startsWith("__") && t.getInterfaces().some((i) => i.name === "Node"),
    )
    .map((t) => t.name)
    .sort();
}

export function mutationFields(): GraphQLField<unknown, unknown>[] {
  return Object.values(sdlSchema().getMutationType()!.getFields());
}

export function queryFields(): GraphQLField<unknown, unknown>[] {
  return Object.values(sdlSchema().getQueryType()!.getFields());
}

/** The input object type of a mutation's `input` argument, if it has one. */
export function inputTypeOf(field: GraphQLField<unknown, unknown>): GraphQLInputObjectType | null {
  const arg = field.args.find((a) => a.name === "input");
  if (!arg) return null;
  const t = getNamedType(arg.type);
  return isInputObjectType(t) ? t : null;
}

export interface IdField {
  /** Path of the field inside the input object, e.g. ["processorId"] or ["items", "agreementId"]. */
  path: string[];
  list: boolean;
  required: boolean;
}

/** Every field of type ID or [ID] in an input type, nested input objects included. */
export function idFieldsOf(type: GraphQLInputObjectType, prefix: string[] = [], seen = new Set<string>()): IdField[] {
  if (seen.has(type.name)) return [];
  seen.add(type.name);
  const out: IdField[] = [];
  for (const f of Object.values(type.getFields())) {
    const named = getNamedType(f.type);
    const inner = getNullableType(f.type);
    if (named.name === "ID")
      out.push({ path: [...prefix, f.name], list: isListType(inner), required: isNonNullType(f.type) });
    else if (isInputObjectType(named)) out.push(...idFieldsOf(named, [...prefix, f.name], seen));
  }
  return out;
}

/** A rough token count (names, punctuation, strings), as query limiters count them. */
export function tokenCount(query: string): number {
  return (query.match(/"(?:[^"\\]|\\.)*"|[A-Za-z_][A-Za-z0-9_]*|-?\d+(?:\.\d+)?|[{}()[\]:!$@=|&.]+/g) ?? []).length;
}

function fieldsWithoutRequiredArgs(type: GraphQLObjectType): GraphQLField<unknown, unknown>[] {
  return Object.values(type.getFields()).filter((f) =>
    f.args.every((a) => !isNonNullType(a.type) || a.defaultValue !== undefined),
  );
}

/**
 * A selection of every field of a type, down to `depth` levels of objects (leaf fields at every level,
 * `id`/`__typename` on abstract types). Fields with required arguments that have no default are left out.
 */
export function fullSelection(type: GraphQLNamedType, depth: number): string {
  if (isLeafType(type)) return "";
  if (isInterfaceType(type) || isUnionType(type)) {
    const hasId = isInterfaceType(type) && "id" in type.getFields();
    return `{ __typename${hasId ? " id" : ""} }`;
  }
  if (!isObjectType(type)) return "";
  const parts: string[] = ["__typename"];
  for (const f of fieldsWithoutRequiredArgs(type)) {
    const named = getNamedType(f.type);
    if (isLeafType(named)) parts.push(f.name);
    else if (depth > 0) {
      const sub = fullSelection(named, depth - 1);
      if (sub) parts.push(`${f.name} ${sub}`);
    } else if (isObjectType(named) && "id" in named.getFields()) {
      parts.push(`${f.name} { id }`);
    }
  }
  return `{ ${parts.join(" ")} }`;
}

/**
 * The same content as fullSelection, split into several selections of at most `maxTokens` tokens each
 * (each keeps `__typename` and `id`), so that no generated query trips the server's query limits.
 */
export function splitSelection(type: GraphQLNamedType, depth: number, maxTokens: number): string[] {
  if (!isObjectType(type)) return [fullSelection(type, depth)];
  const head = "id" in type.getFields() ? ["__typename", "id"] : ["__typename"];
  const chunks: string[][] = [];
  let current: string[] = [];
  let tokens = 0;
  for (const f of fieldsWithoutRequiredArgs(type)) {
    if (f.name === "id") continue;
    const named = getNamedType(f.type);
    let part: string;
    if (isLeafType(named)) part = f.name;
    else if (depth > 0) {
      // A nested selection that alone is too large is split again, one query per piece.
      const subs =
        tokenCount(fullSelection(named, depth - 1)) > maxTokens
          ? splitSelection(named, depth - 1, maxTokens)
          : [fullSelection(named, depth - 1)];
      for (const sub of subs.slice(1)) chunks.push([`${f.name} ${sub}`]);
      part = `${f.name} ${subs[0]}`;
    } else if (isObjectType(named) && "id" in named.getFields()) part = `${f.name} { id }`;
    else continue;
    const n = tokenCount(part);
    if (current.length && tokens + n > maxTokens) {
      chunks.push(current);
      current = [];
      tokens = 0;
    }
    current.push(part);
    tokens += n;
  }
  if (current.length || !chunks.length) chunks.push(current);
  return chunks.map((c) => `{ ${[...head, ...c].join(" ")} }`);
}

/** Whether a type reference is (possibly non-null) list. */
export function returnsList(field: GraphQLField<unknown, unknown>): boolean {
  return isListType(getNullableType(field.type));
}
