import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../testing/fake-upstreams';
import { startTestCore, type TestCore } from '../testing/harness';

/**
 * Coding CLIs send more than the basic shape (issue 3 point 7): server tools, thinking and
 * output settings, cache_control, JSON Schema keywords Gemini rejects, system turns inside
 * messages. These request bodies follow what Claude Code, Codex CLI and Gemini CLI send; the
 * gateway must map what the target takes, drop the rest and never fail for an unknown field.
 */
describe('coding CLI request shapes across protocols', () => {
  let t: TestCore;
  let gem: FakeUpstream;
  let compat: FakeUpstream;
  let claude: FakeUpstream;
  let key: string;
  let imageServer: Server;
  let imageUrl: string;
  const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

  const post = (path: string, body: unknown, headers: Record<string, string>) =>
    fetch(`${t.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  beforeAll(async () => {
    t = await startTestCore();
    gem = await startFakeUpstream({ protocol: 'gemini', apiKey: 'g-key' });
    compat = await startFakeUpstream({ protocol: 'openai', apiKey: 'c-key' });
    claude = await startFakeUpstream({ protocol: 'anthropic', apiKey: 'a-key' });
    await t.api('POST', '/api/channels', { name: 'gem', provider: 'gemini', base_url: gem.url, api_key_secret: 'g-key', models: ['gemini-cli-*'] }, t.adminToken);
    await t.api('POST', '/api/channels', { name: 'compat', provider: 'openai-compatible', base_url: `${compat.url}/v1`, api_key_secret: 'c-key', models: ['compat-*'] }, t.adminToken);
    await t.api('POST', '/api/channels', { name: 'claude', provider: 'anthropic', base_url: claude.url, api_key_secret: 'a-key', models: ['claude-cli-*'] }, t.adminToken);
    const member = await t.createMember('cli@example.test', 1000);
    key = (await t.api<{ token: string }>('POST', '/api/api-keys', { name: 'cli' }, member.token)).token;
    // A member-owned Gemini channel: image URLs on private addresses are refused for it.
    await t.api('POST', '/api/channels', { name: 'gem-member', provider: 'gemini', base_url: gem.url, api_key_secret: 'g-key', models: ['gemini-member-*'] }, member.token);
    imageServer = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(PNG);
    });
    await new Promise<void>((r) => imageServer.listen(0, '127.0.0.1', r));
    imageUrl = `http://127.0.0.1:${(imageServer.address() as AddressInfo).port}/shot.png`;
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all([gem?.close(), compat?.close(), claude?.close()]);
    await new Promise<void>((r) => imageServer.close(() => r()));
  });

  it('Claude Code → Gemini channel: thinking, cache_control, server tools, system turns, strict schemas', async () => {
    gem.script({ text: 'Done.', usage: { input: 900, output: 12, cached: 800, reasoning: 4 } });
    const res = await post(
      '/v1/messages?beta=true',
      {
        model: 'gemini-cli-pro',
        max_tokens: 32000,
        stream: true,
        thinking: { type: 'enabled', budget_tokens: 2048 },
        metadata: { user_id: 'user_abc_session_1' },
        system: [
          { type: 'text', text: "You are Claude Code, Anthropic's official CLI for Claude.", cache_control: { type: 'ephemeral' } },
          { type: 'text', text: 'Project instructions.' },
        ],
        messages: [
          { role: 'user', content: [{ type: 'text', text: '<system-reminder>ctx</system-reminder>' }, { type: 'text', text: 'List files', cache_control: { type: 'ephemeral' } }] },
          { role: 'assistant', content: [{ type: 'thinking', thinking: 'hmm', signature: 'sig' }, { type: 'tool_use', id: 'toolu_01X', name: 'Bash', input: { command: 'ls' } }] },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_01X', content: [{ type: 'text', text: 'a.ts\nb.ts' }] }] },
          { role: 'system', content: 'Mid-conversation reminder.' },
        ],
        tools: [
          {
            name: 'Bash',
            description: 'Run a command',
            input_schema: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', additionalProperties: false, properties: { command: { type: 'string' }, timeout: { type: 'number', exclusiveMinimum: 0 } }, required: ['command'] },
          },
          { type: 'web_search_20250305', name: 'web_search', max_uses: 5 },
        ],
        tool_choice: { type: 'auto' },
      },
      { 'x-api-key': key, 'anthropic-version': '2023-06-01', 'anthropic-beta': 'claude-code-20250219,interleaved-thinking-2025-05-14' },
    );
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('event: message_start');
    expect(text).toContain('"text":"Done."');
    expect(text).toMatch(/"cache_read_input_tokens":800/);
    expect(text.trimEnd().endsWith('data: {"type":"message_stop"}')).toBe(true);
    const sent = gem.requests.at(-1)!.json as Record<string, Record<string, unknown>[] & Record<string, unknown>>;
    expect((sent.systemInstruction as unknown as { parts: { text: string }[] }).parts[0]!.text).toContain('Mid-conversation reminder.');
    const decls = (sent.tools as unknown as { functionDeclarations: { name: string; parameters: Record<string, unknown> }[] }[])[0]!.functionDeclarations;
    expect(decls.map((d) => d.name)).toEqual(['Bash']);
    expect(JSON.stringify(decls[0]!.parameters)).not.toMatch(/\$schema|additionalProperties|exclusiveMinimum/);
    expect((sent.generationConfig as unknown as Record<string, unknown>).thinkingConfig).toEqual({ thinkingBudget: 2048 });
    const contents = sent.contents as unknown as { role: string; parts: Record<string, unknown>[] }[];
    expect(contents.map((c) => c.role)).toEqual(['user', 'model', 'user']);
    expect(contents[2]!.parts[0]).toEqual({ functionResponse: { name: 'Bash', id: 'toolu_01X', response: { output: 'a.ts\nb.ts' } } });
  });

  it('Codex CLI (Responses) → OpenAI-compatible channel: converted to Chat, hosted tools and state fields dropped', async () => {
    compat.script({ text: '', toolCalls: [{ id: 'call_shell', name: 'shell', arguments: '{"command":["ls"]}', fragments: 3 }], usage: { input: 300, output: 20, cached: 256 } });
    const res = await post(
      '/v1/responses',
      {
        model: 'compat-coder',
        instructions: 'You are Codex.',
        input: [
          { type: 'message', role: 'developer', content: [{ type: 'input_text', text: '<permissions>on-request</permissions>' }] },
          { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'list the repo' }] },
          { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: 'gAAAA' },
        ],
        tools: [
          { type: 'function', name: 'shell', description: 'Runs a shell command', strict: false, parameters: { type: 'object', properties: { command: { type: 'array', items: { type: 'string' } } }, required: ['command'], additionalProperties: false } },
          { type: 'web_search' },
          { type: 'custom', name: 'apply_patch', format: { type: 'grammar', syntax: 'lark', definition: 'start: "x"' } },
        ],
        tool_choice: 'auto',
        parallel_tool_calls: false,
        reasoning: { effort: 'medium', summary: 'auto' },
        store: false,
        stream: true,
        include: ['reasoning.encrypted_content'],
        prompt_cache_key: 'session-42',
        text: { verbosity: 'low' },
      },
      { authorization: `Bearer ${key}` },
    );
    expect(res.status).toBe(200);
    const text = await res.text();
    const types = [...text.matchAll(/^event: (.+)$/gm)].map((m) => m[1]);
    expect(types[0]).toBe('response.created');
    expect(types).toContain('response.function_call_arguments.delta');
    expect(types.at(-1)).toBe('response.completed');
    expect(text).toContain('"call_id":"call_shell"');
    const sent = compat.requests.at(-1)!;
    expect(sent.url).toBe('/v1/chat/completions');
    const body = sent.json as Record<string, unknown>;
    expect((body.tools as { function: { name: string } }[]).map((x) => x.function.name)).toEqual(['shell']);
    expect(body.parallel_tool_calls).toBe(false);
    // openai-compatible servers get max_tokens-style fields and no OpenAI-only knobs.
    expect(body.reasoning_effort).toBeUndefined();
    expect(body.store).toBeUndefined();
    expect((body.messages as { role: string }[]).map((m) => m.role)).toEqual(['system', 'system', 'user']);
  });

  it('Gemini CLI → Anthropic channel: parametersJsonSchema, includeThoughts, googleSearch dropped', async () => {
    claude.script({ text: 'Read it.', toolCalls: [{ id: 'toolu_r', name: 'read_file', arguments: '{"absolute_path":"/x"}' }], usage: { input: 50, output: 9, cached: 30, cacheWrite: 5 } });
    const res = await post(
      '/v1beta/models/claude-cli-sonnet:streamGenerateContent?alt=sse',
      {
        contents: [{ role: 'user', parts: [{ text: 'read /x' }] }],
        systemInstruction: { role: 'user', parts: [{ text: 'You are an interactive CLI agent.' }] },
        tools: [{ functionDeclarations: [{ name: 'read_file', description: 'Reads a file', parametersJsonSchema: { type: 'object', properties: { absolute_path: { type: 'string' } }, required: ['absolute_path'] } }] }, { googleSearch: {} }],
        generationConfig: { temperature: 0, topP: 1, thinkingConfig: { includeThoughts: true, thinkingBudget: -1 } },
      },
      { 'x-goog-api-key': key },
    );
    expect(res.status).toBe(200);
    const chunks = (await res.text()).split(/\r?\n\r?\n/).filter((f) => f.startsWith('data: ')).map((f) => JSON.parse(f.slice(6)) as { candidates: { content: { parts: Record<string, unknown>[] }; finishReason?: string }[]; usageMetadata?: Record<string, number> });
    const parts = chunks.flatMap((c) => c.candidates[0]!.content.parts);
    expect(parts.map((p) => p.text ?? '').join('')).toBe('Read it.');
    expect(parts.find((p) => p.functionCall)).toEqual({ functionCall: { id: 'toolu_r', name: 'read_file', args: { absolute_path: '/x' } } });
    expect(chunks.at(-1)!.usageMetadata).toMatchObject({ promptTokenCount: 50, cachedContentTokenCount: 30, candidatesTokenCount: 9 });
    const sent = claude.requests.at(-1)!.json as Record<string, unknown>;
    expect(sent.tools).toEqual([{ name: 'read_file', description: 'Reads a file', input_schema: { type: 'object', properties: { absolute_path: { type: 'string' } }, required: ['absolute_path'] } }]);
    expect(sent.temperature).toBe(0);
    expect(sent.top_p).toBeUndefined();
    expect(sent.thinking).toBeUndefined();
    expect(sent.max_tokens).toBe(t.core.services.settings.get('anthropic_default_max_tokens'));
  });

  it('fetches image URLs for Gemini channels and inlines them; private addresses only for admin-owned channels', async () => {
    gem.script({ text: 'seen', echoImages: true });
    const ok = await post('/v1/chat/completions', { model: 'gemini-cli-flash', messages: [{ role: 'user', content: [{ type: 'text', text: 'what' }, { type: 'image_url', image_url: { url: imageUrl } }] }] }, { authorization: `Bearer ${key}` });
    expect(ok.status).toBe(200);
    const reply = (await ok.json()) as { choices: { message: { content: string } }[] };
    expect(reply.choices[0]!.message.content).toBe(`seen\nimage:image/png:${createHash('sha256').update(PNG).digest('hex').slice(0, 12)}`);

    const before = gem.requests.length;
    const blocked = await post('/v1/chat/completions', { model: 'gemini-member-flash', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: imageUrl } }] }] }, { authorization: `Bearer ${key}` });
    expect(blocked.status).toBe(400);
    expect(((await blocked.json()) as { error: { code: string } }).error.code).toBe('image_url_blocked');
    expect(gem.requests.length).toBe(before);
  });
});
