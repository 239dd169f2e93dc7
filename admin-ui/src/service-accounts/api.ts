import { gql } from '../graphql';
import { SERVICE_SCOPES } from '../../../rules/service-accounts/scopes';
import type { StatusStyle } from '../components';

/** Fields of a service account row (list, create, revoke and rotate answers). The key itself is never among them. */
export const SERVICE_ACCOUNT_FIELDS = 'id name loginName scopes status keyPrefix keyCreatedAt keyCreatedBy lastUsedAt revokedAt createdAt';

/** The scopes an admin can give a key (rules/service-accounts/scopes.ts), labelled `mc.service_accounts.scope.<scope>`. */
export const scopeChoices = SERVICE_SCOPES.map((id) => ({ id, name: `mc.service_accounts.scope.${id}` }));

/** A service account's status as a chip. */
export const SERVICE_ACCOUNT_STATUS: StatusStyle = {
  labels: 'mc.service_accounts.status',
  colors: { active: 'success', revoked: 'default', disabled: 'warning' },
  testId: (s) => `service-account-status-${s}`,
};

export interface IssuedKey {
  apiKey: string;
  serviceAccount: { id: string; name: string; keyPrefix?: string };
}

/** Creates a service account; the answer holds its API key, shown once. */
export async function createServiceAccount(name: string, scopes: string[]): Promise<IssuedKey> {
  const data = await gql<{ created: IssuedKey }>(
    `mutation Create($input: CreateServiceAccountInput!) { created: createServiceAccount(input: $input) { apiKey serviceAccount { ${SERVICE_ACCOUNT_FIELDS} } } }`,
    { input: { name, scopes } },
  );
  return data.created;
}

/** Revokes the active key: the integration's next request is refused. */
export function revokeServiceAccountKey(id: string) {
  return gql(`mutation Revoke($id: ID!) { revokeServiceAccountKey(id: $id) { ${SERVICE_ACCOUNT_FIELDS} } }`, { id });
}

/** Issues a new key (same scopes) and revokes the active one; the answer holds the new key, shown once. */
export async function rotateServiceAccountKey(id: string): Promise<IssuedKey> {
  const data = await gql<{ rotated: IssuedKey }>(`mutation Rotate($id: ID!) { rotated: rotateServiceAccountKey(id: $id) { apiKey serviceAccount { ${SERVICE_ACCOUNT_FIELDS} } } }`, { id });
  return data.rotated;
}
