// When a failed delivery is tried again: exponential backoff with jitter, for at least the retry
// window. The delay before attempt n+1 is base·2^(n−1) (30 s, 1 min, 2 min, … capped at 4 h), scaled by
// a random factor in [0.8, 1.2] so that receivers coming back from an outage are not hit by every
// sender at once. The last attempt falls on the window's end, so a delivery is tried over the whole
// window (24 h by default: about 14 attempts); if that one fails too, the delivery is given up.
export interface RetryPolicy {
  baseMs: number;
  capMs: number;
  /** ± share of the delay. */
  jitter: number;
  windowMs: number;
}

export function retryPolicy(windowHours: number): RetryPolicy {
  return { baseMs: 30_000, capMs: 4 * 3_600_000, jitter: 0.2, windowMs: windowHours * 3_600_000 };
}

/** The delay after `failedAttempts` failures (≥ 1); `random` is in [0, 1). */
export function retryDelayMs(failedAttempts: number, policy: RetryPolicy, random: number): number {
  const exponent = Math.min(Math.max(failedAttempts, 1) - 1, 30);
  const delay = Math.min(policy.baseMs * 2 ** exponent, policy.capMs);
  return Math.round(delay * (1 - policy.jitter + 2 * policy.jitter * random));
}

/**
 * When to try again after a failed attempt at `now`, or null to give up: retries run from
 * `retryingSince` (the first attempt, or the last redelivery) until the window has passed.
 */
export function nextAttemptAt(
  failedAttempts: number,
  now: Date,
  retryingSince: Date,
  policy: RetryPolicy,
  random: number,
): Date | null {
  const end = retryingSince.getTime() + policy.windowMs;
  if (now.getTime() >= end) return null;
  return new Date(Math.min(now.getTime() + retryDelayMs(failedAttempts, policy, random), end));
}

/** Whether an endpoint failing since `failingSince` has failed long enough to be disabled. */
export function shouldDisable(failingSince: Date | null, now: Date, disableAfterHours: number): boolean {
  return failingSince !== null && now.getTime() - failingSince.getTime() >= disableAfterHours * 3_600_000;
}
