import type { Client } from 'pg';
import type { FieldCipher } from '../server/core/crypto/field-cipher';
import { makePerson, rng } from '../server/seed/people';
import { elapsedMs } from './stats';

/** Share of each store status in the dataset (cumulative thresholds over a uniform draw). */
export const STORE_STATUS_MIX: [status: string, share: number][] = [
  ['open', 0.7],
  ['pending_verification', 0.15],
  ['suspended', 0.1],
  ['closed', 0.05],
];
/** Merchants per INSERT statement: about 2 MB of parameters. */
const BATCH = 10_000;
/** created_at spreads over the 3 years before generation, oldest first (id order = age order). */
const SPAN_SECONDS = 3 * 365 * 24 * 3600;
/** Seed of the generator: the same N gives the same people, nicknames and statuses. */
const SEED = 20_261_201;

/** Where the generation time went. */
export interface GenerationTimings {
  /** Wall time of the whole generation (rows, indexes, staff seed, VACUUM ANALYZE), ms. */
  totalMs: number;
  /** Node time making people and encrypting mobiles (FieldCipher) and their blind index, ms. */
  prepareMs: number;
  /** Wall time waiting on the INSERT statements, ms (overlaps `prepareMs` of the next batch). */
  insertWaitMs: number;
  /** VACUUM ANALYZE of the database at the end, ms (see vacuumAnalyze). */
  analyzeMs?: number;
}

interface Batch {
  firstId: number;
  nicknames: string[];
  mobileEnc: string[];
  mobileHash: string[];
  statuses: string[];
}

function statusOf(u: number): string {
  let acc = 0;
  for (const [status, share] of STORE_STATUS_MIX) {
    acc += share;
    if (u < acc) return status;
  }
  return STORE_STATUS_MIX[STORE_STATUS_MIX.length - 1][0];
}

/** Makes merchants `firstId`..`firstId+count-1` in Node: names from server/seed/people.ts, mobiles encrypted with the app's FieldCipher. */
function prepareBatch(next: () => number, cipher: FieldCipher, firstId: number, count: number): Batch {
  const b: Batch = { firstId, nicknames: [], mobileEnc: [], mobileHash: [], statuses: [] };
  for (let k = 0; k < count; k++) {
    const p = makePerson(next, firstId + k);
    b.nicknames.push(p.shopName);
    b.mobileEnc.push(cipher.encrypt(p.mobile));
    b.mobileHash.push(cipher.blindIndex('mobile', p.mobile));
    b.statuses.push(statusOf(next()));
  }
  return b;
}

/**
 * One statement per batch, set-based: unnest() of the Node-made columns, ids given explicitly
 * (id i: account i -> merchant i -> store i), everything else computed in SQL.
 * Accounts get password hash '!' (no password sign-in).
 */
const INSERT_BATCH = `
WITH src AS (
  SELECT $5::bigint + o - 1 AS i, nick, menc, mhash, st,
         $6::timestamptz - make_interval(secs => ($7::bigint - ($5::bigint + o - 1)) * $8::float8) AS ts
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS t(nick, menc, mhash, st, o)
), acc AS (
  INSERT INTO account (id, kind, login_name, display_name, password_hash, created_at, updated_at) OVERRIDING SYSTEM VALUE
  SELECT i, 'merchant', 'bench' || lpad(i::text, 8, '0'), nick, '!', ts, ts FROM src
), mer AS (
  INSERT INTO merchant (id, account_id, platform_account_id, account_name, nickname, mobile_enc, mobile_hash, created_at) OVERRIDING SYSTEM VALUE
  SELECT i, i, 'KS' || lpad((4000000000 + i)::text, 12, '0'), nick, nick, menc, mhash, ts FROM src
)
INSERT INTO store (id, merchant_id, name, status, opened_at, created_at) OVERRIDING SYSTEM VALUE
SELECT i, i, nick, st, CASE WHEN st <> 'pending_verification' THEN ts + interval '1 day' END, ts FROM src`;

/**
 * Fills an empty, migrated bench database with `n` merchant accounts, merchants and stores.
 * Node prepares batch k+1 (people, AES-GCM encryption) while PostgreSQL inserts batch k. The
 * secondary indexes of the three tables are dropped for the load and rebuilt from their own
 * definitions (pg_get_indexdef) afterwards, which is faster than maintaining them row by row;
 * the schema ends exactly as the migrations made it. Ends with identity sequences moved past the
 * dataset; the caller runs vacuumAnalyze() once everything else is written.
 * @param progress called with a one-line message now and then.
 */
export async function generateDataset(c: Client, cipher: FieldCipher, n: number, progress: (line: string) => void): Promise<Omit<GenerationTimings, 'analyzeMs'>> {
  const t0 = process.hrtime.bigint();
  const next = rng(SEED);
  const end = new Date();
  const step = SPAN_SECONDS / n;
  let prepareMs = 0;
  let insertWaitMs = 0;
  // Session settings for the bulk load only: bigger sort memory for the index builds, no commit flush waits.
  await c.query(`SET maintenance_work_mem = '512MB'`);
  await c.query(`SET synchronous_commit = off`);

  const { rows: indexes } = await c.query<{ name: string; def: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
      WHERE t.relname IN ('account', 'merchant', 'store') AND t.relnamespace = 'public'::regnamespace AND NOT x.indisprimary`,
  );
  for (const ix of indexes) await c.query(`DROP INDEX "${ix.name}"`);
  progress(`dropped ${indexes.length} secondary indexes for the load`);

  const prepare = (firstId: number) => {
    const s = process.hrtime.bigint();
    const b = prepareBatch(next, cipher, firstId, Math.min(BATCH, n - firstId + 1));
    prepareMs += elapsedMs(s);
    return b;
  };
  const insert = (b: Batch) => c.query(INSERT_BATCH, [b.nicknames, b.mobileEnc, b.mobileHash, b.statuses, b.firstId, end, n, step]);

  let pending = insert(prepare(1));
  let lastReport = Date.now();
  for (let first = 1 + BATCH; ; first += BATCH) {
    const batch = first <= n ? prepare(first) : undefined;
    const w = process.hrtime.bigint();
    await pending;
    insertWaitMs += elapsedMs(w);
    const done = Math.min(n, first - 1);
    if (Date.now() - lastReport > 5000 || !batch) {
      lastReport = Date.now();
      const s = elapsedMs(t0) / 1000;
      progress(`${done.toLocaleString('en-US')} / ${n.toLocaleString('en-US')} merchants (${s.toFixed(1)} s, ${Math.round(done / s).toLocaleString('en-US')} /s)`);
    }
    if (!batch) break;
    pending = insert(batch);
  }

  const ix0 = process.hrtime.bigint();
  for (const ix of indexes) await c.query(ix.def);
  progress(`rebuilt ${indexes.length} indexes in ${(elapsedMs(ix0) / 1000).toFixed(1)} s`);
  for (const table of ['account', 'merchant', 'store']) {
    await c.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), GREATEST($1::bigint, (SELECT COALESCE(max(id), 1) FROM ${table})))`, [n]);
  }
  return { totalMs: elapsedMs(t0), prepareMs, insertWaitMs };
}

/**
 * VACUUM ANALYZE of the whole bench database: planner statistics, and the visibility map that
 * index-only scans (count(*)) rely on, as autovacuum would leave a settled production table.
 * Run last, with no other session open, so no snapshot holds rows back from all-visible.
 * @returns its duration, ms.
 */
export async function vacuumAnalyze(c: Client): Promise<number> {
  const t0 = process.hrtime.bigint();
  await c.query('VACUUM ANALYZE');
  return elapsedMs(t0);
}
