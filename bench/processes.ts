import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface Child {
  proc: ChildProcess;
  pid: number;
  /** Resolves with the process's exit code once it ends. */
  exited: Promise<number | null>;
}

/**
 * Starts `node [--import tsx] <script>` pinned to one CPU core with taskset (which execs node, so
 * the pid is node's own and /proc/<pid>/status reads the right process).
 */
export function spawnPinned(core: number, script: string, args: string[], opts: { env?: NodeJS.ProcessEnv; nodeFlags?: string[]; stdout?: 'pipe' | 'inherit' } = {}): Child {
  // Plain JavaScript (a bundle) runs without the TypeScript loader.
  const loader = script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const proc = spawn('taskset', ['-c', String(core), process.execPath, ...(opts.nodeFlags ?? []), ...loader, path.resolve(ROOT, script), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', opts.stdout ?? 'pipe', 'inherit'],
  });
  if (proc.pid === undefined) throw new Error(`could not start ${script}`);
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return { proc, pid: proc.pid, exited };
}

/** Waits for a stdout line matching `pattern` and returns its first group. */
export function waitForLine(child: Child, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const m = pattern.exec(buffer);
      if (m) {
        clearTimeout(timer);
        child.proc.stdout?.off('data', onData);
        // Keep draining (unless someone pipes it) so a chatty child never blocks on a full pipe.
        child.proc.stdout?.resume();
        resolve(m[1] ?? m[0]);
      }
    };
    child.proc.stdout?.on('data', onData);
    void child.exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`process exited (${code}) before printing ${pattern}`));
    });
  });
}

export async function stop(child: Child, timeoutMs = 15_000): Promise<void> {
  if (child.proc.exitCode !== null) return;
  child.proc.kill('SIGTERM');
  const timer = setTimeout(() => child.proc.kill('SIGKILL'), timeoutMs);
  await child.exited;
  clearTimeout(timer);
}

/** Resident set size of a live process, in MB, from /proc/<pid>/status (VmRSS). */
export function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!m) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(m[1]) / 1024;
}

/** CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat. */
export function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name; utime and stime are the 12th and 13th of them.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** USER_HZ: 100 on every Linux this runs on (sysconf is not reachable from Node). */
const CLOCK_TICKS = 100;
