import { Column, Entity, Index } from 'typeorm';
import { TransitionRecord } from '../../core/transition-record';

/**
 * One step in a verification case's life (the verification machine's history; append-only): its
 * history timeline. `reason` is the applicant comment, shown to the merchant; `note` the internal
 * note, for staff only; `reasonCodes` the managed reasons of a decision.
 */
@Entity({ name: 'verification_transition' })
@Index('verification_transition_case_idx', ['caseId', 'at', 'id'])
export class VerificationTransition extends TransitionRecord {
  @Column({ name: 'case_id', type: 'bigint' })
  caseId: string;

  @Column({ name: 'reason_codes', type: 'text', array: true, default: () => "'{}'" })
  reasonCodes: string[];
}
