// The error vocabulary. Expected failures a caller can fix are UserErrors in mutation payloads;
// the rest are GraphQL errors with a code in extensions. Nothing else reaches a client.
import { GraphQLError } from "graphql";
import { Field, ObjectType } from "type-graphql";

export enum UserErrorCode {
  REQUIRED = "REQUIRED",
  INVALID = "INVALID",
  TOO_LONG = "TOO_LONG",
  OUT_OF_RANGE = "OUT_OF_RANGE",
  INVALID_COUNTRY_CODE = "INVALID_COUNTRY_CODE",
  NOT_FOUND = "NOT_FOUND",
  SELF_REFERENCE = "SELF_REFERENCE",
  DUPLICATE = "DUPLICATE",
  INVALID_STATE = "INVALID_STATE",
  STALE_VERSION = "STALE_VERSION",
}

@ObjectType({ description: "A problem with the input that the caller can fix. Nothing was written." })
export class UserError {
  @Field(() => [String], { nullable: true, description: 'Path to the input field, e.g. ["input", "name"].' })
  field: string[] | null;

  @Field({ description: "Human-readable message naming the rule that was broken." })
  message: string;

  @Field({ description: "Machine-readable code, e.g. REQUIRED, OUT_OF_RANGE, INVALID_COUNTRY_CODE, NOT_FOUND." })
  code: string;
}

export function userError(field: string[] | null, code: UserErrorCode | string, message: string): UserError {
  return Object.assign(new UserError(), { field, code, message });
}

/** Thrown inside a service to abort a mutation with user errors; the mutation runner rolls back. */
export class UserInputFailure extends Error {
  constructor(public readonly userErrors: UserError[]) {
    super(userErrors.map((e) => e.message).join("; "));
  }
}

/** Aborts a mutation with one userError: `field` is an input field name (under "input") or a full path. */
export function failInput(field: string | string[] | null, code: UserErrorCode | string, message: string): never {
  const path = field === null ? null : Array.isArray(field) ? field : ["input", field];
  throw new UserInputFailure([userError(path, code, message)]);
}

/** Fields a create mutation needs even though its input type shares optional fields with the update. */
export function requireInputFields<T extends object>(input: T, fields: readonly (keyof T & string)[]): void {
  const missing = fields.filter((f) => input[f] === undefined || input[f] === null);
  if (missing.length)
    throw new UserInputFailure(missing.map((f) => userError(["input", f], UserErrorCode.REQUIRED, `${f} is required`)));
}

export function unauthenticated(message = "A valid API key is required (Authorization: Bearer <key>)."): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });
}

export function forbidden(message = "Your API key's role does not allow this operation."): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "FORBIDDEN" } });
}

export function notFound(what: string): GraphQLError {
  return new GraphQLError(`${what} not found.`, { extensions: { code: "NOT_FOUND" } });
}

export function badUserInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT" } });
}
