// Streaming a file to a client: wait for the socket before writing more, stop when the client leaves,
// and write CSV through csv-stringify (quoting, a BOM for spreadsheets, formula-safe cells).
import type { Response } from "express";
import { finished } from "node:stream/promises";
import { stringify, type ColumnOption } from "csv-stringify";
import { badParameter, HttpError } from "../common/errors";

/** The client went away mid-download: nothing to answer (the response is destroyed), nothing to log as an error. */
export const clientGone = () => new HttpError("CLIENT_CLOSED_REQUEST", "The client closed the connection.");

/** Resolves on `source`'s next 'drain'; rejects when the response closes first. */
export function drained(source: NodeJS.EventEmitter, res: Response): Promise<void> {
  if (res.destroyed) return Promise.reject(clientGone());
  return new Promise((resolve, reject) => {
    const done = (err?: HttpError) => {
      source.off("drain", onDrain);
      res.off("close", onClose);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(clientGone());
    source.once("drain", onDrain);
    res.once("close", onClose);
  });
}

/** Resolves when the whole response has been handed to the OS; rejects when the client left before. */
export async function responseDone(res: Response): Promise<void> {
  try {
    await finished(res);
  } catch {
    throw clientGone();
  }
}

/** The CSV field separators an export offers (`delimiter=`): Danish Excel reads `;`, others `,`. */
export const CSV_DELIMITERS = { comma: ",", semicolon: ";" } as const;
export type CsvDelimiter = keyof typeof CSV_DELIMITERS;

/**
 * The `delimiter` query parameter: comma or semicolon; without it, semicolon for Danish (lang=da, as
 * Danish Excel expects) and comma otherwise. Throws a 400 naming the parameter.
 */
export function csvDelimiterOf(value: unknown, lang: string = "en"): CsvDelimiter {
  if (value === undefined) return lang === "da" ? "semicolon" : "comma";
  // Own keys only: `in` would take "toString" or "constructor" from Object's prototype.
  if (typeof value === "string" && Object.hasOwn(CSV_DELIMITERS, value)) return value as CsvDelimiter;
  throw badParameter("delimiter", `delimiter must be one of: ${Object.keys(CSV_DELIMITERS).join(", ")}`);
}

/** Writes the rows as CSV with a header line, honouring backpressure. */
export async function streamCsv(
  res: Response,
  columns: (string | ColumnOption)[],
  rows: Iterable<unknown> | AsyncIterable<unknown>,
  options: { delimiter?: CsvDelimiter } = {},
): Promise<void> {
  // escape_formulas: a cell starting with = + - @ is not run as a formula by spreadsheet software.
  const delimiter = CSV_DELIMITERS[options.delimiter ?? "comma"];
  const csv = stringify({ header: true, columns, bom: true, escape_formulas: true, delimiter });
  csv.on("error", (err) => res.destroy(err));
  csv.pipe(res);
  for await (const row of rows) {
    if (res.destroyed) throw clientGone();
    if (!csv.write(row)) await drained(csv, res);
  }
  csv.end();
  await responseDone(res);
}
