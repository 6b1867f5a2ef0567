import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KeychainMasterKey } from '../secrets/keychain-master-key';
import { makeTempDir } from '../testing/desktop-core';
import { KEYRING_SKIP_REASON, canStartKeyringSession, insideKeyringSession, runFileUnderKeyring, withoutSecretService } from '../testing/keyring-session';
import { DESKTOP_KEY_FILE, chooseDesktopMasterKey } from './desktop-master-key';

/** Which backend the desktop picks, against a real Secret Service (src-main/testing/keyring-session.ts). */
const warnings: unknown[] = [];
const log = { warn: (obj: unknown) => void warnings.push(obj) };
const dirs: string[] = [];
const keychains: KeychainMasterKey[] = [];
const testKeychain = (): KeychainMasterKey => {
  const k = new KeychainMasterKey(`TokenAltar-test-${crypto.randomBytes(6).toString('hex')}`, 'master', 'linux');
  keychains.push(k);
  return k;
};
const tempDir = (): string => {
  const d = makeTempDir('ta-key-choice-');
  dirs.push(d);
  return d;
};
afterEach(async () => {
  warnings.length = 0;
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  if (insideKeyringSession) for (const k of keychains.splice(0)) await k.remove();
  keychains.length = 0;
});

describe.runIf(!insideKeyringSession)('desktop master key choice (outer run)', () => {
  it('passes against gnome-keyring in a private D-Bus session', (ctx) => {
    ctx.skip(!canStartKeyringSession, KEYRING_SKIP_REASON);
    const { status, output } = runFileUnderKeyring(import.meta.url);
    expect(output, output).toMatch(/Tests\s+3 passed/);
    expect(status, output).toBe(0);
  }, 90_000);

  it('falls back to a key file, visibly, when no keychain is reachable', async () => {
    const dir = tempDir();
    const provider = await withoutSecretService(() => chooseDesktopMasterKey(dir, log, testKeychain()));
    expect(provider.kind).toBe('key-file');
    expect(provider.description).toBe(`key file ${path.join(dir, DESKTOP_KEY_FILE)}`);
    expect(warnings).toHaveLength(1);
    expect(await provider.loadOrCreate()).toHaveLength(32);
    expect((fs.statSync(path.join(dir, DESKTOP_KEY_FILE)).mode & 0o777).toString(8)).toBe('600');
  });
});

describe.runIf(insideKeyringSession)('desktop master key choice (real Secret Service)', () => {
  it('uses the OS keychain on a fresh install', async () => {
    const keychain = testKeychain();
    const provider = await chooseDesktopMasterKey(tempDir(), log, keychain);
    expect(provider).toBe(keychain);
    expect(provider.description).toBe('OS keychain (Secret Service)');
    expect(warnings).toHaveLength(0);
  });

  it('keeps using a key file an earlier keychain-less start created', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, DESKTOP_KEY_FILE), crypto.randomBytes(32).toString('base64'), { mode: 0o600 });
    const provider = await chooseDesktopMasterKey(dir, log, testKeychain());
    expect(provider.kind).toBe('key-file');
  });

  it('prefers the key already in the keychain over a stray key file', async () => {
    const dir = tempDir();
    const keychain = testKeychain();
    const key = await keychain.loadOrCreate();
    fs.writeFileSync(path.join(dir, DESKTOP_KEY_FILE), crypto.randomBytes(32).toString('base64'), { mode: 0o600 });
    const provider = await chooseDesktopMasterKey(dir, log, keychain);
    expect(provider.kind).toBe('keychain');
    expect((await provider.loadOrCreate()).equals(key)).toBe(true);
  });
});
