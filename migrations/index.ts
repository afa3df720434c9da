// Every migration, in order. Listed explicitly so the same list works from ts-node and from dist/.
import { Initial1795395326849 } from "./1795395326849-Initial";
import { RowLevelSecurity1795395326850 } from "./1795395326850-RowLevelSecurity";

export const MIGRATIONS: Function[] = [Initial1795395326849, RowLevelSecurity1795395326850];
