import fs from 'node:fs';
import { Pool } from 'undici';
import { burst, CHAT_BODY, closedLoop, concurrentStreams, openLoop, streamBody, type RoundResult, type Target } from './load';
import { cpuMs, rssMb } from './processes';
import { addedLatency, round3, rssGrowthMb, summarize, type Summary } from './stats';

/** What the runner asks of the load generator (passed as a JSON file path in argv[2]). */
export interface LoadPlan {
  upstreamUrl: string;
  upstreamSecret: string;
  gatewayUrl: string;
  gatewayKey: string;
  gatewayPid: number;
  /** The fake upstream's pid: its CPU per request is the cost of a bare Node HTTP handler here. */
  upstreamPid: number;
  rates: number[];
  /** Closed-loop warm-up (32 at a time) before measuring, so the JIT has optimized the hot path. */
  warmupMs: number;
  pairs: number;
  roundMs: number;
  searchStart: number;
  searchFactor: number;
  searchMax: number;
  searchRoundMs: number;
  /** A rate passes the search only if its p99 stays under this (no queueing). */
  searchP99LimitMs: number;
  streamConcurrency: number;
  streamRoundMs: number;
  streamPairs: number;
  soakRate: number;
  soakMs: number;
  overloadRequests: number;
  resultFile: string;
}

const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);
const r3 = (s: Summary) => ({ count: s.count, p50: round3(s.p50), p90: round3(s.p90), p99: round3(s.p99), max: round3(s.max), mean: round3(s.mean) });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type LoadResult = Awaited<ReturnType<typeof runLoad>>;

async function runLoad(plan: LoadPlan) {
  const pool = (url: string) => new Pool(url, { connections: Math.max(1024, plan.overloadRequests + 64), pipelining: 1, keepAliveTimeout: 60_000 });
  const direct: Target = { name: 'direct', pool: pool(plan.upstreamUrl), path: '/v1/chat/completions', headers: { authorization: `Bearer ${plan.upstreamSecret}`, 'content-type': 'application/json' } };
  const gateway: Target = { name: 'gateway', pool: pool(plan.gatewayUrl), path: '/v1/chat/completions', headers: { authorization: `Bearer ${plan.gatewayKey}`, 'content-type': 'application/json' } };

  // Every 2xx through the gateway must have left exactly one ledger row (checked by the runner).
  const gatewayTally = { ok: 0, failed: 0 };
  const count = (t: Target, r: { ok: number; failures: Record<number, number> | number; networkErrors?: number }) => {
    if (t.name !== 'gateway') return;
    gatewayTally.ok += r.ok;
    const f = typeof r.failures === 'number' ? r.failures : Object.values(r.failures).reduce((a, b) => a + b, 0);
    gatewayTally.failed += f + (r.networkErrors ?? 0);
  };
  let rssMax = 0;
  const rssTimer = setInterval(() => {
    rssMax = Math.max(rssMax, rssMb(plan.gatewayPid));
  }, 250);
  // Gateway CPU time per request: robust to other processes sharing the core, unlike latency.
  const cpu = { ms: 0, requests: 0, upstreamMs: 0, upstreamRequests: 0 };
  const round = async (t: Target, rate: number, ms: number): Promise<RoundResult> => {
    const c0 = cpuMs(plan.gatewayPid);
    const u0 = cpuMs(plan.upstreamPid);
    const r = await openLoop(t, rate, ms);
    if (t.name === 'gateway') {
      cpu.ms += cpuMs(plan.gatewayPid) - c0;
      cpu.requests += r.ok;
    } else {
      cpu.upstreamMs += cpuMs(plan.upstreamPid) - u0;
      cpu.upstreamRequests += r.ok;
    }
    count(t, r);
    if (r.firstFailure) log(`${t.name} round at ${rate} req/s: first failure ${r.firstFailure}`);
    return r;
  };

  const rssAtRest = rssMb(plan.gatewayPid);
  log(`gateway RSS at rest ${rssAtRest.toFixed(1)} MB; warming up`);
  // Closed-loop throughput (32 in flight) is also a CPU-bound ceiling, independent of the search.
  const warmup = { directPerSecond: 0, gatewayPerSecond: 0 };
  for (const t of [direct, gateway]) {
    const w = await closedLoop(t, 32, t.name === 'gateway' ? plan.warmupMs : plan.warmupMs / 4);
    count(t, w);
    warmup[t.name === 'direct' ? 'directPerSecond' : 'gatewayPerSecond'] = Math.round((w.ok * 1000) / w.durationMs);
    log(`warm-up ${t.name}: ${w.ok} requests (${Math.round((w.ok * 1000) / w.durationMs)}/s closed loop)${w.firstFailure ? `, first failure ${w.firstFailure}` : ''}`);
  }
  await sleep(1000);

  // Fixed rates, direct and gateway rounds alternated (D G G D D G ...) so drift cancels.
  const fixed = [];
  for (const rate of plan.rates) {
    const d: RoundResult[] = [];
    const g: RoundResult[] = [];
    Object.assign(cpu, { ms: 0, requests: 0, upstreamMs: 0, upstreamRequests: 0 });
    for (let i = 0; i < plan.pairs; i++) {
      const order: Target[] = i % 2 === 0 ? [direct, gateway] : [gateway, direct];
      for (const t of order) (t.name === 'direct' ? d : g).push(await round(t, rate, plan.roundMs));
    }
    const ds = summarize(d.flatMap((r) => r.latencies));
    const gs = summarize(g.flatMap((r) => r.latencies));
    const errors = (rs: RoundResult[]) => rs.reduce((s, r) => s + r.networkErrors + Object.values(r.failures).reduce((a, b) => a + b, 0), 0);
    const added = addedLatency(gs, ds);
    fixed.push({
      rate,
      direct: r3(ds),
      gateway: r3(gs),
      added: { p50: round3(added.p50), p90: round3(added.p90), p99: round3(added.p99) },
      errors: { direct: errors(d), gateway: errors(g) },
      maxDispatchLagMs: round3(Math.max(...d.concat(g).map((r) => r.maxDispatchLagMs))),
      gatewayCpuUsPerRequest: Math.round((cpu.ms * 1000) / Math.max(1, cpu.requests)),
      upstreamCpuUsPerRequest: Math.round((cpu.upstreamMs * 1000) / Math.max(1, cpu.upstreamRequests)),
    });
    log(`${rate} req/s: added p50 ${added.p50.toFixed(3)} p90 ${added.p90.toFixed(3)} p99 ${added.p99.toFixed(3)} ms, errors d=${errors(d)} g=${errors(g)}, gateway CPU ${Math.round((cpu.ms * 1000) / Math.max(1, cpu.requests))} µs/request (bare upstream ${Math.round((cpu.upstreamMs * 1000) / Math.max(1, cpu.upstreamRequests))})`);
  }

  // Highest sustained rate: geometrically rising offered load until a round errs, falls behind or
  // queues, then one bisection between the last pass and the first miss.
  const search: unknown[] = [];
  let sustained = 0;
  let limitedBy: string | null = null;
  const tryRate = async (rate: number): Promise<{ pass: boolean; directPass: boolean }> => {
    const d = await round(direct, rate, plan.searchRoundMs);
    const directPass = d.ok === d.offered && summarize(d.latencies).p99 <= plan.searchP99LimitMs;
    Object.assign(cpu, { ms: 0, requests: 0 });
    const g = await round(gateway, rate, plan.searchRoundMs);
    const gs = summarize(g.latencies);
    // Share of one core the gateway used: near 100% means it is CPU-bound at this rate.
    const coreBusyPct = Math.round((cpu.ms / g.durationMs) * 100);
    const pass = g.ok === g.offered && gs.p99 <= plan.searchP99LimitMs;
    const achieved = Math.round((g.ok * 1000) / g.durationMs);
    search.push({ rate, achieved, ok: g.ok, offered: g.offered, failures: g.failures, networkErrors: g.networkErrors, p99: round3(gs.p99), directP99: round3(summarize(d.latencies).p99), coreBusyPct, pass });
    log(`search ${rate} req/s: gateway ok ${g.ok}/${g.offered} p99 ${gs.p99.toFixed(2)} ms (direct p99 ${summarize(d.latencies).p99.toFixed(2)}), gateway core ${coreBusyPct}% busy -> ${pass ? 'pass' : 'fail'}`);
    await sleep(500);
    return { pass, directPass };
  };
  let firstMiss: number | null = null;
  for (let rate = plan.searchStart; rate <= plan.searchMax; rate = Math.round(rate * plan.searchFactor)) {
    const r = await tryRate(rate);
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
    const mid = Math.round((Math.max(sustained, firstMiss / plan.searchFactor) + firstMiss) / 2);
    if (mid > sustained && mid < firstMiss && (await tryRate(mid)).pass) sustained = mid;
  }
  if (limitedBy === null) limitedBy = `search ceiling (${plan.searchMax} req/s)`;

  // Streams: N concurrent, alternated direct/gateway rounds.
  const sd = { ttft: [] as number[], total: [] as number[], failures: 0 };
  const sg = { ttft: [] as number[], total: [] as number[], failures: 0 };
  const clientStream = streamBody(false);
  for (let i = 0; i < plan.streamPairs; i++) {
    const order: Target[] = i % 2 === 0 ? [direct, gateway] : [gateway, direct];
    for (const t of order) {
      // Direct asks for usage like the gateway does on the client's behalf: same frames both ways.
      const r = await concurrentStreams(t, plan.streamConcurrency, plan.streamRoundMs, t.name === 'direct' ? streamBody(true) : clientStream);
      count(t, r);
      const into = t.name === 'direct' ? sd : sg;
      into.ttft.push(...r.ttft);
      into.total.push(...r.total);
      into.failures += r.failures;
    }
  }
  const ttftAdded = addedLatency(summarize(sg.ttft), summarize(sd.ttft));
  const totalAdded = addedLatency(summarize(sg.total), summarize(sd.total));
  const streams = {
    concurrency: plan.streamConcurrency,
    direct: { ttft: r3(summarize(sd.ttft)), total: r3(summarize(sd.total)), failures: sd.failures },
    gateway: { ttft: r3(summarize(sg.ttft)), total: r3(summarize(sg.total)), failures: sg.failures },
    addedTtft: { p50: round3(ttftAdded.p50), p90: round3(ttftAdded.p90), p99: round3(ttftAdded.p99) },
    addedTotal: { p50: round3(totalAdded.p50), p90: round3(totalAdded.p90), p99: round3(totalAdded.p99) },
  };
  log(`streams x${plan.streamConcurrency}: added TTFT p50 ${ttftAdded.p50.toFixed(3)} p99 ${ttftAdded.p99.toFixed(3)} ms; added total p99 ${totalAdded.p99.toFixed(3)} ms`);
  const rssUnderLoad = rssMax;

  // Soak: steady load, RSS sampled every second.
  // Memory growth only means something below the maximum: an overloaded gateway queues.
  const soakRate = sustained >= plan.soakRate ? plan.soakRate : Math.max(25, Math.floor(sustained * 0.8));
  log(`soak ${plan.soakMs / 1000}s at ${soakRate} req/s${soakRate !== plan.soakRate ? ` (lowered from ${plan.soakRate}: the sustained maximum is ${sustained})` : ''}`);
  const soakRss: number[] = [];
  const soakTimer = setInterval(() => soakRss.push(rssMb(plan.gatewayPid)), 1000);
  const soakRound = await round(gateway, soakRate, plan.soakMs);
  clearInterval(soakTimer);
  const soakSummary = summarize(soakRound.latencies);
  await sleep(2000);
  const rssAfterSoakAtRest = rssMb(plan.gatewayPid);

  // Overload: many slow requests at once, past the in-flight capacity.
  log(`overload: ${plan.overloadRequests} slow requests at once`);
  const b = await burst(gateway, plan.overloadRequests, JSON.stringify({ ...(JSON.parse(CHAT_BODY) as object), model: 'bench-delay-1500' }));
  gatewayTally.ok += b.statuses[200] ?? 0;
  const refused = summarize(b.refusedLatencies);
  clearInterval(rssTimer);

  const result = {
    warmup: { concurrency: 32, ...warmup },
    fixed,
    search: { sustained, limitedBy, p99LimitMs: plan.searchP99LimitMs, roundMs: plan.searchRoundMs, rounds: search },
    streams,
    memory: {
      rssAtRestMb: round3(rssAtRest),
      rssUnderLoadMaxMb: round3(Math.max(rssUnderLoad, ...soakRss)),
      rssAfterSoakAtRestMb: round3(rssAfterSoakAtRest),
      soak: {
        seconds: plan.soakMs / 1000,
        rate: soakRate,
        requestedRate: plan.soakRate,
        ok: soakRound.ok,
        offered: soakRound.offered,
        errors: soakRound.networkErrors + Object.values(soakRound.failures).reduce((a, c) => a + c, 0),
        latency: r3(soakSummary),
        rssSamplesMb: soakRss.map((v) => Math.round(v * 10) / 10),
        rssGrowthMb: round3(rssGrowthMb(soakRss)),
      },
    },
    overload: {
      requests: plan.overloadRequests,
      statuses: b.statuses,
      networkErrors: b.networkErrors,
      refusedLatency: r3(refused),
      refusalBody: b.refusalBody,
    },
    gatewayTally,
  };
  await Promise.all([direct.pool.close(), gateway.pool.close()]);
  return result;
}

async function main(): Promise<void> {
  const plan = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as LoadPlan;
  fs.writeFileSync(plan.resultFile, JSON.stringify(await runLoad(plan), null, 2));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
