import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CALL_CHANNEL, IPC_TOPICS_CHANNEL, type IpcCallResult } from '../../src-shared/bridge';
import { EnvMasterKey } from '../secrets/master-key-file';
import { DEFAULT_MIGRATIONS_DIR } from '../store/paths';
import * as fake from '../testing/fake-electron';
import { desktopTestConfig, makeTempDir } from '../testing/desktop-core';
import { CONSOLE_ENTRY_URL } from './app-protocol';
import { startDesktopApp, type DesktopApp } from './desktop-app';
import { DESKTOP_OWNER_EMAIL } from './desktop-owner';
import { listLanAddresses } from '../system/lan-addresses';
import type { SystemInfo } from '../../src-shared/api/ops/system';
import { gatewayAnswers } from '../testing/gateway-probe';

vi.mock('electron', () => import('../testing/fake-electron'));

/** The whole shell with Electron faked: real core, real SQLite, real HTTP listener. */


let dir: string;
let renderer: string;
let running: DesktopApp | null = null;

beforeEach(() => {
  fake.resetFakeElectron();
  dir = makeTempDir();
  renderer = path.join(dir, 'dist-renderer');
  fs.mkdirSync(renderer);
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>TokenAltar</title>');
});
afterEach(async () => {
  if (running) await running.core.close(500);
  running = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

async function start(): Promise<DesktopApp | null> {
  const started = startDesktopApp({
    paths: { preload: '/app/dist-main/desktop/preload.cjs', renderer, migrations: DEFAULT_MIGRATIONS_DIR },
    config: desktopTestConfig(dir),
    masterKey: new EnvMasterKey('desktop-app-test'),
  });
  fake.app.becomeReady();
  const app = await started;
  running = app;
  return app;
}

describe('desktop app lifecycle', () => {
  it('a second instance hands over to the first and quits without starting a core', async () => {
    fake.app.singleInstanceLock = false;
    expect(await start()).toBeNull();
    expect(fake.app.quitCalls).toBe(1);
    expect(fake.BrowserWindow.created).toHaveLength(0);
    expect(fake.protocol.handlers.size).toBe(0);
    expect(fs.existsSync(path.join(dir, 'tokenaltar.sqlite3'))).toBe(false);
  });

  it('the first instance shows its window when a second one starts', async () => {
    const app = await start();
    const window = fake.BrowserWindow.created[0]!;
    expect(app?.window).toBe(window);
    window.hide();
    fake.app.emit('second-instance', new fake.FakeEvent(), [], dir);
    expect(window.isVisible()).toBe(true);
    expect(window.focused).toBe(true);
  });

  it('registers app:// as a privileged standard scheme and serves the built console from it', async () => {
    await start();
    expect(fake.protocol.privileged).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    const handler = fake.protocol.handlers.get('app')!;
    const res = await handler(new Request(CONSOLE_ENTRY_URL));
    expect(await res.text()).toContain('<title>TokenAltar</title>');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(fake.BrowserWindow.created[0]!.webContents.loadedUrl).toBe(CONSOLE_ENTRY_URL);
    expect(fake.session.defaultSession.headersListener).not.toBeNull();
  });

  it('signs the window in as the owner and pushes topics to it', async () => {
    await start();
    const window = fake.BrowserWindow.created[0]!;
    fake.ipcRenderer.contents = window.webContents;
    const me = (await fake.ipcRenderer.invoke(IPC_CALL_CHANNEL, 'me.get', {})) as IpcCallResult<{ email: string; role: string }>;
    expect(me).toMatchObject({ ok: true, value: { email: DESKTOP_OWNER_EMAIL, role: 'admin' } });
    await fake.ipcRenderer.invoke(IPC_CALL_CHANNEL, 'apiKeys.create', { name: 'k' });
    expect(window.webContents.sent.some((s) => s.channel === IPC_TOPICS_CHANNEL)).toBe(true);
  });

  it('lets the owner set a password in the window and then sign in from a browser', async () => {
    const app = await start();
    fake.ipcRenderer.contents = fake.BrowserWindow.created[0]!.webContents;
    const me = (await fake.ipcRenderer.invoke(IPC_CALL_CHANNEL, 'me.get', {})) as IpcCallResult<{ id: number }>;
    if (!me.ok) throw new Error(me.error);
    const reset = await fake.ipcRenderer.invoke(IPC_CALL_CHANNEL, 'users.resetPassword', { id: me.value.id, password: 'owner-chosen-pw-1' });
    expect(reset).toEqual({ ok: true, value: { ok: true } });
    const { port } = app!.sharing.view();
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: DESKTOP_OWNER_EMAIL, password: 'owner-chosen-pw-1' }),
    });
    expect(login.status).toBe(200);
    expect(((await login.json()) as { user: { role: string } }).user.role).toBe('admin');
  });

  it('keeps serving from the tray after the window is closed, and stops on Quit', async () => {
    const app = await start();
    const { port } = app!.sharing.view();
    expect(await gatewayAnswers('127.0.0.1', port)).toBe(true);

    const window = fake.BrowserWindow.created[0]!;
    window.close();
    fake.app.emit('window-all-closed');
    expect(window.isDestroyed()).toBe(false);
    expect(fake.app.quitCalls).toBe(0);
    expect(await gatewayAnswers('127.0.0.1', port)).toBe(true);

    const tray = fake.Tray.created[0]!;
    tray.item('Open console').click?.();
    expect(window.isVisible()).toBe(true);

    tray.item('Quit TokenAltar').click?.();
    // will-quit waits for the core to close (in-flight requests, database), then quits again.
    await vi.waitFor(() => expect(fake.app.quitCalls).toBe(2));
    expect(tray.destroyed).toBe(true);
    expect(await gatewayAnswers('127.0.0.1', port)).toBe(false);
    window.close();
    expect(window.isDestroyed()).toBe(true);
    running = null;
  });

  it('shows the tray’s sharing state and the secrets backend in system.info', async () => {
    const app = await start();
    fake.ipcRenderer.contents = fake.BrowserWindow.created[0]!.webContents;
    const info = async (): Promise<SystemInfo> => {
      const res = (await fake.ipcRenderer.invoke(IPC_CALL_CHANNEL, 'system.info', {})) as IpcCallResult<SystemInfo>;
      if (!res.ok) throw new Error(res.error);
      return res.value;
    };
    const { port } = app!.sharing.view();
    expect(await info()).toMatchObject({
      secrets_backend: { kind: 'env' },
      gateway: { sharing: 'local', base_url: `http://127.0.0.1:${port}`, lan_urls: [] },
    });
    const pushedBefore = fake.BrowserWindow.created[0]!.webContents.sent.length;
    await app!.sharing.shareOnLan(null);
    // The console refetches system.info when the tray changes sharing.
    expect(fake.BrowserWindow.created[0]!.webContents.sent.slice(pushedBefore)).toContainEqual({ channel: IPC_TOPICS_CHANNEL, args: [{ topics: ['settings'] }] });
    const lanUrls = listLanAddresses().map((a) => `http://${a.address}:${port}`);
    expect((await info()).gateway).toEqual({ sharing: 'lan', base_url: lanUrls[0] ?? `http://127.0.0.1:${port}`, lan_urls: lanUrls });
    await app!.sharing.pause();
    expect((await info()).gateway.sharing).toBe('paused');
  });

  it('keeps its data in the given data dir, including the tray choice', async () => {
    const app = await start();
    await app!.sharing.shareOnLan(null);
    expect(fs.existsSync(path.join(dir, 'tokenaltar.sqlite3'))).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'desktop-sharing.json'), 'utf8'))).toMatchObject({ mode: 'lan' });
    expect(fake.app.name).toBe('TokenAltar');
  });
});
