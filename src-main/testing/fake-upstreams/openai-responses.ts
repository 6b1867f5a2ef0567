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

/** OpenAI Responses wire format (PROTOCOLS.md §2). */

export function responsesUsage(u: FakeUsage) {
  return {
    input_tokens: u.input,
    input_tokens_details: { cached_tokens: u.cached ?? 0, ...(u.cacheWrite ? { cache_write_tokens: u.cacheWrite } : {}) },
    output_tokens: u.output,
    output_tokens_details: { reasoning_tokens: u.reasoning ?? 0 },
    total_tokens: u.input + u.output,
  };
}

export function inspectResponses(req: RecordedRequest): GenerationRequest {
  const body = isRecord(req.json) ? req.json : {};
  const images: string[] = [];
  for (const item of asArray(body.input)) {
    if (!isRecord(item)) continue;
    for (const part of asArray(item.content)) {
      if (isRecord(part) && part.type === 'input_image' && typeof part.image_url === 'string') images.push(describeImageUrl(part.image_url));
    }
  }
  return {
    endpoint: 'responses',
    model: typeof body.model === 'string' ? body.model : '',
    stream: body.stream === true,
    includeUsage: true,
    sse: true,
    images,
  };
}

let counter = 0;

interface Built {
  id: string;
  messageId: string;
  calls: { id: string; call_id: string; name: string; arguments: string; fragments: string[] }[];
}

function build(b: FakeBehaviour): Built {
  const n = ++counter;
  return {
    id: `resp_fake${n}`,
    messageId: `msg_fake${n}`,
    calls: (b.toolCalls ?? []).map((c, i) => ({
      id: `fc_fake${n}x${i}`,
      call_id: c.id ?? `call_fake${n}x${i}`,
      name: c.name,
      arguments: c.arguments,
      fragments: argumentFragments(c),
    })),
  };
}

const messageItem = (id: string, text: string, status: string) => ({
  type: 'message',
  id,
  status,
  role: 'assistant',
  content: [{ type: 'output_text', text, annotations: [], logprobs: [] }],
});

const callItem = (c: Built['calls'][number], status: string, args: string) => ({
  type: 'function_call',
  id: c.id,
  call_id: c.call_id,
  name: c.name,
  arguments: args,
  status,
});

function responseObject(b: FakeBehaviour, req: GenerationRequest, built: Built, text: string, done: boolean) {
  const incomplete = b.finish === 'max_output_tokens' || b.finish === 'content_filter';
  const output: unknown[] = [];
  if (done) {
    if (text !== '') output.push(messageItem(built.messageId, text, 'completed'));
    for (const c of built.calls) output.push(callItem(c, 'completed', c.arguments));
  }
  return {
    id: built.id,
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    status: !done ? 'in_progress' : incomplete ? 'incomplete' : 'completed',
    error: null,
    incomplete_details: done && incomplete ? { reason: b.finish } : null,
    instructions: null,
    max_output_tokens: null,
    model: req.model,
    output,
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    store: false,
    temperature: 1,
    text: { format: { type: 'text' } },
    tool_choice: 'auto',
    tools: [],
    top_p: 1,
    truncation: 'disabled',
    usage: done ? responsesUsage(defaultUsage(b)) : null,
    metadata: {},
  };
}

export function renderResponsesJson(b: FakeBehaviour, req: GenerationRequest, text: string): unknown {
  return responseObject(b, req, build(b), text, true);
}

/** Last sequence number used per stream, so a mid-stream error event continues the sequence. */
const lastSequence = new WeakMap<GenerationRequest, number>();

export function renderResponsesStream(b: FakeBehaviour, req: GenerationRequest, text: string): StreamFrame[] {
  const built = build(b);
  const frames: StreamFrame[] = [];
  let seq = 0;
  const emit = (type: string, payload: Record<string, unknown>, content = false) => {
    frames.push({ text: sseFrame({ type, sequence_number: seq, ...payload }, type), content });
    lastSequence.set(req, seq);
    seq++;
  };
  emit('response.created', { response: responseObject(b, req, built, text, false) });
  emit('response.in_progress', { response: responseObject(b, req, built, text, false) });
  let outputIndex = 0;
  const pieces = textChunks(b, text);
  if (text !== '' || pieces.length) {
    const item_id = built.messageId;
    emit('response.output_item.added', { output_index: outputIndex, item: { type: 'message', id: item_id, status: 'in_progress', role: 'assistant', content: [] } });
    emit('response.content_part.added', { item_id, output_index: outputIndex, content_index: 0, part: { type: 'output_text', text: '', annotations: [], logprobs: [] } });
    for (const delta of pieces) emit('response.output_text.delta', { item_id, output_index: outputIndex, content_index: 0, delta, logprobs: [] }, delta.trim() !== '');
    emit('response.output_text.done', { item_id, output_index: outputIndex, content_index: 0, text, logprobs: [] });
    emit('response.content_part.done', { item_id, output_index: outputIndex, content_index: 0, part: { type: 'output_text', text, annotations: [], logprobs: [] } });
    emit('response.output_item.done', { output_index: outputIndex, item: messageItem(item_id, text, 'completed') });
    outputIndex++;
  }
  for (const c of built.calls) {
    emit('response.output_item.added', { output_index: outputIndex, item: callItem(c, 'in_progress', '') }, true);
    for (const delta of c.fragments) emit('response.function_call_arguments.delta', { item_id: c.id, output_index: outputIndex, delta }, true);
    emit('response.function_call_arguments.done', { item_id: c.id, output_index: outputIndex, name: c.name, arguments: c.arguments });
    emit('response.output_item.done', { output_index: outputIndex, item: callItem(c, 'completed', c.arguments) });
    outputIndex++;
  }
  const final = responseObject(b, req, built, text, true);
  emit(final.status === 'incomplete' ? 'response.incomplete' : 'response.completed', { response: final });
  return frames;
}

export function renderResponsesStreamError(req: GenerationRequest, status: number, message: string): string {
  const seq = (lastSequence.get(req) ?? 0) + 1;
  const code = status === 429 ? 'rate_limit_exceeded' : 'server_error';
  return sseFrame({ type: 'error', code, message, param: null, sequence_number: seq }, 'error');
}
