import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../store/connection';
import { KEYRING_SKIP_REASON, canStartKeyringSession, insideKeyringSession, runFileUnderKeyring, withoutSecretService } from '../testing/keyring-session';
import { KeychainMasterKey, KeychainUnavailableError } from './keychain-master-key';
import { SecretStore } from './secret-store';

/** Against a real Secret Service (see src-main/testing/keyring-session.ts). */
const testService = (): string => `TokenAltar-test-${crypto.randomBytes(6).toString('hex')}`;

describe.runIf(!insideKeyringSession)('keychain backend (outer run)', () => {
  it('passes against gnome-keyring in a private D-Bus session', (ctx) => {
    ctx.skip(!canStartKeyringSession, KEYRING_SKIP_REASON);
    const { status, output } = runFileUnderKeyring(import.meta.url);
    expect(output, output).toMatch(/Tests\s+5 passed/);
    expect(output).not.toMatch(/\d+ failed/);
    expect(status, output).toBe(0);
  }, 90_000);

  it('reports a missing Secret Service as KeychainUnavailableError, never as "no key"', async () => {
    await withoutSecretService(async () => {
      const provider = new KeychainMasterKey(testService(), 'master', 'linux');
      await expect(provider.loadOrCreate()).rejects.toBeInstanceOf(KeychainUnavailableError);
    });
  });
});

describe.runIf(insideKeyringSession)('keychain backend (real Secret Service)', () => {
  const created: KeychainMasterKey[] = [];
  const tmpDirs: string[] = [];
  afterEach(async () => {
    for (const p of created.splice(0)) await p.remove();
    for (const d of tmpDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  const provider = (service = testService()): KeychainMasterKey => {
    const p = new KeychainMasterKey(service, 'master', 'linux');
    created.push(p);
    return p;
  };

  it('creates a 32-byte key once and returns the same key to a fresh provider', async () => {
    const first = provider();
    expect(await first.load()).toBeNull();
    const key = await first.loadOrCreate();
    expect(key).toHaveLength(32);
    const again = await new KeychainMasterKey(first.service, 'master', 'linux').loadOrCreate();
    expect(again.equals(key)).toBe(true);
    expect(first.description).toBe('OS keychain (Secret Service)');
    expect(first.kind).toBe('keychain');
  });

  it('really stores the item in the Secret Service (seen by secret-tool)', async () => {
    const p = provider();
    const key = await p.loadOrCreate();
    const stored = execFileSync('secret-tool', ['lookup', 'service', p.service, 'username', 'master'], { encoding: 'utf8' });
    expect(Buffer.from(stored.trim(), 'base64').equals(key)).toBe(true);
  });

  it('keeps keys of different services apart and deletes only its own', async () => {
    const a = provider();
    const b = provider();
    const keyA = await a.loadOrCreate();
    const keyB = await b.loadOrCreate();
    expect(keyA.equals(keyB)).toBe(false);
    expect(await a.remove()).toBe(true);
    expect(await a.load()).toBeNull();
    expect((await b.load())?.equals(keyB)).toBe(true);
  });

  it('refuses an item that is not a 32-byte key instead of sealing secrets with it', async () => {
    const p = provider();
    execFileSync('secret-tool', ['store', '--label', 'bad', 'service', p.service, 'username', 'master'], {
      input: Buffer.from('too short').toString('base64'),
    });
    await expect(p.loadOrCreate()).rejects.toThrow(/32-byte/);
  });

  it('seals secrets that a later process reopens with the key from the keychain', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ta-keychain-'));
    tmpDirs.push(dir);
    const file = path.join(dir, 'db.sqlite3');
    const p = provider();

    const db1 = openDatabase({ file });
    const store1 = new SecretStore(db1, await p.loadOrCreate(), p);
    const id = store1.put('sk-upstream-very-secret-123');
    db1.close();

    const raw = fs.readFileSync(file);
    expect(raw.includes(Buffer.from('sk-upstream-very-secret-123'))).toBe(false);

    const reopened = new KeychainMasterKey(p.service, 'master', 'linux');
    const db2 = openDatabase({ file });
    const store2 = new SecretStore(db2, await reopened.loadOrCreate(), reopened);
    expect(store2.get(id)).toBe('sk-upstream-very-secret-123');
    expect(store2.backend.description).toBe('OS keychain (Secret Service)');
    db2.close();
  });
});
