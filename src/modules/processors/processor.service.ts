import { Brackets } from "typeorm";
import type { RequestContext } from "../../context";
import { paginate } from "../../common/connection";
import { applyPatch, checkVersion, findByGlobalId, findForUpdate } from "../../common/lookup";
import { Processor, ProcessorStatus } from "./processor.entity";
import { CreateProcessorInput, ProcessorFilter, ProcessorOrder, ProcessorOrderField, UpdateProcessorInput } from "./processor.inputs";

const EDITABLE: (keyof Processor & string)[] = [
  "name", "legalName", "registrationNumber", "registrationScheme", "countryCode", "address", "website",
  "serviceDescription", "contactEmail", "status", "source", "direct", "dpfCertifiedSince",
];

export const processorService = {
  async list(ctx: RequestContext, args: { first?: number | null; after?: string | null; filter?: ProcessorFilter | null; orderBy?: ProcessorOrder | null }) {
    const qb = ctx.manager.createQueryBuilder(Processor, "p");
    const f = args.filter ?? {};
    if (!f.includeArchived) qb.andWhere("p.archived_at IS NULL");
    if (f.status?.length) qb.andWhere("p.status IN (:...status)", { status: f.status });
    if (f.countryCode) qb.andWhere("p.country_code = :country", { country: f.countryCode });
    if (f.direct !== undefined && f.direct !== null) qb.andWhere("p.direct = :direct", { direct: f.direct });
    if (f.search) {
      const like = `%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(new Brackets((w) => w.where("p.name ILIKE :like", { like }).orWhere("p.legal_name ILIKE :like").orWhere("p.registration_number ILIKE :like")));
    }
    const byName = (args.orderBy?.field ?? ProcessorOrderField.NAME) === ProcessorOrderField.NAME;
    return paginate(qb, {
      first: args.first,
      after: args.after,
      sortColumn: byName ? "p.name" : "p.created_at",
      idColumn: "p.id",
      sortProperty: (p) => (byName ? p.name : p.createdAt),
      direction: args.orderBy?.direction ?? "ASC",
    });
  },

  async create(ctx: RequestContext, input: CreateProcessorInput): Promise<Processor> {
    const p = ctx.manager.create(Processor, {
      organizationId: ctx.actor.organizationId,
      status: ProcessorStatus.ACTIVE,
      direct: true,
    });
    applyPatch(p, input, EDITABLE);
    return ctx.manager.save(p);
  },

  async update(ctx: RequestContext, input: UpdateProcessorInput): Promise<Processor> {
    const p = await findForUpdate(ctx, Processor, "Processor", input.id, ["input", "id"]);
    checkVersion(p, input.version);
    applyPatch(p, input, EDITABLE);
    return ctx.manager.save(p);
  },

  async archive(ctx: RequestContext, id: string): Promise<Processor> {
    const p = await findForUpdate(ctx, Processor, "Processor", id, ["input", "id"]);
    p.archivedAt = p.archivedAt ?? new Date();
    return ctx.manager.save(p);
  },
};
