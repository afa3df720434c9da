// ISO 3166-1 alpha-2 validation comes from graphql-scalars' CountryCode scalar (maintained list);
// inputs take plain strings so a bad code becomes a userError naming the field instead of a coercion error.
import { CountryCodeResolver } from "graphql-scalars";

export function isCountryCode(value: unknown): value is string {
  if (typeof value !== "string" || value.length !== 2 || value !== value.toUpperCase()) return false;
  try {
    CountryCodeResolver.parseValue(value);
    return true;
  } catch {
    return false;
  }
}
