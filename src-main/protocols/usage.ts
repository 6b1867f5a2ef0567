import { num, obj } from './json';

/**
 * Usage normalization, in one place (PROTOCOLS.md §5.6). The canonical record is inclusive:
 * `inTotal` counts every input token (cache reads and writes included) and `outTotal` counts
 * reasoning. Uncached input is `inTotal - cacheRead - cacheWrite`, so cached tokens are charged
 * once, at the cache rate (economy/tokens-from-usage.ts consumes this shape).
 */
export interface CanonicalUsage {
  inTotal: number;
  cacheRead: number;
  cacheWrite: number;
  outTotal: number;
  reasoning: number;
}

export const ZERO_USAGE: CanonicalUsage = { inTotal: 0, cacheRead: 0, cacheWrite: 0, outTotal: 0, reasoning: 0 };

const n = (v: unknown) => {
  const x = num(v);
  return x !== undefined && x > 0 ? Math.floor(x) : 0;
};

export function uncachedInput(u: CanonicalUsage): number {
  return Math.max(0, u.inTotal - u.cacheRead - u.cacheWrite);
}

// ---- reading: each protocol's usage record -> canonical ----

/** OpenAI Chat: prompt_tokens is inclusive of cached_tokens (and cache_write_tokens). */
export function fromChatUsage(v: unknown): CanonicalUsage | undefined {
  const u = obj(v);
  if (!u) return undefined;
  const p = obj(u.prompt_tokens_details);
  const c = obj(u.completion_tokens_details);
  return { inTotal: n(u.prompt_tokens), cacheRead: n(p?.cached_tokens), cacheWrite: n(p?.cache_write_tokens), outTotal: n(u.completion_tokens), reasoning: n(c?.reasoning_tokens) };
}

/** OpenAI Responses: input_tokens is inclusive of cached_tokens. */
export function fromResponsesUsage(v: unknown): CanonicalUsage | undefined {
  const u = obj(v);
  if (!u) return undefined;
  const i = obj(u.input_tokens_details);
  const o = obj(u.output_tokens_details);
  return { inTotal: n(u.input_tokens), cacheRead: n(i?.cached_tokens), cacheWrite: n(i?.cache_write_tokens), outTotal: n(u.output_tokens), reasoning: n(o?.reasoning_tokens) };
}

/** Anthropic: exclusive; input_tokens leaves out cache reads and cache writes. */
export function fromAnthropicUsage(v: unknown): CanonicalUsage | undefined {
  const u = obj(v);
  if (!u) return undefined;
  const read = n(u.cache_read_input_tokens);
  const write = n(u.cache_creation_input_tokens);
  const details = obj(u.output_tokens_details);
  return { inTotal: n(u.input_tokens) + read + write, cacheRead: read, cacheWrite: write, outTotal: n(u.output_tokens), reasoning: n(details?.thinking_tokens) };
}

/** Anthropic stream: message_delta usage is cumulative and may omit the input fields. */
export function mergeAnthropicUsage(start: unknown, delta: unknown): CanonicalUsage | undefined {
  const a = obj(start) ?? {};
  const b = obj(delta);
  if (!b) return fromAnthropicUsage(a);
  const merged: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) if (v !== null && v !== undefined) merged[k] = v;
  return fromAnthropicUsage(merged);
}

/** Gemini: promptTokenCount is inclusive; thinking is outside candidatesTokenCount. */
export function fromGeminiUsage(v: unknown): CanonicalUsage | undefined {
  const u = obj(v);
  if (!u) return undefined;
  const thoughts = n(u.thoughtsTokenCount);
  return {
    inTotal: n(u.promptTokenCount) + n(u.toolUsePromptTokenCount),
    cacheRead: n(u.cachedContentTokenCount),
    cacheWrite: 0,
    outTotal: n(u.candidatesTokenCount) + thoughts,
    reasoning: thoughts,
  };
}

// ---- writing: canonical -> each protocol's usage record ----

export function toChatUsage(u: CanonicalUsage) {
  return {
    prompt_tokens: u.inTotal,
    completion_tokens: u.outTotal,
    total_tokens: u.inTotal + u.outTotal,
    prompt_tokens_details: { cached_tokens: u.cacheRead, ...(u.cacheWrite ? { cache_write_tokens: u.cacheWrite } : {}) },
    completion_tokens_details: { reasoning_tokens: u.reasoning },
  };
}

export function toResponsesUsage(u: CanonicalUsage) {
  return {
    input_tokens: u.inTotal,
    input_tokens_details: { cached_tokens: u.cacheRead, ...(u.cacheWrite ? { cache_write_tokens: u.cacheWrite } : {}) },
    output_tokens: u.outTotal,
    output_tokens_details: { reasoning_tokens: u.reasoning },
    total_tokens: u.inTotal + u.outTotal,
  };
}

export function toAnthropicUsage(u: CanonicalUsage) {
  return {
    input_tokens: uncachedInput(u),
    cache_creation_input_tokens: u.cacheWrite,
    cache_read_input_tokens: u.cacheRead,
    output_tokens: u.outTotal,
  };
}

export function toGeminiUsage(u: CanonicalUsage) {
  return {
    promptTokenCount: u.inTotal,
    ...(u.cacheRead ? { cachedContentTokenCount: u.cacheRead } : {}),
    candidatesTokenCount: Math.max(0, u.outTotal - u.reasoning),
    ...(u.reasoning ? { thoughtsTokenCount: u.reasoning } : {}),
    totalTokenCount: u.inTotal + u.outTotal,
  };
}
