/** Latency statistics for the benchmark: nearest-rank percentiles over raw samples (ms). */
export interface Summary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of an ascending array; NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  if (p <= 0) return sorted[0]!;
  if (p >= 100) return sorted[sorted.length - 1]!;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[rank - 1]!;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((s, v) => s + v, 0);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
  };
}

/** What the gateway adds: each percentile of the through-gateway run minus the direct one. */
export function addedLatency(gateway: Summary, direct: Summary): Pick<Summary, 'p50' | 'p90' | 'p99'> {
  return { p50: gateway.p50 - direct.p50, p90: gateway.p90 - direct.p90, p99: gateway.p99 - direct.p99 };
}

/** Rounds to 3 decimals for the JSON report (microsecond resolution is all we measure). */
export function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** RSS growth over a soak: mean of the last tenth of samples minus mean of the first tenth (MB). */
export function rssGrowthMb(samplesMb: readonly number[]): number {
  if (samplesMb.length < 2) return 0;
  const n = Math.max(1, Math.floor(samplesMb.length / 10));
  const mean = (xs: readonly number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
  return mean(samplesMb.slice(-n)) - mean(samplesMb.slice(0, n));
}
