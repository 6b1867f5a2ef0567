import crypto from 'node:crypto';
import type { Db } from '../store/connection';

/** Where the 32-byte master key lives: env var, a 0600 key file, or the OS keychain. */
export interface MasterKeyProvider {
  /** Shown in the console ("key file", "OS keychain (Secret Service)", ...). */
  readonly description: string;
  readonly kind: 'env' | 'key-file' | 'keychain';
  loadOrCreate(): Promise<Buffer>;
}

/** Upstream API secrets, AES-256-GCM encrypted at rest; plaintext exists only in memory. */
export class SecretStore {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly updateStmt;
  private readonly deleteStmt;
  private readonly cache = new Map<number, string>();
  private readonly keyId: string;

  constructor(
    db: Db,
    private readonly masterKey: Buffer,
    readonly backend: Pick<MasterKeyProvider, 'description' | 'kind'>,
  ) {
    if (masterKey.length !== 32) throw new Error('master key must be 32 bytes');
    // A fingerprint, not the key: lets us tell which key sealed a row.
    this.keyId = crypto.createHash('sha256').update(masterKey).digest('hex').slice(0, 12);
    this.insertStmt = db.prepare('INSERT INTO secrets (ciphertext, iv, tag, key_id, created_at) VALUES (?, ?, ?, ?, ?)');
    this.getStmt = db.prepare<[number], { ciphertext: Buffer; iv: Buffer; tag: Buffer; key_id: string }>('SELECT ciphertext, iv, tag, key_id FROM secrets WHERE id = ?');
    this.updateStmt = db.prepare('UPDATE secrets SET ciphertext = ?, iv = ?, tag = ?, key_id = ? WHERE id = ?');
    this.deleteStmt = db.prepare<[number]>('DELETE FROM secrets WHERE id = ?');
  }

  private seal(plaintext: string): [Buffer, Buffer, Buffer] {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.masterKey, iv);
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [ct, iv, cipher.getAuthTag()];
  }

  put(plaintext: string): number {
    const [ct, iv, tag] = this.seal(plaintext);
    const id = Number(this.insertStmt.run(ct, iv, tag, this.keyId, Date.now()).lastInsertRowid);
    this.cache.set(id, plaintext);
    return id;
  }
  replace(id: number, plaintext: string): void {
    const [ct, iv, tag] = this.seal(plaintext);
    this.updateStmt.run(ct, iv, tag, this.keyId, id);
    this.cache.set(id, plaintext);
  }
  /** Decrypts once per process; the gateway calls this per request. */
  get(id: number): string {
    const hit = this.cache.get(id);
    if (hit !== undefined) return hit;
    const row = this.getStmt.get(id);
    if (!row) throw new Error(`secret ${id} not found`);
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.masterKey, row.iv);
    decipher.setAuthTag(row.tag);
    let plaintext: string;
    try {
      plaintext = Buffer.concat([decipher.update(row.ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new Error(`secret ${id} cannot be decrypted with the current master key (key ${this.keyId}, sealed with ${row.key_id})`);
    }
    this.cache.set(id, plaintext);
    return plaintext;
  }
  delete(id: number): void {
    this.deleteStmt.run(id);
    this.cache.delete(id);
  }
}

/** `sk-proj-abcdef…9f2c` -> `sk-p…9f2c`: enough to recognise, never enough to use. */
export function secretHint(secret: string): string {
  const s = secret.trim();
  if (s.length <= 8) return '…' + s.slice(-2);
  return `${s.slice(0, 4)}…${s.slice(-4)}`;
}
