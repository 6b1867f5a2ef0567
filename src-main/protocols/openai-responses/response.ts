import type { RenderOptions } from '../adapter';
import type { IRFinishReason, IRResponse } from '../ir';
import { newId, textOf } from '../ir-utils';
import { arr, obj, str, type JsonObject } from '../json';
import type { ToolNameMap } from '../tool-names';
import { fromResponsesUsage, toResponsesUsage, type CanonicalUsage } from '../usage';

/** OpenAI Responses `Response` object <-> IR (PROTOCOLS.md §2.2, §5.4). */

/** No field says "tool call": status completed + function_call items does (§2.2). */
export function responsesFinishToIR(status: unknown, incompleteReason: unknown, hasCalls: boolean): IRFinishReason {
  if (status === 'incomplete') return incompleteReason === 'content_filter' ? 'content_filter' : 'length';
  if (status === 'failed' || status === 'cancelled') return 'other';
  return hasCalls ? 'tool_calls' : 'stop';
}

export function parseResponsesResponse(body: unknown, names: ToolNameMap): IRResponse {
  const b = obj(body) ?? {};
  const parts: IRResponse['parts'] = [];
  for (const it of arr(b.output)) {
    const item = obj(it);
    if (item?.type === 'message') {
      for (const c of arr(item.content)) {
        const p = obj(c);
        const text = p?.type === 'output_text' ? str(p.text) : p?.type === 'refusal' ? str(p.refusal) : undefined;
        if (text) parts.push({ type: 'text', text });
      }
    } else if (item?.type === 'function_call') {
      parts.push({ type: 'tool_call', id: str(item.call_id) ?? newId('call_'), name: names.toClient(str(item.name) ?? ''), arguments: str(item.arguments) ?? '{}' });
    } else if (item?.type === 'reasoning') {
      const summary = arr(item.summary).map((s) => str(obj(s)?.text) ?? '').join('');
      if (summary) parts.push({ type: 'reasoning', text: summary });
    }
  }
  const usage = fromResponsesUsage(b.usage);
  const finish = responsesFinishToIR(b.status, obj(b.incomplete_details)?.reason, parts.some((p) => p.type === 'tool_call'));
  return { id: str(b.id) ?? newId('resp_'), model: str(b.model) ?? '', parts, finish, ...(usage ? { usage } : {}) };
}

export interface ResponsesMessageOut {
  kind: 'message';
  id: string;
  text: string;
}
export interface ResponsesCallOut {
  kind: 'call';
  itemId: string;
  callId: string;
  name: string;
  arguments: string;
}

/** The output items of a response, in output_index order. */
export interface ResponsesOutputState {
  id: string;
  items: (ResponsesMessageOut | ResponsesCallOut)[];
}

export function responsesOutputItems(s: ResponsesOutputState): JsonObject[] {
  return s.items.map((it) => (it.kind === 'message' ? messageItem(it.id, it.text, 'completed') : functionCallItem(it, 'completed')));
}

export function messageItem(id: string, text: string, status: string): JsonObject {
  return { type: 'message', id, status, role: 'assistant', content: [{ type: 'output_text', text, annotations: [], logprobs: [] }] };
}

export function functionCallItem(c: ResponsesCallOut, status: string): JsonObject {
  return { type: 'function_call', id: c.itemId, call_id: c.callId, name: c.name, arguments: c.arguments, status };
}

/** The `Response` snapshot; `usage` null while in progress. */
export function responseObject(
  s: ResponsesOutputState,
  model: string,
  state: { status: string; finish?: IRFinishReason; usage?: CanonicalUsage; error?: { code: string; message: string } },
): JsonObject {
  const incomplete = state.finish === 'length' ? 'max_output_tokens' : state.finish === 'content_filter' ? 'content_filter' : undefined;
  const status = state.status === 'completed' && incomplete ? 'incomplete' : state.status;
  return {
    id: s.id,
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    status,
    error: state.error ?? null,
    incomplete_details: status === 'incomplete' && incomplete ? { reason: incomplete } : null,
    instructions: null,
    model,
    output: state.status === 'in_progress' ? [] : responsesOutputItems(s),
    parallel_tool_calls: true,
    tool_choice: 'auto',
    tools: [],
    usage: state.usage ? toResponsesUsage(state.usage) : null,
    metadata: {},
  };
}

export function renderResponsesResponse(r: IRResponse, opts: RenderOptions): JsonObject {
  const text = textOf(r.parts);
  const state: ResponsesOutputState = {
    id: r.id.startsWith('resp_') ? r.id : `resp_${r.id}`,
    items: [
      ...(text !== '' ? [{ kind: 'message' as const, id: newId('msg_'), text }] : []),
      ...r.parts.flatMap((p) => (p.type === 'tool_call' ? [{ kind: 'call' as const, itemId: newId('fc_'), callId: p.id, name: p.name, arguments: p.arguments }] : [])),
    ],
  };
  return responseObject(state, opts.model, { status: 'completed', finish: r.finish, ...(r.usage ? { usage: r.usage } : {}) });
}
