import { Router } from "express";
import type { Config } from "../../config";
import type { Database } from "../../db/database";

/** POST /evidence (multipart upload) and GET /evidence/:id/content (download). */
export function evidenceRouter(_config: Config, _db: Database): Router {
  return Router();
}
