import { filterEligible, type EligibilityQuery, type Rejection, type RoutableChannel } from './eligibility';
import { fireSaleActive } from './fire-sale';
import { pickWeighted, type RandomSource } from './weighted-pick';

export interface SelectionOptions {
  /** Channel an affinity binding points at, if any. */
  boundChannelId: number | null;
  /** Route-weight multiplier for a channel whose fire sale is in force (same pool, more pull). */
  fireSaleWeightFactor: number;
  random: RandomSource;
}

export type Selection =
  | { ok: true; channel: RoutableChannel; pinned: boolean; fireSale: boolean; candidates: number }
  | { ok: false; rejected: Map<number, Rejection> };

export function effectiveWeight(ch: RoutableChannel, now: number, fireSaleWeightFactor: number): number {
  const inSale = fireSaleActive(ch.fireSale, ch.windows[0], now);
  return inSale ? ch.weight * fireSaleWeightFactor : ch.weight;
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
  const weighted = eligible.map((ch) => ({ item: ch, weight: effectiveWeight(ch, q.now, opts.fireSaleWeightFactor) }));
  const channel = pickWeighted(weighted, opts.random)!;
  return { ok: true, channel, pinned: false, fireSale: fireSale(channel), candidates: eligible.length };
}
