import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from './index';

let fake: FakeUpstream;
let client: Anthropic;

beforeAll(async () => {
  fake = await startFakeUpstream({ protocol: 'anthropic', apiKey: 'ak-up' });
  client = new Anthropic({ apiKey: 'ak-up', baseURL: fake.url, maxRetries: 0 });
});
afterAll(() => fake.close());

describe('fake Anthropic upstream, driven by the official SDK', () => {
  it('answers non-stream with exclusive cache usage', async () => {
    fake.script({ text: 'Bonjour', usage: { input: 100, output: 5, cached: 60, cacheWrite: 10 } });
    const m = await client.messages.create({ model: 'claude-x', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] });
    expect(m.content).toEqual([{ type: 'text', text: 'Bonjour', citations: null }]);
    expect(m.stop_reason).toBe('end_turn');
    expect(m.usage).toMatchObject({ input_tokens: 30, cache_read_input_tokens: 60, cache_creation_input_tokens: 10, output_tokens: 5 });
    expect(fake.requests.at(-1)?.headers['anthropic-version']).toBeTruthy();
  });

  it('streams text and fragmented tool input with pings', async () => {
    fake.script({ text: 'Let me check.', toolCalls: [{ id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Paris"}', fragments: 5 }] });
    const stream = client.messages.stream({ model: 'claude-x', max_tokens: 100, messages: [{ role: 'user', content: 'w' }] });
    const types: string[] = [];
    stream.on('streamEvent', (e) => types.push(e.type));
    const final = await stream.finalMessage();
    expect(types[0]).toBe('message_start');
    expect(types.at(-1)).toBe('message_stop');
    expect(final.content).toEqual([
      { type: 'text', text: 'Let me check.', citations: null },
      { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
    ]);
    expect(final.stop_reason).toBe('tool_use');
  });

  it('puts ping frames on the wire', async () => {
    fake.script({ text: 'x' });
    const res = await fetch(`${fake.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': 'ak-up', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'c', max_tokens: 5, stream: true, messages: [{ role: 'user', content: 'x' }] }),
    });
    expect(await res.text()).toContain('event: ping\ndata: {"type":"ping"}');
  });

  it('echoes base64 images and answers 401/529 in Anthropic error shape', async () => {
    fake.script({ text: 'ok', echoImages: true });
    const m = await client.messages.create({
      model: 'claude-x',
      max_tokens: 10,
      messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } }] }],
    });
    expect(m.content[0]).toMatchObject({ text: expect.stringMatching(/^ok\nimage:image\/png:[0-9a-f]{12}$/) });

    const bad = new Anthropic({ apiKey: 'nope', baseURL: fake.url, maxRetries: 0 });
    await expect(bad.messages.create({ model: 'c', max_tokens: 1, messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({
      status: 401,
      error: { type: 'error', error: { type: 'authentication_error' } },
    });
    fake.script({ failure: { kind: 'status', status: 529 } });
    await expect(client.messages.create({ model: 'c', max_tokens: 1, messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({
      status: 529,
      error: { error: { type: 'overloaded_error' } },
    });
  });

  it('ends a stream with an error event after the first token', async () => {
    fake.script({ text: 'one two three', failure: { kind: 'error-after-first-token', status: 529, message: 'Overloaded' } });
    const stream = client.messages.stream({ model: 'c', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] });
    await expect(stream.finalMessage()).rejects.toThrow(/Overloaded/);
  });
});
