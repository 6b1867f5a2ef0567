import { argumentFragments, defaultUsage, textChunks, type FakeBehaviour, type FakeUsage } from './behaviour';
import { describeBase64Image, describeImageUrl } from './images';
import { asArray, headerValue, isRecord, sseFrame, type GenerationRequest, type ProtocolFake, type StreamFrame } from './protocol-fake';

/** Anthropic Messages wire format (PROTOCOLS.md §3): exclusive cache usage, pings, named events. */

function anthropicUsage(u: FakeUsage) {
  const cached = u.cached ?? 0;
  const write = u.cacheWrite ?? 0;
  return {
    input_tokens: Math.max(0, u.input - cached - write),
    cache_creation_input_tokens: write,
    cache_read_input_tokens: cached,
    cache_creation: { ephemeral_5m_input_tokens: write, ephemeral_1h_input_tokens: 0 },
    output_tokens: u.output,
    server_tool_use: null,
    service_tier: 'standard',
  };
}

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

function errorObject(status: number, message: string) {
  return { type: ERROR_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error'), message };
}

let counter = 0;

function stopReason(b: FakeBehaviour): string {
  return b.finish ?? (b.toolCalls?.length ? 'tool_use' : 'end_turn');
}

function toolId(b: FakeBehaviour, i: number, n: number): string {
  return b.toolCalls?.[i]?.id ?? `toolu_fake${n}x${i}`;
}

function parseArgs(s: string): unknown {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return {};
  }
}

export const anthropicFake: ProtocolFake = {
  streamContentType: () => 'text/event-stream; charset=utf-8',
  route(method, path) {
    if (method === 'POST' && path === '/v1/messages') return 'generate';
    if (method === 'POST' && path === '/v1/messages/count_tokens') return 'count-tokens';
    if (method === 'GET' && path === '/v1/models') return 'models';
    return null;
  },
  // The API takes x-api-key; the 1.x SDK sends the same key as a Bearer token. Both need a version.
  authorized: (req, apiKey) =>
    (headerValue(req.headers, 'x-api-key') === apiKey || headerValue(req.headers, 'authorization') === `Bearer ${apiKey}`) &&
    headerValue(req.headers, 'anthropic-version') !== undefined,
  inspect(req): GenerationRequest {
    const body = isRecord(req.json) ? req.json : {};
    const images: string[] = [];
    for (const m of asArray(body.messages)) {
      if (!isRecord(m)) continue;
      for (const block of asArray(m.content)) {
        if (!isRecord(block) || block.type !== 'image' || !isRecord(block.source)) continue;
        const s = block.source;
        if (s.type === 'base64' && typeof s.media_type === 'string' && typeof s.data === 'string') images.push(describeBase64Image(s.media_type, s.data));
        else if (s.type === 'url' && typeof s.url === 'string') images.push(describeImageUrl(s.url));
      }
    }
    return { endpoint: 'messages', model: typeof body.model === 'string' ? body.model : '', stream: body.stream === true, includeUsage: true, sse: true, images };
  },
  renderJson(b, req, text) {
    const n = ++counter;
    const content: unknown[] = [];
    if (text !== '') content.push({ type: 'text', text, citations: null });
    (b.toolCalls ?? []).forEach((c, i) => content.push({ type: 'tool_use', id: toolId(b, i, n), name: c.name, input: parseArgs(c.arguments) }));
    return {
      id: `msg_fake${n}`,
      type: 'message',
      role: 'assistant',
      model: req.model,
      content,
      stop_reason: stopReason(b),
      stop_sequence: null,
      usage: anthropicUsage(defaultUsage(b)),
    };
  },
  renderStream(b, req, text): StreamFrame[] {
    const n = ++counter;
    const usage = anthropicUsage(defaultUsage(b));
    const frames: StreamFrame[] = [];
    const emit = (type: string, payload: Record<string, unknown>, content = false) =>
      frames.push({ text: sseFrame({ type, ...payload }, type), content });
    emit('message_start', {
      message: {
        id: `msg_fake${n}`,
        type: 'message',
        role: 'assistant',
        model: req.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { ...usage, output_tokens: 1 },
      },
    });
    emit('ping', {});
    let index = 0;
    const pieces = textChunks(b, text);
    if (pieces.length) {
      emit('content_block_start', { index, content_block: { type: 'text', text: '', citations: null } });
      for (const piece of pieces) emit('content_block_delta', { index, delta: { type: 'text_delta', text: piece } }, piece.trim() !== '');
      emit('content_block_stop', { index });
      index++;
    }
    (b.toolCalls ?? []).forEach((c, i) => {
      emit('content_block_start', { index, content_block: { type: 'tool_use', id: toolId(b, i, n), name: c.name, input: {} } }, true);
      emit('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: '' } });
      for (const piece of argumentFragments(c)) emit('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: piece } }, true);
      emit('content_block_stop', { index });
      index++;
    });
    emit('ping', {});
    // message_delta usage is cumulative: it repeats the full numbers (PROTOCOLS.md §3.3).
    emit('message_delta', { delta: { stop_reason: stopReason(b), stop_sequence: null }, usage });
    emit('message_stop', {});
    return frames;
  },
  renderError: (status, message) => ({ type: 'error', error: errorObject(status, message), request_id: `req_fake${++counter}` }),
  renderStreamError: (_req, status, message) => sseFrame({ type: 'error', error: errorObject(status, message) }, 'error'),
  models: () => ({
    data: [
      { type: 'model', id: 'claude-fake-1', display_name: 'Claude Fake 1', created_at: '2025-01-01T00:00:00Z' },
    ],
    has_more: false,
    first_id: 'claude-fake-1',
    last_id: 'claude-fake-1',
  }),
  countTokens: (req) => ({ input_tokens: Math.max(1, Math.ceil(req.body.length / 4)) }),
};
