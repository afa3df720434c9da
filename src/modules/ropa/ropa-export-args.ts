// What an art. 30 export is asked for (ropa.http.ts reads it from the query), as the export worker gets it too.
import type { CsvDelimiter } from "../../http/streaming";
import type { RecordArgs } from "./record.service";
import type { Granularity, Lang } from "./ropa-export";

export type Format = "csv" | "xlsx" | "json";

export interface RopaExportArgs {
  lang: Lang;
  granularity: Granularity;
  delimiter: CsvDelimiter;
  record: RecordArgs;
}
