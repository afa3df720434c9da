import { Payload } from "../../common/mutation";
import { ProcessorMeasure } from "./processor-measure.entity";

export const ProcessorMeasurePayload = Payload(
  ProcessorMeasure,
  "processorMeasure",
  "ProcessorMeasurePayload",
  "Result of setting a processor's measure.",
);
