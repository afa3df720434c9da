import { defineModule } from "../../common/module";
import {
  ProcessorChainResolver,
  ProcessorChainTypeResolver,
  SubprocessorConcentrationResolver,
  SubprocessorTreeNodeResolver,
  TransferExposureResolver,
  TransferFindingResolver,
  TransferHopResolver,
} from "./chain.resolver";
import { chainLoaders } from "./chain.loaders";

/** Reads over the engagement graph: trees, upstream chains, transfer exposure, concentration. No tables. */
export default defineModule({
  name: "chains",
  resolvers: [
    ProcessorChainResolver,
    ProcessorChainTypeResolver,
    SubprocessorTreeNodeResolver,
    TransferHopResolver,
    TransferFindingResolver,
    TransferExposureResolver,
    SubprocessorConcentrationResolver,
  ],
  loaders: chainLoaders,
});
