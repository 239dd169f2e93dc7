import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowed, listOperations, MATRIX_ACTORS } from '../../server/graphql/operations';
import { buildAppSchema } from '../../server/graphql/schema';
import { errorOf, startTestConsole, type TestConsole } from '../helpers/console';
import { rootFields, sampleOperation } from '../helpers/sample-operation';

let c: TestConsole;
beforeAll(async () => {
  c = await startTestConsole();
});
afterAll(() => c?.close());

const LOGINS: Record<string, string> = {
  reviewer: 'ops_reviewer',
  lead: 'ops_lead',
  legal: 'legal',
  support: 'support',
  finance: 'finance',
  auditor: 'auditor',
  admin: 'admin',
  owner1: 'store owner',
};

describe('each role against every operation (generated from the schema and the permission matrix)', () => {
  for (const [login, label] of Object.entries(LOGINS)) {
    it(`${login} (${label}) is refused exactly what the matrix refuses`, async () => {
      const token = await c.signIn(login);
      const schema = await buildAppSchema(null);
      const ops = new Map(listOperations().map((o) => [o.name, o]));
      const actor = MATRIX_ACTORS.find((a) => a.label === label)!.actor;
      for (const { kind, field } of rootFields(schema)) {
        if (field.name === 'signOut' || field.name === 'signIn') continue; // covered in auth.test.ts
        const expected = allowed(ops.get(`${kind}.${field.name}`)!.requirements, actor);
        const { query, variables } = sampleOperation(schema, kind, field);
        const r = await c.gql(query, variables, token);
        const code = r.errors?.[0]?.extensions.code;
        if (expected === 'no') expect(code, `${login} ${field.name}`).toBe('FORBIDDEN');
        else expect(['FORBIDDEN', 'UNAUTHENTICATED', 'INTERNAL'], `${login} ${field.name}: ${JSON.stringify(r.errors)}`).not.toContain(code);
      }
    });
  }
});

describe('row rules in SQL', () => {
  it('a store owner lists only its own merchant record, with the right total', async () => {
    const token = await c.signIn('owner1');
    const r = await c.gql('{ merchants(perPage: 100) { totalCount items { id accountName } } me { merchantId } }', {}, token);
    expect(r.data.merchants.totalCount).toBe(1);
    expect(r.data.merchants.items.map((m: { id: string }) => m.id)).toEqual([r.data.me.merchantId]);
  });

  it("a store owner gets NOT_FOUND for another merchant's record (no existence leak)", async () => {
    const owner2 = await c.signIn('owner2');
    const other = (await c.gql('{ me { merchantId } }', {}, owner2)).data.me.merchantId;
    const token = await c.signIn('owner1');
    errorOf(await c.gql('query($id: ID!) { merchant(id: $id) { id } }', { id: other }, token), 'NOT_FOUND');
    errorOf(await c.gql('query($id: ID!) { merchant(id: $id) { id } }', { id: '999999' }, token), 'NOT_FOUND');
  });

  it('staff who may read merchants see them all, masked', async () => {
    const token = await c.signIn('support');
    const r = await c.gql('{ merchants(perPage: 100) { totalCount items { mobileMasked } } }', {}, token);
    expect(r.data.merchants.totalCount).toBe(22);
    for (const m of r.data.merchants.items) expect(m.mobileMasked).toMatch(/^1\d\d\*{4}\d{4}$/);
  });

  it('legal cannot read merchants at all', async () => {
    errorOf(await c.gql('{ merchants { totalCount } }', {}, await c.signIn('legal')), 'FORBIDDEN');
  });
});

describe('staff accounts (admin)', () => {
  it('admin creates a staff member, who signs in with the roles that need no second admin; the others wait; the creation is audited', async () => {
    const admin = await c.signIn('admin');
    const r = await c.gql(
      'mutation($i: CreateStaffAccountInput!) { createStaffAccount(input: $i) { id loginName roles pendingRoles mustChangePassword mobileMasked } }',
      { i: { loginName: 'newreviewer', displayName: '新审核员', password: 'a-long-password-1', roles: ['ops_reviewer', 'finance'], mobile: '13912345678' } },
      admin,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.createStaffAccount).toMatchObject({ loginName: 'newreviewer', roles: ['finance'], pendingRoles: ['ops_reviewer'], mustChangePassword: true, mobileMasked: '139****5678' });
    const token = await c.signIn('newreviewer', 'a-long-password-1');
    expect((await c.gql('{ me { roles mustChangePassword } }', {}, token)).data.me).toEqual({ roles: ['finance'], mustChangePassword: true });
    const [ev] = await c.sql(`SELECT actor_label, after FROM audit_event WHERE action = 'staff.create' AND target_id = $1`, [r.data.createStaffAccount.id]);
    expect(ev.actor_label).toBe('admin');
    expect(JSON.stringify(ev.after)).not.toContain('13912345678');
  });

  it('bad input names the field and stores nothing', async () => {
    const admin = await c.signIn('admin');
    const [{ n: before }] = await c.sql('SELECT count(*)::int AS n FROM account');
    const r = await c.gql(
      'mutation($i: CreateStaffAccountInput!) { createStaffAccount(input: $i) { id } }',
      { i: { loginName: 'Bad Name', displayName: 'x', password: 'short', roles: ['superuser'], mobile: '12345' } },
      admin,
    );
    const e = errorOf(r, 'BAD_USER_INPUT');
    expect(e.extensions.fields!.map((f) => f.field).sort()).toEqual(['loginName', 'mobile', 'roles']);
    expect(JSON.stringify(r)).not.toContain('12345');
    const [{ n: after }] = await c.sql('SELECT count(*)::int AS n FROM account');
    expect(after).toBe(before);
  });

  it('a taken login name is a CONFLICT', async () => {
    const admin = await c.signIn('admin');
    const r = await c.gql(
      'mutation($i: CreateStaffAccountInput!) { createStaffAccount(input: $i) { id } }',
      {
        i: { loginName: 'reviewer', displayName: 'x', password: 'a-long-password-1', roles: ['ops_reviewer'] },
      },
      admin,
    );
    errorOf(r, 'CONFLICT');
  });

  it('nobody changes their own roles; the refusal is audited', async () => {
    const admin = await c.signIn('admin');
    const me = (await c.gql('{ me { id } }', {}, admin)).data.me.id;
    errorOf(await c.gql('mutation($i: SetStaffRolesInput!) { setStaffRoles(input: $i) { id } }', { i: { id: me, roles: ['admin', 'auditor'] } }, admin), 'FORBIDDEN');
    const [ev] = await c.sql(`SELECT outcome FROM audit_event WHERE action = 'staff.setRoles' AND target_id = $1`, [me]);
    expect(ev.outcome).toBe('denied');
  });

  it('role changes take effect on the next request', async () => {
    const admin = await c.signIn('admin');
    const support = await c.signIn('support');
    const id = (await c.gql('{ me { id } }', {}, support)).data.me.id;
    expect((await c.gql('{ merchants { totalCount } }', {}, support)).errors).toBeUndefined();
    const r = await c.gql('mutation($i: SetStaffRolesInput!) { setStaffRoles(input: $i) { roles } }', { i: { id, roles: ['legal'] } }, admin);
    expect(r.data.setStaffRoles.roles).toEqual([]); // removing support is immediate, legal waits for a second admin
    errorOf(await c.gql('{ merchants { totalCount } }', {}, support), 'FORBIDDEN');
    const back = await c.gql('mutation($i: SetStaffRolesInput!) { setStaffRoles(input: $i) { roles pendingRoles } }', { i: { id, roles: ['support'] } }, admin);
    expect(back.data.setStaffRoles).toEqual({ roles: [], pendingRoles: ['support'] });
    const [grant] = await c.sql(`SELECT id FROM staff_role_grant WHERE account_id = $1 AND status = 'pending'`, [id]);
    const ok = await c.gql('mutation($id: ID!) { approveStaffRoleGrant(id: $id) { status } }', { id: String(grant.id) }, await c.signIn('admin2'));
    expect(ok.data.approveStaffRoleGrant.status).toBe('approved');
    expect((await c.gql('{ merchants { totalCount } }', {}, support)).errors).toBeUndefined();
  });
});
