// DataSource for the TypeORM CLI (npm run migration:generate|run|revert). Needs DATABASE_URL.
import "reflect-metadata";
import { loadConfig } from "./src/config";
import { createDataSource } from "./src/db/data-source";

const config = loadConfig();
if (!config.databaseUrl) {
  throw new Error("Set DATABASE_URL to the PostgreSQL database the TypeORM CLI should use.");
}
export default createDataSource(config.databaseUrl);
