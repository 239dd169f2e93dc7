import { createHmac } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { sameHash, verifyChain, type ChainAnchor, type ChainVerification } from './audit-chain';

const KEEP = 100;
const FILE = /^(\d{20})\.json$/;

/**
 * Signed checkpoints of the audit chain's head, kept outside the database (a folder: DATA_DIR/
 * audit-checkpoints, or AUDIT_CHECKPOINT_DIR on storage the database's holder cannot write).
 * Each file is `{seq, hash, at, legacyThrough, sig}`, `sig` = HMAC-SHA256 over the other fields
 * with a key derived from AUDIT_CHAIN_KEY; files with a bad signature are ignored (and named).
 * The newest KEEP files are kept.
 */
export class AuditCheckpoints {
  private readonly signingKey: Buffer;
  constructor(
    readonly dir: string,
    chainKey: Buffer,
  ) {
    this.signingKey = createHmac('sha256', chainKey).update('merchant-console audit checkpoint v1').digest();
  }

  private sign(a: ChainAnchor): string {
    return createHmac('sha256', this.signingKey)
      .update(JSON.stringify([a.seq, a.hash, a.at, a.legacyThrough]))
      .digest('base64url');
  }

  /** Every anchor with a valid signature, oldest first, and the names of files that failed. */
  async list(): Promise<{ anchors: ChainAnchor[]; rejected: string[] }> {
    const names = (await readdir(this.dir).catch(() => [] as string[])).filter((n) => FILE.test(n)).sort();
    const anchors: ChainAnchor[] = [];
    const rejected: string[] = [];
    for (const name of names) {
      try {
        const j = JSON.parse(await readFile(path.join(this.dir, name), 'utf8'));
        const a: ChainAnchor = { seq: String(j.seq), hash: String(j.hash), at: String(j.at), legacyThrough: String(j.legacyThrough) };
        if (typeof j.sig === 'string' && sameHash(this.sign(a), j.sig) && /^\d+$/.test(a.seq) && /^\d+$/.test(a.legacyThrough)) anchors.push(a);
        else rejected.push(name);
      } catch {
        rejected.push(name);
      }
    }
    return { anchors, rejected };
  }

  /** Writes an anchor (atomically: temp file, then rename; mode 0600) and drops the oldest beyond KEEP. */
  async write(a: ChainAnchor): Promise<string> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const file = path.join(this.dir, `${a.seq.padStart(20, '0')}.json`);
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify({ ...a, sig: this.sign(a) }) + '\n', { mode: 0o600 });
    await rename(tmp, file);
    const names = (await readdir(this.dir)).filter((n) => FILE.test(n)).sort();
    for (const old of names.slice(0, Math.max(0, names.length - KEEP))) await rm(path.join(this.dir, old), { force: true });
    return file;
  }

  /**
   * Verifies the whole chain against the anchors and, when it is intact and its head moved past the
   * newest anchor (or there is none), anchors the head. Run by the `audit-checkpoint` job and by
   * `npm run audit:verify`. A broken chain is never anchored.
   */
  async verifyAndAnchor(ds: DataSource, chainKey: Buffer, opts: { anchor: boolean }): Promise<ChainVerification & { rejectedFiles: string[]; written?: ChainAnchor }> {
    const { anchors, rejected } = await this.list();
    const res = await verifyChain(ds, chainKey, anchors);
    if (!res.ok || !opts.anchor) return { ...res, rejectedFiles: rejected };
    const newest = anchors.reduce((m, a) => (BigInt(a.seq) > m ? BigInt(a.seq) : m), -1n);
    if (BigInt(res.headSeq) <= newest) return { ...res, rejectedFiles: rejected };
    const [head] = await ds.query(
      `SELECT COALESCE(max(chain_seq), 0)::text AS seq,
              COALESCE((SELECT hash FROM audit_event WHERE chain_seq = $1), repeat('0', 64)) AS hash,
              COALESCE((SELECT max(chain_seq) FROM audit_event WHERE NOT keyed), 0)::text AS legacy
         FROM audit_event WHERE chain_seq <= $1`,
      [res.headSeq],
    );
    const legacyThrough = anchors.length ? anchors[anchors.length - 1].legacyThrough : head.legacy;
    const written: ChainAnchor = { seq: head.seq, hash: head.hash, at: new Date().toISOString(), legacyThrough };
    await this.write(written);
    return { ...res, lastGoodAnchor: written, rejectedFiles: rejected, written };
  }
}
