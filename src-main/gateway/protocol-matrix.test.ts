import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../testing/fake-upstreams';
import { startTestCore, type TestCore } from '../testing/harness';
import { createDriver, type Answer, type ClientKind, type Driver } from '../testing/sdk-drivers';
import { viewUpstreamRequest } from '../testing/upstream-inspect';

/**
 * The protocol matrix (issue 3): every official SDK × every channel type × {text, system, image,
 * tool round trip} × {stream, non-stream}, through the real gateway to fake upstreams that speak
 * the real wire formats. Asserts what the SDK hands back and the ledger row.
 */
const CLIENTS: ClientKind[] = ['openai-chat', 'openai-responses', 'anthropic', 'gemini'];
type ChannelKind = 'openai' | 'openai-compatible' | 'anthropic' | 'gemini';
const CHANNELS: ChannelKind[] = ['openai', 'openai-compatible', 'anthropic', 'gemini'];
const MODEL: Record<ChannelKind, string> = { openai: 'gpt-matrix', 'openai-compatible': 'compat-matrix', anthropic: 'claude-matrix', gemini: 'gemini-matrix' };
/** Which endpoint each channel should receive, per client protocol. */
const EXPECTED_ENDPOINT = (client: ClientKind, channel: ChannelKind) =>
  channel === 'anthropic' ? 'anthropic' : channel === 'gemini' ? 'gemini' : channel === 'openai' && client === 'openai-responses' ? 'responses' : 'chat';

// A 1×1 PNG.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const PNG_TAG = `image:image/png:${createHash('sha256').update(Buffer.from(PNG, 'base64')).digest('hex').slice(0, 12)}`;
const USAGE = { input: 40, output: 6, cached: 8 };

interface LedgerRow {
  id: number;
  status: string;
  route: string;
  upstream_protocol: string;
  model: string;
  stream: number;
  input_tokens: number;
  cached_tokens: number;
  output_tokens: number;
  usage_source: string;
}

describe('protocol matrix: SDK × channel type × scenario × stream', () => {
  let t: TestCore;
  const fakes = {} as Record<ChannelKind, FakeUpstream>;
  const drivers = {} as Record<ClientKind, Driver>;
  const lastLedger = () => t.core.services.db.prepare('SELECT * FROM ledger ORDER BY id DESC LIMIT 1').get() as LedgerRow;

  beforeAll(async () => {
    t = await startTestCore();
    for (const ch of CHANNELS) {
      const protocol = ch === 'openai-compatible' ? 'openai' : ch;
      fakes[ch] = await startFakeUpstream({ protocol, apiKey: `up-${ch}-secret` });
      const base = ch === 'openai' || ch === 'openai-compatible' ? `${fakes[ch].url}/v1` : fakes[ch].url;
      await t.api('POST', '/api/channels', { name: ch, provider: ch, base_url: base, api_key_secret: `up-${ch}-secret`, models: [MODEL[ch]] }, t.adminToken);
    }
    const member = await t.createMember('matrix@example.test', 1000);
    const key = await t.api<{ token: string }>('POST', '/api/api-keys', { name: 'matrix' }, member.token);
    for (const c of CLIENTS) drivers[c] = createDriver(c, t.url, key.token);
  });
  afterAll(async () => {
    await t?.close();
    for (const f of Object.values(fakes)) await f.close();
  });

  const expectUsageAndLedger = (answer: Answer, client: ClientKind, channel: ChannelKind, stream: boolean) => {
    expect(answer.usage).toEqual({ input: USAGE.input, cached: USAGE.cached, output: USAGE.output });
    const row = lastLedger();
    expect(row).toMatchObject({
      status: 'ok',
      route: client,
      model: MODEL[channel],
      stream: stream ? 1 : 0,
      input_tokens: USAGE.input - USAGE.cached,
      cached_tokens: USAGE.cached,
      output_tokens: USAGE.output,
      usage_source: 'upstream',
    });
  };

  for (const client of CLIENTS) {
    for (const channel of CHANNELS) {
      for (const stream of [false, true]) {
        const cell = `${client} → ${channel} (${stream ? 'stream' : 'non-stream'})`;

        it(`${cell}: text`, async () => {
          const fake = fakes[channel];
          fake.script({ text: 'Hello from upstream.', usage: USAGE });
          const answer = await drivers[client].ask({ model: MODEL[channel], stream, user: 'Say hello' });
          expect(answer.text).toBe('Hello from upstream.');
          expect(answer.finish).toBe('stop');
          expect(answer.toolCalls).toEqual([]);
          const sent = viewUpstreamRequest(fake.requests.at(-1)!);
          expect(sent.endpoint).toBe(EXPECTED_ENDPOINT(client, channel));
          expect(sent.stream).toBe(stream);
          expectUsageAndLedger(answer, client, channel, stream);
        });

        it(`${cell}: system prompt`, async () => {
          const fake = fakes[channel];
          fake.script({ text: 'Terse.', usage: USAGE });
          const answer = await drivers[client].ask({ model: MODEL[channel], stream, system: 'You are terse.', user: 'Describe Paris' });
          expect(answer.text).toBe('Terse.');
          expect(viewUpstreamRequest(fake.requests.at(-1)!).system).toContain('You are terse.');
          expectUsageAndLedger(answer, client, channel, stream);
        });

        it(`${cell}: image`, async () => {
          const fake = fakes[channel];
          fake.script({ text: 'I see', echoImages: true, usage: USAGE });
          const answer = await drivers[client].ask({ model: MODEL[channel], stream, user: 'What is this?', imagePng: PNG });
          // The fake names each image it received by MIME type and a hash of its bytes.
          expect(answer.text).toBe(`I see\n${PNG_TAG}`);
          expectUsageAndLedger(answer, client, channel, stream);
        });

        it(`${cell}: tool call round trip`, async () => {
          const fake = fakes[channel];
          fake.script({ text: '', toolCalls: [{ id: 'call_up1', name: 'get_weather', arguments: '{"city":"Paris"}', fragments: 4 }], usage: USAGE });
          const first = await drivers[client].ask({ model: MODEL[channel], stream, user: 'Weather in Paris?', tools: true });
          expect(first.finish).toBe('tool_calls');
          expect(first.toolCalls).toHaveLength(1);
          const call = first.toolCalls[0]!;
          expect(call).toMatchObject({ name: 'get_weather', args: { city: 'Paris' } });
          expect(call.id).toBe('call_up1');
          expectUsageAndLedger(first, client, channel, stream);

          fake.script({ text: 'It is 18C in Paris.', usage: USAGE });
          const second = await drivers[client].ask({ model: MODEL[channel], stream, user: 'Weather in Paris?', tools: true, toolResult: { call, output: '18C sunny' } });
          expect(second.text).toBe('It is 18C in Paris.');
          expect(second.finish).toBe('stop');
          const sent = viewUpstreamRequest(fake.requests.at(-1)!);
          expect(sent.callNames).toEqual(['get_weather']);
          expect(sent.results).toHaveLength(1);
          expect(sent.results[0]!.text).toContain('18C sunny');
          // The result answers the call the upstream made (by id; Gemini also by name).
          expect(sent.callIds).toContain(sent.results[0]!.ref);
          expectUsageAndLedger(second, client, channel, stream);
        });
      }
    }
  }
});
