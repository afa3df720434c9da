import { Payload } from "../../common/mutation";
import { DataCategory } from "./taxonomy.entity";

export const DataCategoryPayload = Payload(DataCategory, "dataCategory", "Result of a data category mutation.");
