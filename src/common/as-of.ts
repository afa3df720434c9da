// The day a read of stored or recorded state is "as of": today or earlier. One rule and one message for the art. 30
// record and its exports (recordsOfProcessing, ropa.json/xlsx) and risk(asOf:).
import { todayIso } from "./dates";
import { badUserInput } from "./errors";

/**
 * Refuses a read as of a later day than today, BAD_USER_INPUT naming asOf: what will be in force then is not known
 * yet (a DPA that ends today binds nobody tomorrow), so today's view is no answer for it.
 */
export function refuseFutureAsOf(asOf: string | null | undefined, today: string = todayIso()): void {
  if (asOf && asOf > today) throw badUserInput("asOf must not be in the future.");
}
