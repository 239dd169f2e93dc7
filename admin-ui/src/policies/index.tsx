import PolicyIcon from '@mui/icons-material/Policy';
import { Resource } from 'react-admin';
import { Route } from 'react-router-dom';
import { AcknowledgePage } from './AcknowledgePage';
import type { PolicyAbility } from './ability';
import { PolicyDiffPage } from './PolicyDiffPage';
import { PolicyDocumentList } from './PolicyDocumentList';
import { PolicyDocumentPage } from './PolicyDocumentPage';
import { PolicyVersionPage } from './PolicyVersionPage';

export { policyResources } from './api';
export { policiesMessages } from './messages';
export { PolicyBanner } from './PolicyBanner';

/** The policy menu item (staff who may read versions) and the routes of the policy screens. */
export function policyResourceFor(can: unknown) {
  if (!(can as PolicyAbility['can'])('read', 'PolicyVersion')) return null;
  return <Resource key="policyDocuments" name="policyDocuments" list={PolicyDocumentList} icon={PolicyIcon} />;
}

/** Routes inside the layout; each page checks what it shows against the ability. */
export const policyRoutes = [
  <Route key="policy-doc" path="/policies/:documentId" element={<PolicyDocumentPage />} />,
  <Route key="policy-diff" path="/policies/:documentId/diff/:from/:to" element={<PolicyDiffPage />} />,
  <Route key="policy-version" path="/policies/versions/:id" element={<PolicyVersionPage />} />,
  <Route key="policy-ack" path="/policy-changes/:code" element={<AcknowledgePage />} />,
];
