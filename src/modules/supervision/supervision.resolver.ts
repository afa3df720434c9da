export const SUPERVISION_RESOLVERS = [] as const;
