// Every TypeORM entity: those of each module's manifest.
import { MODULES } from "../modules";

export const ENTITIES: Function[] = MODULES.flatMap((m) => m.entities ?? []);
