import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One sign-in attempt, for per-IP throttling and the security record (policy 2.6.1). */
@Entity({ name: 'sign_in_attempt' })
@Index('sign_in_attempt_ip_idx', ['ip', 'at'])
@Index('sign_in_attempt_login_idx', ['loginName', 'at'])
export class SignInAttempt {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ name: 'login_name', type: 'varchar', length: 64 })
  loginName: string;

  @Column({ type: 'varchar', length: 64 })
  ip: string;

  @Column({ type: 'boolean' })
  succeeded: boolean;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
