import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../../context";
import { linked, LoadedField, reference } from "../../common/reference";
import { decodeIdOf } from "../../common/global-id";
import { LifecycleMutations } from "../../common/mutation";
import { Processor } from "../processors/processor.entity";
import { DataCategory, DataSubjectCategory } from "../taxonomy/taxonomy.entity";
import { Measure } from "../measures/measure.entity";
import { Agreement } from "./agreement.entity";
import {
  AgreementDataCategory,
  AgreementDataSubjectCategory,
  AgreementRequiredMeasure,
} from "./agreement-links.entity";
import { AuditTerms, ClauseSource, ProcessingLocations } from "./agreement.types";
import { CLAUSE_NAMES, CreateAgreementInput, UpdateAgreementInput } from "./agreement.inputs";
import { agreementService } from "./agreement.service";
import { AgreementPayload } from "./agreement.types";

function auditTerms(a: Agreement, prefix: "processor" | "subprocessor"): AuditTerms {
  return {
    methods: a[`${prefix}AuditMethods`] ?? [],
    intervalMonths: a[`${prefix}AuditIntervalMonths`],
    dueDay: a[`${prefix}AuditDueDay`],
    noticeDays: a[`${prefix}AuditNoticeDays`],
    paidBy: a[`${prefix}AuditPaidBy`],
  };
}

@Resolver(() => Agreement)
@LifecycleMutations(AgreementPayload, agreementService, {
  create: [CreateAgreementInput, "Record a DPA or a sub-processor agreement with its clause values."],
  update: [UpdateAgreementInput, "Change an agreement's clause values, status or links."],
  archive: "Archive an agreement.",
})
export class AgreementResolver {
  @Query(() => Agreement, {
    nullable: true,
    description: "One agreement by id; null when it does not exist in your organization.",
  })
  agreement(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext) {
    const uuid = decodeIdOf("Agreement", id);
    return uuid ? ctx.loaders.agreementById.load(uuid) : null;
  }

  @LoadedField(() => Processor, { description: "The party that processes under the agreement." })
  processor = reference("processorById", (a: Agreement) => a.processorId);

  @LoadedField(() => Processor, {
    nullable: true,
    description:
      "For a sub-processor agreement, the processor that engaged the sub-processor; null when the controller is " +
      "the other party.",
  })
  principal = reference("processorById", (a: Agreement) => a.principalId);

  @LoadedField(() => Agreement, { nullable: true, description: "The earlier agreement this one replaces." })
  supersedes = reference("agreementById", (a: Agreement) => a.supersedesId);

  @FieldResolver(() => ProcessingLocations, { description: "Bilag C.5: where processing may take place." })
  processingLocations(@Root() a: Agreement): ProcessingLocations {
    return { countries: a.processingCountries ?? [], description: a.processingLocationsText };
  }

  @FieldResolver(() => AuditTerms, { description: "Bilag C.7: how and how often the processor is audited." })
  processorAudit(@Root() a: Agreement): AuditTerms {
    return auditTerms(a, "processor");
  }

  @FieldResolver(() => AuditTerms, {
    description: "Bilag C.8: how and how often the processor's sub-processors are audited.",
  })
  subprocessorAudit(@Root() a: Agreement): AuditTerms {
    return auditTerms(a, "subprocessor");
  }

  @FieldResolver(() => [ClauseSource], { description: "Where each clause value comes from (document and clause)." })
  sources(@Root() a: Agreement): ClauseSource[] {
    const order = (c: string) => (CLAUSE_NAMES as readonly string[]).indexOf(c);
    return Object.entries(a.clauseSources ?? {})
      .map(([clause, s]) => ({ clause, reference: s.reference, note: s.note ?? null }))
      .sort((x, y) => order(x.clause) - order(y.clause));
  }

  @LoadedField(() => [AgreementDataCategory], {
    description: "Bilag A.3: data categories entrusted, each with its source.",
  })
  dataCategories = linked("dataCategoryLinksByAgreement");

  @LoadedField(() => [AgreementDataSubjectCategory], {
    description: "Bilag A.4: categories of data subjects, each with its source.",
  })
  dataSubjectCategories = linked("dataSubjectLinksByAgreement");

  @LoadedField(() => [AgreementRequiredMeasure], {
    description: "Bilag C.2: security measures the agreement requires, with the clause text.",
  })
  requiredMeasures = linked("requiredMeasuresByAgreement");
}

@Resolver(() => AgreementDataCategory)
export class AgreementDataCategoryResolver {
  @LoadedField(() => DataCategory, { description: "The data category." })
  category = reference("dataCategoryById", (l: AgreementDataCategory) => l.dataCategoryId);
}

@Resolver(() => AgreementDataSubjectCategory)
export class AgreementDataSubjectCategoryResolver {
  @LoadedField(() => DataSubjectCategory, { description: "The data-subject category." })
  category = reference("dataSubjectCategoryById", (l: AgreementDataSubjectCategory) => l.dataSubjectCategoryId);
}

@Resolver(() => AgreementRequiredMeasure)
export class AgreementRequiredMeasureResolver {
  @LoadedField(() => Measure, { description: "The measure in the TOM catalogue." })
  measure = reference("measureById", (l: AgreementRequiredMeasure) => l.measureId);
}
