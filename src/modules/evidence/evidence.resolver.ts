export const EVIDENCE_RESOLVERS = [] as const;
