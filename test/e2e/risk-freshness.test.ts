// Freshness per processor: a write marks stale only the processors whose risk facts it touched; the next
// read recomputes those and what is upstream of them, and nothing else. Proven against a full recompute
// over random write sequences (after every read, recomputeRisk finds nothing to change), plus the
// cases the dashboard cares about: a rename recomputes nothing, one processor's change stores one
// assessment, concurrent writers never make two current assessments, and rows added elsewhere never
// change a fingerprint.
import { readFileSync } from "node:fs";
import path from "node:path";
import { seedDemoOrganization, startTestApp, TestApp } from "../helpers/app";
import { riskStoreChunk } from "../../src/modules/risk/risk.service";
import { mulberry32 } from "../../bench/lib/generate"; // deterministic: a failing case replays from its seed

const Q1 = readFileSync(path.resolve(__dirname, "..", "..", "bench", "queries", "q1-dashboard.graphql"), "utf8");
const RECOMPUTE = `mutation { recomputeRisk { result { processors changed } userErrors { message } } }`;
const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`, "utf8").toString("base64url");

let app: TestApp;
let key: string;
let org: string;
/** The generated vendors, in chain order: vendor i engages vendor i + 1 for every third i. */
let vendors: string[];

beforeAll(async () => {
  app = await startTestApp();
  ({ key, organizationId: org } = await seedDemoOrganization(app));
  const rows: { id: string }[] = await app.db.owner.query(
    `INSERT INTO processor (organization_id, name, direct, country_code)
     SELECT $1, 'Vendor ' || lpad(g::text, 2, '0'), g % 3 = 1, (ARRAY['DK', 'DE', 'US', 'IN'])[1 + g % 4]
       FROM generate_series(1, 30) g ORDER BY g RETURNING id`,
    [org],
  );
  vendors = rows.map((r) => r.id);
  await app.db.owner.query(
    `INSERT INTO agreement (organization_id, processor_id, kind, template, status, title, breach_notification_hours,
       subprocessor_authorization, processor_audit_interval_months)
     SELECT $1, id, 'DPA', 'DATATILSYNET_SCC', 'ACTIVE', 'DPA', 48, 'GENERAL', 12 FROM unnest($2::uuid[]) id`,
    [org, vendors.filter((_, i) => i % 2 === 0)],
  );
  for (let i = 0; i + 1 < vendors.length; i++) {
    if (i % 3 === 2) continue;
    await app.db.owner.query(
      `INSERT INTO subprocessor_engagement (organization_id, processor_id, subprocessor_id, countries,
         transfer_mechanism) VALUES ($1, $2, $3, $4, $5)`,
      [org, vendors[i], vendors[i + 1], i % 4 === 0 ? "{US}" : "{DE}", i % 4 === 0 ? "UNKNOWN" : "NOT_NEEDED_EEA"],
    );
  }
  await dashboard(); // the first read scores the whole portfolio
});
afterAll(() => app.stop());

async function dashboard(): Promise<number> {
  const res = await app.gql(key, Q1, { first: 10 });
  expect(res.errors).toBeUndefined();
  expect(res.data.processors.edges).toHaveLength(10);
  return res.extensions!.sqlStatements!;
}

async function assessments(): Promise<Map<string, number>> {
  const rows: { processor_id: string; n: number }[] = await app.db.owner.query(
    `SELECT processor_id, count(*)::int AS n FROM risk_assessment WHERE organization_id = $1 GROUP BY 1`,
    [org],
  );
  return new Map(rows.map((r) => [r.processor_id, r.n]));
}

/** Processors whose number of stored assessments grew between two counts. */
function grew(before: Map<string, number>, after: Map<string, number>): string[] {
  return [...after].filter(([id, n]) => n > (before.get(id) ?? 0)).map(([id]) => id);
}

async function fullRecomputeChanges(): Promise<number> {
  const data = await app.ok(key, RECOMPUTE);
  return data.recomputeRisk.result.changed;
}

const marked = async () =>
  (await app.db.owner.query(`SELECT count(*)::int AS n FROM risk_stale_processor WHERE organization_id = $1`, [org]))[0]
    .n as number;

test("renaming a processor marks nothing stale: the next dashboard read recomputes nothing", async () => {
  const fresh = await dashboard();
  const before = await assessments();
  const p = (await app.db.owner.query(`SELECT id, version FROM processor WHERE id = $1`, [vendors[3]]))[0];
  await app.ok(
    key,
    `mutation($id: ID!, $version: Int!) { updateProcessor(input: { id: $id, version: $version,
      name: "Vendor renamed", website: "https://renamed.example" }) { processor { id } userErrors { message } } }`,
    { id: gid("Processor", p.id), version: p.version },
  );
  expect(await marked()).toBe(0);
  // The same statements as a fresh read: nothing was recomputed.
  expect(await dashboard()).toBe(fresh);
  expect(grew(before, await assessments())).toEqual([]);
});

const hopMarks = async () =>
  (await app.db.owner.query(`SELECT count(*)::int AS n FROM risk_stale_hop WHERE organization_id = $1`, [org]))[0]
    .n as number;

/** The engagement from vendors[i] to vendors[i + 1], with its version. */
const engagementFrom = async (i: number) =>
  (
    await app.db.owner.query(
      `SELECT id, version FROM subprocessor_engagement WHERE processor_id = $1 AND subprocessor_id = $2`,
      [vendors[i], vendors[i + 1]],
    )
  )[0] as { id: string; version: number };

const updateEngagement = async (i: number, patch: Record<string, unknown>) => {
  const e = await engagementFrom(i);
  const data = await app.ok(
    key,
    `mutation($input: UpdateSubprocessorEngagementInput!) { updateSubprocessorEngagement(input: $input) {
      userErrors { message } } }`,
    { input: { id: gid("SubprocessorEngagement", e.id), version: e.version, ...patch } },
  );
  expect(data.updateSubprocessorEngagement.userErrors).toEqual([]);
};

test("an engagement's purpose, source and dates mark nothing stale", async () => {
  const fresh = await dashboard();
  const before = await assessments();
  await updateEngagement(3, { purpose: "Hosting, renamed", source: "Bilag B, row 4", approvedOn: "2026-01-02" });
  expect(await marked()).toBe(0);
  expect(await hopMarks()).toBe(0);
  expect(await dashboard()).toBe(fresh);
  expect(grew(before, await assessments())).toEqual([]);
});

test("an engagement's terms that leave the hop's assessment as it was recompute nothing", async () => {
  // vendors[6] → [7] in Germany: any mechanism, or another EEA country, is assessed the same.
  const fresh = await dashboard();
  const before = await assessments();
  await updateEngagement(6, { transferMechanism: "SCC" });
  await updateEngagement(6, { countries: ["DE", "FR"] });
  expect(await marked()).toBe(0);
  expect(await hopMarks()).toBe(2);
  // The terms are judged (the engagement and the governing agreement; the marks are claimed in the read's
  // first statement), nothing is recomputed.
  expect(await dashboard()).toBeLessThanOrEqual(fresh + 2);
  expect(await hopMarks()).toBe(0);
  expect(grew(before, await assessments())).toEqual([]);
  expect(await fullRecomputeChanges()).toBe(0);
});

test("an engagement's terms that change the hop's assessment recompute the engaging processor and above", async () => {
  // vendors[3] → [4] → [5], the second hop to the US: without a mechanism it is a finding for [4] and [3].
  await dashboard();
  let before = await assessments();
  await updateEngagement(4, { transferMechanism: "SCC" });
  await dashboard();
  expect(grew(before, await assessments()).sort()).toEqual([vendors[3], vendors[4]].sort());
  expect(await fullRecomputeChanges()).toBe(0);
  before = await assessments();
  await updateEngagement(4, { transferMechanism: "UNKNOWN" });
  await dashboard();
  expect(grew(before, await assessments()).sort()).toEqual([vendors[3], vendors[4]].sort());
  expect(await fullRecomputeChanges()).toBe(0);
  // Switzerland is adequate: the same as Germany for a hop, unless the engaging processor's agreement (the
  // hop names none) prohibits third-country transfers.
  await app.db.owner.query(`UPDATE agreement SET third_country_transfers = 'PROHIBITED' WHERE processor_id = $1`, [
    vendors[6],
  ]);
  await dashboard();
  before = await assessments();
  await updateEngagement(6, { countries: ["CH"] });
  await dashboard();
  expect(grew(before, await assessments())).toEqual([vendors[6]]);
  expect(await fullRecomputeChanges()).toBe(0);
});

test("a change to one processor's risk input stores a new assessment for that processor only", async () => {
  // A direct processor that nobody engages: nothing is upstream of it.
  const target = vendors[9];
  const [{ n: parents }] = await app.db.owner.query(
    `SELECT count(*)::int AS n FROM subprocessor_engagement WHERE subprocessor_id = $1`,
    [target],
  );
  expect(parents).toBe(0);
  await dashboard();
  const before = await assessments();
  await app.db.owner.query(
    `INSERT INTO audit_finding (organization_id, processor_id, severity, description, source)
     VALUES ($1, $2, 'CRITICAL', 'Backups not encrypted', 'CONTROLLER_REVIEW')`,
    [org, target],
  );
  expect(await marked()).toBe(1);
  await dashboard();
  expect(await marked()).toBe(0);
  expect(grew(before, await assessments())).toEqual([target]);
  expect(await fullRecomputeChanges()).toBe(0);
});

test("a change below reaches everything upstream, and only that", async () => {
  // vendors[0] → [1] → [2]; [3] → [4] → [5]: a report on [5] moves its own score, which [3] and [4] propagate.
  await dashboard();
  const before = await assessments();
  await app.db.owner.query(
    `INSERT INTO audit_finding (organization_id, processor_id, severity, description, source)
     SELECT $1, $2, 'CRITICAL', 'Finding ' || g, 'CONTROLLER_REVIEW' FROM generate_series(1, 3) g`,
    [org, vendors[5]],
  );
  await dashboard();
  const changed = grew(before, await assessments());
  expect(changed).toContain(vendors[5]);
  expect(changed.every((id) => [vendors[3], vendors[4], vendors[5]].includes(id))).toBe(true);
  expect(await fullRecomputeChanges()).toBe(0);
});

test("the first read after a finding on a processor with processors above and below: a bounded recompute", async () => {
  // vendors[3] → [4] → [5]. The processor, the graph below, its facts in one batch (the agreements below
  // with its own), the agreements' contents, the lock and current assessments (own scores below included),
  // what is above with the assessments there the new score may change (one statement), one store: 12
  // statements more than a fresh read (the marks are claimed in the read's first statement and the tier events
  // go with the COMMIT; 13 before that, 27 before the lookups below were batched and the stores merged).
  const fresh = await dashboard();
  const before = await assessments();
  await app.db.owner.query(
    `INSERT INTO audit_finding (organization_id, processor_id, severity, description, source)
     SELECT $1, $2, 'CRITICAL', 'bounded ' || g, 'CONTROLLER_REVIEW' FROM generate_series(1, 2) g`,
    [org, vendors[4]],
  );
  expect(await dashboard()).toBeLessThanOrEqual(fresh + 12);
  expect(grew(before, await assessments())).toContain(vendors[4]);
  expect(await fullRecomputeChanges()).toBe(0);
});

test("an own score that moves below a propagation moves the processor above it, falling or rising", async () => {
  // vendors[28] → [29]: findings change [29]'s own score only (no chain is marked), and [28] takes it into
  // its propagation from its stored assessment, or (when that cannot be told) from its facts.
  const [above, below] = [vendors[28], vendors[29]];
  const findings = (n: number) =>
    app.db.owner.query(
      `INSERT INTO audit_finding (organization_id, processor_id, severity, description, source)
       SELECT $1, $2, 'CRITICAL', 'moves ' || g, 'CONTROLLER_REVIEW' FROM generate_series(1, $3::int) g`,
      [org, below, n],
    );
  const propagatedFrom = async () =>
    (
      await app.db.owner.query(
        `SELECT f -> 6 ->> 0 AS worst FROM risk_assessment r, jsonb_array_elements(r.factors) f
          WHERE r.processor_id = $1 AND r.is_current AND f ->> 0 = 'chain.propagation'`,
        [above],
      )
    )[0]?.worst as string | undefined;
  await dashboard();
  expect(await propagatedFrom()).toBeUndefined();
  await findings(4);
  await dashboard();
  expect(await propagatedFrom()).toBe(below);
  expect(await fullRecomputeChanges()).toBe(0);
  // The riskiest below falls under the score above.
  await app.db.owner.query(
    `UPDATE audit_finding SET status = 'CLOSED', closed_on = current_date WHERE processor_id = $1
       AND description LIKE 'moves %'`,
    [below],
  );
  await dashboard();
  expect(await propagatedFrom()).toBeUndefined();
  expect(await fullRecomputeChanges()).toBe(0);
  // And rises again.
  await findings(2);
  await dashboard();
  expect(await propagatedFrom()).toBe(below);
  expect(await fullRecomputeChanges()).toBe(0);
});

// The fuzz tests pick rows by natural keys, not by ids: ids are random per run, and a seed must replay the same run.
const ENGAGEMENT_KEY = `(SELECT p.name || '>' || s.name FROM processor p, processor s
  WHERE p.id = subprocessor_engagement.processor_id AND s.id = subprocessor_engagement.subprocessor_id)`;
const AGREEMENT_KEY = `(SELECT p.name FROM processor p WHERE p.id = agreement.processor_id) || agreement.title`;

test("property: after any sequence of writes, what the reader recomputed equals a full recompute", async () => {
  const seed = Number(process.env.FUZZ_SEED ?? 19);
  const rnd = mulberry32(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const all: string[] = (
    await app.db.owner.query(`SELECT id FROM processor WHERE organization_id = $1 ORDER BY name, id`, [org])
  ).map((r: { id: string }) => r.id);
  const q = (sql: string, params: unknown[]) => app.db.owner.query(sql, [org, ...params]);
  const writes: [string, () => Promise<unknown>][] = [
    [
      "finding",
      () =>
        q(
          `INSERT INTO audit_finding (organization_id, processor_id, severity, description, source)
           VALUES ($1, $2, $3, 'f', 'CONTROLLER_REVIEW')`,
          [pick(all), pick(["LOW", "MEDIUM", "HIGH", "CRITICAL"])],
        ),
    ],
    [
      "close finding",
      () =>
        q(
          `UPDATE audit_finding SET status = 'CLOSED', closed_on = current_date WHERE id =
             (SELECT id FROM audit_finding WHERE organization_id = $1 AND status <> 'CLOSED'
               ORDER BY created_at, id LIMIT 1)`,
          [],
        ),
    ],
    [
      "report",
      () =>
        q(
          `INSERT INTO audit_report (organization_id, processor_id, type, title, received_on)
           VALUES ($1, $2, $3, 'r', current_date - $4::int)`,
          [pick(all), pick(["SELF_CONTROL_REPORT", "ISAE_3000", "SOC_2"]), Math.floor(rnd() * 800)],
        ),
    ],
    [
      "engagement",
      () => {
        const [a, b] = [pick(all), pick(all)];
        return a === b
          ? Promise.resolve()
          : q(
              `INSERT INTO subprocessor_engagement (organization_id, processor_id, subprocessor_id, countries,
                 transfer_mechanism) VALUES ($1, $2, $3, $4, $5)`,
              [a, b, pick(["{DE}", "{US}", "{IN}", "{}"]), pick(["SCC", "UNKNOWN", "NOT_NEEDED_EEA", "DPF"])],
            );
      },
    ],
    [
      "archive engagement",
      () =>
        q(
          `UPDATE subprocessor_engagement SET archived_at = now() WHERE id = (SELECT id FROM subprocessor_engagement
             WHERE organization_id = $1 AND archived_at IS NULL
             ORDER BY md5(${ENGAGEMENT_KEY} || $2), created_at LIMIT 1)`,
          [String(rnd())],
        ),
    ],
    [
      "agreement",
      () =>
        q(
          `UPDATE agreement SET breach_notification_hours = $3 WHERE id = (SELECT id FROM agreement
             WHERE organization_id = $1 ORDER BY md5(${AGREEMENT_KEY} || $2), created_at LIMIT 1)`,
          [String(rnd()), pick([null, 24, 72, 96])],
        ),
    ],
    [
      "data category",
      () =>
        q(
          `INSERT INTO agreement_data_category (organization_id, agreement_id, data_category_id)
           SELECT $1, (SELECT id FROM agreement WHERE organization_id = $1
               ORDER BY md5(${AGREEMENT_KEY} || $2), created_at LIMIT 1),
             (SELECT id FROM data_category WHERE organization_id IS NULL ORDER BY md5(key || $2) LIMIT 1)
           ON CONFLICT DO NOTHING`,
          [String(rnd())],
        ),
    ],
    [
      "processor",
      () =>
        q(`UPDATE processor SET country_code = $3, dpf_certified_since = $4 WHERE organization_id = $1 AND id = $2`, [
          pick(all),
          pick(["DK", "US", "IN", null]),
          pick([null, "2024-01-01"]),
        ]),
    ],
    ["rename", () => q(`UPDATE processor SET name = name || '.' WHERE organization_id = $1 AND id = $2`, [pick(all)])],
    [
      "engagement terms",
      () =>
        q(
          `UPDATE subprocessor_engagement SET countries = $3, transfer_mechanism = $4 WHERE id = (SELECT id
             FROM subprocessor_engagement WHERE organization_id = $1
             ORDER BY md5(${ENGAGEMENT_KEY} || $2), created_at LIMIT 1)`,
          [
            String(rnd()),
            pick(["{DE}", "{US}", "{CH}", "{IN,DE}", "{}"]),
            pick(["SCC", "UNKNOWN", "NOT_NEEDED_EEA", "DPF"]),
          ],
        ),
    ],
    [
      "engagement notes",
      () =>
        q(
          `UPDATE subprocessor_engagement SET purpose = $3, source = $3, notified_on = current_date WHERE id = (SELECT
             id FROM subprocessor_engagement WHERE organization_id = $1
             ORDER BY md5(${ENGAGEMENT_KEY} || $2), created_at LIMIT 1)`,
          [String(rnd()), `p${Math.floor(rnd() * 9)}`],
        ),
    ],
    [
      "agreement policy",
      () =>
        q(
          `UPDATE agreement SET third_country_transfers = $3 WHERE id = (SELECT id FROM agreement
             WHERE organization_id = $1 ORDER BY md5(${AGREEMENT_KEY} || $2), created_at LIMIT 1)`,
          [String(rnd()), pick([null, "PROHIBITED", "ALLOWED"])],
        ),
    ],
  ];
  const done: string[] = [];
  for (let round = 0; round < 25; round++) {
    for (let k = 1 + Math.floor(rnd() * 3); k > 0; k--) {
      const [name, write] = pick(writes);
      await write();
      done.push(name);
    }
    await dashboard();
    const changed = await fullRecomputeChanges();
    if (changed) throw new Error(`seed ${seed}, round ${round}: a full recompute changed ${changed} after ${done}`);
  }
});

test("property: one write to a processor's own records at a time, the read after it shows the new score", async () => {
  // A write to only findings, reports, reviews, breach notices, measures or the supervision plan recomputes
  // the processor from its stored assessment (its chain and agreement kept): the score a read returns right
  // after it must be the one a full recompute gives, and the processors above must follow.
  const seed = Number(process.env.FUZZ_SEED ?? 19);
  const rnd = mulberry32(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const q = (sql: string, params: unknown[]) => app.db.owner.query(sql, [org, ...params]);
  // Processors with others above and below them, and some with neither.
  const targets = [vendors[1], vendors[4], vendors[5], vendors[7], vendors[8], vendors[29], vendors[15]];
  const writes: [string, (p: string) => Promise<unknown>][] = [
    [
      "finding",
      (p) =>
        q(
          `INSERT INTO audit_finding (organization_id, processor_id, severity, description, source)
           VALUES ($1, $2, $3, 'own', 'CONTROLLER_REVIEW')`,
          [p, pick(["LOW", "HIGH", "CRITICAL", "CRITICAL"])],
        ),
    ],
    [
      "close finding",
      (p) =>
        q(
          `UPDATE audit_finding SET status = 'CLOSED', closed_on = current_date WHERE id = (SELECT id FROM audit_finding
             WHERE organization_id = $1 AND processor_id = $2 AND status <> 'CLOSED' ORDER BY created_at, id LIMIT 1)`,
          [p],
        ),
    ],
    [
      "report",
      (p) =>
        q(
          `INSERT INTO audit_report (organization_id, processor_id, type, report_kind, opinion, title, received_on)
           VALUES ($1, $2, $3, $4, $5, 'r', current_date - $6::int)`,
          [
            p,
            pick(["SELF_CONTROL_REPORT", "ISAE_3000", "SOC_2"]),
            pick([null, "TYPE_2"]),
            pick([null, "UNQUALIFIED", "QUALIFIED", "ADVERSE"]),
            Math.floor(rnd() * 900),
          ],
        ),
    ],
    [
      "review",
      (p) =>
        q(
          `INSERT INTO audit_report_review (organization_id, audit_report_id, reviewer, reviewed_on, conclusion)
           SELECT $1, r.id, 'Reviewer', current_date, $3 FROM audit_report r
            WHERE r.organization_id = $1 AND r.processor_id = $2 ORDER BY r.id DESC LIMIT 1`,
          [p, pick(["ACCEPTED", "REJECTED"])],
        ),
    ],
    [
      "breach notice",
      (p) =>
        q(
          `INSERT INTO processor_breach_notice (organization_id, processor_id, title, became_aware_at, notified_at,
             limit_hours) VALUES ($1, $2, 'b', now() - interval '3 days', now() - $3 * interval '1 hour', 24)`,
          [p, pick([1, 60])],
        ),
    ],
    [
      "measure",
      (p) =>
        q(
          `INSERT INTO processor_measure (organization_id, processor_id, measure_id, status)
           SELECT $1, $2, m.id, $3 FROM measure m ORDER BY md5(m.key || $4), m.id LIMIT 1
           ON CONFLICT DO NOTHING`,
          [p, pick(["IMPLEMENTED", "NOT_IMPLEMENTED", "PARTIAL"]), String(rnd())],
        ),
    ],
    [
      "supervision plan",
      (p) =>
        q(
          `INSERT INTO supervision_plan (organization_id, processor_id, chosen_method, interval_months)
           VALUES ($1, $2, $3, $4) ON CONFLICT (organization_id, processor_id)
           DO UPDATE SET chosen_method = excluded.chosen_method, interval_months = excluded.interval_months`,
          [p, pick(["SELF_CONTROL_REPORT", "ISAE_3000", "WRITTEN_SUPERVISION"]), pick([6, 12, 36])],
        ),
    ],
  ];
  const riskOf = async (id: string) =>
    (
      await app.ok(key, `query($id: ID!) { node(id: $id) { ... on Processor { risk { score ownScore } } } }`, {
        id: gid("Processor", id),
      })
    ).node.risk as { score: number; ownScore: number };
  const storedScore = async (id: string) =>
    Number(
      (await app.db.owner.query(`SELECT score FROM risk_assessment WHERE processor_id = $1 AND is_current`, [id]))[0]
        .score,
    );
  let moved = 0;
  for (let round = 0; round < 40; round++) {
    const [name, write] = pick(writes);
    const p = pick(targets);
    const before = await riskOf(p);
    await write(p);
    // The first read after the write: the processor's risk as a dashboard would show it.
    const after = await riskOf(p);
    const changed = await fullRecomputeChanges();
    if (changed) throw new Error(`seed ${seed}, round ${round}: ${name} on ${p}: a full recompute changed ${changed}`);
    expect(after.score).toBe(await storedScore(p));
    if (after.ownScore !== before.ownScore) moved++;
  }
  // Not a vacuous run: most writes moved the own score they were about.
  expect(moved).toBeGreaterThan(10);
});

test("concurrent writers and readers: one current assessment per processor, the full recompute's", async () => {
  const work = vendors.slice(10, 20).flatMap((id, i) => [
    app.db.owner.query(
      `INSERT INTO audit_finding (organization_id, processor_id, severity, description, source)
       VALUES ($1, $2, 'HIGH', 'concurrent', 'CONTROLLER_REVIEW')`,
      [org, id],
    ),
    app.gql(key, Q1, { first: 10 + i }),
  ]);
  const results = await Promise.all(work);
  for (const r of results) if ("errors" in (r as object)) expect((r as { errors?: unknown }).errors).toBeUndefined();
  // Readers after the writes, at once.
  const reads = await Promise.all(Array.from({ length: 6 }, () => app.gql(key, Q1, { first: 10 })));
  for (const r of reads) expect(r.errors).toBeUndefined();
  const [{ n }] = await app.db.owner.query(
    `SELECT count(*)::int AS n FROM (SELECT processor_id FROM risk_assessment WHERE organization_id = $1 AND is_current
       GROUP BY processor_id HAVING count(*) > 1) d`,
    [org],
  );
  expect(n).toBe(0);
  expect(await fullRecomputeChanges()).toBe(0);
});

test("rows added elsewhere do not change a fingerprint: findings with equal timestamps keep their order", async () => {
  const target = vendors[12];
  // Three open findings created in the same instant: only their ids order them.
  await app.db.owner.query(
    `INSERT INTO audit_finding (organization_id, processor_id, severity, description, source, created_at)
     SELECT $1, $2, 'HIGH', 'tie ' || g, 'CONTROLLER_REVIEW', '2026-01-01T00:00:00Z' FROM generate_series(1, 3) g`,
    [org, target],
  );
  await dashboard();
  const before = await assessments();
  // Unrelated rows, and each tied row written again unchanged (deleted and inserted with the same values:
  // it moves to the end of the table, and the processor is marked for a recompute with no fact changed).
  await app.db.owner.query(
    `INSERT INTO audit_finding (organization_id, processor_id, severity, description, source, created_at)
     SELECT $1, $2, 'LOW', 'elsewhere ' || g, 'CONTROLLER_REVIEW', '2026-01-01T00:00:00Z'
       FROM generate_series(1, 20) g`,
    [org, vendors[25]],
  );
  const tied: { id: string }[] = await app.db.owner.query(
    `SELECT id FROM audit_finding WHERE processor_id = $1 AND description LIKE 'tie %' ORDER BY description`,
    [target],
  );
  for (const { id } of tied) {
    await app.db.owner.query(
      `WITH d AS (DELETE FROM audit_finding WHERE id = $1 RETURNING *) INSERT INTO audit_finding SELECT * FROM d`,
      [id],
    );
    await dashboard();
  }
  expect(grew(before, await assessments()).filter((id) => id === target)).toEqual([]);
});

test("a model change stores the whole portfolio a chunk at a time: what a full recompute stores", async () => {
  const models = await app.ok(key, `{ riskModels { version active definition } }`);
  const definition = JSON.parse(models.riskModels.find((m: { active: boolean }) => m.active).definition);
  const saveModel = (version: string) =>
    app.ok(key, `mutation($input: SaveRiskModelInput!) { saveRiskModel(input: $input) { userErrors { message } } }`, {
      input: { version, definition: { ...definition, version } },
    });
  const [{ n }] = await app.db.owner.query(
    `SELECT count(*)::int AS n FROM processor WHERE organization_id = $1 AND archived_at IS NULL`,
    [org],
  );
  const current = async (version: string) =>
    (
      await app.db.owner.query(
        `SELECT count(*)::int AS n FROM risk_assessment
          WHERE organization_id = $1 AND is_current AND model_version = $2`,
        [org, version],
      )
    )[0].n as number;
  const chunk = riskStoreChunk.size;
  try {
    // One chunk of the whole portfolio, then chunks of 7: every score is stored anew each time.
    await saveModel("chunks-one");
    const whole = await dashboard();
    expect(await current("chunks-one")).toBe(n);
    riskStoreChunk.size = 7;
    await saveModel("chunks-seven");
    const chunked = await dashboard();
    expect(await current("chunks-seven")).toBe(n);
    // Each further chunk is one INSERT more; nothing else differs (a model change retires the assessments of the
    // model before in one UPDATE, ahead of the chunks).
    expect(chunked - whole).toBe(Math.ceil(n / 7) - 1);
  } finally {
    riskStoreChunk.size = chunk;
  }
  // What the chunks stored is what a full recompute computes; one current assessment per processor.
  expect(await fullRecomputeChanges()).toBe(0);
  const [{ doubles }] = await app.db.owner.query(
    `SELECT count(*)::int AS doubles FROM (SELECT processor_id FROM risk_assessment WHERE organization_id = $1
       AND is_current GROUP BY processor_id HAVING count(*) > 1) d`,
    [org],
  );
  expect(doubles).toBe(0);
  // A model that moves tiers: the assessments of the model before are retired ahead of the chunks, and the tiers
  // they had still reach risk.tier_changed, once for each processor whose tier moved.
  const tiersBefore = new Map<string, string>(
    (
      await app.db.owner.query(
        `SELECT processor_id, tier FROM risk_assessment WHERE organization_id = $1 AND is_current`,
        [org],
      )
    ).map((r: { processor_id: string; tier: string }) => [r.processor_id, r.tier]),
  );
  const raised = { ...definition, tiers: { medium: 1, high: 2, critical: 3 } };
  await app.ok(
    key,
    `mutation($input: SaveRiskModelInput!) { saveRiskModel(input: $input) { userErrors { message } } }`,
    {
      input: { version: "tiers-raised", definition: { ...raised, version: "tiers-raised" } },
    },
  );
  riskStoreChunk.size = 7;
  try {
    await dashboard();
  } finally {
    riskStoreChunk.size = chunk;
  }
  const after: { processor_id: string; tier: string }[] = await app.db.owner.query(
    `SELECT processor_id, tier FROM risk_assessment WHERE organization_id = $1 AND is_current AND model_version = $2`,
    [org, "tiers-raised"],
  );
  expect(after).toHaveLength(n);
  const moved = after.filter((r) => tiersBefore.get(r.processor_id) !== r.tier);
  expect(moved.length).toBeGreaterThan(0);
  const events: { from: string; to: string; processorId: string }[] = (
    await app.db.owner.query(
      `SELECT data FROM event WHERE organization_id = $1 AND type = 'risk.tier_changed'
          AND data->>'modelVersion' = 'tiers-raised'`,
      [org],
    )
  ).map((r: { data: { from: string; to: string; processorId: string } }) => r.data);
  const sortById = <T extends { processorId: string }>(xs: T[]) =>
    [...xs].sort((x, y) => x.processorId.localeCompare(y.processorId));
  expect(sortById(events.map(({ processorId, from, to }) => ({ processorId, from, to })))).toEqual(
    sortById(
      moved.map((r) => ({
        processorId: gid("Processor", r.processor_id),
        from: tiersBefore.get(r.processor_id)!,
        to: r.tier,
      })),
    ),
  );
});
