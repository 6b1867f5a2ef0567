/**
 * e2e runner: real Chromium (playwright-core) against the real headless server. Every test gets
 * its own server on port 0 with a temp data dir; screenshots go to e2e/output/ (gitignored).
 * Usage: node --import tsx e2e/run.ts [name-filter]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { startTestCore } from '../src-main/testing/harness';
import { launchBrowser } from './lib/browser';
import { registered, setCurrentFile, type E2EContext } from './lib/registry';

process.env.TOKENALTAR_LOG_LEVEL ??= 'warn';
const here = path.dirname(fileURLToPath(import.meta.url));
const outputDir = path.join(here, 'output');
const TEST_TIMEOUT_MS = 120_000;
const ACTION_TIMEOUT_MS = 15_000;

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

async function loadSpecs(): Promise<void> {
  const files = fs.readdirSync(here).filter((f) => f.endsWith('.spec.ts')).sort();
  for (const f of files) {
    setCurrentFile(f.replace(/\.spec\.ts$/, ''));
    await import(pathToFileURL(path.join(here, f)).href);
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    }),
  ]);
}

async function main(): Promise<number> {
  if (!fs.existsSync(path.join(here, '..', 'dist-renderer', 'index.html'))) {
    console.error('dist-renderer/index.html is missing: run `npm run build:renderer` first (npm run test:e2e does).');
    return 1;
  }
  await loadSpecs();
  const filter = process.argv[2];
  const tests = filter ? registered.filter((t) => `${t.file} ${t.name}`.includes(filter)) : registered;
  fs.mkdirSync(outputDir, { recursive: true });
  const { browser, which } = await launchBrowser();
  console.log(`chromium: ${which}; ${tests.length} test(s)`);
  let passed = 0;
  let failed = 0;
  try {
    for (const t of tests) {
      const started = Date.now();
      const server = await startTestCore();
      const pages: Page[] = [];
      const pageErrors: string[] = [];
      const consoleErrors: string[] = [];
      const cleanups: (() => Promise<void>)[] = [];
      const dir = path.join(outputDir, t.file);
      fs.mkdirSync(dir, { recursive: true });
      const ctx: E2EContext = {
        server,
        browser,
        async newPage() {
          const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
          context.setDefaultTimeout(ACTION_TIMEOUT_MS);
          const page = await context.newPage();
          page.on('pageerror', (err) => pageErrors.push(err.message));
          // React warnings and failed renders land here; network 4xx the specs provoke on purpose do not count.
          page.on('console', (msg) => {
            if (msg.type() === 'error' && !/Failed to load resource/.test(msg.text())) consoleErrors.push(msg.text().slice(0, 300));
          });
          pages.push(page);
          return page;
        },
        async shot(page, name) {
          // Sticky bars would be drawn mid-page in a full-page shot taken while scrolled.
          await page.evaluate('window.scrollTo(0, 0)');
          await page.screenshot({ path: path.join(dir, `${slug(name)}.png`), fullPage: true });
        },
        defer(fn) {
          cleanups.push(fn);
        },
      };
      try {
        await withTimeout(t.run(ctx), TEST_TIMEOUT_MS, t.name);
        // An uncaught exception in the page fails the test even if the flow happened to finish.
        if (pageErrors.length) throw new Error(`uncaught page error(s): ${pageErrors.join(' | ')}`);
        if (consoleErrors.length) throw new Error(`console error(s) in the page: ${consoleErrors.join(' | ')}`);
        passed++;
        console.log(`  ✓ ${t.file} › ${t.name} (${Date.now() - started} ms)`);
      } catch (err) {
        failed++;
        console.log(`  ✗ ${t.file} › ${t.name} (${Date.now() - started} ms)\n    ${(err as Error).stack ?? String(err)}`);
        for (const [i, p] of pages.entries()) {
          await p.screenshot({ path: path.join(dir, `FAILED-${slug(t.name)}-${i}.png`), fullPage: true }).catch(() => undefined);
        }
      } finally {
        for (const p of pages) await p.context().close().catch(() => undefined);
        for (const fn of cleanups.reverse()) await fn().catch(() => undefined);
        await server.close();
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && tests.length > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
