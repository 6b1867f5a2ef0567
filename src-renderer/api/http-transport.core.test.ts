import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../../src-main/testing/harness';
import type { TopicEvent } from '../../src-shared/events';
import { HttpTransport } from './http-transport';
import { ApiError, type LiveStatus } from './transport';

// The console's HTTP transport against the real core: routes, errors, raw bodies and SSE pushes.
let server: TestCore;
beforeAll(async () => {
  server = await startTestCore();
});
afterAll(async () => {
  await server.close();
});

const transportFor = (token: string | null) => new HttpTransport(() => token, server.url);

describe('HttpTransport against the real core', () => {
  it('calls ops by name, with path params, query and JSON bodies', async () => {
    const t = transportFor(server.adminToken);
    const created = await t.call('apiKeys.create', { name: 'from-transport' });
    expect(created.token).toMatch(/^sk-/);
    const toggled = await t.call('apiKeys.setEnabled', { id: created.record.id, enabled: false });
    expect(toggled.enabled).toBe(false);
    const page = await t.call('ledger.list', { page: 1, page_size: 5 });
    expect(page).toMatchObject({ items: [], total: 0, page: 1, page_size: 5 });
  });

  it('turns error bodies into ApiError with the status and message', async () => {
    const t = transportFor(server.adminToken);
    const err = await t.call('apiKeys.setEnabled', { id: 999_999, enabled: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(404);
    const anon = await transportFor(null).call('me.get', {}).catch((e: unknown) => e);
    expect((anon as ApiError).status).toBe(401);
  });

  it('returns raw exports in the same shape as over IPC', async () => {
    const file = await transportFor(server.adminToken).call('ledger.export', {});
    expect(file.contentType).toContain('text/csv');
    expect(file.body.split('\n')[0]).toContain('model');
  });

  it('receives pushed topics over SSE, and stops on a dead session', async () => {
    const t = transportFor(server.adminToken);
    const statuses: LiveStatus[] = [];
    const events: TopicEvent[] = [];
    let live!: () => void;
    const isLive = new Promise<void>((r) => (live = r));
    let got!: () => void;
    const gotKeys = new Promise<void>((r) => (got = r));
    const stop = t.subscribe({
      onStatus: (s) => {
        statuses.push(s);
        if (s === 'live') live();
      },
      onTopics: (e) => {
        events.push(e);
        if (e.topics.includes('keys')) got();
      },
    });
    await isLive;
    await t.call('apiKeys.create', { name: 'push-me' });
    await gotKeys;
    stop();
    expect(statuses.slice(0, 2)).toEqual(['connecting', 'live']);
    expect(events.some((e) => e.topics.includes('keys'))).toBe(true);

    const dead = transportFor('ta-not-a-session');
    const deadStatuses: LiveStatus[] = [];
    let offline!: () => void;
    const wentOffline = new Promise<void>((r) => (offline = r));
    dead.subscribe({ onTopics: () => undefined, onStatus: (s) => { deadStatuses.push(s); if (s === 'offline') offline(); } });
    await wentOffline;
    expect(deadStatuses).toEqual(['connecting', 'offline']);
  });

  it('reconnects after the server drops the stream and asks for a resync', async () => {
    const t = transportFor(server.adminToken);
    const seen: { status: LiveStatus; resync: boolean }[] = [];
    let resynced!: () => void;
    const back = new Promise<void>((r) => (resynced = r));
    let live!: () => void;
    const first = new Promise<void>((r) => (live = r));
    const stop = t.subscribe({
      onTopics: () => undefined,
      onStatus: (status, resync) => {
        seen.push({ status, resync });
        if (status === 'live' && !resync) live();
        if (status === 'live' && resync) resynced();
      },
    });
    await first;
    // Rebinding the same address cuts the open event stream, as a restart or network blip would.
    const addr = server.core.http.address();
    if (!addr) throw new Error('not listening');
    await server.core.http.rebind(addr.host, addr.port);
    await back;
    stop();
    expect(seen.map((s) => s.status)).toEqual(['connecting', 'live', 'offline', 'connecting', 'live']);
    expect(seen.at(-1)?.resync).toBe(true);
  });
});
