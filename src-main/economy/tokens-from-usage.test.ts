import { describe, expect, it } from 'vitest';
import { tokensFromUsage } from './tokens-from-usage';

describe('tokensFromUsage', () => {
  it('splits cache reads and writes out of the total input so each token is charged once', () => {
    expect(tokensFromUsage({ inTotal: 1500, cacheRead: 500, cacheWrite: 0, outTotal: 1000 })).toEqual({ input: 1000, cached: 500, cacheWrite: 0, output: 1000 });
    expect(tokensFromUsage({ inTotal: 2100, cacheRead: 0, cacheWrite: 2000, outTotal: 50 })).toEqual({ input: 100, cached: 0, cacheWrite: 2000, output: 50 });
  });

  it('never charges negative uncached input when an upstream over-reports the cache', () => {
    expect(tokensFromUsage({ inTotal: 100, cacheRead: 300, cacheWrite: 0, outTotal: 1 })).toEqual({ input: 0, cached: 300, cacheWrite: 0, output: 1 });
  });

  it('treats missing or garbage counts as zero', () => {
    expect(tokensFromUsage({ inTotal: Number.NaN, cacheRead: -5, cacheWrite: 0, outTotal: 7.9 })).toEqual({ input: 0, cached: 0, cacheWrite: 0, output: 7 });
  });
});
