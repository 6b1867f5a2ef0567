import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeProtocol, type FakeUpstream } from '../testing/fake-upstreams';
import { startTestCore, type TestCore } from '../testing/harness';

/**
 * Cached tokens from each protocol are charged once (issue 5): every upstream protocol reports
 * the same usage in its own shape (1500 prompt tokens of which 500 cached, 1000 output), every
 * client SDK asks, streaming and not; the ledger row must split 1000 uncached + 500 cached and
 * charge (1000×5 + 500×0.5 + 1000×30) / 1M = 0.03525 points.
 */
const UPSTREAMS: FakeProtocol[] = ['openai', 'anthropic', 'gemini'];
const CLIENTS = ['openai-chat', 'openai-responses', 'anthropic', 'gemini'] as const;

describe('cached tokens are charged once, whatever the protocols', () => {
  let t: TestCore;
  const fakes = new Map<FakeProtocol, FakeUpstream>();
  let openai: OpenAI;
  let anthropic: Anthropic;
  let gemini: GoogleGenAI;
  const lastRow = () => t.core.services.db.prepare('SELECT * FROM ledger ORDER BY id DESC LIMIT 1').get() as Record<string, number | string>;

  beforeAll(async () => {
    t = await startTestCore();
    await t.api('POST', '/api/prices', { channel_id: null, model_pattern: 'default', input_price_per_1m: 5, output_price_per_1m: 30, cache_price_per_1m: 0.5 }, t.adminToken);
    for (const p of UPSTREAMS) {
      const fake = await startFakeUpstream({ protocol: p, apiKey: `up-${p}-secret` });
      fakes.set(p, fake);
      const base_url = p === 'openai' ? `${fake.url}/v1` : fake.url;
      await t.api('POST', '/api/channels', { name: p, provider: p, base_url, api_key_secret: `up-${p}-secret`, models: [`cachetest-${p}`] }, t.adminToken);
    }
    const member = await t.createMember('cache@example.test', 100);
    const key = (await t.api<{ token: string }>('POST', '/api/api-keys', { name: 'cache' }, member.token)).token;
    openai = new OpenAI({ apiKey: key, baseURL: `${t.url}/v1`, maxRetries: 0 });
    anthropic = new Anthropic({ apiKey: key, baseURL: t.url, maxRetries: 0 });
    gemini = new GoogleGenAI({ apiKey: key, httpOptions: { baseUrl: t.url } });
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all([...fakes.values()].map((f) => f.close()));
  });

  async function ask(client: (typeof CLIENTS)[number], model: string, stream: boolean): Promise<void> {
    const prompt = 'Say ok.';
    switch (client) {
      case 'openai-chat':
        if (stream) for await (const _ of await openai.chat.completions.create({ model, stream: true, messages: [{ role: 'user', content: prompt }] }));
        else await openai.chat.completions.create({ model, messages: [{ role: 'user', content: prompt }] });
        return;
      case 'openai-responses':
        if (stream) for await (const _ of await openai.responses.create({ model, stream: true, input: prompt }));
        else await openai.responses.create({ model, input: prompt });
        return;
      case 'anthropic':
        if (stream) for await (const _ of await anthropic.messages.create({ model, max_tokens: 64, stream: true, messages: [{ role: 'user', content: prompt }] }));
        else await anthropic.messages.create({ model, max_tokens: 64, messages: [{ role: 'user', content: prompt }] });
        return;
      case 'gemini':
        if (stream) for await (const _ of await gemini.models.generateContentStream({ model, contents: prompt }));
        else await gemini.models.generateContent({ model, contents: prompt });
        return;
      default: {
        const never: never = client;
        throw new Error(`unknown client ${String(never)}`);
      }
    }
  }

  for (const upstream of UPSTREAMS) {
    for (const client of CLIENTS) {
      for (const stream of [false, true]) {
        it(`${client} client → ${upstream} upstream${stream ? ', streaming' : ''}`, async () => {
          fakes.get(upstream)!.script({ text: 'ok', usage: { input: 1500, cached: 500, output: 1000 } });
          await ask(client, `cachetest-${upstream}`, stream);
          expect(lastRow()).toMatchObject({ status: 'ok', usage_source: 'upstream', input_tokens: 1000, cached_tokens: 500, cache_write_tokens: 0, output_tokens: 1000, cost_micro: 35_250 });
        });
      }
    }
  }
});
