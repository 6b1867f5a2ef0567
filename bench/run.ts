import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { bundleGateway } from './bundle-gateway';
import { parseFlags } from './flags';
import type { LoadPlan } from './load-generator';
import { ROOT, spawnPinned, stop, waitForLine } from './processes';
import { summarizeProfile } from './profile-summary';
import { formatTable, judgeTargets, type BenchResult } from './report';
import { BENCH_ADMIN, seedTenant, UPSTREAM_SECRET } from './seed';

/**
 * `npm run bench`: fake upstream + load generator on core 0, the real headless gateway (serve.ts,
 * SQLite file in a temp dir, settlement on) on core 1. Flags (seconds unless named otherwise):
 *   --soak 20          soak length at --soak-rate (the full check is --soak 300)
 *   --profile 1        run the gateway under --cpu-prof and print its top costs
 *   --bundle 0         run serve.ts through tsx (npm run serve) instead of an esbuild bundle
 * and the others listed in DEFAULTS below.
 */
const DEFAULTS = {
  soak: 20,
  warmup: 10,
  'soak-rate': 500,
  'round-ms': 2000,
  pairs: 3,
  'search-start': 250,
  /** Each search round offers this many times the previous rate; one bisection follows the first miss. */
  'search-factor': 1.4,
  'search-max': 6000,
  'search-round-ms': 3000,
  'search-p99-ms': 50,
  'stream-ttft-ms': 200,
  'chunk-ms': 20,
  chunks: 20,
  'stream-round-ms': 4000,
  'stream-pairs': 2,
  streams: 100,
  overload: 600,
  'settle-seconds': 3,
  profile: 0,
  bundle: 1,
};

const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

async function main(): Promise<void> {
  const f = parseFlags(process.argv.slice(2), DEFAULTS);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenaltar-bench-'));
  const dbFile = path.join(tmp, 'tokenaltar.sqlite3');
  const profileDir = path.join(ROOT, 'bench/results/profiles');

  const upstream = spawnPinned(0, 'bench/fake-upstream.ts', [`--ttft-ms=${f['stream-ttft-ms']}`, `--chunk-ms=${f['chunk-ms']}`, `--chunks=${f.chunks}`]);
  // Two levels under the root, like the desktop bundle (dist-main/desktop): the core finds
  // migrations/ and dist-renderer/ relative to its own file, and node_modules resolves from there.
  // Profiles read better against the TypeScript sources (tsx), so --profile runs unbundled.
  const gatewayScript = f.bundle && !f.profile ? await bundleGateway(path.join(ROOT, 'dist-main/bench')) : 'src-main/cli/serve.ts';
  const gateway = spawnPinned(1, gatewayScript, [], {
    nodeFlags: f.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    env: {
      TOKENALTAR_BIND: '127.0.0.1:0',
      TOKENALTAR_DATABASE_URL: `sqlite://${dbFile}`,
      TOKENALTAR_DATA_DIR: tmp,
      TOKENALTAR_ADMIN_EMAIL: BENCH_ADMIN.email,
      TOKENALTAR_ADMIN_PASSWORD: BENCH_ADMIN.password,
      TOKENALTAR_SECRET_KEY: '',
    },
  });
  try {
    const upstreamUrl = `http://127.0.0.1:${await waitForLine(upstream, /BENCH_READY (\d+)/)}`;
    const gatewayUrl = `http://127.0.0.1:${await waitForLine(gateway, /Gateway:\s+http:\/\/[^\s]+:(\d+)\/v1/)}`;
    // The gateway's own log (pino, stdout) goes to a file: warnings there explain failures.
    fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
    const gatewayLog = fs.createWriteStream(path.join(ROOT, 'bench/results/gateway-log.tmp'));
    gateway.proc.stdout?.pipe(gatewayLog);
    const tenant = await seedTenant(gatewayUrl, upstreamUrl);
    log(`upstream ${upstreamUrl} (core 0), gateway ${gatewayUrl} pid ${gateway.pid} (core 1), db ${dbFile}`);

    const resultFile = path.join(tmp, 'load.json');
    const plan: LoadPlan = {
      upstreamUrl,
      upstreamSecret: UPSTREAM_SECRET,
      gatewayUrl,
      gatewayKey: tenant.gatewayKey,
      gatewayPid: gateway.pid,
      upstreamPid: upstream.pid,
      rates: [100, 200, 500, 1000],
      warmupMs: f.warmup * 1000,
      pairs: f.pairs,
      roundMs: f['round-ms'],
      searchStart: f['search-start'],
      searchFactor: f['search-factor'],
      searchMax: f['search-max'],
      searchRoundMs: f['search-round-ms'],
      searchP99LimitMs: f['search-p99-ms'],
      streamConcurrency: f.streams,
      streamRoundMs: f['stream-round-ms'],
      streamPairs: f['stream-pairs'],
      soakRate: f['soak-rate'],
      soakMs: f.soak * 1000,
      overloadRequests: f.overload,
      resultFile,
    };
    const planFile = path.join(tmp, 'plan.json');
    fs.writeFileSync(planFile, JSON.stringify(plan));
    const loadAvgBefore = os.loadavg();
    const loadFromUs = Number(process.hrtime.bigint() / 1000n);
    const loader = spawnPinned(0, 'bench/load-generator.ts', [planFile], { stdout: 'inherit' });
    const code = await loader.exited;
    const loadWindow = { fromUs: loadFromUs, toUs: Number(process.hrtime.bigint() / 1000n) };
    const loadAvgAfter = os.loadavg();
    if (code !== 0) throw new Error(`load generator failed (exit ${code})`);
    const load = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as BenchResult['load'];

    await stop(gateway);
    await stop(upstream);
    const ledger = countLedger(dbFile);

    log(`settlement loop (${f['settle-seconds']} s, core 1)`);
    const settler = spawnPinned(1, 'bench/settle-throughput.ts', [String(f['settle-seconds'])], { env: { TOKENALTAR_LOG_LEVEL: 'warn' } });
    const settleLine = await waitForLine(settler, /^(\{"settlements".*\})$/m, 60_000);
    await settler.exited;

    const result: BenchResult = {
      at: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? 'unknown',
        node: process.version,
        platform: `${os.type()} ${os.release()}`,
        // Other work on the machine skews latency; the 1-minute load average says how much.
        loadAvg1m: { before: round2(loadAvgBefore[0]!), after: round2(loadAvgAfter[0]!) },
      },
      flags: f,
      load,
      ledger: { ...ledger, gatewaySuccesses: load.gatewayTally.ok, lost: load.gatewayTally.ok - ledger.okRows },
      settlement: JSON.parse(settleLine) as BenchResult['settlement'],
      profile: f.profile ? latestProfile(profileDir, loadWindow) : null,
      targets: [],
    };
    result.targets = judgeTargets(result);
    fs.writeFileSync(path.join(ROOT, 'bench/results/latest.json'), JSON.stringify(result, null, 2) + '\n');
    console.log(formatTable(result));
    console.log(`\nfull results: bench/results/latest.json`);
  } finally {
    await Promise.all([stop(gateway), stop(upstream)]);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function countLedger(file: string): { rows: number; okRows: number } {
  const db = new Database(file, { readonly: true });
  try {
    const r = db.prepare("SELECT COUNT(*) AS rows, COALESCE(SUM(status = 'ok'), 0) AS okRows FROM ledger").get() as { rows: number; okRows: number };
    return r;
  } finally {
    db.close();
  }
}

const STARTED_AT = Date.now();
const round2 = (n: number) => Math.round(n * 100) / 100;

function latestProfile(dir: string, window: { fromUs: number; toUs: number }): BenchResult['profile'] {
  // The gateway writes one profile per thread (main + tsx's loader worker): the main one is the largest.
  const files = fs.readdirSync(dir).filter((n) => n.endsWith('.cpuprofile')).map((n) => path.join(dir, n));
  const newest = files.filter((p) => fs.statSync(p).mtimeMs >= STARTED_AT).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
  if (!newest) return null;
  const s = summarizeProfile(JSON.parse(fs.readFileSync(newest, 'utf8')) as Parameters<typeof summarizeProfile>[0], 15, window);
  return { file: path.relative(ROOT, newest), ...s };
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
