import { randomUUID } from 'node:crypto';
import { link, mkdir, readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** One transfer to a payee's Alipay account. `businessNumber` is the idempotency key (Alipay `out_biz_no`). */
export interface TransferRequest {
  businessNumber: string;
  /** Integer fen, above 0. */
  amountFen: number;
  /** Alipay login id (mobile or e-mail). */
  payeeLogin: string;
  /** Real name the provider checks against the account. */
  payeeName: string;
}

export type TransferResult = { status: 'succeeded'; providerRef: string } | { status: 'failed'; code: string; message: string };
export type QueryResult = TransferResult | { status: 'not_found' };

/** A transfer as the provider records it (for reconciliation). */
export interface ProviderRecord {
  businessNumber: string;
  amountFen: number;
  providerRef: string;
  at: string;
}

/** The call did not answer in time: the transfer may or may not have happened (settle with `query`). */
export class PayoutTimeout extends Error {
  constructor() {
    super('the payout provider did not answer in time');
  }
}

/**
 * The payment institution's fund-transfer API (policy 2.3.5, 2.3.6), as Alipay's: a transfer is
 * idempotent by business number (the same number twice pays once and answers the same), and a
 * status query by business number settles a transfer whose answer was lost.
 */
export interface PayoutProvider {
  /** @throws PayoutTimeout when the answer is lost (the transfer may have happened). */
  transfer(req: TransferRequest): Promise<TransferResult>;
  query(businessNumber: string): Promise<QueryResult>;
  /** Every transfer the provider made with a business number, for reconciliation. */
  records(): Promise<ProviderRecord[]>;
}

/** What the sandbox does with the next transfers (tests and the demo drive it). */
export type SandboxFault = 'fail' | 'timeout_before_paying' | 'timeout_after_paying';

/**
 * LOCAL SANDBOX PROVIDER (the default): records each transfer as `<dir>/<businessNumber>.json`
 * instead of moving money; the same business number twice pays once (the file is linked into
 * place, EEXIST = already paid), from any process. `injectFaults` makes the next transfers fail,
 * time out before paying, or pay and then time out (an answer lost after the money moved).
 * Production plugs the real Alipay client in behind `PayoutProvider`.
 */
export class SandboxPayoutProvider implements PayoutProvider {
  private readonly faults: SandboxFault[] = [];
  constructor(readonly dir: string) {}

  injectFaults(...faults: SandboxFault[]): void {
    this.faults.push(...faults);
  }

  async transfer(req: TransferRequest): Promise<TransferResult> {
    const fault = this.faults.shift();
    if (fault === 'fail') return { status: 'failed', code: 'PAYEE_ACCOUNT_INVALID', message: 'the payee account cannot receive transfers' };
    if (fault === 'timeout_before_paying') throw new PayoutTimeout();
    const result = await this.record(req);
    if (fault === 'timeout_after_paying') throw new PayoutTimeout();
    return result;
  }

  private async record(req: TransferRequest): Promise<TransferResult> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const file = path.join(this.dir, `${req.businessNumber}.json`);
    const rec: ProviderRecord = { businessNumber: req.businessNumber, amountFen: req.amountFen, providerRef: `SBX${randomUUID().replace(/-/g, '').slice(0, 24)}`, at: new Date().toISOString() };
    const aside = path.join(this.dir, `.${randomUUID()}.tmp`);
    await writeFile(aside, JSON.stringify(rec), { flag: 'wx', mode: 0o600 });
    try {
      await link(aside, file);
      return { status: 'succeeded', providerRef: rec.providerRef };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const paid = JSON.parse(await readFile(file, 'utf8')) as ProviderRecord;
      return { status: 'succeeded', providerRef: paid.providerRef };
    } finally {
      await unlink(aside);
    }
  }

  async query(businessNumber: string): Promise<QueryResult> {
    if (!/^[A-Za-z0-9]{1,32}$/.test(businessNumber)) return { status: 'not_found' };
    try {
      const paid = JSON.parse(await readFile(path.join(this.dir, `${businessNumber}.json`), 'utf8')) as ProviderRecord;
      return { status: 'succeeded', providerRef: paid.providerRef };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'not_found' };
      throw e;
    }
  }

  async records(): Promise<ProviderRecord[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    return Promise.all(names.filter((n) => n.endsWith('.json')).map(async (n) => JSON.parse(await readFile(path.join(this.dir, n), 'utf8')) as ProviderRecord));
  }
}
