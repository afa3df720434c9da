import { defineModule } from "../../common/module";
import { EvidenceListResolver } from "./evidence-list.resolver";
import { evidenceListRouter } from "./evidence-list.http";

/** The auditor's evidence list, and its manifest export (CSV or JSON). Reads only; no tables. */
export default defineModule({
  name: "evidence-list",
  resolvers: [EvidenceListResolver],
  routers: [evidenceListRouter],
});
