import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../testing/fake-upstreams';
import { startTestCore, type TestCore } from '../testing/harness';

/**
 * Retries are protocol-blind: a converted attempt that fails before content (529, reset, hang,
 * empty stream, an in-stream overload before the first token) falls over to a channel of another
 * type, and the client — here a Responses stream — sees one clean answer.
 */
describe('retries across channel types on converted traffic', () => {
  let t: TestCore;
  let claude: FakeUpstream;
  let gem: FakeUpstream;
  let client: OpenAI;
  let chClaude: number;
  const lastLedger = () => t.core.services.db.prepare('SELECT status, channel_id, upstream_protocol FROM ledger ORDER BY id DESC LIMIT 1').get() as { status: string; channel_id: number; upstream_protocol: string };

  beforeAll(async () => {
    t = await startTestCore({ settings: { routing_retry_cooldown_seconds: 30, routing_first_token_timeout_seconds: 1, routing_max_attempts: 3, route_weight_mode: 'weight' } });
    claude = await startFakeUpstream({ protocol: 'anthropic', apiKey: 'a' });
    gem = await startFakeUpstream({ protocol: 'gemini', apiKey: 'g' });
    chClaude = (await t.api<{ id: number }>('POST', '/api/channels', { name: 'claude', provider: 'anthropic', base_url: claude.url, api_key_secret: 'a', models: ['shared-model'], weight: 1 }, t.adminToken)).id;
    await t.api('POST', '/api/channels', { name: 'gem', provider: 'gemini', base_url: gem.url, api_key_secret: 'g', models: ['shared-model'], weight: 0 }, t.adminToken);
    const member = await t.createMember('xretry@example.test', 100);
    const key = await t.api<{ token: string }>('POST', '/api/api-keys', { name: 'k' }, member.token);
    client = new OpenAI({ apiKey: key.token, baseURL: `${t.url}/v1`, maxRetries: 0 });
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all([claude?.close(), gem?.close()]);
  });
  beforeEach(() => {
    t.core.services.routing.cooldowns.clear(chClaude);
    gem.setDefault({ text: 'served by Gemini', usage: { input: 10, output: 3 } });
  });

  const askStream = async () => {
    const s = await client.responses.create({ model: 'shared-model', input: 'hi', stream: true });
    let text = '';
    for await (const e of s) if (e.type === 'response.output_text.delta') text += e.delta;
    return text;
  };

  const cases: [string, Parameters<FakeUpstream['script']>[0]][] = [
    ['529 overloaded', { failure: { kind: 'status', status: 529 } }],
    ['connection reset', { failure: { kind: 'reset' } }],
    ['empty stream', { text: '' }],
    ['in-stream overload before any content', { failure: { kind: 'error-before-content', status: 529 } }],
    ['hang until the first-token timeout', { failure: { kind: 'hang' } }],
  ];
  for (const [name, behaviour] of cases) {
    it(`${name} on the Anthropic channel -> the Gemini channel answers`, async () => {
      claude.script(behaviour);
      expect(await askStream()).toBe('served by Gemini');
      expect(lastLedger()).toMatchObject({ status: 'ok', upstream_protocol: 'gemini' });
    });
  }

  it('after the first token nothing is replayed: the Responses client gets an error event', async () => {
    claude.script({ text: 'partial answer', failure: { kind: 'error-after-first-token', status: 529, message: 'Overloaded' } });
    const sent = gem.requests.length;
    let text = '';
    await expect(
      (async () => {
        const s = await client.responses.create({ model: 'shared-model', input: 'hi', stream: true });
        for await (const e of s) if (e.type === 'response.output_text.delta') text += e.delta;
      })(),
    ).rejects.toThrow(/Overloaded/);
    expect(text).toBe('partial ');
    expect(gem.requests.length).toBe(sent);
    expect(lastLedger()).toMatchObject({ channel_id: chClaude, upstream_protocol: 'anthropic' });
  });
});
