import type { LoadResult } from './load-generator';
import type { CostLine } from './profile-summary';

export interface BenchResult {
  at: string;
  machine: { cpus: number; cpuModel: string; node: string; platform: string; loadAvg1m: { before: number; after: number } };
  flags: Record<string, number>;
  load: LoadResult;
  ledger: { rows: number; okRows: number; gatewaySuccesses: number; lost: number };
  settlement: { settlements: number; rows: number; seconds: number; perSecond: number };
  profile: { file: string; self: CostLine[]; inclusive: CostLine[]; idlePct: number } | null;
  targets: Target[];
}

export interface Target {
  name: string;
  goal: string;
  measured: string;
  pass: boolean;
}

/** Percentiles of an empty sample are NaN, which JSON turns into null: never a pass, shown as n/a. */
const fmt = (n: number | null) => (typeof n === 'number' && Number.isFinite(n) ? n.toFixed(3) : 'n/a');
const ms = (n: number | null) => `${fmt(n)} ms`;
const atMost = (n: number | null, max: number) => typeof n === 'number' && Number.isFinite(n) && n <= max;

/** The issue's targets, each with what was measured. */
export function judgeTargets(r: BenchResult): Target[] {
  const at500 = r.load.fixed.find((x) => x.rate === 500);
  // The issue promises no errors below the sustained maximum; above it, refusals are expected.
  const below = r.load.fixed.filter((x) => x.rate <= r.load.search.sustained);
  const soak = r.load.memory.soak;
  const refusals = r.load.overload.refusedLatency;
  const refusedCount = (r.load.overload.statuses[503] ?? 0) + (r.load.overload.statuses[429] ?? 0);
  const overloadOther = Object.entries(r.load.overload.statuses).filter(([s]) => s !== '200' && s !== '503' && s !== '429').length + r.load.overload.networkErrors;
  return [
    { name: 'sustained non-streaming', goal: '>= 2000 req/s, no errors', measured: `${r.load.search.sustained} req/s (limited by ${r.load.search.limitedBy})`, pass: r.load.search.sustained >= 2000 },
    { name: 'added latency @500 p50', goal: '<= 0.5 ms', measured: at500 ? ms(at500.added.p50) : 'n/a', pass: !!at500 && atMost(at500.added.p50, 0.5) },
    { name: 'added latency @500 p99', goal: '<= 3 ms', measured: at500 ? ms(at500.added.p99) : 'n/a', pass: !!at500 && atMost(at500.added.p99, 3) },
    { name: `stream added TTFT p99 (x${r.load.streams.concurrency})`, goal: '<= 1 ms', measured: ms(r.load.streams.addedTtft.p99), pass: atMost(r.load.streams.addedTtft.p99, 1) && r.load.streams.gateway.failures === 0 },
    { name: 'RSS at rest', goal: '<= 150 MB', measured: `${fmt(r.load.memory.rssAtRestMb)} MB`, pass: atMost(r.load.memory.rssAtRestMb, 150) },
    { name: `RSS growth over ${soak.seconds}s soak @${soak.rate}`, goal: 'none (< 5 MB)', measured: `${fmt(soak.rssGrowthMb)} MB`, pass: atMost(soak.rssGrowthMb, 5) },
    {
      name: 'errors below the maximum',
      goal: '0',
      measured: below.length ? `${below.reduce((s, x) => s + x.errors.gateway, 0)} at ${below.map((x) => x.rate).join(', ')} req/s` : 'no fixed rate below the maximum',
      pass: below.length > 0 && below.every((x) => x.errors.gateway === 0) && (soak.rate > r.load.search.sustained || soak.errors === 0),
    },
    { name: 'lost ledger rows', goal: '0', measured: `${r.ledger.lost} (${r.ledger.okRows} ok rows / ${r.ledger.gatewaySuccesses} successes)`, pass: r.ledger.lost === 0 },
    {
      name: 'past the maximum',
      goal: 'fast 429/503, no hang',
      measured: refusedCount ? `${refusedCount}/${r.load.overload.requests} refused, p99 ${ms(refusals.p99)}` : 'no refusals',
      pass: refusedCount > 0 && atMost(refusals.p99, 100) && overloadOther === 0,
    },
  ];
}

const pad = (s: string, n: number) => s.padEnd(n);

export function formatTable(r: BenchResult): string {
  const lines: string[] = [];
  lines.push(`TokenAltar gateway benchmark — ${r.machine.cpus} cores (${r.machine.cpuModel}), Node ${r.machine.node}; gateway on core 1, upstream + load on core 0; load average ${r.machine.loadAvg1m.before} -> ${r.machine.loadAvg1m.after}`);
  lines.push('');
  lines.push('| offered req/s | direct p50/p99 (ms) | gateway p50/p99 (ms) | added p50 | added p90 | added p99 | errors | gateway CPU/request (bare upstream) |');
  lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const x of r.load.fixed) {
    lines.push(`| ${x.rate} | ${fmt(x.direct.p50)} / ${fmt(x.direct.p99)} | ${fmt(x.gateway.p50)} / ${fmt(x.gateway.p99)} | ${fmt(x.added.p50)} | ${fmt(x.added.p90)} | ${fmt(x.added.p99)} | ${x.errors.gateway} | ${x.gatewayCpuUsPerRequest} µs (${x.upstreamCpuUsPerRequest} µs) |`);
  }
  const s = r.load.streams;
  lines.push('');
  lines.push(`| ${s.concurrency} concurrent streams | p50 | p90 | p99 |`);
  lines.push('|---|---:|---:|---:|');
  lines.push(`| added time to first token (ms) | ${fmt(s.addedTtft.p50)} | ${fmt(s.addedTtft.p90)} | ${fmt(s.addedTtft.p99)} |`);
  lines.push(`| added total time (ms) | ${fmt(s.addedTotal.p50)} | ${fmt(s.addedTotal.p90)} | ${fmt(s.addedTotal.p99)} |`);
  lines.push(`| failed streams (direct / gateway) | ${s.direct.failures} / ${s.gateway.failures} | | |`);
  lines.push('');
  lines.push('| target | goal | measured | |');
  lines.push('|---|---|---|---|');
  for (const t of r.targets) lines.push(`| ${t.name} | ${t.goal} | ${t.measured} | ${t.pass ? 'pass' : 'MISS'} |`);
  lines.push('');
  const m = r.load.memory;
  lines.push(`Closed loop, 32 in flight (warm-up): gateway ${r.load.warmup.gatewayPerSecond} req/s, direct ${r.load.warmup.directPerSecond} req/s.`);
  lines.push(`RSS: ${m.rssAtRestMb.toFixed(1)} MB at rest, ${m.rssUnderLoadMaxMb.toFixed(1)} MB max under load, ${m.rssAfterSoakAtRestMb.toFixed(1)} MB at rest after the soak. Settlement store: ${r.settlement.perSecond} settlements/s (one transaction each).`);
  if (r.profile) {
    lines.push('');
    const busy = Math.max(1, 100 - r.profile.idlePct);
    lines.push(`Gateway CPU profile (${r.profile.file}), idle ${r.profile.idlePct}% — top self time (% of wall, % of busy):`);
    for (const c of r.profile.self.filter((l) => !l.name.startsWith('(idle)')).slice(0, 12)) {
      lines.push(`  ${pad(`${c.selfPct}%`, 7)}${pad(`${((c.selfPct / busy) * 100).toFixed(1)}%`, 7)}${c.name}`);
    }
  }
  return lines.join('\n');
}
