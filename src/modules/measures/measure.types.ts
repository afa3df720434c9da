import { Payload } from "../../common/mutation";
import { ProcessorMeasure } from "./processor-measure.entity";

export const ProcessorMeasurePayload = Payload(
  ProcessorMeasure,
  "processorMeasure",
  "Result of setting a processor's measure.",
);
