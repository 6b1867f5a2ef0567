import { defaultUsage, textChunks, type FakeBehaviour, type FakeUsage } from './behaviour';
import { describeBase64Image } from './images';
import { asArray, headerValue, isRecord, type GenerationRequest, type ProtocolFake, type StreamFrame } from './protocol-fake';

/**
 * Gemini generateContent wire format (PROTOCOLS.md §4): model in the path, inclusive prompt
 * count, thinking outside candidatesTokenCount, whole function calls, SSE or a streamed JSON array.
 */

function geminiUsage(u: FakeUsage) {
  const reasoning = u.reasoning ?? 0;
  return {
    promptTokenCount: u.input,
    ...(u.cached ? { cachedContentTokenCount: u.cached } : {}),
    candidatesTokenCount: u.output - reasoning,
    ...(reasoning ? { thoughtsTokenCount: reasoning } : {}),
    totalTokenCount: u.input + u.output,
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: u.input }],
  };
}

const RPC_STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

function errorBody(status: number, message: string) {
  return { error: { code: status, message, status: RPC_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'INVALID_ARGUMENT') } };
}

const PATH = /^\/v1beta\/models\/([^/:]+):(generateContent|streamGenerateContent|countTokens)$/;

let counter = 0;

function functionCallParts(b: FakeBehaviour, n: number): unknown[] {
  return (b.toolCalls ?? []).map((c, i) => {
    let args: unknown = {};
    try {
      args = JSON.parse(c.arguments) as unknown;
    } catch {
      // keep {}: the fake only sends objects
    }
    const id = b.omitCallIds ? undefined : (c.id ?? `fake-call-${n}-${i}`);
    return {
      functionCall: { name: c.name, args, ...(id ? { id } : {}) },
      ...(b.thoughtSignature ? { thoughtSignature: b.thoughtSignature } : {}),
    };
  });
}

function responseChunk(req: GenerationRequest, n: number, parts: unknown[], extra: { finishReason?: string; usage?: unknown }) {
  return {
    candidates: [
      {
        content: { role: 'model', parts },
        index: 0,
        ...(extra.finishReason ? { finishReason: extra.finishReason } : {}),
      },
    ],
    ...(extra.usage ? { usageMetadata: extra.usage } : {}),
    modelVersion: req.model,
    responseId: `fake-resp-${n}`,
  };
}

export const geminiFake: ProtocolFake = {
  streamContentType: (req) => (req.sse ? 'text/event-stream' : 'application/json; charset=UTF-8'),
  route(method, path) {
    const m = PATH.exec(path);
    if (method === 'POST' && m) return m[2] === 'countTokens' ? 'count-tokens' : 'generate';
    if (method === 'GET' && path === '/v1beta/models') return 'models';
    return null;
  },
  authorized(req, apiKey) {
    const header = headerValue(req.headers, 'x-goog-api-key');
    const query = new URL(req.url, 'http://fake').searchParams.get('key');
    return header === apiKey || (header === undefined && query === apiKey);
  },
  inspect(req): GenerationRequest {
    const url = new URL(req.url, 'http://fake');
    const m = PATH.exec(url.pathname);
    const body = isRecord(req.json) ? req.json : {};
    const images: string[] = [];
    for (const c of asArray(body.contents)) {
      if (!isRecord(c)) continue;
      for (const p of asArray(c.parts)) {
        if (!isRecord(p)) continue;
        const inline = p.inlineData ?? p.inline_data;
        if (isRecord(inline)) {
          const mime = inline.mimeType ?? inline.mime_type;
          if (typeof mime === 'string' && typeof inline.data === 'string') images.push(describeBase64Image(mime, inline.data));
        }
        const file = p.fileData ?? p.file_data;
        if (isRecord(file)) {
          const uri = file.fileUri ?? file.file_uri;
          if (typeof uri === 'string') images.push(`image-url:${uri}`);
        }
      }
    }
    return {
      endpoint: m?.[2] ?? 'generateContent',
      model: m?.[1] ?? '',
      stream: m?.[2] === 'streamGenerateContent',
      includeUsage: true,
      sse: url.searchParams.get('alt') === 'sse',
      images,
    };
  },
  renderJson(b, req, text) {
    const n = ++counter;
    const parts = [...(text !== '' ? [{ text }] : []), ...functionCallParts(b, n)];
    return responseChunk(req, n, parts.length ? parts : [{ text: '' }], { finishReason: b.finish ?? 'STOP', usage: geminiUsage(defaultUsage(b)) });
  },
  renderStream(b, req, text): StreamFrame[] {
    const n = ++counter;
    const usage = defaultUsage(b);
    const partialUsage = { promptTokenCount: usage.input, totalTokenCount: usage.input };
    const bodies: { value: unknown; content: boolean }[] = [];
    for (const piece of textChunks(b, text)) {
      bodies.push({ value: responseChunk(req, n, [{ text: piece }], { usage: partialUsage }), content: piece.trim() !== '' });
    }
    const calls = functionCallParts(b, n);
    if (calls.length) bodies.push({ value: responseChunk(req, n, calls, { usage: partialUsage }), content: true });
    bodies.push({ value: responseChunk(req, n, [{ text: '' }], { finishReason: b.finish ?? 'STOP', usage: geminiUsage(usage) }), content: false });
    if (req.sse) return bodies.map((x) => ({ text: `data: ${JSON.stringify(x.value)}\r\n\r\n`, content: x.content }));
    // Without alt=sse the REST endpoint streams one JSON array, element by element.
    const frames = bodies.map((x, i) => ({ text: `${i === 0 ? '[' : ',\r\n'}${JSON.stringify(x.value)}`, content: x.content }));
    frames.push({ text: ']', content: false });
    return frames;
  },
  renderError: (status, message) => errorBody(status, message),
  renderStreamError: (req, status, message) =>
    req.sse ? `data: ${JSON.stringify(errorBody(status, message))}\r\n\r\n` : `,\r\n${JSON.stringify(errorBody(status, message))}`,
  streamTrailer: (req) => (req.sse ? '' : ']'),
  models: () => ({
    models: [
      {
        name: 'models/gemini-fake-1',
        version: '001',
        displayName: 'Gemini Fake 1',
        inputTokenLimit: 1048576,
        outputTokenLimit: 65536,
        supportedGenerationMethods: ['generateContent', 'countTokens'],
      },
    ],
  }),
  countTokens: (req) => ({ totalTokens: Math.max(1, Math.ceil(req.body.length / 4)) }),
};
