import { randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { normaliseMobile } from '../../../rules/identity/documents';
import type { Actor } from '../../core/abilities';
import type { App } from '../../core/app';
import { appendAuditEvents } from '../../core/audit/audit-writer';
import { actorOf, type RequestContext } from '../../core/context';
import { maskMobile } from '../../core/crypto/masking';
import { alreadyExists, badInput, notFound, tooManyRequests, type ErrorFactory } from '../../core/errors';
import { mapPage, type Page, type PageRequest } from '../../core/pagination';
import { auditNow, readRepo, transaction, type Tx } from '../../core/transaction';
import { AccountsRepository } from '../accounts/accounts.repository';
import { checkPasswordPolicy, hashPassword } from '../accounts/password';
import type { SubAccountInvitation } from './invitation.entity';
import type { StoreRole } from './store-role.entity';
import { checkGrantable, orConflict, refuse, storeOf } from './store-grants';
import { SubAccountErrors } from './sub-accounts.errors';
import { INVITATION_SMS_QUEUE } from './sub-accounts.jobs';
import { invitationSms } from './sub-accounts.notifications';
import { SubAccountsRepository } from './sub-accounts.repository';
import type { AcceptInvitationInput, AcceptInvitationResult, InvitationView, InviteSubAccountInput } from './sub-accounts.types';

/** Invitation rules (policy 2.3.4). */
export const INVITATION_RULES = { ttlMinutes: 15, maxAttempts: 5, maxSends: 5, maxPerStorePerHour: 30 } as const;

const PENDING_EXISTS = 'This mobile number has a pending invitation; resend or cancel it';

/**
 * Invitations of employees to become sub-accounts (policy 2.3.4): a one-time 6-digit code by SMS
 * (valid 15 minutes, 5 attempts, at most 5 sends, 30 invitations per store and hour), accepted
 * by the employee with a login name and password of their own. The owner's mobile is never
 * invited; the roles invited with must be within the inviter's own permissions; every step and
 * refusal is audited (refusals `denied`, wrong codes `failed`).
 */
export class InvitationsService {
  constructor(private readonly app: App) {}

  private view(i: SubAccountInvitation, roles: Map<string, StoreRole>): InvitationView {
    return {
      id: i.id,
      storeId: i.storeId,
      mobileMasked: maskMobile(this.app.cipher.decrypt(i.mobileEnc)),
      displayName: i.displayName,
      roles: i.roleIds.map(String).flatMap((id) => (roles.has(id) ? [{ id, name: roles.get(id)!.name }] : [])),
      status: i.status === 'pending' && i.expiresAt.getTime() <= Date.now() ? 'expired' : i.status,
      expiresAt: i.expiresAt,
      attempts: i.attempts,
      sendCount: i.sendCount,
      consentConfirmedAt: i.consentConfirmedAt,
      invitedBy: String(i.invitedBy),
      acceptedAccountId: i.acceptedAccountId ? String(i.acceptedAccountId) : undefined,
      acceptedAt: i.acceptedAt ?? undefined,
      createdAt: i.createdAt,
    };
  }

  private async rolesByIds(repo: SubAccountsRepository, storeId: string, ids: string[]): Promise<Map<string, StoreRole>> {
    return new Map((await repo.rolesOfStore(storeId, ids.map(String))).map((r) => [r.id, r]));
  }

  async listInvitations(ctx: RequestContext, filter: { status?: string } = {}, page: PageRequest): Promise<Page<InvitationView>> {
    const repo = readRepo(this.app, SubAccountsRepository);
    const res = await repo.listInvitations(ctx.ability, filter, page);
    const roles = await this.rolesByIds(
      repo,
      storeOf(ctx),
      res.items.flatMap((i) => i.roleIds),
    );
    return mapPage(res, (i) => this.view(i, roles));
  }

  private async queueCode(tx: Tx, inv: { id: string; mobileEnc: string; sendCount: number }, code: string, storeName: string): Promise<void> {
    const body = invitationSms({ storeName, code, ttlMinutes: INVITATION_RULES.ttlMinutes, publicUrl: this.app.config.publicUrl, invitationId: inv.id });
    await tx.enqueue(INVITATION_SMS_QUEUE, { messageId: `invitation-${inv.id}-${inv.sendCount}`, to: inv.mobileEnc, body: this.app.cipher.encrypt(body) });
  }

  private codeHash(invitationId: string, code: string): string {
    return this.app.cipher.blindIndex('invitation-code', `${invitationId}:${code}`);
  }

  private newCode(): string {
    return String(randomInt(0, 1_000_000)).padStart(6, '0');
  }

  /**
   * Invites an employee by mainland mobile number: a one-time 6-digit code goes out by SMS
   * (valid 15 minutes, 5 attempts). The inviter must confirm the employee's consent (recorded).
   * @throws FORBIDDEN (audited) `OWNER_MOBILE`, `OWNER_ONLY_PERMISSION`, `EXCEEDS_OWN_PERMISSIONS`;
   *         NOT_FOUND for a role of another store; CONFLICT `MOBILE_HAS_SUB_ACCOUNT`, or
   *         `ALREADY_EXISTS` for a pending invitation of the mobile; TOO_MANY_REQUESTS beyond 30
   *         invitations per store and hour.
   */
  async invite(ctx: RequestContext, input: InviteSubAccountInput): Promise<InvitationView> {
    const storeId = storeOf(ctx);
    const actor = actorOf(ctx);
    const read = readRepo(this.app, SubAccountsRepository);
    // The input was validated against MOBILE_PATTERN, so this is never null.
    const mobile = normaliseMobile(input.mobile)!;
    const mobileHash = this.app.cipher.blindIndex('mobile', mobile);
    const displayName = input.displayName.trim();
    if (!displayName) throw badInput('displayName must not be blank', 'displayName');
    const owner = await read.storeOwner(storeId);
    if (!owner) throw notFound('Store');
    const event = { action: 'subAccount.invite', targetType: 'SubAccountInvitation', after: { mobile: maskMobile(mobile) } };
    if (owner.mobileHash === mobileHash) await refuse(ctx, { ...event, reason: 'owner_mobile' }, SubAccountErrors.OWNER_MOBILE);
    const ids = [...new Set(input.roleIds)];
    const roles = await read.rolesOfStore(storeId, ids);
    if (roles.length !== ids.length) throw notFound('Store role');
    await checkGrantable(
      ctx,
      roles.flatMap((r) => r.permissions),
      { ...event, after: { ...event.after, roleIds: ids } },
    );
    if (await read.mobileIsSubAccount(storeId, mobileHash)) throw SubAccountErrors.MOBILE_HAS_SUB_ACCOUNT();
    const code = this.newCode();
    return transaction(ctx, async (tx) => {
      const repo = tx.repo(SubAccountsRepository);
      // SMS to third parties cost money and can annoy: a store sends a bounded number per hour.
      // Counted under the store's lock, so parallel invitations cannot overshoot the budget.
      await tx.lock(`invitation-budget:${storeId}`);
      if ((await repo.invitationsSince(storeId, 60)) >= INVITATION_RULES.maxPerStorePerHour) {
        throw tooManyRequests('Too many invitations from this store in the last hour; try again later', 3600);
      }
      // A pending invitation of the same mobile that has expired is closed; a live one blocks.
      if (await repo.hasLivePendingInvitation(storeId, mobileHash)) throw alreadyExists(PENDING_EXISTS);
      const id = randomUUID();
      const inv = await orConflict(
        () =>
          repo.saveInvitation({
            id,
            storeId,
            mobileEnc: this.app.cipher.encrypt(mobile),
            mobileHash,
            displayName,
            roleIds: ids,
            codeHash: this.codeHash(id, code),
            expiresAt: new Date(Date.now() + INVITATION_RULES.ttlMinutes * 60_000),
            attempts: 0,
            sendCount: 1,
            status: 'pending',
            consentConfirmedAt: new Date(),
            invitedBy: actor.accountId,
          }),
        PENDING_EXISTS,
      );
      await this.queueCode(tx, inv, code, owner.storeName);
      tx.audit({
        ...event,
        targetId: inv.id,
        storeId,
        after: { mobile: maskMobile(mobile), displayName, roleIds: ids, consentConfirmed: true, expiresAt: inv.expiresAt.toISOString() },
      });
      return this.view(inv, new Map(roles.map((r) => [r.id, r])));
    });
  }

  /**
   * Sends a new code (the old one stops working; attempts restart).
   * @throws NOT_FOUND; CONFLICT `INVITATION_NOT_PENDING`; TOO_MANY_REQUESTS after 5 sends.
   */
  async resend(ctx: RequestContext, id: string): Promise<InvitationView> {
    const storeId = storeOf(ctx);
    const owner = await readRepo(this.app, SubAccountsRepository).storeOwner(storeId);
    return transaction(ctx, async (tx) => {
      const repo = tx.repo(SubAccountsRepository);
      const inv = await repo.findInvitation(id, { storeId, lock: true });
      if (!inv) throw notFound('Invitation');
      if (inv.status !== 'pending') throw SubAccountErrors.INVITATION_NOT_PENDING(`This invitation is ${inv.status}`);
      if (inv.sendCount >= INVITATION_RULES.maxSends) throw tooManyRequests('This invitation was sent too many times; cancel it and invite again');
      const code = this.newCode();
      inv.codeHash = this.codeHash(inv.id, code);
      inv.expiresAt = new Date(Date.now() + INVITATION_RULES.ttlMinutes * 60_000);
      inv.attempts = 0;
      inv.sendCount += 1;
      const saved = await repo.saveInvitation(inv);
      await this.queueCode(tx, saved, code, owner?.storeName ?? '');
      tx.audit({
        action: 'subAccount.invitation.resend',
        targetType: 'SubAccountInvitation',
        targetId: inv.id,
        storeId,
        after: { sendCount: saved.sendCount, expiresAt: saved.expiresAt.toISOString() },
      });
      return this.view(saved, await this.rolesByIds(repo, storeId, saved.roleIds));
    });
  }

  /** Cancels a pending invitation. @throws NOT_FOUND; CONFLICT `INVITATION_NOT_PENDING`. */
  async cancel(ctx: RequestContext, id: string): Promise<InvitationView> {
    const storeId = storeOf(ctx);
    return transaction(ctx, async (tx) => {
      const repo = tx.repo(SubAccountsRepository);
      const inv = await repo.findInvitation(id, { storeId, lock: true });
      if (!inv) throw notFound('Invitation');
      if (inv.status !== 'pending') throw SubAccountErrors.INVITATION_NOT_PENDING(`This invitation is ${inv.status}`);
      inv.status = 'cancelled';
      const saved = await repo.saveInvitation(inv);
      tx.audit({ action: 'subAccount.invitation.cancel', targetType: 'SubAccountInvitation', targetId: inv.id, storeId, before: { status: 'pending' }, after: { status: 'cancelled' } });
      return this.view(saved, await this.rolesByIds(repo, storeId, saved.roleIds));
    });
  }

  /**
   * The employee accepts with the code from the SMS and chooses a login name and password; the
   * sub-account is created with the invitation's roles (those still existing). Every attempt
   * counts before the code is checked (on the pool, so the count survives a failed acceptance);
   * after 5 wrong codes the invitation is locked.
   * @throws NOT_FOUND (unknown invitation); CONFLICT `INVITATION_USED`, `INVITATION_CANCELLED`,
   *         `INVITATION_EXPIRED`, `INVITATION_NO_LONGER_VALID` (a parallel acceptance won),
   *         `LOGIN_TAKEN`, `MOBILE_HAS_SUB_ACCOUNT`; TOO_MANY_REQUESTS `INVITATION_LOCKED`;
   *         BAD_USER_INPUT `WRONG_CODE` naming `code`, or `input.password` for the password policy.
   */
  async accept(ctx: RequestContext, input: AcceptInvitationInput): Promise<AcceptInvitationResult> {
    const read = readRepo(this.app, SubAccountsRepository);
    const inv = await read.findInvitation(input.invitationId);
    if (!inv) throw notFound('Invitation');
    const event = { action: 'subAccount.invitation.accept', targetType: 'SubAccountInvitation', targetId: inv.id, storeId: inv.storeId };
    const fail = async (reason: string, extra: Record<string, unknown> = {}) => auditNow({ ...ctx, actor: undefined }, { ...event, outcome: 'failed', after: { reason, ...extra } });
    const closed = async (i: SubAccountInvitation): Promise<never> => {
      const [reason, error]: [string, ErrorFactory] =
        i.status === 'locked'
          ? ['locked', SubAccountErrors.INVITATION_LOCKED]
          : i.status === 'accepted'
            ? ['used', SubAccountErrors.INVITATION_USED]
            : i.status === 'cancelled'
              ? ['cancelled', SubAccountErrors.INVITATION_CANCELLED]
              : ['expired', SubAccountErrors.INVITATION_EXPIRED];
      await fail(reason);
      throw error();
    };
    if (inv.status !== 'pending' || inv.expiresAt.getTime() <= Date.now()) await closed(inv);
    const loginName = input.loginName;
    // Before the code attempt is counted, so a weak password does not use up the invitation.
    checkPasswordPolicy(input.password, { loginName, production: this.app.config.env === 'production' });
    if (await readRepo(this.app, AccountsRepository).loginTaken(loginName)) throw SubAccountErrors.LOGIN_TAKEN();
    const attempt = await read.reserveCodeAttempt(inv.id, INVITATION_RULES.maxAttempts);
    if (attempt === null) {
      const now = (await read.findInvitation(inv.id))!;
      if (now.status === 'pending' && now.expiresAt.getTime() > Date.now()) {
        await read.lockInvitation(inv.id);
        now.status = 'locked';
      }
      await closed(now);
    }
    const expected = Buffer.from(inv.codeHash, 'hex');
    const given = Buffer.from(this.codeHash(inv.id, input.code), 'hex');
    if (!timingSafeEqual(expected, given)) {
      const left = INVITATION_RULES.maxAttempts - attempt!;
      if (left <= 0) await read.lockInvitation(inv.id);
      await fail('wrong_code', { attempt, locked: left <= 0 });
      if (left <= 0) throw SubAccountErrors.INVITATION_LOCKED();
      const message = `wrong code; ${left} attempt(s) left`;
      throw SubAccountErrors.WRONG_CODE(`code: ${message}`, { fields: [{ field: 'code', message }], attemptsLeft: left });
    }
    const passwordHash = await hashPassword(input.password);
    return transaction({ ...ctx, actor: undefined }, async (tx) => {
      const repo = tx.repo(SubAccountsRepository);
      const locked = await repo.findInvitation(inv.id, { lock: true });
      if (!locked || locked.status !== 'pending' || locked.expiresAt.getTime() <= Date.now()) throw SubAccountErrors.INVITATION_NO_LONGER_VALID();
      if (await tx.repo(AccountsRepository).loginTaken(loginName)) throw SubAccountErrors.LOGIN_TAKEN();
      if (await repo.mobileIsSubAccount(locked.storeId, locked.mobileHash)) throw SubAccountErrors.MOBILE_HAS_SUB_ACCOUNT();
      const accountId = await orConflict(
        () =>
          repo.createSubAccount({
            storeId: locked.storeId,
            loginName,
            displayName: locked.displayName,
            passwordHash,
            mobileEnc: locked.mobileEnc,
            mobileHash: locked.mobileHash,
            invitationId: locked.id,
          }),
        'That login name is taken',
        SubAccountErrors.LOGIN_TAKEN,
      );
      const roles = await repo.rolesOfStore(locked.storeId, locked.roleIds.map(String));
      await repo.setRoles(
        accountId,
        roles.map((r) => r.id),
        String(locked.invitedBy),
      );
      locked.status = 'accepted';
      locked.acceptedAccountId = accountId;
      locked.acceptedAt = new Date();
      await repo.saveInvitation(locked);
      // Audited with the new sub-account as the actor, so its activity starts with its acceptance.
      const newActor: Actor = { accountId, kind: 'sub_account', loginName, roles: [], storeId: locked.storeId, sessionId: '' };
      const mobile = maskMobile(this.app.cipher.decrypt(locked.mobileEnc));
      await appendAuditEvents(tx.em, ctx.app, { ...ctx, actor: newActor }, [
        { ...event, after: { attempt, accountId } },
        {
          action: 'subAccount.create',
          targetType: 'SubAccount',
          targetId: accountId,
          storeId: locked.storeId,
          after: { loginName, mobile, roles: roles.map((r) => ({ id: r.id, name: r.name })), invitedBy: String(locked.invitedBy), consentConfirmedAt: locked.consentConfirmedAt.toISOString() },
        },
      ]);
      const owner = await repo.storeOwner(locked.storeId);
      return { accountId, loginName, storeName: owner?.storeName ?? '' };
    });
  }
}
