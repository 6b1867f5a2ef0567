import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../testing/fake-upstreams';
import { startTestCore, type TestCore } from '../testing/harness';

describe('stream lifecycle: frame-by-frame relay, client disconnect, graceful shutdown', () => {
  let t: TestCore;
  let upstream: FakeUpstream;
  let key: string;
  beforeAll(async () => {
    t = await startTestCore();
    upstream = await startFakeUpstream({ protocol: 'openai', apiKey: 'sk-up-1234567890' });
    await t.api('POST', '/api/channels', { name: 'up', provider: 'openai', base_url: upstream.url, api_key_secret: 'sk-up-1234567890', models: ['gpt-5.1'] }, t.adminToken);
    await t.api('PATCH', '/api/users/1', { points_balance: 100 }, t.adminToken);
    key = (await t.api<{ token: string }>('POST', '/api/api-keys', { name: 'k' }, t.adminToken)).token;
  });
  afterAll(async () => {
    await upstream?.close();
  });

  it('forwards each chunk as it arrives, not at the end', async () => {
    upstream.script({ chunks: ['a', 'b', 'c', 'd'], chunkDelayMs: 150, usage: { input: 5, output: 4 } });
    const client = new OpenAI({ apiKey: key, baseURL: `${t.url}/v1`, maxRetries: 0 });
    const stream = await client.chat.completions.create({ model: 'gpt-5.1', stream: true, messages: [{ role: 'user', content: 'x' }] });
    const arrivals: number[] = [];
    for await (const chunk of stream) if (chunk.choices[0]?.delta?.content) arrivals.push(Date.now());
    expect(arrivals).toHaveLength(4);
    // Paced 150 ms apart upstream: a buffering relay would deliver them together.
    expect(arrivals[3]! - arrivals[0]!).toBeGreaterThan(300);
  });

  it('a client that hangs up mid-stream aborts the upstream call and is still settled once', async () => {
    upstream.script({ chunks: Array.from({ length: 40 }, (_, i) => `w${i} `), chunkDelayMs: 50 });
    const rowsBefore = (t.core.services.db.prepare('SELECT COUNT(*) AS n FROM ledger').get() as { n: number }).n;
    const ac = new AbortController();
    const res = await fetch(`${t.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-5.1', stream: true, messages: [{ role: 'user', content: 'long' }] }),
      signal: ac.signal,
    });
    const reader = res.body!.getReader();
    await reader.read();
    ac.abort();
    await expect.poll(() => (t.core.services.db.prepare('SELECT COUNT(*) AS n FROM ledger').get() as { n: number }).n, { timeout: 5000 }).toBe(rowsBefore + 1);
    const row = t.core.services.db.prepare('SELECT * FROM ledger ORDER BY id DESC LIMIT 1').get() as { http_status: number; usage_source: string; error: string };
    expect(row).toMatchObject({ http_status: 499, usage_source: 'estimate', error: 'client disconnected' });
  });

  it('shutdown lets an in-flight stream finish, then refuses new connections', async () => {
    upstream.script({ chunks: ['one ', 'two ', 'three'], chunkDelayMs: 200, usage: { input: 3, output: 3 } });
    const client = new OpenAI({ apiKey: key, baseURL: `${t.url}/v1`, maxRetries: 0 });
    const stream = await client.chat.completions.create({ model: 'gpt-5.1', stream: true, messages: [{ role: 'user', content: 'x' }] });
    const closing = t.core.close(10_000);
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text).toBe('one two three');
    await closing;
    await expect(fetch(`${t.url}/healthz`)).rejects.toThrow();
    await t.close();
  });
});
