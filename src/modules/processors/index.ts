import { defineModule } from "../../common/module";
import { Processor } from "./processor.entity";
import { ProcessorResolver } from "./processor.resolver";
import { processorLoaders } from "./processor.loaders";

/** Processors: the legal entities the controller knows (vendors and their sub-processors alike). */
export default defineModule({
  name: "processors",
  entities: [Processor],
  resolvers: [ProcessorResolver],
  loaders: processorLoaders,
  tenantTables: ["processor"],
});
