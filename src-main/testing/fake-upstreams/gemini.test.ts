import { GoogleGenAI } from '@google/genai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from './index';

let fake: FakeUpstream;
let client: GoogleGenAI;

beforeAll(async () => {
  fake = await startFakeUpstream({ protocol: 'gemini', apiKey: 'g-up' });
  client = new GoogleGenAI({ apiKey: 'g-up', httpOptions: { baseUrl: fake.url } });
});
afterAll(() => fake.close());

describe('fake Gemini upstream, driven by the official SDK', () => {
  it('answers generateContent with inclusive usage and function calls', async () => {
    fake.script({ text: 'Sure', toolCalls: [{ name: 'get_weather', arguments: '{"city":"Paris"}' }], usage: { input: 50, output: 30, cached: 20, reasoning: 10 }, thoughtSignature: 'c2ln' });
    const r = await client.models.generateContent({ model: 'gemini-x', contents: 'hi' });
    expect(r.text).toBe('Sure');
    expect(r.functionCalls?.[0]).toMatchObject({ name: 'get_weather', args: { city: 'Paris' } });
    expect(r.usageMetadata).toMatchObject({ promptTokenCount: 50, cachedContentTokenCount: 20, candidatesTokenCount: 20, thoughtsTokenCount: 10 });
    const rec = fake.requests.at(-1);
    expect(rec?.url).toMatch(/^\/v1beta\/models\/gemini-x:generateContent/);
    expect(rec?.headers['x-goog-api-key']).toBe('g-up');
  });

  it('streams over SSE; omitted call ids stay omitted', async () => {
    fake.script({ text: 'a b c', toolCalls: [{ name: 'f', arguments: '{}' }, { name: 'g', arguments: '{"x":1}' }], omitCallIds: true });
    const s = await client.models.generateContentStream({ model: 'gemini-x', contents: 'hi' });
    let text = '';
    const calls: unknown[] = [];
    let finish: string | undefined;
    for await (const c of s) {
      text += c.text ?? '';
      calls.push(...(c.functionCalls ?? []));
      finish = c.candidates?.[0]?.finishReason ?? finish;
    }
    expect(text).toBe('a b c');
    expect(calls).toEqual([{ name: 'f', args: {} }, { name: 'g', args: { x: 1 } }]);
    expect(finish).toBe('STOP');
    expect(fake.requests.at(-1)?.url).toContain(':streamGenerateContent?alt=sse');
  });

  it('streams a JSON array without alt=sse and accepts ?key=', async () => {
    fake.script({ text: 'x y' });
    const res = await fetch(`${fake.url}/v1beta/models/gemini-x:streamGenerateContent?key=g-up`, {
      method: 'POST',
      body: JSON.stringify({ contents: [{ parts: [{ text: 'hi' }] }] }),
    });
    const arr = JSON.parse(await res.text()) as { candidates: { content: { parts: { text: string }[] } }[] }[];
    expect(arr.map((c) => c.candidates[0]?.content.parts[0]?.text).join('')).toBe('x y');
  });

  it('echoes inline images and rejects a bad key in Google error shape', async () => {
    fake.script({ text: 'seen', echoImages: true });
    const r = await client.models.generateContent({ model: 'gemini-x', contents: [{ role: 'user', parts: [{ inlineData: { mimeType: 'image/png', data: 'AAAA' } }] }] });
    expect(r.text).toMatch(/^seen\nimage:image\/png:[0-9a-f]{12}$/);
    const res = await fetch(`${fake.url}/v1beta/models/m:generateContent`, { method: 'POST', headers: { 'x-goog-api-key': 'bad' }, body: '{}' });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 401, status: 'UNAUTHENTICATED' } });
  });
});
