import type { MigrationInterface } from 'typeorm';
import { Foundation1764400000000 } from './1764400000000-foundation';
import { IdentityVerification1764500000000 } from './1764500000000-identity-verification';
import { PolicyVersions1764600000000 } from './1764600000000-policy-versions';
import { Penalties1795954906660 } from './1795954906660-penalties';
import { SignInLoginIndex1795960000000 } from './1795960000000-sign-in-login-index';
import { SubAccounts1795970000000 } from './1795970000000-sub-accounts';
import { VerificationFlaggedQueueIndex1795980000000 } from './1795980000000-verification-flagged-queue-index';
import { ActorChangeNotify1795990000000 } from './1795990000000-actor-change-notify';
import { VerificationSubjectQueueIndex1796000000000 } from './1796000000000-verification-subject-queue-index';
import { StaffLifecycle1796010000000 } from './1796010000000-staff-lifecycle';
import { AuditChainKey1796100000000 } from './1796100000000-audit-chain-key';
import { StoreMachine1796200000000 } from './1796200000000-store-machine';
import { PenaltiesKernel1796300000000 } from './1796300000000-penalties-kernel';
import { VerificationKernel1796310000000 } from './1796310000000-verification-kernel';
import { PoliciesKernel1796320000000 } from './1796320000000-policies-kernel';
import { DataSharingRegister1796400000000 } from './1796400000000-data-sharing-register';
import { ServiceAccounts1796405000000 } from './1796405000000-service-accounts';
import { Disputes1796410000000 } from './1796410000000-disputes';
import { PayoutAccounts1796415000000 } from './1796415000000-payout-accounts';
import { Rewards1796420000000 } from './1796420000000-rewards';
import { RewardImport1796425000000 } from './1796425000000-reward-import';

/** Every migration in order (listed, not globbed: globs require raw .ts under vitest). */
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  Foundation1764400000000,
  IdentityVerification1764500000000,
  PolicyVersions1764600000000,
  Penalties1795954906660,
  SignInLoginIndex1795960000000,
  SubAccounts1795970000000,
  VerificationFlaggedQueueIndex1795980000000,
  ActorChangeNotify1795990000000,
  VerificationSubjectQueueIndex1796000000000,
  StaffLifecycle1796010000000,
  AuditChainKey1796100000000,
  StoreMachine1796200000000,
  PenaltiesKernel1796300000000,
  VerificationKernel1796310000000,
  PoliciesKernel1796320000000,
  DataSharingRegister1796400000000,
  ServiceAccounts1796405000000,
  Disputes1796410000000,
  PayoutAccounts1796415000000,
  Rewards1796420000000,
  RewardImport1796425000000,
];
