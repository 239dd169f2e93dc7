import type { App } from '../../core/app';
import type { RequestContext } from '../../core/context';
import { maskMobile } from '../../core/crypto/masking';
import { notFound } from '../../core/errors';
import { mapPage, type Page, type PageRequest } from '../../core/pagination';
import { readRepo } from '../../core/transaction';
import { type MerchantWithStore, MerchantsRepository } from './merchants.repository';
import type { MerchantFilter, MerchantView } from './merchants.types';
import { isId } from '../../core/ids';

/** Reading merchants: staff see all (masked), a merchant sees itself. Row rules are applied in SQL. */
export class MerchantsService {
  constructor(private readonly app: App) {}

  private view(m: MerchantWithStore): MerchantView {
    return {
      id: m.id,
      platformAccountId: m.platformAccountId,
      accountName: m.accountName,
      nickname: m.nickname,
      mobileMasked: maskMobile(this.app.cipher.decrypt(m.mobileEnc)),
      createdAt: m.createdAt,
      store: m.store ? { id: m.store.id, name: m.store.name, status: m.store.status, openedAt: m.store.openedAt ?? undefined } : undefined,
    };
  }

  async list(ctx: RequestContext, filter: MerchantFilter | undefined, page: PageRequest): Promise<Page<MerchantView>> {
    return mapPage(await readRepo(this.app, MerchantsRepository).list(ctx.ability, filter, page), (m) => this.view(m));
  }

  /** @throws NOT_FOUND when the merchant does not exist or the actor may not read it (no existence leak). */
  async get(ctx: RequestContext, id: string): Promise<MerchantView> {
    const m = isId(id) ? await readRepo(this.app, MerchantsRepository).findOne(ctx.ability, id) : null;
    if (!m) throw notFound('Merchant');
    return this.view(m);
  }
}
