import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../store/connection';
import { EnvMasterKey, KeyFileMasterKey } from './master-key-file';
import { SecretStore, secretHint } from './secret-store';

describe('secret store', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ta-secrets-'));
  const db = openDatabase({ file: path.join(dir, 's.sqlite3') });

  it('seals with AES-256-GCM and reads back; another key cannot open it', () => {
    const key = crypto.randomBytes(32);
    const store = new SecretStore(db, key, { kind: 'env', description: 'test' });
    const id = store.put('sk-live-secret');
    const row = db.prepare('SELECT ciphertext FROM secrets WHERE id = ?').get(id) as { ciphertext: Buffer };
    expect(row.ciphertext.toString('utf8')).not.toContain('sk-live-secret');
    expect(new SecretStore(db, key, { kind: 'env', description: 'test' }).get(id)).toBe('sk-live-secret');
    const wrong = new SecretStore(db, crypto.randomBytes(32), { kind: 'env', description: 'test' });
    expect(() => wrong.get(id)).toThrow(/cannot be decrypted/);
    expect(() => wrong.get(id)).not.toThrow(/sk-live/);
  });

  it('key file: created 0600 once, then reused', async () => {
    const file = path.join(dir, 'k', 'master.key');
    const a = await new KeyFileMasterKey(file).loadOrCreate();
    const b = await new KeyFileMasterKey(file).loadOrCreate();
    expect(a.equals(b)).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('env key accepts hex, base64 or a passphrase', async () => {
    const hex = crypto.randomBytes(32).toString('hex');
    expect((await new EnvMasterKey(hex).loadOrCreate()).toString('hex')).toBe(hex);
    expect((await new EnvMasterKey('correct horse').loadOrCreate()).length).toBe(32);
  });

  it('hints never reveal the middle of a secret', () => {
    expect(secretHint('sk-proj-abcdefghijklmnop')).toBe('sk-p…mnop');
    expect(secretHint('short')).toBe('…rt');
  });
});
