/**
 * Passive health, as the console shows it: the last 24 h in 48 half-hour windows built from the
 * attempts the gateway recorded. No background probing happens anywhere.
 */
export const HEALTH_STATUSES = ['available', 'empty', 'degraded', 'down'] as const;
/**
 * available: answered with content (or a client-error answer the channel itself produced);
 * empty: answered 2xx without semantic content; degraded: content flowed, then the upstream broke;
 * down: no usable answer (connection error, timeout, 401/403/408/429/5xx).
 */
export type AttemptHealth = (typeof HEALTH_STATUSES)[number];

export interface HealthSample {
  at: number;
  status: AttemptHealth;
  httpStatus: number | null;
  /** Time to first semantic token, when one arrived. */
  ttftMs: number | null;
  totalMs: number | null;
}

export type WindowStatus = 'no-data' | 'available' | 'degraded' | 'down';

export interface HealthWindow {
  start: number;
  end: number;
  samples: number;
  counts: Record<AttemptHealth, number>;
  /** Mean TTFT over available samples that have one; null when there are none. */
  avgTtftMs: number | null;
  status: WindowStatus;
}

export const WINDOW_MS = 30 * 60_000;
export const WINDOW_COUNT = 48;

function windowStatus(w: HealthWindow): WindowStatus {
  if (w.samples === 0) return 'no-data';
  if (w.counts.available === w.samples) return 'available';
  if (w.counts.available === 0 && w.counts.degraded === 0) return 'down';
  return 'degraded';
}

/** Half-hour windows aligned to UTC half hours; the last one contains `now`. */
export function healthWindows(samples: readonly HealthSample[], now: number): HealthWindow[] {
  const lastStart = Math.floor(now / WINDOW_MS) * WINDOW_MS;
  const firstStart = lastStart - (WINDOW_COUNT - 1) * WINDOW_MS;
  const windows: HealthWindow[] = [];
  const ttftSum = new Array<number>(WINDOW_COUNT).fill(0);
  const ttftN = new Array<number>(WINDOW_COUNT).fill(0);
  for (let i = 0; i < WINDOW_COUNT; i++) {
    const start = firstStart + i * WINDOW_MS;
    windows.push({ start, end: start + WINDOW_MS, samples: 0, counts: { available: 0, empty: 0, degraded: 0, down: 0 }, avgTtftMs: null, status: 'no-data' });
  }
  for (const s of samples) {
    const i = Math.floor((s.at - firstStart) / WINDOW_MS);
    if (i < 0 || i >= WINDOW_COUNT || s.at > now) continue;
    const w = windows[i]!;
    w.samples += 1;
    w.counts[s.status] += 1;
    if (s.status === 'available' && s.ttftMs !== null) {
      ttftSum[i]! += s.ttftMs;
      ttftN[i]! += 1;
    }
  }
  for (let i = 0; i < WINDOW_COUNT; i++) {
    const w = windows[i]!;
    w.avgTtftMs = ttftN[i]! > 0 ? Math.round(ttftSum[i]! / ttftN[i]!) : null;
    w.status = windowStatus(w);
  }
  return windows;
}

/** Classifies one finished gateway attempt for the health log. */
export function classifyAttempt(a: { httpStatus: number | null; contentSent: boolean; empty: boolean; brokeAfterContent: boolean }): AttemptHealth {
  if (a.contentSent) return a.brokeAfterContent ? 'degraded' : 'available';
  if (a.httpStatus === null) return 'down';
  if (a.httpStatus >= 200 && a.httpStatus < 300) return a.empty ? 'empty' : 'available';
  if ([401, 403, 408, 429].includes(a.httpStatus) || a.httpStatus >= 500) return 'down';
  // Other 4xx: the channel answered; the request itself was at fault.
  return 'available';
}
