import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { builtinModules } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_GLOBAL, IPC_CALL_CHANNEL } from '../../src-shared/bridge';
import { DESKTOP_EXTERNALS, DESKTOP_OUT_DIR, bundleDesktop } from '../../build/bundle-desktop';
import { PROJECT_ROOT } from '../store/paths';
import { makeTempDir } from '../testing/desktop-core';

/**
 * What Electron would run is the esbuild bundle, not the TypeScript the other tests import. This
 * builds it and starts it under plain Node with `electron` resolved to the fake module: the
 * bundled main process must load, open SQLite in userData, start the gateway, and quit cleanly.
 */
const mainBundle = path.join(DESKTOP_OUT_DIR, 'electron-main.js');
const preloadBundle = path.join(DESKTOP_OUT_DIR, 'preload.cjs');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function status(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/api/me', agent: false, timeout: 2_000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? null);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(null));
  });
}

beforeAll(async () => {
  await bundleDesktop();
}, 60_000);

describe('desktop bundles', () => {
  it('keep native modules and electron external, and the preload needs nothing but electron', () => {
    const preload = fs.readFileSync(preloadBundle, 'utf8');
    // A sandboxed preload can require only a few built-ins; ours asks for electron alone.
    expect([...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron']);
    const main = fs.readFileSync(mainBundle, 'utf8');
    const imported = new Set([...main.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]!));
    const builtins = new Set(builtinModules);
    for (const dep of imported) expect(dep.startsWith('node:') || builtins.has(dep) || DESKTOP_EXTERNALS.includes(dep), dep).toBe(true);
    expect(main).toContain('from "electron"');
  });

  it('the bundled preload exposes the same bridge, wired to the IPC channels', async () => {
    const exposed = new Map<string, Record<string, unknown>>();
    const invoked: unknown[][] = [];
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.set(key, api) },
      ipcRenderer: {
        invoke: (...args: unknown[]) => {
          invoked.push(args);
          return Promise.resolve({ ok: true, value: [] });
        },
        on: () => undefined,
        removeListener: () => undefined,
      },
    };
    // What Electron does with a sandboxed preload: evaluate it with a require that knows `electron`.
    const load = new Function('require', 'module', 'exports', fs.readFileSync(preloadBundle, 'utf8'));
    const module = { exports: {} };
    load((id: string) => (id === 'electron' ? fakeElectron : undefined), module, module.exports);
    const bridge = exposed.get(BRIDGE_GLOBAL) as { call(op: string, input: unknown): Promise<unknown> } | undefined;
    expect(Object.keys(bridge ?? {}).sort()).toEqual(['call', 'gatewayUrl', 'on']);
    await expect(bridge!.call('apiKeys.list', {})).resolves.toEqual({ ok: true, value: [] });
    expect(invoked).toEqual([[IPC_CALL_CHANNEL, 'apiKeys.list', {}]]);
  });

  describe('the bundled main process under Node with a fake electron', () => {
    let userData: string;
    afterAll(() => fs.rmSync(userData, { recursive: true, force: true }));

    it('starts the core in userData, serves the gateway, and closes on quit', async () => {
      userData = makeTempDir('ta-bundle-');
      const port = await freePort();
      const child = spawn(process.execPath, ['--import', 'tsx', '--import', './src-main/testing/fake-electron-register.mjs', mainBundle], {
        cwd: PROJECT_ROOT,
        env: {
          ...process.env,
          FAKE_ELECTRON_AUTORUN: '1',
          FAKE_ELECTRON_USER_DATA: userData,
          FAKE_ELECTRON_APP_PATH: PROJECT_ROOT,
          TOKENALTAR_BIND: `127.0.0.1:${port}`,
          TOKENALTAR_LOG_LEVEL: 'silent',
          // No Secret Service here: the app must fall back to a key file, visibly.
          DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus',
          DISPLAY: '',
        },
      });
      let output = '';
      child.stdout.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr.on('data', (c: Buffer) => (output += c.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

      let answered: number | null = null;
      for (let i = 0; i < 150 && answered === null && child.exitCode === null; i++) {
        answered = await status(port);
        if (answered === null) await new Promise((r) => setTimeout(r, 100));
      }
      expect(answered, output).toBe(401);
      expect(fs.existsSync(path.join(userData, 'tokenaltar.sqlite3'))).toBe(true);
      expect(fs.existsSync(path.join(userData, 'master.key'))).toBe(true);
      expect(JSON.parse(fs.readFileSync(path.join(userData, 'desktop-sharing.json'), 'utf8'))).toEqual({ mode: 'local', lanHost: null, paused: false });

      child.kill('SIGTERM');
      expect(await exited, output).toBe(0);
      expect(await status(port)).toBeNull();
    }, 60_000);
  });
});
