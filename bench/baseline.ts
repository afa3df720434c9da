// The yardstick for npm run bench: a plain node:http + pg endpoint with hand-written SQL that answers
// Q1 (dashboard page) and Q2 (sub-processor tree) with the same JSON as the GraphQL API, one SQL
// statement per request, no GraphQL, no ORM, no transaction, no key check beyond a fixed bearer.
// Q1 has two versions: the original baseline (POST /graphql) and the honest floor (POST /floor).
// The harness checks both answers are equal before it times either.
//
// Run alone: BASELINE_DATABASE_URL=… BASELINE_ORGANIZATION_ID=… BASELINE_API_KEY=… PORT=… ts-node bench/baseline.ts
// The two derived supervision dates use the app's pure schedule functions: arithmetic on dates, not data access.
import http from "node:http";
import { Pool } from "pg";
import {
  nextDueDate,
  supervisionStatus,
  DEFAULT_INTERVAL_MONTHS,
  DEFAULT_DUE_SOON_DAYS,
} from "../src/modules/supervision/schedule.rules";
import { todayIso, isoDateOf } from "../src/common/dates";

const gid = (type: string, column: string) =>
  `translate(encode(convert_to('${type}:' || ${column}, 'UTF8'), 'base64'), '+/=', '-_')`;

// Engagements in the chain today: approved and not replaced by a lapsed notice, or proposed and accepted by silence.
const lapsed = (column: string, id: string) => `EXISTS (SELECT 1 FROM subprocessor_change_notice n
  WHERE n.${column} = ${id} AND n."authorization" = 'GENERAL' AND n.decision <> 'OBJECTED' AND n.deadline <
    current_date)`;
const inForce = (
  e: string,
) => `${e}.archived_at IS NULL AND ((${e}.status = 'APPROVED' AND NOT ${lapsed("replaces_engagement_id", `${e}.id`)})
  OR (${e}.status = 'PROPOSED' AND ${lapsed("engagement_id", `${e}.id`)}))`;

const DASHBOARD_SQL = `
WITH page AS (
  SELECT p.id, p.name, p.country_code, p.created_at, r.score, r.tier, r.factors
    FROM processor p LEFT JOIN risk_assessment r ON r.processor_id = p.id AND r.is_current
   WHERE p.organization_id = $1 AND p.archived_at IS NULL
   ORDER BY coalesce(r.score, -1) DESC, p.id DESC
   LIMIT $2)
SELECT p.id, p.name, p.country_code, p.created_at, p.score, p.tier,
       (SELECT coalesce(json_agg(json_build_object('key', f->>0, 'label', f->>1, 'contribution', (f->>4)::float8) ORDER
         BY o), '[]')
          FROM jsonb_array_elements(p.factors) WITH ORDINALITY x(f, o) WHERE o <= 3) AS factors,
       a.id AS agreement_id, a.title, a.kind, a.status, a.breach_notification_hours, a.subprocessor_authorization,
       a.processor_audit_interval_months, a.processor_audit_due_day,
       to_char(a.effective_from, 'YYYY-MM-DD') AS effective_from, to_char(a.signed_on, 'YYYY-MM-DD') AS signed_on,
         a.created_at AS agreement_created_at,
       c.interval_months AS chosen_interval, c.id AS choice_id,
       (SELECT to_char(ar.received_on, 'YYYY-MM-DD') FROM audit_report ar
          LEFT JOIN LATERAL (SELECT v.conclusion FROM audit_report_review v WHERE v.audit_report_id = ar.id
                              ORDER BY v.reviewed_on DESC, v.created_at DESC LIMIT 1) lv ON true
         WHERE ar.processor_id = p.id AND lv.conclusion IS DISTINCT FROM 'REJECTED'
         ORDER BY ar.received_on DESC, ar.created_at DESC LIMIT 1) AS last_supervised_on,
       (SELECT count(DISTINCT e.subprocessor_id)::int FROM subprocessor_engagement e WHERE e.processor_id = p.id AND
         ${inForce("e")}) AS subprocessor_count,
       (SELECT coalesce(json_agg(json_build_object('key', k.key, 'sensitivity', k.sensitivity) ORDER BY k.key), '[]')
          FROM (SELECT DISTINCT dc.key, dc.sensitivity FROM agreement ca
                  JOIN agreement_data_category l ON l.agreement_id = ca.id JOIN data_category dc ON dc.id =
                    l.data_category_id
                 WHERE ca.processor_id = p.id AND ca.status = 'ACTIVE' AND ca.archived_at IS NULL) k) AS categories
  FROM page p
  LEFT JOIN LATERAL (
    SELECT * FROM agreement ag WHERE ag.processor_id = p.id AND ag.status = 'ACTIVE' AND ag.archived_at IS NULL
     ORDER BY (ag.kind = 'DPA' AND ag.principal_id IS NULL) DESC, ag.effective_from DESC NULLS LAST, ag.created_at DESC
       LIMIT 1) a ON true
  LEFT JOIN supervision_plan c ON c.processor_id = p.id
 ORDER BY coalesce(p.score, -1) DESC, p.id DESC`;

// The honest floor: what a careful engineer writes by hand. The page is ranked on the partial index of
// current scores (ix_risk_assessment_rank: id and score only, no wide factors), and every lookup per row
// names the organization, so the composite (organization_id, …) indexes serve it. Same JSON as the API
// (it assumes every unarchived processor is scored, as it is once the API has read the portfolio).
const lapsedFloor = (column: string, id: string) => `EXISTS (SELECT 1 FROM subprocessor_change_notice n
  WHERE n.organization_id = $1 AND n.${column} = ${id} AND n."authorization" = 'GENERAL' AND n.decision <> 'OBJECTED'
    AND n.deadline < current_date)`;
const inForceFloor = (e: string) => `${e}.archived_at IS NULL
  AND ((${e}.status = 'APPROVED' AND NOT ${lapsedFloor("replaces_engagement_id", `${e}.id`)})
    OR (${e}.status = 'PROPOSED' AND ${lapsedFloor("engagement_id", `${e}.id`)}))`;

const DASHBOARD_FLOOR_SQL = `
WITH page AS (
  SELECT k.processor_id AS id, k.score FROM risk_assessment k
    JOIN processor kp ON kp.organization_id = $1 AND kp.id = k.processor_id AND kp.archived_at IS NULL
   WHERE k.organization_id = $1 AND k.is_current
   ORDER BY k.score DESC, k.processor_id DESC
   LIMIT $2)
SELECT p.id, p.name, p.country_code, p.created_at, pg.score, r.tier,
       (SELECT coalesce(json_agg(json_build_object('key', f->>0, 'label', f->>1, 'contribution', (f->>4)::float8) ORDER
         BY o), '[]')
          FROM jsonb_array_elements(r.factors) WITH ORDINALITY x(f, o) WHERE o <= 3) AS factors,
       a.id AS agreement_id, a.title, a.kind, a.status, a.breach_notification_hours, a.subprocessor_authorization,
       a.processor_audit_interval_months, a.processor_audit_due_day,
       to_char(a.effective_from, 'YYYY-MM-DD') AS effective_from, to_char(a.signed_on, 'YYYY-MM-DD') AS signed_on,
         a.created_at AS agreement_created_at,
       c.interval_months AS chosen_interval, c.id AS choice_id,
       (SELECT to_char(ar.received_on, 'YYYY-MM-DD') FROM audit_report ar
          LEFT JOIN LATERAL (SELECT v.conclusion FROM audit_report_review v
                              WHERE v.organization_id = $1 AND v.audit_report_id = ar.id
                              ORDER BY v.reviewed_on DESC, v.created_at DESC LIMIT 1) lv ON true
         WHERE ar.organization_id = $1 AND ar.processor_id = p.id AND lv.conclusion IS DISTINCT FROM 'REJECTED'
         ORDER BY ar.received_on DESC, ar.created_at DESC LIMIT 1) AS last_supervised_on,
       (SELECT count(DISTINCT e.subprocessor_id)::int FROM subprocessor_engagement e
         WHERE e.organization_id = $1 AND e.processor_id = p.id AND ${inForceFloor("e")}) AS subprocessor_count,
       (SELECT coalesce(json_agg(json_build_object('key', k.key, 'sensitivity', k.sensitivity) ORDER BY k.key), '[]')
          FROM (SELECT DISTINCT dc.key, dc.sensitivity FROM agreement ca
                  JOIN agreement_data_category l ON l.organization_id = $1 AND l.agreement_id = ca.id
                  JOIN data_category dc ON dc.id = l.data_category_id
                 WHERE ca.organization_id = $1 AND ca.processor_id = p.id AND ca.status = 'ACTIVE'
                   AND ca.archived_at IS NULL) k) AS categories
  FROM page pg
  JOIN processor p ON p.organization_id = $1 AND p.id = pg.id
  JOIN risk_assessment r ON r.organization_id = $1 AND r.processor_id = pg.id AND r.is_current
  LEFT JOIN LATERAL (
    SELECT * FROM agreement ag
     WHERE ag.organization_id = $1 AND ag.processor_id = p.id AND ag.status = 'ACTIVE' AND ag.archived_at IS NULL
     ORDER BY (ag.kind = 'DPA' AND ag.principal_id IS NULL) DESC, ag.effective_from DESC NULLS LAST, ag.created_at DESC
       LIMIT 1) a ON true
  LEFT JOIN supervision_plan c ON c.organization_id = $1 AND c.processor_id = p.id
 ORDER BY pg.score DESC, pg.id DESC`;

// Q2, on /graphql and /floor alike: the tree with every join naming the organization, so the composite indexes
// serve each step (the honest floor; the first baseline's joins named it only at the root).
const TREE_SQL = `
WITH RECURSIVE tree AS (
  SELECT e.id AS engagement_id, e.subprocessor_id AS node_id, 1 AS depth, ARRAY[e.processor_id, e.subprocessor_id] AS
    path,
         ARRAY[lower(p.name) || ' ' || e.id::text] AS sort_key, false AS cycle
    FROM subprocessor_engagement e JOIN processor p ON p.organization_id = $1 AND p.id = e.subprocessor_id
   WHERE e.organization_id = $1 AND e.processor_id = $2 AND ${inForceFloor("e")}
  UNION ALL
  SELECT e.id, e.subprocessor_id, t.depth + 1, t.path || e.subprocessor_id, t.sort_key || (lower(p.name) || ' ' ||
    e.id::text),
         e.subprocessor_id = ANY(t.path)
    FROM tree t JOIN subprocessor_engagement e ON e.organization_id = $1 AND e.processor_id = t.node_id
      JOIN processor p ON p.organization_id = $1 AND p.id = e.subprocessor_id
   WHERE NOT t.cycle AND t.depth < $3 AND ${inForceFloor("e")})
SELECT (SELECT count(*) FROM processor WHERE organization_id = $1 AND id = $2 AND archived_at IS NULL) AS found,
       coalesce(json_agg(json_build_object(
         'depth', t.depth,
         'path', (SELECT json_agg(${gid("Processor", "x")} ORDER BY o) FROM unnest(t.path) WITH ORDINALITY u(x, o)),
         'cycle', t.cycle,
         'processor', json_build_object('id', ${gid("Processor", "p.id")}, 'name', p.name, 'countryCode',
           p.country_code),
         'engagement', json_build_object('countries', e.countries, 'transferMechanism', e.transfer_mechanism)
       ) ORDER BY t.sort_key), '[]')::text AS nodes
  FROM tree t JOIN subprocessor_engagement e ON e.organization_id = $1 AND e.id = t.engagement_id
    JOIN processor p ON p.organization_id = $1 AND p.id = t.node_id`;

const toGlobalId = (type: string, id: string) => Buffer.from(`${type}:${id}`, "utf8").toString("base64url");

interface DashboardRow {
  id: string;
  name: string;
  country_code: string | null;
  created_at: Date;
  score: number | null;
  tier: string | null;
  factors: unknown[];
  agreement_id: string | null;
  title: string;
  kind: string;
  status: string;
  breach_notification_hours: number | null;
  subprocessor_authorization: string | null;
  processor_audit_interval_months: number | null;
  processor_audit_due_day: string | null;
  effective_from: string | null;
  signed_on: string | null;
  agreement_created_at: Date | null;
  chosen_interval: number | null;
  choice_id: string | null;
  last_supervised_on: string | null;
  subprocessor_count: number;
  categories: unknown[];
}

function dashboardNode(r: DashboardRow, today: string) {
  let plan: { nextDueOn: string; status: string } | null = null;
  if (r.agreement_id || r.choice_id) {
    const intervalMonths = Math.min(
      r.processor_audit_interval_months ?? DEFAULT_INTERVAL_MONTHS,
      r.chosen_interval ?? Number.MAX_SAFE_INTEGER,
    );
    const startOn = r.effective_from ?? r.signed_on ?? isoDateOf(r.agreement_created_at ?? r.created_at);
    const nextDueOn = nextDueDate({ intervalMonths, dueDay: r.processor_audit_due_day }, r.last_supervised_on, startOn);
    plan = {
      nextDueOn,
      status: supervisionStatus({
        nextDueOn,
        lastSupervisedOn: r.last_supervised_on,
        today,
        dueSoonDays: DEFAULT_DUE_SOON_DAYS,
      }),
    };
  }
  return {
    id: toGlobalId("Processor", r.id),
    name: r.name,
    countryCode: r.country_code,
    risk: r.tier === null ? null : { score: r.score, tier: r.tier, factors: r.factors },
    currentAgreement: r.agreement_id
      ? {
          id: toGlobalId("Agreement", r.agreement_id),
          title: r.title,
          kind: r.kind,
          status: r.status,
          breachNotificationHours: r.breach_notification_hours,
          subprocessorAuthorization: r.subprocessor_authorization,
        }
      : null,
    subprocessorCount: r.subprocessor_count,
    supervisionPlan: plan,
    dataCategories: r.categories,
  };
}

export function startBaseline(opts: {
  databaseUrl: string;
  organizationId: string;
  apiKey: string;
  port: number;
  poolSize?: number;
}): Promise<{ url: string; close(): Promise<void> }> {
  const pool = new Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10, options: "-c jit=off" });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      try {
        if (req.headers.authorization !== `Bearer ${opts.apiKey}`) {
          res.writeHead(401).end();
          return;
        }
        const { operationName, variables } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        let body: string;
        if (operationName === "Dashboard") {
          const first: number = variables.first;
          // /floor answers from the honest floor's SQL; /graphql from the original baseline's.
          const sql = req.url?.endsWith("/floor") ? DASHBOARD_FLOOR_SQL : DASHBOARD_SQL;
          const { rows } = await pool.query<DashboardRow>(sql, [opts.organizationId, first + 1]);
          const page = rows.slice(0, first);
          const today = todayIso();
          const last = page[page.length - 1];
          const endCursor = last
            ? Buffer.from(JSON.stringify([last.score ?? -1, last.id]), "utf8").toString("base64url")
            : null;
          body = JSON.stringify({
            data: {
              processors: {
                edges: page.map((r) => ({ node: dashboardNode(r, today) })),
                pageInfo: { hasNextPage: rows.length > first, endCursor },
              },
            },
          });
        } else if (operationName === "Tree") {
          const [, id] = Buffer.from(variables.id, "base64url").toString("utf8").split(":");
          const { rows } = await pool.query(TREE_SQL, [opts.organizationId, id, variables.maxDepth]);
          // The tree arrives as JSON text from PostgreSQL; it is spliced in, not parsed and re-serialised.
          body = Number(rows[0].found)
            ? `{"data":{"processor":{"subprocessorTree":${rows[0].nodes}}}}`
            : `{"data":{"processor":null}}`;
        } else {
          res.writeHead(400).end();
          return;
        }
        res.writeHead(200, { "content-type": "application/json" }).end(body);
      } catch (err) {
        res.writeHead(500, { "content-type": "text/plain" }).end(String(err));
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(opts.port, "127.0.0.1", () => {
      const address = server.address() as { port: number };
      resolve({
        url: `http://127.0.0.1:${address.port}/graphql`,
        close: async () => {
          await new Promise((r) => server.close(r));
          await pool.end();
        },
      });
    }),
  );
}

if (require.main === module) {
  const env = process.env;
  startBaseline({
    databaseUrl: env.BASELINE_DATABASE_URL!,
    organizationId: env.BASELINE_ORGANIZATION_ID!,
    apiKey: env.BASELINE_API_KEY!,
    port: Number(env.PORT ?? 0),
    poolSize: Number(env.DB_POOL_SIZE ?? 10),
  }).then((b) => process.send?.({ url: b.url }) ?? console.log(`baseline on ${b.url}`));
}
