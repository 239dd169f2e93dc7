import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Store } from '../stores/store.entity';

/**
 * A store role (店铺角色): a named set of store permission keys (see store-permissions.ts), defined
 * by one store, possibly copied from a preset template. Keys may name tree nodes (granting their
 * children); they are stored normalised and never include owner-only permissions.
 */
@Entity({ name: 'store_role' })
@Index('store_role_store_name_uq', ['storeId', 'name'], { unique: true })
export class StoreRole {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @ManyToOne(() => Store, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'store_id', foreignKeyConstraintName: 'store_role_store_fk' })
  store?: Store;

  @Column({ name: 'store_id', type: 'bigint' })
  storeId: string;

  @Column({ type: 'varchar', length: 32 })
  name: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  description: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  permissions: string[];

  /** The preset template it was copied from, if any. */
  @Column({ name: 'template_code', type: 'varchar', length: 32, nullable: true })
  templateCode: string | null;

  @Column({ name: 'created_by', type: 'bigint', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
