import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TransitionRecord } from '../../core/transition-record';
import { PolicyVersion } from './policy-version.entity';

/**
 * History of a policy version (the policy version machine's history, policies.machine.ts): one row
 * per applied action, plus `create` and `edit` of a draft (draft -> draft) and the import of
 * version 1. Append-only (trigger `history_append_only`). `actorAccountId` is null for the system
 * (publication job, import).
 */
@Entity({ name: 'policy_version_transition' })
@Index('policy_version_transition_version_idx', ['versionId', 'at'])
export class PolicyVersionTransition extends TransitionRecord {
  @ManyToOne(() => PolicyVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'version_id', foreignKeyConstraintName: 'policy_version_transition_version_fk' })
  version?: PolicyVersion;

  @Column({ name: 'version_id', type: 'bigint' })
  versionId: string;
}
