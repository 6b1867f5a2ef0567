import type { RoutableChannel } from './eligibility';
import { currentPeriod } from './period-cache';

export type SurgeLevel = 'idle' | 'normal' | 'peak';

export interface SurgeSettings {
  surge_enabled: boolean;
  surge_idle_below: number;
  surge_peak_above: number;
  surge_idle_multiplier: number;
  surge_normal_multiplier: number;
  surge_peak_multiplier: number;
}

export interface SurgeState {
  level: SurgeLevel;
  multiplier: number;
  /** Points settled in the rolling last hour. */
  demandMicroPerHour: number;
  /** Sum over routable channels of primary-window remaining ÷ hours left in its period. */
  supplyMicroPerHour: number;
  /** demand / supply; null when no routable channel has a primary window to measure. */
  ratio: number | null;
}

const HOUR_MS = 3_600_000;

/**
 * Remaining primary-window capacity as a rate: what the channel can still sell per hour if
 * spread evenly until its reset. The last hour of a period counts as a full hour so the rate
 * does not explode just before a reset.
 */
export function supplyRate(channels: readonly RoutableChannel[], now: number): { microPerHour: number; measured: number } {
  let microPerHour = 0;
  let measured = 0;
  for (const c of channels) {
    const primary = c.windows[0];
    if (!c.enabled || !primary || (c.cooldownUntil !== null && c.cooldownUntil > now)) continue;
    const hoursLeft = Math.max(1, (currentPeriod(primary.spec, now).end - now) / HOUR_MS);
    microPerHour += Math.max(0, primary.limitMicro - primary.usedMicro) / hoursLeft;
    measured += 1;
  }
  return { microPerHour, measured };
}

/**
 * Surge level from demand against supply. Demand comes from the ledger (settled points), not
 * from memory, so the level is the same after a restart.
 */
export function surgeState(demandMicroPerHour: number, channels: readonly RoutableChannel[], now: number, s: SurgeSettings): SurgeState {
  const { microPerHour, measured } = supplyRate(channels, now);
  const ratio = measured === 0 ? null : microPerHour > 0 ? demandMicroPerHour / microPerHour : Number.POSITIVE_INFINITY;
  let level: SurgeLevel = 'normal';
  if (ratio !== null && ratio < s.surge_idle_below) level = 'idle';
  else if (ratio !== null && ratio > s.surge_peak_above) level = 'peak';
  const multiplier = !s.surge_enabled ? 1 : level === 'idle' ? s.surge_idle_multiplier : level === 'peak' ? s.surge_peak_multiplier : s.surge_normal_multiplier;
  return { level, multiplier, demandMicroPerHour, supplyMicroPerHour: Math.round(microPerHour), ratio };
}
