import type { EntityManager } from 'typeorm';
import { Penalty } from './penalty.entity';
import { SanctionType } from './sanction-type.entity';
import { ViolationCategory } from './violation-category.entity';

/** The violation catalogue: categories (a tree) and sanction types. */
export class PenaltyCatalogueRepository {
  constructor(private readonly em: EntityManager) {}

  categories(): Promise<ViolationCategory[]> {
    return this.em.getRepository(ViolationCategory).find({ order: { sortOrder: 'ASC', code: 'ASC' } });
  }
  /**
   * `lock`: `share` (FOR SHARE) while a penalty is drafted under the category, `write` (FOR UPDATE)
   * while a child is added to it; the two exclude each other, so a category never becomes a group
   * while a penalty is being filed under it.
   */
  categoryByCode(code: string, lock?: 'share' | 'write'): Promise<ViolationCategory | null> {
    const mode = lock === 'share' ? ('pessimistic_read' as const) : lock === 'write' ? ('pessimistic_write' as const) : undefined;
    return this.em.getRepository(ViolationCategory).findOne({ where: { code }, ...(mode ? { lock: { mode } } : {}) });
  }
  /** Whether any penalty (draft, issued or revoked) cites the category. */
  isCited(categoryId: string): Promise<boolean> {
    return this.em.getRepository(Penalty).exists({ where: { categoryId } });
  }
  categoryById(id: string, lock = false): Promise<ViolationCategory | null> {
    return this.em.getRepository(ViolationCategory).findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }
  hasChildren(id: string): Promise<boolean> {
    return this.em.getRepository(ViolationCategory).exists({ where: { parentId: id } });
  }
  /** Inserts a category; @returns its id. A taken code fails with the unique index (23505). */
  async insertCategory(row: Partial<ViolationCategory>): Promise<string> {
    return (await this.em.getRepository(ViolationCategory).save(row)).id;
  }
  /** Saves a locked, edited category (`rowVersion` is bumped by the save). */
  saveCategory(c: ViolationCategory): Promise<ViolationCategory> {
    return this.em.getRepository(ViolationCategory).save(c);
  }

  sanctionTypes(): Promise<SanctionType[]> {
    return this.em.getRepository(SanctionType).find({ order: { id: 'ASC' } });
  }
  sanctionByCode(code: string): Promise<SanctionType | null> {
    return this.em.getRepository(SanctionType).findOne({ where: { code } });
  }
  sanctionById(id: string, lock = false): Promise<SanctionType | null> {
    return this.em.getRepository(SanctionType).findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }
  /** Inserts a sanction type; @returns its id. */
  async insertSanctionType(row: Partial<SanctionType>): Promise<string> {
    return (await this.em.getRepository(SanctionType).save(row)).id;
  }
  /** Saves a locked, edited sanction type (`rowVersion` is bumped by the save). */
  saveSanctionType(s: SanctionType): Promise<SanctionType> {
    return this.em.getRepository(SanctionType).save(s);
  }
}
