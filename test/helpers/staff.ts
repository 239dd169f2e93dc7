import { expect } from 'vitest';
import type { TestConsole } from './console';

/**
 * A new staff member with `roles` in force, as the real path makes one: `admin` creates it with
 * a temporary password, `admin2` approves the roles that need a second admin, and the member
 * changes the temporary password. Returns its id and a session token.
 */
export async function newStaffMember(c: TestConsole, loginName: string, roles: string[], password = 'Quiet-Harbour-Lamp-93'): Promise<{ id: string; token: string }> {
  const temporary = 'Tall-Window-Rain-47';
  const created = await c.gql<{ createStaffAccount: { id: string } }>(
    'mutation($i: CreateStaffAccountInput!) { createStaffAccount(input: $i) { id } }',
    { i: { loginName, displayName: loginName, password: temporary, roles } },
    await c.signIn('admin'),
  );
  expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
  const id = created.data!.createStaffAccount.id;
  const admin2 = await c.signIn('admin2');
  for (const g of await c.sql(`SELECT id FROM staff_role_grant WHERE account_id = $1 AND status = 'pending'`, [id])) {
    const r = await c.gql('mutation($id: ID!) { approveStaffRoleGrant(id: $id) { status } }', { id: String(g.id) }, admin2);
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  }
  const token = await c.signIn(loginName, temporary);
  const changed = await c.gql('mutation($i: ChangeMyPasswordInput!) { changeMyPassword(input: $i) }', { i: { currentPassword: temporary, newPassword: password } }, token);
  expect(changed.errors, JSON.stringify(changed.errors)).toBeUndefined();
  return { id, token };
}
