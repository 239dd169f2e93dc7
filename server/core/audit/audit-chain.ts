import { createHmac, timingSafeEqual } from 'node:crypto';
import { configure } from 'safe-stable-stringify';
import type { DataSource, EntityManager } from 'typeorm';

/** JSON with object keys sorted: jsonb reorders keys, so snapshots are hashed in a fixed order. */
const stableJson = configure({ deterministic: true, bigint: false, circularValue: Error });

export const GENESIS_HASH = '0'.repeat(64);

/** The chained fields of one audit row, as stored (ids as decimal strings, `occurredAt` to the millisecond). */
export interface ChainRow {
  chainSeq: string;
  occurredAt: Date;
  actorAccountId: string | null;
  actorKind: string;
  actorLabel: string | null;
  action: string;
  outcome: string;
  targetType: string | null;
  targetId: string | null;
  storeId: string | null;
  purpose: string | null;
  requestId: string | null;
  ip: string | null;
  before: unknown;
  after: unknown;
}

/**
 * The keyed link of the audit chain: HMAC-SHA256(AUDIT_CHAIN_KEY, [prevHash, row fields...]) as
 * 64 hex characters. Snapshots are hashed as sorted-key JSON of their stored (jsonb) value, so the
 * writer and the verifier agree whatever key order PostgreSQL returns.
 */
export function chainHash(key: Buffer, prevHash: string, r: ChainRow): string {
  const message = JSON.stringify([
    prevHash,
    r.chainSeq,
    r.occurredAt.toISOString(),
    r.actorAccountId,
    r.actorKind,
    r.actorLabel,
    r.action,
    r.outcome,
    r.targetType,
    r.targetId,
    r.storeId,
    r.purpose,
    r.requestId,
    r.ip,
    r.before == null ? null : stableJson(r.before),
    r.after == null ? null : stableJson(r.after),
  ]);
  return createHmac('sha256', key).update(message).digest('hex');
}

export function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** Takes the append lock (to commit) and returns the chain head and the instant for new rows. */
export async function lockChainHead(em: EntityManager): Promise<{ seq: bigint; hash: string; at: Date }> {
  const [h] = await em.query(`SELECT seq::text, hash, at FROM audit_chain_head()`);
  return { seq: BigInt(h.seq), hash: h.hash, at: h.at };
}

/** One signed anchor of the chain head kept outside the database (see checkpoints.ts). */
export interface ChainAnchor {
  seq: string;
  hash: string;
  at: string;
  /** Highest chain_seq allowed to carry an unkeyed (pre-keying) hash. */
  legacyThrough: string;
}

export interface ChainVerification {
  ok: boolean;
  /** Rows walked. */
  checked: number;
  /** Last chain_seq present (0 for an empty log). */
  headSeq: string;
  /** chain_seq of the first broken link (altered, re-linked, removed or unkeyed row). */
  firstBrokenSeq?: string;
  /** Set when the log ends below an anchor: rows from `headSeq + 1` up to this anchor were removed. */
  truncatedBelowSeq?: string;
  /** The newest anchor the chain still matches (below any break). */
  lastGoodAnchor?: ChainAnchor;
  /** Why it is not ok, in words. */
  reason?: string;
}

const BATCH = 5000;

/**
 * Walks the chain in chain_seq order from row 1, in batches: contiguous numbering, each
 * `prev_hash` equal to the previous `hash`, keyed rows' HMAC recomputed with `key`, unkeyed rows
 * only as a prefix (before keying) and never above the anchors' `legacyThrough`, checked with the
 * SQL digest. Then compares with the anchors (newest first): a head below an anchor is truncation,
 * a row whose hash differs from its anchor is a rewrite.
 * Source: issue 10 item 4; policy 2.6.1, 5.1.2 (logs kept unaltered).
 */
export async function verifyChain(ds: DataSource, key: Buffer, anchors: ChainAnchor[]): Promise<ChainVerification> {
  const legacyLimit = anchors.length ? anchors.reduce((m, a) => (BigInt(a.legacyThrough) > m ? BigInt(a.legacyThrough) : m), 0n) : undefined;
  const bySeq = new Map(anchors.map((a) => [a.seq, a]));
  const matched = new Map<string, boolean>();
  let prev = GENESIS_HASH;
  let expected = 1n;
  let sawKeyed = false;
  let checked = 0;
  let broken: { seq: bigint; reason: string } | undefined;
  for (let after = 0n; !broken;) {
    const rows: (Record<string, any> & { legacy_ok: boolean | null })[] = await ds.query(
      `SELECT e.chain_seq::text AS seq, e.occurred_at, e.actor_account_id::text AS actor_account_id, e.actor_kind, e.actor_label, e.action, e.outcome,
              e.target_type, e.target_id, e.store_id::text AS store_id, e.purpose, e.request_id, e.ip, e.before, e.after, e.prev_hash, e.hash, e.keyed,
              CASE WHEN NOT e.keyed THEN audit_event_digest(e.prev_hash, e) = e.hash END AS legacy_ok
         FROM audit_event e WHERE e.chain_seq > $1 ORDER BY e.chain_seq LIMIT ${BATCH}`,
      [after.toString()],
    );
    for (const r of rows) {
      const seq = BigInt(r.seq);
      checked++;
      if (seq !== expected) broken = { seq: expected, reason: `row ${expected} is missing` };
      else if (r.prev_hash !== prev) broken = { seq, reason: `row ${seq} is not linked to row ${seq - 1n}` };
      else if (r.keyed) {
        sawKeyed = true;
        const row: ChainRow = {
          chainSeq: r.seq,
          occurredAt: r.occurred_at,
          actorAccountId: r.actor_account_id,
          actorKind: r.actor_kind,
          actorLabel: r.actor_label,
          action: r.action,
          outcome: r.outcome,
          targetType: r.target_type,
          targetId: r.target_id,
          storeId: r.store_id,
          purpose: r.purpose,
          requestId: r.request_id,
          ip: r.ip,
          before: r.before,
          after: r.after,
        };
        if (!sameHash(chainHash(key, prev, row), r.hash)) broken = { seq, reason: `row ${seq} does not match its keyed hash (altered, or written without AUDIT_CHAIN_KEY)` };
      } else if (sawKeyed || (legacyLimit !== undefined && seq > legacyLimit)) broken = { seq, reason: `row ${seq} carries an unkeyed hash after keying began` };
      else if (!r.legacy_ok) broken = { seq, reason: `row ${seq} does not match its hash` };
      if (broken) break;
      const anchor = bySeq.get(r.seq);
      if (anchor) {
        matched.set(anchor.seq, anchor.hash === r.hash);
        if (anchor.hash !== r.hash) {
          broken = { seq, reason: `row ${seq} differs from the signed anchor of ${anchor.at}` };
          break;
        }
      }
      prev = r.hash;
      expected = seq + 1n;
    }
    if (rows.length < BATCH) break;
    after = expected - 1n;
  }
  const headSeq = expected - 1n;
  const newest = anchors.reduce<ChainAnchor | undefined>((m, a) => (!m || BigInt(a.seq) > BigInt(m.seq) ? a : m), undefined);
  const lastGoodAnchor = anchors
    .filter((a) => matched.get(a.seq) === true || (a.seq === '0' && a.hash === GENESIS_HASH))
    .filter((a) => !broken || BigInt(a.seq) < broken.seq)
    .reduce<ChainAnchor | undefined>((m, a) => (!m || BigInt(a.seq) > BigInt(m.seq) ? a : m), undefined);
  const result: ChainVerification = { ok: !broken, checked, headSeq: headSeq.toString(), lastGoodAnchor };
  if (broken) Object.assign(result, { firstBrokenSeq: broken.seq.toString(), reason: broken.reason });
  else if (newest && BigInt(newest.seq) > headSeq) {
    Object.assign(result, {
      ok: false,
      firstBrokenSeq: (headSeq + 1n).toString(),
      truncatedBelowSeq: newest.seq,
      reason: `the log ends at row ${headSeq}, below the signed anchor at row ${newest.seq} (${newest.at}): rows were removed`,
    });
  }
  return result;
}
