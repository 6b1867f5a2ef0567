import type { ChannelTestResult, Provider } from '../../src-shared/api/ops/channels';
import { isLiteralPattern } from '../../src-shared/model-pattern';
import type { CoreServices } from '../core/services';
import { callUpstream } from '../gateway/upstream-client';
import type { ChannelRow } from '../store/channels-store';
import { classifyAttempt } from './health-windows';

const PROMPT = 'Reply with the single word: pong';
const TEST_TIMEOUT_MS = 60_000;

interface TestCall {
  url: string;
  headers: Record<string, string>;
  body: unknown;
  /** Text of the reply, '' when the reply carried no content. */
  text: (json: unknown) => string;
}

type Json = Record<string, unknown>;
const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);

/** The smallest real request in the channel's own protocol. */
function testCall(provider: Provider, baseUrl: string, secret: string, model: string): TestCall {
  switch (provider) {
    case 'openai':
    case 'openai-compatible':
      return {
        url: `${baseUrl}/chat/completions`,
        headers: { authorization: `Bearer ${secret}` },
        // OpenAI's reasoning models refuse max_tokens; compatible servers may only know it.
        body: { model, messages: [{ role: 'user', content: PROMPT }], ...(provider === 'openai' ? { max_completion_tokens: 256 } : { max_tokens: 256 }) },
        text: (j) => arr((j as Json).choices).map((c) => String((c.message as Json | undefined)?.content ?? '') + (arr((c.message as Json | undefined)?.tool_calls).length ? 'tool' : '')).join(''),
      };
    case 'anthropic':
      return {
        url: `${baseUrl}/v1/messages`,
        headers: { 'x-api-key': secret, 'anthropic-version': '2023-06-01' },
        body: { model, max_tokens: 64, messages: [{ role: 'user', content: PROMPT }] },
        text: (j) => arr((j as Json).content).map((b) => (b.type === 'text' ? String(b.text ?? '') : b.type === 'tool_use' ? 'tool' : '')).join(''),
      };
    case 'gemini':
      return {
        url: `${baseUrl}/v1beta/models/${encodeURIComponent(model)}:generateContent`,
        headers: { 'x-goog-api-key': secret },
        body: { contents: [{ role: 'user', parts: [{ text: PROMPT }] }], generationConfig: { maxOutputTokens: 64 } },
        text: (j) => arr((j as Json).candidates).flatMap((c) => arr((c.content as Json | undefined)?.parts)).map((p) => String(p.text ?? '') + (p.functionCall ? 'tool' : '')).join(''),
      };
  }
}

export class ChannelTestError extends Error {
  constructor(readonly result: ChannelTestResult) {
    super(result.message);
  }
}

/** The model a test uses: the one asked for, else the channel's first exactly named model. */
export function testModel(channel: ChannelRow, asked: string | undefined): string | null {
  if (asked) return asked;
  return (JSON.parse(channel.models) as string[]).find(isLiteralPattern) ?? null;
}

/**
 * Manual channel test (console "Test"): one small real request, recorded as a health event.
 * Success ends a running cooldown; failure throws ChannelTestError (the API answers 502).
 * Upstream messages are trimmed and never include the secret we sent.
 */
export async function testChannel(core: CoreServices, channel: ChannelRow, model: string): Promise<ChannelTestResult> {
  const secret = channel.secret_id === null ? '' : core.secrets.get(channel.secret_id);
  const call = testCall(channel.provider, channel.base_url, secret, model);
  const started = Date.now();
  let status: number | null = null;
  let text = '';
  let message: string;
  try {
    const res = await callUpstream({
      url: call.url,
      headers: { 'content-type': 'application/json', ...call.headers },
      body: JSON.stringify(call.body),
      signal: AbortSignal.timeout(Math.min(TEST_TIMEOUT_MS, core.settings.get('upstream_timeout_seconds') * 1000)),
    });
    status = res.statusCode;
    const raw = await res.body.text();
    if (status >= 200 && status < 300) {
      try {
        text = call.text(JSON.parse(raw)).trim();
      } catch {
        text = '';
      }
      message = text ? `replied: ${text.slice(0, 80)}` : 'the upstream answered without content';
    } else {
      message = `upstream answered ${status}: ${raw.slice(0, 200).split(secret).join('***')}`;
    }
  } catch (err) {
    message = `upstream unreachable (${(err as { code?: string; name?: string }).code ?? (err as Error).name})`;
  }
  const latency = Date.now() - started;
  const ok = status !== null && status >= 200 && status < 300 && text !== '';
  const health = classifyAttempt({ httpStatus: status, contentSent: ok, empty: status !== null && status < 300 && !ok, brokeAfterContent: false });
  core.routing.health.record({ channel_id: channel.id, at: Date.now(), status: ok ? 'available' : health === 'available' ? 'down' : health, http_status: status, ttft_ms: ok ? latency : null, total_ms: latency, source: 'test', error: ok ? null : message });
  const result: ChannelTestResult = { ok, status, latency_ms: latency, ttft_ms: ok ? latency : null, model, message };
  if (!ok) throw new ChannelTestError(result);
  core.routing.cooldowns.clear(channel.id);
  core.events.publish(['channels', 'health'], 'all');
  return result;
}
