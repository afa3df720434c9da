// A nullable column and its GraphQL field, declared by one decorator: an entity's optional facts (a date,
// a text, a count) are always both, with the same nullability, and the GraphQL type follows from the
// column's type. Other columns (not null, with a default, arrays, uuids, not exposed) keep @Column and @Field.
import { Column, ColumnOptions } from "typeorm";
import { Field, Int } from "type-graphql";
import { DateTimeScalar, LocalDateScalar } from "./scalars";

/** What @Field takes as its type. */
type FieldType = Exclude<Parameters<typeof Field>[0], undefined>;

function nullableColumn(fieldType: FieldType, options: ColumnOptions, column: string, description: string) {
  return (proto: object, property: string | symbol): void => {
    Field(fieldType, { nullable: true, description })(proto, property);
    Column({ name: column, ...options, nullable: true })(proto, property as string);
  };
}

/** A nullable `text` column `column` and its String field. */
export const NullableText = (column: string, description: string): PropertyDecorator =>
  nullableColumn(() => String, { type: "text" }, column, description);

/** A nullable `varchar(length)` column `column` and its String field. */
export const NullableVarchar = (column: string, length: number, description: string): PropertyDecorator =>
  nullableColumn(() => String, { type: "varchar", length }, column, description);

/** A nullable `date` column `column` and its LocalDate field (an ISO date string). */
export const NullableDate = (column: string, description: string): PropertyDecorator =>
  nullableColumn(() => LocalDateScalar, { type: "date" }, column, description);

/** A nullable `timestamptz` column `column` and its DateTime field. */
export const NullableTimestamp = (column: string, description: string): PropertyDecorator =>
  nullableColumn(() => DateTimeScalar, { type: "timestamptz" }, column, description);

/** A nullable `integer` column `column` and its Int field. */
export const NullableInt = (column: string, description: string): PropertyDecorator =>
  nullableColumn(() => Int, { type: "integer" }, column, description);

/** A nullable `boolean` column `column` and its Boolean field. */
export const NullableBoolean = (column: string, description: string): PropertyDecorator =>
  nullableColumn(() => Boolean, { type: "boolean" }, column, description);

/**
 * A nullable enum column `column` and its field of the GraphQL enum `values`; the PostgreSQL enum type is named
 * like the column unless `enumName` names it.
 */
export const NullableEnum = (
  column: string,
  values: object,
  description: string,
  enumName = column,
): PropertyDecorator => nullableColumn(() => values, { type: "enum", enum: values, enumName }, column, description);
