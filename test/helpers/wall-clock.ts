// Tests whose assertions include wall-clock bounds (another tenant's wait, the event loop's longest turn) share two
// cores with the other test worker and PostgreSQL: a bound missed once under a neighbour's burst is tried again, at
// most twice, with each failure logged; a bound the code itself breaks fails every attempt.
export function retryWallClockBounds(): void {
  jest.retryTimes(2, { logErrorsBeforeRetry: true });
}
