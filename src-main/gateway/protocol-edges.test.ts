import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../testing/fake-upstreams';
import { startTestCore, type TestCore } from '../testing/harness';

/**
 * What real clients do around the basic matrix: each SDK's own auth header, byte-identical
 * passthrough, model lists, token counting, Gemini's JSON-array stream, mid-stream failures
 * in each protocol's shape, ids Gemini never sent, tool names Anthropic would reject.
 */
describe('gateway protocol edges', () => {
  let t: TestCore;
  let oai: FakeUpstream;
  let claude: FakeUpstream;
  let gem: FakeUpstream;
  let key: string;
  let openai: OpenAI;
  let anthropic: Anthropic;
  let gemini: GoogleGenAI;
  const lastLedger = () => t.core.services.db.prepare('SELECT * FROM ledger ORDER BY id DESC LIMIT 1').get() as Record<string, unknown>;

  beforeAll(async () => {
    t = await startTestCore();
    oai = await startFakeUpstream({ protocol: 'openai', apiKey: 'sk-up-openai-SECRETVALUE' });
    claude = await startFakeUpstream({ protocol: 'anthropic', apiKey: 'ak-up-claude-SECRETVALUE' });
    gem = await startFakeUpstream({ protocol: 'gemini', apiKey: 'AIzaUPSTREAMgeminiSECRETVALUE' });
    await t.api('POST', '/api/channels', { name: 'oai', provider: 'openai', base_url: `${oai.url}/v1`, api_key_secret: 'sk-up-openai-SECRETVALUE', models: ['gpt-edge'] }, t.adminToken);
    await t.api('POST', '/api/channels', { name: 'claude', provider: 'anthropic', base_url: claude.url, api_key_secret: 'ak-up-claude-SECRETVALUE', models: ['claude-edge'] }, t.adminToken);
    await t.api('POST', '/api/channels', { name: 'gem', provider: 'gemini', base_url: gem.url, api_key_secret: 'AIzaUPSTREAMgeminiSECRETVALUE', models: ['gemini-edge'] }, t.adminToken);
    const member = await t.createMember('edges@example.test', 1000);
    key = (await t.api<{ token: string }>('POST', '/api/api-keys', { name: 'edges' }, member.token)).token;
    openai = new OpenAI({ apiKey: key, baseURL: `${t.url}/v1`, maxRetries: 0 });
    anthropic = new Anthropic({ apiKey: key, baseURL: t.url, maxRetries: 0 });
    gemini = new GoogleGenAI({ apiKey: key, httpOptions: { baseUrl: t.url } });
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all([oai?.close(), claude?.close(), gem?.close()]);
  });

  describe('client auth in each SDK\'s own way', () => {
    const body = JSON.stringify({ model: 'claude-edge', max_tokens: 20, messages: [{ role: 'user', content: 'hi' }] });
    it('accepts x-api-key, x-goog-api-key and ?key=, and sends the channel\'s own credentials upstream', async () => {
      claude.script({ text: 'via x-api-key' });
      const r1 = await fetch(`${t.url}/v1/messages`, { method: 'POST', headers: { 'x-api-key': key, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' }, body });
      expect(r1.status).toBe(200);
      const up = claude.requests.at(-1)!;
      expect(up.headers['x-api-key']).toBe('ak-up-claude-SECRETVALUE');
      expect(up.headers['anthropic-version']).toBe('2023-06-01');
      expect(up.headers.authorization).toBeUndefined();

      gem.script({ text: 'via header' });
      const gBody = JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] });
      const r2 = await fetch(`${t.url}/v1beta/models/gemini-edge:generateContent`, { method: 'POST', headers: { 'x-goog-api-key': key }, body: gBody });
      expect(r2.status).toBe(200);
      gem.script({ text: 'via query' });
      const r3 = await fetch(`${t.url}/v1beta/models/gemini-edge:generateContent?key=${key}`, { method: 'POST', body: gBody });
      expect(r3.status).toBe(200);
      const gUp = gem.requests.at(-1)!;
      expect(gUp.headers['x-goog-api-key']).toBe('AIzaUPSTREAMgeminiSECRETVALUE');
      // The client's key never travels upstream, not even in the query.
      expect(gUp.url).not.toContain(key);
      expect(gUp.url).not.toContain('key=');
    });

    it('answers a bad key in each protocol\'s error shape, without echoing it', async () => {
      const a = await fetch(`${t.url}/v1/messages`, { method: 'POST', headers: { 'x-api-key': 'sk-wrong-key-123456789' }, body });
      expect(a.status).toBe(401);
      const aBody = await a.text();
      expect(JSON.parse(aBody)).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
      expect(aBody).not.toContain('sk-wrong-key-123456789');
      const g = await fetch(`${t.url}/v1beta/models/gemini-edge:generateContent?key=sk-wrong-key-123456789`, { method: 'POST', body: '{}' });
      expect(g.status).toBe(401);
      const gBody = await g.text();
      expect(JSON.parse(gBody)).toMatchObject({ error: { code: 401, status: 'UNAUTHENTICATED' } });
      expect(gBody).not.toContain('sk-wrong-key-123456789');
    });

    it('never shows an upstream\'s rejection of the channel key to the client', async () => {
      const bad = await startFakeUpstream({ protocol: 'anthropic', apiKey: 'different' });
      try {
        await t.api('POST', '/api/channels', { name: 'badkey', provider: 'anthropic', base_url: bad.url, api_key_secret: 'ak-wrong-channel-SECRET', models: ['claude-badkey'] }, t.adminToken);
        await expect(anthropic.messages.create({ model: 'claude-badkey', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({ status: 502 });
        expect(String(lastLedger().error)).not.toContain('ak-wrong-channel-SECRET');
      } finally {
        await bad.close();
      }
    });
  });

  describe('same-protocol passthrough', () => {
    it('relays an Anthropic body byte for byte', async () => {
      claude.script({ text: 'same protocol', usage: { input: 50, output: 3, cached: 20, cacheWrite: 10 } });
      const body = '{"model":"claude-edge","max_tokens":64,  "system":[{"type":"text","text":"sys","cache_control":{"type":"ephemeral"}}],"messages":[{"role":"user","content":"hi"}],"metadata":{"user_id":"u1"}}';
      const res = await fetch(`${t.url}/v1/messages`, { method: 'POST', headers: { 'x-api-key': key, 'anthropic-version': '2023-06-01', 'anthropic-beta': 'some-beta-1' }, body });
      expect(res.status).toBe(200);
      const up = claude.requests.at(-1)!;
      expect(up.body.toString()).toBe(body);
      expect(up.headers['anthropic-beta']).toBe('some-beta-1');
      const m = (await res.json()) as Anthropic.Message;
      expect(m.usage).toMatchObject({ input_tokens: 20, cache_read_input_tokens: 20, cache_creation_input_tokens: 10 });
      // Exclusive Anthropic usage becomes uncached 20, cached 20, write 10: charged once each.
      expect(lastLedger()).toMatchObject({ input_tokens: 20, cached_tokens: 20, cache_write_tokens: 10, output_tokens: 3 });
    });

    it('relays a Gemini body byte for byte, streaming, and re-frames SSE as a JSON array without alt=sse', async () => {
      gem.script({ text: 'a b c', usage: { input: 9, output: 3 } });
      const body = '{"contents":[{"role":"user","parts":[{"text":"hi"}]}],"generation_config":{"max_output_tokens":50}}';
      const res = await fetch(`${t.url}/v1beta/models/gemini-edge:streamGenerateContent`, { method: 'POST', headers: { 'x-goog-api-key': key }, body });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('application/json');
      const chunks = JSON.parse(await res.text()) as { candidates: { content: { parts: { text: string }[] } }[] }[];
      expect(chunks.map((c) => c.candidates[0]!.content.parts[0]!.text).join('')).toBe('a b c');
      const up = gem.requests.at(-1)!;
      expect(up.body.toString()).toBe(body);
      expect(up.url).toBe('/v1beta/models/gemini-edge:streamGenerateContent?alt=sse');
    });

    it('gives a JSON array to a Gemini client whose channel speaks another protocol', async () => {
      oai.script({ text: 'converted array', usage: { input: 5, output: 2 } });
      const res = await fetch(`${t.url}/v1beta/models/gpt-edge:streamGenerateContent`, { method: 'POST', headers: { 'x-goog-api-key': key }, body: JSON.stringify({ contents: [{ parts: [{ text: 'hi' }] }] }) });
      const chunks = JSON.parse(await res.text()) as { candidates: { content: { parts: { text: string }[] }; finishReason?: string }[] }[];
      expect(chunks.map((c) => c.candidates[0]!.content.parts.map((p) => p.text).join('')).join('')).toBe('converted array');
      expect(chunks.at(-1)!.candidates[0]!.finishReason).toBe('STOP');
    });
  });

  describe('model lists and token counting', () => {
    it('lists models in OpenAI, Anthropic and Gemini shapes', async () => {
      expect((await openai.models.list()).data.map((m) => m.id)).toEqual(expect.arrayContaining(['claude-edge', 'gemini-edge', 'gpt-edge']));
      expect(await openai.models.retrieve('gpt-edge')).toMatchObject({ id: 'gpt-edge', object: 'model' });
      await expect(openai.models.retrieve('nope')).rejects.toMatchObject({ status: 404 });
      expect(await anthropic.models.retrieve('claude-edge')).toMatchObject({ id: 'claude-edge', type: 'model' });
      const a = await anthropic.models.list();
      expect(a.data.map((m) => m.id)).toContain('claude-edge');
      expect(a.data[0]).toMatchObject({ type: 'model' });
      const g = await gemini.models.list();
      const names: string[] = [];
      for await (const m of g) names.push(m.name ?? '');
      expect(names).toContain('models/gemini-edge');
      expect(await gemini.models.get({ model: 'gemini-edge' })).toMatchObject({ name: 'models/gemini-edge' });
      await expect(gemini.models.get({ model: 'nope' })).rejects.toThrow(/not found/);
    });

    it('passes count_tokens through to a same-protocol channel, else estimates and says so', async () => {
      const counted = await anthropic.messages.countTokens({ model: 'claude-edge', messages: [{ role: 'user', content: 'hello there' }] });
      expect(counted.input_tokens).toBeGreaterThan(0);
      expect(claude.requests.at(-1)!.url).toBe('/v1/messages/count_tokens');
      const before = oai.requests.length;
      const res = await fetch(`${t.url}/v1/messages/count_tokens`, { method: 'POST', headers: { 'x-api-key': key }, body: JSON.stringify({ model: 'gpt-edge', messages: [{ role: 'user', content: 'hello there' }] }) });
      expect(res.headers.get('x-tokenaltar-token-count')).toBe('estimate');
      expect(await res.json()).toMatchObject({ estimated: true, input_tokens: expect.any(Number) });
      expect(oai.requests.length).toBe(before);
      const g = await gemini.models.countTokens({ model: 'gemini-edge', contents: 'hello there' });
      expect(g.totalTokens).toBeGreaterThan(0);
      expect(gem.requests.at(-1)!.url).toBe('/v1beta/models/gemini-edge:countTokens');
    });
  });

  describe('mid-stream failures end the stream in the client\'s protocol, never cleanly', () => {
    it('Anthropic client, OpenAI channel: error event after the first token', async () => {
      oai.script({ text: 'first second third', failure: { kind: 'drop-after-first-token' } });
      const stream = anthropic.messages.stream({ model: 'gpt-edge', max_tokens: 50, messages: [{ role: 'user', content: 'x' }] });
      let text = '';
      stream.on('text', (d) => (text += d));
      await expect(stream.finalMessage()).rejects.toThrow();
      expect(text).toBe('first ');
      expect(lastLedger()).toMatchObject({ channel_id: expect.any(Number), status: 'ok' });
    });

    it('Gemini client, Anthropic channel: error frame after the first token', async () => {
      claude.script({ text: 'one two three', failure: { kind: 'error-after-first-token', status: 529, message: 'Overloaded' } });
      let text = '';
      await expect(
        (async () => {
          for await (const c of await gemini.models.generateContentStream({ model: 'claude-edge', contents: 'x' })) text += c.text ?? '';
        })(),
      ).rejects.toThrow(/Overloaded/);
      expect(text).toBe('one ');
    });

    it('Responses client, Gemini channel: error event after the first token', async () => {
      gem.script({ text: 'alpha beta', failure: { kind: 'drop-after-first-token' } });
      const s = await openai.responses.create({ model: 'gemini-edge', input: 'x', stream: true });
      let text = '';
      await expect(
        (async () => {
          for await (const e of s) if (e.type === 'response.output_text.delta') text += e.delta;
        })(),
      ).rejects.toThrow();
      expect(text).toBe('alpha ');
    });

    it('a JSON error answered with status 200 to a stream request is still an error', async () => {
      oai.script({ failure: { kind: 'status', status: 200, message: 'model is not loaded' } });
      const stream = anthropic.messages.stream({ model: 'gpt-edge', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] });
      await expect(stream.finalMessage()).rejects.toMatchObject({ status: 400, error: { error: { message: expect.stringContaining('model is not loaded') } } });
    });

    it('an upstream error before any content is answered with a matching status in the client\'s shape', async () => {
      gem.script({ failure: { kind: 'status', status: 400, message: 'Invalid argument: bad schema' } });
      await expect(anthropic.messages.create({ model: 'gemini-edge', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({
        status: 400,
        error: { type: 'error', error: { type: 'invalid_request_error' } },
      });
    });
  });

  describe('tool calls across protocols', () => {
    it('mints ids when Gemini sends none and maps them back on the next turn', async () => {
      gem.script({ toolCalls: [{ name: 'lookup', arguments: '{"q":"a"}' }, { name: 'lookup', arguments: '{"q":"b"}' }], omitCallIds: true, thoughtSignature: 'c2lnLTE=' });
      const tools: OpenAI.ChatCompletionTool[] = [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } }, additionalProperties: false, $schema: 'http://json-schema.org/draft-07/schema#' } } }];
      const r = await openai.chat.completions.create({ model: 'gemini-edge', messages: [{ role: 'user', content: 'look up a and b' }], tools });
      const calls = r.choices[0]!.message.tool_calls!.flatMap((c) => (c.type === 'function' ? [c] : []));
      expect(calls.map((c) => JSON.parse(c.function.arguments) as unknown)).toEqual([{ q: 'a' }, { q: 'b' }]);
      expect(new Set(calls.map((c) => c.id)).size).toBe(2);
      expect(r.choices[0]!.finish_reason).toBe('tool_calls');
      // Schema keywords Gemini rejects were trimmed.
      const decl = (gem.requests.at(-1)!.json as { tools: { functionDeclarations: { parameters: Record<string, unknown> }[] }[] }).tools[0]!.functionDeclarations[0]!;
      expect(decl.parameters).toEqual({ type: 'object', properties: { q: { type: 'string' } } });

      gem.script({ text: 'done' });
      await openai.chat.completions.create({
        model: 'gemini-edge',
        tools,
        messages: [
          { role: 'user', content: 'look up a and b' },
          { role: 'assistant', content: '', tool_calls: calls },
          ...calls.map((c, i) => ({ role: 'tool' as const, tool_call_id: c.id, content: `result ${i}` })),
        ],
      });
      const contents = (gem.requests.at(-1)!.json as { contents: { role: string; parts: Record<string, Record<string, unknown>>[] }[] }).contents;
      expect(contents.map((c) => c.role)).toEqual(['user', 'model', 'user']);
      const modelParts = contents[1]!.parts;
      // Minted ids never go back to Gemini; the remembered thought signature does.
      expect(modelParts.map((p) => p.functionCall)).toEqual([{ name: 'lookup', args: { q: 'a' } }, { name: 'lookup', args: { q: 'b' } }]);
      expect(modelParts.map((p) => p.thoughtSignature)).toEqual(['c2lnLTE=', 'c2lnLTE=']);
      expect(contents[2]!.parts.map((p) => p.functionResponse)).toEqual([
        { name: 'lookup', response: { output: 'result 0' } },
        { name: 'lookup', response: { output: 'result 1' } },
      ]);
    });

    it('sanitizes names Anthropic rejects and maps them back; parallel calls keep their own index', async () => {
      claude.script({ toolCalls: [{ id: 'toolu_a', name: 'mcp_fs_read_ef1', arguments: '{"path":"/a"}' }, { id: 'toolu_b', name: 'get_time', arguments: '{}' }] });
      const tools: OpenAI.ChatCompletionTool[] = [
        { type: 'function', function: { name: 'mcp.fs.read', parameters: { type: 'object', properties: { path: { type: 'string' } } } } },
        { type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: {} } } },
      ];
      // First learn what the gateway calls the dotted tool upstream.
      const probe = await openai.chat.completions.create({ model: 'claude-edge', messages: [{ role: 'user', content: 'x' }], tools });
      const sentNames = (claude.requests.at(-1)!.json as { tools: { name: string }[] }).tools.map((x) => x.name);
      expect(sentNames[0]).toMatch(/^mcp_fs_read_[0-9a-f]{8}$/);
      expect(sentNames[1]).toBe('get_time');
      void probe;

      claude.script({ toolCalls: [{ id: 'toolu_a', name: sentNames[0]!, arguments: '{"path":"/a"}', fragments: 3 }, { id: 'toolu_b', name: 'get_time', arguments: '{}' }] });
      const s = await openai.chat.completions.create({ model: 'claude-edge', messages: [{ role: 'user', content: 'x' }], tools, stream: true });
      const calls = new Map<number, { id: string; name: string; args: string }>();
      for await (const c of s) {
        for (const tc of c.choices[0]?.delta.tool_calls ?? []) {
          const cur = calls.get(tc.index) ?? { id: '', name: '', args: '' };
          cur.id ||= tc.id ?? '';
          cur.name ||= tc.function?.name ?? '';
          cur.args += tc.function?.arguments ?? '';
          calls.set(tc.index, cur);
        }
      }
      expect([...calls.entries()]).toEqual([
        [0, { id: 'toolu_a', name: 'mcp.fs.read', args: '{"path":"/a"}' }],
        [1, { id: 'toolu_b', name: 'get_time', args: '{}' }],
      ]);
    });

    it('gives an Anthropic client parallel calls from an OpenAI channel as separate tool_use blocks', async () => {
      oai.script({ toolCalls: [{ id: 'call_1', name: 'a', arguments: '{"x":1}' }, { id: 'functions.b:2', name: 'b', arguments: '{"y":2}' }] });
      const m = await anthropic.messages
        .stream({ model: 'gpt-edge', max_tokens: 50, messages: [{ role: 'user', content: 'x' }], tools: [{ name: 'a', input_schema: { type: 'object' } }, { name: 'b', input_schema: { type: 'object' } }] })
        .finalMessage();
      expect(m.content.map((b) => (b.type === 'tool_use' ? [b.name, b.input] : b.type))).toEqual([
        ['a', { x: 1 }],
        ['b', { y: 2 }],
      ]);
      // An id Anthropic would reject is sanitized deterministically.
      const ids = m.content.flatMap((b) => (b.type === 'tool_use' ? [b.id] : []));
      expect(ids[0]).toBe('call_1');
      expect(ids[1]).toMatch(/^functions_b_2_[0-9a-f]{8}$/);
      expect(m.stop_reason).toBe('tool_use');
    });
  });

  describe('Anthropic defaults and retries on converted traffic', () => {
    it('sets max_tokens from the setting when the client gave none, and drops empty text blocks', async () => {
      claude.script({ text: 'ok' });
      await openai.chat.completions.create({
        model: 'claude-edge',
        temperature: 1.6,
        top_p: 0.5,
        messages: [
          { role: 'system', content: 'sys A' },
          { role: 'user', content: 'q' },
          { role: 'assistant', content: '' },
          { role: 'developer', content: 'sys B' },
          { role: 'user', content: 'q2' },
        ],
      });
      const sent = claude.requests.at(-1)!.json as Record<string, unknown>;
      expect(sent.max_tokens).toBe(t.core.services.settings.get('anthropic_default_max_tokens'));
      expect(sent.system).toEqual([{ type: 'text', text: 'sys A' }, { type: 'text', text: 'sys B' }]);
      // The empty assistant turn is gone; the two user turns merge into one.
      expect(sent.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'q' }, { type: 'text', text: 'q2' }] }]);
      // Only one of temperature/top_p, clamped to Anthropic's range.
      expect(sent.temperature).toBe(1);
      expect(sent.top_p).toBeUndefined();
    });

    it('a stream that ends without usage is billed on a local estimate and the ledger row says so', async () => {
      oai.script({ text: 'counted locally by the gateway', omitStreamUsage: true });
      const m = await anthropic.messages.stream({ model: 'gpt-edge', max_tokens: 50, messages: [{ role: 'user', content: 'estimate me' }] }).finalMessage();
      expect(m.content).toEqual([{ type: 'text', text: 'counted locally by the gateway', citations: null }]);
      const row = lastLedger();
      expect(row).toMatchObject({ status: 'ok', usage_source: 'estimate' });
      expect(row.output_tokens).toBeGreaterThan(0);
      expect(String(row.tokenizer_note)).toMatch(/estimate/);
    });

    it('an empty converted stream is reported as failed before content (no bytes to the client)', async () => {
      claude.script({ text: '' });
      await expect(
        (async () => {
          for await (const c of await gemini.models.generateContentStream({ model: 'claude-edge', contents: 'x' })) void c;
        })(),
      ).rejects.toThrow(/empty/i);
      expect(lastLedger()).toMatchObject({ status: 'error' });
    });
  });
});
