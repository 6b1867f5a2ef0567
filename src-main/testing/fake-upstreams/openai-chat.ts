import { argumentFragments, defaultUsage, textChunks, type FakeBehaviour, type FakeUsage } from './behaviour';
import { describeImageUrl } from './images';
import {
  asArray,
  isRecord,
  sseFrame,
  type GenerationRequest,
  type RecordedRequest,
  type StreamFrame,
} from './protocol-fake';

/** OpenAI Chat Completions wire format (PROTOCOLS.md §1). */

export function chatUsage(u: FakeUsage) {
  return {
    prompt_tokens: u.input,
    completion_tokens: u.output,
    total_tokens: u.input + u.output,
    prompt_tokens_details: { cached_tokens: u.cached ?? 0, ...(u.cacheWrite ? { cache_write_tokens: u.cacheWrite } : {}), audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: u.reasoning ?? 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

export function inspectChat(req: RecordedRequest): GenerationRequest {
  const body = isRecord(req.json) ? req.json : {};
  const images: string[] = [];
  for (const m of asArray(body.messages)) {
    if (!isRecord(m)) continue;
    for (const part of asArray(m.content)) {
      if (isRecord(part) && part.type === 'image_url' && isRecord(part.image_url) && typeof part.image_url.url === 'string') {
        images.push(describeImageUrl(part.image_url.url));
      }
    }
  }
  const so = isRecord(body.stream_options) ? body.stream_options : {};
  return {
    endpoint: 'chat',
    model: typeof body.model === 'string' ? body.model : '',
    stream: body.stream === true,
    includeUsage: so.include_usage === true,
    sse: true,
    images,
  };
}

let counter = 0;
const callId = (b: FakeBehaviour, i: number) => b.toolCalls?.[i]?.id ?? `call_fake${++counter}x${i}`;

function finishReason(b: FakeBehaviour): string {
  return b.finish ?? (b.toolCalls?.length ? 'tool_calls' : 'stop');
}

export function renderChatJson(b: FakeBehaviour, req: GenerationRequest, text: string): unknown {
  const calls = b.toolCalls ?? [];
  return {
    id: `chatcmpl-fake${++counter}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: req.model,
    choices: [
      {
        index: 0,
        finish_reason: finishReason(b),
        logprobs: null,
        message: {
          role: 'assistant',
          content: text === '' && calls.length ? null : text,
          refusal: null,
          annotations: [],
          ...(calls.length
            ? { tool_calls: calls.map((c, i) => ({ id: callId(b, i), type: 'function', function: { name: c.name, arguments: c.arguments } })) }
            : {}),
        },
      },
    ],
    usage: chatUsage(defaultUsage(b)),
    service_tier: 'default',
    system_fingerprint: 'fp_fake',
  };
}

export function renderChatStream(b: FakeBehaviour, req: GenerationRequest, text: string): StreamFrame[] {
  const id = `chatcmpl-fake${++counter}`;
  const created = Math.floor(Date.now() / 1000);
  const withUsage = (req.includeUsage || b.forceStreamUsage === true) && b.omitStreamUsage !== true;
  const chunk = (choices: unknown[], usage: unknown = null) =>
    sseFrame({ id, object: 'chat.completion.chunk', created, model: req.model, system_fingerprint: 'fp_fake', choices, ...(withUsage ? { usage } : {}) });
  const choice = (delta: unknown, finish: string | null = null) => ({ index: 0, delta, logprobs: null, finish_reason: finish });

  const frames: StreamFrame[] = [{ text: chunk([choice({ role: 'assistant', content: '', refusal: null })]), content: false }];
  for (const piece of textChunks(b, text)) frames.push({ text: chunk([choice({ content: piece })]), content: piece.trim() !== '' });
  (b.toolCalls ?? []).forEach((c, index) => {
    frames.push({
      text: chunk([choice({ tool_calls: [{ index, id: callId(b, index), type: 'function', function: { name: c.name, arguments: '' } }] })]),
      content: true,
    });
    for (const piece of argumentFragments(c)) {
      frames.push({ text: chunk([choice({ tool_calls: [{ index, function: { arguments: piece } }] })]), content: true });
    }
  });
  frames.push({ text: chunk([choice({}, finishReason(b))]), content: false });
  if (withUsage) frames.push({ text: chunk([], chatUsage(defaultUsage(b))), content: false });
  frames.push({ text: sseFrame('[DONE]'), content: false });
  return frames;
}
