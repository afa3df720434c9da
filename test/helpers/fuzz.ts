// fast-check arbitraries for GraphQL mutation inputs, derived from the committed schema: for every
// input field a mix of plausible values of its type (edge cases included) and arbitrary JSON.
import fc from "fast-check";
import {
  getNamedType,
  getNullableType,
  GraphQLInputObjectType,
  isInputObjectType,
  isListType,
  isNonNullType,
} from "graphql";

/** Strings that break naive code: NUL, lone surrogates, astral characters, RTL marks, SQL and JSON syntax. */
const NASTY_STRINGS = [
  "",
  " ",
  "\t\n",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "\udfff",
  "x\ud83dy",
  "😀",
  "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
  "\u202eevil",
  "\ufeff",
  "Ω≈ç√",
  "'; DROP TABLE processor; --",
  "\\",
  '"',
  "{}",
  "null",
  "undefined",
  "NaN",
  "%s%n",
  "${x}",
  "<script>",
  "../../etc/passwd",
  "ß",
  "İ",
  "\u00a0",
  "\u2028",
  "ﷺ",
  "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇",
];

/** A string of up to ~100 kB, built cheaply by repeating a short random piece. */
const longString = fc
  .tuple(fc.string({ unit: "binary", minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 100_000 }))
  .map(([piece, n]) => piece.repeat(Math.ceil(n / piece.length)).slice(0, n));

export const anyString = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 3, arbitrary: fc.string({ unit: "grapheme", maxLength: 60 }) },
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 1, arbitrary: longString },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.string({ maxLength: 10 }), fc.constantFrom(...NASTY_STRINGS), fc.string({ maxLength: 10 }))
      .map((p) => p.join("")),
  },
);

export const anyInt = fc.oneof(
  { weight: 3, arbitrary: fc.integer() },
  { weight: 2, arbitrary: fc.integer({ min: -5, max: 200 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      0,
      -1,
      1,
      2147483647,
      -2147483648,
      2147483648,
      -2147483649,
      9007199254740991,
      1e21,
      1e308,
      -1e308,
      1.5,
      -0.5,
      0.1,
      5e-324,
    ),
  },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
);

const pad = (n: number, w: number) => String(Math.abs(n)).padStart(w, "0");

export const anyDate = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .date({ min: new Date("1900-01-01"), max: new Date("2100-12-31"), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "0000-01-01",
      "0001-01-01",
      "9999-12-31",
      "2024-02-29",
      "2023-02-29",
      "2024-02-30",
      "2024-13-01",
      "2024-00-10",
      "2024-1-1",
      "20240101",
      "2024-01-01T00:00:00Z",
      "-2024-01-01",
      "+002024-01-01",
      "1969-12-31",
      "2038-01-19",
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
      .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`),
  },
);

export const anyDateTime = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .date({ min: new Date("1900-01-01"), max: new Date("2100-12-31"), noInvalidDate: true })
      .map((d) => d.toISOString()),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "0000-01-01T00:00:00Z",
      "0001-01-01T00:00:00Z",
      "9999-12-31T23:59:59.999Z",
      "2024-01-01T00:00:00+14:00",
      "2024-01-01T00:00:00-12:00",
      "2024-02-30T10:00:00Z",
      "2024-01-01T24:00:00Z",
      "2024-01-01T10:00:60Z",
      "2024-01-01",
      "2024-01-01T10:00:00",
      "1970-01-01T00:00:00.000000001Z",
    ),
  },
  { weight: 1, arbitrary: anyDate.map((d) => `${d}T12:00:00Z`) },
);

export const anyCountry = fc.oneof(
  fc.constantFrom("DK", "DE", "US", "GB", "CH", "IN", "XK", "EU", "XX", "dk", "DNK", "D", ""),
  anyString,
);

/** Arbitrary JSON: objects, arrays, numbers, strings, also deeply nested ones. */
export const wildJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 50, max: 800 }).map((depth) => {
      let v: unknown = "deep";
      for (let i = 0; i < depth; i++) v = i % 2 ? { nested: v } : [v];
      return v;
    }),
  },
  { weight: 1, arbitrary: fc.array(fc.jsonValue({ maxDepth: 1 }), { minLength: 100, maxLength: 2000 }) },
);

export interface FieldHints {
  /** Ids to choose from for an ID field, by its name (own records, other organizations', random, malformed). */
  ids: (fieldName: string) => fc.Arbitrary<string>;
}

/** "One of: A, B, C." in a field description: the values of an enum passed as a string. */
function enumValuesOf(description: string | null | undefined): string[] | null {
  const m = /One of: ([A-Z0-9_]+(?:, [A-Z0-9_]+)*)\./.exec(description ?? "");
  return m ? m[1].split(", ") : null;
}

/**
 * Values for one scalar field: `typed` ones have the JSON type GraphQL expects (they pass coercion and
 * reach the resolvers, with nasty content), `loose` ones may not (wrong types, out-of-range numbers,
 * malformed dates).
 */
function scalarArbitraries(
  typeName: string,
  fieldName: string,
  description: string | null | undefined,
  hints: FieldHints,
): { typed: fc.Arbitrary<unknown>; loose: fc.Arbitrary<unknown> } {
  switch (typeName) {
    case "ID":
      return {
        typed: fc.oneof({ weight: 8, arbitrary: hints.ids(fieldName) }, { weight: 1, arbitrary: anyString }),
        loose: fc.oneof(hints.ids(fieldName), anyInt),
      };
    case "Int":
      return {
        typed: fc.oneof(
          fc.integer({ min: -2147483648, max: 2147483647 }),
          fc.integer({ min: -5, max: 200 }),
          fc.constantFrom(0, -1, 1, 2147483647, -2147483648),
        ),
        loose: anyInt,
      };
    case "Float":
      return { typed: fc.double({ noNaN: true, noDefaultInfinity: true }), loose: anyInt };
    case "Boolean":
      return { typed: fc.boolean(), loose: fc.constantFrom("true", 1, 0) };
    case "LocalDate":
      return { typed: validDate, loose: anyDate };
    case "DateTime":
      return { typed: validDateTime, loose: anyDateTime };
    default: {
      const values = enumValuesOf(description);
      let typed: fc.Arbitrary<unknown> = anyString;
      if (values)
        typed = fc.oneof(
          { weight: 6, arbitrary: fc.constantFrom(...values) },
          { weight: 1, arbitrary: fc.constantFrom(...values).map((v) => v.toLowerCase()) },
          { weight: 1, arbitrary: anyString },
        );
      else if (/countr/i.test(fieldName))
        typed = fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom("DK", "DE", "SE", "US", "GB", "IN", "CH") },
          { weight: 1, arbitrary: anyCountry },
        );
      else if (/email/i.test(fieldName))
        typed = fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom("dpo@vendor.example", "privacy@xn--bcher-kva.example") },
          { weight: 1, arbitrary: fc.emailAddress() },
          { weight: 1, arbitrary: anyString },
        );
      else if (/website|uri|url/i.test(fieldName)) {
        typed = fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom("https://vendor.example", "http://vendor.example/privacy?x=1#dpa") },
          { weight: 1, arbitrary: fc.webUrl({ withQueryParameters: true, withFragments: true }) },
          {
            weight: 1,
            arbitrary: fc.integer({ min: 300, max: 3000 }).map((n) => `https://vendor.example/${"a".repeat(n)}`),
          },
          { weight: 1, arbitrary: anyString },
        );
      } else if (/sha256/i.test(fieldName)) typed = fc.oneof(fc.stringMatching(/^[0-9a-fA-F]{64}$/), anyString);
      return { typed, loose: fc.oneof(anyInt, fc.boolean()) };
    }
  }
}

const validDate = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .date({ min: new Date("1900-01-01"), max: new Date("2100-12-31"), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
  },
  {
    weight: 2,
    arbitrary: fc
      .date({
        min: new Date(Date.now() - 400 * 86_400_000),
        max: new Date(Date.now() + 30 * 86_400_000),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10)),
  },
  { weight: 1, arbitrary: fc.constantFrom("0001-01-01", "9999-12-31", "2024-02-29", "1970-01-01") },
);
const validDateTime = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .date({ min: new Date("1900-01-01"), max: new Date("2100-12-31"), noInvalidDate: true })
      .map((d) => d.toISOString()),
  },
  {
    weight: 2,
    arbitrary: fc
      .date({
        min: new Date(Date.now() - 400 * 86_400_000),
        max: new Date(Date.now() + 30 * 86_400_000),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString()),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "0001-01-01T00:00:00Z",
      "9999-12-31T23:59:59.999Z",
      "2024-01-01T00:00:00+14:00",
      "2024-01-01T00:00:00-12:00",
    ),
  },
);

/** Fields an input type's description names as required ("A new processor. `name` is required."). */
function documentedRequired(type: GraphQLInputObjectType): string[] {
  const sentence = /([^.]*) (?:is|are) required/.exec(type.description ?? "")?.[1] ?? "";
  const names = Object.keys(type.getFields());
  return (sentence.match(/[A-Za-z]+/g) ?? []).filter((w) => names.includes(w));
}

/**
 * An arbitrary for one input object type. In typed mode every value has the JSON type GraphQL expects
 * (so most inputs reach the resolvers and the database), with nasty content; sparse mode is typed with
 * at most three optional fields (so that some inputs pass every rule); in loose mode any field
 * may be null, of the wrong type, or arbitrary JSON, required fields may be missing and unknown ones sent.
 */
export function inputArbitrary(
  type: GraphQLInputObjectType,
  hints: FieldHints,
  mode: "typed" | "sparse" | "loose",
  depth = 0,
): fc.Arbitrary<Record<string, unknown>> {
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  const required: string[] = [];
  for (const f of Object.values(type.getFields())) {
    const inner = getNullableType(f.type);
    const named = getNamedType(f.type);
    let value: fc.Arbitrary<unknown>;
    if (isInputObjectType(named)) {
      value = depth < 2 ? inputArbitrary(named, hints, mode, depth + 1) : fc.constant({});
    } else {
      const { typed, loose } = scalarArbitraries(named.name, f.name, f.description, hints);
      value = mode === "loose" ? fc.oneof({ weight: 3, arbitrary: typed }, { weight: 1, arbitrary: loose }) : typed;
    }
    if (isListType(inner)) {
      value = fc.oneof(
        { weight: 6, arbitrary: fc.array(value, { maxLength: 5 }) },
        { weight: 1, arbitrary: fc.array(value, { minLength: 150, maxLength: 400 }) },
        ...(mode === "loose"
          ? [{ weight: 1, arbitrary: fc.array(fc.oneof(value, fc.constant(null)), { maxLength: 4 }) }]
          : []),
      );
    }
    if (mode === "loose")
      value = fc.oneof(
        { weight: 10, arbitrary: value },
        { weight: 2, arbitrary: wildJson },
        { weight: 1, arbitrary: fc.constant(null) },
      );
    else if (!isNonNullType(f.type))
      value = fc.oneof({ weight: 8, arbitrary: value }, { weight: 1, arbitrary: fc.constant(null) });
    fields[f.name] = value;
    if (isNonNullType(f.type)) required.push(f.name);
  }
  const requiredArb = fc.record(Object.fromEntries(required.map((k) => [k, fields[k]])));
  const optionalArb = fc.record(Object.fromEntries(Object.entries(fields).filter(([k]) => !required.includes(k))), {
    requiredKeys: [],
  });
  if (mode === "typed") return fc.tuple(requiredArb, optionalArb).map(([req, opt]) => ({ ...opt, ...req }));
  if (mode === "sparse") {
    // Few optional fields (inputs with several constrained fields rarely pass every rule otherwise), but
    // always those the type's description says are required ("processorId, type, title and receivedOn are required").
    const documented = documentedRequired(type);
    const optional = Object.keys(fields).filter((k) => !required.includes(k));
    return fc.tuple(requiredArb, optionalArb, fc.subarray(optional, { maxLength: 3 })).map(([req, opt, keep]) => ({
      ...Object.fromEntries(Object.entries(opt).filter(([k]) => keep.includes(k) || documented.includes(k))),
      ...req,
    }));
  }
  return fc
    .tuple(
      requiredArb,
      optionalArb,
      fc.integer({ min: 0, max: 9 }),
      fc.option(fc.tuple(fc.string({ maxLength: 8 }), wildJson), { freq: 5 }),
    )
    .map(([req, opt, dice, extra]) => {
      const out: Record<string, unknown> = { ...opt, ...req };
      // Now and then a required field is missing, or an unknown field is sent.
      if (dice === 0 && required.length) delete out[required[0]];
      if (extra) out[`x${extra[0]}`] = extra[1];
      return out;
    });
}
