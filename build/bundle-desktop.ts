/**
 * Bundles the Electron main process and the preload into dist-main/desktop/ with esbuild
 * (`npm run build:desktop`). Electron runs plain JavaScript, not tsx, so the TypeScript sources are
 * compiled here; native modules and Electron itself stay external (loaded from node_modules, the
 * natives rebuilt for Electron by electron-builder).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DESKTOP_OUT_DIR = path.join(root, 'dist-main', 'desktop');

/** Loaded at run time, never bundled: Electron's own module and compiled addons. */
export const DESKTOP_EXTERNALS = ['electron', 'better-sqlite3', '@napi-rs/keyring'];

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  external: DESKTOP_EXTERNALS,
  absWorkingDir: root,
};

export async function bundleDesktop(): Promise<void> {
  await Promise.all([
    build({
      ...common,
      entryPoints: [path.join(root, 'src-main/desktop/electron-main.ts')],
      outfile: path.join(DESKTOP_OUT_DIR, 'electron-main.js'),
      // package.json has "type": "module", so .js is ESM; bundled CommonJS deps still call require.
      format: 'esm',
      banner: { js: "import { createRequire as __taCreateRequire } from 'node:module'; const require = __taCreateRequire(import.meta.url);" },
    }),
    build({
      ...common,
      entryPoints: [path.join(root, 'src-main/desktop/preload.ts')],
      outfile: path.join(DESKTOP_OUT_DIR, 'preload.cjs'),
      // Sandboxed preloads cannot be ES modules.
      format: 'cjs',
      external: ['electron'],
    }),
  ]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  bundleDesktop().then(
    () => console.log(`desktop bundles written to ${path.relative(root, DESKTOP_OUT_DIR)}/`),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
