import { IsBoolean, IsOptional, Length, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ListOf } from '../../graphql/common.types';
import { MoneyScalar } from '../../graphql/money';
import { IsCalendarDate } from '../../graphql/validators';
import { RECONCILIATION_KINDS } from './payout-reconciliation.entity';
import { REWARD_IMPORT_STATUSES } from './reward-import.entity';

@InputType()
export class ImportRewardsInput {
  @Field({ description: 'The file name as chosen (shown in the list), 1-200 characters' }) @Length(1, 200) fileName: string;
  @Field({
    description:
      'The CSV bytes, base64; up to 5 MiB decoded, 200,000 rows. UTF-8 (BOM optional), header row required: storeId,programmeCode,amount,reason,periodStart,periodEnd; amount in yuan with at most 2 decimals (12.30); periods PRC dates YYYY-MM-DD',
  })
  @MaxLength(7_000_000)
  contentBase64: string;
  @Field({ defaultValue: false, description: 'Import the valid rows and report the invalid ones (default: any invalid row rejects the whole file)' })
  @IsOptional()
  @IsBoolean()
  skipInvalidRows: boolean;
}

@ObjectType()
export class RewardImportRowError {
  @Field(() => Int, { description: 'CSV line number of the row (the header is line 1; 0 for the whole file)' }) row: number;
  @Field({ description: 'Column name, or `row`, `header`, `file`; `job` when processing failed (uploading the file again retries)' }) field: string;
  @Field() reason: string;
}

@ObjectType()
export class RewardImportView {
  @Field(() => ID) id: string;
  @Field({ description: REWARD_IMPORT_STATUSES.join(', ') }) status: string;
  @Field() fileName: string;
  @Field({ description: 'Hex SHA-256 of the bytes: the same bytes with the same option are one import' }) sha256: string;
  @Field() skipInvalidRows: boolean;
  @Field(() => Int, { description: 'Data rows in the file' }) rowsTotal: number;
  @Field(() => Int) rowsValid: number;
  @Field(() => Int, { description: 'Rewards proposed by this import' }) rowsImported: number;
  @Field(() => Int, { description: '0-100' }) progress: number;
  @Field(() => Int, { description: 'Rows refused in all (errors lists the first 1000 problems)' }) errorCount: number;
  @Field(() => [RewardImportRowError], { description: 'The first 1000 problems, by row' }) errors: RewardImportRowError[];
  @Field({ description: 'UTC instant' }) createdAt: Date;
  @Field({ nullable: true, description: 'UTC instant' }) finishedAt?: Date;
}

export const RewardImportList = ListOf(RewardImportView, 'RewardImportList');

@ObjectType()
export class PayoutReconciliationDifference {
  @Field({ description: RECONCILIATION_KINDS.join(', ') }) kind: string;
  @Field() businessNumber: string;
  @Field(() => MoneyScalar, { nullable: true, description: 'Ledger amount, integer fen (none when missing in the ledger)' }) ledgerAmount: number | null;
  @Field(() => MoneyScalar, { nullable: true, description: "Provider's amount, integer fen (none when missing at the provider)" }) providerAmount: number | null;
}

@ObjectType()
export class PayoutReconciliationView {
  @Field({ description: 'PRC date reconciled' }) date: string;
  @Field({ description: 'UTC instant of the run' }) runAt: Date;
  @Field(() => Int) ledgerCount: number;
  @Field(() => Int) providerCount: number;
  @Field(() => [PayoutReconciliationDifference]) differences: PayoutReconciliationDifference[];
}

@ArgsType()
export class ReconciliationDateArgs {
  @Field({ description: 'PRC date YYYY-MM-DD' }) @IsCalendarDate('filter') date: string;
}
