import type { TokenCounts } from './settlement-formula';

/**
 * The canonical usage record of PROTOCOLS.md §5.6 (the protocol adapters produce it): `inTotal`
 * counts every input token, cached reads and cache writes included, whatever the protocol.
 */
export interface CanonicalUsage {
  inTotal: number;
  cacheRead: number;
  cacheWrite: number;
  outTotal: number;
}

/**
 * Splits cache reads and writes out of the input so each token is charged once: uncached input
 * at the input rate, cache reads at the cache rate, writes at the write rate. If an upstream
 * reports more cached than total input we trust the cache fields and charge no uncached input.
 */
export function tokensFromUsage(u: CanonicalUsage): TokenCounts {
  const clean = (n: number) => (Number.isFinite(n) && n > 0 ? Math.floor(n) : 0);
  const cached = clean(u.cacheRead);
  const cacheWrite = clean(u.cacheWrite);
  return {
    input: Math.max(0, clean(u.inTotal) - cached - cacheWrite),
    cached,
    cacheWrite,
    output: clean(u.outTotal),
  };
}
