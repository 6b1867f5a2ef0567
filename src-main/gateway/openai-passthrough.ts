import type { CanonicalUsage } from '../economy/tokens-from-usage';
import type { SseFrame } from './sse-frames';

/**
 * Watches a same-protocol OpenAI relay without changing it: finds the usage, the first semantic
 * content and the terminal frame. (Cross-protocol traffic goes through src-main/protocols.)
 */
export interface PassthroughObserver {
  /** `forward: false` drops a frame the client did not ask for (our injected usage chunk). */
  observeFrame(frame: SseFrame): { forward: boolean; terminal: boolean; semantic: boolean };
  observeBody(body: unknown): { semantic: boolean };
  usage: CanonicalUsage | null;
  reasoningTokens: number;
  /** Visible output text, for a local estimate when the upstream reports no usage. */
  outputText: string;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const hasText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

/** Chat usage: `prompt_tokens` includes `cached_tokens` (PROTOCOLS.md §1.2). */
export function chatUsage(u: Json): { usage: CanonicalUsage; reasoning: number } {
  const pd = obj(u.prompt_tokens_details) ?? {};
  const cd = obj(u.completion_tokens_details) ?? {};
  return {
    usage: { inTotal: num(u.prompt_tokens), cacheRead: num(pd.cached_tokens), cacheWrite: num(pd.cache_write_tokens), outTotal: num(u.completion_tokens) },
    reasoning: num(cd.reasoning_tokens),
  };
}

/** Responses usage: `input_tokens` includes `cached_tokens` (PROTOCOLS.md §2.2). */
export function responsesUsage(u: Json): { usage: CanonicalUsage; reasoning: number } {
  const id = obj(u.input_tokens_details) ?? {};
  const od = obj(u.output_tokens_details) ?? {};
  return {
    usage: { inTotal: num(u.input_tokens), cacheRead: num(id.cached_tokens), cacheWrite: num(id.cache_write_tokens), outTotal: num(u.output_tokens) },
    reasoning: num(od.reasoning_tokens),
  };
}

function parse(data: string): Json | null {
  try {
    return obj(JSON.parse(data));
  } catch {
    return null;
  }
}

export class ChatPassthrough implements PassthroughObserver {
  usage: CanonicalUsage | null = null;
  reasoningTokens = 0;
  outputText = '';
  constructor(private readonly clientWantsUsage: boolean) {}

  observeFrame(frame: SseFrame) {
    if (frame.data === '[DONE]') return { forward: true, terminal: true, semantic: false };
    const chunk = parse(frame.data);
    if (!chunk) return { forward: true, terminal: false, semantic: false };
    const u = obj(chunk.usage);
    if (u) ({ usage: this.usage, reasoning: this.reasoningTokens } = chatUsage(u));
    const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
    let semantic = false;
    for (const c of choices) {
      const delta = obj(obj(c)?.delta);
      if (!delta) continue;
      if (hasText(delta.content)) {
        semantic = true;
        this.outputText += delta.content;
      } else if (typeof delta.content === 'string') this.outputText += delta.content;
      if (Array.isArray(delta.tool_calls) && delta.tool_calls.length > 0) semantic = true;
      if (hasText(delta.refusal)) semantic = true;
    }
    // The usage-only chunk we asked for on the client's behalf is not forwarded.
    const usageOnly = u !== null && choices.length === 0;
    return { forward: !(usageOnly && !this.clientWantsUsage), terminal: false, semantic };
  }

  observeBody(body: unknown) {
    const b = obj(body);
    const u = obj(b?.usage);
    if (u) ({ usage: this.usage, reasoning: this.reasoningTokens } = chatUsage(u));
    let semantic = false;
    for (const c of Array.isArray(b?.choices) ? b.choices : []) {
      const m = obj(obj(c)?.message);
      if (hasText(m?.content) || hasText(m?.refusal) || (Array.isArray(m?.tool_calls) && m.tool_calls.length > 0)) semantic = true;
      if (typeof m?.content === 'string') this.outputText += m.content;
    }
    return { semantic };
  }
}

const RESPONSES_TERMINAL = new Set(['response.completed', 'response.incomplete', 'response.failed']);

export class ResponsesPassthrough implements PassthroughObserver {
  usage: CanonicalUsage | null = null;
  reasoningTokens = 0;
  outputText = '';

  observeFrame(frame: SseFrame) {
    const ev = parse(frame.data);
    const type = (typeof ev?.type === 'string' ? ev.type : frame.event) ?? '';
    let semantic = false;
    if (type === 'response.output_text.delta' && typeof ev?.delta === 'string') {
      this.outputText += ev.delta;
      semantic = hasText(ev.delta);
    } else if (type === 'response.function_call_arguments.delta' || type === 'response.refusal.delta') {
      semantic = true;
    } else if (type === 'response.output_item.added' && obj(ev?.item)?.type === 'function_call') {
      semantic = true;
    }
    const terminal = RESPONSES_TERMINAL.has(type);
    if (terminal) {
      const u = obj(obj(ev?.response)?.usage);
      if (u) ({ usage: this.usage, reasoning: this.reasoningTokens } = responsesUsage(u));
    }
    return { forward: true, terminal, semantic };
  }

  observeBody(body: unknown) {
    const b = obj(body);
    const u = obj(b?.usage);
    if (u) ({ usage: this.usage, reasoning: this.reasoningTokens } = responsesUsage(u));
    let semantic = false;
    for (const item of Array.isArray(b?.output) ? b.output : []) {
      const it = obj(item);
      if (it?.type === 'function_call') semantic = true;
      if (it?.type === 'message') {
        for (const part of Array.isArray(it.content) ? it.content : []) {
          const p = obj(part);
          if (typeof p?.text === 'string') {
            this.outputText += p.text;
            if (hasText(p.text)) semantic = true;
          }
        }
      }
    }
    return { semantic };
  }
}
