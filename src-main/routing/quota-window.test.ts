import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { PERIOD_UNITS, type PeriodUnit } from '../../src-shared/api/ops/channels';
import { periodAt, periodStart, sameShape, usedInPeriod, type WindowSpec } from './quota-window';

const HOUR = 3_600_000;
const iso = (s: string): number => {
  const dt = DateTime.fromISO(s, { setZone: true });
  if (!dt.isValid) throw new Error(`bad fixture ${s}`);
  return dt.toMillis();
};
const utc = (ms: number): string => new Date(ms).toISOString();
const spec = (periodUnit: PeriodUnit, anchor: string, timezone: string, periodCount = 1): WindowSpec => ({
  periodUnit,
  periodCount,
  anchorAt: DateTime.fromISO(anchor, { zone: timezone }).toMillis(),
  timezone,
});

describe('quota window periods: hand examples', () => {
  it('resets on the 3rd at 09:00 Asia/Shanghai', () => {
    const w = spec('month', '2026-01-03T09:00', 'Asia/Shanghai');
    const before = periodAt(w, iso('2026-03-03T08:59:59.999+08:00'));
    expect(utc(before.start)).toBe('2026-02-03T01:00:00.000Z');
    expect(utc(before.end)).toBe('2026-03-03T01:00:00.000Z');
    const after = periodAt(w, iso('2026-03-03T09:00:00+08:00'));
    expect(utc(after.start)).toBe('2026-03-03T01:00:00.000Z');
    expect(utc(after.end)).toBe('2026-04-03T01:00:00.000Z');
    expect(after.index).toBe(2);
  });

  it('America/New_York: local days are 23 h in spring and 25 h in autumn', () => {
    const w = spec('day', '2026-01-01T00:00', 'America/New_York');
    const spring = periodAt(w, iso('2026-03-08T12:00:00-04:00'));
    expect(utc(spring.start)).toBe('2026-03-08T05:00:00.000Z');
    expect(utc(spring.end)).toBe('2026-03-09T04:00:00.000Z');
    expect(spring.end - spring.start).toBe(23 * HOUR);
    const autumn = periodAt(w, iso('2026-11-01T12:00:00-05:00'));
    expect(autumn.end - autumn.start).toBe(25 * HOUR);
    const week = periodAt(spec('week', '2026-03-02T00:00', 'America/New_York'), iso('2026-03-05T00:00:00Z'));
    expect(week.end - week.start).toBe(167 * HOUR);
  });

  it('Europe/London: a reset time inside the spring gap moves forward to the first valid instant', () => {
    const w = spec('day', '2026-03-01T01:30', 'Europe/London');
    const sat = periodAt(w, iso('2026-03-28T12:00:00Z'));
    expect(utc(sat.start)).toBe('2026-03-28T01:30:00.000Z');
    // 01:30 on Mar 29 does not exist locally; luxon moves it to 02:30 BST = 01:30Z.
    expect(utc(sat.end)).toBe('2026-03-29T01:30:00.000Z');
    const mon = periodAt(w, iso('2026-03-30T12:00:00Z'));
    expect(utc(mon.start)).toBe('2026-03-30T00:30:00.000Z');
  });

  it('Australia/Lord_Howe: half-hour DST makes 24.5 h and 23.5 h days', () => {
    const w = spec('day', '2026-01-01T00:00', 'Australia/Lord_Howe');
    const april = periodAt(w, iso('2026-04-05T12:00:00+10:30'));
    expect(utc(april.start)).toBe('2026-04-04T13:00:00.000Z');
    expect(april.end - april.start).toBe(24.5 * HOUR);
    const october = periodAt(w, iso('2026-10-04T12:00:00+11:00'));
    expect(october.end - october.start).toBe(23.5 * HOUR);
  });

  it('month ends clamp from the anchor, not from the previous boundary', () => {
    const w = spec('month', '2026-01-31T00:00', 'UTC');
    const starts = [1, 2, 3, 4].map((k) => utc(periodStart(w, k)));
    expect(starts).toEqual([
      '2026-02-28T00:00:00.000Z',
      '2026-03-31T00:00:00.000Z',
      '2026-04-30T00:00:00.000Z',
      '2026-05-31T00:00:00.000Z',
    ]);
    expect(utc(periodStart(w, 25))).toBe('2028-02-29T00:00:00.000Z');
    const mid = periodAt(w, iso('2026-03-15T00:00:00Z'));
    expect([utc(mid.start), utc(mid.end)]).toEqual(['2026-02-28T00:00:00.000Z', '2026-03-31T00:00:00.000Z']);
  });

  it('hours are absolute durations even across DST; counts multiply; instants before the anchor work', () => {
    const h = periodAt(spec('hour', '2026-11-01T00:00', 'America/New_York', 5), iso('2026-11-01T06:30:00Z'));
    expect(h.end - h.start).toBe(5 * HOUR);
    const q = periodAt(spec('month', '2026-01-03T09:00', 'Asia/Shanghai', 3), iso('2025-12-01T00:00:00Z'));
    expect(q.index).toBe(-1);
    expect(utc(q.start)).toBe('2025-10-03T01:00:00.000Z');
    expect(utc(q.end)).toBe('2026-01-03T01:00:00.000Z');
  });

  it('rejects unknown zones and non-positive counts', () => {
    expect(() => periodAt(spec('day', '2026-01-01T00:00', 'UTC', 0), 0)).toThrow(RangeError);
    expect(() => periodAt({ periodUnit: 'day', periodCount: 1, anchorAt: 0, timezone: 'Mars/Olympus' }, 0)).toThrow(RangeError);
  });
});

describe('quota window periods: properties against a library reference', () => {
  const ZONES = [
    'UTC',
    'Asia/Shanghai',
    'America/New_York',
    'Europe/London',
    'Australia/Lord_Howe',
    'America/Sao_Paulo',
    'Asia/Kolkata',
    'Pacific/Chatham',
    'America/St_Johns',
  ];
  const windowArb = fc.record({
    periodUnit: fc.constantFrom(...PERIOD_UNITS),
    periodCount: fc.integer({ min: 1, max: 14 }),
    // 2000-01-01 .. 2040-01-01
    anchorAt: fc.integer({ min: 946_684_800_000, max: 2_208_988_800_000 }),
    timezone: fc.constantFrom(...ZONES),
  });
  const APPROX: Record<PeriodUnit, number> = {
    minute: 60_000,
    hour: HOUR,
    day: 24 * HOUR,
    week: 168 * HOUR,
    month: 730 * HOUR,
    year: 8766 * HOUR,
  };

  /** Reference: the library's anchor + k·count, scanned linearly over every k in range. */
  function referenceIndex(w: WindowSpec, at: number, maxK: number): number {
    const anchor = DateTime.fromMillis(w.anchorAt, { zone: w.timezone });
    const unit = `${w.periodUnit}s`;
    const start = (k: number) => anchor.plus({ [unit]: k * w.periodCount }).toMillis();
    for (let k = -maxK - 2; k <= maxK + 2; k++) if (start(k) <= at && at < start(k + 1)) return k;
    throw new Error('reference found no period');
  }

  it('the period containing an instant matches a linear scan and contains it', () => {
    fc.assert(
      fc.property(windowArb, fc.integer({ min: -60, max: 60 }), fc.double({ min: 0, max: 1, noNaN: true }), (w, steps, frac) => {
        const at = Math.round(w.anchorAt + (steps + frac) * APPROX[w.periodUnit] * w.periodCount);
        const p = periodAt(w, at);
        expect(p.start).toBeLessThanOrEqual(at);
        expect(at).toBeLessThan(p.end);
        expect(p.index).toBe(referenceIndex(w, at, 70));
        expect(p.start).toBe(periodStart(w, p.index));
        expect(p.end).toBe(periodStart(w, p.index + 1));
      }),
      { numRuns: 400 },
    );
  });

  it('calendar periods keep the anchor wall clock (unless DST skipped it) and month days clamp', () => {
    const calendar = windowArb.filter((w) => ['day', 'week', 'month', 'year'].includes(w.periodUnit));
    fc.assert(
      fc.property(calendar, fc.integer({ min: -40, max: 40 }), (w, k) => {
        const anchor = DateTime.fromMillis(w.anchorAt, { zone: w.timezone });
        const s = DateTime.fromMillis(periodStart(w, k), { zone: w.timezone });
        const wantDay = Math.min(anchor.day, s.daysInMonth ?? 31);
        if (w.periodUnit === 'month' || w.periodUnit === 'year') expect(s.day).toBe(wantDay);
        if (w.periodUnit === 'week' || w.periodUnit === 'day') expect(s.weekday === anchor.weekday || w.periodUnit === 'day').toBe(true);
        const sameClock = s.hour === anchor.hour && s.minute === anchor.minute;
        // A wall time that does not exist that day is pushed forward by the DST gap (<= 1 h).
        const pushed = s.toMillis() - s.set({ hour: anchor.hour, minute: anchor.minute }).toMillis();
        expect(sameClock || (s.offset !== s.minus({ hours: 3 }).offset && Math.abs(pushed) <= HOUR)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('periods tile time: consecutive periods meet and never overlap', () => {
    fc.assert(
      fc.property(windowArb, fc.integer({ min: -30, max: 30 }), (w, k) => {
        const a = periodAt(w, periodStart(w, k));
        expect(a.index).toBe(k);
        const b = periodAt(w, a.end);
        expect(b.start).toBe(a.end);
        expect(b.index).toBe(k + 1);
        const c = periodAt(w, a.start - 1);
        expect(c.end).toBe(a.start);
      }),
      { numRuns: 300 },
    );
  });
});

describe('used amounts and window shape', () => {
  const w = spec('day', '2026-01-01T00:00', 'Asia/Shanghai');
  it('counts stored usage only inside the period it was recorded in', () => {
    const p = periodAt(w, iso('2026-02-10T12:00:00+08:00'));
    expect(usedInPeriod({ usedMicro: 5, periodStart: p.start }, p)).toBe(5);
    expect(usedInPeriod({ usedMicro: 5, periodStart: p.start - 86_400_000 }, p)).toBe(0);
    expect(usedInPeriod({ usedMicro: 5, periodStart: null }, p)).toBe(0);
  });
  it('treats zone aliases as the same shape and any schedule change as a new shape', () => {
    expect(sameShape(w, { ...w, timezone: 'Asia/Shanghai' })).toBe(true);
    expect(sameShape({ ...w, timezone: 'UTC' }, { ...w, timezone: 'utc' })).toBe(true);
    expect(sameShape(w, { ...w, periodCount: 2 })).toBe(false);
    expect(sameShape(w, { ...w, anchorAt: w.anchorAt + 1 })).toBe(false);
    expect(sameShape(w, { ...w, periodUnit: 'week' })).toBe(false);
    expect(sameShape(w, { ...w, timezone: 'Asia/Tokyo' })).toBe(false);
  });
});
