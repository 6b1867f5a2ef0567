import { DateTime, IANAZone } from 'luxon';

export type LeaderboardPeriod = 'day' | 'month';

export interface PeriodWindow {
  /** Inclusive start, ms since epoch (UTC). */
  startMs: number;
  /** Exclusive end, ms since epoch (UTC). */
  endMs: number;
  /** The period as people in the zone name it: `2026-11-26` or `2026-11`. */
  label: string;
  zone: string;
}

export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/**
 * The day or month that contains `nowMs`, bounded by midnights in `zone` (MISSION.md
 * "Keys, users, economy": leaderboard time zone configurable). A DST day is 23 or 25 hours.
 */
export function leaderboardWindow(period: LeaderboardPeriod, nowMs: number, zone: string): PeriodWindow {
  if (!isValidZone(zone)) throw new RangeError(`unknown time zone: ${zone}`);
  const now = DateTime.fromMillis(nowMs, { zone });
  const start = now.startOf(period);
  const end = start.plus(period === 'day' ? { days: 1 } : { months: 1 });
  return {
    startMs: start.toMillis(),
    endMs: end.toMillis(),
    label: period === 'day' ? start.toFormat('yyyy-MM-dd') : start.toFormat('yyyy-MM'),
    zone,
  };
}
