// Requests run on connections that log in as the app role itself. Such a session cannot become the
// owner: RESET ROLE returns to tilsyn_app, and SET ROLE to the owner is refused. The app role's
// password is derived from the owner's credentials, so every replica given the same DATABASE_URL
// computes the same one and nothing has to be stored; whoever knows the owner URL owns the data anyway.
import { createHmac } from "node:crypto";
import { Client } from "pg";
import { APP_ROLE } from "./app-role";

/** The app role's password for a given owner connection (independent of the database name). */
export function appLoginPassword(ownerUrl: string): string {
  const u = new URL(ownerUrl);
  const owner = `${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}@${u.hostname}:${u.port}`;
  return createHmac("sha256", owner).update(`${APP_ROLE} login v1`).digest("base64url");
}

/** The owner URL with the app role's login in place of the owner's. */
export function appLoginUrl(ownerUrl: string): string {
  const u = new URL(ownerUrl);
  u.username = APP_ROLE;
  u.password = appLoginPassword(ownerUrl);
  return u.toString();
}

async function canLogIn(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Makes sure the app role can log in with its derived password. Returns false when the owner may not
 * change roles (a managed database without CREATEROLE): the caller then switches role per transaction.
 */
export async function ensureAppLogin(ownerUrl: string): Promise<boolean> {
  if (await canLogIn(appLoginUrl(ownerUrl))) return true;
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    // ALTER ROLE takes no parameters; base64url has no quote.
    await client.query(`ALTER ROLE ${APP_ROLE} LOGIN PASSWORD '${appLoginPassword(ownerUrl)}'`);
  } catch {
    return false;
  } finally {
    await client.end();
  }
  return canLogIn(appLoginUrl(ownerUrl));
}
