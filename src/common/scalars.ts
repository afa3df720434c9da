// The date scalars: graphql-scalars' LocalDate and DateTime, checking as they do, with refusals that say
// which format is taken ("Value is not a valid LocalDate: 31/12/2026" left the writer to guess), as the
// REST endpoints do. A literal's refusal is GRAPHQL_VALIDATION_FAILED and a variable's BAD_USER_INPUT,
// as before: graphql-js gives the codes, these only the message.
import { GraphQLError, GraphQLScalarType, Kind, print, type ValueNode } from "graphql";
import { DateTimeResolver, LocalDateResolver } from "graphql-scalars";

/** At most this much of a refused value is quoted back. */
const QUOTED_CHARS = 40;

/** A string in quotes, anything else as written (a JSON value, or a literal in GraphQL syntax). */
function quoted(value: unknown, written = JSON.stringify(value) ?? String(value)): string {
  const text = typeof value === "string" ? value : written;
  const cut = text.length > QUOTED_CHARS ? `${text.slice(0, QUOTED_CHARS)}…` : text;
  return typeof value === "string" ? JSON.stringify(cut) : cut;
}

/** `base` with its input refusals worded `<value> is not <format>`. */
function withFormat(base: GraphQLScalarType, format: string): GraphQLScalarType {
  const refuse = (shown: string, node?: ValueNode) => new GraphQLError(`${shown} is not ${format}`, { nodes: node });
  return new GraphQLScalarType({
    ...base.toConfig(),
    parseValue(value) {
      try {
        return base.parseValue(value);
      } catch {
        throw refuse(quoted(value));
      }
    },
    parseLiteral(node, variables) {
      try {
        return base.parseLiteral(node, variables);
      } catch {
        throw refuse(node.kind === Kind.STRING ? quoted(node.value) : quoted(null, print(node)), node);
      }
    },
  });
}

/** A calendar date, YYYY-MM-DD. */
export const LocalDateScalar = withFormat(LocalDateResolver, "a calendar date written YYYY-MM-DD, e.g. 2026-12-31");

/** A point in time, ISO 8601 with a time zone (RFC 3339). */
export const DateTimeScalar = withFormat(
  DateTimeResolver,
  "a date and time written as ISO 8601 with a time zone, e.g. 2026-12-05T09:00:00Z",
);
