import { defineModule } from "../../common/module";
import { Measure } from "./measure.entity";
import { ProcessorMeasure } from "./processor-measure.entity";
import { MeasureResolver, ProcessorMeasureResolver } from "./measure.resolver";
import { measureLoaders } from "./measure.loaders";

/** The TOM catalogue (art. 32) and how far each processor has implemented its measures. */
export default defineModule({
  name: "measures",
  entities: [Measure, ProcessorMeasure],
  resolvers: [MeasureResolver, ProcessorMeasureResolver],
  loaders: measureLoaders,
  // measure rows with organization_id NULL are the default catalogue, readable by every organization.
  tenantTables: ["measure", "processor_measure"],
});
