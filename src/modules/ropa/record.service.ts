// The art. 30(1) record, derived: recipients and transfers follow from the processors an activity
// uses and their sub-processor trees; on a past date the activities come from the audit log and the
// chains from the engagement history.
import { badUserInput } from "../../common/errors";
import { stringInterner } from "../../common/intern";
import { loadEach, loadFound } from "../../common/loader-kit";
import type { RequestContext } from "../../context";
import { decodeIdOf } from "../../common/global-id";
import { todayIso, addDays } from "../../common/dates";
import { refuseFutureAsOf } from "../../common/as-of";
import { Agreement } from "../agreements/agreement.entity";
import type { Processor } from "../processors/processor.entity";
import { currentAgreementOf } from "../agreements/agreement.rules";
import { agreementInForce } from "../agreements/agreement.sql";
import { DataSubjectCategory } from "../taxonomy/taxonomy.entity";
import { chainService, type ChainWalker } from "../chains/chain.service";
import { walkHops, type ExposureInput } from "../chains/exposure";
import { HopAssessment, isIsoDate } from "../transfers/transfer-rules";
import { DpiaStatus, LegalBasis, SpecialCategoryCondition } from "./activity.entity";
import {
  ControllerHeader,
  ProcessingRecord,
  RecipientRegister,
  RecipientRole,
  RecordDataCategory,
  RecordDataSubjectCategory,
  RecordFilter,
  RecordMeasures,
  RecordRecipient,
  RecordsOfProcessing,
  RecordTransfer,
} from "./record.types";
import { organizationService } from "../organizations/organization.service";
import { completeness, measuresSummary } from "./record.rules";

export interface RecordArgs {
  asOf?: string | null;
  filter?: RecordFilter | null;
}

/** An activity with its links, as it stood (from the tables today, from the audit log on a past date). */
export interface ActivityState {
  id: string;
  name: string;
  purposes: string | null;
  legalBasis: LegalBasis | null;
  specialCategoryCondition: SpecialCategoryCondition | null;
  criminalDataBasis: string | null;
  legitimateInterests: string | null;
  otherRecipients: string[];
  retention: string | null;
  dataSource: string | null;
  dpiaStatus: DpiaStatus | null;
  dpiaLink: string | null;
  automatedDecisionMaking: boolean | null;
  tomDescription: string | null;
  jointController: string | null;
  processorIds: string[];
  categories: { dataCategoryId: string; retention: string | null }[];
  subjectIds: string[];
}

/** A processor's vendor register facts as the recipient-level export shows them (today's values, also with asOf). */
function registerOf(p: Omit<ChainProcessor, "id">): RecipientRegister {
  return {
    businessOwnerName: p.businessOwnerName,
    businessOwnerEmail: p.businessOwnerEmail,
    businessCriticality: p.businessCriticality,
    renewalOn: p.renewalOn,
    tags: p.tags ?? [],
  };
}

function group<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const list = m.get(key(r));
    if (list) list.push(r);
    else m.set(key(r), [r]);
  }
  return m;
}

/**
 * Today's activities in scope, as plain rows with only what a record reads: an export holds all of them
 * for its whole length (hydrated entities spread into states took 2.5 KB an activity).
 */
async function currentActivities(ctx: RequestContext): Promise<ActivityState[]> {
  type Row = Omit<ActivityState, "processorIds" | "categories" | "subjectIds">;
  // The links in the tables' own order (no ORDER BY), as the records have always listed them.
  const [activities, processors, categories, subjects]: [
    Row[],
    { activity_id: string; processor_id: string }[],
    { activity_id: string; data_category_id: string; retention: string | null }[],
    { activity_id: string; data_subject_category_id: string }[],
  ] = await Promise.all([
    ctx.manager.query(
      `SELECT id, name, purposes, legal_basis AS "legalBasis", special_category_condition AS "specialCategoryCondition",
         criminal_data_basis AS "criminalDataBasis", legitimate_interests AS "legitimateInterests",
         other_recipients AS "otherRecipients", retention, data_source AS "dataSource", dpia_status AS "dpiaStatus",
         dpia_link AS "dpiaLink", automated_decision_making AS "automatedDecisionMaking",
         tom_description AS "tomDescription", joint_controller AS "jointController"
         FROM processing_activity a WHERE a.archived_at IS NULL ORDER BY lower(a.name), a.id`,
    ),
    ctx.manager.query(`SELECT activity_id, processor_id FROM processing_activity_processor`),
    ctx.manager.query(`SELECT activity_id, data_category_id, retention FROM processing_activity_data_category`),
    ctx.manager.query(`SELECT activity_id, data_subject_category_id FROM processing_activity_data_subject_category`),
  ]);
  const p = group(processors, (r) => r.activity_id);
  const c = group(categories, (r) => r.activity_id);
  const s = group(subjects, (r) => r.activity_id);
  // The links' ids and the codes repeat across activities: one copy each (measured: 5 MB of copies of a
  // few thousand ids for the 10,000 activities an export holds to its end).
  const one = stringInterner();
  // A literal, not a spread: 18 properties copied by spread made slow (dictionary) objects.
  return activities.map((a) => ({
    id: a.id,
    name: a.name,
    purposes: a.purposes,
    legalBasis: one(a.legalBasis),
    specialCategoryCondition: one(a.specialCategoryCondition),
    criminalDataBasis: a.criminalDataBasis,
    legitimateInterests: a.legitimateInterests,
    otherRecipients: a.otherRecipients ?? [],
    retention: a.retention,
    dataSource: a.dataSource,
    dpiaStatus: one(a.dpiaStatus),
    dpiaLink: a.dpiaLink,
    automatedDecisionMaking: a.automatedDecisionMaking,
    tomDescription: one(a.tomDescription),
    jointController: a.jointController,
    processorIds: (p.get(a.id) ?? []).map((r) => one(r.processor_id)),
    categories: (c.get(a.id) ?? []).map((r) => ({
      dataCategoryId: one(r.data_category_id),
      retention: one(r.retention),
    })),
    subjectIds: (s.get(a.id) ?? []).map((r) => one(r.data_subject_category_id)),
  }));
}

/** The activities as the audit log says they stood at the end of `asOf`. */
async function activitiesAsOf(ctx: RequestContext, asOf: string): Promise<ActivityState[]> {
  // The row is the audit log's jsonb, read field by field.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const rows: { entity: string; after: Record<string, any> }[] = await ctx.manager.query(
    `SELECT entity, after FROM (
       SELECT DISTINCT ON (entity, entity_id) entity, action, after FROM audit_log
        WHERE entity IN ('processing_activity', 'processing_activity_processor', 'processing_activity_data_category',
          'processing_activity_data_subject_category')
          AND at < $1::date
        ORDER BY entity, entity_id, id DESC) last
      WHERE action <> 'DELETE'`,
    [addDays(asOf, 1)],
  );
  const end = new Date(`${addDays(asOf, 1)}T00:00:00Z`);
  const links = group(
    rows.filter((r) => r.entity !== "processing_activity"),
    (r) => `${r.entity}|${r.after.activity_id}`,
  );
  const of = (entity: string, id: string) => (links.get(`${entity}|${id}`) ?? []).map((r) => r.after);
  return rows
    .filter((r) => r.entity === "processing_activity" && !(r.after.archived_at && new Date(r.after.archived_at) < end))
    .map(({ after: a }) => ({
      id: a.id,
      name: a.name,
      purposes: a.purposes,
      legalBasis: a.legal_basis,
      specialCategoryCondition: a.special_category_condition,
      criminalDataBasis: a.criminal_data_basis,
      legitimateInterests: a.legitimate_interests,
      otherRecipients: a.other_recipients ?? [],
      retention: a.retention,
      dataSource: a.data_source,
      dpiaStatus: a.dpia_status,
      dpiaLink: a.dpia_link,
      automatedDecisionMaking: a.automated_decision_making,
      tomDescription: a.tom_description,
      jointController: a.joint_controller,
      processorIds: of("processing_activity_processor", a.id).map((l) => l.processor_id),
      categories: of("processing_activity_data_category", a.id).map((l) => ({
        dataCategoryId: l.data_category_id,
        retention: l.retention,
      })),
      subjectIds: of("processing_activity_data_subject_category", a.id).map((l) => l.data_subject_category_id),
    }))
    .sort((x, y) => x.name.toLowerCase().localeCompare(y.name.toLowerCase()) || x.id.localeCompare(y.id));
}

interface Prepared {
  asOf: string;
  historical: boolean;
  controller: ControllerHeader;
  activities: ActivityState[];
  processorFilter: string | null;
  incompleteOnly: boolean;
}

/** The activities in scope (as they stood on asOf) and the controller header; no derivation yet. */
async function prepare(ctx: RequestContext, args: RecordArgs): Promise<Prepared> {
  const today = todayIso();
  if (args.asOf && !isIsoDate(args.asOf)) throw badUserInput("asOf must be a date (YYYY-MM-DD).");
  refuseFutureAsOf(args.asOf, today);
  const asOf = args.asOf ?? today;
  const historical = asOf < today;
  const f = args.filter ?? {};
  const activityFilter = f.activityIds?.map((gid) => {
    const id = decodeIdOf("ProcessingActivity", gid);
    if (!id) throw badUserInput("filter.activityIds must be ProcessingActivity ids.");
    return id;
  });
  const processorFilter = f.processorId ? decodeIdOf("Processor", f.processorId) : null;
  if (f.processorId && !processorFilter) throw badUserInput("filter.processorId must be a Processor id.");
  // An id of no processor of the organization (another's, or none) is refused, as the evidence manifest refuses
  // it, instead of answering an empty register; the same words whether or not it exists elsewhere.
  if (processorFilter && !(await ctx.loaders.processorById.load(processorFilter)))
    throw badUserInput("filter.processorId does not name a processor of your organization.");

  const org = await organizationService.current(ctx);
  let activities = historical ? await activitiesAsOf(ctx, asOf) : await currentActivities(ctx);
  if (activityFilter) activities = activities.filter((a) => activityFilter.includes(a.id));
  if (f.legalBasis) activities = activities.filter((a) => a.legalBasis === f.legalBasis);
  if (f.search) activities = activities.filter((a) => a.name.toLowerCase().includes(f.search!.toLowerCase()));
  const controller = Object.assign(new ControllerHeader(), {
    name: org.name,
    registrationNumber: org.registrationNumber,
    address: org.address,
    countryCode: org.countryCode,
    dpoName: org.dpoName,
    dpoEmail: org.dpoEmail,
    representative: org.representative,
  });
  return { asOf, historical, controller, activities, processorFilter, incompleteOnly: !!f.incompleteOnly };
}

/** What a record shows of a processor in a chain. */
type ChainProcessor = Pick<
  Processor,
  | "id"
  | "name"
  | "registrationNumber"
  | "countryCode"
  | "businessOwnerName"
  | "businessOwnerEmail"
  | "businessCriticality"
  | "renewalOn"
  | "tags"
>;

/**
 * What the batches of one export share: the chain walker (graph, policies, hop assessments) and the
 * processors the chains name with their agreement in force, each read once. Rebuilt per batch, they were
 * garbage that outlived the batch's records and so filled the old generation.
 */
interface SharedByBatches {
  walker: ChainWalker | null;
  /** Each processor an activity uses, its chain ready to walk; null when it is not visible. */
  chains: Map<string, ExposureInput | null>;
  processors: Map<string, ChainProcessor>;
  /** What a record shows of each processor's agreement in force. */
  agreementOf: Map<string, Pick<Agreement, "title" | "processingCountries"> | null>;
  registers: Map<string, RecipientRegister>;
  countries: WeakMap<HopAssessment, string[]>;
  /** recordOf's marks of the processors a record has listed (by graph number), and the record's mark. */
  listed?: Uint32Array;
  listPass: number;
}

const sharedByBatches = (): SharedByBatches => ({
  walker: null,
  chains: new Map(),
  processors: new Map(),
  agreementOf: new Map(),
  registers: new Map(),
  countries: new WeakMap(),
  listPass: 0,
});

/** What a record shows of a recipient, set field by field (no object literal copied in per recipient). */
function recordRecipient(
  processorId: string,
  name: string,
  registrationNumber: string | null,
  register: RecipientRegister | undefined,
  role: RecipientRole,
  countryCode: string | null,
  processingCountries: string[],
  engagedBy: string | null,
  depth: number,
  agreement: string | null,
): RecordRecipient {
  const r = new RecordRecipient();
  r.processorId = processorId;
  r.name = name;
  r.registrationNumber = registrationNumber;
  r.register = register;
  r.role = role;
  r.countryCode = countryCode;
  r.processingCountries = processingCountries;
  r.engagedBy = engagedBy;
  r.depth = depth;
  r.agreement = agreement;
  return r;
}

/** How records are built: `paths`, every transfer's path (else only those a finding's sentence names). */
export interface RecordOptions {
  paths: boolean;
}

/** Processors whose agreements one statement reads while an export names the processors of its chains. */
const AGREEMENTS_AT_ONCE = 500;

/**
 * Derives the records of some activities: recipients, transfers, measures, completeness. What the
 * activities share (their processors' chains, agreements, measures) is read at once; each record is
 * built only when the caller takes it, so an export holds one record's recipients at a time.
 */
async function buildRecords(
  ctx: RequestContext,
  prep: Prepared,
  activities: ActivityState[],
  shared: SharedByBatches = sharedByBatches(),
  options: RecordOptions = { paths: true },
): Promise<Iterable<ProcessingRecord>> {
  const { asOf, historical } = prep;
  const L = ctx.loaders;
  const usedIds = [...new Set(activities.flatMap((a) => a.processorIds))];
  shared.walker ??= await chainService.chainWalker(ctx, historical ? asOf : null);
  const walker = shared.walker;
  // Each processor's chain is prepared once per export: re-read per batch, the processors and their
  // agreements were entities that outlived the batch's young-generation collections, hundreds of batches over.
  const unprepared = usedIds.filter((id) => !shared.chains.has(id));
  const used = await loadFound(L.processorById, unprepared);
  const [chains, categoryList, subjectList] = await Promise.all([
    // The chains ready to walk, not walked: a record walks its processors' chains when it is built and
    // drops the hops with it, so no batch's hops outlive a record (they died in the old generation).
    walker.inputsOf(used),
    loadFound(L.dataCategoryById, [...new Set(activities.flatMap((a) => a.categories.map((c) => c.dataCategoryId)))]),
    loadFound(L.dataSubjectCategoryById, [...new Set(activities.flatMap((a) => a.subjectIds))]),
  ]);
  for (const id of unprepared) shared.chains.set(id, null);
  used.forEach((p, i) => shared.chains.set(p.id, chains[i]));
  const chainBy = shared.chains;
  const category = new Map(categoryList.map((c) => [c.id, c]));
  const subject = new Map(subjectList.map((s) => [s.id, s]));
  // Everything named in a chain and not read yet: names, agreements in force, measures. Found on the
  // graph's marks (a set of the thousands of processors a batch reaches was garbage of every batch).
  const fresh = usedIds.filter((id) => !shared.agreementOf.has(id));
  const known = new Set(fresh);
  const graph = walker.graph;
  graph.reach(
    usedIds.filter((id) => chainBy.get(id)),
    (node) => {
      const id = graph.processorIds[node];
      if (!shared.agreementOf.has(id) && !known.has(id)) {
        known.add(id);
        fresh.push(id);
      }
    },
  );
  // Only what the record shows of them, not the entities: an export names most of a portfolio's processors.
  const named: ChainProcessor[] = fresh.length
    ? await ctx.manager.query(
        `SELECT id, name, registration_number AS "registrationNumber", country_code AS "countryCode",
           business_owner_name AS "businessOwnerName", business_owner_email AS "businessOwnerEmail",
           business_criticality AS "businessCriticality", to_char(renewal_on, 'YYYY-MM-DD') AS "renewalOn", tags
           FROM processor WHERE id = ANY($1)`,
        [fresh],
      )
    : [];
  for (const p of named) shared.processors.set(p.id, p);
  // The agreement in force on the record's day (asOf, else today). Kept as the two values a record shows,
  // read in parts: the first batch names most of the portfolio, and all its agreements as entities at once
  // were tens of MB that lived through many collections.
  for (let i = 0; i < fresh.length; i += AGREEMENTS_AT_ONCE) {
    const part = fresh.slice(i, i + AGREEMENTS_AT_ONCE);
    const agreementLists = await loadEach(L.agreementsByProcessor, part);
    part.forEach((id, j) => {
      const inForce = currentAgreementOf(agreementLists[j], asOf);
      shared.agreementOf.set(id, inForce && { title: inForce.title, processingCountries: inForce.processingCountries });
      L.agreementsByProcessor.clear(id);
    });
  }
  const { processors: chainProcessors, agreementOf } = shared;
  const measureRows: { processor_id: string; required: number; implemented: number }[] = usedIds.length
    ? await ctx.manager.query(
        `SELECT a.processor_id, count(*)::int AS required, count(*) FILTER (WHERE pm.status = 'IMPLEMENTED')::int AS
          implemented
           FROM agreement_required_measure rm
           JOIN agreement a ON a.id = rm.agreement_id AND ${agreementInForce("a", "$2::date")}
           LEFT JOIN processor_measure pm ON pm.processor_id = a.processor_id AND pm.measure_id = rm.measure_id
          WHERE a.processor_id = ANY($1) GROUP BY a.processor_id`,
        [usedIds, asOf],
      )
    : [];
  const measuresOf = new Map(measureRows.map((m) => [m.processor_id, m]));
  const name = (id: string | null) => (id ? (chainProcessors.get(id)?.name ?? id) : "");
  // One register and one country list per processor and per assessment, not per recipient of every record.
  const registerOfProcessor = (p: ChainProcessor) => {
    let register = shared.registers.get(p.id);
    if (!register) shared.registers.set(p.id, (register = registerOf(p)));
    return register;
  };
  const countriesOf = (assessment: HopAssessment) => {
    let countries = shared.countries.get(assessment);
    if (!countries)
      shared.countries.set(
        assessment,
        (countries = assessment.destinations.map((d) => d.country).filter((c): c is string => !!c)),
      );
    return countries;
  };

  // Which processors a record has listed, as marks on the graph's numbering (a set of a record's thousands of
  // recipients was rebuilt, and rehashed as it grew, for every record).
  const listed = (shared.listed ??= new Uint32Array(graph.processorIds.length));
  const recordOf = (a: ActivityState): ProcessingRecord => {
    const recipients: RecordRecipient[] = [];
    const transfers: RecordTransfer[] = [];
    const pass = ++shared.listPass;
    // A processor the activity uses that takes part in no engagement has no number on the graph.
    const unnumbered: string[] = [];
    const firstListing = (id: string) => {
      const node = graph.numberOf(id);
      if (node === undefined) {
        if (unnumbered.includes(id)) return false;
        unnumbered.push(id);
        return true;
      }
      if (listed[node] === pass) return false;
      listed[node] = pass;
      return true;
    };
    for (const pid of a.processorIds) {
      const chain = chainBy.get(pid);
      if (!chain) continue;
      if (firstListing(pid)) {
        const p = chainProcessors.get(pid)!;
        recipients.push(
          recordRecipient(
            pid,
            p.name,
            p.registrationNumber,
            registerOfProcessor(p),
            RecipientRole.PROCESSOR,
            p.countryCode,
            agreementOf.get(pid)?.processingCountries ?? [],
            null,
            0,
            agreementOf.get(pid)?.title ?? null,
          ),
        );
      }
      walkHops(chain, (hop) => {
        const { destinations, findings } = hop.assessment;
        if (hop.depth > 0 && firstListing(hop.toProcessorId)) {
          const p = chainProcessors.get(hop.toProcessorId);
          recipients.push(
            recordRecipient(
              hop.toProcessorId,
              p?.name ?? hop.toProcessorId,
              p?.registrationNumber ?? null,
              p ? registerOfProcessor(p) : undefined,
              RecipientRole.SUB_PROCESSOR,
              p?.countryCode ?? null,
              countriesOf(hop.assessment),
              name(hop.fromProcessorId),
              hop.depth,
              hop.agreementId ? (agreementOf.get(hop.fromProcessorId ?? "")?.title ?? null) : null,
            ),
          );
        }
        for (const d of destinations) {
          if (d.countryClass === "EEA") continue;
          const found = findings.length ? findings.filter((fi) => fi.country === d.country).map((fi) => fi.kind) : [];
          const t = new RecordTransfer();
          t.engagementId = hop.engagementId;
          t.agreementId = hop.agreementId;
          t.recipientId = hop.toProcessorId;
          t.recipient = name(hop.toProcessorId);
          t.country = d.country;
          t.countryClass = d.countryClass;
          t.mechanism =
            d.countryClass === "ADEQUATE"
              ? `ADEQUACY (${d.adequacy?.reference ?? d.adequacy?.id ?? "decision"})`
              : hop.mechanism;
          // A path is read by the JSON export and GraphQL, and by the sentence of a transfer with findings.
          t.path = options.paths || found.length ? hop.pathIds().map((id) => name(id)) : [];
          t.findings = found;
          t.pathLength = hop.depth + 1;
          transfers.push(t);
        }
      });
    }
    // Processors the activity uses first, then sub-processors level by level, by name.
    recipients.sort((x, y) => x.depth - y.depth || (x.depth === 0 ? 0 : x.name.localeCompare(y.name)));
    transfers.sort(
      (x, y) =>
        x.pathLength - y.pathLength ||
        x.recipient.localeCompare(y.recipient) ||
        (x.country ?? "").localeCompare(y.country ?? ""),
    );
    const summaries = a.processorIds.map((pid) => measuresSummary(name(pid), measuresOf.get(pid)));
    const measures = Object.assign(new RecordMeasures(), {
      description: a.tomDescription,
      processorSummaries: summaries.map((x) => x.en),
      processorSummariesByLang: { en: summaries.map((x) => x.en), da: summaries.map((x) => x.da) },
    });
    const base = {
      activityId: a.id,
      name: a.name,
      purposes: a.purposes,
      legalBasis: a.legalBasis,
      specialCategoryCondition: a.specialCategoryCondition,
      criminalDataBasis: a.criminalDataBasis,
      legitimateInterests: a.legitimateInterests,
      dataSubjectCategories: a.subjectIds
        .map((id) => subject.get(id))
        .filter((s): s is DataSubjectCategory => !!s)
        .map((s) =>
          Object.assign(new RecordDataSubjectCategory(), { key: s.key, name: s.name, vulnerable: s.vulnerable }),
        ),
      dataCategories: a.categories
        .map((c) => ({ c, cat: category.get(c.dataCategoryId) }))
        .filter((x) => !!x.cat)
        .map(({ c, cat }) =>
          Object.assign(new RecordDataCategory(), {
            key: cat!.key,
            name: cat!.name,
            sensitivity: cat!.sensitivity,
            retention: c.retention,
          }),
        ),
      recipients,
      otherRecipients: a.otherRecipients,
      transfers,
      retention: a.retention,
      dataSource: a.dataSource,
      dpiaStatus: a.dpiaStatus,
      dpiaLink: a.dpiaLink,
      automatedDecisionMaking: a.automatedDecisionMaking,
      measures,
      jointController: a.jointController,
    };
    const { codes, details, detailsByLang } = completeness(
      base,
      a.processorIds.filter((pid) => !agreementOf.get(pid)).map((pid) => name(pid)),
    );
    return Object.assign(new ProcessingRecord(), {
      ...base,
      missing: codes,
      missingDetails: details,
      missingDetailsByLang: detailsByLang,
    });
  };
  const wanted = (r: ProcessingRecord) =>
    (!prep.processorFilter || r.recipients.some((x) => x.processorId === prep.processorFilter)) &&
    (!prep.incompleteOnly || r.missing.length > 0);
  return (function* () {
    for (const a of activities) {
      const r = recordOf(a);
      if (wanted(r)) yield r;
    }
  })();
}

/** Over GraphQL the answer is built in memory; a longer register is for the streamed exports. */
export const MAX_GRAPHQL_RECORDS = 1000;

async function recordsOfProcessing(ctx: RequestContext, args: RecordArgs): Promise<RecordsOfProcessing> {
  const prep = await prepare(ctx, args);
  if (prep.activities.length > MAX_GRAPHQL_RECORDS) {
    throw badUserInput(
      `The filter matches ${prep.activities.length} activities; recordsOfProcessing answers at most ` +
        `${MAX_GRAPHQL_RECORDS}. Narrow the filter, or stream the whole register from GET /exports/ropa.json (or ` +
        `.csv, .xlsx).`,
    );
  }
  return Object.assign(new RecordsOfProcessing(), {
    asOf: prep.asOf,
    controller: prep.controller,
    records: [...(await buildRecords(ctx, prep, prep.activities))],
  });
}

/** How big an export of the register will be, known before any record is derived. */
export interface RegisterSize {
  /** Rows with one row per activity. */
  activityRows: number;
  /** Rows with one row per activity × recipient (an activity without recipients keeps one row). */
  recipientRows: number;
  /**
   * Bytes the activities' own texts and the controller header take: a lower bound of a file's size,
   * per granularity (the recipient rows repeat them on every row).
   */
  minActivityBytes: number;
  minRecipientBytes: number;
  /**
   * Whether these are the export's own figures. incompleteOnly is known only once each record is
   * derived: with it they are upper bounds, and only the limits enforced while writing apply.
   */
  exact: boolean;
}

const textBytes = (values: readonly (string | null | undefined)[]) =>
  values.reduce((n, v) => n + (v ? Buffer.byteLength(v) : 0), 0);

/** The size of the export of the prepared activities: the recipients counted on the chain graph, nothing derived. */
async function registerSize(ctx: RequestContext, prep: Prepared, withRecipients: boolean): Promise<RegisterSize> {
  const c = prep.controller;
  const controllerBytes = textBytes([c.name, c.registrationNumber, c.address, c.dpoName, c.dpoEmail, c.representative]);
  const counts =
    withRecipients || prep.processorFilter
      ? await chainService.countReached(
          ctx,
          prep.activities.map((a) => [...new Set(a.processorIds)]),
          prep.historical ? prep.asOf : null,
          prep.processorFilter,
        )
      : prep.activities.map(() => 0);
  const size: RegisterSize = {
    activityRows: 0,
    recipientRows: 0,
    minActivityBytes: 0,
    minRecipientBytes: 0,
    exact: !prep.incompleteOnly,
  };
  prep.activities.forEach((a, i) => {
    const recipients = counts[i];
    if (recipients === null) return;
    const bytes =
      controllerBytes +
      textBytes([
        a.name,
        a.purposes,
        a.criminalDataBasis,
        a.legitimateInterests,
        a.retention,
        a.dataSource,
        a.dpiaLink,
        a.tomDescription,
        a.jointController,
        ...a.otherRecipients,
      ]);
    size.activityRows += 1;
    size.recipientRows += Math.max(1, recipients);
    size.minActivityBytes += bytes;
    size.minRecipientBytes += bytes * Math.max(1, recipients);
  });
  return size;
}

/**
 * The same, for exports: the header at once, then the records batch by batch and one by one, so
 * memory holds one batch of chains and one record however long the register is. Batches are small:
 * on a large portfolio one activity reaches thousands of sub-processors.
 */
async function streamRecordsOfProcessing(
  ctx: RequestContext,
  args: RecordArgs,
  options: RecordOptions = { paths: true },
  batchSize = 20,
): Promise<{
  asOf: string;
  controller: ControllerHeader;
  records: AsyncIterable<ProcessingRecord>;
  /** The export's size before any record is derived (withRecipients: count the recipient rows too). */
  size: (withRecipients: boolean) => Promise<RegisterSize>;
}> {
  const prep = await prepare(ctx, args);
  async function* records(): AsyncIterable<ProcessingRecord> {
    const shared = sharedByBatches();
    for (let i = 0; i < prep.activities.length; i += batchSize) {
      yield* await buildRecords(ctx, prep, prep.activities.slice(i, i + batchSize), shared, options);
      // Loader caches would otherwise grow with the register: per-activity links, and the processors and
      // agreements each batch reads as entities (what later batches need of them is kept in `shared`).
      ctx.loaders.processorLinksByActivity.clearAll();
      ctx.loaders.processorById.clearAll();
      ctx.loaders.agreementsByProcessor.clearAll();
    }
  }
  return {
    asOf: prep.asOf,
    controller: prep.controller,
    records: records(),
    size: (withRecipients) => registerSize(ctx, prep, withRecipients),
  };
}

export const recordService = {
  recordsOfProcessing,
  stream: streamRecordsOfProcessing,
};
