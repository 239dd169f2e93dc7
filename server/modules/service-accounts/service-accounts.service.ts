import { randomBytes } from 'node:crypto';
import type { Actor } from '../../core/abilities';
import type { App } from '../../core/app';
import { actorOf, type RequestContext } from '../../core/context';
import { alreadyExists, fieldRefusal, isUniqueViolation, notFound } from '../../core/errors';
import { isId } from '../../core/ids';
import type { Page, PageRequest } from '../../core/pagination';
import { mapPage } from '../../core/pagination';
import { readRepo, transaction, type Tx } from '../../core/transaction';
import { API_KEY_PREFIX, API_KEY_SHOWN_CHARS, isServiceScope, SERVICE_ACCOUNT_NAME_LENGTH, SERVICE_SCOPES, type ServiceScope } from '../../../rules/service-accounts/scopes';
import { hashToken } from '../accounts/accounts.repository';
import { ServiceAccountErrors } from './service-accounts.errors';
import { ServiceAccountsRepository, type ServiceAccountRow } from './service-accounts.repository';
import type { IssuedServiceAccountKey, ServiceAccountView } from './service-accounts.types';

/** A well-formed key: the prefix and 32 random bytes in base64url (43 characters). */
const KEY_FORMAT = /^mcsk_[A-Za-z0-9_-]{43}$/;
/** How often a key's last use is written, at most (ms). */
const TOUCH_EVERY_MS = 60_000;

/** A new random API key (`mcsk_` + 256 random bits, base64url). */
const newKey = () => `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;

function view(r: ServiceAccountRow): ServiceAccountView {
  return {
    id: r.id,
    name: r.name,
    loginName: r.loginName,
    scopes: r.scopes ?? [],
    status: r.accountStatus !== 'active' ? 'disabled' : r.keyId && !r.revokedAt ? 'active' : 'revoked',
    keyPrefix: r.keyPrefix ?? undefined,
    keyCreatedAt: r.keyCreatedAt ?? undefined,
    keyCreatedBy: r.keyCreatedByLogin ?? undefined,
    lastUsedAt: r.lastUsedAt ?? undefined,
    revokedAt: r.revokedAt ?? undefined,
    createdAt: r.createdAt,
  };
}

/**
 * Service accounts: machine credentials of integrations (issue 12: the after-sales system opens
 * disputes). An `admin` creates one with a scoped API key, shown once and stored as its SHA-256;
 * the key is revocable and rotatable, its last use recorded to the minute. The account is an
 * `account` row of kind `service`: no password (sign-in by password is refused), no roles, no
 * store; its only rights are those modules grant to its key's scopes (`hasScope`).
 */
export class ServiceAccountsService {
  constructor(private readonly app: App) {}

  private get read(): ServiceAccountsRepository {
    return readRepo(this.app, ServiceAccountsRepository);
  }

  /**
   * The actor of an API key (`mcsk_...`), or null when it is malformed, unknown, revoked or its
   * account is not active: `{ kind: 'service', roles: [], scopes, sessionId: 'key:<id>' }`. Read
   * from the database on every request (one indexed look-up), so a revocation applies to the very
   * next request; the key's last use is written at most once a minute.
   */
  async authenticate(token: string): Promise<Actor | null> {
    if (!KEY_FORMAT.test(token)) return null;
    const read = this.read;
    const found = await read.actorForKey(hashToken(token));
    if (!found) return null;
    if (!found.lastUsedAt || Date.now() - found.lastUsedAt.getTime() >= TOUCH_EVERY_MS) await read.touchKey(found.keyId);
    return { accountId: found.accountId, kind: 'service', loginName: found.loginName, roles: [], scopes: [...found.scopes], sessionId: `key:${found.keyId}` };
  }

  /** A page of service accounts, newest first (sort fields `name`, `createdAt`). */
  async list(_ctx: RequestContext, req: PageRequest): Promise<Page<ServiceAccountView>> {
    return mapPage(await this.read.list(req), view);
  }

  /**
   * Creates a service account named `name` with an API key holding `scopes`, in one transaction,
   * audited (`serviceAccount.create`: name, login name, scopes, the key's id and prefix; never the key).
   * @returns the account and the key, shown this once.
   * @throws BAD_USER_INPUT SERVICE_ACCOUNT_NAME_LENGTH (`input.name`), NO_SCOPE / UNKNOWN_SCOPE (`input.scopes`);
   *         CONFLICT ALREADY_EXISTS when another service account has the name (case-insensitive).
   */
  async create(ctx: RequestContext, input: { name: string; scopes: string[] }): Promise<IssuedServiceAccountKey> {
    const actor = actorOf(ctx);
    const name = input.name.trim();
    if (name.length < SERVICE_ACCOUNT_NAME_LENGTH.min || name.length > SERVICE_ACCOUNT_NAME_LENGTH.max) throw fieldRefusal(ServiceAccountErrors.SERVICE_ACCOUNT_NAME_LENGTH, 'input.name');
    const scopes = checkScopes(input.scopes);
    try {
      return await transaction(ctx, async (tx) => {
        const repo = tx.repo(ServiceAccountsRepository);
        // Two admins creating the same name at once: the second waits, then sees the first.
        await tx.lock(`service-account-name:${name.toLowerCase()}`);
        if (await repo.nameTaken(name)) throw alreadyExists('Another service account has this name');
        let loginName = `svc-${randomBytes(6).toString('hex')}`;
        while (await repo.loginTaken(loginName)) loginName = `svc-${randomBytes(6).toString('hex')}`;
        const id = await repo.insertAccount({ name, loginName });
        const issued = await this.issue(tx, id, scopes, actor);
        tx.audit({ action: 'serviceAccount.create', targetType: 'ServiceAccount', targetId: id, after: { name, loginName, scopes, keyId: issued.keyId, keyPrefix: issued.prefix } });
        return { serviceAccount: await this.viewIn(tx, id), apiKey: issued.key };
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw alreadyExists('Another service account has this name');
      throw e;
    }
  }

  /**
   * Revokes the service account's active key: requests with it are unauthenticated from the next
   * one on. Audited (`serviceAccount.revokeKey`: key id and prefix).
   * @throws NOT_FOUND (no such service account); CONFLICT KEY_ALREADY_REVOKED (no active key).
   */
  async revokeKey(ctx: RequestContext, id: string): Promise<ServiceAccountView> {
    const actor = actorOf(ctx);
    if (!isId(id)) throw notFound('Service account');
    return transaction(ctx, async (tx) => {
      const repo = tx.repo(ServiceAccountsRepository);
      if (!(await repo.lockServiceAccount(id))) throw notFound('Service account');
      const revoked = await repo.revokeActiveKey(id, actor.accountId);
      if (!revoked) throw ServiceAccountErrors.KEY_ALREADY_REVOKED();
      tx.audit({ action: 'serviceAccount.revokeKey', targetType: 'ServiceAccount', targetId: id, after: { keyId: revoked.id, keyPrefix: revoked.prefix } });
      return this.viewIn(tx, id);
    });
  }

  /**
   * Issues a new key with the scopes of the latest one and revokes the active one (if any), in one
   * transaction: the old key stops working when the new one is returned. Audited
   * (`serviceAccount.rotateKey`: revoked and new key ids and prefixes).
   * @throws NOT_FOUND; CONFLICT SERVICE_ACCOUNT_DISABLED.
   */
  async rotateKey(ctx: RequestContext, id: string): Promise<IssuedServiceAccountKey> {
    const actor = actorOf(ctx);
    if (!isId(id)) throw notFound('Service account');
    return transaction(ctx, async (tx) => {
      const repo = tx.repo(ServiceAccountsRepository);
      const account = await repo.lockServiceAccount(id);
      const latest = account && (await repo.latestKey(id));
      if (!account || !latest) throw notFound('Service account');
      if (account.status !== 'active') throw ServiceAccountErrors.SERVICE_ACCOUNT_DISABLED();
      // Scopes no longer in the fixed list are dropped (a scope may be retired from the code).
      const scopes = latest.scopes.filter(isServiceScope);
      if (!scopes.length) throw ServiceAccountErrors.NO_SCOPE('the current key holds no scope that still exists; create a new service account');
      const revoked = await repo.revokeActiveKey(id, actor.accountId);
      const issued = await this.issue(tx, id, scopes, actor);
      tx.audit({
        action: 'serviceAccount.rotateKey',
        targetType: 'ServiceAccount',
        targetId: id,
        before: revoked ? { keyId: revoked.id, keyPrefix: revoked.prefix } : null,
        after: { keyId: issued.keyId, keyPrefix: issued.prefix, scopes },
      });
      return { serviceAccount: await this.viewIn(tx, id), apiKey: issued.key };
    });
  }

  private async issue(tx: Tx, accountId: string, scopes: ServiceScope[], actor: Actor): Promise<{ key: string; keyId: string; prefix: string }> {
    const key = newKey();
    const prefix = key.slice(0, API_KEY_SHOWN_CHARS);
    const k = await tx.repo(ServiceAccountsRepository).insertKey({ accountId, prefix, keyHash: hashToken(key), scopes, createdBy: actor.accountId });
    return { key, keyId: k.id, prefix };
  }

  private async viewIn(tx: Tx, id: string): Promise<ServiceAccountView> {
    const row = await tx.repo(ServiceAccountsRepository).findRow(id);
    if (!row) throw notFound('Service account');
    return view(row);
  }
}

/** The requested scopes, deduplicated. @throws BAD_USER_INPUT NO_SCOPE / UNKNOWN_SCOPE naming `input.scopes`. */
function checkScopes(scopes: string[]): ServiceScope[] {
  const unique = [...new Set(scopes)];
  if (!unique.length) throw fieldRefusal(ServiceAccountErrors.NO_SCOPE, 'input.scopes');
  if (!unique.every(isServiceScope)) throw fieldRefusal(ServiceAccountErrors.UNKNOWN_SCOPE, 'input.scopes', `unknown scope; scopes: ${SERVICE_SCOPES.join(', ')}`);
  return unique as ServiceScope[];
}
