// Throttling of failed authentication, per client address and per key prefix: once either has failed
// `limit` times within a window, its requests are refused with 429 THROTTLED and Retry-After until the
// window ends, before the key is looked up (no database work for a guesser). In memory, per process:
// several replicas each allow their own count. The client address is the socket's (no proxy headers
// are trusted).
import type { AuthGuard } from "../context";
import { graphqlError } from "../common/errors";

export interface AuthThrottleOptions {
  /** Failed authentications one client address may have in a window. */
  perAddress: number;
  /** Failed authentications one key prefix may have in a window (a known prefix, guessed secrets). */
  perKey: number;
  windowMs: number;
}

interface Window {
  failures: number;
  endsAt: number;
}

/** Entries kept at most per table; beyond it the oldest are dropped (an attacker with many addresses). */
const MAX_ENTRIES = 100_000;

class FailureCounter {
  private readonly windows = new Map<string, Window>();
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Seconds until `key` may try again, or 0 when it may now. */
  retryAfter(key: string, now: number): number {
    const w = this.windows.get(key);
    if (!w) return 0;
    if (w.endsAt <= now) {
      this.windows.delete(key);
      return 0;
    }
    return w.failures >= this.limit ? Math.max(1, Math.ceil((w.endsAt - now) / 1000)) : 0;
  }

  fail(key: string, now: number): void {
    const w = this.windows.get(key);
    if (w && w.endsAt > now) {
      w.failures++;
      return;
    }
    this.windows.delete(key);
    if (this.windows.size >= MAX_ENTRIES) this.prune(now);
    this.windows.set(key, { failures: 1, endsAt: now + this.windowMs });
  }

  private prune(now: number): void {
    for (const [k, w] of this.windows) if (w.endsAt <= now) this.windows.delete(k);
    // Maps iterate in insertion order: the oldest windows go first.
    for (const k of this.windows.keys()) {
      if (this.windows.size < MAX_ENTRIES) break;
      this.windows.delete(k);
    }
  }
}

export const THROTTLED_MESSAGE = "Too many failed authentications; wait before trying again (see Retry-After).";

export class AuthThrottle {
  private readonly byAddress: FailureCounter;
  private readonly byKey: FailureCounter;

  constructor(
    options: AuthThrottleOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.byAddress = new FailureCounter(options.perAddress, options.windowMs);
    this.byKey = new FailureCounter(options.perKey, options.windowMs);
  }

  /** The guard of one request from `address` (authenticate in src/context.ts calls it). */
  guard(address: string | undefined): AuthGuard {
    const client = address ?? "unknown";
    return {
      admit: (prefix) => {
        const now = this.now();
        const wait = Math.max(this.byAddress.retryAfter(client, now), prefix ? this.byKey.retryAfter(prefix, now) : 0);
        if (wait > 0) throw graphqlError("THROTTLED", THROTTLED_MESSAGE, wait);
      },
      failed: (prefix) => {
        const now = this.now();
        this.byAddress.fail(client, now);
        if (prefix) this.byKey.fail(prefix, now);
      },
    };
  }
}
