// Every mutation runs inside the request transaction under its own savepoint: input validation
// first, then the service; any userError or failure rolls the savepoint back, so nothing is half-written.
import { Arg, Authorized, ClassType, Ctx, Field, ID, InputType, Mutation, ObjectType } from "type-graphql";
import { ALLOWED, Role } from "./auth";
import { QueryFailedError } from "typeorm";
import type { RequestContext } from "../context";
import { UserError, userError, UserErrorCode, UserInputFailure } from "./errors";
import { validateInput, VersionRead } from "./validation";
import { fieldLabel } from "./wording";

/** What @Mutation takes as its return type. */
type ReturnTypeFunc = Exclude<Parameters<typeof Mutation>[0], undefined>;

export interface PayloadShape {
  userErrors: UserError[];
}

/** The userErrors every mutation payload has; a payload with fields other than one record extends it. */
@ObjectType()
export abstract class UserErrorsPayload implements PayloadShape {
  @Field(() => [UserError], { description: "Problems with the input. When not empty, nothing was written." })
  userErrors: UserError[];
}

/** What a payload class made by Payload holds: `{ <field>?: T | null, userErrors }`. */
export type PayloadOf<F extends string, T> = { [K in F]?: T | null } & PayloadShape;

/**
 * A payload class made by Payload; `field` names the field that holds the record, `itemTypeName` the
 * record's GraphQL type.
 */
export type PayloadClass<F extends string, T> = ClassType<PayloadOf<F, T>> & {
  readonly field: F;
  readonly itemTypeName: string;
};

/**
 * A mutation payload type: `{ <field>: T, userErrors: [UserError!]! }`. Its TypeScript type is derived:
 * `type XPayload = InstanceType<typeof XPayload>`.
 */
export function Payload<T extends object, F extends string>(
  itemType: ClassType<T>,
  field: F,
  description: string,
  name = `${itemType.name}Payload`,
): PayloadClass<F, T> {
  @ObjectType(name, { description })
  class PayloadClass extends UserErrorsPayload {}
  Field(() => itemType, { nullable: true, description: `The ${field}; null when userErrors is not empty.` })(
    PayloadClass.prototype,
    field,
  );
  return Object.assign(PayloadClass as ClassType<PayloadOf<F, T>>, { field, itemTypeName: itemType.name });
}

/** A mutation that writes domain data, for the roles that may write (ALLOWED.write). */
export function WriteMutation(returns: ReturnTypeFunc, description: string): MethodDecorator {
  return (target, key, descriptor) => {
    Mutation(returns, { description })(target, key, descriptor);
    Authorized(...ALLOWED.write)(target, key, descriptor);
  };
}

/**
 * A write mutation `<method>(input: I!): Payload!`: the decorated method takes (input, ctx) and returns the
 * record for the payload's field; it runs under runMutation (input validated, a savepoint, userErrors).
 * For the roles that may write domain data unless `roles` says otherwise. The input's GraphQL type is the
 * method's first parameter type unless `input` names it (a method defined without type metadata).
 */
export function PayloadMutation<F extends string, T extends object>(
  payload: PayloadClass<F, T>,
  description: string,
  roles: readonly Role[] = ALLOWED.write,
  input?: ClassType,
) {
  return <I extends object>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<(input: I, ctx: RequestContext) => Promise<T>>,
  ): void => {
    const work = descriptor.value as (input: I, ctx: RequestContext) => Promise<T>;
    // type-graphql calls the method with (input, ctx) and answers what it returns: the payload.
    (descriptor as PropertyDescriptor).value = function (this: unknown, input: I, ctx: RequestContext) {
      return runMutation<PayloadOf<F, T>>(
        ctx,
        input,
        async () =>
          ({ [payload.field]: await work.call(this, input, ctx) }) as unknown as Omit<PayloadOf<F, T>, "userErrors">,
      );
    };
    Mutation(() => payload, { description })(target, key, descriptor);
    Authorized(...roles)(target, key, descriptor);
    if (input) Arg("input", () => input)(target, key as string, 0);
    else Arg("input")(target, key as string, 0);
    Ctx()(target, key as string, 1);
  };
}

@InputType({
  description: "Archive (soft-delete) a record; archived records are hidden from lists but kept for the audit trail.",
})
export class ArchiveInput {
  @Field(() => ID, { description: "The record to archive." })
  id: string;
}

/**
 * The fields of an update input: those of `fields` (omitted ones stay, null clears), the record to change and
 * the version the caller read. `class UpdateXInput extends UpdateInputOf(XFields, "The x to change.") {}`.
 */
export function UpdateInputOf<F extends object>(fields: ClassType<F>, idDescription: string) {
  // Not in the schema itself (only the classes that extend it are); named uniquely all the same.
  @InputType(`${fields.name}Update`)
  abstract class UpdateInput extends (fields as ClassType<object>) {
    @Field(() => ID, { description: idDescription })
    id: string;

    @VersionRead()
    version?: number | null;
  }
  return UpdateInput as unknown as ClassType<F & { id: string; version?: number | null }>;
}

/** What a service offers for the lifecycle of a record type it keeps. */
export interface LifecycleService<T, C, U> {
  create(ctx: RequestContext, input: C): Promise<T>;
  update(ctx: RequestContext, input: U): Promise<T>;
  archive(ctx: RequestContext, id: string): Promise<T>;
}

/**
 * The three mutations of a record type that is created, changed and archived, on the resolver class it
 * decorates: `create<Type>(input: C!)`, `update<Type>(input: U!)` and `archive<Type>(input: ArchiveInput!)`,
 * each a PayloadMutation that hands the input to the service. `<Type>` is the payload's record type.
 */
export function LifecycleMutations<F extends string, T extends object, C extends object, U extends object>(
  payload: PayloadClass<F, T>,
  service: LifecycleService<T, C, U>,
  docs: { create: [ClassType<C>, string]; update: [ClassType<U>, string]; archive: string },
): ClassDecorator {
  const mutations: [string, ClassType, string, (ctx: RequestContext, input: never) => Promise<T>][] = [
    ["create", docs.create[0], docs.create[1], (ctx, input: C) => service.create(ctx, input)],
    ["update", docs.update[0], docs.update[1], (ctx, input: U) => service.update(ctx, input)],
    ["archive", ArchiveInput, docs.archive, (ctx, input: ArchiveInput) => service.archive(ctx, input.id)],
  ];
  return (resolver) => {
    for (const [verb, input, description, run] of mutations) {
      const key = `${verb}${payload.itemTypeName}`;
      const descriptor: PropertyDescriptor = {
        value: (input: never, ctx: RequestContext) => run(ctx, input),
        writable: true,
        configurable: true,
      };
      PayloadMutation(payload, description, ALLOWED.write, input)(resolver.prototype, key, descriptor);
      Object.defineProperty(resolver.prototype, key, descriptor);
    }
  };
}

let savepointSeq = 0;

const camelCase = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * Maps integrity violations the database caught to user errors. Validation should catch these first;
 * this is the net under it, so a rejection still names a field (the column, else the whole input).
 */
function fromDatabaseError(err: unknown): UserError[] | null {
  if (!(err instanceof QueryFailedError)) return null;
  const driver = (err as unknown as { driverError?: { code?: string; column?: string } }).driverError;
  const whole = ["input"];
  switch (driver?.code) {
    case "23502": {
      const field = driver.column ? camelCase(driver.column) : null;
      return [
        userError(field ? ["input", field] : whole, UserErrorCode.REQUIRED, `${field ?? "A value"} must not be null`),
      ];
    }
    case "23505":
      return [userError(whole, UserErrorCode.DUPLICATE, "A record with the same identifying values already exists.")];
    case "23503":
      return [
        userError(
          whole,
          UserErrorCode.NOT_FOUND,
          "A referenced record does not exist or belongs to another organization.",
        ),
      ];
    case "23514":
      return [userError(whole, UserErrorCode.INVALID, "The change breaks a rule of the data model.")];
    case "22001":
      return [userError(whole, UserErrorCode.TOO_LONG, "A value is longer than allowed.")];
    case "22003":
      return [userError(whole, UserErrorCode.OUT_OF_RANGE, "A number is out of range.")];
    case "22008":
      return [userError(whole, UserErrorCode.OUT_OF_RANGE, "A date is out of range.")];
    default:
      return null;
  }
}

// NUL cannot be stored in PostgreSQL text, and an unpaired surrogate is not Unicode text at all.
// eslint-disable-next-line no-control-regex -- NUL is what this looks for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// ISO 8601 has a year 0000 (1 BC); PostgreSQL's calendar has none.
const YEAR_ZERO = /^0000-\d\d-\d\d$/;

/** Strings anywhere in the input that cannot be stored, each named by its path. */
export function unstorableText(value: unknown, path: string[] = ["input"], out: UserError[] = []): UserError[] {
  if (typeof value === "string") {
    if (UNSTORABLE.test(value)) {
      out.push(
        userError(
          path,
          UserErrorCode.INVALID,
          `${fieldLabel(path)} contains a character that cannot be stored (NUL or an unpaired surrogate)`,
        ),
      );
    } else if (YEAR_ZERO.test(value)) {
      out.push(
        userError(path, UserErrorCode.OUT_OF_RANGE, `${fieldLabel(path)} has year 0000, which is not a calendar year`),
      );
    }
  } else if (value instanceof Date) {
    if (!(value.getUTCFullYear() >= 1))
      out.push(userError(path, UserErrorCode.OUT_OF_RANGE, `${fieldLabel(path)} is before year 1`));
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => unstorableText(v, [...path, String(i)], out));
  } else if (value && typeof value === "object" && !(value instanceof Date)) {
    for (const [k, v] of Object.entries(value)) unstorableText(v, [...path, k], out);
  }
  return out;
}

export async function runMutation<P extends PayloadShape>(
  ctx: RequestContext,
  input: object | null,
  work: () => Promise<Omit<P, "userErrors">>,
): Promise<P> {
  if (input) {
    const unstorable = unstorableText(input);
    if (unstorable.length) return { userErrors: unstorable } as P;
    const errors = await validateInput(input);
    if (errors.length) return { userErrors: errors } as P;
  }
  // The request's transaction opened with a savepoint for its first mutation (one round trip less).
  let sp = ctx.transaction?.takeOpeningSavepoint?.() ?? null;
  // What the mutation sends with the commit goes with its savepoint.
  const atCommit = ctx.transaction?.atCommitMark?.() ?? 0;
  if (!sp) {
    sp = `mutation_${++savepointSeq}`;
    await ctx.queryRunner.query(`SAVEPOINT ${sp}`);
  }
  try {
    const result = await work();
    // The savepoint is not released: the commit does that, and a writer under load waits for every round
    // trip it makes (another mutation in the request nests its own; rolling back to it keeps this one's work).
    // Loaders may hold rows read before the write.
    for (const loader of Object.values(ctx.loaders)) loader.clearAll();
    return { ...result, userErrors: [] } as unknown as P;
  } catch (err) {
    await ctx.queryRunner.query(`ROLLBACK TO SAVEPOINT ${sp}`);
    ctx.transaction?.dropAtCommit?.(atCommit);
    if (err instanceof UserInputFailure) return { userErrors: err.userErrors } as P;
    const mapped = fromDatabaseError(err);
    if (mapped) return { userErrors: mapped } as P;
    throw err;
  }
}
