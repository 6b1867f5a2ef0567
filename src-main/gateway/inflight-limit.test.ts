import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../testing/fake-upstreams';
import { startTestCore, type TestCore } from '../testing/harness';

describe('gateway in-flight limit (gateway_queue_capacity)', () => {
  let dataDir: string;
  let t: TestCore;
  let upstream: FakeUpstream;
  let client: OpenAI;
  let keyToken: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenaltar-inflight-'));
    // The capacity is sized at start: set it, then restart on the same data.
    const first = await startTestCore({ keepDataDir: dataDir, settings: { gateway_queue_capacity: 2 } });
    await first.close();
    t = await startTestCore({ keepDataDir: dataDir });
    upstream = await startFakeUpstream({ protocol: 'openai', apiKey: 'sk-upstream-inflight' });
    const provider = await t.createMember('provider@example.test', 0);
    await t.api('POST', '/api/channels', { name: 'up', provider: 'openai', base_url: upstream.url + '/v1', api_key_secret: 'sk-upstream-inflight', models: ['gpt-5.1'] }, provider.token);
    const member = await t.createMember('member@example.test', 100);
    keyToken = (await t.api<{ token: string }>('POST', '/api/api-keys', { name: 'k' }, member.token)).token;
    client = new OpenAI({ apiKey: keyToken, baseURL: `${t.url}/v1`, maxRetries: 0 });
  });
  afterAll(async () => {
    await t?.close();
    await upstream?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const ask = () => client.chat.completions.create({ model: 'gpt-5.1', messages: [{ role: 'user', content: 'hi' }] });

  it('refuses past capacity with an OpenAI-shaped 503 and Retry-After, then frees the slots', async () => {
    upstream.script({ text: 'slow one', ttftMs: 800 }, { text: 'slow two', ttftMs: 800 });
    const slow = [ask(), ask()];
    await upstream.waitForRequests(upstream.requests.length + 2);

    const refused = await fetch(`${t.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${keyToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-5.1', messages: [{ role: 'user', content: 'one more' }] }),
    });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    const body = (await refused.json()) as { error: { message: string; type: string } };
    expect(body.error.message).toMatch(/at capacity \(2 requests in flight\)/);
    expect(body.error.type).toBe('server_error');
    // The SDK sees it as its own APIError with the status.
    await expect(ask()).rejects.toMatchObject({ status: 503 });

    const answers = await Promise.all(slow);
    expect(answers.map((a) => a.choices[0]!.message.content)).toEqual(['slow one', 'slow two']);
    // Both slots came back: the next request goes through.
    expect((await ask()).choices[0]!.message.content).toBe('Hello from the fake upstream.');
    // Refused requests never reached routing, so they left no ledger row.
    const rows = t.core.services.db.prepare('SELECT COUNT(*) AS n FROM ledger').get() as { n: number };
    expect(rows.n).toBe(3);
  });

  it("refuses in each client's own protocol shape", async () => {
    upstream.script({ text: 'x', ttftMs: 600 }, { text: 'y', ttftMs: 600 });
    const slow = [ask(), ask()];
    await upstream.waitForRequests(upstream.requests.length + 2);
    const post = (url: string, headers: Record<string, string>, body: unknown) =>
      fetch(t.url + url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

    // Anthropic says "overloaded" with its own 529.
    const anthropic = await post('/v1/messages', { 'x-api-key': keyToken, 'anthropic-version': '2023-06-01' }, { model: 'gpt-5.1', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });
    expect(anthropic.status).toBe(529);
    expect(await anthropic.json()).toMatchObject({ type: 'error', error: { type: 'overloaded_error', message: expect.stringMatching(/at capacity/) } });
    // Gemini: 503 UNAVAILABLE.
    const gemini = await post('/v1beta/models/gpt-5.1:generateContent', { 'x-goog-api-key': keyToken }, { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] });
    expect(gemini.status).toBe(503);
    expect(await gemini.json()).toMatchObject({ error: { code: 503, status: 'UNAVAILABLE' } });
    await Promise.all(slow);
  });

  it('does not count console or model-list requests', async () => {
    upstream.script({ text: 'a', ttftMs: 500 }, { text: 'b', ttftMs: 500 });
    const slow = [ask(), ask()];
    await upstream.waitForRequests(upstream.requests.length + 2);
    expect((await fetch(`${t.url}/v1/models`, { headers: { authorization: `Bearer ${keyToken}` } })).status).toBe(200);
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    await Promise.all(slow);
  });
});
