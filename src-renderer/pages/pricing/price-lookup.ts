import type { PriceRecord } from '../../../src-shared/api/ops/prices';
import { toMicro } from '../../../src-shared/points';
// The server's own resolver (pure TS, no Node APIs): the console explains prices with the same code
// that settles them, so the answer shown here cannot drift from what the ledger will charge.
import { resolvePrice, type PriceTier } from '../../../src-main/economy/price-resolution';

export interface LookupAnswer {
  tier: PriceTier;
  priceId: number | null;
  source: string;
  input: number;
  output: number;
  cache: number;
  cacheWrite: number;
  why: string;
}

export interface FallbackPrices {
  input: number;
  output: number;
  cache: number;
}

const TIER_WORDS: Record<PriceTier, string> = {
  'channel-model': 'a price set on this channel for a pattern matching the model',
  'channel-default': "this channel's default price (no pattern on the channel matches the model)",
  'global-model': 'a global price for a pattern matching the model (the channel has no price of its own for it)',
  'global-default': 'the global default price (no pattern matches the model)',
  fallback: 'the runtime fallback rates from Settings (no price row applies)',
};

export function lookupPrice(prices: readonly PriceRecord[], channelId: number | null, model: string, fallback: FallbackPrices): LookupAnswer {
  const rows = prices.map((p) => ({
    id: p.id,
    channelId: p.channel_id,
    modelPattern: p.model_pattern,
    inputMicro: toMicro(p.input_price_per_1m),
    outputMicro: toMicro(p.output_price_per_1m),
    cacheMicro: toMicro(p.cache_price_per_1m),
    cacheWriteMicro: p.cache_write_price_per_1m === null ? null : toMicro(p.cache_write_price_per_1m),
  }));
  const r = resolvePrice(rows, channelId, model, {
    inputMicro: toMicro(fallback.input),
    outputMicro: toMicro(fallback.output),
    cacheMicro: toMicro(fallback.cache),
  });
  const points = (micro: number) => micro / 1_000_000;
  return {
    tier: r.tier,
    priceId: r.priceId,
    source: r.source,
    input: points(r.tariff.inputMicro),
    output: points(r.tariff.outputMicro),
    cache: points(r.tariff.cacheMicro),
    cacheWrite: points(r.tariff.cacheWriteMicro),
    why: `Priced by ${TIER_WORDS[r.tier]}. Order: channel pattern, channel default, global pattern, global default, fallback; among matching patterns the most specific wins (exact name, then the longest glob, then regular expressions).`,
  };
}
