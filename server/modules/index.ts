import { accountsModule } from './accounts';
import { auditModule } from './audit';
import { calendarModule } from './calendar';
import { dataSharingModule } from './data-sharing';
import { disputesModule } from './disputes';
import { filesModule } from './files';
import { verificationModule } from './identity-verification';
import { installModules } from './module';
import { notificationsModule } from './notifications';
import { payoutAccountsModule } from './payout-accounts';
import { penaltiesModule } from './penalties';
import { personalDataModule } from './personal-data';
import { policiesModule } from './policies';
import { rewardsModule } from './rewards';
import { serviceAccountsModule } from './service-accounts';
import { storesModule } from './stores';
import { subAccountsModule } from './sub-accounts';

/**
 * The composition root's one list of modules (schema order). Everything else is derived from it:
 * entities, resolvers, services (modules/services.ts), and what `installModules` installs.
 */
export const MODULES = [
  accountsModule,
  serviceAccountsModule,
  storesModule,
  auditModule,
  notificationsModule,
  personalDataModule,
  policiesModule,
  filesModule,
  verificationModule,
  penaltiesModule,
  calendarModule,
  subAccountsModule,
  dataSharingModule,
  disputesModule,
  payoutAccountsModule,
  rewardsModule,
] as const;

/** Every TypeORM entity, by module. */
export const ENTITIES: Function[] = MODULES.flatMap((m) => m.entities ?? []);

/** Every GraphQL resolver class, in schema order. */
export const RESOLVERS = MODULES.flatMap((m) => m.resolvers ?? []) as [Function, ...Function[]];

/** Installs every module's permissions, revealable fields, queues and listeners (idempotent). */
export function installAllModules(): void {
  installModules(MODULES);
}
