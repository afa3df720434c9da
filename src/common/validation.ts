// class-validator runs here (not in type-graphql) so that bad input becomes typed userErrors
// naming the field and the rule, instead of a GraphQL error.
import {
  ArrayMaxSize,
  IsOptional,
  Min,
  registerDecorator,
  validate,
  validateSync,
  ValidationError,
  ValidateNested,
  ValidationOptions,
} from "class-validator";
import { ClassType, Field, Int } from "type-graphql";
import {
  getNamedType,
  GraphQLArgument,
  GraphQLInputType,
  GraphQLResolveInfo,
  GraphQLScalarType,
  isInputObjectType,
  isListType,
  isNonNullType,
} from "graphql";
import { LocalDateScalar } from "./scalars";
import { badUserInput, UserError, userError, UserErrorCode } from "./errors";
import { MAX_YEAR, MIN_YEAR, parseIsoDate } from "./dates";
import { isCountryCode } from "./countries";
import { withinChars } from "./text-length";

export { charCount, withinChars } from "./text-length";

const CODE_BY_CONSTRAINT: Record<string, UserErrorCode> = {
  isNotEmpty: UserErrorCode.REQUIRED,
  isDefined: UserErrorCode.REQUIRED,
  maxLength: UserErrorCode.TOO_LONG,
  arrayMaxSize: UserErrorCode.TOO_LONG,
  min: UserErrorCode.OUT_OF_RANGE,
  max: UserErrorCode.OUT_OF_RANGE,
  isCountryCode: UserErrorCode.INVALID_COUNTRY_CODE,
};

function collect(errors: ValidationError[], path: string[], out: UserError[]): void {
  for (const e of errors) {
    const here = [...path, e.property];
    for (const [constraint, message] of Object.entries(e.constraints ?? {})) {
      out.push(userError(here, CODE_BY_CONSTRAINT[constraint] ?? UserErrorCode.INVALID, message));
    }
    if (e.children?.length) collect(e.children, here, out);
  }
}

export async function validateInput(input: object, path: string[] = ["input"]): Promise<UserError[]> {
  const errors = await validate(input, {
    forbidUnknownValues: false,
    validationError: { target: false, value: false },
  });
  const out: UserError[] = [];
  collect(errors, path, out);
  return out;
}

/** validateInput without awaiting: the same rules (every rule here is synchronous), for many inputs at once. */
export function validateInputSync(input: object, path: string[] = ["input"]): UserError[] {
  const errors = validateSync(input, { forbidUnknownValues: false, validationError: { target: false, value: false } });
  const out: UserError[] = [];
  collect(errors, path, out);
  return out;
}

/** An ISO 3166-1 alpha-2 code in capitals (or, with `list`, a list of them); null and undefined pass. */
function countryCodeRule(list: boolean, options?: ValidationOptions) {
  return function (object: object, propertyName: string) {
    const what = list ? `every entry of ${propertyName}` : propertyName;
    registerDecorator({
      name: "isCountryCode",
      target: object.constructor,
      propertyName,
      options: {
        message: `${what} must be an ISO 3166-1 alpha-2 country code in capitals (e.g. DK, DE, US)`,
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          value === null ||
          value === undefined ||
          (list ? Array.isArray(value) && value.every((v) => isCountryCode(v)) : isCountryCode(value)),
      },
    });
  };
}

export const IsCountryCode = (options?: ValidationOptions) => countryCodeRule(false, options);
export const IsCountryCodeList = (options?: ValidationOptions) => countryCodeRule(true, options);

/** Rejects strings that are empty after trimming. */
export function IsNotBlank(options?: ValidationOptions) {
  return function (object: object, propertyName: string) {
    registerDecorator({
      name: "isNotEmpty",
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must not be empty`, ...options },
      validator: {
        validate: (value: unknown) => value === undefined || (typeof value === "string" && value.trim().length > 0),
      },
    });
  };
}

/** "One of: A, B, C." for the description of a field that takes an enum value as a string. */
export const oneOf = (enumObject: object) => `One of: ${Object.values(enumObject).join(", ")}.`;

/** An enum value passed as a string, so an unknown value is a userError listing the allowed ones. */
export function IsEnumValue(enumObject: object, options?: ValidationOptions) {
  const allowed = Object.values(enumObject) as string[];
  return function (object: object, propertyName: string) {
    registerDecorator({
      name: "isEnumValue",
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be one of: ${allowed.join(", ")}`, ...options },
      validator: {
        validate: (value: unknown) =>
          value === null ||
          value === undefined ||
          (Array.isArray(value) ? value.every((v) => allowed.includes(v)) : allowed.includes(value as string)),
      },
    });
  };
}

/**
 * A list of short texts (tags): at most `maxItems` entries, each a string of 1–`maxLength` characters
 * after trimming; null and undefined pass.
 */
export function IsTextList(maxItems: number, maxLength: number, options?: ValidationOptions) {
  return function (object: object, propertyName: string) {
    registerDecorator({
      name: "isTextList",
      target: object.constructor,
      propertyName,
      options: {
        message: `${propertyName} takes at most ${maxItems} entries, each 1–${maxLength} characters`,
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          value === null ||
          value === undefined ||
          (Array.isArray(value) &&
            value.length <= maxItems &&
            value.every((v) => typeof v === "string" && v.trim().length > 0 && withinChars(v.trim(), maxLength))),
      },
    });
  };
}

/** Maximum string length in characters (code points); null and undefined are left to the required/optional rules. */
export function MaxLen(max: number, options?: ValidationOptions) {
  return function (object: object, propertyName: string) {
    registerDecorator({
      name: "maxLength",
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be at most ${max} characters`, ...options },
      validator: { validate: (value: unknown) => typeof value !== "string" || withinChars(value, max) },
    });
  };
}

/** The `version` field of an update: the version the caller read (optimistic locking), at least 1. */
export function VersionRead(
  description = "The version you read; a stale version is rejected with STALE_VERSION.",
): PropertyDecorator {
  return (target, key) => {
    Min(1, { message: "version must be at least 1" })(target, key as string);
    IsOptional()(target, key as string);
    Field(() => Int, { nullable: true, description })(target, key);
  };
}

/** An optional text field of an input: null or left out, else at most `max` characters. */
export function OptionalText(max: number, description: string): PropertyDecorator {
  return (target, key) => {
    MaxLen(max)(target, key as string);
    IsOptional()(target, key as string);
    Field(() => String, { nullable: true, description })(target, key);
  };
}

/** An optional date field of an input or arguments: null or left out, else an ISO date (LocalDate checks it). */
export function OptionalDate(description: string): PropertyDecorator {
  return (target, key) => Field(() => LocalDateScalar, { nullable: true, description })(target, key);
}

/** At most `max` entries in a list field of an input; the message names the field. */
export function MaxEntries(max: number): PropertyDecorator {
  return (target, key) =>
    ArrayMaxSize(max, { message: `${String(key)} may have at most ${max} entries` })(target, key as string);
}

/**
 * An optional list field of an input: null or left out, else at most `max` entries. Entries of an input
 * type are each validated (a scalar's entries take their own rules, e.g. MaxLen with `each`).
 */
export function OptionalList(
  item: ClassType | GraphQLScalarType | StringConstructor,
  max: number,
  description: string,
): PropertyDecorator {
  return (target, key) => {
    MaxEntries(max)(target, key);
    if (!(item instanceof GraphQLScalarType) && item !== String) ValidateNested({ each: true })(target, key as string);
    IsOptional()(target, key as string);
    Field(() => [item], { nullable: true, description })(target, key);
  };
}

/** Longest string any argument of a read (a query's field) may hold; free-text filters have their own, lower. */
export const READ_ARGUMENT_MAX_LENGTH = 1000;

/** A string's problem as an argument of a read, or null: a NUL byte (PostgreSQL refuses it), or too long. */
function readStringProblem(value: string, path: string, max = READ_ARGUMENT_MAX_LENGTH): string | null {
  if (value.includes("\u0000")) return `${path} must not contain NUL characters (U+0000)`;
  if (!withinChars(value, max)) return `${path} must be at most ${max} characters`;
  return null;
}

/** The first string in a read's arguments with a problem (walked without recursion: any depth). */
function firstReadStringProblem(args: Record<string, unknown>): string | null {
  const stack: [unknown, string][] = Object.entries(args).map(([k, v]) => [v, k]);
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (typeof value === "string") {
      const problem = readStringProblem(value, path);
      if (problem) return problem;
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push([v, `${path}[${i}]`]));
    } else if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) stack.push([v, `${path}.${k}`]);
    }
  }
  return null;
}

/**
 * The first LocalDate in a read's arguments outside the calendar the service computes with (parseIsoDate:
 * years 1000–9999): LocalDate itself takes year 0000, which PostgreSQL has not, and years below 100, which
 * the transfer rules cannot place.
 */
function firstReadDateProblem(args: Record<string, unknown>, defs: readonly GraphQLArgument[]): string | null {
  const stack: [unknown, GraphQLInputType, string][] = defs.map((d) => [args[d.name], d.type, d.name]);
  while (stack.length) {
    const [value, wrapped, path] = stack.pop()!;
    if (value === null || value === undefined) continue;
    const type = isNonNullType(wrapped) ? wrapped.ofType : wrapped;
    if (isListType(type)) {
      if (Array.isArray(value)) value.forEach((v, i) => stack.push([v, type.ofType, `${path}[${i}]`]));
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields()))
        stack.push([(value as Record<string, unknown>)[field.name], field.type, `${path}.${field.name}`]);
    } else if (type.name === LocalDateScalar.name) {
      try {
        parseIsoDate(value, path);
      } catch {
        return `${path} must be a date from year ${MIN_YEAR} to ${MAX_YEAR}, got ${JSON.stringify(value)}`;
      }
    }
  }
  return null;
}

const checkedArgs = new WeakSet<object>();

/**
 * type-graphql's validateFn (src/schema.ts): the arguments of queries (filters, cursors, ids) are checked
 * before the resolver runs, and a bad one is BAD_USER_INPUT naming it: no NUL byte and at most
 * READ_ARGUMENT_MAX_LENGTH characters in any string, dates within years 1000–9999, and the class-validator rules
 * of an input class (`@MaxLen(200) search`). Mutations are left to the mutation runner, which answers userErrors.
 */
export async function validateReadArgument(
  value: unknown,
  type: unknown,
  data: { args: Record<string, unknown>; info: GraphQLResolveInfo },
): Promise<void> {
  if (data.info.operation.operation === "mutation") return;
  if (!checkedArgs.has(data.args)) {
    checkedArgs.add(data.args);
    const field = data.info.parentType.getFields()[data.info.fieldName];
    const problem = firstReadStringProblem(data.args) ?? firstReadDateProblem(data.args, field?.args ?? []);
    if (problem) throw badUserInput(`${problem}.`);
  }
  if (value === null || typeof value !== "object" || typeof type !== "function") return;
  const argName = argumentNameOf(data.info, type as { name: string });
  const items = Array.isArray(value) ? value : [value];
  for (const item of items) {
    if (item === null || typeof item !== "object") continue;
    const errors = await validateInput(item as object, []);
    if (errors.length) {
      const [first] = errors;
      throw badUserInput(
        `${[argName, ...(first.field ?? [])].filter(Boolean).join(".")}: ${first.message} (${first.code}).`,
      );
    }
  }
}

/** The name of the field's argument whose input type is this class (its GraphQL name is the class's). */
function argumentNameOf(info: GraphQLResolveInfo, inputClass: { name: string }): string | null {
  const field = info.parentType.getFields()[info.fieldName];
  const arg = field?.args.find((a) => getNamedType(a.type).name === inputClass.name);
  return arg?.name ?? null;
}
