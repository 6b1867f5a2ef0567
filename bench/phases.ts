import { Pool } from 'undici';
import { burst, CHAT_BODY, closedLoop, concurrentStreams, openLoop, streamBody, type RoundResult, type Target } from './load';
import type { LoadPlan } from './load-generator';
import { cpuMs, rssMb } from './processes';
import { addedLatency, round3, rssGrowthMb, summarize, type Summary } from './stats';

export const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);
const r3 = (s: Summary) => ({ count: s.count, p50: round3(s.p50), p90: round3(s.p90), p99: round3(s.p99), max: round3(s.max), mean: round3(s.mean) });
const added3 = (s: Pick<Summary, 'p50' | 'p90' | 'p99'>) => ({ p50: round3(s.p50), p90: round3(s.p90), p99: round3(s.p99) });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const failureCount = (r: RoundResult) => r.networkErrors + Object.values(r.failures).reduce((a, b) => a + b, 0);
const perRequestUs = (ms: number, n: number) => Math.round((ms * 1000) / Math.max(1, n));

/**
 * One load-generator session: the two targets, the tallies every phase feeds (gateway successes
 * for the ledger check, CPU per request, peak RSS) and the phases themselves, run in order.
 */
export class Session {
  readonly direct: Target;
  readonly gateway: Target;
  /** Every 2xx through the gateway must have left exactly one ledger row (the runner checks). */
  readonly gatewayTally = { ok: 0, failed: 0 };
  private cpu = { ms: 0, requests: 0, upstreamMs: 0, upstreamRequests: 0 };
  rssMaxMb = 0;
  private readonly rssTimer: NodeJS.Timeout;

  constructor(private readonly plan: LoadPlan) {
    const pool = (url: string) => new Pool(url, { connections: Math.max(1024, plan.overloadRequests + 64), pipelining: 1, keepAliveTimeout: 60_000 });
    const json = { 'content-type': 'application/json' };
    this.direct = { name: 'direct', pool: pool(plan.upstreamUrl), path: '/v1/chat/completions', headers: { authorization: `Bearer ${plan.upstreamSecret}`, ...json } };
    this.gateway = { name: 'gateway', pool: pool(plan.gatewayUrl), path: '/v1/chat/completions', headers: { authorization: `Bearer ${plan.gatewayKey}`, ...json } };
    this.rssTimer = setInterval(() => (this.rssMaxMb = Math.max(this.rssMaxMb, this.rssNow())), 250);
  }

  rssNow(): number {
    return rssMb(this.plan.gatewayPid);
  }

  async close(): Promise<void> {
    clearInterval(this.rssTimer);
    await Promise.all([this.direct.pool.close(), this.gateway.pool.close()]);
  }

  private tally(t: Target, ok: number, failed: number): void {
    if (t.name !== 'gateway') return;
    this.gatewayTally.ok += ok;
    this.gatewayTally.failed += failed;
  }

  /** One open-loop round, with the CPU each side spent on it (robust to other load on the core). */
  private async round(t: Target, rate: number, ms: number): Promise<RoundResult> {
    const c0 = cpuMs(this.plan.gatewayPid);
    const u0 = cpuMs(this.plan.upstreamPid);
    const r = await openLoop(t, rate, ms);
    if (t.name === 'gateway') {
      this.cpu.ms += cpuMs(this.plan.gatewayPid) - c0;
      this.cpu.requests += r.ok;
    } else {
      this.cpu.upstreamMs += cpuMs(this.plan.upstreamPid) - u0;
      this.cpu.upstreamRequests += r.ok;
    }
    this.tally(t, r.ok, failureCount(r));
    if (r.firstFailure) log(`${t.name} round at ${rate} req/s: first failure ${r.firstFailure}`);
    return r;
  }

  private resetCpu(): void {
    this.cpu = { ms: 0, requests: 0, upstreamMs: 0, upstreamRequests: 0 };
  }

  /** Closed loop (32 in flight) so the JIT optimizes the hot path; its throughput is a CPU ceiling too. */
  async warmUp() {
    const out = { concurrency: 32, directPerSecond: 0, gatewayPerSecond: 0 };
    for (const t of [this.direct, this.gateway]) {
      const w = await closedLoop(t, 32, t.name === 'gateway' ? this.plan.warmupMs : this.plan.warmupMs / 4);
      this.tally(t, w.ok, failureCount(w));
      const perSecond = Math.round((w.ok * 1000) / w.durationMs);
      if (t.name === 'direct') out.directPerSecond = perSecond;
      else out.gatewayPerSecond = perSecond;
      log(`warm-up ${t.name}: ${w.ok} requests (${perSecond}/s closed loop)${w.firstFailure ? `, first failure ${w.firstFailure}` : ''}`);
    }
    await sleep(1000);
    return out;
  }

  /** Fixed offered rates, direct and gateway rounds alternated (D G G D D G ...) so drift cancels. */
  async fixedRates() {
    const rows = [];
    for (const rate of this.plan.rates) {
      const d: RoundResult[] = [];
      const g: RoundResult[] = [];
      this.resetCpu();
      for (let i = 0; i < this.plan.pairs; i++) {
        const order = i % 2 === 0 ? [this.direct, this.gateway] : [this.gateway, this.direct];
        for (const t of order) (t.name === 'direct' ? d : g).push(await this.round(t, rate, this.plan.roundMs));
      }
      const ds = summarize(d.flatMap((r) => r.latencies));
      const gs = summarize(g.flatMap((r) => r.latencies));
      const added = addedLatency(gs, ds);
      const errors = { direct: d.reduce((s, r) => s + failureCount(r), 0), gateway: g.reduce((s, r) => s + failureCount(r), 0) };
      const gatewayCpuUsPerRequest = perRequestUs(this.cpu.ms, this.cpu.requests);
      const upstreamCpuUsPerRequest = perRequestUs(this.cpu.upstreamMs, this.cpu.upstreamRequests);
      rows.push({
        rate,
        direct: r3(ds),
        gateway: r3(gs),
        added: added3(added),
        errors,
        maxDispatchLagMs: round3(Math.max(...d.concat(g).map((r) => r.maxDispatchLagMs))),
        gatewayCpuUsPerRequest,
        upstreamCpuUsPerRequest,
      });
      log(`${rate} req/s: added p50 ${added.p50.toFixed(3)} p90 ${added.p90.toFixed(3)} p99 ${added.p99.toFixed(3)} ms, errors d=${errors.direct} g=${errors.gateway}, gateway CPU ${gatewayCpuUsPerRequest} µs/request (bare upstream ${upstreamCpuUsPerRequest})`);
    }
    return rows;
  }

  private async tryRate(rate: number, rounds: unknown[]): Promise<{ pass: boolean; directPass: boolean }> {
    const limit = this.plan.searchP99LimitMs;
    const d = await this.round(this.direct, rate, this.plan.searchRoundMs);
    const directP99 = summarize(d.latencies).p99;
    this.resetCpu();
    const g = await this.round(this.gateway, rate, this.plan.searchRoundMs);
    const p99 = summarize(g.latencies).p99;
    // Share of one core the gateway used: near 100% means it is CPU-bound at this rate.
    const coreBusyPct = Math.round((this.cpu.ms / g.durationMs) * 100);
    const pass = g.ok === g.offered && p99 <= limit;
    rounds.push({ rate, achieved: Math.round((g.ok * 1000) / g.durationMs), ok: g.ok, offered: g.offered, failures: g.failures, networkErrors: g.networkErrors, p99: round3(p99), directP99: round3(directP99), coreBusyPct, pass });
    log(`search ${rate} req/s: gateway ok ${g.ok}/${g.offered} p99 ${p99.toFixed(2)} ms (direct p99 ${directP99.toFixed(2)}), gateway core ${coreBusyPct}% busy -> ${pass ? 'pass' : 'fail'}`);
    await sleep(500);
    return { pass, directPass: d.ok === d.offered && directP99 <= limit };
  }

  /**
   * Highest sustained rate: geometrically rising offered load until a round errs, falls behind or
   * queues, then one bisection between the last pass and the first miss.
   */
  async searchMax() {
    const rounds: unknown[] = [];
    let sustained = 0;
    let limitedBy: string | null = null;
    let firstMiss: number | null = null;
    for (let rate = this.plan.searchStart; rate <= this.plan.searchMax; rate = Math.round(rate * this.plan.searchFactor)) {
      const r = await this.tryRate(rate, rounds);
      if (!r.pass) {
        firstMiss = rate;
        limitedBy = r.directPass ? 'gateway' : 'load core (direct also failed)';
        break;
      }
      sustained = rate;
      if (!r.directPass) {
        limitedBy = 'load core (direct failed at this rate)';
        break;
      }
    }
    if (firstMiss !== null && limitedBy === 'gateway') {
      const mid = Math.round((Math.max(sustained, firstMiss / this.plan.searchFactor) + firstMiss) / 2);
      if (mid > sustained && mid < firstMiss && (await this.tryRate(mid, rounds)).pass) sustained = mid;
    }
    return { sustained, limitedBy: limitedBy ?? `search ceiling (${this.plan.searchMax} req/s)`, p99LimitMs: this.plan.searchP99LimitMs, roundMs: this.plan.searchRoundMs, rounds };
  }

  /** N concurrent streams, direct and gateway rounds alternated. */
  async streams() {
    const acc = { direct: { ttft: [] as number[], total: [] as number[], failures: 0 }, gateway: { ttft: [] as number[], total: [] as number[], failures: 0 } };
    for (let i = 0; i < this.plan.streamPairs; i++) {
      const order = i % 2 === 0 ? [this.direct, this.gateway] : [this.gateway, this.direct];
      for (const t of order) {
        // Direct asks for usage as the gateway does on the client's behalf: the same frames both ways.
        const r = await concurrentStreams(t, this.plan.streamConcurrency, this.plan.streamRoundMs, streamBody(t.name === 'direct'));
        this.tally(t, r.ok, r.failures);
        const into = acc[t.name];
        into.ttft.push(...r.ttft);
        into.total.push(...r.total);
        into.failures += r.failures;
      }
    }
    const ttftAdded = addedLatency(summarize(acc.gateway.ttft), summarize(acc.direct.ttft));
    const totalAdded = addedLatency(summarize(acc.gateway.total), summarize(acc.direct.total));
    log(`streams x${this.plan.streamConcurrency}: added TTFT p50 ${ttftAdded.p50.toFixed(3)} p99 ${ttftAdded.p99.toFixed(3)} ms; added total p99 ${totalAdded.p99.toFixed(3)} ms`);
    const side = (s: (typeof acc)['direct']) => ({ ttft: r3(summarize(s.ttft)), total: r3(summarize(s.total)), failures: s.failures });
    return { concurrency: this.plan.streamConcurrency, direct: side(acc.direct), gateway: side(acc.gateway), addedTtft: added3(ttftAdded), addedTotal: added3(totalAdded) };
  }

  /** Steady load with RSS sampled every second; below the maximum, since an overloaded gateway queues. */
  async soak(sustained: number) {
    const { soakRate: requestedRate, soakMs } = this.plan;
    const rate = sustained >= requestedRate ? requestedRate : Math.max(25, Math.floor(sustained * 0.8));
    log(`soak ${soakMs / 1000}s at ${rate} req/s${rate !== requestedRate ? ` (lowered from ${requestedRate}: the sustained maximum is ${sustained})` : ''}`);
    const samples: number[] = [];
    const timer = setInterval(() => samples.push(this.rssNow()), 1000);
    const r = await this.round(this.gateway, rate, soakMs);
    clearInterval(timer);
    this.rssMaxMb = Math.max(this.rssMaxMb, ...samples);
    return {
      seconds: soakMs / 1000,
      rate,
      requestedRate,
      ok: r.ok,
      offered: r.offered,
      errors: failureCount(r),
      latency: r3(summarize(r.latencies)),
      rssSamplesMb: samples.map((v) => Math.round(v * 10) / 10),
      rssGrowthMb: round3(rssGrowthMb(samples)),
    };
  }

  /** Many slow requests at once, past the in-flight capacity: refusals must be fast and clear. */
  async overload() {
    log(`overload: ${this.plan.overloadRequests} slow requests at once`);
    const b = await burst(this.gateway, this.plan.overloadRequests, JSON.stringify({ ...(JSON.parse(CHAT_BODY) as object), model: 'bench-delay-1500' }));
    this.gatewayTally.ok += b.statuses[200] ?? 0;
    return { requests: this.plan.overloadRequests, statuses: b.statuses, networkErrors: b.networkErrors, refusedLatency: r3(summarize(b.refusedLatencies)), refusalBody: b.refusalBody };
  }
}
