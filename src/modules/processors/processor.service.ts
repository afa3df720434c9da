import { Brackets, SelectQueryBuilder } from "typeorm";
import type { RequestContext } from "../../context";
import { paginate, paginateWith } from "../../common/connection";
import { hydrate, selectColumns } from "../../common/hydrate";
import { toGlobalId } from "../../common/global-id";
import {
  applyPatch,
  createOwned,
  findByGlobalId,
  findForUpdate,
  findForUpdateAtVersion,
  saveLocked,
} from "../../common/lookup";
import { Processor, ProcessorStatus } from "./processor.entity";
import { RiskAssessmentRecord } from "../risk/risk.entity";
import { RISK_FACTOR_KEYS } from "../risk/risk-engine";
import { badUserInput, failInput, UserErrorCode } from "../../common/errors";
import {
  companyNameKey,
  contractDatesProblem,
  normalizeTags,
  registrationKey,
  registrationNumberProblem,
} from "./processor.rules";
import {
  CreateProcessorInput,
  ProcessorFilter,
  ProcessorOrder,
  ProcessorOrderField,
  UpdateProcessorInput,
} from "./processor.inputs";

/** Join condition: r is p's current (newest) assessment. */
const LATEST_ASSESSMENT = `r.processor_id = p.id AND r.is_current`;

const EDITABLE: (keyof Processor & string)[] = [
  "name",
  "legalName",
  "registrationNumber",
  "registrationScheme",
  "countryCode",
  "address",
  "website",
  "serviceDescription",
  "contactEmail",
  "status",
  "source",
  "direct",
  "dpfCertifiedSince",
  "businessOwnerName",
  "businessOwnerEmail",
  "businessCriticality",
  "contractStartOn",
  "renewalOn",
  "noticeOn",
  "servicesProvided",
  "internalNotes",
];

/** The input's fields on the record (tags normalized), then the contract dates' order checked on the result. */
function patch(p: Processor, input: CreateProcessorInput | UpdateProcessorInput): void {
  applyPatch(p, input, EDITABLE);
  p.registrationKey = registrationKey(p.registrationNumber);
  if (input.tags !== undefined) p.tags = normalizeTags(input.tags);
  const problem = contractDatesProblem(p);
  if (problem) failInput(["input", problem[0]], UserErrorCode.OUT_OF_RANGE, problem[1]);
}

/** Last in either direction: processors without a renewal date sort as the far end of the range. */
const NO_RENEWAL = { ASC: "9999-12-31", DESC: "0001-01-01" } as const;

/** A processor of a list sorted by risk, which reads its latest assessment in the same query. */
type WithLatestRisk = Processor & { latestRisk?: RiskAssessmentRecord | null };

/**
 * The dashboard's page: ranked on ix_risk_assessment_rank (narrow: score and id), then only the page's
 * processors and current assessments are read, in rank order. $1 organization, $2 limit, $3/$4 the cursor.
 */
function rankedPageSql(ctx: RequestContext, after: boolean): string {
  const key = after ? "after" : "first";
  const cached = RANKED_PAGE_SQL.get(key);
  if (cached) return cached;
  const sql = `SELECT ${selectColumns(ctx.manager, Processor, "p", "p_")},
          ${selectColumns(ctx.manager, RiskAssessmentRecord, "r", "r_", { factors: LIGHT_FACTORS })}
     FROM (SELECT k.processor_id, k.score FROM risk_assessment k
             JOIN processor kp ON kp.id = k.processor_id AND kp.archived_at IS NULL
            WHERE k.organization_id = $1 AND k.is_current ${after ? "AND (k.score, k.processor_id) < ($3, $4)" : ""}
            ORDER BY k.score DESC, k.processor_id DESC LIMIT $2) page
     JOIN processor p ON p.id = page.processor_id
     JOIN risk_assessment r ON r.processor_id = page.processor_id AND r.is_current
    ORDER BY page.score DESC, page.processor_id DESC`;
  RANKED_PAGE_SQL.set(key, sql);
  return sql;
}

const RANKED_PAGE_SQL = new Map<string, string>();

/**
 * The page's factors without their input, explanation and evidence (packed, see risk.rules packFactor): those
 * are most of an assessment's ~5 KB, and a dashboard shows key, label and contribution. RiskAssessment.factors
 * reads the whole factors when a query asks for more (lightFactors). Rows stored before factors were packed
 * hold objects (unpackFactor reads both).
 */
const LIGHT_FACTORS = `(SELECT json_agg(CASE WHEN jsonb_typeof(f) = 'array'
     THEN json_build_array(f->0, f->1, NULL, f->3, f->4)
     ELSE json_build_array(f->'key', f->'label', NULL, f->'weight', f->'contribution') END ORDER BY o)
   FROM jsonb_array_elements(r.factors) WITH ORDINALITY x(f, o))`;

export const processorService = {
  ofInput: processorOfInput,
  registrationLock,
  listed: listedProcessors,
  findLike: findProcessorLike,
  like: processorsLike,
  async list(
    ctx: RequestContext,
    args: {
      first?: number | null;
      after?: string | null;
      filter?: ProcessorFilter | null;
      orderBy?: ProcessorOrder | null;
    },
  ) {
    const qb = ctx.manager.createQueryBuilder(Processor, "p");
    const f = args.filter ?? {};
    if (!f.includeArchived) qb.andWhere("p.archived_at IS NULL");
    if (f.status?.length) qb.andWhere("p.status IN (:...status)", { status: f.status });
    if (f.countryCode) qb.andWhere("p.country_code = :country", { country: f.countryCode });
    if (f.direct !== undefined && f.direct !== null) qb.andWhere("p.direct = :direct", { direct: f.direct });
    if (f.tags?.length) {
      if (f.tags.length > 50) throw badUserInput("filter.tags takes at most 50 tags.");
      qb.andWhere("p.tags && CAST(:tags AS text[])", { tags: f.tags });
    }
    if (f.criticality?.length)
      qb.andWhere("p.business_criticality IN (:...criticality)", { criticality: f.criticality });
    if (f.owner?.trim()) {
      const owner = f.owner.trim();
      qb.andWhere(
        new Brackets((w) =>
          w
            .where("lower(p.business_owner_email) = lower(:owner)", { owner })
            .orWhere("p.business_owner_name ILIKE :ownerLike", { ownerLike: `%${escapeLike(owner)}%` }),
        ),
      );
    }
    if (f.search) {
      const like = `%${escapeLike(f.search)}%`;
      qb.andWhere(
        new Brackets((w) =>
          w
            .where("p.name ILIKE :like", { like })
            .orWhere("p.legal_name ILIKE :like")
            .orWhere("p.registration_number ILIKE :like")
            // The number however written: "12345678" finds "12 34 56 78", "DK 12 34 56 78" finds "12345678".
            .orWhere("p.registration_key = :key", { key: registrationKey(f.search) }),
        ),
      );
    }
    if (f.riskTiers?.length || f.riskFactors?.length) {
      if ((f.riskFactors?.length ?? 0) > 20 || f.riskFactors?.some((k) => k.length > 100))
        throw badUserInput("filter.riskFactors takes at most 20 factor keys of at most 100 characters each.");
      // An unknown key matched nothing and answered 0 processors, as if none had the factor; events refuses an
      // unknown type the same way.
      const unknown = f.riskFactors?.find((k) => !RISK_FACTOR_KEYS.includes(k));
      if (unknown !== undefined)
        throw badUserInput(
          `filter.riskFactors: unknown risk factor key ${JSON.stringify(unknown)}; the keys are RiskFactor.key ` +
            `(a processor's risk { factors { key } }, riskOverview's top { factors { key } }): ` +
            `${RISK_FACTOR_KEYS.join(", ")}.`,
        );
      // Filtered on scores that are fresh, as riskOverview counts them.
      await ctx.loaders.freshRiskModel.load("");
      const tiers = f.riskTiers?.length ? `AND ra.tier IN (:...riskTiers)` : "";
      // Stored factors are [key, label, …] arrays (risk.service packFactor).
      const factors = f.riskFactors?.length
        ? `AND EXISTS (SELECT 1 FROM jsonb_array_elements(ra.factors) fa WHERE fa->>0 IN (:...riskFactors))`
        : "";
      qb.andWhere(
        `EXISTS (SELECT 1 FROM risk_assessment ra WHERE ra.processor_id = p.id AND ra.is_current ${tiers} ${factors})`,
        { riskTiers: f.riskTiers, riskFactors: f.riskFactors },
      );
    }
    const field = args.orderBy?.field ?? ProcessorOrderField.NAME;
    const page = {
      first: args.first,
      after: args.after,
      idColumn: "p.id",
      direction: args.orderBy?.direction ?? "ASC",
    } as const;
    if (field === ProcessorOrderField.RENEWAL) {
      const none = NO_RENEWAL[page.direction];
      return paginate(qb, {
        ...page,
        list: "Processor.renewalOn",
        sortColumn: `COALESCE(p.renewal_on, DATE '${none}')`,
        sortProperty: (p) => p.renewalOn ?? none,
        sortType: "date",
      });
    }
    if (field !== ProcessorOrderField.RISK) {
      const byName = field === ProcessorOrderField.NAME;
      return paginate(qb, {
        ...page,
        list: byName ? "Processor.name" : "Processor.createdAt",
        sortColumn: byName ? "p.name" : "p.created_at",
        sortProperty: (p) => (byName ? p.name : p.createdAt),
        sortType: byName ? "text" : "timestamp",
      });
    }
    // By risk: scores are made fresh first, and each row comes with its latest assessment, which
    // then answers Processor.risk for the page without another query.
    // (riskService.ensureFresh, through its loader: the risk module builds on this one.)
    await ctx.loaders.freshRiskModel.load("");
    const byRisk = {
      ...page,
      list: "Processor.risk",
      sortColumn: "COALESCE(r.score, -1)",
      sortProperty: (p: WithLatestRisk) => p.latestRisk?.score ?? -1,
      sortType: "number" as const,
    };
    // Riskiest first with no other filter (the dashboard): the page is ranked on the narrow index of
    // current scores (ix_risk_assessment_rank, read without touching the wide factors) and only its rows
    // are loaded, in the same statement. Anything else, or a page running into unscored processors
    // (they sort last), is read by the general query.
    const unfiltered =
      page.direction === "DESC" &&
      !f.includeArchived &&
      !f.status?.length &&
      !f.countryCode &&
      (f.direct === undefined || f.direct === null) &&
      !f.search &&
      !f.riskTiers?.length &&
      !f.riskFactors?.length;
    qb.leftJoinAndMapOne("p.latestRisk", RiskAssessmentRecord, "r", LATEST_ASSESSMENT);
    const result = await paginateWith(qb as SelectQueryBuilder<WithLatestRisk>, byRisk, async (after, limit) => {
      if (!unfiltered || (after && typeof after[0] !== "number")) return null;
      // Raw SQL, ranked and ordered by the database, hydrated column by column: TypeORM's query builder
      // and its result transformer cost more than the page query itself.
      const rows: Record<string, unknown>[] = await ctx.manager.query(
        rankedPageSql(ctx, !!after),
        after ? [ctx.actor.organizationId, limit, after[0], after[1]] : [ctx.actor.organizationId, limit],
      );
      if (rows.length < limit) return null;
      return rows.map((row) => {
        const p = hydrate(ctx.manager, Processor, row, "p_") as WithLatestRisk;
        p.latestRisk = hydrate(ctx.manager, RiskAssessmentRecord, row, "r_");
        p.latestRisk.factors ??= []; // json_agg of no factors is null
        p.latestRisk.lightFactors = true;
        return p;
      });
    });
    for (const { node } of result.edges) ctx.loaders.latestRiskByProcessor.prime(node.id, node.latestRisk ?? null);
    return result;
  },

  draft: processorDraft,

  async create(ctx: RequestContext, input: CreateProcessorInput): Promise<Processor> {
    const p = processorDraft(ctx, input);
    await checkRegistration(ctx, p);
    return saveLocked(ctx, p);
  },

  /**
   * Drafts (processorDraft) saved together, a few hundred rows per INSERT: the register import's apply writes
   * thousands, and one statement each made it wait for a round trip per row. Ids and versions filled in.
   */
  async insertMany(ctx: RequestContext, drafts: Processor[]): Promise<Processor[]> {
    for (let i = 0; i < drafts.length; i += INSERT_CHUNK)
      await ctx.manager.insert(Processor, drafts.slice(i, i + INSERT_CHUNK) as never);
    return drafts;
  },

  async update(ctx: RequestContext, input: UpdateProcessorInput): Promise<Processor> {
    const p = await findForUpdateAtVersion(ctx, Processor, "Processor", input);
    const before = [p.registrationKey, p.registrationScheme];
    patch(p, input);
    if (p.registrationKey !== before[0] || p.registrationScheme !== before[1]) await checkRegistration(ctx, p);
    return saveLocked(ctx, p);
  },

  async archive(ctx: RequestContext, id: string): Promise<Processor> {
    const p = await findForUpdate(ctx, Processor, "Processor", id, ["input", "id"]);
    p.archivedAt = p.archivedAt ?? new Date();
    return ctx.manager.save(p);
  },
};

/**
 * A company is registered once: a current processor with the same registration number (as processor.rules
 * compares them) refuses the number, naming that processor; the number must fit its register (a CVR number has
 * 8 digits), as saved, not only as sent. The organization's registration lock makes writers of numbers take
 * turns with each other and with a register import's apply (registrationLock).
 * (The register import and the DPA import match such a row to the processor instead of creating one.)
 */
async function checkRegistration(ctx: RequestContext, p: Processor): Promise<void> {
  const problem = registrationNumberProblem(p.registrationNumber, p.registrationScheme);
  if (problem) failInput("registrationNumber", UserErrorCode.INVALID, `registrationNumber ${problem}`);
  if (!p.registrationKey) return;
  await registrationLock(ctx);
  const [same]: { id: string; name: string; registration_number: string }[] = await ctx.manager.query(
    `SELECT id, name, registration_number FROM processor
      WHERE organization_id = $1 AND registration_key = $2 AND archived_at IS NULL
        AND ($3::uuid IS NULL OR id <> $3::uuid)
      ORDER BY created_at, id LIMIT 1`,
    [ctx.actor.organizationId, p.registrationKey, p.id ?? null],
  );
  if (same)
    failInput(
      "registrationNumber",
      UserErrorCode.DUPLICATE,
      `registration number ${p.registrationNumber} is already processor "${same.name}" ` +
        `(${toGlobalId("Processor", same.id)}): update that processor, or archive it first`,
    );
}

/** The organization's lock on registration numbers, held to the end of the transaction. */
async function registrationLock(ctx: RequestContext): Promise<void> {
  await ctx.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('processor_registration:' || $1, 0))`, [
    ctx.actor.organizationId,
  ]);
}

/** Rows per INSERT of insertMany: ~30 parameters a row, well under PostgreSQL's 65,535 per statement. */
const INSERT_CHUNK = 250;

/** A new processor of the input, not saved: the defaults, then the input as an update patches it. */
function processorDraft(ctx: RequestContext, input: CreateProcessorInput): Processor {
  const p = createOwned(ctx, Processor, {
    status: ProcessorStatus.ACTIVE,
    direct: true,
    tags: [],
  });
  patch(p, input);
  return p;
}

/** LIKE's own characters taken literally. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The processor a global id in an input field names; else a NOT_FOUND userError on that field. */
function processorOfInput(ctx: RequestContext, globalId: string, field: string[]): Promise<Processor> {
  return findByGlobalId(ctx, Processor, "Processor", globalId, field);
}

/** The processors a request works through (all, or those of `ids`), primed in the loader: unarchived, by name. */
const HYDRATE_PER_TURN = 2000;

async function listedProcessors(
  ctx: RequestContext,
  which: "all" | "direct" | "notTerminated",
  order: "name" | "none" = "name",
  ids?: string[],
): Promise<Processor[]> {
  // Raw SQL hydrated column by column: a full risk recompute lists all 10,000, and TypeORM's getMany cost
  // more than the statement.
  const m = ctx.manager;
  const params: unknown[] = [];
  const where = ["p.archived_at IS NULL"];
  if (ids) where.push(`p.id = ANY($${params.push(ids)})`);
  if (which === "direct") where.push("p.direct");
  if (which === "notTerminated") where.push(`p.status <> $${params.push(ProcessorStatus.TERMINATED)}`);
  const rows: Record<string, unknown>[] = await m.query(
    `SELECT ${selectColumns(m, Processor, "p", "p_")} FROM processor p WHERE ${where.join(" AND ")}
     ${order === "name" ? "ORDER BY lower(p.name), p.id" : ""}`,
    params,
  );
  // A turn of the event loop every HYDRATE_PER_TURN rows: a register export hydrates every processor (50,000 held
  // other tenants' requests for seconds in one piece).
  const processors: Processor[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (i > 0 && i % HYDRATE_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
    const p = hydrate(m, Processor, rows[i], "p_");
    ctx.loaders.processorById.prime(p.id, p);
    processors.push(p);
  }
  return processors;
}

/** An unarchived processor with this registration number, else with this name or legal name (any case). */
type ProcessorFacts = { name: string; registrationNumber: string | null };

/**
 * The organization's current processors, as a lookup of the same company whichever way it is written
 * (processor.rules: registration number without prefix or spaces, else the name without company form, accents
 * and punctuation), as the register import matches it: the id of the first registered, or null. An archived
 * processor matches neither by number nor by name, as createProcessor's rule (checkRegistration) and the
 * register import's plan (the register it reads is the current processors): archived "LZ-1" does not block a new
 * "LZ-1" (a plan said CREATE and its apply refused the row as DUPLICATE, for ever). One statement over the narrow
 * columns, keys computed once: the register import's apply asks once per row (reading them per row made it
 * quadratic).
 */
/** The lookup processorsLike answers: called with facts; `add` makes a processor created since findable. */
export interface ProcessorLookup {
  (facts: ProcessorFacts): string | null;
  add(p: Pick<Processor, "id" | "name" | "legalName" | "registrationNumber">): void;
}

async function processorsLike(ctx: RequestContext): Promise<ProcessorLookup> {
  const candidates = await ctx.manager
    .createQueryBuilder(Processor, "p")
    .select(["p.id", "p.name", "p.legalName", "p.registrationNumber"])
    .where("p.archived_at IS NULL")
    .orderBy("p.created_at")
    .addOrderBy("p.id")
    .getMany();
  const byNumber = new Map<string, string>();
  const byName = new Map<string, string>();
  type Known = Pick<Processor, "id" | "name" | "legalName" | "registrationNumber">;
  const add = (c: Known) => {
    const number = registrationKey(c.registrationNumber);
    if (number && !byNumber.has(number)) byNumber.set(number, c.id);
    for (const key of [companyNameKey(c.name), c.legalName ? companyNameKey(c.legalName) : null])
      if (key !== null && !byName.has(key)) byName.set(key, c.id);
  };
  for (const c of candidates) add(c);
  const lookup = (facts: ProcessorFacts) => {
    const number = registrationKey(facts.registrationNumber);
    return (number && byNumber.get(number)) || byName.get(companyNameKey(facts.name)) || null;
  };
  return Object.assign(lookup, { add });
}

async function findProcessorLike(
  ctx: RequestContext,
  facts: ProcessorFacts,
  lookup?: ProcessorLookup,
): Promise<Processor | null> {
  const id = (lookup ?? (await processorsLike(ctx)))(facts);
  return id ? ctx.manager.findOne(Processor, { where: { id } }) : null;
}
