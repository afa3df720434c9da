// A share of the request pool per organization: one organization's requests hold at most `perOrganization` pool
// connections at once in this process (DB_CONNECTIONS_PER_ORG, half of DB_POOL_SIZE by default); its next request
// waits here, holding nothing, for one of its own places, up to `waitMs` (DB_ACQUIRE_TIMEOUT_MS), then answers 503
// UNAVAILABLE with Retry-After. Without it one key's long requests (30 aliases of recomputeRisk, each a whole
// portfolio) took every pool connection, and every other tenant's requests waited DB_ACQUIRE_TIMEOUT_MS for a 503.

/** An organization's requests waited DB_ACQUIRE_TIMEOUT_MS for one of its DB_CONNECTIONS_PER_ORG places. */
export class OrganizationBusyError extends Error {
  constructor(perOrganization: number, waitMs: number) {
    super(
      `Your organization already runs ${perOrganization} requests at once (DB_CONNECTIONS_PER_ORG); this one waited ` +
        `${waitMs} ms (DB_ACQUIRE_TIMEOUT_MS) for one of them to end and was not run. Try again.`,
    );
    this.name = "OrganizationBusyError";
  }
}

export class ConnectionShare {
  private readonly held = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(
    readonly perOrganization: number,
    readonly waitMs: number,
  ) {}

  /** A place for the organization (call the result to give it back; once is enough, more do nothing). */
  enter(organizationId: string): Promise<() => void> {
    const now = this.held.get(organizationId) ?? 0;
    if (now < this.perOrganization) {
      this.held.set(organizationId, now + 1);
      return Promise.resolve(this.releaser(organizationId));
    }
    return new Promise((resolve, reject) => {
      let queue = this.waiting.get(organizationId);
      if (!queue) this.waiting.set(organizationId, (queue = []));
      const grant = () => {
        clearTimeout(timer);
        resolve(this.releaser(organizationId));
      };
      queue.push(grant);
      const timer = setTimeout(() => {
        const q = this.waiting.get(organizationId);
        const at = q?.indexOf(grant) ?? -1;
        if (q && at >= 0) q.splice(at, 1);
        if (q && !q.length) this.waiting.delete(organizationId);
        reject(new OrganizationBusyError(this.perOrganization, this.waitMs));
      }, this.waitMs);
      timer.unref?.();
    });
  }

  /** Places the organization holds now. */
  holding(organizationId: string): number {
    return this.held.get(organizationId) ?? 0;
  }

  private releaser(organizationId: string): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const queue = this.waiting.get(organizationId);
      const next = queue?.shift();
      if (queue && !queue.length) this.waiting.delete(organizationId);
      // The place goes to the organization's next request as it is: the count stays.
      if (next) return next();
      const left = (this.held.get(organizationId) ?? 1) - 1;
      if (left > 0) this.held.set(organizationId, left);
      else this.held.delete(organizationId);
    };
  }
}
