import { Admin, CustomRoutes, Resource } from 'react-admin';
import { Route } from 'react-router-dom';
import { AbilityProvider, ability, canOnAny, type AppAbility } from './abilities';
import { auditEvents } from './audit';
import { Dashboard } from './dashboard';
import { DISCLOSURE_PATH, DisclosurePage, disputeResources } from './disputes';
import { i18nProvider } from './i18n';
import { Layout } from './layout';
import { AppTitle, NotFound } from './layout/NotFound';
import { LoginPage } from './login';
import { merchants } from './merchants';
import { notifications } from './notifications';
import { NOTICES_PATH, NoticeBoard } from './notices';
import { payoutAccount } from './payout-account';
import { penaltyResources } from './penalties';
import { rewardResources } from './rewards';
import { policyResourceFor, policyRoutes } from './policies';
import { POLICY_PATH, PolicyPage } from './policy';
import { authProvider } from './providers/authProvider';
import { dataProvider } from './providers/dataProvider';
import { serviceAccounts } from './service-accounts';
import { sessions } from './sessions';
import { staffAccounts, staffRoleGrants } from './staff';
import { CHANGE_PASSWORD_PATH, ChangePasswordPage } from './password/ChangePasswordPage';
import { AcceptInvitation, INVITE_PATH, storeCan, teamResources } from './team';
import { VERIFICATION_LINK_PATH, VerificationLink, myVerification, verificationCases, verificationReasonCodes } from './verification';

/** Resources (and so menu items and routes) follow the actor's ability. */
const resourcesFor = (a: AppAbility) => [
  // Staff who may read every case (not a store owner reading its own) get the review queue.
  canOnAny(a, 'read', 'Verification') && <Resource key="verificationCases" {...verificationCases} />,
  a.can('update', 'VerificationReasonCode') && <Resource key="verificationReasonCodes" {...verificationReasonCodes} />,
  // The store's own case: the owner, and sub-accounts allowed to view it (submitting is a button inside).
  !canOnAny(a, 'read', 'Verification') && storeCan(a, 'read', 'Verification') && <Resource key="myVerification" {...myVerification} />,
  a.can('read', 'Merchant') && <Resource key="merchants" {...merchants} />,
  a.can('read', 'StaffAccount') && <Resource key="staffAccounts" {...staffAccounts} />,
  a.can('read', 'StaffRoleGrant') && <Resource key="staffRoleGrants" {...staffRoleGrants} />,
  a.can('read', 'AuditEvent') && <Resource key="auditEvents" {...auditEvents} />,
  a.can('read', 'ServiceAccount') && <Resource key="serviceAccounts" {...serviceAccounts} />,
  <Resource key="notifications" {...notifications} />,
  <Resource key="sessions" {...sessions} />,
  policyResourceFor(a.can.bind(a)),
  ...penaltyResources(a.can.bind(a)),
  ...disputeResources(a),
  ...teamResources(a),
  ...rewardResources(a),
  // The store owner only: `update PayoutAccount` comes from an owner-only store permission.
  (a as unknown as { can(action: string, subject: string): boolean }).can('update', 'PayoutAccount') && <Resource key="payoutAccount" {...payoutAccount} />,
];

export function App() {
  return (
    <AbilityProvider value={ability}>
      <Admin
        title={<AppTitle />}
        catchAll={NotFound}
        dataProvider={dataProvider}
        authProvider={authProvider}
        i18nProvider={i18nProvider}
        layout={Layout}
        dashboard={Dashboard}
        loginPage={LoginPage}
        disableTelemetry
      >
        <CustomRoutes noLayout>
          <Route path={POLICY_PATH} element={<PolicyPage />} />
          <Route path={NOTICES_PATH} element={<NoticeBoard />} />
          <Route path={DISCLOSURE_PATH} element={<DisclosurePage />} />
          <Route path={INVITE_PATH} element={<AcceptInvitation />} />
          <Route path={CHANGE_PASSWORD_PATH} element={<ChangePasswordPage />} />
        </CustomRoutes>
        <CustomRoutes>
          <Route path={VERIFICATION_LINK_PATH} element={<VerificationLink />} />
          {policyRoutes}
        </CustomRoutes>
        {(permissions: AppAbility) => resourcesFor(permissions)}
      </Admin>
    </AbilityProvider>
  );
}
