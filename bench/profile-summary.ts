import fs from 'node:fs';
import path from 'node:path';

/**
 * Reads a V8 .cpuprofile (node --cpu-prof) and lists where the time went: self time per
 * function, and inclusive time for the project's own functions. Usage:
 *   node --import tsx bench/profile-summary.ts <file.cpuprofile> [top]
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface CostLine {
  name: string;
  selfPct: number;
  totalPct: number;
}

const label = (n: ProfileNode) => {
  const f = n.callFrame;
  const file = f.url ? f.url.replace(/^file:\/\//, '').replace(/.*\/node_modules\//, '~/').replace(/.*\/(src-main|src-shared|bench)\//, '$1/') : '';
  return `${f.functionName || '(anonymous)'}${file ? ` ${file}:${f.lineNumber + 1}` : ''}`;
};

/**
 * `window` (µs, the profile's monotonic clock = process.hrtime) keeps only samples taken under
 * load, so start-up (module compilation, migrations) does not crowd out the hot path.
 */
export function summarizeProfile(profile: CpuProfile, top = 25, window?: { fromUs: number; toUs: number }): { self: CostLine[]; inclusive: CostLine[]; idlePct: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfTime = new Map<number, number>();
  let total = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    at += dt;
    if (window && (at < window.fromUs || at > window.toUs)) return;
    total += dt;
    selfTime.set(id, (selfTime.get(id) ?? 0) + dt);
  });
  const selfByName = new Map<string, number>();
  const inclByName = new Map<string, number>();
  let idle = 0;
  for (const [id, t] of selfTime) {
    const n = byId.get(id)!;
    if (n.callFrame.functionName === '(idle)') idle += t;
    selfByName.set(label(n), (selfByName.get(label(n)) ?? 0) + t);
    // Inclusive: count once per distinct frame label on the stack (recursion counted once).
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const l = label(byId.get(cur)!);
      if (seen.has(l)) continue;
      seen.add(l);
      inclByName.set(l, (inclByName.get(l) ?? 0) + t);
    }
  }
  const pct = (t: number) => Math.round((t / total) * 1000) / 10;
  const lines = (m: Map<string, number>, f: (name: string) => boolean) =>
    [...m].filter(([name]) => f(name)).sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, t]) => ({ name, selfPct: pct(selfByName.get(name) ?? 0), totalPct: pct(inclByName.get(name) ?? t) }));
  return {
    self: lines(selfByName, () => true),
    inclusive: lines(inclByName, (n) => /(src-main|bench)\//.test(n)),
    idlePct: pct(idle),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = path.resolve(process.argv[2]!);
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  // Optional third argument: seconds of start-up to skip.
  const skipUs = Number(process.argv[4] ?? 0) * 1e6;
  const s = summarizeProfile(profile, Number(process.argv[3] ?? 25), { fromUs: profile.startTime + skipUs, toUs: Number.MAX_SAFE_INTEGER });
  console.log(`idle ${s.idlePct}%\n-- self time --`);
  for (const l of s.self) console.log(`${String(l.selfPct).padStart(5)}%  ${l.name}`);
  console.log('-- inclusive (project code) --');
  for (const l of s.inclusive) console.log(`${String(l.totalPct).padStart(5)}%  ${l.name}`);
}
