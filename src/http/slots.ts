// Places for work that holds memory or a connection (exports, uploads), per organization and in all, in this
// process: one organization cannot take every place, and all together cannot take more than `total`.

export interface SlotLimits {
  /** Places one organization may hold at once. */
  perOrganization: number;
  /** Places all organizations together may hold at once. */
  total: number;
}

export class SlotGate<L extends SlotLimits = SlotLimits> {
  private readonly running = new Map<string, number>();

  constructor(readonly limits: L) {}

  /** A place for the organization (call the result to give it back, once or more), or null when none is free. */
  tryEnter(organizationId: string): (() => void) | null {
    const now = this.running.get(organizationId) ?? 0;
    if (now >= this.limits.perOrganization || this.size >= this.limits.total) return null;
    this.running.set(organizationId, now + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.running.get(organizationId) ?? 1) - 1;
      if (left > 0) this.running.set(organizationId, left);
      else this.running.delete(organizationId);
    };
  }

  /** Places held now (all organizations). */
  get size(): number {
    let n = 0;
    for (const v of this.running.values()) n += v;
    return n;
  }
}
