import { gql } from '../graphql';

/** A public penalty notice (policy 4.3): only what the public query carries. */
export interface Notice {
  id: string;
  platformAccountId: string;
  nickname: string;
  category: { code: string; nameZh: string; nameEn: string };
  sanction: { code: string; nameZh: string; nameEn: string; days: number | null };
  issuedOn: string;
  startsOn: string;
  endsOn: string | null;
  status: 'published' | 'withdrawn';
  withdrawnOn: string | null;
}
export interface PublicCategory {
  code: string;
  parentCode: string | null;
  nameZh: string;
  nameEn: string;
}

const NOTICES = `query Notices($filter: PublicPenaltyNoticeFilter, $page: Int!, $perPage: Int!) {
  publicPenaltyNotices(filter: $filter, page: $page, perPage: $perPage) {
    items { id platformAccountId nickname category { code nameZh nameEn } sanction { code nameZh nameEn days } issuedOn startsOn endsOn status withdrawnOn }
    totalCount
  }
}`;

/** The notice board's public queries (no session needed). */
export const noticesApi = {
  categories: () => gql<{ publicViolationCategories: PublicCategory[] }>('query { publicViolationCategories { code parentCode nameZh nameEn } }').then((d) => d.publicViolationCategories),
  /** One page (1-based) of notices matching `filter` (PRC dates `issuedFrom`/`issuedTo`, `categoryCode`). */
  notices: (filter: Record<string, unknown> | undefined, page: number, perPage: number) =>
    gql<{ publicPenaltyNotices: { items: Notice[]; totalCount: number } }>(NOTICES, { filter, page, perPage }).then((d) => d.publicPenaltyNotices),
};
