import { describe, expect, it } from 'vitest';
import { toMicro } from '../../src-shared/points';
import { fromAnthropicUsage, fromChatUsage, fromGeminiUsage, fromResponsesUsage } from '../protocols/usage';
import { computeSettlement } from './settlement-formula';
import { tokensFromUsage } from './tokens-from-usage';

/**
 * The same request — 1000 uncached input, 500 cache hits, 1000 output — as each protocol reports
 * it on the wire (PROTOCOLS.md §5.6: Chat, Responses and Gemini count cached tokens inside the
 * input; Anthropic leaves them out). Every reading must charge the 500 once, at the cache rate:
 * the hand-worked 0.0035 points.
 */
const wire = {
  'openai-chat': fromChatUsage({ prompt_tokens: 1500, completion_tokens: 1000, total_tokens: 2500, prompt_tokens_details: { cached_tokens: 500 } }),
  'openai-responses': fromResponsesUsage({ input_tokens: 1500, input_tokens_details: { cached_tokens: 500 }, output_tokens: 1000, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 2500 }),
  anthropic: fromAnthropicUsage({ input_tokens: 1000, cache_read_input_tokens: 500, cache_creation_input_tokens: 0, output_tokens: 1000 }),
  gemini: fromGeminiUsage({ promptTokenCount: 1500, cachedContentTokenCount: 500, candidatesTokenCount: 1000, totalTokenCount: 2500 }),
};

describe('cached tokens from each protocol are charged once', () => {
  it.each(Object.entries(wire))('%s', (_protocol, usage) => {
    const tokens = tokensFromUsage(usage!);
    expect(tokens).toEqual({ input: 1000, cached: 500, cacheWrite: 0, output: 1000 });
    const s = computeSettlement(
      tokens,
      { inputMicro: toMicro(5), outputMicro: toMicro(30), cacheMicro: toMicro(0.5), cacheWriteMicro: toMicro(5) },
      { surgeMultiplier: 0.5, fireSaleFactor: 0.2, providerShare: 0.7, roundDigits: 4 },
    );
    expect(s.costMicro).toBe(3500);
    expect(s.providerMicro).toBe(2500);
  });

  it('charges Anthropic cache writes once, at the write rate, and not as input too', () => {
    const usage = fromAnthropicUsage({ input_tokens: 100, cache_read_input_tokens: 0, cache_creation_input_tokens: 2000, output_tokens: 50 })!;
    const tokens = tokensFromUsage(usage);
    expect(tokens).toEqual({ input: 100, cached: 0, cacheWrite: 2000, output: 50 });
    const s = computeSettlement(tokens, { inputMicro: toMicro(3), outputMicro: toMicro(15), cacheMicro: toMicro(0.3), cacheWriteMicro: toMicro(3.75) }, { surgeMultiplier: 1, fireSaleFactor: null, providerShare: 0.7, roundDigits: 6 });
    expect(s.costMicro).toBe(100 * 3 + 2000 * 3.75 + 50 * 15); // 8550 micro = 0.00855 points
  });
});
