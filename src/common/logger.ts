// Structured JSON logs (pino). One line per request (see src/http/request-context.ts) plus
// startup, shutdown and internal errors. Logs carry ids, never personal data: no API keys,
// no Authorization header, no GraphQL variables or input values, no SQL text.
import pino, { DestinationStream, Logger } from "pino";
import type { LogLevel } from "../config";

export type { Logger };

/**
 * Database errors (TypeORM QueryFailedError, pg errors) carry the SQL text, its parameters and a
 * `detail` such as `Key (name)=(Acme) already exists`; their message can quote an input value
 * (`invalid input syntax for type uuid: "…"`). Keep the SQLSTATE and the names of the objects
 * involved, drop the rest, including the message from the stack.
 */
function databaseFields(err: Error): Record<string, unknown> | null {
  const driver =
    (err as { driverError?: Record<string, unknown> }).driverError ?? (err as unknown as Record<string, unknown>);
  const code = driver?.code;
  if (typeof code !== "string" || !/^[0-9A-Z]{5}$/.test(code)) return null;
  const fields: Record<string, unknown> = { sqlState: code };
  for (const key of ["severity", "routine", "table", "column", "constraint", "schema"]) {
    if (typeof driver[key] === "string") fields[key] = driver[key];
  }
  return fields;
}

/** Serializes an error for the log: type, message and stack, minus anything that can hold data. */
export function serializeError(value: unknown): Record<string, unknown> {
  if (!(value instanceof Error)) return { type: typeof value, message: "non-error value thrown" };
  const frames = (value.stack ?? "")
    .split("\n")
    .filter((line) => /^\s+at /.test(line))
    .join("\n");
  const db = databaseFields(value);
  if (db) {
    return {
      type: value.name,
      message: `database error ${db.sqlState}`,
      ...db,
      stack: `${value.name}: database error ${db.sqlState}\n${frames}`,
    };
  }
  const out: Record<string, unknown> = { type: value.name, message: value.message, stack: value.stack };
  const cause = (value as { cause?: unknown }).cause;
  if (cause !== undefined) out.cause = serializeError(cause);
  return out;
}

export interface LoggerOptions {
  level: LogLevel;
  /** Where lines go; stdout when left out. Tests pass an in-memory stream. */
  destination?: DestinationStream;
}

export function createLogger({ level, destination }: LoggerOptions): Logger {
  return pino(
    {
      level,
      base: { service: "tilsyn" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: serializeError },
      // Belt and braces: none of these is ever passed to the logger, but if one is, it is dropped.
      redact: {
        paths: [
          "authorization",
          "headers.authorization",
          "req.headers.authorization",
          "apiKey",
          "key",
          "variables",
          "query",
          "sql",
          "parameters",
        ],
        remove: true,
      },
    },
    destination,
  );
}

let fallback: Logger | undefined;

/** For code running outside a server started by startServer (which injects its own). */
export function defaultLogger(): Logger {
  fallback ??= createLogger({ level: "info" });
  return fallback;
}

/** What the per-request log line reports. Filled in as the request goes along. */
export interface RequestLogRecord {
  requestId: string;
  /** The client's X-Request-Id when it was not a UUID (and so not taken as the request id). */
  clientRequestId?: string;
  method: string;
  /** Path without the query string (a GET /graphql query string holds variables). */
  path: string;
  operationName?: string | null;
  operationType?: string;
  cost?: number;
  errorCodes: string[];
  role?: string;
  organizationId?: string;
}

export function addErrorCode(record: RequestLogRecord | undefined, code: string): void {
  if (record && !record.errorCodes.includes(code)) record.errorCodes.push(code);
}
