import type { RenderOptions } from '../adapter';
import type { IRFinishReason, IRResponse } from '../ir';
import { newId, textOf } from '../ir-utils';
import { arr, obj, str, type JsonObject } from '../json';
import type { ToolNameMap } from '../tool-names';
import { fromChatUsage, toChatUsage } from '../usage';

/** OpenAI Chat Completions response <-> IR (PROTOCOLS.md §1.2, §5.4). */

export function chatFinishToIR(v: unknown): IRFinishReason {
  switch (v) {
    case 'stop':
      return 'stop';
    case 'length':
      return 'length';
    case 'tool_calls':
    case 'function_call':
      return 'tool_calls';
    case 'content_filter':
      return 'content_filter';
    default:
      return 'other';
  }
}

export function irFinishToChat(r: IRFinishReason): string {
  switch (r) {
    case 'stop':
    case 'other':
      return 'stop';
    case 'length':
      return 'length';
    case 'tool_calls':
      return 'tool_calls';
    case 'content_filter':
      return 'content_filter';
    default: {
      const never: never = r;
      return never;
    }
  }
}

export function parseChatResponse(body: unknown, names: ToolNameMap): IRResponse {
  const b = obj(body) ?? {};
  const choice = obj(arr(b.choices)[0]);
  const msg = obj(choice?.message);
  const parts: IRResponse['parts'] = [];
  const reasoning = str(msg?.reasoning_content);
  if (reasoning) parts.push({ type: 'reasoning', text: reasoning });
  const content = str(msg?.content) ?? str(msg?.refusal);
  if (content) parts.push({ type: 'text', text: content });
  for (const tc of arr(msg?.tool_calls)) {
    const c = obj(tc);
    const fn = obj(c?.function);
    const name = str(fn?.name);
    if (!c || !name) continue;
    parts.push({ type: 'tool_call', id: str(c.id) ?? newId('call_'), name: names.toClient(name), arguments: str(fn?.arguments) ?? '{}' });
  }
  const hasCalls = parts.some((p) => p.type === 'tool_call');
  // Some compatible servers say "stop" while returning calls: the content decides (§5.4).
  const finish = hasCalls ? 'tool_calls' : chatFinishToIR(choice?.finish_reason);
  const usage = fromChatUsage(b.usage);
  return { id: str(b.id) ?? newId('chatcmpl-'), model: str(b.model) ?? '', parts, finish, ...(usage ? { usage } : {}) };
}

export function renderChatResponse(r: IRResponse, opts: RenderOptions): JsonObject {
  const calls = r.parts.flatMap((p) =>
    p.type === 'tool_call' ? [{ id: p.id, type: 'function', function: { name: p.name, arguments: p.arguments } }] : [],
  );
  const text = textOf(r.parts);
  return {
    id: r.id.startsWith('chatcmpl') ? r.id : `chatcmpl-${r.id}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: opts.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: text === '' && calls.length ? null : text, refusal: null, ...(calls.length ? { tool_calls: calls } : {}) },
        logprobs: null,
        finish_reason: irFinishToChat(r.finish),
      },
    ],
    ...(r.usage ? { usage: toChatUsage(r.usage) } : {}),
  };
}
