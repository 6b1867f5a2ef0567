import { filterEligible, type EligibilityQuery, type Rejection, type RoutableChannel } from './eligibility';
import { fireSaleActive } from './fire-sale';
import { pickWeighted, type RandomSource } from './weighted-pick';

export interface SelectionOptions {
  /** Channel an affinity binding points at, if any. */
  boundChannelId: number | null;
  /** Route-weight multiplier for a channel whose fire sale is in force (same pool, more pull). */
  fireSaleWeightFactor: number;
  /** `weight_x_remaining` also scales by the unused share of the primary window. */
  weightMode?: RouteWeightMode;
  random: RandomSource;
}

export type Selection =
  | { ok: true; channel: RoutableChannel; pinned: boolean; fireSale: boolean; candidates: number }
  | { ok: false; rejected: Map<number, Rejection> };

export type RouteWeightMode = 'weight' | 'weight_x_remaining';

/** Unused share of the primary window in [0, 1]; 1 without windows (nothing to run out of). */
export function remainingShare(ch: RoutableChannel): number {
  const primary = ch.windows[0];
  if (!primary || primary.limitMicro <= 0) return primary ? 0 : 1;
  return Math.min(1, Math.max(0, (primary.limitMicro - primary.usedMicro) / primary.limitMicro));
}

export function effectiveWeight(ch: RoutableChannel, now: number, fireSaleWeightFactor: number, mode: RouteWeightMode = 'weight'): number {
  const base = mode === 'weight_x_remaining' ? ch.weight * remainingShare(ch) : ch.weight;
  return fireSaleActive(ch.fireSale, ch.windows[0], now) ? base * fireSaleWeightFactor : base;
}

/**
 * Chooses one channel: filter to eligible ones, keep the affinity-bound channel when it is
 * eligible (pinned), otherwise pick by effective weight among all eligible channels.
 */
export function selectChannel(channels: readonly RoutableChannel[], q: EligibilityQuery, opts: SelectionOptions): Selection {
  const { eligible, rejected } = filterEligible(channels, q);
  if (eligible.length === 0) return { ok: false, rejected };
  const bound = opts.boundChannelId === null ? undefined : eligible.find((c) => c.id === opts.boundChannelId);
  const fireSale = (ch: RoutableChannel) => fireSaleActive(ch.fireSale, ch.windows[0], q.now);
  if (bound) return { ok: true, channel: bound, pinned: true, fireSale: fireSale(bound), candidates: eligible.length };
  const weighted = eligible.map((ch) => ({ item: ch, weight: effectiveWeight(ch, q.now, opts.fireSaleWeightFactor, opts.weightMode) }));
  const channel = pickWeighted(weighted, opts.random)!;
  return { ok: true, channel, pinned: false, fireSale: fireSale(channel), candidates: eligible.length };
}
