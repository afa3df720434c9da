// A share of the request pool per organization: one organization's requests hold at most `perOrganization` pool
// connections at once in this process (DB_CONNECTIONS_PER_ORG, half of DB_POOL_SIZE by default); its next request
// waits here, holding nothing, for one of its own places, up to `waitMs` (DB_ACQUIRE_TIMEOUT_MS), then answers 503
// UNAVAILABLE with Retry-After. Without it one key's long requests (30 aliases of recomputeRisk, each a whole
// portfolio) took every pool connection, and every other tenant's requests waited DB_ACQUIRE_TIMEOUT_MS for a 503.

import { SlotGate } from "./slots";

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
  // The places are a SlotGate's (one count per organization, given back once); what is added here is the wait.
  private readonly places: SlotGate;
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(
    readonly perOrganization: number,
    readonly waitMs: number,
  ) {
    this.places = new SlotGate({ perOrganization, total: Infinity });
  }

  /** A place for the organization (call the result to give it back; once is enough, more do nothing). */
  enter(organizationId: string): Promise<() => void> {
    const place = this.tryEnter(organizationId);
    if (place) return Promise.resolve(place);
    return new Promise((resolve, reject) => {
      let queue = this.waiting.get(organizationId);
      if (!queue) this.waiting.set(organizationId, (queue = []));
      const grant = () => {
        clearTimeout(timer);
        resolve(this.tryEnter(organizationId)!);
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

  /** A place now, or null; giving it back hands the freed place to the organization's next waiting request. */
  private tryEnter(organizationId: string): (() => void) | null {
    const release = this.places.tryEnter(organizationId);
    if (!release) return null;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      release();
      const queue = this.waiting.get(organizationId);
      const next = queue?.shift();
      if (queue && !queue.length) this.waiting.delete(organizationId);
      // Taken again at once, in this turn: no request that arrives meanwhile can take it first.
      next?.();
    };
  }
}
