import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../store/paths';
import { currentLaunchFacts, planLaunch, type LaunchFacts } from './start';

function facts(over: Partial<LaunchFacts> & { files?: Record<string, string> }): LaunchFacts {
  const files = over.files ?? {};
  return {
    env: {},
    platform: 'linux',
    electronPackageDir: '/nm/electron',
    fileExists: (f) => f in files,
    readFile: (f) => files[f] ?? '',
    ...over,
  };
}
const installed = { '/nm/electron/path.txt': 'electron\n', '/nm/electron/dist/electron': '' };

describe('npm start launch plan', () => {
  it('runs Electron when the package, its binary and a display are there', () => {
    expect(planLaunch(facts({ files: installed, env: { DISPLAY: ':0' } }))).toEqual({
      kind: 'electron',
      electronBinary: '/nm/electron/dist/electron',
    });
    expect(planLaunch(facts({ files: installed, env: { WAYLAND_DISPLAY: 'wayland-0' } })).kind).toBe('electron');
    expect(planLaunch(facts({ files: installed, platform: 'darwin' })).kind).toBe('electron');
  });

  it('falls back to headless, saying why', () => {
    expect(planLaunch(facts({ electronPackageDir: null }))).toEqual({ kind: 'headless', reason: 'the electron package is not installed' });
    expect(planLaunch(facts({ env: { DISPLAY: ':0' } }))).toEqual({ kind: 'headless', reason: 'Electron binary not installed' });
    expect(planLaunch(facts({ files: { '/nm/electron/path.txt': 'electron' }, env: { DISPLAY: ':0' } })).kind).toBe('headless');
    expect(planLaunch(facts({ files: installed }))).toEqual({ kind: 'headless', reason: 'no display' });
    expect(planLaunch(facts({ files: installed, env: { DISPLAY: ':0', TOKENALTAR_HEADLESS: '1' } }))).toEqual({
      kind: 'headless',
      reason: 'TOKENALTAR_HEADLESS=1',
    });
  });

  it('sees this machine as it is: electron resolvable, binary absent', () => {
    const here = currentLaunchFacts();
    expect(here.electronPackageDir).not.toBeNull();
    expect(planLaunch(here)).toEqual({ kind: 'headless', reason: 'Electron binary not installed' });
  });
});

describe('npm start on this machine', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('starts the core headless, prints why and where, and stops on SIGTERM', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ta-start-'));
    dirs.push(dir);
    const child = spawn(path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx'), ['src-main/cli/start.ts'], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        TOKENALTAR_BIND: '127.0.0.1:0',
        TOKENALTAR_DATABASE_URL: `sqlite://${path.join(dir, 'db.sqlite3')}`,
        TOKENALTAR_LOG_LEVEL: 'silent',
        DISPLAY: '',
      },
    });
    let output = '';
    const consoleUrl = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const m = /Console:\s+(http:\/\/\S+)/.exec(output);
        if (m) resolve(m[1]!);
      });
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
    });
    expect(output).toContain('running headless: Electron binary not installed');
    expect(output).toMatch(/Gateway:\s+http:\/\/127\.0\.0\.1:\d+\/v1/);
    const res = await fetch(new URL('/api/me', consoleUrl));
    expect(res.status).toBe(401); // the real console API answers
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});
