import ForumIcon from '@mui/icons-material/Forum';
import { Resource } from 'react-admin';
import type { AppAbility } from '../abilities';
import { disputeCan } from './api';
import { DisputeCreate } from './DisputeCreate';
import { DisputeList } from './DisputeList';
import { DisputeShow } from './DisputeShow';

export { DISPUTE_RESOURCES } from './api';
export { DISCLOSURE_PATH, DisclosurePage } from './DisclosurePage';

/**
 * Disputes (纠纷): staff who read them (support, ops_lead, legal, auditor) and store accounts
 * allowed to (the owner; sub-accounts with disputes.view) get one resource, `disputes` (inbox links
 * point at /disputes/<id>/show); support also opens disputes.
 */
export const disputeResources = (a: AppAbility) => [
  disputeCan(a, 'read', 'Dispute') && (
    <Resource
      key="disputes"
      name="disputes"
      list={DisputeList}
      show={DisputeShow}
      create={disputeCan(a, 'create', 'Dispute') ? DisputeCreate : undefined}
      icon={ForumIcon}
      recordRepresentation="afterSalesNumber"
    />
  ),
];
