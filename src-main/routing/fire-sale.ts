import type { FireSale } from '../../src-shared/api/ops/channels';
import { periodAt, type WindowSpec } from './quota-window';

const DAY_MS = 86_400_000;

/** The primary window as routing sees it: schedule, limit and what the current period has used. */
export interface PrimaryWindowState {
  spec: WindowSpec;
  limitMicro: number;
  /** Settled plus reserved usage inside the current period. */
  usedMicro: number;
}

/**
 * A fire sale is in force in the last `days_before` days of the primary window's period while
 * at least `remaining_pct` of that window is still unused: leftover capacity about to expire.
 * Without a primary window there is no reset to sell ahead of, so no sale.
 */
export function fireSaleActive(sale: FireSale | null, primary: PrimaryWindowState | undefined, now: number): boolean {
  if (!sale || !primary || primary.limitMicro <= 0) return false;
  const { end } = periodAt(primary.spec, now);
  if (now < end - sale.days_before * DAY_MS) return false;
  const remainingPct = ((primary.limitMicro - primary.usedMicro) / primary.limitMicro) * 100;
  return remainingPct >= sale.remaining_pct;
}
