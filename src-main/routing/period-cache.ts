import { periodAt, type Period, type WindowSpec } from './quota-window';

/**
 * The current period of a window changes only at its boundary, so routing asks luxon once per
 * window and period instead of on every request.
 */
const cache = new Map<string, Period>();

export function currentPeriod(spec: WindowSpec, now: number): Period {
  const key = `${spec.periodUnit}|${spec.periodCount}|${spec.anchorAt}|${spec.timezone}`;
  const hit = cache.get(key);
  if (hit && hit.start <= now && now < hit.end) return hit;
  const p = periodAt(spec, now);
  if (cache.size > 10_000) cache.clear();
  cache.set(key, p);
  return p;
}
