import { APPEAL_FIELDS, CATEGORY_FIELDS, PENALTY_FIELDS } from './api';
import { compact, type Filter } from '../components/filters';

const penaltyFilter = (f: Filter) => ({
  filter: compact({
    storeId: f.storeId,
    status: f.status,
    categoryCode: f.categoryCode,
    sanctionCode: f.sanctionCode,
    issuedFrom: typeof f.issuedFrom === 'string' ? f.issuedFrom.slice(0, 10) : undefined,
    issuedTo: typeof f.issuedTo === 'string' ? f.issuedTo.slice(0, 10) : undefined,
  }),
});

/** Data-provider definitions of the penalty resources (spread into RESOURCES in providers/dataProvider.ts). */
export const PENALTY_RESOURCES = {
  /** Staff: every penalty. */
  penalties: { list: 'penalties', one: 'penalty', fields: PENALTY_FIELDS, paged: true, args: { filter: 'PenaltyFilter' }, toArgs: penaltyFilter },
  /** A merchant: its own store's issued and revoked penalties (the server scopes the query). */
  myPenalties: { list: 'penalties', one: 'penalty', fields: PENALTY_FIELDS, paged: true, args: { filter: 'PenaltyFilter' }, toArgs: penaltyFilter },
  penaltyAppeals: {
    list: 'penaltyAppeals',
    one: 'penaltyAppeal',
    fields: APPEAL_FIELDS,
    paged: true,
    args: { filter: 'PenaltyAppealFilter' },
    toArgs: (f: Filter) => ({ filter: compact({ status: f.status, penaltyId: f.penaltyId, storeId: f.storeId }) }),
  },
  violationCategories: { list: 'violationCategories', fields: CATEGORY_FIELDS, paged: false, args: {}, toArgs: () => ({}) },
};
