import { Field, ID, InputType } from "type-graphql";
import { IsOptional, ValidateNested } from "class-validator";
import { IsNotBlank, MaxEntries, MaxLen } from "../../common/validation";

@InputType({ description: "One correction of the automatic column mapping." })
export class RegisterColumnMappingInput {
  @Field({
    description: "The sheet's name as in the plan (for CSV: the file name without extension, cut to 100 characters).",
  })
  @IsNotBlank()
  @MaxLen(100)
  sheet: string;

  @Field({ description: 'The column: its letter ("C") or its heading as written.' })
  @IsNotBlank()
  @MaxLen(200)
  column: string;

  @Field(() => String, {
    nullable: true,
    description: "The field the column holds (see registerTemplateFields), or null to ignore the column.",
  })
  @IsOptional()
  @MaxLen(100)
  field: string | null;
}

@InputType({ description: "Correct the column mapping of a planned import; the plan is made again." })
export class CorrectRegisterImportInput {
  @Field(() => ID, { description: "The import." })
  id: string;

  @Field(() => [RegisterColumnMappingInput], {
    description: "Corrections; they replace the import's earlier corrections.",
  })
  @ValidateNested({ each: true })
  @MaxEntries(500)
  columnMapping: RegisterColumnMappingInput[];
}

@InputType({ description: "A register import to apply or discard." })
export class RegisterImportIdInput {
  @Field(() => ID, { description: "The import." })
  id: string;
}
