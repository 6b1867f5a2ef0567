import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT } from '../store/paths';

/**
 * Tests of the OS keychain run against a real Secret Service: gnome-keyring in a private D-Bus
 * session (build/with-keyring.sh, the TOOLCHAIN.md recipe). A test file checks
 * `insideKeyringSession`; outside, one test re-runs the file under the wrapper with
 * `runFileUnderKeyring` and asserts on vitest's summary, so a plain `npx vitest run` exercises the
 * real keychain with no setup and never touches the user's own keyring.
 */
export const insideKeyringSession = process.env.TOKENALTAR_KEYRING_SESSION === '1';

export const KEYRING_SKIP_REASON =
  'no real Secret Service here: dbus-run-session or gnome-keyring-daemon is missing (apt-get install dbus gnome-keyring libsecret-tools)';

export const canStartKeyringSession =
  spawnSync('sh', ['-c', 'command -v dbus-run-session && command -v gnome-keyring-daemon']).status === 0;

export function runFileUnderKeyring(testFileUrl: string): { status: number | null; output: string } {
  const vitest = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'vitest');
  const file = path.relative(PROJECT_ROOT, fileURLToPath(testFileUrl));
  const result = spawnSync(path.join(PROJECT_ROOT, 'build', 'with-keyring.sh'), [vitest, 'run', '--reporter=verbose', file], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: { ...process.env, CI: '1', NO_COLOR: '1' },
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

/** Points the Secret Service client at a bus that does not exist, for the "unavailable" cases. */
export async function withoutSecretService<T>(fn: () => Promise<T>): Promise<T> {
  const saved = { bus: process.env.DBUS_SESSION_BUS_ADDRESS, display: process.env.DISPLAY };
  process.env.DBUS_SESSION_BUS_ADDRESS = `unix:path=/nonexistent/tokenaltar-no-bus-${process.pid}`;
  delete process.env.DISPLAY;
  try {
    return await fn();
  } finally {
    if (saved.bus === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
    else process.env.DBUS_SESSION_BUS_ADDRESS = saved.bus;
    if (saved.display !== undefined) process.env.DISPLAY = saved.display;
  }
}
