import { In, type EntityManager } from 'typeorm';
import { UploadedFile, type FilePurpose } from './uploaded-file.entity';

/** Rows of `uploaded_file` (the bytes are in the FileStorage). */
export class FilesRepository {
  constructor(private readonly em: EntityManager) {}

  insert(row: Omit<UploadedFile, 'createdAt'>): Promise<unknown> {
    return this.em.getRepository(UploadedFile).insert(row);
  }

  byKey(key: string): Promise<UploadedFile | null> {
    return this.em.getRepository(UploadedFile).findOneBy({ key });
  }

  byKeys(keys: string[]): Promise<UploadedFile[]> {
    return keys.length ? this.em.getRepository(UploadedFile).find({ where: { key: In(keys) } }) : Promise.resolve([]);
  }

  /** The files of `purpose` attached to any of `ids`, oldest first. */
  attachedTo(purpose: FilePurpose, ids: string[]): Promise<UploadedFile[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.em
      .getRepository(UploadedFile)
      .createQueryBuilder('f')
      .where('f.purpose = :purpose AND f.attached_id = ANY(:ids)', { purpose, ids })
      .orderBy('f.created_at')
      .addOrderBy('f.key')
      .getMany();
  }

  /** Files of `keys` uploaded by `accountId` for `purpose`, locked (`FOR UPDATE`), unused or already attached to `attachedId`. */
  claimable(keys: string[], accountId: string, purpose: FilePurpose, attachedId?: string): Promise<UploadedFile[]> {
    if (!keys.length) return Promise.resolve([]);
    return this.em
      .getRepository(UploadedFile)
      .createQueryBuilder('f')
      .setLock('pessimistic_write')
      .where('f.key = ANY(:keys::uuid[])', { keys })
      .andWhere('f.owner_account_id = :a AND f.purpose = :purpose', { a: accountId, purpose })
      .andWhere(attachedId ? '(f.attached_id IS NULL OR f.attached_id = :id)' : 'f.attached_id IS NULL', { id: attachedId })
      .getMany();
  }

  /** Makes `keys` exactly the files of `purpose` attached to `attachedId` (others attached to it are released). */
  async attach(purpose: FilePurpose, attachedId: string, keys: string[]): Promise<void> {
    await this.em
      .createQueryBuilder()
      .update(UploadedFile)
      .set({ attachedId: null })
      .where('purpose = :purpose AND attached_id = :id AND NOT (key = ANY(:keys::uuid[]))', { purpose, id: attachedId, keys })
      .execute();
    if (keys.length) await this.em.createQueryBuilder().update(UploadedFile).set({ attachedId }).where('key = ANY(:keys::uuid[])', { keys }).execute();
  }
}
