import path from 'node:path';
import { build } from 'esbuild';
import { ROOT } from './processes';

/**
 * Bundles the headless entry (src-main/cli/serve.ts) to plain JavaScript, as the desktop build
 * does for Electron, so the gateway's memory and start-up are measured without tsx's transpiler
 * and loader thread (which add ~45 MB RSS on their own). `--bundle 0` measures `npm run serve` as is.
 */
export async function bundleGateway(outDir: string): Promise<string> {
  const outfile = path.join(outDir, 'serve.mjs');
  await build({
    entryPoints: [path.join(ROOT, 'src-main/cli/serve.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // Native addons load from node_modules; ESM output still needs `require` for bundled CommonJS.
    external: ['better-sqlite3', '@napi-rs/keyring', 'electron'],
    banner: { js: "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);" },
    absWorkingDir: ROOT,
    logLevel: 'warning',
  });
  return outfile;
}
