// Evidence: files kept in the database (uploaded over POST /evidence) or outside it (a URI and a
// declared SHA-256). Metadata and links may change; content, hash, size and storage never do.
import { EntityTarget, ObjectLiteral } from "typeorm";
import type { RequestContext } from "../../context";
import { paginate, sortOn } from "../../common/connection";
import { UserErrorCode, badUserInput, failInput } from "../../common/errors";
import { createOwned, findByGlobalId, findForUpdateAtVersion } from "../../common/lookup";
import { decodeIdOf } from "../../common/global-id";
import { Processor } from "../processors/processor.entity";
import { Agreement } from "../agreements/agreement.entity";
import { Measure } from "../measures/measure.entity";
import { AuditReport } from "../supervision/audit-report.entity";
import { AuditFinding } from "../supervision/finding.entity";
import { BreachNotice } from "../supervision/breach-notice.entity";
import { Evidence, EvidenceContent, EvidenceKind, EvidenceStorage } from "./evidence.entity";
import {
  EvidenceFilter,
  EvidenceLinkInput,
  LINK_FIELDS,
  LinkField,
  RegisterExternalEvidenceInput,
  UpdateEvidenceInput,
  UploadEvidenceFields,
} from "./evidence.inputs";
import { normalizeMediaType } from "./evidence.rules";

/** The entity and global type name each link field names. */
const LINK_TARGETS: Record<LinkField, { entity: EntityTarget<ObjectLiteral>; typeName: string }> = {
  processorId: { entity: Processor, typeName: "Processor" },
  agreementId: { entity: Agreement, typeName: "Agreement" },
  auditReportId: { entity: AuditReport, typeName: "AuditReport" },
  findingId: { entity: AuditFinding, typeName: "AuditFinding" },
  breachNoticeId: { entity: BreachNotice, typeName: "BreachNotice" },
  measureId: { entity: Measure, typeName: "Measure" },
};

type LinkIds = Record<LinkField, string | null>;
type FieldPath = (field: string) => string[];

const NO_LINKS: LinkIds = {
  processorId: null,
  agreementId: null,
  auditReportId: null,
  findingId: null,
  breachNoticeId: null,
  measureId: null,
};

function blankToNull(v: string | null | undefined): string | null | undefined {
  return typeof v === "string" && v.trim() === "" ? null : v;
}

/**
 * Resolves the links of an input (global ids; undefined = keep `current`, null = clear) to row ids.
 * Ids of other organizations fail exactly like ids that do not exist (NOT_FOUND naming the field).
 * Then checks that the links agree with each other, and fills in the processor from the linked
 * agreement, report, finding or breach notice when none is given.
 */
async function resolveLinks(
  ctx: RequestContext,
  input: EvidenceLinkInput,
  current: LinkIds,
  path: FieldPath,
): Promise<LinkIds> {
  const ids: LinkIds = { ...current };
  const loaded = new Map<LinkField, ObjectLiteral>();
  for (const field of LINK_FIELDS) {
    const value = blankToNull(input[field]);
    if (value === undefined) continue;
    if (value === null) {
      ids[field] = null;
      continue;
    }
    const { entity, typeName } = LINK_TARGETS[field];
    const row = await findByGlobalId(ctx, entity, typeName, value.trim(), path(field));
    ids[field] = row.id as string;
    loaded.set(field, row);
  }
  const record = async <T extends ObjectLiteral>(field: LinkField): Promise<T | null> => {
    const id = ids[field];
    if (!id) return null;
    const row = loaded.get(field) ?? (await ctx.manager.findOne(LINK_TARGETS[field].entity, { where: { id } }));
    return row as T | null;
  };

  const agreement = await record<Agreement>("agreementId");
  const report = await record<AuditReport>("auditReportId");
  const finding = await record<AuditFinding>("findingId");
  const notice = await record<BreachNotice>("breachNoticeId");

  if (finding && report && finding.auditReportId && finding.auditReportId !== report.id) {
    failInput(
      path("findingId"),
      UserErrorCode.INVALID,
      "findingId must be a finding of the audit report named by auditReportId",
    );
  }
  // Each linked record says which processor it is about (an agreement: its processor or its principal).
  const implied: { field: LinkField; what: string; processors: string[] }[] = [];
  if (agreement)
    implied.push({
      field: "agreementId",
      what: "an agreement",
      processors: [agreement.processorId, ...(agreement.principalId ? [agreement.principalId] : [])],
    });
  if (report) implied.push({ field: "auditReportId", what: "an audit report", processors: [report.processorId] });
  if (finding) implied.push({ field: "findingId", what: "a finding", processors: [finding.processorId] });
  if (notice) implied.push({ field: "breachNoticeId", what: "a breach notice", processors: [notice.processorId] });
  const about = blankToNull(input.processorId)
    ? "the processor named by processorId"
    : ids.processorId
      ? "the evidence's processor (send processorId to change it, or null to take it from the links)"
      : "the same processor as the other links";
  if (!ids.processorId && implied.length) ids.processorId = implied[0].processors[0];
  for (const link of implied) {
    if (!link.processors.includes(ids.processorId as string)) {
      failInput(path(link.field), UserErrorCode.INVALID, `${link.field} must name ${link.what} of ${about}`);
    }
  }
  return ids;
}

export interface StoredFile {
  content: Buffer;
  /** Lower-case hex, computed while the upload streamed in. */
  sha256: string;
  sizeBytes: number;
  mediaType: string;
  fileName: string | null;
}

export const evidenceService = {
  ofInput: evidenceOfInput,
  find: findEvidence,
  /** POST /evidence: the file was read and hashed already; metadata and content go in together. */
  async createStored(ctx: RequestContext, fields: UploadEvidenceFields, file: StoredFile): Promise<Evidence> {
    const links = await resolveLinks(ctx, fields, NO_LINKS, (f) => [f]);
    const evidence = await ctx.manager.save(
      createOwned(ctx, Evidence, {
        kind: fields.kind,
        title: fields.title.trim(),
        effectiveOn: fields.effectiveOn,
        description: fields.description?.trim() || null,
        fileName: file.fileName,
        mediaType: file.mediaType,
        sizeBytes: file.sizeBytes,
        sha256: file.sha256,
        storage: EvidenceStorage.DATABASE,
        externalUri: null,
        uploadedByApiKeyId: ctx.actor.apiKeyId,
        ...links,
      }),
    );
    await ctx.manager.insert(EvidenceContent, {
      evidenceId: evidence.id,
      organizationId: ctx.actor.organizationId,
      content: file.content,
    });
    return evidence;
  },

  async registerExternal(ctx: RequestContext, input: RegisterExternalEvidenceInput): Promise<Evidence> {
    const links = await resolveLinks(ctx, input, NO_LINKS, (f) => ["input", f]);
    return ctx.manager.save(
      createOwned(ctx, Evidence, {
        kind: input.kind,
        title: input.title.trim(),
        effectiveOn: input.effectiveOn,
        description: input.description?.trim() || null,
        fileName: input.fileName?.trim() || null,
        mediaType: input.mediaType ? normalizeMediaType(input.mediaType) : null,
        sizeBytes: input.sizeBytes ?? null,
        sha256: input.sha256.toLowerCase(),
        storage: EvidenceStorage.EXTERNAL,
        externalUri: input.externalUri.trim(),
        uploadedByApiKeyId: ctx.actor.apiKeyId,
        ...links,
      }),
    );
  },

  async update(ctx: RequestContext, input: UpdateEvidenceInput): Promise<Evidence> {
    const evidence = await findForUpdateAtVersion(ctx, Evidence, "Evidence", input);
    const current: LinkIds = {
      processorId: evidence.processorId,
      agreementId: evidence.agreementId,
      auditReportId: evidence.auditReportId,
      findingId: evidence.findingId,
      breachNoticeId: evidence.breachNoticeId,
      measureId: evidence.measureId,
    };
    Object.assign(evidence, await resolveLinks(ctx, input, current, (f) => ["input", f]));
    if (input.kind !== undefined) evidence.kind = input.kind as EvidenceKind;
    if (input.title !== undefined) evidence.title = input.title.trim();
    if (input.effectiveOn !== undefined) evidence.effectiveOn = input.effectiveOn;
    if (input.description !== undefined) evidence.description = input.description?.trim() || null;
    return ctx.manager.save(evidence);
  },

  /** Newest effective date first, then by id (stable keyset order). */
  list(ctx: RequestContext, args: { first?: number | null; after?: string | null; filter?: EvidenceFilter | null }) {
    const qb = ctx.manager.createQueryBuilder(Evidence, "e");
    const f = args.filter ?? {};
    if (f.processorId) {
      const id = decodeIdOf("Processor", f.processorId);
      if (!id) throw badUserInput("filter.processorId is not a Processor id.");
      qb.andWhere("e.processor_id = :processorId", { processorId: id });
    }
    if (f.kind) qb.andWhere("e.kind = :kind", { kind: f.kind });
    if (f.effectiveFrom) qb.andWhere("e.effective_on >= :from", { from: f.effectiveFrom });
    if (f.effectiveTo) qb.andWhere("e.effective_on <= :to", { to: f.effectiveTo });
    return paginate(qb, { ...args, ...sortOn(qb, "effectiveOn", "DESC") });
  },

  /** The stored bytes of DATABASE evidence (row-level security scopes both tables to the tenant). */
  async content(ctx: RequestContext, evidenceId: string): Promise<Buffer | null> {
    const row = await ctx.manager.findOne(EvidenceContent, { where: { evidenceId } });
    return row?.content ?? null;
  },
};

/** The evidence a global id in an input field names; else a NOT_FOUND userError on that field. */
function evidenceOfInput(ctx: RequestContext, globalId: string, field: string[]): Promise<Evidence> {
  return findByGlobalId(ctx, Evidence, "Evidence", globalId, field);
}

/** Evidence by its uuid, or null when it is not there (or not yours). */
function findEvidence(ctx: RequestContext, id: string): Promise<Evidence | null> {
  return ctx.manager.findOne(Evidence, { where: { id } });
}
