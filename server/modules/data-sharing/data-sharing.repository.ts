import type { EntityManager } from 'typeorm';
import { DataSharingEntry } from './data-sharing-entry.entity';
import { DataSharingRecipient } from './data-sharing-recipient.entity';

/** A register search: all optional; `storeId` set for a merchant's own entries. Times are UTC instants. */
export interface EntrySearch {
  storeId?: string;
  recipientKey?: string;
  legalGround?: string;
  from?: Date;
  to?: Date;
  /** Keyset: entries with an id below this one (newest first). */
  beforeId?: string;
  limit: number;
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

  /** Newest first, one statement, keyset on the id (indexes on store and recipient lead with it). */
  async search(s: EntrySearch): Promise<EntryRow[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      args.push(v);
      where.push(sql.replace('?', `$${args.length}`));
    };
    if (s.storeId) add('e.store_id = ?', s.storeId);
    if (s.recipientKey) add('r.key = ?', s.recipientKey);
    if (s.legalGround) add('e.legal_ground = ?', s.legalGround);
    if (s.from) add('e.at >= ?', s.from);
    if (s.to) add('e.at < ?', s.to);
    if (s.beforeId) add('e.id < ?', s.beforeId);
    args.push(s.limit);
    const rows: Record<string, unknown>[] = await this.em.query(
      `SELECT e.id::text AS id, e.store_id::text AS store_id, r.key, r.name, r.kind, e.purpose, e.legal_ground, e.fields, e.cause_kind, e.cause_id, e.actor_account_id::text AS actor_account_id, e.at
         FROM data_sharing_entry e JOIN data_sharing_recipient r ON r.id = e.recipient_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY e.id DESC LIMIT $${args.length}`,
      args,
    );
    return rows.map((r) => ({
      id: r.id as string,
      storeId: r.store_id as string,
      recipientKey: r.key as string,
      recipientName: r.name as string,
      recipientKind: r.kind as string,
      purpose: r.purpose as string,
      legalGround: r.legal_ground as string,
      fields: r.fields as string[],
      causeKind: r.cause_kind as string,
      causeId: r.cause_id as string,
      actorAccountId: r.actor_account_id as string | null,
      at: r.at as Date,
    }));
  }
}
