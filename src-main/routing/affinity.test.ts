import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AffinityRuleRecord } from '../../src-shared/api/ops/routing';
import { startFakeUpstream, type FakeUpstream } from '../testing/fake-upstreams';
import { startTestCore, type TestCore } from '../testing/harness';

describe('affinity rules: CRUD, binding, expiry and failover', () => {
  let t: TestCore;
  let upA: FakeUpstream;
  let upB: FakeUpstream;
  let client: OpenAI;
  let chA: number;
  let chB: number;
  let memberToken: string;

  const db = () => t.core.services.db;
  const lastChannel = () => (db().prepare("SELECT channel_id FROM ledger WHERE status = 'ok' ORDER BY id DESC LIMIT 1").get() as { channel_id: number }).channel_id;
  const bindings = () => db().prepare('SELECT rule_id, channel_id, expires_at FROM affinity_bindings').all() as { rule_id: number; channel_id: number; expires_at: number }[];
  const ask = (cacheKey: string) => client.responses.create({ model: 'gpt-5.1', input: 'hi', prompt_cache_key: cacheKey });
  const other = (id: number) => (id === chA ? chB : chA);
  const upOf = (id: number) => (id === chA ? upA : upB);
  const clearCooldowns = () => {
    t.core.services.routing.cooldowns.clear(chA);
    t.core.services.routing.cooldowns.clear(chB);
  };

  beforeAll(async () => {
    t = await startTestCore({ settings: { routing_retry_cooldown_seconds: 60, route_weight_mode: 'weight' } });
    upA = await startFakeUpstream({ protocol: 'openai', apiKey: 'sk-a' });
    upB = await startFakeUpstream({ protocol: 'openai', apiKey: 'sk-b' });
    const mk = async (name: string, up: FakeUpstream, key: string) =>
      (await t.api<{ id: number }>('POST', '/api/channels', { name, provider: 'openai', base_url: up.url + '/v1', api_key_secret: key, models: ['gpt-5.1'] }, t.adminToken)).id;
    chA = await mk('A', upA, 'sk-a');
    chB = await mk('B', upB, 'sk-b');
    const member = await t.createMember('aff@example.test', 100);
    memberToken = member.token;
    const key = await t.api<{ token: string }>('POST', '/api/api-keys', { name: 'k' }, member.token);
    client = new OpenAI({ apiKey: key.token, baseURL: `${t.url}/v1`, maxRetries: 0 });
  });
  afterAll(async () => {
    await t?.close();
    await upA?.close();
    await upB?.close();
  });
  beforeEach(clearCooldowns);

  it('ships the three MISSION.md presets and is admin-only', async () => {
    const rules = await t.api<AffinityRuleRecord[]>('GET', '/api/affinity-rules', undefined, t.adminToken);
    expect(rules.map((r) => [r.name, r.model_pattern, r.routes, r.key_name, r.ttl_seconds, r.switch_on_success, r.stay_pinned_on_failure, r.include_model_in_key, r.builtin])).toEqual([
      ['GPT Responses', '/^gpt-.*$/', ['openai-responses'], 'prompt_cache_key', 3600, true, true, false, true],
      ['Claude Messages', '/^claude-.*$/', ['anthropic'], 'metadata.user_id', 3600, true, true, false, true],
      ['Gemini', '/^gemini-.*$/', ['gemini'], 'cachedContent', 3600, true, true, false, true],
    ]);
    expect((await t.apiRaw('GET', '/api/affinity-rules', undefined, memberToken)).status).toBe(403);
    expect((await t.apiRaw('POST', '/api/affinity-rules', { name: 'x', model_pattern: 'gpt-*', key_source: 'json', key_name: 'a..b' }, t.adminToken)).status).toBe(400);
    const created = await t.api<AffinityRuleRecord>('POST', '/api/affinity-rules', { name: 'by header', model_pattern: 'x-*', key_source: 'header', key_name: 'x-session' }, t.adminToken);
    expect(created).toMatchObject({ routes: ['*'], ttl_seconds: 3600, builtin: false, bindings: 0 });
    const updated = await t.api<AffinityRuleRecord>('PATCH', `/api/affinity-rules/${created.id}`, { ttl_seconds: 5, enabled: false }, t.adminToken);
    expect(updated).toMatchObject({ ttl_seconds: 5, enabled: false, key_name: 'x-session' });
    await t.api('DELETE', `/api/affinity-rules/${created.id}`, undefined, t.adminToken);
    expect((await t.apiRaw('DELETE', `/api/affinity-rules/${created.id}`, undefined, t.adminToken)).status).toBe(404);
  });

  it('binds a prompt_cache_key to the channel that served it and keeps it there', async () => {
    await ask('session-1');
    const bound = lastChannel();
    expect(bindings()).toEqual([expect.objectContaining({ channel_id: bound })]);
    for (let i = 0; i < 12; i++) {
      await ask('session-1');
      expect(lastChannel()).toBe(bound);
    }
    const rules = await t.api<AffinityRuleRecord[]>('GET', '/api/affinity-rules', undefined, t.adminToken);
    expect(rules[0]!.bindings).toBe(1);
  });

  it('fails over when the bound channel fails and switches the binding (switch-on-success)', async () => {
    await ask('session-2');
    const bound = lastChannel();
    upOf(bound).script({ failure: { kind: 'status', status: 500 } });
    await ask('session-2');
    expect(lastChannel()).toBe(other(bound));
    clearCooldowns();
    await ask('session-2');
    expect(lastChannel()).toBe(other(bound));
  });

  it('keeps the old binding when the rule does not switch on success, and pins back after the failure', async () => {
    const rules = await t.api<AffinityRuleRecord[]>('GET', '/api/affinity-rules', undefined, t.adminToken);
    await t.api('PATCH', `/api/affinity-rules/${rules[0]!.id}`, { switch_on_success: false }, t.adminToken);
    try {
      await ask('session-3');
      const bound = lastChannel();
      upOf(bound).script({ failure: { kind: 'status', status: 503 } });
      await ask('session-3');
      expect(lastChannel()).toBe(other(bound));
      clearCooldowns();
      await ask('session-3');
      expect(lastChannel()).toBe(bound);
    } finally {
      await t.api('PATCH', `/api/affinity-rules/${rules[0]!.id}`, { switch_on_success: true }, t.adminToken);
    }
  });

  it('drops the binding on failure when the rule does not stay pinned', async () => {
    const rules = await t.api<AffinityRuleRecord[]>('GET', '/api/affinity-rules', undefined, t.adminToken);
    await t.api('PATCH', `/api/affinity-rules/${rules[0]!.id}`, { switch_on_success: false, stay_pinned_on_failure: false }, t.adminToken);
    try {
      await ask('session-4');
      const bound = lastChannel();
      const before = bindings().length;
      upOf(bound).script({ failure: { kind: 'status', status: 503 } });
      await ask('session-4');
      expect(lastChannel()).toBe(other(bound));
      expect(bindings().length).toBe(before - 1);
    } finally {
      await t.api('PATCH', `/api/affinity-rules/${rules[0]!.id}`, { switch_on_success: true, stay_pinned_on_failure: true }, t.adminToken);
    }
  });

  it('expires bindings after the TTL', async () => {
    const rules = await t.api<AffinityRuleRecord[]>('GET', '/api/affinity-rules', undefined, t.adminToken);
    await t.api('PATCH', `/api/affinity-rules/${rules[0]!.id}`, { ttl_seconds: 1 }, t.adminToken);
    try {
      await ask('session-5');
      const routing = t.core.services.routing;
      const req = { route: 'openai-responses', model: 'gpt-5.1', body: { prompt_cache_key: 'session-5' }, headers: {}, context: { api_key_id: null, user_id: null, client_ip: null } };
      const now = Date.now();
      expect(routing.affinity.decide(req, now)?.boundChannelId).toBe(lastChannel());
      expect(routing.affinity.decide(req, now + 1500)?.boundChannelId).toBeNull();
      expect(routing.affinity.pruneExpired(now + 1500)).toBeGreaterThanOrEqual(0);
    } finally {
      await t.api('PATCH', `/api/affinity-rules/${rules[0]!.id}`, { ttl_seconds: 3600 }, t.adminToken);
    }
  });

  it('ignores requests without the key or outside the rule', async () => {
    const before = bindings().length;
    await client.responses.create({ model: 'gpt-5.1', input: 'no cache key' });
    await client.chat.completions.create({ model: 'gpt-5.1', messages: [{ role: 'user', content: 'chat route' }] });
    expect(bindings().length).toBe(before);
  });
});
