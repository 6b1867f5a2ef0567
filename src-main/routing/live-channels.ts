import type { QuotaWindowRow } from '../store/channels-store';
import type { Cooldowns } from './cooldowns';
import type { RoutableChannel, RoutableWindow } from './eligibility';
import { currentPeriod } from './period-cache';
import { usedInPeriod, type WindowSpec } from './quota-window';

export function specOf(w: QuotaWindowRow): WindowSpec {
  return { periodUnit: w.period_unit, periodCount: w.period_count, anchorAt: w.anchor_at, timezone: w.timezone };
}

/** A stored window as routing sees it now: usage from an earlier period counts as zero. */
export function liveWindow(w: QuotaWindowRow, now: number): RoutableWindow {
  const spec = specOf(w);
  return { spec, limitMicro: w.limit_micro, usedMicro: usedInPeriod({ usedMicro: w.used_micro, periodStart: w.period_start }, currentPeriod(spec, now)) };
}

/**
 * Overlays the fast-changing state (window usage incl. in-flight holds, cooldowns) on the
 * channel snapshot, so selection sees what the reservations just did.
 */
export function withLiveState<T extends RoutableChannel>(channels: readonly T[], windows: readonly QuotaWindowRow[], cooldowns: Cooldowns, now: number): T[] {
  const byChannel = new Map<number, RoutableWindow[]>();
  for (const w of windows) {
    const list = byChannel.get(w.channel_id) ?? [];
    list.push(liveWindow(w, now));
    byChannel.set(w.channel_id, list);
  }
  return channels.map((c) => ({ ...c, windows: byChannel.get(c.id) ?? [], cooldownUntil: cooldowns.activeUntil(c.id, now) }));
}
