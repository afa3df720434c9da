// API keys look like "tsk_<prefix>.<secret>": the prefix finds the row, the secret is checked
// against its stored SHA-256. The secret is shown once and never stored.
import { createHash, randomBytes } from "node:crypto";

export interface ParsedApiKey {
  prefix: string;
  secret: string;
}

export function generateApiKey(): { key: string; prefix: string; secretSha256: Buffer } {
  const prefix = randomBytes(6).toString("hex");
  const secret = randomBytes(32).toString("base64url");
  return { key: `tsk_${prefix}.${secret}`, prefix, secretSha256: createHash("sha256").update(secret).digest() };
}

export function parseApiKey(key: string): ParsedApiKey | null {
  const m = /^tsk_([0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/.exec(key);
  return m ? { prefix: m[1], secret: m[2] } : null;
}
