import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../testing/fake-upstreams';
import { startTestCore, type TestCore } from '../testing/harness';

/**
 * Retries and affinity on the Anthropic and Gemini routes, with their own SDKs and fakes.
 * Fallback channels have weight 0 so the failing channel is always tried first.
 */
describe('routing retries and affinity on Anthropic and Gemini routes', () => {
  let t: TestCore;
  let antA: FakeUpstream;
  let antB: FakeUpstream;
  let gemA: FakeUpstream;
  let gemB: FakeUpstream;
  let ids: Record<'antA' | 'antB' | 'gemA' | 'gemB', number>;
  let anthropic: Anthropic;
  let gemini: GoogleGenAI;

  const db = () => t.core.services.db;
  const lastLedger = () => db().prepare('SELECT status, channel_id FROM ledger ORDER BY id DESC LIMIT 1').get() as { status: string; channel_id: number };
  const cooldown = (id: number) => (db().prepare('SELECT cooldown_until FROM channels WHERE id = ?').get(id) as { cooldown_until: number | null }).cooldown_until;
  const openReservations = () => (db().prepare('SELECT COUNT(*) AS n FROM reservations').get() as { n: number }).n;

  beforeAll(async () => {
    t = await startTestCore({ settings: { routing_retry_cooldown_seconds: 30, route_weight_mode: 'weight' } });
    [antA, antB, gemA, gemB] = await Promise.all([
      startFakeUpstream({ protocol: 'anthropic', apiKey: 'ak-a' }),
      startFakeUpstream({ protocol: 'anthropic', apiKey: 'ak-b' }),
      startFakeUpstream({ protocol: 'gemini', apiKey: 'g-a' }),
      startFakeUpstream({ protocol: 'gemini', apiKey: 'g-b' }),
    ]);
    const mk = async (name: string, provider: string, up: FakeUpstream, key: string, models: string[], weight: number) =>
      (await t.api<{ id: number }>('POST', '/api/channels', { name, provider, base_url: up.url, api_key_secret: key, models, weight }, t.adminToken)).id;
    ids = {
      antA: await mk('antA', 'anthropic', antA, 'ak-a', ['claude-sonnet-4-5'], 1),
      antB: await mk('antB', 'anthropic', antB, 'ak-b', ['claude-sonnet-4-5'], 0),
      gemA: await mk('gemA', 'gemini', gemA, 'g-a', ['gemini-2.5-flash'], 1),
      gemB: await mk('gemB', 'gemini', gemB, 'g-b', ['gemini-2.5-flash'], 0),
    };
    const member = await t.createMember('protocols@example.test', 100);
    const key = await t.api<{ token: string }>('POST', '/api/api-keys', { name: 'k' }, member.token);
    anthropic = new Anthropic({ apiKey: key.token, baseURL: t.url, maxRetries: 0 });
    gemini = new GoogleGenAI({ apiKey: key.token, httpOptions: { baseUrl: t.url } });
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all([antA, antB, gemA, gemB].map((u) => u?.close()));
  });
  beforeEach(() => {
    for (const id of Object.values(ids)) t.core.services.routing.cooldowns.clear(id);
    antB.setDefault({ text: 'from B', usage: { input: 10, output: 3 } });
    gemB.setDefault({ text: 'from B', usage: { input: 10, output: 3 } });
  });

  it('Anthropic: 529 overloaded on A is retried on B (non-stream)', async () => {
    antA.script({ failure: { kind: 'status', status: 529 } });
    const msg = await anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] });
    expect(msg.content.map((b) => (b.type === 'text' ? b.text : '')).join('')).toBe('from B');
    expect(lastLedger()).toEqual({ status: 'ok', channel_id: ids.antB });
    expect(cooldown(ids.antA)).not.toBeNull();
    expect(openReservations()).toBe(0);
  });

  it('Anthropic: 429 with Retry-After on A is retried on B (stream) and A rests for Retry-After', async () => {
    antA.script({ failure: { kind: 'status', status: 429, retryAfterSeconds: 300 } });
    const t0 = Date.now();
    const stream = anthropic.messages.stream({ model: 'claude-sonnet-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] });
    const final = await stream.finalMessage();
    expect(final.content.map((b) => (b.type === 'text' ? b.text : '')).join('')).toBe('from B');
    expect(cooldown(ids.antA)).toBeGreaterThanOrEqual(t0 + 300_000);
  });

  it('Gemini: 503 on A is retried on B, streaming and not', async () => {
    gemA.script({ failure: { kind: 'status', status: 503 } });
    const r = await gemini.models.generateContent({ model: 'gemini-2.5-flash', contents: 'hi' });
    expect(r.text).toBe('from B');
    t.core.services.routing.cooldowns.clear(ids.gemA);
    gemA.script({ failure: { kind: 'reset' } });
    let text = '';
    for await (const chunk of await gemini.models.generateContentStream({ model: 'gemini-2.5-flash', contents: 'hi' })) text += chunk.text ?? '';
    expect(text).toBe('from B');
    expect(lastLedger()).toEqual({ status: 'ok', channel_id: ids.gemB });
  });

  it('Claude preset: metadata.user_id keeps a session on one channel', async () => {
    await t.api('PATCH', `/api/channels/${ids.antB}`, { weight: 1 }, t.adminToken);
    antA.setDefault({ text: 'from A', usage: { input: 10, output: 3 } });
    const ask = () => anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 50, metadata: { user_id: 'coding-session-9' }, messages: [{ role: 'user', content: 'hi' }] });
    await ask();
    const bound = lastLedger().channel_id;
    for (let i = 0; i < 12; i++) {
      await ask();
      expect(lastLedger().channel_id).toBe(bound);
    }
  });
});
