import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { BRIDGE_GLOBAL, IPC_CALL_CHANNEL, IPC_TOPICS_CHANNEL, type IpcCallResult, type TokenAltarBridge } from '../../src-shared/bridge';
import type { TopicEvent } from '../../src-shared/events';
import * as fake from '../testing/fake-electron';
import { createDesktopTestCore, type DesktopTestCore } from '../testing/desktop-core';
import { CONSOLE_ENTRY_URL } from './app-protocol';
import { forwardTopicsToWindow, mountConsoleIpc } from './console-ipc';
import { ensureDesktopOwner, ownerIdentitySource } from './desktop-owner';

vi.mock('electron', () => import('../testing/fake-electron'));

/**
 * The IPC path end to end with Electron replaced by the fake: the real preload exposes the bridge,
 * its calls travel through the fake ipcRenderer to the shell's ipcMain dispatcher, which runs the
 * real core's dispatcher (zod validation, access rules, handlers) on a temp SQLite database.
 */
let t: DesktopTestCore;
let bridge: TokenAltarBridge;
let ownerId: number;
const errors: unknown[] = [];

beforeAll(async () => {
  fake.resetFakeElectron();
  t = await createDesktopTestCore();
  ownerId = await ensureDesktopOwner(t.core.services);
  await import('./preload');
  bridge = fake.contextBridge.exposed.get(BRIDGE_GLOBAL) as TokenAltarBridge;
});
afterAll(async () => {
  await t.cleanup();
});
beforeEach(() => {
  fake.ipcMain.handlers.clear();
  errors.length = 0;
  mountConsoleIpc(fake.ipcMain as unknown as Electron.IpcMain, {
    api: t.core.api,
    ownerIdentity: ownerIdentitySource(t.core.services, ownerId),
    log: { error: (obj: unknown) => void errors.push(obj) } as never,
  });
  // The renderer is the console page on app://console/.
  fake.ipcRenderer.contents.mainFrame = { url: CONSOLE_ENTRY_URL };
});

describe('preload bridge', () => {
  it('exposes exactly call, on and gatewayUrl, never ipcRenderer', () => {
    expect(Object.keys(bridge).sort()).toEqual(['call', 'gatewayUrl', 'on']);
    expect(Object.values(bridge).every((v) => typeof v === 'function')).toBe(true);
    expect(fake.contextBridge.exposed.size).toBe(1);
  });
});

describe('system.info over the bridge', () => {
  it('reports which backend protects the secrets and where the gateway is', async () => {
    const info = await bridge.call('system.info', {});
    expect(info).toMatchObject({
      ok: true,
      value: { secrets_backend: { kind: 'env', description: 'TOKENALTAR_SECRET_KEY environment variable' }, desktop: false },
    });
    // This core is not listening: no gateway address to hand out.
    expect(info.ok && info.value.gateway).toEqual({ sharing: 'paused', base_url: null, lan_urls: [] });
    await expect(bridge.gatewayUrl?.()).rejects.toThrow(/not available/);
    const { port } = await t.core.http.listen('127.0.0.1', 0);
    await expect(bridge.gatewayUrl?.()).resolves.toBe(`http://127.0.0.1:${port}`);
    await t.core.http.close(100);
  });
});

describe('IPC dispatcher', () => {
  it('runs console operations as the owner, with no password or session', async () => {
    const me = await bridge.call('me.get', {});
    expect(me).toMatchObject({ ok: true, value: { id: ownerId, role: 'admin' } });
    const created = await bridge.call('apiKeys.create', { name: 'from the window' });
    expect(created.ok).toBe(true);
    const list = await bridge.call('apiKeys.list', {});
    expect(list.ok && list.value.map((k) => k.name)).toEqual(['from the window']);
    // Admin-only operations are allowed: the window is the owner.
    expect((await bridge.call('users.list', {})).ok).toBe(true);
  });

  it('validates input with the operation’s schema, like HTTP', async () => {
    const bad = await bridge.call('apiKeys.create', { name: '', spend_limit_points: -1 } as never);
    expect(bad).toMatchObject({ ok: false, status: 400, code: 'invalid_input' });
    expect(!bad.ok && bad.error).toMatch(/name|spend_limit_points/);
  });

  it('rejects unknown operation names and malformed calls with a clear error', async () => {
    const call = (op: unknown, input?: unknown): Promise<IpcCallResult> =>
      fake.ipcRenderer.invoke(IPC_CALL_CHANNEL, op, input) as Promise<IpcCallResult>;
    expect(await call('channels.explode', {})).toMatchObject({ ok: false, status: 404, code: 'unknown_operation' });
    expect(await call('__proto__', {})).toMatchObject({ ok: false, status: 404 });
    expect(await call('constructor', {})).toMatchObject({ ok: false, status: 404 });
    expect(await call(42, {})).toMatchObject({ ok: false, status: 400, code: 'invalid_operation' });
    expect(await call('apiKeys.list', [1, 2])).toMatchObject({ ok: false, status: 400, code: 'invalid_input' });
    expect(await call('apiKeys.list', 'text')).toMatchObject({ ok: false, status: 400, code: 'invalid_input' });
    expect(await call('apiKeys.list')).toMatchObject({ ok: true });
  });

  it('answers only the console page: another origin in the window gets 403', async () => {
    fake.ipcRenderer.contents.mainFrame = { url: 'https://evil.example/' };
    expect(await bridge.call('me.get', {})).toMatchObject({ ok: false, status: 403 });
    fake.ipcRenderer.contents.mainFrame = { url: 'http://127.0.0.1:8080/' };
    expect(await bridge.call('me.get', {})).toMatchObject({ ok: false, status: 403 });
  });

  it('maps handler errors to their status and hides unexpected ones', async () => {
    expect(await bridge.call('apiKeys.delete', { id: 999_999 })).toMatchObject({ ok: false, status: 404 });
    const failing = { dispatch: () => Promise.reject(new Error('SQLITE_CORRUPT: secret sk-live-123 in row')) };
    fake.ipcMain.handlers.clear();
    mountConsoleIpc(fake.ipcMain as unknown as Electron.IpcMain, {
      api: failing,
      ownerIdentity: ownerIdentitySource(t.core.services, ownerId),
      log: { error: (obj: unknown) => void errors.push(obj) } as never,
    });
    const res = await bridge.call('me.get', {});
    expect(res).toEqual({ ok: false, status: 500, error: 'internal error', code: 'internal' });
    expect(errors).toHaveLength(1);
  });

  it('mounts one handler and unmounts it', () => {
    expect([...fake.ipcMain.handlers.keys()]).toEqual([IPC_CALL_CHANNEL]);
    fake.ipcMain.handlers.clear();
    const unmount = mountConsoleIpc(fake.ipcMain as unknown as Electron.IpcMain, {
      api: t.core.api,
      ownerIdentity: ownerIdentitySource(t.core.services, ownerId),
      log: { error: () => undefined } as never,
    });
    unmount();
    expect(fake.ipcMain.handlers.size).toBe(0);
  });
});

describe('topic pushes', () => {
  it('forwards the core’s invalidations to the window and through the bridge', async () => {
    const contents = fake.ipcRenderer.contents;
    const stop = forwardTopicsToWindow(t.core.services.events, () => contents as unknown as Electron.WebContents, ownerId);
    const received: TopicEvent[] = [];
    const off = bridge.on((e) => received.push(e));

    await bridge.call('apiKeys.create', { name: 'pushes' });
    // Members' private audiences reach the owner too (admins see everything).
    t.core.services.events.publish(['ledger'], { userIds: [ownerId + 1000] });
    const sent = contents.sent.filter((s) => s.channel === IPC_TOPICS_CHANNEL).map((s) => s.args[0] as TopicEvent);
    expect(sent.flatMap((e) => e.topics)).toEqual(expect.arrayContaining(['keys', 'ledger']));

    // What the page sees: only known topic names, nothing else from the IPC event.
    for (const event of sent) fake.ipcRenderer.deliver(IPC_TOPICS_CHANNEL, event);
    fake.ipcRenderer.deliver(IPC_TOPICS_CHANNEL, { topics: ['keys', 'not-a-topic'], extra: 'x' });
    fake.ipcRenderer.deliver(IPC_TOPICS_CHANNEL, 'garbage');
    expect(received.at(-1)).toEqual({ topics: ['keys'] });
    expect(received.every((e) => Object.keys(e).join() === 'topics')).toBe(true);

    off();
    const before = received.length;
    fake.ipcRenderer.deliver(IPC_TOPICS_CHANNEL, { topics: ['keys'] });
    expect(received.length).toBe(before);

    stop();
    const sentBefore = contents.sent.length;
    t.core.services.events.publish(['keys']);
    expect(contents.sent.length).toBe(sentBefore);
  });

  it('drops pushes to a closed window instead of throwing', () => {
    const contents = new fake.FakeWebContents();
    contents.destroyed = true;
    const stop = forwardTopicsToWindow(t.core.services.events, () => contents as unknown as Electron.WebContents, ownerId);
    expect(() => t.core.services.events.publish(['keys'])).not.toThrow();
    expect(contents.sent).toHaveLength(0);
    stop();
  });
});
