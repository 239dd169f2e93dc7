import type { MigrationInterface } from 'typeorm';
import { Foundation1764400000000 } from './1764400000000-foundation';
import { IdentityVerification1764500000000 } from './1764500000000-identity-verification';
import { SubAccounts1764600000000 } from './1764600000000-sub-accounts';

/** Every migration in order (listed, not globbed: globs require raw .ts under vitest). */
export const MIGRATIONS: (new () => MigrationInterface)[] = [Foundation1764400000000, IdentityVerification1764500000000, SubAccounts1764600000000];
