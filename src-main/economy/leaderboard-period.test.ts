import { describe, expect, it } from 'vitest';
import { leaderboardWindow } from './leaderboard-period';

const ms = (iso: string) => Date.parse(iso);
const iso = (n: number) => new Date(n).toISOString();

describe('leaderboardWindow', () => {
  it('bounds a day at midnights of the zone, not of UTC', () => {
    // 23:30 UTC on 25 Nov is already 26 Nov 07:30 in Shanghai (UTC+8).
    const w = leaderboardWindow('day', ms('2026-11-25T23:30:00Z'), 'Asia/Shanghai');
    expect(iso(w.startMs)).toBe('2026-11-25T16:00:00.000Z');
    expect(iso(w.endMs)).toBe('2026-11-26T16:00:00.000Z');
    expect(w.label).toBe('2026-11-26');
  });

  it('puts an instant exactly at zone midnight into the new day, a millisecond before into the old', () => {
    const midnight = ms('2026-11-26T05:00:00Z'); // 00:00 in New York (EST, UTC-5)
    expect(leaderboardWindow('day', midnight, 'America/New_York').label).toBe('2026-11-26');
    expect(leaderboardWindow('day', midnight, 'America/New_York').startMs).toBe(midnight);
    expect(leaderboardWindow('day', midnight - 1, 'America/New_York').label).toBe('2026-11-25');
    expect(leaderboardWindow('day', midnight - 1, 'America/New_York').endMs).toBe(midnight);
  });

  it('has 23- and 25-hour days across DST changes', () => {
    const spring = leaderboardWindow('day', ms('2026-03-08T12:00:00Z'), 'America/New_York');
    expect((spring.endMs - spring.startMs) / 3_600_000).toBe(23);
    const fall = leaderboardWindow('day', ms('2026-11-01T12:00:00Z'), 'America/New_York');
    expect((fall.endMs - fall.startMs) / 3_600_000).toBe(25);
  });

  it('bounds a month at the first midnight of the month in the zone', () => {
    const w = leaderboardWindow('month', ms('2026-02-28T23:00:00Z'), 'Europe/Berlin'); // 1 Mar 00:00 CET
    expect(w.label).toBe('2026-03');
    expect(iso(w.startMs)).toBe('2026-02-28T23:00:00.000Z');
    expect(iso(w.endMs)).toBe('2026-03-31T22:00:00.000Z'); // CEST from 29 Mar
    expect(leaderboardWindow('month', ms('2026-02-28T22:59:59.999Z'), 'Europe/Berlin').label).toBe('2026-02');
  });

  it('rejects an unknown zone', () => {
    expect(() => leaderboardWindow('day', 0, 'Mars/Olympus')).toThrow(RangeError);
  });
});
