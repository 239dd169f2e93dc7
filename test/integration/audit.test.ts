import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditVerify } from '../../server/database/cli';
import { errorOf, startTestConsole, type TestConsole } from '../helpers/console';

let c: TestConsole;
beforeAll(async () => {
  c = await startTestConsole();
});
afterAll(() => c?.close());

const CHAIN = '{ auditChainStatus { ok checked firstBrokenSeq } }';
const CHAIN_FULL = '{ auditChainStatus { ok checked firstBrokenSeq truncatedBelowSeq reason lastAnchor { seq hash at } } }';

describe('append-only audit log', () => {
  it('the database refuses UPDATE, DELETE and TRUNCATE [policy 2.6.1]', async () => {
    await expect(c.sql(`UPDATE audit_event SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(c.sql(`DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
    await expect(c.sql(`TRUNCATE audit_event`)).rejects.toThrow(/append-only/);
  });

  it('chains events by hash, also under concurrent appends [policy 2.6.1]', async () => {
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
      expect(r.data.auditChainStatus.firstBrokenSeq).toBe('2'); // the missing row itself
    } finally {
      await c2.close();
    }
  });
});

/** `npm run audit:verify` in process: its exit code and printed lines. */
async function verifyCli(t: TestConsole): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await auditVerify(t.app.dataSource, t.app.config, (l) => lines.push(l));
  return { code, out: lines.join('\n') };
}

/** What someone holding the database (not the key) does: bypass the triggers as superuser and run `sql`. */
async function asDatabaseHolder(t: TestConsole, sql: string, params?: unknown[]) {
  await t.sql(`ALTER TABLE audit_event DISABLE TRIGGER USER`);
  try {
    await t.sql(sql, params);
  } finally {
    await t.sql(`ALTER TABLE audit_event ENABLE TRIGGER USER`);
  }
}

describe('keyed chain and signed anchors (issue 10 item 4)', () => {
  it('an intact log passes, is anchored outside the database, and names the last anchor', async () => {
    const t = await startTestConsole();
    try {
      await t.signIn('lead');
      const first = await verifyCli(t);
      expect(first.code).toBe(0);
      const [head] = await t.sql(`SELECT chain_seq::text AS seq, hash FROM audit_event ORDER BY chain_seq DESC LIMIT 1`);
      expect(first.out).toContain(`last good anchor: chain_seq ${head.seq} hash ${head.hash}`);
      const files = readdirSync(t.app.config.auditCheckpointDir).filter((f) => f.endsWith('.json'));
      const anchor = JSON.parse(readFileSync(path.join(t.app.config.auditCheckpointDir, files.sort().at(-1)!), 'utf8'));
      expect(anchor).toMatchObject({ seq: head.seq, hash: head.hash });
      expect(statSync(path.join(t.app.config.auditCheckpointDir, files[0])).mode & 0o777).toBe(0o600);
      const r = await t.gql(CHAIN_FULL, {}, await t.signIn('auditor'));
      expect(r.data.auditChainStatus).toMatchObject({ ok: true, lastAnchor: { seq: head.seq, hash: head.hash } });
    } finally {
      await t.close();
    }
  });

  it('a row rewritten and the later hashes recomputed with plain SHA-256 fails verification (exit 2)', async () => {
    const t = await startTestConsole();
    try {
      for (const l of ['lead', 'reviewer', 'support']) await t.signIn(l);
      const [target] = await t.sql(`SELECT chain_seq::int AS seq FROM audit_event WHERE action = 'account.signIn' ORDER BY chain_seq LIMIT 1 OFFSET 1`);
      // Edit the row, then re-link every later row with the digest the database knows (no key), as the old chain allowed.
      await asDatabaseHolder(
        t,
        `DO $$ DECLARE r record; prev text; BEGIN
           UPDATE audit_event SET actor_label = 'someone-else' WHERE chain_seq = ${target.seq};
           SELECT hash INTO prev FROM audit_event WHERE chain_seq = ${target.seq} - 1;
           FOR r IN SELECT chain_seq FROM audit_event WHERE chain_seq >= ${target.seq} ORDER BY chain_seq LOOP
             UPDATE audit_event e SET prev_hash = prev WHERE chain_seq = r.chain_seq;
             UPDATE audit_event e SET hash = audit_event_digest(e.prev_hash, e) WHERE chain_seq = r.chain_seq RETURNING hash INTO prev;
           END LOOP; END $$`,
      );
      const res = await verifyCli(t);
      expect(res.code).toBe(2);
      expect(res.out).toContain(`BROKEN at chain_seq ${target.seq}`);
      // Marking the rewritten rows as pre-keying (plain SHA-256) does not help either.
      await asDatabaseHolder(t, `UPDATE audit_event SET keyed = false WHERE chain_seq >= $1`, [target.seq]);
      expect((await verifyCli(t)).out).toContain(`BROKEN at chain_seq ${target.seq}: row ${target.seq} carries an unkeyed hash`);
    } finally {
      await t.close();
    }
  });

  it('deleting the newest rows is detected as truncation below the signed anchor', async () => {
    const t = await startTestConsole();
    try {
      for (const l of ['lead', 'reviewer', 'support', 'finance']) await t.signIn(l);
      expect((await verifyCli(t)).code).toBe(0);
      const [{ head }] = await t.sql(`SELECT max(chain_seq)::int AS head FROM audit_event`);
      await asDatabaseHolder(t, `DELETE FROM audit_event WHERE chain_seq > $1`, [head - 3]);
      const res = await verifyCli(t);
      expect(res.code).toBe(2);
      expect(res.out).toContain(`the log ends at row ${head - 3}, below the signed anchor at row ${head}`);
      // The auditor's sign-in appends row head - 2 after the truncated head: rows head - 1 .. head are still missing.
      const r = await t.gql(CHAIN_FULL, {}, await t.signIn('auditor'));
      expect(r.data.auditChainStatus).toMatchObject({ ok: false, truncatedBelowSeq: String(head), firstBrokenSeq: String(head - 1) });
      // The anchor of the truncated head is not overwritten by a lower one.
      expect(Math.max(...readdirSync(t.app.config.auditCheckpointDir).map((f) => Number(f.slice(0, 20))))).toBe(head);
    } finally {
      await t.close();
    }
  });

  it('a forged checkpoint file (no key) is ignored and named', async () => {
    const t = await startTestConsole({ seed: false });
    try {
      writeFileSync(path.join(t.app.config.auditCheckpointDir, `${'9'.padStart(20, '0')}.json`), JSON.stringify({ seq: '9', hash: 'x', at: 'now', legacyThrough: '0', sig: 'forged' }));
      const res = await verifyCli(t);
      expect(res.code).toBe(0);
      expect(res.out).toContain(`ignored checkpoint with a bad signature: ${'9'.padStart(20, '0')}.json`);
    } finally {
      await t.close();
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

  it('every mutation writes an event with actor, request id and IP [policy 2.6.1]', async () => {
    const t = await c.signIn('finance');
    await c.gql('mutation { markNotificationsRead }', {}, t, { 'x-request-id': 'req-audit-check-1' });
    const [ev] = await c.sql(`SELECT actor_label, actor_kind, request_id, ip FROM audit_event WHERE request_id = 'req-audit-check-1'`);
    expect(ev).toMatchObject({ actor_label: 'finance', actor_kind: 'staff', request_id: 'req-audit-check-1' });
    expect(ev.ip).toMatch(/127\.0\.0\.1/);
  });
});
