import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from './index';

let fake: FakeUpstream;
let client: OpenAI;

beforeAll(async () => {
  fake = await startFakeUpstream({ protocol: 'openai', apiKey: 'sk-up' });
  client = new OpenAI({ apiKey: 'sk-up', baseURL: `${fake.url}/v1`, maxRetries: 0 });
});
afterAll(() => fake.close());

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe('fake OpenAI upstream, driven by the official SDK', () => {
  it('answers Chat non-stream with usage incl. cached tokens and records the raw request', async () => {
    fake.script({ text: 'Hi there', usage: { input: 100, output: 5, cached: 60 } });
    const before = fake.requests.length;
    const r = await client.chat.completions.create({ model: 'gpt-x', messages: [{ role: 'user', content: 'hello' }] });
    expect(r.choices[0]?.message.content).toBe('Hi there');
    expect(r.choices[0]?.finish_reason).toBe('stop');
    expect(r.usage?.prompt_tokens).toBe(100);
    expect(r.usage?.prompt_tokens_details?.cached_tokens).toBe(60);
    const rec = fake.requests[before];
    expect(rec?.url).toBe('/v1/chat/completions');
    expect(JSON.parse(rec?.body.toString() ?? '')).toMatchObject({ model: 'gpt-x' });
  });

  it('streams Chat with fragmented tool calls; usage chunk only with include_usage', async () => {
    fake.script({ text: '', toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}', fragments: 4 }, { name: 'other', arguments: '{}' }] });
    const s = await client.chat.completions.create({ model: 'gpt-x', messages: [{ role: 'user', content: 'w' }], tools: [{ type: 'function', function: { name: 'get_weather' } }], stream: true });
    const args: string[] = ['', ''];
    let finish: string | null = null;
    let sawUsage = false;
    for await (const c of s) {
      if (c.usage) sawUsage = true;
      for (const tc of c.choices[0]?.delta.tool_calls ?? []) args[tc.index] += tc.function?.arguments ?? '';
      finish = c.choices[0]?.finish_reason ?? finish;
    }
    expect(args).toEqual(['{"city":"Paris"}', '{}']);
    expect(finish).toBe('tool_calls');
    expect(sawUsage).toBe(false);

    fake.script({ text: 'a b c', usage: { input: 9, output: 3, cached: 4 } });
    const s2 = await client.chat.completions.create({ model: 'gpt-x', messages: [{ role: 'user', content: 'w' }], stream: true, stream_options: { include_usage: true } });
    let text = '';
    let cached: number | undefined;
    for await (const c of s2) {
      text += c.choices[0]?.delta.content ?? '';
      if (c.usage) {
        expect(c.choices).toEqual([]);
        cached = c.usage.prompt_tokens_details?.cached_tokens;
      }
    }
    expect(text).toBe('a b c');
    expect(cached).toBe(4);
  });

  it('echoes images and serves Responses non-stream and stream', async () => {
    fake.script({ text: 'seen', echoImages: true });
    const r = await client.responses.create({
      model: 'gpt-x',
      input: [{ role: 'user', content: [{ type: 'input_text', text: 'look' }, { type: 'input_image', image_url: `data:image/png;base64,${PNG}`, detail: 'auto' }] }],
    });
    expect(r.output_text).toMatch(/^seen\nimage:image\/png:[0-9a-f]{12}$/);

    fake.script({ text: 'one two', toolCalls: [{ id: 'call_z', name: 'f', arguments: '{"a":1}' }], usage: { input: 20, output: 4, cached: 10 } });
    const s = await client.responses.create({ model: 'gpt-x', input: 'hi', stream: true });
    const seqs: number[] = [];
    let text = '';
    let args = '';
    let usage: OpenAI.Responses.ResponseUsage | null | undefined;
    for await (const e of s) {
      seqs.push(e.sequence_number);
      if (e.type === 'response.output_text.delta') text += e.delta;
      if (e.type === 'response.function_call_arguments.delta') args += e.delta;
      if (e.type === 'response.completed') usage = e.response.usage;
    }
    expect(text).toBe('one two');
    expect(args).toBe('{"a":1}');
    expect(seqs).toEqual(seqs.map((_, i) => i));
    expect(usage?.input_tokens_details.cached_tokens).toBe(10);
  });

  it('rejects a wrong key with 401 in OpenAI shape', async () => {
    const bad = new OpenAI({ apiKey: 'nope', baseURL: `${fake.url}/v1`, maxRetries: 0 });
    await expect(bad.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({ status: 401, code: 'invalid_api_key' });
  });

  it('fails in scripted ways: 429 with Retry-After, reset, drop after first token', async () => {
    fake.script({ failure: { kind: 'status', status: 429, retryAfterSeconds: 7 } });
    const res = await fetch(`${fake.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: 'Bearer sk-up' }, body: '{"model":"m","messages":[]}' });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe('rate_limit_exceeded');

    fake.script({ failure: { kind: 'reset' } });
    await expect(client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] })).rejects.toThrow();

    fake.script({ text: 'first second third', failure: { kind: 'drop-after-first-token' } });
    const s = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }], stream: true });
    let got = '';
    await expect(
      (async () => {
        for await (const c of s) got += c.choices[0]?.delta.content ?? '';
      })(),
    ).rejects.toThrow();
    expect(got).toBe('first ');

    fake.script({ text: 'first second', failure: { kind: 'error-after-first-token', message: 'boom' } });
    const s2 = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }], stream: true });
    await expect(
      (async () => {
        for await (const c of s2) void c;
      })(),
    ).rejects.toThrow(/boom/);
  });
});
