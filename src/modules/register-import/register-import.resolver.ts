import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../../context";
import { toGlobalId } from "../../common/global-id";
import { PayloadMutation } from "../../common/mutation";
import { RegisterImport, RegisterImportStatus } from "./register-import.entity";
import { CorrectRegisterImportInput, RegisterImportIdInput } from "./register-import.inputs";
import { registerImportService } from "./register-import.service";
import { TARGET_FIELDS } from "./register-fields";
import type { PlannedRow, Problem } from "./register-import.rules";
import {
  RegisterImportCounts,
  RegisterImportPayload,
  RegisterImportRow,
  RegisterProblem,
  RegisterRowAction,
  RegisterSheet,
  RegisterSheetKind,
  RegisterTemplateField,
} from "./register-import.types";

const KIND = { processors: "PROCESSORS", subprocessors: "SUBPROCESSORS", agreements: "AGREEMENTS" } as const;
const RECORD_TYPE = { processors: "Processor", subprocessors: "SubprocessorEngagement", agreements: "Agreement" };

function rowView(row: PlannedRow, problems: Problem[]): RegisterImportRow {
  return {
    sheet: row.sheet,
    row: row.row,
    kind: KIND[row.kind],
    action: row.action,
    label: row.label,
    recordId: row.recordId ? toGlobalId(RECORD_TYPE[row.kind], row.recordId) : null,
    implicit: row.implicit ?? false,
    changes: row.changes,
    problems: problems.filter((p) => p.row === row.row && p.sheet === row.sheet),
  };
}

@Resolver(() => RegisterImport)
export class RegisterImportResolver {
  @Query(() => RegisterImport, {
    nullable: true,
    description: "One register import by id; null when it does not exist in your organization.",
  })
  registerImport(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext) {
    return registerImportService.find(ctx, id);
  }

  @Query(() => [RegisterImport], { description: "Register imports, newest first (at most 100)." })
  registerImports(
    @Ctx() ctx: RequestContext,
    @Arg("status", () => RegisterImportStatus, { nullable: true }) status: RegisterImportStatus | null,
  ) {
    return registerImportService.list(ctx, status);
  }

  @Query(() => [RegisterTemplateField], {
    description:
      "The register template's fields: sheet, the name columnMapping uses, the Danish and English headings and " +
      "the synonyms recognised (GET /imports/register/template.xlsx is the template itself).",
  })
  registerTemplateFields(): RegisterTemplateField[] {
    return TARGET_FIELDS.map((f) => ({
      sheet: KIND[f.sheet],
      field: f.key,
      headingDa: f.da,
      headingEn: f.en,
      synonyms: [...f.synonyms],
      required: f.required ?? false,
      note: f.note,
    }));
  }

  @FieldResolver(() => RegisterImportCounts, { description: "Rows by action." })
  counts(@Root() i: RegisterImport): RegisterImportCounts {
    return i.counts;
  }

  @FieldResolver(() => [RegisterSheet], { description: "The file's sheets: kind, header row, column mapping." })
  async sheets(@Root() i: RegisterImport, @Ctx() ctx: RequestContext): Promise<RegisterSheet[]> {
    const sheets = await ctx.loaders.registerImportSheetsByImport.load(i.id);
    return sheets.map((s) => ({ ...s, kind: s.kind ? (KIND[s.kind] as RegisterSheetKind) : null }));
  }

  @FieldResolver(() => [RegisterImportRow], {
    complexity: 50,
    description: "The rows of the plan in file order (sheets of processors first), a page at a time.",
  })
  async rows(
    @Root() i: RegisterImport,
    @Ctx() ctx: RequestContext,
    @Arg("actions", () => [RegisterRowAction], { nullable: true, description: "Only rows with these actions." })
    actions: RegisterRowAction[] | null,
    @Arg("offset", () => Int, { defaultValue: 0 }) offset: number,
    @Arg("limit", () => Int, { defaultValue: 500, description: "At most 1000." }) limit: number,
  ): Promise<RegisterImportRow[]> {
    // The page is taken from the stored plan in SQL: the plan is never read whole for a page of it.
    const page = await registerImportService.planRowsPage(
      ctx,
      i.id,
      actions?.length ? actions : null,
      Math.max(0, offset),
      Math.min(Math.max(0, limit), 1000),
    );
    return page.rows.map((r) => rowView(r, page.problems));
  }

  @FieldResolver(() => [RegisterProblem], {
    complexity: 50,
    description:
      "The problems, by sheet, row and column (at most `limit`, default and at most 1000). A plan keeps the first " +
      "100 per sheet column and code (and every problem of a whole sheet); `problemCount` counts all.",
  })
  async problems(
    @Root() i: RegisterImport,
    @Ctx() ctx: RequestContext,
    @Arg("limit", () => Int, { defaultValue: 1000 }) limit: number,
  ): Promise<RegisterProblem[]> {
    // At most 1,000, as rows: a plan of 50,000 wrong rows holds 400,000 problems (160,000 answered at once held
    // another tenant 4.7 s). Taken from the stored plan in SQL, as rows.
    return registerImportService.planProblems(ctx, i.id, Math.min(Math.max(0, limit), 1000));
  }

  @FieldResolver(() => Int, { description: "How many problems the plan has (errors and warnings)." })
  problemCount(@Root() i: RegisterImport): number {
    // Stored beside the plan when it is made: a list of imports never reads their plans.
    return i.problemCount;
  }

  @PayloadMutation(
    RegisterImportPayload,
    "Correct the column mapping of a PLANNED import (which column holds which field, or null to ignore one); the " +
      "plan is made again against the register as it stands.",
  )
  correctRegisterImport(input: CorrectRegisterImportInput, ctx: RequestContext) {
    return registerImportService.correct(ctx, input);
  }

  @PayloadMutation(
    RegisterImportPayload,
    "Apply a PLANNED import: every CREATE and UPDATE row is written in one transaction through the API's own " +
      "services and validation, or nothing is (a record changed since the plan fails it: STALE_VERSION). REJECTED " +
      "rows are left out. Emits register_import.applied.",
  )
  applyRegisterImport(input: RegisterImportIdInput, ctx: RequestContext) {
    return registerImportService.apply(ctx, input.id);
  }

  @PayloadMutation(RegisterImportPayload, "Discard a PLANNED import; it is kept, marked DISCARDED.")
  discardRegisterImport(input: RegisterImportIdInput, ctx: RequestContext) {
    return registerImportService.discard(ctx, input.id);
  }
}
