// The process clock. Everything that asks "what day is it?" (deadlines, the daily jobs, event times)
// reads it here, so a test can set the date instead of waiting for it. The entry point (or a test)
// injects another clock with useClock; production keeps the system clock.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

let current: Clock = systemClock;

export function useClock(clock: Clock): void {
  current = clock;
}

export function clock(): Clock {
  return current;
}

/** A clock that stands still until it is set or advanced (tests). */
export class ManualClock implements Clock {
  private at: number;
  constructor(start: Date | string = new Date()) {
    this.at = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.at);
  }
  set(to: Date | string): void {
    this.at = new Date(to).getTime();
  }
  advance(ms: number): void {
    this.at += ms;
  }
}
