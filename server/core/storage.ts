import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FieldCipher } from './crypto/field-cipher';
import { isUuid } from './ids';

/**
 * Where uploaded files (ID photos, evidence) live. Keys are opaque; callers keep them in the
 * database. The default implementation is `LocalEncryptedStorage`; production uses an
 * S3-compatible implementation of this same interface.
 */
export interface FileStorage {
  /** Stores bytes, returns the key. */
  put(bytes: Buffer, meta: { contentType: string }): Promise<string>;
  /** @throws Error when the key does not exist. */
  get(key: string): Promise<{ bytes: Buffer; contentType: string }>;
}

/** Files on local disk, each encrypted with the field cipher (AES-256-GCM); content type kept beside. */
export class LocalEncryptedStorage implements FileStorage {
  constructor(
    private readonly dir: string,
    private readonly cipher: FieldCipher,
  ) {}

  async put(bytes: Buffer, meta: { contentType: string }): Promise<string> {
    const key = randomUUID();
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const header = Buffer.from(JSON.stringify({ contentType: meta.contentType }) + '\n');
    await writeFile(path.join(this.dir, key), this.cipher.encryptBytes(Buffer.concat([header, bytes])), { mode: 0o600 });
    return key;
  }

  async get(key: string): Promise<{ bytes: Buffer; contentType: string }> {
    if (!isUuid(key)) throw new Error('invalid storage key');
    const plain = this.cipher.decryptBytes(await readFile(path.join(this.dir, key)));
    const nl = plain.indexOf(0x0a);
    const { contentType } = JSON.parse(plain.subarray(0, nl).toString());
    return { bytes: plain.subarray(nl + 1), contentType };
  }
}
