import { DataSource, DataSourceOptions } from "typeorm";
import { ENTITIES } from "./entities";
import { MIGRATIONS } from "../../migrations";
import { SqlCountingLogger } from "./sql-counter";

export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: "postgres",
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: "typeorm_migrations",
    migrationsTransactionMode: "each",
    uuidExtension: "pgcrypto",
    installExtensions: false,
    synchronize: false,
    logging: ["query"],
    logger: new SqlCountingLogger(),
    extra: { max: poolSize, application_name: "tilsyn" },
  };
}

export function createDataSource(url: string, poolSize?: number): DataSource {
  return new DataSource(dataSourceOptions(url, poolSize));
}
