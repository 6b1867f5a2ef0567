import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { MasterKeyProvider } from './secret-store';

/** Key from TOKENALTAR_SECRET_KEY: 32 bytes as base64 or hex, or any passphrase (hashed). */
export class EnvMasterKey implements MasterKeyProvider {
  readonly kind = 'env' as const;
  readonly description = 'TOKENALTAR_SECRET_KEY environment variable';
  constructor(private readonly value: string) {}
  async loadOrCreate(): Promise<Buffer> {
    const v = this.value.trim();
    if (/^[0-9a-f]{64}$/i.test(v)) return Buffer.from(v, 'hex');
    const b64 = Buffer.from(v, 'base64');
    if (b64.length === 32 && /^[A-Za-z0-9+/=_-]+$/.test(v)) return b64;
    return crypto.createHash('sha256').update(v, 'utf8').digest();
  }
}

/** A random key in a 0600 file in the data dir: the headless-server default. */
export class KeyFileMasterKey implements MasterKeyProvider {
  readonly kind = 'key-file' as const;
  readonly description: string;
  constructor(private readonly file: string) {
    this.description = `key file ${file}`;
  }
  async loadOrCreate(): Promise<Buffer> {
    try {
      const key = Buffer.from(fs.readFileSync(this.file, 'utf8').trim(), 'base64');
      if (key.length !== 32) throw new Error(`${this.file} does not hold a 32-byte base64 key`);
      return key;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const key = crypto.randomBytes(32);
    // 'wx' fails if another process created it meanwhile; then read theirs.
    try {
      fs.writeFileSync(this.file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
      return key;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return this.loadOrCreate();
      throw err;
    }
  }
}
