import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startTestConsole, type TestConsole } from '../helpers/console';

let c: TestConsole;
beforeAll(async () => {
  c = await startTestConsole();
});
afterAll(() => c?.close());

const CHAIN = '{ auditChainStatus { ok checked firstBrokenSeq } }';

describe('append-only audit log', () => {
  it('the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(c.sql(`UPDATE audit_event SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(c.sql(`DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
    await expect(c.sql(`TRUNCATE audit_event`)).rejects.toThrow(/append-only/);
  });

  it('chains events by hash, also under concurrent appends', async () => {
    const tokens = await Promise.all(['reviewer', 'lead', 'support', 'finance', 'admin'].map((l) => c.signIn(l)));
    await Promise.all(tokens.flatMap((t) => [c.gql('mutation { markNotificationsRead }', {}, t), c.gql('mutation { markNotificationsRead }', {}, t)]));
    const rows = await c.sql(`SELECT chain_seq::int AS seq, prev_hash, hash FROM audit_event ORDER BY chain_seq`);
    rows.forEach((r, i) => {
      expect(r.seq).toBe(i + 1);
      expect(r.prev_hash).toBe(i === 0 ? '0'.repeat(64) : rows[i - 1].hash);
    });
    const r = await c.gql(CHAIN, {}, await c.signIn('auditor'));
    expect(r.data.auditChainStatus).toMatchObject({ ok: true, firstBrokenSeq: null });
    expect(r.data.auditChainStatus.checked).toBe(rows.length + 1); // + the auditor's own sign-in
  });

  it('verification fails at the first row altered underneath (triggers bypassed by a superuser)', async () => {
    const auditor = await c.signIn('auditor');
    const [target] = await c.sql(`SELECT chain_seq FROM audit_event WHERE action = 'account.signIn' ORDER BY chain_seq LIMIT 1 OFFSET 2`);
    await c.sql(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_change`);
    await c.sql(`UPDATE audit_event SET actor_label = 'someone-else' WHERE chain_seq = $1`, [target.chain_seq]);
    await c.sql(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_change`);
    const r = await c.gql(CHAIN, {}, auditor);
    expect(r.data.auditChainStatus).toMatchObject({ ok: false, firstBrokenSeq: String(target.chain_seq) });
  });

  it('verification also notices a deleted row', async () => {
    const c2 = await startTestConsole();
    try {
      await c2.signIn('lead');
      await c2.signIn('lead');
      await c2.sql(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_change`);
      await c2.sql(`DELETE FROM audit_event WHERE chain_seq = 2`);
      await c2.sql(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_change`);
      const r = await c2.gql(CHAIN, {}, await c2.signIn('auditor'));
      expect(r.data.auditChainStatus.ok).toBe(false);
      expect(r.data.auditChainStatus.firstBrokenSeq).toBe('3');
    } finally {
      await c2.close();
    }
  });
});

describe('audit search and export', () => {
  it('the auditor filters by action prefix, actor and time window, newest first', async () => {
    const auditor = await c.signIn('auditor');
    const lead = (await c.gql('{ me { id } }', {}, await c.signIn('lead'))).data.me.id;
    const r = await c.gql(
      'query($f: AuditFilter) { auditEvents(filter: $f, perPage: 5) { totalCount items { action actorAccountId occurredAt } } }',
      { f: { action: 'account.', actorAccountId: lead, from: new Date(Date.now() - 3600_000).toISOString() } },
      auditor,
    );
    const { items, totalCount } = r.data.auditEvents;
    expect(totalCount).toBeGreaterThan(0);
    for (const e of items) {
      expect(e.action.startsWith('account.')).toBe(true);
      expect(e.actorAccountId).toBe(lead);
    }
    const times = items.map((e: { occurredAt: string }) => e.occurredAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('export returns CSV, needs a purpose and is itself audited', async () => {
    const auditor = await c.signIn('auditor');
    const r = await c.gql(
      'mutation($f: AuditFilter, $p: String!) { exportAuditEvents(filter: $f, purpose: $p) { fileName csv rowCount } }',
      { f: { action: 'account.signIn' }, p: 'quarterly access review Q4' },
      auditor,
    );
    const { csv, rowCount, fileName } = r.data.exportAuditEvents;
    expect(fileName).toMatch(/^audit-\d{14}\.csv$/);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('chainSeq,occurredAt,actorAccountId,actorKind,actorLabel,action,outcome,targetType,targetId,storeId,purpose,requestId,ip,before,after,hash');
    expect(lines).toHaveLength(rowCount + 1);
    const [ev] = await c.sql(`SELECT purpose, after FROM audit_event WHERE action = 'audit.export' ORDER BY chain_seq DESC LIMIT 1`);
    expect(ev.purpose).toBe('quarterly access review Q4');
    expect(ev.after.rowCount).toBe(rowCount);
    errorOf(await c.gql('mutation { exportAuditEvents(purpose: "x") { rowCount } }', {}, auditor), 'BAD_USER_INPUT');
  });

  it('ops_lead may search but not export; a reviewer may do neither', async () => {
    const lead = await c.signIn('lead');
    expect((await c.gql('{ auditEvents { totalCount } }', {}, lead)).errors).toBeUndefined();
    errorOf(await c.gql('mutation { exportAuditEvents(purpose: "looking around") { rowCount } }', {}, lead), 'FORBIDDEN');
    errorOf(await c.gql('{ auditEvents { totalCount } }', {}, await c.signIn('reviewer')), 'FORBIDDEN');
  });

  it('every mutation writes an event with actor, request id and IP', async () => {
    const t = await c.signIn('finance');
    await c.gql('mutation { markNotificationsRead }', {}, t, { 'x-request-id': 'req-audit-check-1' });
    const [ev] = await c.sql(`SELECT actor_label, actor_kind, request_id, ip FROM audit_event WHERE request_id = 'req-audit-check-1'`);
    expect(ev).toMatchObject({ actor_label: 'finance', actor_kind: 'staff', request_id: 'req-audit-check-1' });
    expect(ev.ip).toMatch(/127\.0\.0\.1/);
  });
});
