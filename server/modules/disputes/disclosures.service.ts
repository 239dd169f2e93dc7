import { createHash, randomBytes, randomInt } from 'node:crypto';
import { groundFits } from '../../../rules/data-sharing/grounds';
import { approvedSubset, REGISTER_FIELD, type DisclosureField } from '../../../rules/disputes/disputes';
import type { App } from '../../core/app';
import { now } from '../../core/clock';
import { maskMobile, maskName } from '../../core/crypto/masking';
import { actorOf, systemContext, type RequestContext } from '../../core/context';
import { fieldRefusal, isUniqueViolation, notFound } from '../../core/errors';
import { isId } from '../../core/ids';
import { applyAction } from '../../core/state-machine';
import { auditNow, readRepo, transaction, type Tx } from '../../core/transaction';
import { DataSharingErrors } from '../data-sharing/data-sharing.errors';
import { notify, sendSms } from '../notifications/notifications.service';
import { servicesOf } from '../services';
import type { DisputeDisclosure } from './dispute-disclosure.entity';
import { DisputeErrors } from './disputes.errors';
import { DISCLOSURE_MACHINE } from './disputes.machine';
import { buyerSms, disclosedToBuyer } from './disputes.notifications';
import { DisputesRepository, type IdentityColumns } from './disputes.repository';
import type { DecideDisclosureInput, DisclosedIdentity, DisclosureCodeSent, DisputeView, RequestDisclosureInput } from './disputes.types';

/** A one-time code lives 10 minutes; a new one at most once a minute, 5 per link; 5 wrong tries void a code. */
const CODE_MS = 10 * 60_000;
const CODE_INTERVAL_MS = 60_000;
const MAX_CODES = 5;
const MAX_CODE_FAILURES = 5;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * The disclosure of a merchant's identity to a buyer in a dispute (policy 4.1 i): the narrowest
 * path in the console. Support records the buyer's request; a second person (ops_lead or legal,
 * never the requester) approves some or all of the fields, or refuses. On approval, in one
 * transaction: the approved values are copied into an encrypted package, the data-sharing register
 * gets its entry, the merchant is told (inbox and SMS) and the buyer gets a one-time link by SMS.
 * The buyer's page asks for a code sent to the same mobile and shows exactly the approved fields,
 * for a limited time and number of views, each audited; then the link is dead and the package erased.
 * No other path reveals these values for this purpose.
 */
export class DisclosuresService {
  constructor(private readonly app: App) {}

  private disputeView(ctx: RequestContext, disputeId: string): Promise<DisputeView> {
    return servicesOf(this.app).disputes.get(ctx, disputeId);
  }

  /**
   * Records a buyer's request (support). @throws NOT_FOUND; CONFLICT `DISPUTE_FINISHED`,
   * `DISCLOSURE_PENDING`, `DISCLOSURE_NO_IDENTITY`; BAD_USER_INPUT `GROUND_NOT_FIT` (`input.legalGround`).
   */
  async request(ctx: RequestContext, input: RequestDisclosureInput): Promise<DisputeView> {
    const actor = actorOf(ctx);
    if (!groundFits('buyer', input.legalGround)) throw fieldRefusal(DataSharingErrors.GROUND_NOT_FIT, 'input.legalGround');
    await transaction(ctx, async (tx) => {
      const repo = tx.repo(DisputesRepository);
      const d = isId(input.disputeId) && (await repo.findAccessible(ctx.ability, input.disputeId)) ? await repo.lock(input.disputeId) : null;
      if (!d) throw notFound('Dispute');
      if (d.status === 'closed' || d.status === 'withdrawn') throw DisputeErrors.DISPUTE_FINISHED();
      if (!(await repo.identityOf(d.storeId))) throw DisputeErrors.DISCLOSURE_NO_IDENTITY();
      const fields = [...new Set(input.fields)];
      let x: DisputeDisclosure;
      try {
        x = await repo.insertDisclosure({
          disputeId: d.id,
          storeId: d.storeId,
          requestedFields: fields,
          legalGround: input.legalGround,
          reason: input.reason,
          requestedBy: actor.accountId,
          status: 'requested',
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw DisputeErrors.DISCLOSURE_PENDING();
        throw e;
      }
      await repo.appendHistory({
        disputeId: d.id,
        disclosureId: x.id,
        subject: 'disclosure',
        action: 'request',
        toStatus: 'requested',
        actorAccountId: actor.accountId,
        actorKind: actor.kind,
        reason: input.reason,
      });
      tx.audit({ action: 'disputeDisclosure.request', targetType: 'DisputeDisclosure', targetId: x.id, storeId: d.storeId, after: { disputeId: d.id, fields, legalGround: input.legalGround } });
    });
    return this.disputeView(ctx, input.disputeId);
  }

  /**
   * Approves (some or all of the requested fields) or refuses a request: ops_lead or legal, never
   * the requester. Concurrent decisions: one wins, the other CONFLICT.
   * @throws FORBIDDEN `DISCLOSURE_OWN_REQUEST` (audited as denied); BAD_USER_INPUT
   *   `DISCLOSURE_FIELDS_WIDENED` (`input.fields`); CONFLICT `DISCLOSURE_NO_IDENTITY`,
   *   `STALE_VERSION` | `INVALID_TRANSITION`; NOT_FOUND.
   */
  async decide(ctx: RequestContext, input: DecideDisclosureInput): Promise<DisputeView> {
    const actor = actorOf(ctx);
    const at = now(this.app);
    const disputeId = await transaction(ctx, async (tx) => {
      const repo = tx.repo(DisputesRepository);
      const x = isId(input.id) ? await repo.lockDisclosure(input.id) : null;
      if (!x) throw notFound('Disclosure');
      if (x.requestedBy === actor.accountId) {
        await auditNow(ctx, { action: 'disputeDisclosure.approve', outcome: 'denied', targetType: 'DisputeDisclosure', targetId: x.id, storeId: x.storeId, after: { reason: 'own request' } });
        throw DisputeErrors.DISCLOSURE_OWN_REQUEST();
      }
      const d = (await repo.lock(x.disputeId))!;
      const decided = { decidedBy: actor.accountId, decidedAt: at, decisionReason: input.reason };
      const history = { disputeId: d.id, subject: 'disclosure' };
      if (!input.approve) {
        await applyAction(tx, DISCLOSURE_MACHINE, x, 'refuse', { expectedVersion: input.version, set: decided, reason: input.reason, storeId: d.storeId, history });
        return d.id;
      }
      const fields = input.fields ? [...new Set(input.fields)] : x.requestedFields;
      if (!approvedSubset(x.requestedFields, fields)) throw fieldRefusal(DisputeErrors.DISCLOSURE_FIELDS_WIDENED, 'input.fields');
      const identity = await repo.identityOf(d.storeId);
      if (!identity) throw DisputeErrors.DISCLOSURE_NO_IDENTITY();
      const token = randomBytes(32).toString('base64url');
      const { disclosureHours, disclosureMaxViews } = this.app.config.disputes;
      await applyAction(tx, DISCLOSURE_MACHINE, x, 'approve', {
        expectedVersion: input.version,
        set: {
          ...decided,
          approvedFields: fields,
          packageEnc: this.app.cipher.encrypt(JSON.stringify(this.package(identity, fields as DisclosureField[]))),
          tokenHash: sha256(token),
          expiresAt: new Date(at.getTime() + disclosureHours * 3600_000),
          maxViews: disclosureMaxViews,
        },
        reason: input.reason,
        storeId: d.storeId,
        history,
        audit: { after: { status: 'approved', fields, expiresInHours: disclosureHours, maxViews: disclosureMaxViews } },
      });
      await servicesOf(this.app).dataSharing.record(tx, {
        recipientKey: 'buyer',
        storeId: d.storeId,
        accountId: identity.merchant_account_id,
        purpose: `dispute ${d.id} (order ${d.orderNumber}): the buyer's request, approved`,
        legalGround: x.legalGround,
        fields: fields.map((f) => REGISTER_FIELD[f as DisclosureField]),
        cause: { kind: 'disclosure', id: x.id },
        actorAccountId: actor.accountId,
      });
      const buyer = `${maskName(this.app.cipher.decrypt(d.buyerNameEnc))} ${maskMobile(this.app.cipher.decrypt(d.buyerMobileEnc))}`;
      await notify(tx, disclosedToBuyer(identity.merchant_account_id, d, fields, buyer, input.reason));
      await sendSms(tx, d.buyerMobileEnc, buyerSms.link(d, `${this.app.config.publicUrl}/#/disclosure/${token}`, disclosureHours));
      return d.id;
    });
    return this.disputeView(ctx, disputeId);
  }

  /** The approved fields' values, decrypted from the store's approved identity (an enterprise: its name). */
  private package(identity: IdentityColumns, fields: DisclosureField[]): Partial<Record<DisclosureField, string>> {
    const dec = (v: string) => this.app.cipher.decrypt(v);
    const all: Record<DisclosureField, () => string> = {
      name: () => (identity.subject_type === 'enterprise' && identity.company_name ? identity.company_name : dec(identity.real_name_enc)),
      idNumber: () => dec(identity.id_number_enc),
      address: () => dec(identity.contact_address_enc),
      contact: () => dec(identity.contact_mobile_enc),
    };
    return Object.fromEntries(fields.map((f) => [f, all[f]()]));
  }

  // ================================================================ the buyer's page (public)

  /** The live disclosure of a link, locked, or null (unknown token, not approved, expired or used up). */
  private async live(tx: Tx, token: string): Promise<DisputeDisclosure | null> {
    if (!TOKEN.test(token)) return null;
    const x = await tx.repo(DisputesRepository).lockDisclosureByToken(sha256(token));
    return x && x.status === 'approved' && x.expiresAt && x.expiresAt > now(this.app) && x.viewCount < x.maxViews && x.packageEnc ? x : null;
  }

  /**
   * Sends a one-time code to the buyer's mobile for the link (public): at most one a minute and
   * MAX_CODES per link. @throws NOT_FOUND `DISCLOSURE_LINK_DEAD` (one answer for every dead or
   * unknown link); TOO_MANY_REQUESTS `DISCLOSURE_CODE_LIMIT`.
   */
  async sendCode(ctx: RequestContext, token: string): Promise<DisclosureCodeSent> {
    const at = now(this.app);
    return transaction(ctx, async (tx) => {
      const x = await this.live(tx, token);
      if (!x) throw DisputeErrors.DISCLOSURE_LINK_DEAD();
      if (x.codesSent >= MAX_CODES || (x.codeExpiresAt && x.codeExpiresAt.getTime() - CODE_MS + CODE_INTERVAL_MS > at.getTime())) throw DisputeErrors.DISCLOSURE_CODE_LIMIT();
      const d = (await tx.repo(DisputesRepository).lock(x.disputeId))!;
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const codeExpiresAt = new Date(at.getTime() + CODE_MS);
      await tx.repo(DisputesRepository).setCode(x.id, this.codeHash(x, code), codeExpiresAt);
      await sendSms(tx, d.buyerMobileEnc, buyerSms.code(code));
      tx.audit({ action: 'disputeDisclosure.sendCode', targetType: 'DisputeDisclosure', targetId: x.id, storeId: x.storeId, after: { codesSent: x.codesSent + 1 } });
      return { sentTo: maskMobile(this.app.cipher.decrypt(d.buyerMobileEnc)), codeExpiresAt };
    });
  }

  private codeHash(x: DisputeDisclosure, code: string): string {
    return this.app.cipher.blindIndex('disclosure-code', `${x.id}:${code}`);
  }

  /**
   * Shows the approved fields to the buyer (public) for a right code: each view counted (the row
   * locked: of concurrent views at most `maxViews` succeed) and audited; the last one closes the
   * link and erases the package. A wrong code counts (committed), and MAX_CODE_FAILURES void it.
   * @throws NOT_FOUND `DISCLOSURE_LINK_DEAD`; BAD_USER_INPUT `DISCLOSURE_CODE_WRONG`.
   */
  async view(ctx: RequestContext, token: string, code: string): Promise<DisclosedIdentity> {
    const at = now(this.app);
    const outcome = await transaction(ctx, async (tx) => {
      const x = await this.live(tx, token);
      if (!x) throw DisputeErrors.DISCLOSURE_LINK_DEAD();
      const repo = tx.repo(DisputesRepository);
      if (!x.codeHash || !x.codeExpiresAt || x.codeExpiresAt <= at || !/^\d{6}$/.test(code) || this.codeHash(x, code) !== x.codeHash) {
        // Committed with the refusal: guesses are counted.
        await repo.countCodeFailure(x.id, MAX_CODE_FAILURES);
        tx.audit({ action: 'disputeDisclosure.view', outcome: 'denied', targetType: 'DisputeDisclosure', targetId: x.id, storeId: x.storeId, after: { reason: 'wrong or expired code' } });
        return null;
      }
      const shown = JSON.parse(this.app.cipher.decrypt(x.packageEnc!)) as Partial<Record<DisclosureField, string>>;
      const views = x.viewCount + 1;
      await repo.countView(x.id);
      tx.audit({ action: 'disputeDisclosure.view', targetType: 'DisputeDisclosure', targetId: x.id, storeId: x.storeId, after: { view: views, of: x.maxViews, fields: Object.keys(shown) } });
      if (views >= x.maxViews) await this.close(tx, { ...x, viewCount: views }, 'view limit reached');
      return { ...shown, viewsLeft: x.maxViews - views, expiresAt: x.expiresAt! };
    });
    if (!outcome) throw DisputeErrors.DISCLOSURE_CODE_WRONG();
    return outcome;
  }

  /** Closes a link (expired or used up): the package is erased, the token stays hashed (dead). */
  private async close(tx: Tx, x: DisputeDisclosure, reason: string): Promise<void> {
    await applyAction(tx, DISCLOSURE_MACHINE, x, 'close', {
      set: { packageEnc: null, codeHash: null, closedAt: now(this.app) },
      reason,
      storeId: x.storeId,
      history: { disputeId: x.disputeId, subject: 'disclosure' },
    });
  }

  /** Job step: closes every approved link past its expiry. @returns how many. */
  async closeExpired(at: Date = now(this.app)): Promise<number> {
    const ctx = systemContext(this.app, 'job:dispute-deadlines');
    let n = 0;
    for (const id of await readRepo(this.app, DisputesRepository).expiredDisclosures(at, 1000)) {
      const closed = await transaction(ctx, async (tx) => {
        const x = await tx.repo(DisputesRepository).lockDisclosure(id);
        if (!x || x.status !== 'approved' || !x.expiresAt || x.expiresAt > at) return false;
        await this.close(tx, x, 'expired');
        return true;
      });
      if (closed) n++;
    }
    return n;
  }
}
