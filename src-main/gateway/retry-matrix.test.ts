import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeBehaviour, type FakeUpstream } from '../testing/fake-upstreams';
import { startTestCore, type TestCore } from '../testing/harness';

/**
 * Retries against fake upstreams that fail on command. Channel A has weight 1 and B weight 0, so
 * A is always chosen first while eligible and B only as the fallback: the order is deterministic.
 */
describe('routing retries (fake upstreams, OpenAI SDK)', () => {
  let t: TestCore;
  let upA: FakeUpstream;
  let upB: FakeUpstream;
  let client: OpenAI;
  let memberId: number;
  let chA: number;
  let chB: number;
  const COOLDOWN_S = 30;

  const db = () => t.core.services.db;
  const balance = () => (db().prepare('SELECT balance_micro FROM users WHERE id = ?').get(memberId) as { balance_micro: number }).balance_micro;
  const cooldown = (id: number) => (db().prepare('SELECT cooldown_until FROM channels WHERE id = ?').get(id) as { cooldown_until: number | null }).cooldown_until;
  const openReservations = () => (db().prepare('SELECT COUNT(*) AS n FROM reservations').get() as { n: number }).n;
  const lastLedger = () => db().prepare('SELECT * FROM ledger ORDER BY id DESC LIMIT 1').get() as { status: string; channel_id: number; cost_micro: number; http_status: number };
  const health = (id: number) => (t.core.services.routing.health.flush(), db()).prepare('SELECT status, http_status FROM health_events WHERE channel_id = ? ORDER BY id').all(id) as { status: string; http_status: number | null }[];
  const ask = (stream: boolean) =>
    stream
      ? (async () => {
          const s = await client.chat.completions.create({ model: 'gpt-5.1', stream: true, messages: [{ role: 'user', content: 'hi' }] });
          let text = '';
          for await (const c of s) text += c.choices[0]?.delta?.content ?? '';
          return text;
        })()
      : client.chat.completions.create({ model: 'gpt-5.1', messages: [{ role: 'user', content: 'hi' }] }).then((r) => r.choices[0]!.message.content ?? '');

  beforeAll(async () => {
    t = await startTestCore({ settings: { routing_retry_cooldown_seconds: COOLDOWN_S, routing_first_token_timeout_seconds: 1, routing_max_attempts: 3, route_weight_mode: 'weight' } });
    upA = await startFakeUpstream({ protocol: 'openai', apiKey: 'sk-a' });
    upB = await startFakeUpstream({ protocol: 'openai', apiKey: 'sk-b' });
    const mk = async (name: string, up: FakeUpstream, key: string, weight: number) =>
      (await t.api<{ id: number }>('POST', '/api/channels', { name, provider: 'openai', base_url: up.url + '/v1', api_key_secret: key, models: ['gpt-5.1'], weight }, t.adminToken)).id;
    chA = await mk('A', upA, 'sk-a', 1);
    chB = await mk('B', upB, 'sk-b', 0);
    const member = await t.createMember('retry@example.test', 100);
    memberId = member.id;
    const key = await t.api<{ token: string }>('POST', '/api/api-keys', { name: 'k' }, member.token);
    client = new OpenAI({ apiKey: key.token, baseURL: `${t.url}/v1`, maxRetries: 0 });
  });
  afterAll(async () => {
    await t?.close();
    await upA?.close();
    await upB?.close();
  });
  beforeEach(() => {
    t.core.services.routing.cooldowns.clear(chA);
    t.core.services.routing.cooldowns.clear(chB);
    upB.setDefault({ text: 'served by B', usage: { input: 10, output: 5 } });
  });

  const retryable: [string, FakeBehaviour, number | null][] = [
    ['429 with Retry-After', { failure: { kind: 'status', status: 429, retryAfterSeconds: 120 } }, 429],
    ['408', { failure: { kind: 'status', status: 408 } }, 408],
    ['500', { failure: { kind: 'status', status: 500 } }, 500],
    ['503', { failure: { kind: 'status', status: 503 } }, 503],
    ['connection reset', { failure: { kind: 'reset' } }, null],
    ['empty reply', { text: '' }, 200],
  ];
  for (const stream of [false, true]) {
    for (const [name, behaviour, status] of retryable) {
      it(`${stream ? 'stream' : 'non-stream'}: ${name} on A -> served by B, A cooled down, nothing held`, async () => {
        upA.script(behaviour);
        const before = balance();
        const t0 = Date.now();
        expect(await ask(stream)).toBe('served by B');
        const row = lastLedger();
        expect(row).toMatchObject({ status: 'ok', channel_id: chB });
        expect(balance()).toBe(before - row.cost_micro);
        expect(openReservations()).toBe(0);
        const wantCool = name.startsWith('429') ? 120_000 : COOLDOWN_S * 1000;
        expect(cooldown(chA)).toBeGreaterThanOrEqual(t0 + wantCool);
        expect(cooldown(chA)).toBeLessThanOrEqual(Date.now() + wantCool);
        expect(cooldown(chB)).toBeNull();
        const h = health(chA).at(-1)!;
        expect(h.status).toBe(name === 'empty reply' ? 'empty' : 'down');
        expect(h.http_status).toBe(status);
        expect(health(chB).at(-1)!.status).toBe('available');
      });
    }
  }

  it('stream: a hanging upstream hits the first-token timeout and B serves', async () => {
    upA.script({ failure: { kind: 'hang' } });
    const t0 = Date.now();
    expect(await ask(true)).toBe('served by B');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1000);
    expect(cooldown(chA)).not.toBeNull();
    expect(health(chA).at(-1)).toEqual({ status: 'down', http_status: null });
  });

  it('stream: failure after the first token is never replayed; the client sees an error', async () => {
    upA.script({ text: 'partial answer here', chunkDelayMs: 10, failure: { kind: 'drop-after-first-token' } });
    const sentToB = upB.requests.length;
    const before = balance();
    let text = '';
    await expect(
      (async () => {
        const s = await client.chat.completions.create({ model: 'gpt-5.1', stream: true, messages: [{ role: 'user', content: 'hi' }] });
        for await (const c of s) text += c.choices[0]?.delta?.content ?? '';
      })(),
    ).rejects.toThrow();
    expect(text.length).toBeGreaterThan(0);
    expect(upB.requests.length).toBe(sentToB);
    expect(lastLedger().channel_id).toBe(chA);
    expect(balance()).toBeLessThanOrEqual(before);
    expect(openReservations()).toBe(0);
    expect(health(chA).at(-1)!.status).toBe('degraded');
  });

  it('stream: an in-stream error after the first token ends the stream with an error, no replay', async () => {
    upA.script({ text: 'partial answer here', failure: { kind: 'error-after-first-token', status: 500 } });
    const sentToB = upB.requests.length;
    let text = '';
    await expect(
      (async () => {
        const s = await client.chat.completions.create({ model: 'gpt-5.1', stream: true, messages: [{ role: 'user', content: 'hi' }] });
        for await (const c of s) text += c.choices[0]?.delta?.content ?? '';
      })(),
    ).rejects.toThrow();
    expect(text.length).toBeGreaterThan(0);
    expect(upB.requests.length).toBe(sentToB);
    expect(openReservations()).toBe(0);
  });

  it('other 4xx pass through without retry or cooldown', async () => {
    upA.script({ failure: { kind: 'status', status: 400, message: 'bad temperature' } });
    const sentToB = upB.requests.length;
    await expect(ask(false)).rejects.toMatchObject({ status: 400 });
    expect(upB.requests.length).toBe(sentToB);
    expect(cooldown(chA)).toBeNull();
    expect(openReservations()).toBe(0);
  });

  it('when every channel fails the last error reaches the client, nothing is charged, both cool down', async () => {
    upA.script({ failure: { kind: 'status', status: 503 } });
    upB.script({ failure: { kind: 'status', status: 502 } });
    const before = balance();
    await expect(ask(false)).rejects.toMatchObject({ status: 502 });
    expect(balance()).toBe(before);
    expect(lastLedger()).toMatchObject({ status: 'error', cost_micro: 0, http_status: 502 });
    expect(cooldown(chA)).not.toBeNull();
    expect(cooldown(chB)).not.toBeNull();
    expect(openReservations()).toBe(0);
    // Both cooling: the next request finds no capacity and says so.
    await expect(ask(false)).rejects.toMatchObject({ status: 429, code: 'no_capacity' });
  });

  it('stops after routing_max_attempts', async () => {
    t.core.services.settings.update([{ key: 'routing_max_attempts', value: 1 }]);
    try {
      upA.script({ failure: { kind: 'status', status: 500 } });
      const sentToB = upB.requests.length;
      await expect(ask(false)).rejects.toMatchObject({ status: 500 });
      expect(upB.requests.length).toBe(sentToB);
    } finally {
      t.core.services.settings.update([{ key: 'routing_max_attempts', value: 3 }]);
    }
  });

  it('stream: a channel’s own first-token timeout overrides the runtime default', async () => {
    t.core.services.settings.update([{ key: 'routing_first_token_timeout_seconds', value: 120 }]);
    const rec = await t.api<{ first_token_timeout_seconds: number | null }>('PATCH', `/api/channels/${chA}`, { first_token_timeout_seconds: 0.3 }, t.adminToken);
    expect(rec.first_token_timeout_seconds).toBe(0.3);
    try {
      upA.script({ failure: { kind: 'hang' } });
      const t0 = Date.now();
      // With the 120 s default this would outlive the test timeout; the channel's 0.3 s applies.
      expect(await ask(true)).toBe('served by B');
      expect(Date.now() - t0).toBeGreaterThanOrEqual(300);
      expect(health(chA).at(-1)).toEqual({ status: 'down', http_status: null });
    } finally {
      await t.api('PATCH', `/api/channels/${chA}`, { first_token_timeout_seconds: null }, t.adminToken);
      t.core.services.settings.update([{ key: 'routing_first_token_timeout_seconds', value: 1 }]);
    }
  });
});
