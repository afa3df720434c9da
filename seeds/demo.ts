// Demo data: one controller organization using the three seed DPAs (seeds/dpas/), loaded
// through the same services and validation as the API. Every fact carries its source (file + clause).
import { DataSource } from "typeorm";
import { Database } from "../src/db/database";
import { finishTransaction, RequestContext } from "../src/context";
import { createContext } from "../src/loaders";
import { toGlobalId } from "../src/common/global-id";
import { UserError } from "../src/common/errors";
import { runMutation } from "../src/common/mutation";
import { Organization } from "../src/modules/organizations/organization.entity";
import { createOrganization } from "../src/modules/organizations/provision";
import { processorService } from "../src/modules/processors/processor.service";
import { CreateProcessorInput } from "../src/modules/processors/processor.inputs";
import { agreementService } from "../src/modules/agreements/agreement.service";
import {
  AuditTermsInput,
  CategoryRefInput,
  ClauseSourceInput,
  CreateAgreementInput,
  RequiredMeasureInput,
} from "../src/modules/agreements/agreement.inputs";
import { engagementService } from "../src/modules/subprocessors/engagement.service";
import { CreateSubprocessorEngagementInput } from "../src/modules/subprocessors/engagement.inputs";
import { ProcessorMeasure } from "../src/modules/measures/processor-measure.entity";
import { Measure } from "../src/modules/measures/measure.entity";
import { supervisionPlanService } from "../src/modules/supervision/supervision-plan.service";
import { SetSupervisionPlanInput } from "../src/modules/supervision/supervision.inputs";
import capturi from "./demo/capturi.json";
import esgCloud from "./demo/e-sg-cloud.json";
import firstagendaUbivox from "./demo/firstagenda-ubivox.json";
import activities from "./demo/activities.json";
import { activityService } from "../src/modules/ropa/activity.service";
import { CreateProcessingActivityInput } from "../src/modules/ropa/activity.inputs";

export const DEMO_ORGANIZATION_NAME = "Demo Controller A/S";

/**
 * The seed DPAs are undated (each enters into force "on signature", and no signature date is given).
 * The demo dates them, and the sub-processors they approve, on this documented demo signing date, so
 * that history (`asOf`) and supervision deadlines have a past to work with. Real imports keep null.
 */
export const DEMO_SIGNED_ON = "2025-03-01";

/**
 * The controller's own vendor register facts for its three vendors (owner, criticality, contract dates,
 * tags). No DPA states them: they are invented for the demo, so that the register fields, their filters
 * and the order by renewal date have something to show. Sub-processors have none.
 */
export const DEMO_REGISTER: Record<string, Record<string, unknown>> = {
  capturi: {
    businessOwnerName: "Mette Holm",
    businessOwnerEmail: "mette.holm@example.dk",
    businessCriticality: "HIGH",
    contractStartOn: "2025-03-01",
    renewalOn: "2027-02-28",
    noticeOn: "2026-11-30",
    servicesProvided: "Speech analytics of customer calls",
    tags: ["Kundeservice", "AI"],
  },
  "e-sg-cloud": {
    businessOwnerName: "Jonas Berg",
    businessOwnerEmail: "jonas.berg@example.dk",
    businessCriticality: "MEDIUM",
    contractStartOn: "2025-03-01",
    renewalOn: "2026-02-28",
    noticeOn: "2025-12-31",
    servicesProvided: "ESG reporting platform",
    tags: ["ESG", "Økonomi"],
  },
  firstagenda: {
    businessOwnerName: "Mette Holm",
    businessOwnerEmail: "mette.holm@example.dk",
    businessCriticality: "CRITICAL",
    contractStartOn: "2025-03-01",
    renewalOn: "2026-08-31",
    noticeOn: "2026-05-31",
    servicesProvided: "Board meeting portal and newsletters",
    tags: ["Ledelse", "Kommunikation"],
  },
};

type Clause = { value: unknown; source: string; note?: string };
interface SeedFile {
  document: string;
  processors: Record<string, unknown>[];
  agreements: (Record<string, unknown> & {
    ref: string;
    processor: string;
    principal: string | null;
    clauses: Record<string, Clause>;
  })[];
  engagements: (Record<string, unknown> & { processor: string; subprocessor: string; agreement: string | null })[];
  processorMeasures: { processor: string; measure: string; status: string; evidence?: string; source?: string }[];
  supervisionPlans: { processor: string; chosenMethod: string; rationale: string; quote: string; source: string }[];
}

export const SEED_FILES = [capturi, esgCloud, firstagendaUbivox] as unknown as SeedFile[];

function orThrow<T>(what: string, payload: { userErrors: UserError[] } & T): T {
  if (payload.userErrors.length) throw new Error(`Seed ${what} was rejected: ${JSON.stringify(payload.userErrors)}`);
  return payload;
}

type AuditKey = "Methods" | "IntervalMonths" | "DueDay" | "NoticeDays" | "PaidBy";
const AUDIT_FIELDS: Record<AuditKey, keyof AuditTermsInput> = {
  Methods: "methods",
  IntervalMonths: "intervalMonths",
  DueDay: "dueDay",
  NoticeDays: "noticeDays",
  PaidBy: "paidBy",
};

/** Turns a seed agreement (clause → {value, source, note}) into the API's input, sources included. */
export function agreementInputFromSeed(
  a: SeedFile["agreements"][number],
  ids: Map<string, string>,
): CreateAgreementInput {
  const input = Object.assign(new CreateAgreementInput(), {
    processorId: toGlobalId("Processor", ids.get(a.processor)!),
    principalId: a.principal ? toGlobalId("Processor", ids.get(a.principal)!) : null,
    kind: a.kind,
    template: a.template,
    status: a.status,
    title: a.title,
    signedOn: a.signedOn ?? DEMO_SIGNED_ON,
    effectiveFrom: a.effectiveFrom ?? a.signedOn ?? DEMO_SIGNED_ON,
    endOn: a.endOn ?? null,
  }) as CreateAgreementInput;
  const sources: ClauseSourceInput[] = [];
  const audit: Record<"processor" | "subprocessor", AuditTermsInput | undefined> = {
    processor: undefined,
    subprocessor: undefined,
  };
  const source = (clause: string, c: Clause) =>
    sources.push(Object.assign(new ClauseSourceInput(), { clause, reference: c.source, note: c.note ?? null }));
  for (const [name, c] of Object.entries(a.clauses)) {
    const auditMatch = /^(processor|subprocessor)Audit(Methods|IntervalMonths|DueDay|NoticeDays|PaidBy)$/.exec(name);
    if (auditMatch) {
      const who = auditMatch[1] as "processor" | "subprocessor";
      audit[who] ??= new AuditTermsInput();
      (audit[who] as unknown as Record<string, unknown>)[AUDIT_FIELDS[auditMatch[2] as AuditKey]] = c.value;
      // One source per audit block; several clause values may share it.
      const ref = `${who}Audit`;
      const existing = sources.find((s) => s.clause === ref);
      if (!existing) source(ref, c);
      else if (!existing.reference.includes(c.source)) existing.reference = `${existing.reference}; ${c.source}`;
    } else if (name === "processingLocations") {
      const v = c.value as { countries: string[]; text?: string };
      input.processingCountries = v.countries;
      input.processingLocationsText = v.text ?? null;
      source(name, c);
    } else {
      (input as unknown as Record<string, unknown>)[name] = c.value;
      source(name, c);
    }
  }
  input.processorAudit = audit.processor;
  input.subprocessorAudit = audit.subprocessor;
  input.sources = sources;
  const refs = (list: unknown) =>
    ((list as { key: string; source?: string }[]) ?? []).map((c) =>
      Object.assign(new CategoryRefInput(), { key: c.key, source: c.source ?? null }),
    );
  input.dataCategories = refs(a.dataCategories);
  input.dataSubjectCategories = refs(a.dataSubjectCategories);
  input.requiredMeasures = ((a.requiredMeasures as { key: string; clauseText?: string; source?: string }[]) ?? []).map(
    (m) =>
      Object.assign(new RequiredMeasureInput(), {
        measureKey: m.key,
        clauseText: m.clauseText ?? null,
        source: m.source ?? null,
      }),
  );
  return input;
}

async function loadSeedFiles(ctx: RequestContext): Promise<void> {
  const ids = new Map<string, string>();
  const subprocessorRefs = new Set(SEED_FILES.flatMap((f) => f.engagements.map((e) => e.subprocessor)));
  const controllerDpaRefs = new Set(
    SEED_FILES.flatMap((f) => f.agreements.filter((a) => !a.principal).map((a) => a.processor)),
  );
  for (const file of SEED_FILES) {
    for (const p of file.processors) {
      const ref = p.ref as string;
      if (ids.has(ref)) continue;
      const { ref: _r, ...fields } = p;
      const input = Object.assign(new CreateProcessorInput(), fields, DEMO_REGISTER[ref] ?? {}, {
        // A vendor of the controller: it has the controller's DPA, or it is nobody's sub-processor (FirstAgenda).
        direct: controllerDpaRefs.has(ref) || !subprocessorRefs.has(ref),
        status: "ACTIVE",
      });
      const { processor } = orThrow(
        `processor ${ref}`,
        await runMutation<{ processor?: { id: string }; userErrors: UserError[] }>(ctx, input, async () => ({
          processor: await processorService.create(ctx, input),
        })),
      );
      ids.set(ref, processor!.id);
    }
  }
  const agreementIds = new Map<string, string>();
  for (const file of SEED_FILES) {
    for (const a of file.agreements) {
      const input = agreementInputFromSeed(a, ids);
      const { agreement } = orThrow(
        `agreement ${a.ref}`,
        await runMutation<{ agreement?: { id: string }; userErrors: UserError[] }>(ctx, input, async () => ({
          agreement: await agreementService.create(ctx, input),
        })),
      );
      agreementIds.set(a.ref, agreement!.id);
    }
  }
  for (const file of SEED_FILES) {
    for (const e of file.engagements) {
      const input = Object.assign(new CreateSubprocessorEngagementInput(), {
        processorId: toGlobalId("Processor", ids.get(e.processor)!),
        subprocessorId: toGlobalId("Processor", ids.get(e.subprocessor)!),
        agreementId: e.agreement ? toGlobalId("Agreement", agreementIds.get(e.agreement)!) : null,
        purpose: e.purpose,
        countries: e.countries,
        transferMechanism: e.transferMechanism,
        status: e.status,
        approvedOn: e.status === "APPROVED" ? ((e.approvedOn as string | undefined) ?? DEMO_SIGNED_ON) : null,
        source: e.note ? `${e.source} (${e.note})` : e.source,
      });
      orThrow(
        `engagement ${e.processor}→${e.subprocessor}`,
        await runMutation(ctx, input, async () => ({ engagement: await engagementService.create(ctx, input) })),
      );
    }
    for (const pm of file.processorMeasures) {
      const measure = await ctx.manager.findOneOrFail(Measure, { where: { key: pm.measure } });
      await ctx.manager.save(
        ctx.manager.create(ProcessorMeasure, {
          organizationId: ctx.actor.organizationId,
          processorId: ids.get(pm.processor)!,
          measureId: measure.id,
          status: pm.status as ProcessorMeasure["status"],
          evidence: pm.evidence ?? null,
          source: pm.source ?? null,
          verifiedOn: null,
        }),
      );
    }
    for (const plan of file.supervisionPlans) {
      const input = Object.assign(new SetSupervisionPlanInput(), {
        processorId: toGlobalId("Processor", ids.get(plan.processor)!),
        chosenMethod: plan.chosenMethod,
        rationale: `${plan.rationale} (${plan.source})`,
      });
      orThrow(
        `supervision plan ${plan.processor}`,
        await runMutation(ctx, input, async () => ({ processor: await supervisionPlanService.set(ctx, input) })),
      );
    }
  }
  for (const a of activities.activities) {
    const { processors, ...fields } = a;
    const input = Object.assign(new CreateProcessingActivityInput(), fields, {
      processorIds: processors.map((ref) => toGlobalId("Processor", ids.get(ref)!)),
    }) as CreateProcessingActivityInput;
    orThrow(
      `processing activity ${a.name}`,
      await runMutation(ctx, input, async () => ({ processingActivity: await activityService.create(ctx, input) })),
    );
  }
}

// Tests and benchmarks create organizations through here too; the one home is organizations/provision.ts.
export { createOrganization };

/** Loads the demo organization unless it exists. Returns its new ADMIN key, or null when it was already there. */
export async function seedDemo(db: Database, owner: DataSource): Promise<string | null> {
  const existing = await owner.getRepository(Organization).findOne({ where: { name: DEMO_ORGANIZATION_NAME } });
  if (existing) return null;
  const { apiKey } = await createOrganization(owner, {
    name: DEMO_ORGANIZATION_NAME,
    countryCode: "DK",
    registrationNumber: null,
    address: "Demo street 1, 8000 Aarhus C, Denmark",
    dpoName: "Demo DPO",
    dpoEmail: "dpo@demo-controller.example",
  });
  await loadDemoData(db, apiKey);
  return apiKey;
}

/** Loads the seed DPAs into the organization of the given key, as one transaction. */
export async function loadDemoData(db: Database, apiKey: string): Promise<void> {
  const ctx = await createContext(db, `Bearer ${apiKey}`);
  try {
    await loadSeedFiles(ctx);
    await finishTransaction(ctx.queryRunner, true);
  } catch (err) {
    await finishTransaction(ctx.queryRunner, false);
    throw err;
  }
}
