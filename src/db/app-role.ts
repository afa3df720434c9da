/** The role every request runs as. It owns nothing, so row-level security always applies to it. */
export const APP_ROLE = "tilsyn_app";
