import type { App } from '../../core/app';
import { prcDate } from '../../../rules/dates';
import { mapPage, type Page, type PageRequest } from '../../core/pagination';
import { readRepo, type Tx } from '../../core/transaction';
import { servicesOf } from '../services';
import type { PublicPenaltyNotice, PublicPenaltyNoticeFilter } from './penalties.types';
import { PenaltyNoticesRepository } from './penalty-notices.repository';
import type { PenaltyNotice } from './penalty-notice.entity';
import type { Penalty } from './penalty.entity';
import { checkFilter } from './penalty-views';

/**
 * Public penalty notices (处罚公示, policy 4.3): published at issue with only the merchant ID,
 * account nickname, category, sanction and PRC dates; withdrawn when the penalty is revoked.
 * Each change drops the cached public responses.
 */
export class PenaltyNoticesService {
  constructor(private readonly app: App) {}

  /** Public notices, newest first; reads the notice table only (policy 4.3). @throws BAD_USER_INPUT naming `filter.<field>`. */
  async publicNotices(filter: PublicPenaltyNoticeFilter = {}, page: PageRequest): Promise<Page<PublicPenaltyNotice>> {
    checkFilter({ ...filter });
    const codes = filter.categoryCode ? await servicesOf(this.app).penaltyCatalogue.categoryCodesFor(filter.categoryCode) : undefined;
    return mapPage(await readRepo(this.app, PenaltyNoticesRepository).publicNotices({ ...filter, categoryCodes: codes }, page), (n) => ({
      id: n.id,
      platformAccountId: n.platformAccountId,
      nickname: n.nickname,
      category: { code: n.categoryCode, nameZh: n.categoryNameZh, nameEn: n.categoryNameEn },
      sanction: { code: n.sanctionCode, nameZh: n.sanctionNameZh, nameEn: n.sanctionNameEn, days: n.sanctionDays ?? undefined },
      issuedOn: n.issuedOn,
      startsOn: n.startsOn,
      endsOn: n.endsOn ?? undefined,
      status: n.status,
      withdrawnOn: n.withdrawnOn ?? undefined,
    }));
  }

  /** Publishes the notice of a penalty being issued, in the caller's transaction (audit `penaltyNotice.publish` is the caller's, once the penalty row is updated). @returns its id. */
  async publish(tx: Tx, notice: Omit<PenaltyNotice, 'id' | 'status' | 'withdrawnOn' | 'createdAt'>): Promise<string> {
    tx.emit({ type: 'publicContent.changed', module: 'penalties' }); // the public notices board shows it
    return tx.repo(PenaltyNoticesRepository).insert({ ...notice, status: 'published' });
  }

  /** Withdraws the notice of a revoked penalty (if it has one), today (PRC date), audited. */
  async withdraw(tx: Tx, p: Penalty, at: Date): Promise<void> {
    if (!p.noticeId) return;
    tx.emit({ type: 'publicContent.changed', module: 'penalties' }); // the public notices board shows it withdrawn
    await tx.repo(PenaltyNoticesRepository).withdraw(p.noticeId, prcDate(at));
    tx.audit({ action: 'penaltyNotice.withdraw', targetType: 'PenaltyNotice', targetId: p.noticeId, storeId: p.storeId, after: { penaltyId: p.id } });
  }
}
