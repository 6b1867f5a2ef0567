/**
 * `npm start`: the desktop app where Electron can run, else the same core headless (MISSION.md
 * "Shape": a machine with no display, or no Electron binary, still serves the group).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveHeadless } from './serve';

export type LaunchPlan = { kind: 'electron'; electronBinary: string } | { kind: 'headless'; reason: string };

export interface LaunchFacts {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** Directory of the installed `electron` npm package, or null when it cannot be resolved. */
  electronPackageDir: string | null;
  fileExists(file: string): boolean;
  readFile(file: string): string;
}

/**
 * Decides without importing `electron`: under plain Node its index.js tries to download the
 * binary when missing, which fails (and hangs) offline. The package records the binary's path
 * relative to its dist/ in path.txt once installed.
 */
export function planLaunch(facts: LaunchFacts): LaunchPlan {
  if (facts.env.TOKENALTAR_HEADLESS === '1') return { kind: 'headless', reason: 'TOKENALTAR_HEADLESS=1' };
  if (facts.electronPackageDir === null) return { kind: 'headless', reason: 'the electron package is not installed' };
  const pathFile = path.join(facts.electronPackageDir, 'path.txt');
  const override = facts.env.ELECTRON_OVERRIDE_DIST_PATH;
  let electronBinary: string | null = null;
  if (facts.fileExists(pathFile)) {
    const relative = facts.readFile(pathFile).trim();
    electronBinary = override ? path.join(override, relative) : path.join(facts.electronPackageDir, 'dist', relative);
  }
  if (electronBinary === null || !facts.fileExists(electronBinary)) {
    return { kind: 'headless', reason: 'Electron binary not installed' };
  }
  const needsDisplay = facts.platform !== 'darwin' && facts.platform !== 'win32';
  if (needsDisplay && !facts.env.DISPLAY && !facts.env.WAYLAND_DISPLAY) return { kind: 'headless', reason: 'no display' };
  return { kind: 'electron', electronBinary };
}

export function currentLaunchFacts(): LaunchFacts {
  let electronPackageDir: string | null = null;
  try {
    electronPackageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    electronPackageDir = null;
  }
  return {
    env: process.env,
    platform: process.platform,
    electronPackageDir,
    fileExists: (file) => fs.existsSync(file),
    readFile: (file) => fs.readFileSync(file, 'utf8'),
  };
}

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

async function launchElectron(electronBinary: string): Promise<void> {
  // Electron runs package.json "main", the esbuild bundle: refresh it from the sources first.
  const { bundleDesktop } = await import('../../build/bundle-desktop');
  await bundleDesktop();
  const child = spawn(electronBinary, [projectRoot], { stdio: 'inherit', env: process.env });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

async function main(): Promise<void> {
  const plan = planLaunch(currentLaunchFacts());
  if (plan.kind === 'electron') {
    await launchElectron(plan.electronBinary);
    return;
  }
  await serveHeadless(plan.reason);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(`TokenAltar failed to start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
