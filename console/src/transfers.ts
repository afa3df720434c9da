// Transfer findings that mean "a hop without a valid mechanism" (the API's TransferFindingKind): marked on
// the graph, flagged in the portfolio. LOCATION_NOT_STATED is not one: the hop relies on a mechanism.
export const MISSING_MECHANISM = new Set([
  "NO_VALID_MECHANISM",
  "DPF_RECIPIENT_NOT_CERTIFIED",
  "PROHIBITED_BY_AGREEMENT",
]);
