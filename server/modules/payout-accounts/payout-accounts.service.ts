import { randomInt, timingSafeEqual } from 'node:crypto';
import type { App } from '../../core/app';
import { now } from '../../core/clock';
import { actorOf, type RequestContext } from '../../core/context';
import { maskAccount, maskMobile, maskName } from '../../core/crypto/masking';
import { badInput, notFound, type AppError } from '../../core/errors';
import { isId } from '../../core/ids';
import { target } from '../../core/abilities';
import { readRepo, transaction, type Tx } from '../../core/transaction';
import { notify, sendSms } from '../notifications/notifications.service';
import type { PayoutAccount } from './payout-account.entity';
import { namesMatch, normaliseAlipayLogin, tidyPayeeName } from './payout-account.rules';
import { PayoutAccountErrors } from './payout-accounts.errors';
import { changeCodeSms, changedNotice } from './payout-accounts.notifications';
import { PayoutAccountsRepository } from './payout-accounts.repository';
import type { ConfirmPayoutAccountChangeInput, PayoutAccountView, RequestPayoutAccountChangeInput } from './payout-accounts.types';

/** Rules of a change (issue 13): code valid 10 minutes, 5 wrong codes void it, 5 codes an hour, payouts held 24 hours after a change. */
export const PAYOUT_ACCOUNT_RULES = { codeTtlMinutes: 10, maxAttempts: 5, maxCodesPerHour: 5, holdHours: 24 } as const;

const HOUR_MS = 3_600_000;

/** Why payouts to a store cannot go out now. */
export type PayoutHoldReason = 'no_account' | 'change_pending' | 'change_hold' | 'name_mismatch';

/**
 * Where a payout goes, as `payoutTarget` answers it: the encrypted Alipay login and payee name
 * (FieldCipher values, to decrypt only when calling the provider), or why the payout is held.
 */
export type PayoutTarget = { ok: true; alipayLoginEnc: string; payeeNameEnc: string } | { ok: false; reason: PayoutHoldReason; until?: Date };

/**
 * The store's Alipay payout account (issue 13; policy 2.3.5, 2.3.6). Only the store owner sets it
 * (`update PayoutAccount` comes from the owner-only store permission `finance.payoutAccount.manage`;
 * the service also refuses any actor that is not the merchant itself). A change is requested with
 * the new values, confirmed with a 6-digit code sent by SMS to the owner's mobile, and holds
 * payouts for 24 hours; the payee name must match the approved identity. Values are encrypted at
 * rest, masked in every view; every step and refusal is audited.
 */
export class PayoutAccountsService {
  constructor(private readonly app: App) {}

  private dec(v: string | null): string | null {
    return v ? this.app.cipher.decrypt(v) : null;
  }

  private codeHash(row: PayoutAccount, code: string): string {
    return this.app.cipher.blindIndex('payout-account-code', `${row.id}:${code}`);
  }

  private ownerStore(ctx: RequestContext): string {
    const actor = actorOf(ctx);
    if (actor.kind !== 'merchant' || !actor.storeId) throw PayoutAccountErrors.PAYOUT_ACCOUNT_OWNER_ONLY();
    return actor.storeId;
  }

  /** Whether `payeeName` matches the store's approved identity (individual: the real name; enterprise: the company name). False without an approved verification. */
  private async nameMatchesIdentity(repo: PayoutAccountsRepository, storeId: string, payeeName: string): Promise<boolean> {
    const v = await repo.verifiedNames(storeId);
    if (!v) return false;
    const verified = v.subjectType === 'enterprise' ? v.companyName : this.dec(v.realNameEnc);
    return namesMatch(payeeName, verified);
  }

  private livePending(row: PayoutAccount, at: Date): boolean {
    return !!row.pendingCodeHash && !!row.pendingExpiresAt && row.pendingExpiresAt > at;
  }

  /** The hold rules on a row, without the name check (which needs the database). */
  private holdOf(row: PayoutAccount | null, at: Date): { reason: PayoutHoldReason; until?: Date } | null {
    if (!row || row.status !== 'active' || !row.alipayLoginEnc || !row.payeeNameEnc) return { reason: 'no_account' };
    if (this.livePending(row, at)) return { reason: 'change_pending', until: row.pendingExpiresAt! };
    if (row.holdUntil && row.holdUntil > at) return { reason: 'change_hold', until: row.holdUntil };
    return null;
  }

  private async view(repo: PayoutAccountsRepository, storeId: string, row: PayoutAccount | null): Promise<PayoutAccountView> {
    const at = now(this.app);
    const login = row && this.dec(row.alipayLoginEnc);
    const payee = row && this.dec(row.payeeNameEnc);
    const nameMatches = payee ? await this.nameMatchesIdentity(repo, storeId, payee) : undefined;
    const hold = this.holdOf(row, at) ?? (nameMatches === false ? { reason: 'name_mismatch' as const } : null);
    let pending: PayoutAccountView['pending'];
    if (row && this.livePending(row, at)) {
      const owner = await repo.ownerOf(storeId);
      pending = {
        alipayLogin: maskAccount(this.dec(row.pendingAlipayLoginEnc)!),
        payeeName: maskName(this.dec(row.pendingPayeeNameEnc)!),
        requestedAt: row.pendingRequestedAt!,
        expiresAt: row.pendingExpiresAt!,
        attemptsLeft: PAYOUT_ACCOUNT_RULES.maxAttempts - row.pendingAttempts,
        sentTo: owner?.mobileEnc ? maskMobile(this.app.cipher.decrypt(owner.mobileEnc)) : '',
      };
    }
    return {
      id: row?.id,
      storeId,
      status: row?.status ?? 'not_set',
      alipayLogin: login ? maskAccount(login) : undefined,
      payeeName: payee ? maskName(payee) : undefined,
      activatedAt: row?.activatedAt ?? undefined,
      holdUntil: row?.holdUntil ?? undefined,
      nameMatches,
      payoutHold: hold?.reason,
      payoutHoldUntil: hold?.until,
      pending,
      version: row?.rowVersion ?? 0,
    };
  }

  /** The actor's own store's payout account (the owner), masked. */
  async mine(ctx: RequestContext): Promise<PayoutAccountView> {
    const storeId = this.ownerStore(ctx);
    const repo = readRepo(this.app, PayoutAccountsRepository);
    return this.view(repo, storeId, await repo.find(storeId));
  }

  /**
   * One store's payout account, masked (finance staff; the owner for its own store).
   * @throws NOT_FOUND for an unknown store, or (merchants) another store's; FORBIDDEN for staff without the right.
   */
  async ofStore(ctx: RequestContext, storeId: string): Promise<PayoutAccountView> {
    if (!isId(storeId)) throw notFound('Store');
    const repo = readRepo(this.app, PayoutAccountsRepository);
    if (!ctx.ability.can('read', target('PayoutAccount', { storeId }))) throw notFound('Payout account');
    if (!(await repo.storeExists(storeId))) throw notFound('Store');
    return this.view(repo, storeId, await repo.find(storeId));
  }

  /**
   * The owner asks to set or change the payout account. The new values are kept (encrypted) as the
   * pending change and a 6-digit code goes by SMS to the owner's mobile (valid 10 minutes; a new
   * request replaces the previous code; at most 5 codes an hour). Nothing changes until
   * `confirmChange`.
   * @throws FORBIDDEN `PAYOUT_ACCOUNT_OWNER_ONLY`; BAD_USER_INPUT naming `input.alipayLogin` /
   *         `input.payeeName`; CONFLICT `PAYOUT_OWNER_NO_MOBILE`; TOO_MANY_REQUESTS `PAYOUT_CODE_LIMIT`
   *         (`retryAfterSeconds`).
   */
  async requestChange(ctx: RequestContext, input: RequestPayoutAccountChangeInput): Promise<PayoutAccountView> {
    const storeId = this.ownerStore(ctx);
    const login = normaliseAlipayLogin(input.alipayLogin);
    const payee = tidyPayeeName(input.payeeName);
    const problems = [
      ...(login ? [] : [{ field: 'input.alipayLogin', message: 'must be a mainland mobile number or an e-mail address' }]),
      ...(payee ? [] : [{ field: 'input.payeeName', message: 'must be 1-50 characters' }]),
    ];
    if (problems.length) throw badInput(problems);
    const at = now(this.app);
    return transaction(ctx, async (tx) => {
      const repo = tx.repo(PayoutAccountsRepository);
      const owner = await repo.ownerOf(storeId);
      if (!owner) throw notFound('Store');
      if (!owner.mobileEnc) throw PayoutAccountErrors.PAYOUT_OWNER_NO_MOBILE();
      const row = await repo.lockOrCreate(storeId);
      if (!row.codeWindowStart || at.getTime() - row.codeWindowStart.getTime() >= HOUR_MS) {
        row.codeWindowStart = at;
        row.codeSends = 0;
      }
      if (row.codeSends >= PAYOUT_ACCOUNT_RULES.maxCodesPerHour) {
        const retry = Math.ceil((row.codeWindowStart.getTime() + HOUR_MS - at.getTime()) / 1000);
        throw PayoutAccountErrors.PAYOUT_CODE_LIMIT(undefined, { retryAfterSeconds: retry });
      }
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      row.pendingAlipayLoginEnc = this.app.cipher.encrypt(login!);
      row.pendingPayeeNameEnc = this.app.cipher.encrypt(payee!);
      row.pendingCodeHash = this.codeHash(row, code);
      row.pendingExpiresAt = new Date(at.getTime() + PAYOUT_ACCOUNT_RULES.codeTtlMinutes * 60_000);
      row.pendingAttempts = 0;
      row.pendingRequestedBy = actorOf(ctx).accountId;
      row.pendingRequestedAt = at;
      row.codeSends += 1;
      const saved = await repo.save(row);
      await sendSms(tx, owner.mobileEnc, changeCodeSms(code, PAYOUT_ACCOUNT_RULES.codeTtlMinutes));
      tx.audit({
        action: 'payoutAccount.requestChange',
        targetType: 'PayoutAccount',
        targetId: saved.id,
        storeId,
        after: { alipayLogin: maskAccount(login!), payeeName: maskName(payee!), expiresAt: saved.pendingExpiresAt!.toISOString(), codeSends: saved.codeSends },
      });
      return this.view(repo, storeId, saved);
    });
  }

  /**
   * The owner confirms the pending change with the code: the new values become the account, payouts
   * are held for 24 hours (`holdUntil`, UTC), the payee name is checked against the approved
   * identity, and the owner is notified (inbox and SMS). Of parallel confirmations exactly one
   * applies (the row is locked); the others find no pending change. A wrong code is counted and
   * committed with the refusal; the 5th voids the change.
   * @throws FORBIDDEN `PAYOUT_ACCOUNT_OWNER_ONLY`; CONFLICT `PAYOUT_NO_PENDING_CHANGE`,
   *         `PAYOUT_CODE_EXPIRED`, `PAYOUT_CHANGE_VOIDED`; BAD_USER_INPUT `PAYOUT_CODE_WRONG`
   *         (`attemptsLeft`, field `input.code`).
   */
  async confirmChange(ctx: RequestContext, input: ConfirmPayoutAccountChangeInput): Promise<PayoutAccountView> {
    const storeId = this.ownerStore(ctx);
    const at = now(this.app);
    let refusal: AppError | undefined;
    const result = await transaction(ctx, async (tx) => {
      const repo = tx.repo(PayoutAccountsRepository);
      const row = await repo.lock(storeId);
      if (!row?.pendingCodeHash || !row.pendingExpiresAt) throw PayoutAccountErrors.PAYOUT_NO_PENDING_CHANGE();
      const event = { action: 'payoutAccount.confirmChange', targetType: 'PayoutAccount', targetId: row.id, storeId };
      if (row.pendingExpiresAt <= at) {
        tx.audit({ ...event, outcome: 'failed', after: { reason: 'expired' } });
        refusal = PayoutAccountErrors.PAYOUT_CODE_EXPIRED();
        return null;
      }
      const given = Buffer.from(this.codeHash(row, input.code), 'hex');
      const expected = Buffer.from(row.pendingCodeHash, 'hex');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        row.pendingAttempts += 1;
        const left = PAYOUT_ACCOUNT_RULES.maxAttempts - row.pendingAttempts;
        if (left <= 0) this.clearPending(row);
        await repo.save(row);
        tx.audit({ ...event, outcome: 'failed', after: { reason: 'wrong_code', attempt: PAYOUT_ACCOUNT_RULES.maxAttempts - left, voided: left <= 0 } });
        const message = `wrong code; ${left} attempt(s) left`;
        refusal =
          left <= 0 ? PayoutAccountErrors.PAYOUT_CHANGE_VOIDED() : PayoutAccountErrors.PAYOUT_CODE_WRONG(`input.code: ${message}`, { fields: [{ field: 'input.code', message }], attemptsLeft: left });
        return null;
      }
      const before = {
        alipayLogin: row.alipayLoginEnc ? maskAccount(this.dec(row.alipayLoginEnc)!) : null,
        payeeName: row.payeeNameEnc ? maskName(this.dec(row.payeeNameEnc)!) : null,
        status: row.status,
      };
      const login = this.dec(row.pendingAlipayLoginEnc)!;
      const payee = this.dec(row.pendingPayeeNameEnc)!;
      const matches = await this.nameMatchesIdentity(repo, storeId, payee);
      row.alipayLoginEnc = row.pendingAlipayLoginEnc;
      row.payeeNameEnc = row.pendingPayeeNameEnc;
      row.status = 'active';
      row.activatedAt = at;
      row.holdUntil = new Date(at.getTime() + PAYOUT_ACCOUNT_RULES.holdHours * HOUR_MS);
      row.nameMatches = matches;
      row.nameCheckedAt = at;
      this.clearPending(row);
      const saved = await repo.save(row);
      const owner = (await repo.ownerOf(storeId))!;
      await notify(tx, { accountId: owner.accountId, kind: 'security', link: '/payout-account', ...changedNotice(saved.holdUntil!, maskAccount(login)) });
      tx.audit({
        ...event,
        before,
        after: { alipayLogin: maskAccount(login), payeeName: maskName(payee), status: 'active', holdUntil: saved.holdUntil!.toISOString(), nameMatches: matches },
      });
      return this.view(repo, storeId, saved);
    });
    if (refusal) throw refusal;
    return result!;
  }

  /** The owner drops the pending change (the code stops working). @throws FORBIDDEN `PAYOUT_ACCOUNT_OWNER_ONLY`; CONFLICT `PAYOUT_NO_PENDING_CHANGE`. */
  async cancelChange(ctx: RequestContext): Promise<PayoutAccountView> {
    const storeId = this.ownerStore(ctx);
    const at = now(this.app);
    return transaction(ctx, async (tx) => {
      const repo = tx.repo(PayoutAccountsRepository);
      const row = await repo.lock(storeId);
      if (!row || !this.livePending(row, at)) throw PayoutAccountErrors.PAYOUT_NO_PENDING_CHANGE();
      this.clearPending(row);
      const saved = await repo.save(row);
      tx.audit({ action: 'payoutAccount.cancelChange', targetType: 'PayoutAccount', targetId: row.id, storeId });
      return this.view(repo, storeId, saved);
    });
  }

  private clearPending(row: PayoutAccount): void {
    row.pendingAlipayLoginEnc = null;
    row.pendingPayeeNameEnc = null;
    row.pendingCodeHash = null;
    row.pendingExpiresAt = null;
    row.pendingRequestedBy = null;
    row.pendingRequestedAt = null;
  }

  /**
   * Where a payout to `storeId` goes at the instant `at` (UTC), for the payouts code, inside its
   * transaction `tx` (reads only, except that a changed name-check result is recorded on the row).
   *
   * Returns `{ ok: true, alipayLoginEnc, payeeNameEnc }` (FieldCipher-encrypted values; decrypt
   * with `app.cipher.decrypt` only to call the provider, never log them), or
   * `{ ok: false, reason, until? }`, checked in this order:
   * - `no_account`: no confirmed payout account;
   * - `change_pending`: a change waits for its code (`until`: when that code expires; the change may
   *   still be confirmed, which then starts a 24-hour hold);
   * - `change_hold`: a change was confirmed less than 24 hours ago (`until`: `holdUntil`);
   * - `name_mismatch`: the payee name does not match the store's approved identity (re-checked
   *   against the current verification on every call: individual real name, enterprise company
   *   name; no approved verification counts as a mismatch). No `until`: it clears when the owner
   *   changes the account or the verification changes.
   */
  async payoutTarget(tx: Tx, storeId: string, at: Date): Promise<PayoutTarget> {
    const repo = tx.repo(PayoutAccountsRepository);
    const row = await repo.find(storeId);
    const hold = this.holdOf(row, at);
    if (hold) return { ok: false, ...hold };
    const matches = await this.nameMatchesIdentity(repo, storeId, this.dec(row!.payeeNameEnc)!);
    if (matches !== row!.nameMatches) await repo.setNameCheck(row!.id, matches, at);
    if (!matches) return { ok: false, reason: 'name_mismatch' };
    return { ok: true, alipayLoginEnc: row!.alipayLoginEnc!, payeeNameEnc: row!.payeeNameEnc! };
  }
}
