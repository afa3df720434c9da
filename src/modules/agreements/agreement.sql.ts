// Agreement rules that queries need as SQL, each beside its TypeScript twin.

/**
 * An agreement in force: ACTIVE and not archived. The TypeScript twin is currentAgreementOf
 * (agreement.rules.ts), which picks among the ACTIVE agreements the loaders return unarchived.
 */
export function agreementInForce(a: string): string {
  return `${a}.status = 'ACTIVE' AND ${a}.archived_at IS NULL`;
}
