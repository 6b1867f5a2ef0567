import fs from 'node:fs';
import { log, Session } from './phases';
import { round3 } from './stats';

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

export type LoadResult = Awaited<ReturnType<typeof runLoad>>;

/** The phases in order; each reads the gateway's RSS and CPU from /proc as it goes. */
async function runLoad(plan: LoadPlan) {
  const s = new Session(plan);
  const rssAtRest = s.rssNow();
  log(`gateway RSS at rest ${rssAtRest.toFixed(1)} MB; warming up`);
  const warmup = await s.warmUp();
  const fixed = await s.fixedRates();
  const search = await s.searchMax();
  const streams = await s.streams();
  const soak = await s.soak(search.sustained);
  await new Promise((r) => setTimeout(r, 2000));
  const rssAfterSoakAtRest = s.rssNow();
  const overload = await s.overload();
  await s.close();
  return {
    warmup,
    fixed,
    search,
    streams,
    memory: { rssAtRestMb: round3(rssAtRest), rssUnderLoadMaxMb: round3(s.rssMaxMb), rssAfterSoakAtRestMb: round3(rssAfterSoakAtRest), soak },
    overload,
    gatewayTally: s.gatewayTally,
  };
}

async function main(): Promise<void> {
  const plan = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as LoadPlan;
  fs.writeFileSync(plan.resultFile, JSON.stringify(await runLoad(plan), null, 2));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
