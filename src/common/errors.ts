// The error vocabulary: one table of codes per channel (userErrors in mutation payloads, GraphQL
// errors' extensions.code, the plain HTTP endpoints' errors), one class per channel, one mapper per
// channel. A new code is one line in its table. Nothing else reaches a client: anything unexpected
// is INTERNAL (logged, never shown).
import { GraphQLError } from "graphql";
import { Field, ObjectType } from "type-graphql";

/**
 * Codes of userErrors in mutation payloads: a problem with one input field that the caller can fix
 * (nothing was written). The upload endpoints answer them too (422, or 415 for a file type). One line
 * per code; the README's table of codes lists them all.
 */
export const USER_ERROR_CODES = {
  REQUIRED: "A required value is missing.",
  INVALID: "A value breaks a rule of the domain; the message names the rule.",
  TOO_LONG: "A text is longer than allowed.",
  OUT_OF_RANGE: "A number or date is outside the allowed range.",
  INVALID_COUNTRY_CODE: "Not an ISO 3166-1 alpha-2 country code.",
  NOT_FOUND: "An id names no record of your organization.",
  SELF_REFERENCE: "A record would refer to itself (e.g. a processor as its own sub-processor).",
  DUPLICATE: "A record with the same identifying values exists.",
  INVALID_STATE: "The record's state does not allow this change (e.g. a decided notice).",
  STALE_VERSION: "The record changed since you read it (optimistic locking); read it again.",
  HASH_MISMATCH: "The declared sha256 does not match the uploaded content.",
  UNSUPPORTED_MEDIA_TYPE: "The file or request body is of a type that is not accepted.",
  EMPTY_DOCUMENT: "The document contains no text.",
  SCANNED_PDF: "The PDF has no text layer (a scan); run OCR first.",
  UNREADABLE_PDF: "The PDF could not be read.",
  UNREADABLE_DOCX: "The Word document could not be read; a zip of documents goes to POST /imports/agreements.",
  NOT_A_DPA: "The document does not read as a data processing agreement.",
  ARCHIVE_LIMIT: "A ZIP archive goes over a limit (documents, inflated size, compression ratio); none of it is read.",
  UNREADABLE_ARCHIVE: "A ZIP archive could not be read (corrupt, encrypted, or sizes that do not match).",
  DOCUMENT_TOO_COMPLEX:
    "The document is over a reading limit (size unpacked, pages, operators, text, nesting, memory, time).",
  ADDRESS_NOT_ALLOWED: "A webhook URL points at a private, loopback or otherwise non-public address.",
  LAST_ADMIN_KEY: "The organization's last active ADMIN key cannot be revoked; create another ADMIN key first.",
} as const;

export type UserErrorCode = keyof typeof USER_ERROR_CODES;
/** The codes by name, for code that reads UserErrorCode.INVALID. */
export const UserErrorCode = codesOf(USER_ERROR_CODES);

/**
 * Codes in `extensions.code` of GraphQL errors: whatever is not a problem with one input field.
 * `fieldLevel` codes null one field and leave the rest of the request (and a mutation that already
 * succeeded in it) standing; every other error rolls the request back. `status` is the HTTP status
 * when the error ends the request before execution.
 */
export const GRAPHQL_ERROR_CODES = {
  UNAUTHENTICATED: { status: 401, fieldLevel: false, about: "No valid API key (Authorization: Bearer <key>)." },
  FORBIDDEN: { status: 200, fieldLevel: true, about: "The key's role does not allow this operation or field." },
  NOT_FOUND: { status: 200, fieldLevel: true, about: "The record asked for does not exist in your organization." },
  // A variable's value that does not fit its type is refused by Apollo before execution: HTTP 400.
  BAD_USER_INPUT: { status: 200, fieldLevel: true, about: "An argument is invalid (the message names it)." },
  GRAPHQL_PARSE_FAILED: { status: 400, fieldLevel: false, about: "The query is not valid GraphQL." },
  GRAPHQL_VALIDATION_FAILED: { status: 400, fieldLevel: false, about: "The query does not fit the schema." },
  BAD_REQUEST: {
    status: 400,
    fieldLevel: false,
    about: "The HTTP request could not be read (e.g. not JSON, or not valid UTF-8).",
  },
  PERSISTED_QUERY_NOT_SUPPORTED: {
    status: 200,
    fieldLevel: false,
    about: "Automatic persisted queries are off (their cache would be shared by tenants): send the query.",
  },
  OPERATION_RESOLUTION_FAILURE: { status: 400, fieldLevel: false, about: "operationName names no operation." },
  QUERY_TOO_COMPLEX: {
    status: 400,
    fieldLevel: false,
    about: "Over a query limit: depth, aliases, tokens, cost, the size of an introspection answer or list items.",
  },
  PAYLOAD_TOO_LARGE: { status: 413, fieldLevel: false, about: "The request body is over MAX_BODY_BYTES." },
  THROTTLED: {
    status: 429,
    fieldLevel: false,
    about: "Too many failed authentications from this address or for this key; wait Retry-After seconds.",
  },
  TIMEOUT: {
    status: 503,
    fieldLevel: false,
    about:
      "A statement ran over STATEMENT_TIMEOUT_MS, or the request's database work over REQUEST_DB_TIMEOUT_MS, " +
      "and was cancelled.",
  },
  UNAVAILABLE: {
    status: 503,
    fieldLevel: false,
    about: "The database cannot be reached, or the connection was lost mid-request; nothing was written.",
  },
  INTERNAL: { status: 500, fieldLevel: false, about: "An unexpected error; it is logged, never shown." },
  DOCUMENT_READERS_BUSY: {
    status: 503,
    fieldLevel: false,
    about: "Every document reader is busy, or your organization holds its share of them; see Retry-After.",
  },
  REGISTER_APPLY_RUNNING: {
    status: 429,
    fieldLevel: false,
    about: "Your organization already applies a register import (one at a time); nothing was written, see Retry-After.",
  },
} as const satisfies Record<string, { status: number; fieldLevel: boolean; about: string }>;

export type GraphQLErrorCode = keyof typeof GRAPHQL_ERROR_CODES;

/**
 * Codes of the plain HTTP endpoints' errors (`{ error: { code, message, field? } }`) besides the
 * userError codes, with their status. A problem with one field answers a userError code: 400 for a
 * query parameter, 422 for an upload field (415 for UNSUPPORTED_MEDIA_TYPE).
 */
export const HTTP_ERROR_CODES = {
  BAD_REQUEST: { status: 400, about: "The request could not be read (e.g. a malformed multipart body)." },
  UNAUTHENTICATED: { status: 401, about: "No valid API key." },
  FORBIDDEN: { status: 403, about: "The key's role does not allow this endpoint." },
  NOT_FOUND: { status: 404, about: "No such record in your organization, or no such endpoint (method and path)." },
  EXTERNAL: { status: 409, about: "The evidence is kept elsewhere; the message gives its URI and hash." },
  PAYLOAD_TOO_LARGE: { status: 413, about: "The body or file is over its size limit." },
  THROTTLED: { status: 429, about: "Too many failed authentications from this address or for this key (Retry-After)." },
  EXPORT_TOO_LARGE: {
    status: 422,
    about: "The export would be over EXPORT_MAX_ROWS or EXPORT_MAX_BYTES; the message says how to narrow it.",
  },
  TOO_MANY_EXPORTS: {
    status: 429,
    about: "EXPORT_CONCURRENCY_PER_ORG (or EXPORT_CONCURRENCY) exports already run; try again after Retry-After.",
  },
  UPLOAD_TIMEOUT: {
    status: 408,
    about: "The upload's body did not arrive within UPLOAD_READ_TIMEOUT_MS; nothing was stored.",
  },
  UPLOADS_BUSY: {
    status: 503,
    about: "UPLOAD_CONCURRENCY_PER_ORG (or UPLOAD_CONCURRENCY) uploads already arrive; nothing read, see Retry-After.",
  },
  CLIENT_CLOSED_REQUEST: { status: 499, about: "The client went away: logged only, nobody receives it." },
  INTEGRITY_FAILED: { status: 500, about: "Stored content no longer matches its SHA-256; nothing is sent." },
  INTERNAL: { status: 500, about: "An unexpected error; it is logged, never shown." },
  TIMEOUT: {
    status: 503,
    about:
      "A statement ran over STATEMENT_TIMEOUT_MS, or the request's database work over REQUEST_DB_TIMEOUT_MS, " +
      "and was cancelled.",
  },
  UNAVAILABLE: {
    status: 503,
    about: "The database cannot be reached, or the connection was lost mid-request; nothing was written.",
  },
  DOCUMENT_READERS_BUSY: {
    status: 503,
    about: "Every reader is busy and the queue full, or your organization holds half the places; see Retry-After.",
  },
} as const satisfies Record<string, { status: number; about: string }>;

export type HttpErrorCode = keyof typeof HTTP_ERROR_CODES | UserErrorCode;

function codesOf<T extends Record<string, unknown>>(table: T): { readonly [K in keyof T]: K } {
  return Object.fromEntries(Object.keys(table).map((k) => [k, k])) as { [K in keyof T]: K };
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

export function userError(field: string[] | null, code: UserErrorCode, message: string): UserError {
  return Object.assign(new UserError(), { field, code, message });
}

/** Thrown inside a service to abort a mutation with user errors; the mutation runner rolls back. */
export class UserInputFailure extends Error {
  constructor(public readonly userErrors: UserError[]) {
    super(userErrors.map((e) => e.message).join("; "));
  }
}

/** Aborts a mutation with one userError: `field` is an input field name (under "input") or a full path. */
export function failInput(field: string | string[] | null, code: UserErrorCode, message: string): never {
  const path = field === null ? null : Array.isArray(field) ? field : ["input", field];
  throw new UserInputFailure([userError(path, code, message)]);
}

/** Fields a create mutation needs even though its input type shares optional fields with the update. */
export function requireInputFields<T extends object>(input: T, fields: readonly (keyof T & string)[]): void {
  const missing = fields.filter((f) => input[f] === undefined || input[f] === null);
  if (missing.length)
    throw new UserInputFailure(missing.map((f) => userError(["input", f], UserErrorCode.REQUIRED, `${f} is required`)));
}

/**
 * A GraphQL error of the vocabulary (its HTTP status where it ends the request before execution), with
 * a Retry-After header when the client should wait before trying again.
 */
export function graphqlError(code: GraphQLErrorCode, message: string, retryAfterSeconds?: number): GraphQLError {
  const { status } = GRAPHQL_ERROR_CODES[code];
  const headers = retryAfterSeconds !== undefined ? new Map([["retry-after", String(retryAfterSeconds)]]) : undefined;
  return new GraphQLError(message, {
    extensions: { code, ...(status !== 200 ? { http: { status, ...(headers ? { headers } : {}) } } : {}) },
  });
}

export function unauthenticated(message = "A valid API key is required (Authorization: Bearer <key>)."): GraphQLError {
  return graphqlError("UNAUTHENTICATED", message);
}

export function forbidden(message = "Your API key's role does not allow this operation."): GraphQLError {
  return graphqlError("FORBIDDEN", message);
}

export function notFound(what: string): GraphQLError {
  return graphqlError("NOT_FOUND", `${what} not found.`);
}

export function badUserInput(message: string): GraphQLError {
  return graphqlError("BAD_USER_INPUT", message);
}

/** The code of a GraphQL error of the vocabulary, or null for anything else. */
export function graphqlCodeOf(error: unknown): GraphQLErrorCode | null {
  const code = error instanceof GraphQLError ? error.extensions?.code : undefined;
  return typeof code === "string" && code in GRAPHQL_ERROR_CODES ? (code as GraphQLErrorCode) : null;
}

/** An answer of a plain HTTP endpoint: `{ error: { code, message, field? } }` with the code's status. */
export class HttpError extends Error {
  readonly status: number;
  /** Sent as Retry-After (seconds) with the answer, for a refusal that passes (503). */
  retryAfterSeconds: number | null = null;
  constructor(
    readonly code: HttpErrorCode,
    message: string,
    readonly field: string | null = null,
    /** For a userError code: 400 for a query parameter; by default 422 (415 for UNSUPPORTED_MEDIA_TYPE). */
    status?: number,
  ) {
    super(message);
    this.status = status ?? httpStatusOf(code);
  }
}

function httpStatusOf(code: HttpErrorCode): number {
  if (code in HTTP_ERROR_CODES) return HTTP_ERROR_CODES[code as keyof typeof HTTP_ERROR_CODES].status;
  return code === "UNSUPPORTED_MEDIA_TYPE" ? 415 : 422;
}

/** A problem with one field of an upload: 422 (415 for UNSUPPORTED_MEDIA_TYPE) with a userError code. */
export function unprocessable(code: UserErrorCode, message: string, field: string | null): HttpError {
  return new HttpError(code, message, field, code === "UNSUPPORTED_MEDIA_TYPE" ? 415 : 422);
}

/** A userError as the answer of an upload endpoint, naming the field by its last path segment. */
export function httpErrorOfUserError(e: UserError): HttpError {
  return unprocessable(e.code as UserErrorCode, e.message, e.field?.[e.field.length - 1] ?? null);
}

/** A bad query parameter of a plain HTTP endpoint: 400 INVALID, naming it (when known). */
export function badParameter(field: string | null, message: string): HttpError {
  return new HttpError("INVALID", message, field, 400);
}
