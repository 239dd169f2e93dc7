import type { App } from '../../core/app';
import { actorOf, type RequestContext } from '../../core/context';
import { fieldRefusal } from '../../core/errors';
import { isId } from '../../core/ids';
import { readRepo, type Tx } from '../../core/transaction';
import { fieldsBeyond, groundFits } from '../../../rules/data-sharing/grounds';
import { DataSharingErrors } from './data-sharing.errors';
import type { ShareCause } from './data-sharing-entry.entity';
import { DataSharingRepository, type EntryRow } from './data-sharing.repository';
import type { DataRecipientView, DataSharingListArgs } from './data-sharing.types';
import type { Page } from '../../core/pagination';

/** What a module records when it sends a merchant's personal data to a third party. */
export interface ShareInput {
  /** A key of the managed recipient list (`alipay`, `buyer`, ...). */
  recipientKey: string;
  storeId: string;
  /** The person whose data left, when not the store's owner. */
  accountId?: string;
  purpose: string;
  /** `4.1a` ... `4.4g`; must fit the recipient's kind. */
  legalGround: string;
  /** Field names sent; each must be in the recipient's minimum set. */
  fields: string[];
  cause: { kind: ShareCause; id: string };
  actorAccountId?: string;
}

/**
 * The data-sharing register (policy 4.1, 4.4, 2.3.5, 2.7.2): the one write path every module that
 * shares a merchant's data calls inside its own transaction, and the register's reads.
 */
export class DataSharingService {
  constructor(private readonly app: App) {}

  /**
   * Records one share in the caller's transaction (so a refused share rolls the caller back too).
   * @throws UNKNOWN_RECIPIENT, GROUND_NOT_FIT, FIELDS_BEYOND_MINIMUM (BAD_USER_INPUT)
   */
  async record(tx: Tx, input: ShareInput): Promise<{ id: string }> {
    const repo = tx.repo(DataSharingRepository);
    const recipient = await repo.recipientByKey(input.recipientKey);
    if (!recipient) throw fieldRefusal(DataSharingErrors.UNKNOWN_RECIPIENT, 'recipientKey');
    if (!groundFits(recipient.kind, input.legalGround)) throw fieldRefusal(DataSharingErrors.GROUND_NOT_FIT, 'legalGround');
    const beyond = fieldsBeyond(recipient.minimumFields, input.fields);
    if (beyond.length || !input.fields.length) throw fieldRefusal(DataSharingErrors.FIELDS_BEYOND_MINIMUM, 'fields');
    const entry = await repo.insert({
      recipientId: recipient.id,
      storeId: input.storeId,
      accountId: input.accountId ?? null,
      purpose: input.purpose,
      legalGround: input.legalGround,
      fields: [...new Set(input.fields)],
      causeKind: input.cause.kind,
      causeId: input.cause.id,
      actorAccountId: input.actorAccountId ?? null,
    });
    return { id: entry.id };
  }

  /** The managed list of recipients. */
  async recipients(): Promise<DataRecipientView[]> {
    return (await readRepo(this.app, DataSharingRepository).recipients()).map(({ key, name, kind, deletionContact, minimumFields }) => ({ key, name, kind, deletionContact, minimumFields }));
  }

  /**
   * A page of the register, newest first. A merchant sees only its store's entries (a `storeId` in
   * its filter is ignored); staff search every store. A malformed id matches nothing.
   */
  search(ctx: RequestContext, args: DataSharingListArgs): Promise<Page<EntryRow>> {
    const f = args.filter ?? {};
    // The rows come from the ability (repository); the store filter is a staff tool.
    const storeId = actorOf(ctx).kind === 'staff' ? f.storeId : undefined;
    if (storeId !== undefined && !isId(storeId)) return Promise.resolve({ items: [], totalCount: 0, totalCountExact: true });
    return readRepo(this.app, DataSharingRepository).search(ctx.ability, { ...f, storeId }, args);
  }
}
