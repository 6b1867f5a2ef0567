import crypto from 'node:crypto';
import { AsyncEntry } from '@napi-rs/keyring';
import type { MasterKeyProvider } from './secret-store';

/**
 * The secret store's master key in the OS keychain (macOS Keychain, Windows Credential Manager,
 * Secret Service on Linux), as MISSION.md asks: upstream secrets never sit on disk in a form that
 * opens without the user's login keyring.
 *
 * Binding: @napi-rs/keyring, not keytar. keytar is archived (no release since 2022) and compiles
 * against libsecret-1-dev at install, which a fresh machine lacks and electron-builder would have
 * to rebuild for Electron's ABI; @napi-rs/keyring is maintained, ships prebuilt N-API binaries as
 * npm packages (ABI-stable across Node and Electron, no compiler, no download) and talks D-Bus
 * itself. The two cannot read each other's items, which does not matter for a new app.
 *
 * The key is stored as base64 text (a "password"), which every platform's keychain UI can show.
 */
export const KEYCHAIN_SERVICE = 'TokenAltar';
export const KEYCHAIN_ACCOUNT = 'secret-store-master-key';

export function keychainName(platform: NodeJS.Platform = process.platform): string {
  switch (platform) {
    case 'darwin':
      return 'macOS Keychain';
    case 'win32':
      return 'Windows Credential Manager';
    default:
      return 'Secret Service';
  }
}

/** The keychain could not be reached or refused access (no D-Bus session, locked collection, ...). */
export class KeychainUnavailableError extends Error {
  constructor(action: string, cause: unknown) {
    super(`OS keychain unavailable (${action}): ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'KeychainUnavailableError';
  }
}

export class KeychainMasterKey implements MasterKeyProvider {
  readonly kind = 'keychain' as const;
  readonly description: string;
  private entryHandle: AsyncEntry | null = null;

  constructor(
    readonly service: string = KEYCHAIN_SERVICE,
    readonly account: string = KEYCHAIN_ACCOUNT,
    platform: NodeJS.Platform = process.platform,
  ) {
    this.description = `OS keychain (${keychainName(platform)})`;
  }

  /** Created on first use: with the store pinned, the constructor itself throws when it is absent. */
  private entry(): AsyncEntry {
    if (this.entryHandle) return this.entryHandle;
    try {
      // Pinned to the Secret Service on Linux: the binding's default falls back to the kernel
      // keyring (keyutils), which forgets everything at logout/reboot and would lose the key.
      this.entryHandle = new AsyncEntry(this.service, this.account, { linux: { store: 'secret-service' } });
    } catch (err) {
      throw new KeychainUnavailableError('connect', err);
    }
    return this.entryHandle;
  }

  /** The stored key, or null when the keychain holds none yet. */
  async load(): Promise<Buffer | null> {
    let stored: string | null;
    try {
      stored = await this.entry().getPassword();
    } catch (err) {
      throw new KeychainUnavailableError('read', err);
    }
    if (stored === null) return null;
    const key = Buffer.from(stored, 'base64');
    if (key.length !== 32) {
      throw new Error(`the keychain item ${this.service}/${this.account} does not hold a 32-byte base64 key`);
    }
    return key;
  }

  async loadOrCreate(): Promise<Buffer> {
    const existing = await this.load();
    if (existing) return existing;
    const key = crypto.randomBytes(32);
    try {
      await this.entry().setPassword(key.toString('base64'));
    } catch (err) {
      throw new KeychainUnavailableError('write', err);
    }
    // Read back: proves the keychain really kept it before any secret is sealed with it.
    const stored = await this.load();
    if (!stored?.equals(key)) throw new KeychainUnavailableError('verify', new Error('the stored key did not read back'));
    return stored;
  }

  /** Removes the item (tests, and a future "reset secrets" action). True when one was deleted. */
  async remove(): Promise<boolean> {
    try {
      return await this.entry().deleteCredential();
    } catch (err) {
      throw new KeychainUnavailableError('delete', err);
    }
  }
}
