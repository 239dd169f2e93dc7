import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { IdDocType } from '../../../rules/identity/documents';
import type { SubjectType, VerificationFlag } from './verification-case.entity';

/**
 * One store-opening submission, immutable once stored (policy 2.2.1, 2.2.2). Every personal value is
 * encrypted (`*Enc`, FieldCipher); the ID number also has a keyed hash for duplicate detection and
 * look-up. Images are FileStorage keys of the submitter's own uploads.
 */
@Entity({ name: 'verification_submission' })
@Index('verification_submission_case_idx', ['caseId', 'submittedAt'])
export class VerificationSubmission {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ name: 'case_id', type: 'bigint' })
  caseId: string;

  @Index('verification_submission_store_idx')
  @Column({ name: 'store_id', type: 'bigint' })
  storeId: string;

  @Column({ name: 'submitted_by', type: 'bigint' })
  submittedBy: string;

  @CreateDateColumn({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt: Date;

  @Column({ name: 'subject_type', type: 'varchar', length: 12 })
  subjectType: SubjectType;

  @Column({ name: 'real_name_enc', type: 'text' })
  realNameEnc: string;

  @Column({ name: 'id_doc_type', type: 'varchar', length: 32 })
  idDocType: IdDocType;

  @Column({ name: 'id_number_enc', type: 'text' })
  idNumberEnc: string;

  @Index('verification_submission_id_hash_idx')
  @Column({ name: 'id_number_hash', type: 'char', length: 64 })
  idNumberHash: string;

  /** PRC calendar date; from the resident ID, or entered for other documents. */
  @Column({ name: 'birth_date', type: 'date' })
  birthDate: string;

  /** Last day of validity (PRC date); null = long-term (长期). */
  @Column({ name: 'id_valid_until', type: 'date', nullable: true })
  idValidUntil: string | null;

  @Column({ name: 'id_front_key', type: 'uuid' })
  idFrontKey: string;

  @Column({ name: 'id_back_key', type: 'uuid' })
  idBackKey: string;

  @Column({ name: 'handheld_key', type: 'uuid' })
  handheldKey: string;

  @Column({ name: 'company_name', type: 'varchar', length: 100, nullable: true })
  companyName: string | null;

  /** Unified social credit code (public business registration data, not personal). */
  @Column({ type: 'char', length: 18, nullable: true })
  uscc: string | null;

  @Column({ name: 'legal_rep_name_enc', type: 'text', nullable: true })
  legalRepNameEnc: string | null;

  @Column({ name: 'licence_key', type: 'uuid', nullable: true })
  licenceKey: string | null;

  @Column({ name: 'contact_name_enc', type: 'text' })
  contactNameEnc: string;

  @Column({ name: 'contact_mobile_enc', type: 'text' })
  contactMobileEnc: string;

  @Column({ name: 'contact_address_enc', type: 'text' })
  contactAddressEnc: string;

  @Column({ name: 'cs_phone_enc', type: 'text' })
  csPhoneEnc: string;

  @Column({ name: 'return_name_enc', type: 'text' })
  returnNameEnc: string;

  @Column({ name: 'return_mobile_enc', type: 'text' })
  returnMobileEnc: string;

  @Column({ name: 'return_address_enc', type: 'text' })
  returnAddressEnc: string;

  @Column({ name: 'trademark_name_enc', type: 'text', nullable: true })
  trademarkNameEnc: string | null;

  @Column({ name: 'trademark_id_enc', type: 'text', nullable: true })
  trademarkIdEnc: string | null;

  /** The submitter confirmed the consent of every other person whose data it entered (2.2.2). */
  @Column({ name: 'third_party_consent', type: 'boolean' })
  thirdPartyConsent: boolean;

  @Column({ name: 'guardian_name_enc', type: 'text', nullable: true })
  guardianNameEnc: string | null;

  @Column({ name: 'guardian_relation', type: 'varchar', length: 32, nullable: true })
  guardianRelation: string | null;

  @Column({ name: 'guardian_id_enc', type: 'text', nullable: true })
  guardianIdEnc: string | null;

  @Column({ name: 'guardian_consent_key', type: 'uuid', nullable: true })
  guardianConsentKey: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  flags: VerificationFlag[];
}
