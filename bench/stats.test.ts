import { describe, expect, it } from 'vitest';
import { addedLatency, percentile, rssGrowthMb, summarize } from './stats';

describe('bench stats', () => {
  it('takes nearest-rank percentiles', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 90)).toBe(90);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile(xs, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('summarizes unsorted samples without mutating them', () => {
    const xs = [5, 1, 4, 2, 3];
    const s = summarize(xs);
    expect(s).toMatchObject({ count: 5, p50: 3, p90: 5, p99: 5, max: 5, mean: 3 });
    expect(xs).toEqual([5, 1, 4, 2, 3]);
  });

  it('subtracts direct percentiles from gateway ones', () => {
    const direct = summarize([1, 1, 1, 2]);
    const gateway = summarize([1.5, 1.5, 1.5, 4]);
    expect(addedLatency(gateway, direct)).toEqual({ p50: 0.5, p90: 2, p99: 2 });
  });

  it('measures growth between the first and last tenth of a soak', () => {
    expect(rssGrowthMb([100, 100, 100, 100, 100, 100, 100, 100, 100, 100])).toBe(0);
    expect(rssGrowthMb([100, 101, 102, 103, 104, 105, 106, 107, 108, 120])).toBe(20);
  });
});
