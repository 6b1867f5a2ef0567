import type { RenderOptions } from '../adapter';
import type { IRFinishReason, IRResponse } from '../ir';
import { newId } from '../ir-utils';
import { arr, obj, parseJsonObject, str, type JsonObject } from '../json';
import { sanitizeAnthropicToolId, type ToolNameMap } from '../tool-names';
import { fromAnthropicUsage, toAnthropicUsage, ZERO_USAGE } from '../usage';

/** Anthropic Messages response <-> IR (PROTOCOLS.md §3.2, §5.4). */

export function anthropicStopToIR(v: unknown): IRFinishReason {
  switch (v) {
    case 'end_turn':
    case 'stop_sequence':
    case 'pause_turn':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      return 'other';
  }
}

export function irFinishToAnthropic(r: IRFinishReason, stopSequence?: string): string {
  switch (r) {
    case 'stop':
    case 'other':
      return stopSequence ? 'stop_sequence' : 'end_turn';
    case 'length':
      return 'max_tokens';
    case 'tool_calls':
      return 'tool_use';
    case 'content_filter':
      return 'refusal';
    default: {
      const never: never = r;
      return never;
    }
  }
}

export function parseAnthropicResponse(body: unknown, names: ToolNameMap): IRResponse {
  const b = obj(body) ?? {};
  const parts: IRResponse['parts'] = [];
  for (const c of arr(b.content)) {
    const block = obj(c);
    if (block?.type === 'text' && typeof block.text === 'string' && block.text) parts.push({ type: 'text', text: block.text });
    else if (block?.type === 'thinking' && typeof block.thinking === 'string') parts.push({ type: 'reasoning', text: block.thinking });
    else if (block?.type === 'tool_use' && typeof block.name === 'string') {
      parts.push({ type: 'tool_call', id: str(block.id) ?? newId('toolu_'), name: names.toClient(block.name), arguments: JSON.stringify(block.input ?? {}) });
    }
  }
  const usage = fromAnthropicUsage(b.usage);
  const stopSequence = str(b.stop_sequence);
  return {
    id: str(b.id) ?? newId('msg_'),
    model: str(b.model) ?? '',
    parts,
    finish: anthropicStopToIR(b.stop_reason),
    ...(stopSequence ? { stopSequence } : {}),
    ...(usage ? { usage } : {}),
  };
}

export function renderAnthropicResponse(r: IRResponse, opts: RenderOptions): JsonObject {
  const content: JsonObject[] = [];
  for (const p of r.parts) {
    if (p.type === 'text' && p.text !== '') content.push({ type: 'text', text: p.text, citations: null });
    else if (p.type === 'tool_call') content.push({ type: 'tool_use', id: sanitizeAnthropicToolId(p.id), name: p.name, input: parseJsonObject(p.arguments) });
  }
  return {
    id: r.id.startsWith('msg_') ? r.id : `msg_${r.id}`,
    type: 'message',
    role: 'assistant',
    model: opts.model,
    content,
    stop_reason: irFinishToAnthropic(r.finish, r.stopSequence),
    stop_sequence: r.stopSequence ?? null,
    usage: toAnthropicUsage(r.usage ?? ZERO_USAGE),
  };
}
