import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HEALTH_STATUSES, WINDOW_COUNT, WINDOW_MS, classifyAttempt, healthWindows, type HealthSample } from './health-windows';

const NOW = Date.parse('2026-05-01T12:10:00Z');
const sample = (minutesAgo: number, status: HealthSample['status'], ttftMs: number | null = null): HealthSample => ({
  at: NOW - minutesAgo * 60_000,
  status,
  httpStatus: status === 'down' ? 503 : 200,
  ttftMs,
  totalMs: 1000,
});

describe('health windows', () => {
  it('lays out 48 aligned half-hour windows ending with the one containing now', () => {
    const w = healthWindows([], NOW);
    expect(w).toHaveLength(48);
    expect(new Date(w[47]!.start).toISOString()).toBe('2026-05-01T12:00:00.000Z');
    expect(new Date(w[0]!.start).toISOString()).toBe('2026-04-30T12:30:00.000Z');
    expect(w.every((x) => x.status === 'no-data' && x.avgTtftMs === null)).toBe(true);
  });

  it('averages TTFT over available samples only and classifies each window', () => {
    const w = healthWindows(
      [
        sample(1, 'available', 100),
        sample(2, 'available', 300),
        sample(3, 'empty', 5),
        sample(4, 'degraded', 7),
        sample(5, 'down'),
        sample(15, 'available', 50),
        sample(20, 'available', null),
        sample(110, 'down'),
        sample(111, 'empty'),
        sample(24 * 60, 'available', 1), // older than the first window
      ],
      NOW,
    );
    const last = w[47]!;
    expect(last.samples).toBe(5);
    expect(last.counts).toEqual({ available: 2, empty: 1, degraded: 1, down: 1 });
    expect(last.avgTtftMs).toBe(200);
    expect(last.status).toBe('degraded');
    expect(w[46]!.status).toBe('available');
    expect(w[46]!.avgTtftMs).toBe(50);
    expect(w[43]!.status).toBe('down');
    expect(w[45]!.status).toBe('no-data');
    expect(w.reduce((n, x) => n + x.samples, 0)).toBe(9);
  });

  it('puts every in-range sample in exactly one window', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ ago: fc.integer({ min: 0, max: 30 * 60 * 60_000 }), status: fc.constantFrom(...HEALTH_STATUSES), ttft: fc.option(fc.nat(5000)) })),
        (xs) => {
          const samples = xs.map((x) => ({ at: NOW - x.ago, status: x.status, httpStatus: null, ttftMs: x.ttft, totalMs: null }));
          const w = healthWindows(samples, NOW);
          const first = w[0]!.start;
          const inRange = samples.filter((s) => s.at >= first).length;
          expect(w.reduce((n, x) => n + x.samples, 0)).toBe(inRange);
          for (const x of w) {
            expect(x.end - x.start).toBe(WINDOW_MS);
            if (x.avgTtftMs !== null) expect(x.counts.available).toBeGreaterThan(0);
          }
          expect(w).toHaveLength(WINDOW_COUNT);
        },
      ),
    );
  });
});

describe('attempt classification', () => {
  it('maps outcomes to health statuses', () => {
    const base = { contentSent: false, empty: false, brokeAfterContent: false };
    expect(classifyAttempt({ ...base, httpStatus: null })).toBe('down');
    expect(classifyAttempt({ ...base, httpStatus: 200 })).toBe('available');
    expect(classifyAttempt({ ...base, httpStatus: 200, empty: true })).toBe('empty');
    expect(classifyAttempt({ ...base, httpStatus: 429 })).toBe('down');
    expect(classifyAttempt({ ...base, httpStatus: 502 })).toBe('down');
    expect(classifyAttempt({ ...base, httpStatus: 400 })).toBe('available');
    expect(classifyAttempt({ ...base, httpStatus: 200, contentSent: true, brokeAfterContent: true })).toBe('degraded');
  });
});
