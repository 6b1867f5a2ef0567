import { afterEach, describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import { contract } from '../../src-shared/api/contract';
import { BRIDGE_GLOBAL, type IpcCallResult, type TokenAltarBridge } from '../../src-shared/bridge';
import type { TopicEvent } from '../../src-shared/events';
import { IpcTransport } from './ipc-transport';
import { ApiError, type LiveStatus } from './transport';

/**
 * The console's IPC transport against a fake preload bridge that answers like the desktop main
 * process does (src-main/desktop/console-ipc.ts): unknown ops 404, input checked with the op's
 * own zod schema (400 invalid_input), results and failures as IpcCallResult envelopes.
 */
class FakeBridge implements TokenAltarBridge {
  readonly calls: Array<{ op: string; input: unknown }> = [];
  private readonly listeners = new Set<(e: TopicEvent) => void>();
  constructor(private readonly answers: Record<string, unknown>) {}

  async call(op: string, input: unknown): Promise<IpcCallResult<never>> {
    this.calls.push({ op, input });
    if (!Object.hasOwn(contract, op)) return { ok: false, status: 404, error: `unknown operation: ${op}`, code: 'unknown_operation' };
    const schema = contract[op as keyof typeof contract].input as z.ZodType;
    const parsed = schema.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, status: 400, error: parsed.error.issues[0]?.message ?? 'bad', code: 'invalid_input' };
    if (!(op in this.answers)) return { ok: false, status: 403, error: 'admins only', code: 'forbidden' };
    return { ok: true, value: this.answers[op] as never };
  }
  on(listener: (e: TopicEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  push(event: TopicEvent): void {
    for (const l of this.listeners) l(event);
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('IPC transport', () => {
  it('returns the value of a successful call, sending op and input unchanged', async () => {
    const bridge = new FakeBridge({ 'apiKeys.list': [{ id: 1, name: 'default' }] });
    const transport = new IpcTransport(bridge);
    await expect(transport.call('apiKeys.list', {})).resolves.toEqual([{ id: 1, name: 'default' }]);
    expect(bridge.calls).toEqual([{ op: 'apiKeys.list', input: {} }]);
    expect(transport.kind).toBe('ipc');
  });

  it('turns failure envelopes into ApiError with the status and code, like HTTP', async () => {
    const transport = new IpcTransport(new FakeBridge({}));
    const forbidden = await transport.call('users.list', {}).catch((e: unknown) => e);
    expect(forbidden).toBeInstanceOf(ApiError);
    expect(forbidden).toMatchObject({ status: 403, message: 'admins only', code: 'forbidden' });

    const invalid = await transport.call('apiKeys.create', { name: '' }).catch((e: unknown) => e);
    expect(invalid).toMatchObject({ status: 400, code: 'invalid_input' });

    const unknown = await transport.call('nope.nothing' as never, {} as never).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ status: 404, code: 'unknown_operation' });
  });

  it('is live at once and delivers pushed topics until unsubscribed', () => {
    const bridge = new FakeBridge({});
    const statuses: Array<[LiveStatus, boolean]> = [];
    const topics: TopicEvent[] = [];
    const off = new IpcTransport(bridge).subscribe({
      onStatus: (s, resync) => statuses.push([s, resync]),
      onTopics: (e) => topics.push(e),
    });
    expect(statuses).toEqual([['live', false]]);
    bridge.push({ topics: ['keys', 'ledger'] });
    off();
    bridge.push({ topics: ['channels'] });
    expect(topics).toEqual([{ topics: ['keys', 'ledger'] }]);
  });

  it('asks the bridge for the gateway URL (the window’s own origin is app://)', async () => {
    const bridge = Object.assign(new FakeBridge({}), { gatewayUrl: () => Promise.resolve('http://192.0.2.2:8080') });
    await expect(new IpcTransport(bridge).gatewayUrl()).resolves.toBe('http://192.0.2.2:8080');
    vi.stubGlobal('window', { location: { origin: 'http://127.0.0.1:8080' } });
    await expect(new IpcTransport(new FakeBridge({})).gatewayUrl()).resolves.toBe('http://127.0.0.1:8080');
  });

  it('is the transport the console picks when the preload bridge is present', async () => {
    const bridge = new FakeBridge({ 'me.get': { id: 1 } });
    vi.stubGlobal('window', { [BRIDGE_GLOBAL]: bridge, location: { origin: 'app://console' } });
    vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => undefined, removeItem: () => undefined });
    const { api } = await import('./client');
    expect(api.kind).toBe('ipc');
    await expect(api.call('me.get', {})).resolves.toEqual({ id: 1 });
    expect(bridge.calls).toEqual([{ op: 'me.get', input: {} }]);
  });
});
