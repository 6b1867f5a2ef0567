import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { KeyFileMasterKey } from '../secrets/master-key-file';
import type { MasterKeyProvider } from '../secrets/secret-store';
import { KeychainMasterKey, KeychainUnavailableError } from '../secrets/keychain-master-key';

export const DESKTOP_KEY_FILE = 'master.key';

/**
 * Chooses where the desktop app keeps the secret store's master key:
 * 1. the OS keychain, when it holds the key or is reachable and no key file exists yet (the normal case);
 * 2. an existing key file in the data dir (an earlier start had no keychain, e.g. a Linux desktop
 *    without gnome-keyring/KWallet; switching now would orphan the secrets sealed with it);
 * 3. a new key file when no keychain is reachable at all, so the app still starts; the console's
 *    system.info shows "key file" instead of "OS keychain", so this is visible, not silent.
 */
export async function chooseDesktopMasterKey(
  dataDir: string,
  log: Pick<Logger, 'warn'>,
  keychain: KeychainMasterKey = new KeychainMasterKey(),
): Promise<MasterKeyProvider> {
  const keyFile = path.join(dataDir, DESKTOP_KEY_FILE);
  const keyFileProvider = new KeyFileMasterKey(keyFile);
  const keyFileExists = fs.existsSync(keyFile);
  try {
    if ((await keychain.load()) !== null || !keyFileExists) return keychain;
    return keyFileProvider;
  } catch (err) {
    if (!(err instanceof KeychainUnavailableError)) throw err;
    log.warn({ reason: err.message }, 'OS keychain unavailable: keeping the master key in a 0600 key file');
    return keyFileProvider;
  }
}
