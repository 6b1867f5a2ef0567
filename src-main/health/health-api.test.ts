import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelTestResult } from '../../src-shared/api/ops/channels';
import type { ChannelHealthRecord } from '../../src-shared/api/ops/routing';
import { startFakeUpstream, type FakeUpstream } from '../testing/fake-upstreams';
import { startTestCore, type TestCore } from '../testing/harness';

describe('channel health: recorded attempts, 48-window view, manual test', () => {
  let t: TestCore;
  let openai: FakeUpstream;
  let anthropic: FakeUpstream;
  let gemini: FakeUpstream;
  let chOpenAI: number;
  let chAnthropic: number;
  let chGemini: number;
  let provider: { token: string; id: number };
  let stranger: { token: string; id: number };
  let client: OpenAI;

  beforeAll(async () => {
    t = await startTestCore({ settings: { routing_retry_cooldown_seconds: 0 } });
    openai = await startFakeUpstream({ protocol: 'openai', apiKey: 'sk-o' });
    anthropic = await startFakeUpstream({ protocol: 'anthropic', apiKey: 'sk-ant' });
    gemini = await startFakeUpstream({ protocol: 'gemini', apiKey: 'g-key' });
    provider = await t.createMember('health-provider@example.test', 0);
    stranger = await t.createMember('health-stranger@example.test', 0);
    const mk = async (body: Record<string, unknown>) => (await t.api<{ id: number }>('POST', '/api/channels', body, provider.token)).id;
    chOpenAI = await mk({ name: 'o', provider: 'openai', base_url: openai.url + '/v1', api_key_secret: 'sk-o', models: ['gpt-5.1'] });
    chAnthropic = await mk({ name: 'a', provider: 'anthropic', base_url: anthropic.url, api_key_secret: 'sk-ant', models: ['claude-sonnet-4-5', 'claude-*'] });
    chGemini = await mk({ name: 'g', provider: 'gemini', base_url: gemini.url, api_key_secret: 'g-key', models: ['/^gemini-.*$/'] });
    const member = await t.createMember('health-member@example.test', 100);
    const key = await t.api<{ token: string }>('POST', '/api/api-keys', { name: 'k' }, member.token);
    client = new OpenAI({ apiKey: key.token, baseURL: `${t.url}/v1`, maxRetries: 0 });
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all([openai?.close(), anthropic?.close(), gemini?.close()]);
  });

  const health = (id: number, token = provider.token) => t.api<ChannelHealthRecord>('GET', `/api/channels/${id}/health`, undefined, token);

  it('records every gateway attempt and shows it in the current window', async () => {
    openai.script({ text: 'fine', ttftMs: 30 }, { failure: { kind: 'status', status: 503 } }, { text: '' });
    await client.chat.completions.create({ model: 'gpt-5.1', messages: [{ role: 'user', content: 'a' }] });
    await expect(client.chat.completions.create({ model: 'gpt-5.1', messages: [{ role: 'user', content: 'b' }] })).rejects.toMatchObject({ status: 503 });
    await expect(client.chat.completions.create({ model: 'gpt-5.1', messages: [{ role: 'user', content: 'c' }] })).rejects.toMatchObject({ status: 502 });
    const h = await health(chOpenAI);
    expect(h.windows).toHaveLength(48);
    const now = h.windows.at(-1)!;
    expect(now).toMatchObject({ samples: 3, available: 1, down: 1, empty: 1, status: 'degraded' });
    expect(now.avg_ttft_ms).toBeGreaterThanOrEqual(30);
    expect(h.windows.slice(0, 47).every((w) => w.status === 'no-data' && w.avg_ttft_ms === null)).toBe(true);
    expect(Date.parse(now.end) - Date.parse(now.start)).toBe(30 * 60_000);
  });

  it('hides another member’s channel health (404) and shows it to admins', async () => {
    expect((await t.apiRaw('GET', `/api/channels/${chOpenAI}/health`, undefined, stranger.token)).status).toBe(404);
    expect((await health(chOpenAI, t.adminToken)).channel_id).toBe(chOpenAI);
  });

  it('tests a channel in each provider protocol and records the result', async () => {
    anthropic.script({ text: 'pong', ttftMs: 20 });
    gemini.script({ text: 'pong' });
    openai.script({ text: 'pong' });
    for (const [id, model] of [[chOpenAI, undefined], [chAnthropic, undefined], [chGemini, 'gemini-2.5-flash']] as const) {
      const r = await t.api<ChannelTestResult>('POST', `/api/channels/${id}/test`, { model }, provider.token);
      expect(r).toMatchObject({ ok: true, status: 200, message: 'replied: pong' });
    }
    expect(anthropic.requests.at(-1)!.headers['x-api-key']).toBe('sk-ant');
    expect((anthropic.requests.at(-1)!.json as { model: string }).model).toBe('claude-sonnet-4-5');
    expect(gemini.requests.at(-1)!.url).toContain('/v1beta/models/');
    expect((await health(chAnthropic)).windows.at(-1)).toMatchObject({ samples: 1, available: 1, status: 'available' });
  });

  it('answers 502 when the upstream fails the test, and 400 when no model can be named', async () => {
    anthropic.script({ failure: { kind: 'status', status: 401, message: 'bad key' } });
    const r = await t.apiRaw('POST', `/api/channels/${chAnthropic}/test`, {}, provider.token);
    expect(r.status).toBe(502);
    expect((r.body as { error: string }).error).toMatch(/401/);
    expect(JSON.stringify(r.body)).not.toContain('sk-ant');
    expect((await health(chAnthropic)).windows.at(-1)).toMatchObject({ samples: 2, down: 1 });
    // The Gemini channel lists only a regex: nothing to test without a model name.
    expect((await t.apiRaw('POST', `/api/channels/${chGemini}/test`, {}, provider.token)).status).toBe(400);
  });
});
