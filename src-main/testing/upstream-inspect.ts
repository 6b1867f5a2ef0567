import type { RecordedRequest } from './fake-upstreams';

/**
 * Reads what a fake upstream received, in its own protocol, so the matrix can check that a
 * conversion carried the system prompt and linked tool results to their calls.
 */
export interface UpstreamView {
  endpoint: 'chat' | 'responses' | 'anthropic' | 'gemini';
  system: string;
  callIds: string[];
  callNames: string[];
  /** Each tool result: the id (or name, for Gemini without ids) it answers, and its text. */
  results: { ref: string; name?: string; text: string }[];
  stream: boolean;
}

type O = Record<string, unknown>;
const o = (v: unknown): O => (v && typeof v === 'object' && !Array.isArray(v) ? (v as O) : {});
const a = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const s = (v: unknown): string => (typeof v === 'string' ? v : '');
const textOf = (v: unknown): string => (typeof v === 'string' ? v : a(v).map((p) => s(o(p).text)).join(''));

export function viewUpstreamRequest(r: RecordedRequest): UpstreamView {
  const body = o(r.json);
  const path = new URL(r.url, 'http://x').pathname;
  const view: UpstreamView = { endpoint: 'chat', system: '', callIds: [], callNames: [], results: [], stream: body.stream === true };
  if (path.endsWith('/chat/completions')) {
    for (const m of a(body.messages).map(o)) {
      if (m.role === 'system' || m.role === 'developer') view.system += textOf(m.content);
      for (const tc of a(m.tool_calls).map(o)) {
        view.callIds.push(s(tc.id));
        view.callNames.push(s(o(tc.function).name));
      }
      if (m.role === 'tool') view.results.push({ ref: s(m.tool_call_id), text: textOf(m.content) });
    }
  } else if (path.endsWith('/responses')) {
    view.endpoint = 'responses';
    view.system = s(body.instructions);
    for (const it of a(body.input).map(o)) {
      if (it.role === 'system' || it.role === 'developer') view.system += textOf(it.content);
      if (it.type === 'function_call') {
        view.callIds.push(s(it.call_id));
        view.callNames.push(s(it.name));
      }
      if (it.type === 'function_call_output') view.results.push({ ref: s(it.call_id), text: s(it.output) });
    }
  } else if (path.endsWith('/messages')) {
    view.endpoint = 'anthropic';
    view.system = textOf(body.system);
    for (const m of a(body.messages).map(o)) {
      for (const b of a(m.content).map(o)) {
        if (b.type === 'tool_use') {
          view.callIds.push(s(b.id));
          view.callNames.push(s(b.name));
        }
        if (b.type === 'tool_result') view.results.push({ ref: s(b.tool_use_id), text: textOf(b.content) });
      }
    }
  } else {
    view.endpoint = 'gemini';
    view.stream = path.includes(':streamGenerateContent');
    view.system = textOf(o(body.systemInstruction ?? body.system_instruction).parts);
    for (const c of a(body.contents).map(o)) {
      for (const p of a(c.parts).map(o)) {
        const call = o(p.functionCall);
        if (p.functionCall) {
          view.callIds.push(s(call.id) || s(call.name));
          view.callNames.push(s(call.name));
        }
        const res = o(p.functionResponse);
        if (p.functionResponse) view.results.push({ ref: s(res.id) || s(res.name), name: s(res.name), text: s(o(res.response).output) });
      }
    }
  }
  return view;
}
