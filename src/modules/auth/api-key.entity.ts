import { Column, Entity, Index } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { TenantRecord } from "../../common/base.entity";
import { Node } from "../../common/node";
import { Role } from "../../common/auth";
import { NullableTimestamp } from "../../common/columns";

@ObjectType({
  implements: Node,
  description: "An API key of the organization. The secret is shown once at creation; only its SHA-256 is stored.",
})
@Entity("api_key")
export class ApiKey extends TenantRecord {
  @Field({ description: "A name that says who or what uses the key." })
  @Column({ type: "varchar", length: 200 })
  name: string;

  @Field(() => Role, { description: "What the key may do." })
  @Column({ type: "enum", enum: Role, enumName: "api_key_role" })
  role: Role;

  @Field({ description: "The public prefix of the key (the part before the dot), for recognising it in logs." })
  @Index({ unique: true })
  @Column({ type: "varchar", length: 32 })
  prefix: string;

  @Column({ name: "secret_sha256", type: "bytea" })
  secretSha256: Buffer;

  @NullableTimestamp("last_used_at", "Last time the key authenticated a request.")
  lastUsedAt: Date | null;

  @NullableTimestamp("revoked_at", "When the key was revoked; a revoked key authenticates nothing.")
  revokedAt: Date | null;
}
