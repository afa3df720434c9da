import { Field, ID, Int, ObjectType } from "type-graphql";
import { Payload } from "../../common/mutation";
import { EnumValue, graphqlEnum } from "../../common/enums";
import { RegisterImport } from "./register-import.entity";

export const RegisterRowAction = graphqlEnum(
  "RegisterRowAction",
  "What applying the plan does with a row: CREATE a record, UPDATE one (the changed fields listed), leave it " +
    "UNCHANGED, or nothing because the row is REJECTED (its problems say why).",
  ["CREATE", "UPDATE", "UNCHANGED", "REJECTED"],
);
export type RegisterRowAction = EnumValue<typeof RegisterRowAction>;

export const RegisterSheetKind = graphqlEnum(
  "RegisterSheetKind",
  "What a sheet of the register holds: PROCESSORS (vendors), SUBPROCESSORS (engagements: parent, sub-processor, " +
    "countries, transfer mechanism, purpose) or AGREEMENTS (the DPAs' key terms).",
  ["PROCESSORS", "SUBPROCESSORS", "AGREEMENTS"],
);
export type RegisterSheetKind = EnumValue<typeof RegisterSheetKind>;

export const ProblemSeverity = graphqlEnum(
  "RegisterProblemSeverity",
  "ERROR: the row (or, without a row, the whole plan) is not written. WARNING: reported, nothing refused.",
  ["ERROR", "WARNING"],
);

export const ColumnMappedBy = graphqlEnum(
  "RegisterColumnMappedBy",
  "How a column got its field: by its HEADING (the template's, or a synonym), or by your CORRECTION.",
  ["HEADING", "CORRECTION"],
);

@ObjectType({ description: "A problem of the file, named by sheet, row and column, with the rule it breaks." })
export class RegisterProblem {
  @Field() sheet: string;
  @Field(() => Int, { nullable: true, description: "Spreadsheet row (1-based); null for the whole sheet." })
  row: number | null;
  @Field(() => String, { nullable: true, description: "Column letter (A, B, …); null for the whole row." })
  column: string | null;
  @Field(() => String, { nullable: true, description: "The column's heading as written." }) heading: string | null;
  @Field(() => String, { nullable: true, description: "The field the column maps to." }) field: string | null;
  @Field({ description: "A code of the userError vocabulary (REQUIRED, INVALID, INVALID_COUNTRY_CODE, …)." })
  code: string;
  @Field({ description: "The rule, in words." }) rule: string;
  @Field(() => ProblemSeverity) severity: string;
}

@ObjectType({ description: "A field a row changes: the register's value and the file's." })
export class RegisterFieldChange {
  @Field() field: string;
  @Field(() => String, { nullable: true }) from: string | null;
  @Field(() => String, { nullable: true }) to: string | null;
}

@ObjectType({ description: "A row of the file and what applying the plan does with it." })
export class RegisterImportRow {
  @Field() sheet: string;
  @Field(() => Int, { description: "Spreadsheet row (1-based)." }) row: number;
  @Field(() => RegisterSheetKind, { description: "What the row writes (a sub-processor row may also register one)." })
  kind: RegisterSheetKind;
  @Field(() => RegisterRowAction) action: RegisterRowAction;
  @Field({ description: "The processor, engagement (parent → sub-processor) or agreement the row is about." })
  label: string;
  @Field(() => ID, { nullable: true, description: "The record it updates or leaves unchanged (its global id)." })
  recordId: string | null;
  @Field({ description: "True for a sub-processor registered because a sub-processor row names it." })
  implicit: boolean;
  @Field(() => [RegisterFieldChange], { description: "For UPDATE: the fields that change." })
  changes: RegisterFieldChange[];
  @Field(() => [RegisterProblem], { description: "The row's problems." }) problems: RegisterProblem[];
}

@ObjectType({ description: "A column of a sheet and the field it maps to." })
export class RegisterColumn {
  @Field() letter: string;
  @Field() heading: string;
  @Field(() => String, { nullable: true, description: "The field; null when the column is not read." })
  field: string | null;
  @Field(() => ColumnMappedBy, { nullable: true }) mappedBy: string | null;
}

@ObjectType({ description: "A sheet of the file as the plan reads it." })
export class RegisterSheet {
  @Field() name: string;
  @Field(() => RegisterSheetKind, { nullable: true, description: "Null when the sheet holds no register." })
  kind: RegisterSheetKind | null;
  @Field(() => Int, { nullable: true, description: "The row holding the headings." }) headerRow: number | null;
  @Field(() => Int, { description: "Rows read below the headings (empty rows not counted)." }) rowsRead: number;
  @Field(() => Int) emptyRowsSkipped: number;
  @Field(() => [RegisterColumn]) columns: RegisterColumn[];
}

@ObjectType({ description: "How many rows of each action." })
export class RegisterImportCounts {
  @Field(() => Int) create: number;
  @Field(() => Int) update: number;
  @Field(() => Int) unchanged: number;
  @Field(() => Int) rejected: number;
}

@ObjectType({ description: "A field of the register template: where it goes and the headings it is known by." })
export class RegisterTemplateField {
  @Field(() => RegisterSheetKind) sheet: RegisterSheetKind;
  @Field({ description: "The name columnMapping uses." }) field: string;
  @Field() headingDa: string;
  @Field() headingEn: string;
  @Field(() => [String]) synonyms: string[];
  @Field() required: boolean;
  @Field({ description: "What the column takes." }) note: string;
}

export const RegisterImportPayload = Payload(RegisterImport, "registerImport", "The register import.");
export type RegisterImportPayload = InstanceType<typeof RegisterImportPayload>;
