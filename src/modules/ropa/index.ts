import { defineModule } from "../../common/module";
import {
  ActivityDataCategory,
  ActivityDataSubjectCategory,
  ActivityProcessor,
  ProcessingActivity,
} from "./activity.entity";
import {
  ProcessingActivityResolver,
  ProcessingRecordResolver,
  RecordRecipientResolver,
  RecordTransferResolver,
} from "./ropa.resolver";
import { ropaLoaders } from "./ropa.loaders";
import { ropaRouter } from "./ropa.http";

/** The record of processing activities (art. 30), and its export. */
export default defineModule({
  name: "ropa",
  entities: [ProcessingActivity, ActivityProcessor, ActivityDataCategory, ActivityDataSubjectCategory],
  resolvers: [ProcessingActivityResolver, ProcessingRecordResolver, RecordRecipientResolver, RecordTransferResolver],
  loaders: ropaLoaders,
  routers: [ropaRouter],
  tenantTables: [
    "processing_activity",
    "processing_activity_processor",
    "processing_activity_data_category",
    "processing_activity_data_subject_category",
  ],
});
