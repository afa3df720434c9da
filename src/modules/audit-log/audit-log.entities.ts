// Which GraphQL type a table's rows are: read from the data source's entity metadata, so the audit log
// names entities the way the API does (subprocessor_engagement → SubprocessorEngagement).
import type { DataSource, EntityManager } from "typeorm";

interface Names {
  typeByTable: Map<string, string>;
  tableByType: Map<string, string>;
}

const namesOf = new WeakMap<DataSource, Names>();

function names(manager: EntityManager): Names {
  let n = namesOf.get(manager.connection);
  if (!n) {
    n = { typeByTable: new Map(), tableByType: new Map() };
    for (const meta of manager.connection.entityMetadatas) {
      if (typeof meta.target !== "function") continue;
      n.typeByTable.set(meta.tableName, meta.target.name);
      n.tableByType.set(meta.target.name, meta.tableName);
    }
    namesOf.set(manager.connection, n);
  }
  return n;
}

/** The GraphQL type name of a table's rows; the table name itself when no entity maps it. */
export function entityTypeOfTable(manager: EntityManager, table: string): string {
  return names(manager).typeByTable.get(table) ?? table;
}

/** The table holding a GraphQL type's rows, or null when the type is not a stored entity. */
export function tableOfEntityType(manager: EntityManager, typeName: string): string | null {
  const n = names(manager);
  return n.tableByType.get(typeName) ?? (n.typeByTable.has(typeName) ? typeName : null);
}
