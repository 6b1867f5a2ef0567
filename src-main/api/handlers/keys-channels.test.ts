import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../../testing/harness';

const SECRET = 'sk-upstream-VERY-SECRET-abcdef123456';

interface Channel {
  id: number;
  has_secret: boolean;
  secret_hint: string;
  base_url: string;
  enabled: boolean;
  quota_windows: { used_points: number; limit_points: number }[];
}
interface Key {
  id: number;
  allowed_channel_ids: number[];
  covers_all_channels: boolean;
  prefix: string;
}

describe('API keys and channels', () => {
  let t: TestCore;
  let alice: { token: string; id: number };
  let bob: { token: string; id: number };
  beforeAll(async () => {
    t = await startTestCore();
    alice = await t.createMember('alice@example.test');
    bob = await t.createMember('bob@example.test');
  });
  afterAll(() => t.close());

  const newChannel = (token: string, extra: Record<string, unknown> = {}) =>
    t.api<Channel>('POST', '/api/channels', { name: 'c', provider: 'openai', api_key_secret: SECRET, models: ['gpt-5.1'], ...extra }, token);

  it('never returns an upstream secret, in any channel response', async () => {
    const responses: unknown[] = [];
    const c = await newChannel(alice.token);
    responses.push(c);
    responses.push(await t.api('GET', '/api/channels', undefined, alice.token));
    responses.push(await t.api('GET', '/api/channels', undefined, t.adminToken));
    responses.push(await t.api('PATCH', `/api/channels/${c.id}`, { name: 'renamed', api_key_secret: SECRET + '-v2' }, alice.token));
    responses.push(await t.api('POST', `/api/channels/${c.id}/enabled`, { enabled: false }, alice.token));
    responses.push(await t.api('POST', `/api/channels/${c.id}/copy`, {}, alice.token));
    for (const r of responses) {
      const text = JSON.stringify(r);
      expect(text).not.toContain('VERY-SECRET');
      expect(text).not.toContain('abcdef123456');
    }
    expect(c).toMatchObject({ has_secret: true, secret_hint: 'sk-u…3456' });
    // At rest the secret is ciphertext only.
    const raw = t.core.services.db.prepare('SELECT ciphertext FROM secrets').all() as { ciphertext: Buffer }[];
    for (const r of raw) expect(r.ciphertext.toString('latin1')).not.toContain('SECRET');
  });

  it('normalizes base URLs without doubling paths', async () => {
    expect((await newChannel(alice.token, { base_url: 'https://api.openai.com/' })).base_url).toBe('https://api.openai.com/v1');
    expect((await newChannel(alice.token, { base_url: 'https://api.openai.com/v1/chat/completions' })).base_url).toBe('https://api.openai.com/v1');
    expect((await newChannel(alice.token, { provider: 'anthropic', base_url: 'https://api.anthropic.com/v1/' })).base_url).toBe('https://api.anthropic.com');
    expect((await newChannel(alice.token, { provider: 'gemini', base_url: 'https://generativelanguage.googleapis.com/v1beta' })).base_url).toBe('https://generativelanguage.googleapis.com');
  });

  it('hides other members’ keys and channels (404), admins see all channels', async () => {
    const c = await newChannel(alice.token);
    const k = await t.api<{ record: Key }>('POST', '/api/api-keys', { name: 'a' }, alice.token);
    for (const [method, path, body] of [
      ['PATCH', `/api/channels/${c.id}`, { name: 'x' }],
      ['DELETE', `/api/channels/${c.id}`, undefined],
      ['POST', `/api/channels/${c.id}/enabled`, { enabled: false }],
      ['POST', `/api/channels/${c.id}/copy`, {}],
      ['PATCH', `/api/api-keys/${k.record.id}`, { name: 'x' }],
      ['DELETE', `/api/api-keys/${k.record.id}`, undefined],
      ['POST', `/api/api-keys/${k.record.id}/rotate`, {}],
      ['POST', `/api/api-keys/${k.record.id}/enabled`, { enabled: false }],
    ] as const) {
      expect((await t.apiRaw(method, path, body, bob.token)).status, `${method} ${path}`).toBe(404);
    }
    const bobsChannels = await t.api<Channel[]>('GET', '/api/channels', undefined, bob.token);
    expect(bobsChannels.find((x) => x.id === c.id)).toBeUndefined();
    const bobsKeys = await t.api<Key[]>('GET', '/api/api-keys', undefined, bob.token);
    expect(bobsKeys.find((x) => x.id === k.record.id)).toBeUndefined();
    const all = await t.api<Channel[]>('GET', '/api/channels', undefined, t.adminToken);
    expect(all.find((x) => x.id === c.id)).toBeDefined();
    expect((await t.api<{ updated: number }>('POST', '/api/channels/batch-enabled', { ids: [c.id], enabled: false }, bob.token)).updated).toBe(0);
    expect((await t.api<{ updated: number }>('POST', '/api/channels/batch-enabled', { ids: [c.id], enabled: false }, t.adminToken)).updated).toBe(1);
  });

  it('new keys cover the whole pool and follow it; narrowed keys stay narrowed', async () => {
    const full = await t.api<{ token: string; record: Key }>('POST', '/api/api-keys', { name: 'full' }, bob.token);
    expect(full.token).toMatch(/^sk-ta-[A-Za-z0-9_-]{32}$/);
    expect(full.record.prefix).toBe(full.token.slice(0, 10) + '…' + full.token.slice(-4));
    expect(full.record.covers_all_channels).toBe(true);
    const first = full.record.allowed_channel_ids[0]!;
    const narrow = await t.api<{ record: Key }>('POST', '/api/api-keys', { name: 'narrow', allowed_channel_ids: [first] }, bob.token);
    expect(narrow.record).toMatchObject({ covers_all_channels: false, allowed_channel_ids: [first] });
    const added = await newChannel(alice.token);
    const keys = await t.api<Key[]>('GET', '/api/api-keys', undefined, bob.token);
    expect(keys.find((k) => k.id === full.record.id)!.allowed_channel_ids).toContain(added.id);
    expect(keys.find((k) => k.id === narrow.record.id)!.allowed_channel_ids).toEqual([first]);
    expect((await t.apiRaw('PATCH', `/api/api-keys/${narrow.record.id}`, { allowed_channel_ids: [999999] }, bob.token)).status).toBe(400);
  });

  it('rotates a key: the old token stops working, the new one is shown once', async () => {
    const k = await t.api<{ token: string; record: Key }>('POST', '/api/api-keys', { name: 'rot' }, bob.token);
    const rotated = await t.api<{ token: string; record: Key }>('POST', `/api/api-keys/${k.record.id}/rotate`, {}, bob.token);
    expect(rotated.token).not.toBe(k.token);
    const list = JSON.stringify(await t.api('GET', '/api/api-keys', undefined, bob.token));
    expect(list).not.toContain(rotated.token);
    const old = await fetch(`${t.url}/v1/models`, { headers: { authorization: `Bearer ${k.token}` } });
    expect(old.status).toBe(401);
    const now = await fetch(`${t.url}/v1/models`, { headers: { authorization: `Bearer ${rotated.token}` } });
    expect(now.status).toBe(200);
  });

  it('soft-deletes keys (batch too) and keeps quota usage across edits that keep the window shape', async () => {
    const a = await t.api<{ record: Key }>('POST', '/api/api-keys', { name: 'd1' }, bob.token);
    const b = await t.api<{ record: Key }>('POST', '/api/api-keys', { name: 'd2' }, bob.token);
    expect((await t.api<{ deleted: number }>('POST', '/api/api-keys/batch-delete', { ids: [a.record.id, b.record.id] }, bob.token)).deleted).toBe(2);
    expect(t.core.services.db.prepare('SELECT COUNT(*) AS n FROM api_keys WHERE id IN (?, ?) AND deleted_at IS NOT NULL').get(a.record.id, b.record.id)).toEqual({ n: 2 });

    const window = { name: 'month', limit_points: 50, used_points: 12.5, period_unit: 'month', period_count: 1, anchor_at: '2026-01-03T01:00:00Z', timezone: 'Asia/Shanghai' };
    const c = await newChannel(bob.token, { quota_windows: [window] });
    const { used_points: _u, ...noUsed } = window;
    const raised = await t.api<Channel>('PATCH', `/api/channels/${c.id}`, { quota_windows: [{ ...noUsed, limit_points: 80 }] }, bob.token);
    expect(raised.quota_windows[0]).toMatchObject({ limit_points: 80, used_points: 12.5 });
    const reshaped = await t.api<Channel>('PATCH', `/api/channels/${c.id}`, { quota_windows: [{ ...noUsed, period_unit: 'week' }] }, bob.token);
    expect(reshaped.quota_windows[0]!.used_points).toBe(0);
  });

  it('validates channel input', async () => {
    const bad = await t.apiRaw('POST', '/api/channels', { name: 'x', provider: 'mistral', api_key_secret: 's', models: [] }, bob.token);
    expect(bad.status).toBe(400);
    const badTz = await t.apiRaw('POST', '/api/channels', { name: 'x', provider: 'openai', api_key_secret: 's', models: ['m'], quota_windows: [{ limit_points: 1, period_unit: 'day', anchor_at: '2026-01-01T00:00:00Z', timezone: 'Mars/Olympus' }] }, bob.token);
    expect(badTz.status).toBe(400);
    expect((badTz.body as { error: string }).error).toMatch(/IANA/);
    const badPattern = await t.apiRaw('POST', '/api/channels', { name: 'x', provider: 'openai', api_key_secret: 's', models: ['/[/'] }, bob.token);
    expect(badPattern.status).toBe(400);
  });
});
