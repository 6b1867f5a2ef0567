import { DateTime, type DurationLikeObject } from 'luxon';
import type { PeriodUnit } from '../../src-shared/api/ops/channels';

/**
 * Period arithmetic for a channel's quota windows. A window repeats every `periodCount` units
 * from its anchor, on the calendar of its IANA zone: a "day" is a local day (23 or 25 hours
 * across DST), a month keeps the anchor's day clamped to the month's length. Every boundary is
 * computed from the anchor (anchor + k·count units), never chained from the previous boundary,
 * so Jan 31 -> Feb 28 -> Mar 31 rather than drifting to the 28th.
 */
export interface WindowSpec {
  periodUnit: PeriodUnit;
  periodCount: number;
  /** ms since epoch */
  anchorAt: number;
  timezone: string;
}

export interface Period {
  /** k in anchor + k·count units; negative before the anchor. */
  index: number;
  start: number;
  end: number;
}

const PLURAL: Record<PeriodUnit, keyof DurationLikeObject> = {
  minute: 'minutes',
  hour: 'hours',
  day: 'days',
  week: 'weeks',
  month: 'months',
  year: 'years',
};

/** Average unit length, only used to guess k before the exact search. */
const APPROX_MS: Record<PeriodUnit, number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
  month: 2_629_746_000,
  year: 31_556_952_000,
};

function anchorIn(spec: WindowSpec): DateTime {
  const anchor = DateTime.fromMillis(spec.anchorAt, { zone: spec.timezone });
  if (!anchor.isValid) throw new RangeError(`invalid quota window: ${anchor.invalidExplanation ?? spec.timezone}`);
  return anchor;
}

function checkSpec(spec: WindowSpec): void {
  if (!Number.isInteger(spec.periodCount) || spec.periodCount < 1) {
    throw new RangeError(`period_count must be a positive integer: ${spec.periodCount}`);
  }
}

/** Start of period `index` (ms). */
export function periodStart(spec: WindowSpec, index: number): number {
  checkSpec(spec);
  return boundary(anchorIn(spec), spec, index);
}

function boundary(anchor: DateTime, spec: WindowSpec, index: number): number {
  return anchor.plus({ [PLURAL[spec.periodUnit]]: index * spec.periodCount }).toMillis();
}

/** The period containing instant `at` (start <= at < end). */
export function periodAt(spec: WindowSpec, at: number): Period {
  checkSpec(spec);
  const anchor = anchorIn(spec);
  let k = Math.floor((at - spec.anchorAt) / (APPROX_MS[spec.periodUnit] * spec.periodCount));
  // The guess is off by at most a step or two (DST hours, month lengths); walk to the exact one.
  while (boundary(anchor, spec, k) > at) k -= 1;
  while (boundary(anchor, spec, k + 1) <= at) k += 1;
  return { index: k, start: boundary(anchor, spec, k), end: boundary(anchor, spec, k + 1) };
}

export interface StoredUsage {
  usedMicro: number;
  /** Start of the period `usedMicro` belongs to; null when never used. */
  periodStart: number | null;
}

/** Usage counted against the current period: a stored amount from an earlier period has expired. */
export function usedInPeriod(stored: StoredUsage, current: Period): number {
  return stored.periodStart === current.start ? stored.usedMicro : 0;
}

/** Same repeating schedule (the limit amount may differ): used amounts carry over an edit. */
export function sameShape(a: WindowSpec, b: WindowSpec): boolean {
  return (
    a.periodUnit === b.periodUnit &&
    a.periodCount === b.periodCount &&
    a.anchorAt === b.anchorAt &&
    normalZone(a.timezone) === normalZone(b.timezone)
  );
}

function normalZone(zone: string): string {
  const dt = DateTime.now().setZone(zone);
  return dt.isValid ? dt.zoneName ?? zone : zone;
}
