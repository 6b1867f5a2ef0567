import { describe, expect, it } from 'vitest';
import type { PriceRecord } from '../../../src-shared/api/ops/prices';
import { lookupPrice } from './price-lookup';

const row = (id: number, channel_id: number | null, model_pattern: string, input: number): PriceRecord => ({
  id,
  channel_id,
  model_pattern,
  input_price_per_1m: input,
  output_price_per_1m: input * 4,
  cache_price_per_1m: input / 10,
  cache_write_price_per_1m: null,
  preset: false,
  created_at: '',
  updated_at: '',
});

const fallback = { input: 1, output: 4, cache: 0.1 };

describe('lookupPrice', () => {
  const prices = [row(1, null, 'default', 2), row(2, null, 'gpt-5*', 1.25), row(3, 7, 'gpt-5*-codex*', 0.5), row(4, 7, 'default', 3)];

  it('prefers the channel pattern, then the channel default, then global rows', () => {
    expect(lookupPrice(prices, 7, 'gpt-5.1-codex-max', fallback)).toMatchObject({ tier: 'channel-model', priceId: 3, input: 0.5, output: 2 });
    expect(lookupPrice(prices, 7, 'gpt-5.1', fallback)).toMatchObject({ tier: 'channel-default', priceId: 4, input: 3 });
    expect(lookupPrice(prices, 8, 'gpt-5.1', fallback)).toMatchObject({ tier: 'global-model', priceId: 2, input: 1.25, cacheWrite: 1.25 });
    expect(lookupPrice(prices, null, 'claude-x', fallback)).toMatchObject({ tier: 'global-default', priceId: 1 });
  });

  it('falls back to the runtime rates and says why', () => {
    const answer = lookupPrice([], null, 'anything', fallback);
    expect(answer).toMatchObject({ tier: 'fallback', priceId: null, input: 1, output: 4, cache: 0.1, cacheWrite: 1 });
    expect(answer.why).toContain('fallback rates');
  });
});
