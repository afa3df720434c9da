// Pure rules of the vendor register's fields (no database): tags as stored, the contract dates' order, and
// when two records name the same company (the register import and the DPA import match processors by it).

export const MAX_TAGS = 30;
export const MAX_TAG_LENGTH = 50;

/** Tags as stored: trimmed, inner whitespace collapsed, a repeat in any case dropped (the first spelling stays). */
export function normalizeTags(tags: readonly string[] | null | undefined): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of tags ?? []) {
    const tag = raw.trim().replace(/\s+/g, " ");
    const key = tag.toLocaleLowerCase("da");
    if (!tag || seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
}

export interface ContractDates {
  contractStartOn: string | null;
  renewalOn: string | null;
  noticeOn: string | null;
}

/**
 * The first date out of order, as [field, message]: the renewal is not before the start, the notice
 * deadline not after the renewal nor before the start. Dates are ISO (YYYY-MM-DD), so strings compare.
 */
export function contractDatesProblem(d: ContractDates): [keyof ContractDates, string] | null {
  if (d.contractStartOn && d.renewalOn && d.renewalOn < d.contractStartOn)
    return ["renewalOn", `renewalOn (${d.renewalOn}) must not be before contractStartOn (${d.contractStartOn})`];
  if (d.noticeOn && d.renewalOn && d.noticeOn > d.renewalOn)
    return ["noticeOn", `noticeOn (${d.noticeOn}) must not be after renewalOn (${d.renewalOn})`];
  if (d.noticeOn && d.contractStartOn && d.noticeOn < d.contractStartOn)
    return ["noticeOn", `noticeOn (${d.noticeOn}) must not be before contractStartOn (${d.contractStartOn})`];
  return null;
}

/** A number as written without a "CVR-nr."/"DK" prefix, spaces, dots and dashes ("DK 12 34 56 78" is 12345678). */
function withoutCvrPrefix(value: string): string {
  return value
    .trim()
    .replace(/^(cvr(-?nr\.?|-?nummer)?|dk)[\s:.-]*/i, "")
    .replace(/^dk[\s:.-]*/i, "")
    .replace(/[\s.-]/g, "");
}

/** The form in which two registration numbers are compared ("DK 12 34 56 78", "CVR-nr. 12345678" = "12345678"). */
export function registrationKey(value: string | null | undefined): string | null {
  if (!value?.trim()) return null;
  const cvr = withoutCvrPrefix(value);
  return (/^\d{8}$/.test(cvr) ? cvr : value.replace(/[\s.-]/g, "")).toUpperCase();
}

/** A CVR number as stored (its 8 digits), else null: "DK 12 34 56 78" and "CVR-nr. 12345678" are 12345678. */
export function cvrNumberOf(value: string | null | undefined): string | null {
  const digits = value?.trim() ? withoutCvrPrefix(value) : "";
  return /^\d{8}$/.test(digits) ? digits : null;
}

/**
 * Why a registration number cannot be what it says it is, else null: a number of the CVR register (the scheme
 * CVR, or written "CVR …" / "DK" and digits) has 8 digits. Other registers' numbers are taken as written.
 */
export function registrationNumberProblem(value: string | null | undefined, scheme?: string | null): string | null {
  if (!value?.trim() || cvrNumberOf(value)) return null;
  const saysCvr = scheme === "CVR" || (/^\s*(cvr|dk)/i.test(value) && /^\d+$/.test(withoutCvrPrefix(value)));
  return saysCvr ? `"${value.trim()}" is not a CVR number: a CVR number has 8 digits, e.g. 12345678` : null;
}

// prettier-ignore
const COMPANY_FORMS = new RegExp(
  String.raw`\b(a\/s|aps|i\/s|p\/s|k\/s|ivs|a\.m\.b\.a\.|amba|ltd|limited|inc|incorporated|llc|l\.l\.c\.|gmbh|ag|ab|` +
  String.raw`as|asa|oy|oyj|bv|b\.v\.|nv|n\.v\.|sa|s\.a\.|sas|sarl|s\.r\.l\.|srl|spa|s\.p\.a\.|plc|corp|` +
  String.raw`corporation|co|kg|ug|unlimited company|uc)\b\.?`,
  "g",
);

/** A company name as matched: case, accents, punctuation and company forms (A/S, ApS, Ltd, Inc, GmbH…) removed. */
export function companyNameKey(name: string): string {
  const lower = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/&/g, " and ");
  const stripped = lower
    .replace(COMPANY_FORMS, " ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  return (stripped || lower.replace(/[^\p{L}\p{N}]+/gu, " ").trim()).replace(/\s+/g, " ");
}
