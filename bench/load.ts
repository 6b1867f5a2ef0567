import { performance } from 'node:perf_hooks';
import type { Pool } from 'undici';

/** Where a round sends its requests: straight to the fake upstream, or through the gateway. */
export interface Target {
  name: 'direct' | 'gateway';
  pool: Pool;
  path: string;
  headers: Record<string, string>;
}

export interface RoundResult {
  /** Latency of each successful request, ms from dispatch to the last body byte. */
  latencies: number[];
  ok: number;
  /** Non-2xx answers by status. */
  failures: Record<number, number>;
  /** Connection-level errors (reset, refused, timeout). */
  networkErrors: number;
  offered: number;
  durationMs: number;
  /** How far behind schedule the generator dispatched at worst (its own health). */
  maxDispatchLagMs: number;
  /** The first failure's status and body, to say why a round failed. */
  firstFailure: string | null;
}

export const CHAT_BODY = JSON.stringify({
  model: 'bench-model',
  messages: [
    { role: 'system', content: 'You are a terse assistant. Answer in one sentence.' },
    { role: 'user', content: 'Describe a quick brown fox jumping over a lazy dog, briefly and plainly.' },
  ],
  max_tokens: 64,
  temperature: 0.2,
});

export const streamBody = (includeUsage: boolean) =>
  JSON.stringify({ ...(JSON.parse(CHAT_BODY) as object), stream: true, ...(includeUsage && { stream_options: { include_usage: true } }) });

function emptyRound(offered: number): RoundResult {
  return { latencies: [], ok: 0, failures: {}, networkErrors: 0, offered, durationMs: 0, maxDispatchLagMs: 0, firstFailure: null };
}

async function once(t: Target, body: string, r: RoundResult): Promise<number | null> {
  const t0 = performance.now();
  try {
    const res = await t.pool.request({ path: t.path, method: 'POST', headers: t.headers, body });
    const text = await res.body.text();
    const ms = performance.now() - t0;
    if (res.statusCode === 200 && text.includes('"choices"')) {
      r.ok++;
      r.latencies.push(ms);
    } else {
      r.failures[res.statusCode] = (r.failures[res.statusCode] ?? 0) + 1;
      r.firstFailure ??= `${res.statusCode} ${text.slice(0, 300)}`;
    }
    return ms;
  } catch (err) {
    r.networkErrors++;
    r.firstFailure ??= `network: ${(err as Error).message}`;
    return null;
  }
}

/**
 * Open loop: requests leave on a fixed schedule whatever the answers do, so a slow server shows
 * up as latency and queueing instead of quietly lowering the offered rate.
 */
export async function openLoop(t: Target, rate: number, durationMs: number, body = CHAT_BODY): Promise<RoundResult> {
  const total = Math.round((rate * durationMs) / 1000);
  const r = emptyRound(total);
  const pending: Promise<unknown>[] = [];
  const start = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      const due = Math.min(total, Math.floor(((now - start) * rate) / 1000) + 1);
      while (sent < due) {
        r.maxDispatchLagMs = Math.max(r.maxDispatchLagMs, now - (start + (sent * 1000) / rate));
        pending.push(once(t, body, r));
        sent++;
      }
      if (sent >= total) resolve();
      else setTimeout(tick, 1);
    };
    tick();
  });
  await Promise.all(pending);
  r.durationMs = performance.now() - start;
  return r;
}

/**
 * Closed loop: `concurrency` workers, each sending its next request when the last one answered,
 * for `durationMs`. Used to warm the gateway up (JIT) without building a queue.
 */
export async function closedLoop(t: Target, concurrency: number, durationMs: number, body = CHAT_BODY): Promise<RoundResult> {
  const r = emptyRound(0);
  const start = performance.now();
  const end = start + durationMs;
  const worker = async () => {
    while (performance.now() < end) {
      r.offered++;
      await once(t, body, r);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  r.durationMs = performance.now() - start;
  return r;
}

export interface StreamRound {
  ttft: number[];
  total: number[];
  ok: number;
  failures: number;
}

/** One stream: time to the first body bytes (first content) and to the end, checked for [DONE]. */
async function oneStream(t: Target, body: string, r: StreamRound): Promise<void> {
  const t0 = performance.now();
  try {
    const res = await t.pool.request({ path: t.path, method: 'POST', headers: t.headers, body });
    let first: number | null = null;
    let tail = '';
    for await (const chunk of res.body) {
      if (first === null) first = performance.now() - t0;
      tail = (tail + (chunk as Buffer).toString('utf8')).slice(-64);
    }
    const total = performance.now() - t0;
    if (res.statusCode === 200 && first !== null && tail.endsWith('data: [DONE]\n\n')) {
      r.ok++;
      r.ttft.push(first);
      r.total.push(total);
    } else r.failures++;
  } catch {
    r.failures++;
  }
}

/** Keeps `concurrency` streams open at once for `durationMs` (each worker starts the next when one ends). */
export async function concurrentStreams(t: Target, concurrency: number, durationMs: number, body: string): Promise<StreamRound> {
  const r: StreamRound = { ttft: [], total: [], ok: 0, failures: 0 };
  const end = performance.now() + durationMs;
  const worker = async (i: number) => {
    // Staggered starts, so 100 streams do not all hit the same millisecond forever after.
    await new Promise((res) => setTimeout(res, i * 3));
    while (performance.now() < end) await oneStream(t, body, r);
  };
  await Promise.all(Array.from({ length: concurrency }, (_, i) => worker(i)));
  return r;
}

export interface BurstResult {
  statuses: Record<number, number>;
  networkErrors: number;
  /** Latency of refusals (429/503): how fast an overloaded gateway says no. */
  refusedLatencies: number[];
  /** A sample refusal body, to show its shape. */
  refusalBody: string | null;
}

/** Fires `n` slow requests at once, well past the gateway's in-flight capacity. */
export async function burst(t: Target, n: number, body: string): Promise<BurstResult> {
  const out: BurstResult = { statuses: {}, networkErrors: 0, refusedLatencies: [], refusalBody: null };
  await Promise.all(
    Array.from({ length: n }, async () => {
      const t0 = performance.now();
      try {
        const res = await t.pool.request({ path: t.path, method: 'POST', headers: t.headers, body });
        const text = await res.body.text();
        out.statuses[res.statusCode] = (out.statuses[res.statusCode] ?? 0) + 1;
        if (res.statusCode === 503 || res.statusCode === 429) {
          out.refusedLatencies.push(performance.now() - t0);
          out.refusalBody ??= text;
        }
      } catch {
        out.networkErrors++;
      }
    }),
  );
  return out;
}
