import type { EntityManager } from 'typeorm';
import { pageInOneStatement, type Page, type PageRequest } from '../../core/pagination';
import { SqlWhere } from '../../core/sql';
import { PenaltyNotice } from './penalty-notice.entity';

/** Public penalty notices (policy 4.3): what may be published, copied at publication. */
export class PenaltyNoticesRepository {
  constructor(private readonly em: EntityManager) {}

  /** Publishes a notice; @returns its id. */
  async insert(row: Partial<PenaltyNotice>): Promise<string> {
    return (await this.em.getRepository(PenaltyNotice).save(row)).id;
  }

  /** Marks a notice withdrawn on the PRC date `on`. */
  async withdraw(id: string, on: string): Promise<void> {
    await this.em.getRepository(PenaltyNotice).update({ id }, { status: 'withdrawn', withdrawnOn: on });
  }

  /**
   * One page of public notices: reads `penalty_notice` only, on its indexes; the page and its
   * capped count in one SQL statement whatever the page size or depth (see pageInOneStatement).
   */
  publicNotices(filter: { categoryCodes?: string[]; issuedFrom?: string; issuedTo?: string }, page: PageRequest): Promise<Page<PenaltyNotice>> {
    const where = new SqlWhere();
    if (filter.categoryCodes) where.and(`n.category_code = ANY(${where.param(filter.categoryCodes)})`);
    if (filter.issuedFrom) where.and(`n.issued_on >= ${where.param(filter.issuedFrom)}`);
    if (filter.issuedTo) where.and(`n.issued_on <= ${where.param(filter.issuedTo)}`);
    return pageInOneStatement<PenaltyNotice>(
      this.em.connection,
      { from: 'penalty_notice n', where, sortable: { issuedOn: 'n.issued_on' }, dflt: { field: 'issuedOn', order: 'DESC' }, idColumn: 'n.id' },
      page,
      `SELECT n.id::text AS id, n.platform_account_id AS "platformAccountId", n.nickname, n.category_code AS "categoryCode", n.category_name_zh AS "categoryNameZh",
              n.category_name_en AS "categoryNameEn", n.sanction_code AS "sanctionCode", n.sanction_name_zh AS "sanctionNameZh", n.sanction_name_en AS "sanctionNameEn",
              n.sanction_days AS "sanctionDays", n.issued_on::text AS "issuedOn", n.starts_on::text AS "startsOn", n.ends_on::text AS "endsOn", n.status,
              n.withdrawn_on::text AS "withdrawnOn", page.k AS __k, page.id AS __id
         FROM page JOIN penalty_notice n ON n.id = page.id`,
    );
  }
}
