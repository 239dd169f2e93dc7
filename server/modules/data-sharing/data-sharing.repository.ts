import type { EntityManager } from 'typeorm';
import type { AppAbility } from '../../core/abilities';
import { andAccessible } from '../../core/abilities-sql';
import { pageInOneStatement, type Page, type PageRequest } from '../../core/pagination';
import { SqlWhere } from '../../core/sql';
import { DataSharingEntry } from './data-sharing-entry.entity';
import { DataSharingRecipient } from './data-sharing-recipient.entity';

/** A register filter: all optional. Times are UTC instants. */
export interface EntryFilter {
  storeId?: string;
  recipientKey?: string;
  legalGround?: string;
  from?: Date;
  to?: Date;
}

/** An entry with its recipient, as the register lists it. */
export interface EntryRow {
  id: string;
  storeId: string;
  recipientKey: string;
  recipientName: string;
  recipientKind: string;
  purpose: string;
  legalGround: string;
  fields: string[];
  causeKind: string;
  causeId: string;
  actorAccountId: string | null;
  actorName: string | null;
  at: Date;
}

/** Reads and the one write of the data-sharing register. */
export class DataSharingRepository {
  constructor(private readonly em: EntityManager) {}

  recipientByKey(key: string): Promise<DataSharingRecipient | null> {
    return this.em.getRepository(DataSharingRecipient).findOne({ where: { key } });
  }

  recipients(): Promise<DataSharingRecipient[]> {
    return this.em.getRepository(DataSharingRecipient).find({ order: { kind: 'ASC', key: 'ASC' } });
  }

  insert(row: Omit<DataSharingEntry, 'id' | 'at' | 'recipient' | 'store'>): Promise<DataSharingEntry> {
    return this.em.getRepository(DataSharingEntry).save(this.em.getRepository(DataSharingEntry).create(row));
  }

  /**
   * One page of the register, newest first (sort field `id`, the order of recording), and its capped
   * count in one statement (pageInOneStatement); the indexes lead with the store and the recipient.
   * Only the rows `ability` may read (a merchant: its own store's).
   */
  search(ability: AppAbility, f: EntryFilter, page: PageRequest): Promise<Page<EntryRow>> {
    const where = andAccessible(new SqlWhere(), ability, 'read', 'DataSharingEntry', { storeId: 'e.store_id' });
    if (f.storeId) where.and(`e.store_id = ${where.param(f.storeId)}`);
    if (f.recipientKey) where.and(`e.recipient_id = (SELECT id FROM data_sharing_recipient WHERE key = ${where.param(f.recipientKey)})`);
    if (f.legalGround) where.and(`e.legal_ground = ${where.param(f.legalGround)}`);
    if (f.from) where.and(`e.at >= ${where.param(f.from)}`);
    if (f.to) where.and(`e.at < ${where.param(f.to)}`);
    return pageInOneStatement<EntryRow>(
      this.em.connection,
      { from: 'data_sharing_entry e', where, sortable: { id: 'e.id' }, dflt: { field: 'id', order: 'DESC' }, idColumn: 'e.id' },
      page,
      `SELECT e.id::text AS id, e.store_id::text AS "storeId", r.key AS "recipientKey", r.name AS "recipientName", r.kind AS "recipientKind", e.purpose, e.legal_ground AS "legalGround",
              e.fields, e.cause_kind AS "causeKind", e.cause_id AS "causeId", e.actor_account_id::text AS "actorAccountId", a.display_name AS "actorName", e.at, page.k AS __k, page.id AS __id
         FROM page JOIN data_sharing_entry e ON e.id = page.id JOIN data_sharing_recipient r ON r.id = e.recipient_id LEFT JOIN account a ON a.id = e.actor_account_id`,
    );
  }
}
