import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../testing/fake-upstreams';
import { startTestCore, type TestCore } from '../testing/harness';

interface LedgerRowView {
  request_id: string;
  status: string;
  input_tokens: number;
  cached_tokens: number;
  output_tokens: number;
  cost_micro: number;
  provider_micro: number;
  system_micro: number;
  usage_source: string;
  formula: string;
}

describe('OpenAI gateway, same-protocol relay (foundation)', () => {
  let t: TestCore;
  let upstream: FakeUpstream;
  let client: OpenAI;
  let keyId: number;
  let providerId: number;
  let memberId: number;
  let memberToken: string;

  const ledger = () => t.core.services.db.prepare('SELECT * FROM ledger ORDER BY id').all() as LedgerRowView[];
  const balance = (id: number) => (t.core.services.db.prepare('SELECT balance_micro FROM users WHERE id = ?').get(id) as { balance_micro: number }).balance_micro;
  const systemBalance = () => t.core.services.stores.ledger.systemBalanceMicro();

  beforeAll(async () => {
    t = await startTestCore();
    upstream = await startFakeUpstream({ protocol: 'openai', apiKey: 'sk-upstream-SECRET-123456' });
    // The provider: a member who adds their channel; the consumer: another member with a key.
    const provider = await t.createMember('provider@example.test', 0);
    providerId = provider.id;
    await t.api('POST', '/api/channels', { name: 'up', provider: 'openai', base_url: upstream.url + '/v1/', api_key_secret: 'sk-upstream-SECRET-123456', models: ['gpt-5.1', 'gpt-5-*'] }, provider.token);
    const member = await t.createMember('member@example.test', 100);
    memberId = member.id;
    memberToken = member.token;
    const key = await t.api<{ token: string; record: { id: number } }>('POST', '/api/api-keys', { name: 'laptop' }, memberToken);
    keyId = key.record.id;
    client = new OpenAI({ apiKey: key.token, baseURL: `${t.url}/v1`, maxRetries: 0 });
  });
  afterAll(async () => {
    await t?.close();
    await upstream?.close();
  });

  it('relays a non-streaming chat completion and settles it in one ledger row', async () => {
    upstream.script({ text: 'Paris is the capital.', usage: { input: 1000, output: 1000, cached: 500 } });
    const before = { member: balance(memberId), provider: balance(providerId), system: systemBalance() };
    const res = await client.chat.completions.create({ model: 'gpt-5.1', messages: [{ role: 'user', content: 'Capital of France?' }] });
    expect(res.choices[0]!.message.content).toBe('Paris is the capital.');
    expect(res.usage?.prompt_tokens).toBe(1000);
    const rows = ledger();
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    // 500 uncached + 500 cached input, 1000 output at the seeded gpt-5* preset 1.25 / 10 / 0.125 per 1M:
    // 500*1.25 + 500*0.125 + 1000*10 = 10687.5 micro -> rounded half-up to 6 decimals = 10688 micro.
    expect(row).toMatchObject({ status: 'ok', input_tokens: 500, cached_tokens: 500, output_tokens: 1000, cost_micro: 10688, usage_source: 'upstream', price_source: 'global "gpt-5*"' });
    expect(row.provider_micro + row.system_micro).toBe(row.cost_micro);
    expect(balance(memberId)).toBe(before.member - 10688);
    expect(balance(providerId)).toBe(before.provider + row.provider_micro);
    expect(systemBalance()).toBe(before.system + row.system_micro);
    // The upstream got our channel's secret, not the client's key.
    expect(upstream.requests.at(-1)!.headers.authorization).toBe('Bearer sk-upstream-SECRET-123456');
  });

  it('streams chat frame by frame, asks for usage on the client behalf and hides that chunk', async () => {
    upstream.script({ text: 'one two three four', usage: { input: 20, output: 4 } });
    const stream = await client.chat.completions.create({ model: 'gpt-5.1', stream: true, messages: [{ role: 'user', content: 'count' }] });
    let text = '';
    let sawUsageChunk = false;
    for await (const chunk of stream) {
      if (chunk.choices.length === 0) sawUsageChunk = true;
      text += chunk.choices[0]?.delta?.content ?? '';
    }
    expect(text).toBe('one two three four');
    expect(sawUsageChunk).toBe(false);
    const sent = upstream.requests.at(-1)!.json as { stream_options?: { include_usage?: boolean } };
    expect(sent.stream_options?.include_usage).toBe(true);
    const row = ledger().at(-1)!;
    expect(row).toMatchObject({ status: 'ok', input_tokens: 20, output_tokens: 4, usage_source: 'upstream' });
  });

  it('passes the usage chunk through when the client asked for it, byte-identical body upstream', async () => {
    upstream.script({ text: 'hi there', usage: { input: 9, output: 2 } });
    const body = { model: 'gpt-5.1', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'hi' }] };
    const stream = await client.chat.completions.create(body as OpenAI.ChatCompletionCreateParamsStreaming);
    let usage: OpenAI.CompletionUsage | undefined | null;
    for await (const chunk of stream) if (chunk.usage) usage = chunk.usage;
    expect(usage?.completion_tokens).toBe(2);
    expect(upstream.requests.at(-1)!.body.toString()).toBe(JSON.stringify(body));
  });

  it('relays Responses, non-streaming and streaming, with one ledger row each', async () => {
    const n = ledger().length;
    upstream.script({ text: 'Responses reply.', usage: { input: 30, output: 3, reasoning: 1 } });
    const r = await client.responses.create({ model: 'gpt-5.1', input: 'hello' });
    expect(r.output_text).toBe('Responses reply.');
    upstream.script({ text: 'Streamed responses reply.', usage: { input: 31, output: 4 } });
    const s = await client.responses.create({ model: 'gpt-5.1', input: 'hello', stream: true });
    let text = '';
    let completed = false;
    for await (const ev of s) {
      if (ev.type === 'response.output_text.delta') text += ev.delta;
      if (ev.type === 'response.completed') completed = true;
    }
    expect(text).toBe('Streamed responses reply.');
    expect(completed).toBe(true);
    const rows = ledger().slice(n);
    expect(rows.map((r) => [r.status, r.input_tokens, r.output_tokens])).toEqual([
      ['ok', 30, 3],
      ['ok', 31, 4],
    ]);
  });

  it('lists only the models the key may use', async () => {
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual(['gpt-5.1']);
  });

  it('rejects bad, disabled and expired keys with 401 in OpenAI error shape', async () => {
    const bad = new OpenAI({ apiKey: 'sk-nope', baseURL: `${t.url}/v1`, maxRetries: 0 });
    await expect(bad.chat.completions.create({ model: 'gpt-5.1', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({ status: 401, code: 'invalid_api_key' });

    const k2 = await t.api<{ token: string; record: { id: number } }>('POST', '/api/api-keys', { name: 'temp' }, memberToken);
    await t.api('POST', `/api/api-keys/${k2.record.id}/enabled`, { enabled: false }, memberToken);
    const disabled = new OpenAI({ apiKey: k2.token, baseURL: `${t.url}/v1`, maxRetries: 0 });
    await expect(disabled.chat.completions.create({ model: 'gpt-5.1', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({ status: 401, code: 'api_key_disabled' });

    const k3 = await t.api<{ token: string }>('POST', '/api/api-keys', { name: 'old', expires_at: new Date(Date.now() - 1000).toISOString() }, memberToken);
    const expired = new OpenAI({ apiKey: k3.token, baseURL: `${t.url}/v1`, maxRetries: 0 });
    await expect(expired.chat.completions.create({ model: 'gpt-5.1', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({ status: 401, code: 'api_key_expired' });

    // A console session token is never a gateway key.
    const session = new OpenAI({ apiKey: memberToken, baseURL: `${t.url}/v1`, maxRetries: 0 });
    await expect(session.models.list()).rejects.toMatchObject({ status: 401 });
  });

  it('refuses a model outside the key allow-list (403) and an exhausted spend limit (402)', async () => {
    const k = await t.api<{ token: string; record: { id: number } }>('POST', '/api/api-keys', { name: 'narrow', allowed_models: ['gpt-4*'], spend_limit_points: 0.000001 }, memberToken);
    const c = new OpenAI({ apiKey: k.token, baseURL: `${t.url}/v1`, maxRetries: 0 });
    await expect(c.chat.completions.create({ model: 'gpt-5.1', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({ status: 403, code: 'model_not_allowed' });
    await t.api('PATCH', `/api/api-keys/${k.record.id}`, { allowed_models: [] }, memberToken);
    // The reservation (input estimate + default max output) cannot fit a 1-micro limit: refused
    // before anything is forwarded (routing reserves the key's spend up front).
    const sent = upstream.requests.length;
    await expect(c.chat.completions.create({ model: 'gpt-5.1', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({ status: 402, code: 'spend_limit_reached' });
    expect(upstream.requests.length).toBe(sent);
  });

  it('answers unknown models with 503, malformed JSON with 400, unknown routes with 404', async () => {
    await expect(client.chat.completions.create({ model: 'claude-x', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({ status: 503, code: 'no_channel_available' });
    const key = (client as unknown as { apiKey: string }).apiKey;
    const bad = await fetch(`${t.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: '{nope' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { type: string } }).error.type).toBe('invalid_request_error');
    const missing = await fetch(`${t.url}/v1/embeddings`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: '{}' });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toMatch(/Unknown route/);
  });

  it('passes an upstream 400 through unchanged and charges nothing', async () => {
    upstream.script({ failure: { kind: 'status', status: 400, message: 'bad temperature' } });
    const before = balance(memberId);
    await expect(client.chat.completions.create({ model: 'gpt-5.1', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({ status: 400 });
    expect(balance(memberId)).toBe(before);
    expect(ledger().at(-1)!.status).toBe('error');
  });

  it('keeps keyId referenced in ledger rows', () => {
    expect(ledger().some((r) => (r as unknown as { api_key_id: number }).api_key_id === keyId)).toBe(true);
  });
});
