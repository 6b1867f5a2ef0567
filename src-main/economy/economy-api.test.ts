import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../testing/harness';

interface Member {
  token: string;
  id: number;
}

/** The economy's console operations over real HTTP: access rules, validation, records. */
describe('economy console API', () => {
  let t: TestCore;
  let ana: Member;
  let bo: Member;
  let channelId: number;

  beforeAll(async () => {
    t = await startTestCore();
    ana = await t.createMember('ana@example.test', 20);
    bo = await t.createMember('bo@example.test', 5);
    const ch = await t.api<{ id: number }>('POST', '/api/channels', { name: 'ana-ch', provider: 'openai', base_url: 'http://127.0.0.1:9/v1', api_key_secret: 'sk-x', models: ['m-*'] }, ana.token);
    channelId = ch.id;
  });
  afterAll(async () => t?.close());

  it('publishes a topic for every economy change', async () => {
    const dee = await t.createMember('dee@example.test', 1);
    const seen: string[] = [];
    const stop = t.core.services.events.subscribe({ userId: bo.id, isAdmin: false, send: (topics) => seen.push(...topics) });
    try {
      await t.api('POST', '/api/prices', { channel_id: null, model_pattern: 'evt-*', input_price_per_1m: 1, output_price_per_1m: 1 }, t.adminToken);
      expect(seen).toContain('prices');
      await t.api('POST', '/api/settings', [{ key: 'leaderboard_size', value: 25 }], t.adminToken);
      expect(seen).toContain('settings');
      seen.length = 0;
      await t.api('POST', '/api/transfers', { to_user_id: bo.id, points: 0.1 }, dee.token);
      expect(seen).toEqual(expect.arrayContaining(['economy', 'me']));
      seen.length = 0;
      await t.api('POST', '/api/red-packets', { phrase: 'evt', total_points: 0.1, total_parts: 1 }, dee.token);
      expect(seen).toContain('economy');
    } finally {
      stop();
    }
  });

  describe('prices', () => {
    it('lists the seeded presets to every member', async () => {
      const list = await t.api<{ model_pattern: string; preset: boolean; channel_id: number | null }[]>('GET', '/api/prices', undefined, bo.token);
      expect(list.filter((p) => p.preset).map((p) => p.model_pattern)).toEqual(expect.arrayContaining(['gpt-5*', 'gpt-5*-codex*', 'claude-opus-4*', 'claude-sonnet-4*', 'claude-haiku-4*']));
    });

    it('lets only admins write global prices and only owners (or admins) write channel prices', async () => {
      const global = { channel_id: null, model_pattern: 'x-*', input_price_per_1m: 1, output_price_per_1m: 2 };
      expect((await t.apiRaw('POST', '/api/prices', global, bo.token)).status).toBe(403);
      const created = await t.api<{ id: number; cache_price_per_1m: number; cache_write_price_per_1m: null }>('POST', '/api/prices', global, t.adminToken);
      expect(created).toMatchObject({ cache_price_per_1m: 0, cache_write_price_per_1m: null });
      expect((await t.apiRaw('POST', '/api/prices', global, t.adminToken)).status).toBe(409);
      expect((await t.apiRaw('PATCH', `/api/prices/${created.id}`, { input_price_per_1m: 3 }, ana.token)).status).toBe(403);
      const own = { channel_id: channelId, model_pattern: 'm-*', input_price_per_1m: 0.5, output_price_per_1m: 1.5, cache_price_per_1m: 0.05 };
      expect((await t.apiRaw('POST', '/api/prices', own, bo.token)).status).toBe(404);
      const p = await t.api<{ id: number }>('POST', '/api/prices', own, ana.token);
      const upd = await t.api<{ input_price_per_1m: number; model_pattern: string }>('PATCH', `/api/prices/${p.id}`, { input_price_per_1m: 0.75 }, ana.token);
      expect(upd).toMatchObject({ input_price_per_1m: 0.75, model_pattern: 'm-*' });
      expect((await t.apiRaw('PATCH', `/api/prices/${p.id}`, { channel_id: null }, ana.token)).status).toBe(403);
      expect((await t.apiRaw('DELETE', `/api/prices/${p.id}`, undefined, bo.token)).status).toBe(404);
      await t.api('DELETE', `/api/prices/${p.id}`, undefined, t.adminToken);
    });

    it('validates patterns and decimals', async () => {
      const bad = async (body: object) => (await t.apiRaw('POST', '/api/prices', { channel_id: null, model_pattern: 'y', input_price_per_1m: 1, output_price_per_1m: 1, ...body }, t.adminToken)).status;
      expect(await bad({ model_pattern: '/[unclosed/' })).toBe(400);
      expect(await bad({ input_price_per_1m: -1 })).toBe(400);
      expect(await bad({ output_price_per_1m: 0.0000001 })).toBe(400);
    });
  });

  describe('settings', () => {
    it('are admin-only, validated all-or-nothing, and say which need a restart', async () => {
      expect((await t.apiRaw('GET', '/api/settings', undefined, ana.token)).status).toBe(403);
      const list = await t.api<{ key: string; restart_required: boolean; active_value?: unknown }[]>('GET', '/api/settings', undefined, t.adminToken);
      expect(list.find((s) => s.key === 'gateway_queue_capacity')).toMatchObject({ restart_required: true, active_value: 256 });
      const bad = await t.apiRaw('POST', '/api/settings', [{ key: 'provider_share', value: 0.5 }, { key: 'routing_max_attempts', value: 0 }], t.adminToken);
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body)).toContain('routing_max_attempts');
      expect(t.core.services.settings.get('provider_share')).toBe(0.7);
      expect((await t.apiRaw('POST', '/api/settings', [{ key: 'surge_idle_below', value: 0.9 }, { key: 'surge_peak_above', value: 0.5 }], t.adminToken)).status).toBe(400);
      const after = await t.api<{ key: string; value: unknown }[]>('POST', '/api/settings', [{ key: 'provider_share', value: 0.65 }, { key: 'gateway_queue_capacity', value: 64 }], t.adminToken);
      expect(after.find((s) => s.key === 'provider_share')!.value).toBe(0.65);
      // Startup-sized: stored now, the running process keeps what it started with.
      expect(after.find((s) => s.key === 'gateway_queue_capacity')).toMatchObject({ value: 64, active_value: 256 });
      await t.api('POST', '/api/settings', [{ key: 'provider_share', value: 0.7 }], t.adminToken);
    });

    it('give new keys and channels their defaults when a field is left out', async () => {
      await t.api('POST', '/api/settings', [
        { key: 'default_channel_weight', value: 3 },
        { key: 'default_channel_enabled', value: false },
        { key: 'default_key_spend_limit_points', value: 2.5 },
        { key: 'default_key_expiry_days', value: 7 },
      ], t.adminToken);
      const ch = await t.api<{ weight: number; enabled: boolean }>('POST', '/api/channels', { name: 'dflt', provider: 'openai', api_key_secret: 'sk-y', models: ['z'] }, bo.token);
      expect(ch).toMatchObject({ weight: 3, enabled: false });
      const key = await t.api<{ record: { spend_limit_points: number | null; expires_at: string | null } }>('POST', '/api/api-keys', { name: 'd' }, bo.token);
      expect(key.record.spend_limit_points).toBe(2.5);
      const days = (Date.parse(key.record.expires_at!) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(6.9);
      expect(days).toBeLessThanOrEqual(7);
      const explicit = await t.api<{ record: { spend_limit_points: number | null; expires_at: string | null } }>('POST', '/api/api-keys', { name: 'e', spend_limit_points: null, expires_at: null }, bo.token);
      expect(explicit.record).toMatchObject({ spend_limit_points: null, expires_at: null });
      await t.api('POST', '/api/settings', [
        { key: 'default_channel_weight', value: 1 },
        { key: 'default_channel_enabled', value: true },
        { key: 'default_key_spend_limit_points', value: 0 },
        { key: 'default_key_expiry_days', value: 0 },
      ], t.adminToken);
    });

    it('show members only the member-visible runtime settings', async () => {
      const rs = await t.api<Record<string, unknown>>('GET', '/api/runtime-settings', undefined, ana.token);
      expect(rs).toMatchObject({ provider_share: 0.7, settlement_round_digits: 6, invite_required: false, leaderboard_timezone_effective: 'UTC' });
      expect(rs).not.toHaveProperty('invite_code_default');
      expect(rs).not.toHaveProperty('routing_max_attempts');
    });
  });

  describe('transfers and red packets', () => {
    it('transfers by email with a record both sides can read', async () => {
      const tr = await t.api<{ points: number; direction: string; to_name: string }>('POST', '/api/transfers', { to_email: 'bo@example.test', points: 1.5, memo: 'lunch' }, ana.token);
      expect(tr).toMatchObject({ points: 1.5, direction: 'out' });
      const boSide = await t.api<{ direction: string; memo: string }[]>('GET', '/api/transfers', undefined, bo.token);
      expect(boSide[0]).toMatchObject({ direction: 'in', memo: 'lunch' });
      expect((await t.apiRaw('POST', '/api/transfers', { to_user_id: ana.id, points: 1 }, ana.token)).status).toBe(400);
      expect((await t.apiRaw('POST', '/api/transfers', { to_user_id: bo.id, points: 0 }, ana.token)).status).toBe(400);
      expect((await t.apiRaw('POST', '/api/transfers', { to_user_id: bo.id, points: 1000 }, ana.token)).status).toBe(400);
      expect((await t.apiRaw('POST', '/api/transfers', { to_user_id: bo.id, points: 1e13 }, ana.token)).status).toBe(400);
      expect((await t.apiRaw('POST', '/api/transfers', { to_user_id: bo.id, to_email: 'bo@example.test', points: 1 }, ana.token)).status).toBe(400);
      const me = await t.api<{ points_balance: number }>('GET', '/api/me', undefined, ana.token);
      expect(me.points_balance).toBe(18.5);
    });

    it('creates a packet, hides the phrase from others, and pays claims', async () => {
      const p = await t.api<{ phrase: string; status: string }>('POST', '/api/red-packets', { phrase: 'gong xi', total_points: 3, total_parts: 2, mode: 'even' }, ana.token);
      expect(p).toMatchObject({ phrase: 'gong xi', status: 'live' });
      const seen = await t.api<{ phrase: string | null; creator_name: string }[]>('GET', '/api/red-packets', undefined, bo.token);
      expect(seen[0]).toMatchObject({ phrase: null, creator_name: 'ana' });
      const claim = await t.api<{ points: number; packet: { claimed_by_me: boolean; claims: unknown[] } }>('POST', '/api/red-packets/claim', { phrase: 'gong xi' }, bo.token);
      expect(claim.points).toBe(1.5);
      expect(claim.packet.claimed_by_me).toBe(true);
      expect((await t.apiRaw('POST', '/api/red-packets/claim', { phrase: 'gong xi' }, bo.token)).status).toBe(409);
      expect((await t.apiRaw('POST', '/api/red-packets/claim', { phrase: 'nope' }, bo.token)).status).toBe(404);
      expect((await t.apiRaw('POST', '/api/red-packets', { phrase: 'gong xi', total_points: 1, total_parts: 1 }, bo.token)).status).toBe(409);
      expect((await t.apiRaw('POST', '/api/red-packets', { phrase: 'past', total_points: 1, total_parts: 1, expires_at: '2020-01-01T00:00:00Z' }, bo.token)).status).toBe(400);
    });
  });

  describe('ledger, leaderboards and dashboard', () => {
    let anaKey: number;
    beforeAll(async () => {
      // Ledger rows as the gateway writes them (the gateway tests cover writing them for real).
      const k = await t.api<{ record: { id: number } }>('POST', '/api/api-keys', { name: 'k' }, bo.token);
      anaKey = k.record.id;
      const ins = t.core.services.db.prepare(
        `INSERT INTO ledger (request_id, created_at, user_id, api_key_id, channel_id, provider_user_id, route, model, status, input_tokens, output_tokens, cost_micro, provider_micro, system_micro, formula)
         VALUES (?, ?, ?, ?, ?, ?, 'openai-chat', ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const now = Date.now();
      ins.run('r1', now - 1000, bo.id, anaKey, channelId, ana.id, 'm-1', 'ok', 100, 50, 7000, 4900, 2100, '=cmd|evil, "quoted"');
      ins.run('r2', now - 500, bo.id, anaKey, channelId, ana.id, 'm-2', 'error', 10, 0, 0, 0, 0, 'request failed: nothing charged');
      ins.run('r3', now - 40 * 86_400_000, bo.id, anaKey, channelId, ana.id, 'm-1', 'ok', 1, 1, 1, 0, 1, 'old');
    });

    it('pages and filters own rows; admins see all', async () => {
      const boRows = await t.api<{ total: number; items: { request_id: string; relation: string; user_email?: string }[] }>('GET', '/api/ledger?page_size=2', undefined, bo.token);
      expect(boRows.total).toBe(3);
      expect(boRows.items.map((r) => r.request_id)).toEqual(['r2', 'r1']);
      expect(boRows.items[0]).toMatchObject({ relation: 'consumer' });
      expect(boRows.items[0]).not.toHaveProperty('user_email');
      const anaRows = await t.api<{ total: number; items: { relation: string; api_key_id: number | null }[] }>('GET', '/api/ledger', undefined, ana.token);
      expect(anaRows.items[0]).toMatchObject({ relation: 'provider', api_key_id: null });
      const filtered = await t.api<{ total: number }>('GET', `/api/ledger?model=m-1&status=ok&from=${encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString())}`, undefined, bo.token);
      expect(filtered.total).toBe(1);
      expect((await t.api<{ total: number }>('GET', `/api/ledger?key=${anaKey}&channel=${channelId}`, undefined, t.adminToken)).total).toBe(3);
      const admin = await t.api<{ items: { user_email?: string }[] }>('GET', `/api/ledger?user=${bo.id}`, undefined, t.adminToken);
      expect(admin.items[0]!.user_email).toBe('bo@example.test');
      const outsider = await t.createMember('cy@example.test', 0);
      expect((await t.api<{ total: number }>('GET', '/api/ledger', undefined, outsider.token)).total).toBe(0);
    });

    it('exports CSV with formula injection defused', async () => {
      const r = await fetch(`${t.url}/api/ledger/export?status=ok`, { headers: { authorization: `Bearer ${bo.token}` } });
      expect(r.headers.get('content-type')).toContain('text/csv');
      expect(r.headers.get('content-disposition')).toContain('attachment');
      const lines = (await r.text()).trim().split('\r\n');
      expect(lines[0]!.startsWith('created_at,request_id,user,')).toBe(true);
      expect(lines).toHaveLength(3);
      expect(lines[1]).toContain(`"'=cmd|evil, ""quoted"""`);
      expect(lines[1]).toContain(',0.007,0.0049,0.0021,');
    });

    it('ranks providers by tokens and consumers by points, ok rows of the period only, masking anonymity', async () => {
      await t.api('PATCH', '/api/me', { anonymous_leaderboard: true }, bo.token);
      const lb = await t.api<{ label: string; providers: { display_name: string; value: number }[]; consumers: { display_name: string; user_id: number | null; value: number; is_me: boolean }[] }>('GET', '/api/leaderboards?period=day', undefined, ana.token);
      expect(lb.providers).toEqual([expect.objectContaining({ display_name: 'ana', value: 150 })]);
      expect(lb.consumers).toEqual([expect.objectContaining({ display_name: 'Anonymous member', user_id: null, value: 0.007, is_me: false })]);
      const own = await t.api<{ consumers: { display_name: string; is_me: boolean }[] }>('GET', '/api/leaderboards?period=month', undefined, bo.token);
      expect(own.consumers[0]).toMatchObject({ display_name: 'bo', is_me: true });
    });

    it('summarizes points, spend, pool capacity and surge', async () => {
      const d = await t.api<{ points_balance: number; spend_today_points: number; requests_today: number; channels: { name: string }[]; total_channels: number; enabled_channels: number; surge: { level: string }; system_points?: number }>('GET', '/api/dashboard', undefined, bo.token);
      // Pool totals for everyone; the breakdown only of bo's own (disabled) channel.
      expect(d).toMatchObject({ spend_today_points: 0.007, requests_today: 1, total_channels: 2, enabled_channels: 1 });
      expect(d.channels.map((c) => c.name)).toEqual(['dflt']);
      expect(d.system_points).toBeUndefined();
      expect(['idle', 'normal', 'peak']).toContain(d.surge.level);
      const a = await t.api<{ channels: { name: string }[]; earned_today_points: number }>('GET', '/api/dashboard', undefined, ana.token);
      expect(a.channels.map((c) => c.name)).toEqual(['ana-ch']);
      expect(a.earned_today_points).toBe(0.0049);
      const admin = await t.api<{ system_points: number; books: { balanced: boolean; system_points: number } }>('GET', '/api/dashboard', undefined, t.adminToken);
      expect(typeof admin.system_points).toBe('number');
      // Everything done through the API so far (grants, transfers, packets, claims) kept the books balanced.
      expect(admin.books).toMatchObject({ balanced: true, system_points: admin.system_points });
    });
  });
});
