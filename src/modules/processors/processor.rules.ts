// Pure rules of the vendor register's fields (no database): tags as stored, and the contract dates' order.

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
