// npm run -s org:create -- --name "Acme A/S" --admin-key-name "ops" [--country DK]
// Creates an organization (a tenant) and its first ADMIN key, and prints the key once on stdout (alone on
// its line, so `KEY=$(npm run -s org:create -- …)` keeps it); what was done goes to stderr. The key never
// reaches a log. With DATABASE_URL it uses that PostgreSQL (its migrations are applied first). Without,
// it uses the embedded PostgreSQL under TILSYN_DATA_DIR (./.data): the one a running `npm start` serves,
// found as that start left it, or, when none runs, one it starts (migrations included) and stops again.
import "reflect-metadata";
import { loadConfig } from "../config";
import { createDataSource } from "../db/data-source";
import { createDatabaseIfMissing, runMigrations } from "../db/database";
import { EmbeddedPostgres, runningEmbeddedAdminUrl, startEmbeddedPostgres } from "../db/embedded";
import { isCountryCode } from "../common/countries";
import { createOrganization, organizationsNamed } from "../modules/organizations/provision";

const USAGE =
  'usage: npm run -s org:create -- --name "<organization>" --admin-key-name "<who uses the key>" ' +
  "[--country <ISO 3166-1 alpha-2, default DK>]";

class UsageError extends Error {}

interface Args {
  name: string;
  adminKeyName: string;
  country: string;
}

/** Reads `--flag value` and `--flag=value`; names the flag and the rule when something is wrong. */
function parseArgs(argv: string[]): Args {
  const known = new Set(["--name", "--admin-key-name", "--country"]);
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    if (!known.has(flag)) throw new UsageError(`unknown argument ${JSON.stringify(argv[i])}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`${flag} needs a value`);
    if (values.has(flag)) throw new UsageError(`${flag} is given twice`);
    values.set(flag, value);
  }
  const text = (flag: string) => {
    const value = values.get(flag)?.trim();
    if (!value) throw new UsageError(`${flag} is required and must not be blank`);
    if (value.length > 200) throw new UsageError(`${flag} must be at most 200 characters`);
    return value;
  };
  const country = (values.get("--country") ?? "DK").trim().toUpperCase();
  if (!isCountryCode(country)) throw new UsageError(`--country must be an ISO 3166-1 alpha-2 code (got ${country})`);
  return { name: text("--name"), adminKeyName: text("--admin-key-name"), country };
}

async function main(): Promise<void> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`org:create: ${err.message}\n${USAGE}\n`);
    process.exit(2);
  }
  const config = loadConfig();
  const say = (line: string) => process.stderr.write(`[org:create] ${line}\n`);
  let embedded: EmbeddedPostgres | undefined;
  let ownerUrl = config.databaseUrl;
  if (!ownerUrl) {
    const running = runningEmbeddedAdminUrl(config.dataDir);
    if (running) {
      say(`Using the embedded PostgreSQL of the tilsyn process running on ${config.dataDir}.`);
      ownerUrl = await createDatabaseIfMissing(running, "tilsyn");
    } else {
      say(`No DATABASE_URL and no running tilsyn: starting the embedded PostgreSQL under ${config.dataDir}.`);
      embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPort, notice: say });
      ownerUrl = await createDatabaseIfMissing(embedded.adminUrl, "tilsyn");
    }
  }
  try {
    await runMigrations(ownerUrl);
    const owner = createDataSource(ownerUrl, 1);
    await owner.initialize();
    try {
      const same = await organizationsNamed(owner, args.name);
      if (same) {
        say(`An organization named ${JSON.stringify(args.name)} exists already; nothing was created.`);
        process.exitCode = 1;
        return;
      }
      const { organization, key, apiKey } = await createOrganization(
        owner,
        { name: args.name, countryCode: args.country },
        undefined,
        args.adminKeyName,
      );
      say(`Created the organization ${JSON.stringify(organization.name)} (${organization.id}).`);
      say(`Its ADMIN key ${JSON.stringify(key.name)} (prefix ${key.prefix}) is below, shown this once: keep it.`);
      process.stdout.write(`${apiKey}\n`);
    } finally {
      await owner.destroy();
    }
  } finally {
    await embedded?.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`org:create failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
