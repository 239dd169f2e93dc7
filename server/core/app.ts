import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config';
import type { FieldCipher } from './crypto/field-cipher';
import type { FileStorage } from './storage';
import type { Jobs } from './jobs/jobs';
import type { OutboundChannels } from './channels';
import type { ChangeFeed } from './change-feed';
import type { PayoutProvider } from './payout-provider';

/** The process-wide dependencies, built once by the composition root (main.ts / test harness). */
export interface App {
  config: AppConfig;
  dataSource: DataSource;
  cipher: FieldCipher;
  storage: FileStorage;
  jobs: Jobs;
  channels: OutboundChannels;
  /** The payment institution's transfer API (local sandbox by default). */
  payouts: PayoutProvider;
  /** Database notifications of committed changes, for in-process caches to drop what changed. */
  changes: ChangeFeed;
  log: Logger;
  /** True while start-up still prepares data (policy import, demo seeding): `/readyz` and the API answer 503 (server/graphql/http.ts). */
  starting?: boolean;
  /** The current instant; tests set it to place work on a chosen PRC date (see core/clock.ts). */
  clock?: () => Date;
}
