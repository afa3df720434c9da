// Which GraphQL type a table's rows are: derived from the TypeORM metadata of ENTITIES, so the
// audit log names entities the way the API does (subprocessor_engagement → SubprocessorEngagement).
import { getMetadataArgsStorage } from "typeorm";
import { ENTITIES } from "../../db/entities";

let maps: { typeByTable: Map<string, string>; tableByType: Map<string, string> } | undefined;

function build() {
  const tables = getMetadataArgsStorage().tables;
  const typeByTable = new Map<string, string>();
  const tableByType = new Map<string, string>();
  for (const entity of ENTITIES) {
    const table = tables.find((t) => t.target === entity)?.name;
    if (!table) continue;
    typeByTable.set(table, entity.name);
    tableByType.set(entity.name, table);
  }
  return { typeByTable, tableByType };
}

/** The GraphQL type name of a table's rows; the table name itself when no entity maps it. */
export function entityTypeOfTable(table: string): string {
  maps ??= build();
  return maps.typeByTable.get(table) ?? table;
}

/** The table holding a GraphQL type's rows, or null when the type is not a stored entity. */
export function tableOfEntityType(typeName: string): string | null {
  maps ??= build();
  return maps.tableByType.get(typeName) ?? (maps.typeByTable.has(typeName) ? typeName : null);
}
