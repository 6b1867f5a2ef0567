import { describe, expect, it } from 'vitest';
import { fromAnthropicUsage, fromChatUsage, fromGeminiUsage, fromResponsesUsage, mergeAnthropicUsage, toAnthropicUsage, toChatUsage, toGeminiUsage, uncachedInput } from './usage';

/** PROTOCOLS.md §5.6: one canonical record, inclusive input; cache counted once (§8.11). */
describe('usage normalization', () => {
  it('reads inclusive protocols as they are and Anthropic by adding the cache fields back', () => {
    const chat = fromChatUsage({ prompt_tokens: 82, completion_tokens: 17, prompt_tokens_details: { cached_tokens: 64 }, completion_tokens_details: { reasoning_tokens: 5 } });
    expect(chat).toEqual({ inTotal: 82, cacheRead: 64, cacheWrite: 0, outTotal: 17, reasoning: 5 });
    expect(fromResponsesUsage({ input_tokens: 82, input_tokens_details: { cached_tokens: 64 }, output_tokens: 17, output_tokens_details: { reasoning_tokens: 5 } })).toEqual(chat);
    expect(fromAnthropicUsage({ input_tokens: 12, cache_read_input_tokens: 2048, cache_creation_input_tokens: 100, output_tokens: 85 })).toEqual({ inTotal: 2160, cacheRead: 2048, cacheWrite: 100, outTotal: 85, reasoning: 0 });
    // Gemini: thinking is outside candidatesTokenCount, tool-use prompt tokens are input.
    expect(fromGeminiUsage({ promptTokenCount: 2100, cachedContentTokenCount: 2048, candidatesTokenCount: 40, thoughtsTokenCount: 120, toolUsePromptTokenCount: 7 })).toEqual({ inTotal: 2107, cacheRead: 2048, cacheWrite: 0, outTotal: 160, reasoning: 120 });
  });

  it('never counts cached tokens twice when writing Anthropic usage, nor drops them for OpenAI', () => {
    const u = { inTotal: 100, cacheRead: 60, cacheWrite: 10, outTotal: 5, reasoning: 0 };
    expect(toAnthropicUsage(u)).toEqual({ input_tokens: 30, cache_read_input_tokens: 60, cache_creation_input_tokens: 10, output_tokens: 5 });
    expect(fromAnthropicUsage(toAnthropicUsage(u))).toEqual(u);
    expect(toChatUsage(u).prompt_tokens).toBe(100);
    expect(fromChatUsage(toChatUsage(u))).toEqual(u);
    expect(toGeminiUsage({ ...u, reasoning: 2 })).toMatchObject({ promptTokenCount: 100, cachedContentTokenCount: 60, candidatesTokenCount: 3, thoughtsTokenCount: 2 });
    expect(uncachedInput(u)).toBe(30);
    // A nonsensical report (more cached than total) never yields negative input.
    expect(uncachedInput({ ...u, inTotal: 20 })).toBe(0);
  });

  it('merges cumulative Anthropic message_delta usage over message_start without adding', () => {
    const start = { input_tokens: 12, cache_read_input_tokens: 2048, output_tokens: 1 };
    expect(mergeAnthropicUsage(start, { output_tokens: 85 })).toEqual({ inTotal: 2060, cacheRead: 2048, cacheWrite: 0, outTotal: 85, reasoning: 0 });
    expect(mergeAnthropicUsage(start, { output_tokens: 85, input_tokens: 15, cache_read_input_tokens: null })).toMatchObject({ inTotal: 2063, outTotal: 85 });
  });
});
