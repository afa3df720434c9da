import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  VersionColumn,
} from "typeorm";
import { Field, Int, ObjectType } from "type-graphql";
import { DateTimeScalar } from "./scalars";

/** Columns every table carries. The GraphQL `id` is the global id, resolved on the Node interface. */
@ObjectType()
export abstract class BaseRecord {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Field(() => DateTimeScalar, { description: "When the record was created." })
  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @Field(() => DateTimeScalar, { description: "When the record was last changed." })
  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt: Date;

  @Field(() => Int, { description: "Optimistic-locking version; increases with every update." })
  @VersionColumn({ default: 1 })
  version: number;
}

/** A row owned by one organization (the controller). Row-level security keys on organization_id. */
@ObjectType()
export abstract class TenantRecord extends BaseRecord {
  @Column({ name: "organization_id", type: "uuid" })
  organizationId: string;

  // Named by string to avoid an import cycle with the Organization entity.
  @ManyToOne("Organization", { onDelete: "CASCADE" })
  @JoinColumn({ name: "organization_id" })
  organizationRecord?: unknown;
}

/**
 * The table of a TenantRecord entity with its unique key (organization_id, id): the key that the foreign keys
 * of TenantReference point at. `unique` names the key where its name is not uq_<table>_org_id.
 */
export function TenantEntity(table: string, unique = `uq_${table}_org_id`): ClassDecorator {
  return (target) => {
    Unique(unique, ["organizationId", "id"])(target);
    Entity(table)(target);
  };
}

/**
 * A reference to another row of the same organization. The foreign key includes organization_id,
 * so not even a foreign-key check can reach another tenant's row.
 */
export function TenantReference(
  target: () => Function,
  column: string,
  options: { onDelete?: "RESTRICT" | "CASCADE"; oneToOne?: boolean } = {},
): PropertyDecorator {
  return (proto, property) => {
    const relation = options.oneToOne ? OneToOne : ManyToOne;
    relation(target as () => new () => unknown, { onDelete: options.onDelete ?? "RESTRICT" })(
      proto,
      property as string,
    );
    JoinColumn([
      { name: "organization_id", referencedColumnName: "organizationId" },
      { name: column, referencedColumnName: "id" },
    ])(proto, property as string);
  };
}

/**
 * The uuid column `column` on the decorated `<x>Id` property, and its foreign key as TenantReference on a
 * relation property `<x>Record` that no code reads (it exists for the constraint only).
 */
export function TenantReferenceId(
  target: () => Function,
  column: string,
  options: { nullable?: boolean; onDelete?: "RESTRICT" | "CASCADE"; oneToOne?: boolean } = {},
): PropertyDecorator {
  const { nullable, ...reference } = options;
  return (proto, property) => {
    const name = String(property);
    if (!name.endsWith("Id")) throw new Error(`TenantReferenceId: ${name} must end in Id`);
    Column({ name: column, type: "uuid", ...(nullable ? { nullable: true } : {}) })(proto, name);
    TenantReference(target, column, reference)(proto, `${name.slice(0, -2)}Record`);
  };
}
