import { compilePattern, isLiteralPattern } from '../../src-shared/model-pattern';
import type { Tariff } from './settlement-formula';

/** The `model_pattern` that makes a price row the default of its scope (channel or global). */
export const DEFAULT_PATTERN = 'default';

/** A price row as the resolver needs it (micro-points per 1M tokens). */
export interface PriceRow {
  id: number;
  channelId: number | null;
  modelPattern: string;
  inputMicro: number;
  outputMicro: number;
  cacheMicro: number;
  /** Null: cache writes cost the input rate. */
  cacheWriteMicro: number | null;
}

export type PriceTier = 'channel-model' | 'channel-default' | 'global-model' | 'global-default' | 'fallback';

export interface ResolvedPrice {
  tariff: Tariff;
  tier: PriceTier;
  priceId: number | null;
  /** Short human text for the ledger, e.g. `channel 3 "claude-sonnet-4*"` or `fallback`. */
  source: string;
}

/** The runtime fallback rates (settings `fallback_*_price_per_1m`), in micro-points per 1M. */
export interface FallbackRates {
  inputMicro: number;
  outputMicro: number;
  cacheMicro: number;
}

/**
 * Resolution order (MISSION.md "Pricing and settlement"): channel model pattern, channel
 * `default`, global model pattern, global `default`, runtime fallback.
 * Several patterns of one scope may match; the most specific wins (see `specificity`).
 */
export function resolvePrice(
  rows: readonly PriceRow[],
  channelId: number | null,
  model: string,
  fallback: FallbackRates,
): ResolvedPrice {
  const channelRows = channelId === null ? [] : rows.filter((r) => r.channelId === channelId);
  const globalRows = rows.filter((r) => r.channelId === null);

  const channelModel = mostSpecificMatch(channelRows, model);
  if (channelModel) return resolved(channelModel, 'channel-model');
  const channelDefault = defaultRow(channelRows);
  if (channelDefault) return resolved(channelDefault, 'channel-default');
  const globalModel = mostSpecificMatch(globalRows, model);
  if (globalModel) return resolved(globalModel, 'global-model');
  const globalDefault = defaultRow(globalRows);
  if (globalDefault) return resolved(globalDefault, 'global-default');
  return {
    tariff: { ...fallback, cacheWriteMicro: fallback.inputMicro },
    tier: 'fallback',
    priceId: null,
    source: 'fallback',
  };
}

function resolved(row: PriceRow, tier: PriceTier): ResolvedPrice {
  const scope = row.channelId === null ? 'global' : `channel ${row.channelId}`;
  return {
    tariff: {
      inputMicro: row.inputMicro,
      outputMicro: row.outputMicro,
      cacheMicro: row.cacheMicro,
      cacheWriteMicro: row.cacheWriteMicro ?? row.inputMicro,
    },
    tier,
    priceId: row.id,
    source: `${scope} "${row.modelPattern}"`,
  };
}

function defaultRow(rows: readonly PriceRow[]): PriceRow | undefined {
  let best: PriceRow | undefined;
  for (const r of rows) if (r.modelPattern === DEFAULT_PATTERN && (!best || r.id < best.id)) best = r;
  return best;
}

function mostSpecificMatch(rows: readonly PriceRow[], model: string): PriceRow | undefined {
  let best: PriceRow | undefined;
  let bestRank = -1;
  for (const r of rows) {
    if (r.modelPattern === DEFAULT_PATTERN) continue;
    let matches: boolean;
    try {
      matches = compilePattern(r.modelPattern)(model);
    } catch {
      continue; // a pattern that no longer compiles never matches (it was validated on write)
    }
    if (!matches) continue;
    const rank = specificity(r.modelPattern);
    if (rank > bestRank || (rank === bestRank && best && r.id < best.id)) {
      best = r;
      bestRank = rank;
    }
  }
  return best;
}

/**
 * Exact names beat globs, globs beat regular expressions; among globs the one with more
 * literal characters is more specific (`gpt-5*-codex*` beats `gpt-5*`). Ties: lowest id.
 * Regexes cannot be ordered by meaning, so they rank equal and fall back to id order.
 */
export function specificity(pattern: string): number {
  const p = pattern.trim();
  if (isLiteralPattern(p)) return 1_000_000;
  if (/^\/.+\/[imsu]*$/.test(p)) return 0;
  return 1 + p.replace(/\*/g, '').length;
}
