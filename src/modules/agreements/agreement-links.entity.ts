import { Column, Entity, JoinColumn, ManyToOne, Unique } from "typeorm";
import { ObjectType } from "type-graphql";
import { TenantRecord, TenantReferenceId } from "../../common/base.entity";
import { Agreement } from "./agreement.entity";
import { DataCategory, DataSubjectCategory } from "../taxonomy/taxonomy.entity";
import { Measure } from "../measures/measure.entity";
import { NullableText } from "../../common/columns";

/** A row that belongs to one agreement; removed with it. */
@ObjectType()
abstract class AgreementLink extends TenantRecord {
  @TenantReferenceId(() => Agreement, "agreement_id", { onDelete: "CASCADE" })
  agreementId: string;
}

@ObjectType({ description: "A data category the agreement entrusts to the processor (Bilag A.3), with its source." })
@Entity("agreement_data_category")
@Unique("uq_agreement_data_category", ["agreementId", "dataCategoryId"])
export class AgreementDataCategory extends AgreementLink {
  @Column({ name: "data_category_id", type: "uuid" })
  dataCategoryId: string;

  @ManyToOne(() => DataCategory, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "data_category_id" })
  dataCategoryRecord?: DataCategory;

  @NullableText("source", "Where the agreement names the category (document and clause).")
  source: string | null;
}

@ObjectType({ description: "A category of data subjects the agreement covers (Bilag A.4), with its source." })
@Entity("agreement_data_subject_category")
@Unique("uq_agreement_data_subject_category", ["agreementId", "dataSubjectCategoryId"])
export class AgreementDataSubjectCategory extends AgreementLink {
  @Column({ name: "data_subject_category_id", type: "uuid" })
  dataSubjectCategoryId: string;

  @ManyToOne(() => DataSubjectCategory, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "data_subject_category_id" })
  dataSubjectCategoryRecord?: DataSubjectCategory;

  @NullableText("source", "Where the agreement names the category (document and clause).")
  source: string | null;
}

@ObjectType({
  description: "A security measure the agreement requires of the processor (Bilag C.2), with the clause text.",
})
@Entity("agreement_required_measure")
@Unique("uq_agreement_required_measure", ["agreementId", "measureId"])
export class AgreementRequiredMeasure extends AgreementLink {
  @Column({ name: "measure_id", type: "uuid" })
  measureId: string;

  @ManyToOne(() => Measure, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "measure_id" })
  measureRecord?: Measure;

  @NullableText("clause_text", "The agreement's own words for the requirement.")
  clauseText: string | null;

  @NullableText("source", "Where the requirement is (document and clause).")
  source: string | null;
}
