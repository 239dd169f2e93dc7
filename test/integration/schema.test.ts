import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config';
import { MIGRATIONS } from '../../migrations';
import { createDataSource } from '../../server/database/data-source';
import { listOperations, permissionsMarkdown } from '../../server/graphql/operations';
import { buildAppSchema, printAppSchema } from '../../server/graphql/schema';
import { startTestConsole, type TestConsole } from '../helpers/console';
import { rootFields, sampleOperation } from '../helpers/sample-operation';

let c: TestConsole;
beforeAll(async () => {
  c = await startTestConsole({ seed: false });
});
afterAll(() => c?.close());

describe('schema and permissions declarations', () => {
  it('every Query, Mutation and field resolver declares what it needs', () => {
    const ops = listOperations();
    expect(ops.length).toBeGreaterThan(10);
    const undeclared = ops.filter((o) => !o.requirements?.length).map((o) => o.name);
    expect(undeclared).toEqual([]);
  });

  it('only sign-in and the public pages are public', () => {
    const publicOps = listOperations()
      .filter((o) => o.requirements?.some((r) => r.kind === 'public'))
      .map((o) => o.name);
    expect(publicOps).toEqual([
      'Mutation.acceptSubAccountInvitation',
      'Mutation.sendDisclosureCode',
      'Mutation.signIn',
      'Mutation.viewDisclosure',
      'PublicPolicyVersion.whatChanged',
      'Query.publicPenaltyNotices',
      'Query.publicPolicy',
      'Query.publicPolicyDocuments',
      'Query.publicPolicyVersion',
      'Query.publicViolationCategories',
    ]);
  });

  it('schema.graphql is up to date (run `npm run schema:print`)', async () => {
    const committed = readFileSync(path.join(PROJECT_ROOT, 'schema.graphql'), 'utf8');
    expect(printAppSchema(await buildAppSchema(null))).toBe(committed);
  });

  it('docs/permissions.md is up to date (run `npm run schema:print`)', () => {
    expect(permissionsMarkdown()).toBe(readFileSync(path.join(PROJECT_ROOT, 'docs', 'permissions.md'), 'utf8'));
  });

  it('every non-public operation refuses an unauthenticated call with UNAUTHENTICATED, and changes nothing', async () => {
    const schema = await buildAppSchema(null);
    const publicOps = new Set([
      'signIn',
      'acceptSubAccountInvitation',
      'sendDisclosureCode',
      'viewDisclosure',
      'publicPolicy',
      'publicPolicyDocuments',
      'publicPolicyVersion',
      'publicPenaltyNotices',
      'publicViolationCategories',
    ]);
    const [{ n: before }] = await c.sql('SELECT count(*)::int AS n FROM audit_event');
    for (const { kind, field } of rootFields(schema)) {
      if (publicOps.has(field.name)) continue;
      const { query, variables } = sampleOperation(schema, kind, field);
      for (const token of [undefined, 'not-a-real-token']) {
        const r = await c.gql(query, variables, token);
        expect(r.errors?.[0]?.extensions.code, `${kind}.${field.name}`).toBe('UNAUTHENTICATED');
      }
    }
    const [{ n: after }] = await c.sql('SELECT count(*)::int AS n FROM audit_event');
    expect(after).toBe(before);
  });
});

describe('database schema', () => {
  it('entities and migrations do not drift apart', async () => {
    const ds = createDataSource(c.db.ownerUrl, { poolSize: 1 });
    await ds.initialize();
    try {
      const pending = await ds.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await ds.destroy();
    }
  });

  it('every migration reverts and re-applies cleanly (db:revert / db:migrate)', async () => {
    const ds = createDataSource(c.db.ownerUrl, { poolSize: 2 });
    await ds.initialize();
    try {
      for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration({ transaction: 'each' });
      const tables = await ds.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migrations'`);
      expect(tables).toEqual([]);
      await ds.runMigrations({ transaction: 'each' });
      expect(await ds.showMigrations()).toBe(false);
      expect((await ds.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
    } finally {
      await ds.destroy();
    }
  });
});
