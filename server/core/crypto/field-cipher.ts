import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Field encryption for personal data at rest (policy 2.2.1, 5.1.1): AES-256-GCM with a fresh
 * 12-byte IV per value. The stored form is `v1.<kid>.<iv>.<ciphertext>.<tag>` (base64url parts),
 * so the key id travels with each value and keys can rotate: new values use the active key, old
 * values stay readable while their key is configured.
 */
export class FieldCipher {
  constructor(
    private readonly keys: Map<string, Buffer>,
    private readonly activeKid: string,
    private readonly blindKey: Buffer,
  ) {}

  encrypt(plain: string): string {
    const key = this.keys.get(this.activeKid)!;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', this.activeKid, iv.toString('base64url'), ct.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
  }

  encryptBytes(plain: Buffer): Buffer {
    const key = this.keys.get(this.activeKid)!;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const ct = Buffer.concat([cipher.update(plain), cipher.final()]);
    const kid = Buffer.from(this.activeKid.padEnd(16, ' '));
    return Buffer.concat([Buffer.from('MCF1'), kid, iv, cipher.getAuthTag(), ct]);
  }

  decryptBytes(blob: Buffer): Buffer {
    if (blob.subarray(0, 4).toString() !== 'MCF1') throw new Error('unknown file encryption format');
    const kid = blob.subarray(4, 20).toString().trim();
    const key = this.keys.get(kid);
    if (!key) throw new Error(`encryption key ${kid} is not configured`);
    const decipher = createDecipheriv('aes-256-gcm', key, blob.subarray(20, 32));
    decipher.setAuthTag(blob.subarray(32, 48));
    return Buffer.concat([decipher.update(blob.subarray(48)), decipher.final()]);
  }

  /** @throws Error when the value is malformed, its key is not configured, or it was tampered with. */
  decrypt(stored: string): string {
    const [version, kid, iv, ct, tag] = stored.split('.');
    if (version !== 'v1' || !tag) throw new Error('unknown field encryption format');
    const key = this.keys.get(kid);
    if (!key) throw new Error(`encryption key ${kid} is not configured`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  }

  /**
   * Keyed hash (blind index) for exact look-ups and duplicate detection without decrypting:
   * HMAC-SHA256 over the normalised value (trimmed, upper-cased, inner spaces removed), hex.
   * `domain` separates kinds of values so equal strings of different kinds never match.
   */
  blindIndex(domain: string, value: string): string {
    const normalised = value.trim().replace(/\s+/g, '').toUpperCase();
    return createHmac('sha256', this.blindKey).update(`${domain}\u0000${normalised}`).digest('hex');
  }
}
