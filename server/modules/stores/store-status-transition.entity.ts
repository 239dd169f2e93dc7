import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TransitionRecord } from '../../core/transition-record';
import { Store } from './store.entity';

/** Every change of a store's status (the store machine's history; append-only). */
@Entity({ name: 'store_status_transition' })
@Index('store_status_transition_store_idx', ['storeId', 'at', 'id'])
export class StoreStatusTransition extends TransitionRecord {
  @ManyToOne(() => Store, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'store_id', foreignKeyConstraintName: 'store_status_transition_store_fk' })
  store?: Store;

  @Column({ name: 'store_id', type: 'bigint' })
  storeId: string;
}
