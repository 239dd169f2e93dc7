import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Lock-out counters of one login name, keyed by its blind index (`blindIndex('login', name)`), for
 * names with and without an account alike: an unknown name is counted, locked and answered
 * exactly like a real one, so the answers do not tell which names exist (issue 10 item 7).
 */
@Entity({ name: 'sign_in_lockout' })
export class SignInLockout {
  @PrimaryColumn({ name: 'login_key', type: 'char', length: 64, primaryKeyConstraintName: 'sign_in_lockout_pk' })
  loginKey: string;

  @Column({ name: 'failed_sign_ins', type: 'int', default: 0 })
  failedSignIns: number;

  @Column({ name: 'last_failed_at', type: 'timestamptz', nullable: true })
  lastFailedAt: Date | null;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;
}
