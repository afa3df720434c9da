import { Column, Entity } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { BaseRecord } from "../../common/base.entity";
import { Node } from "../../common/node";

@ObjectType({ implements: Node, description: "The data controller: the tenant that owns every other record." })
@Entity("organization")
export class Organization extends BaseRecord {
  @Field({ description: "Name of the controller." })
  @Column({ type: "varchar", length: 200 })
  name: string;

  @Field(() => String, { nullable: true, description: "Company or public-body registration number (e.g. CVR)." })
  @Column({ name: "registration_number", type: "varchar", length: 50, nullable: true })
  registrationNumber: string | null;

  @Field({ description: "ISO 3166-1 alpha-2 country of establishment." })
  @Column({ name: "country_code", type: "char", length: 2 })
  countryCode: string;

  @Field(() => String, { nullable: true, description: "Postal address." })
  @Column({ type: "text", nullable: true })
  address: string | null;

  @Field(() => String, { nullable: true, description: "Data protection officer (art. 37), name." })
  @Column({ name: "dpo_name", type: "varchar", length: 200, nullable: true })
  dpoName: string | null;

  @Field(() => String, { nullable: true, description: "Data protection officer, email." })
  @Column({ name: "dpo_email", type: "varchar", length: 320, nullable: true })
  dpoEmail: string | null;

  @Field(() => String, { nullable: true, description: "Representative in the Union (art. 27), where one is required." })
  @Column({ name: "representative", type: "text", nullable: true })
  representative: string | null;
}
