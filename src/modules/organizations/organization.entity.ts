import { Column, Entity } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { BaseRecord } from "../../common/base.entity";
import { Node } from "../../common/node";
import { NullableText, NullableVarchar } from "../../common/columns";

@ObjectType({ implements: Node, description: "The data controller: the tenant that owns every other record." })
@Entity("organization")
export class Organization extends BaseRecord {
  @Field({ description: "Name of the controller." })
  @Column({ type: "varchar", length: 200 })
  name: string;

  @NullableVarchar("registration_number", 50, "Company or public-body registration number (e.g. CVR).")
  registrationNumber: string | null;

  @Field({ description: "ISO 3166-1 alpha-2 country of establishment." })
  @Column({ name: "country_code", type: "char", length: 2 })
  countryCode: string;

  @NullableText("address", "Postal address.")
  address: string | null;

  @NullableVarchar("dpo_name", 200, "Data protection officer (art. 37), name.")
  dpoName: string | null;

  @NullableVarchar("dpo_email", 320, "Data protection officer, email.")
  dpoEmail: string | null;

  @NullableText("representative", "Representative in the Union (art. 27), where one is required.")
  representative: string | null;
}
