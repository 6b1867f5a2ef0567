import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../e2e/lib/browser';
import { PROJECT_ROOT } from '../store/paths';
import { makeTempDir } from '../testing/desktop-core';
import { APP_ORIGIN, serveConsoleRequest } from './app-protocol';

/**
 * Electron cannot run here, so the CSP is checked in the same engine, Chromium: the real console
 * build is served by the app:// handler (through a loopback HTTP server, so 'self' is that origin
 * as it is app://console in the window), with a fake preload bridge injected as the window would
 * have it. The console must render with no CSP violation, and inline script must be refused.
 */
let rendererDir: string;
let server: http.Server;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  rendererDir = makeTempDir('ta-csp-renderer-');
  execFileSync(path.join(PROJECT_ROOT, 'node_modules', '.bin', 'vite'), ['build', '--config', 'src-renderer/vite.config.ts', '--outDir', rendererDir, '--emptyOutDir', '--logLevel', 'error'], {
    cwd: PROJECT_ROOT,
    stdio: 'pipe',
  });
  server = http.createServer((req, res) => {
    void serveConsoleRequest(new Request(`${APP_ORIGIN}${req.url ?? '/'}`, { method: req.method }), rendererDir).then(async (response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = (await launchBrowser()).browser;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  fs.rmSync(rendererDir, { recursive: true, force: true });
});

/**
 * Browser-side code is passed as source text: src-main is type-checked without the DOM library.
 * The fake bridge answers like the owner's IPC dispatcher for the calls the shell makes first.
 */
const FAKE_BRIDGE = `
  const owner = { id: 1, email: 'owner@tokenaltar.local', display_name: 'Owner', role: 'admin', enabled: true,
    points_balance: 0, anonymous_leaderboard: false, created_at: '2026-01-01T00:00:00Z' };
  window.tokenaltar = {
    call: async (op) => op === 'me.get' ? { ok: true, value: owner } : { ok: false, status: 503, error: op + ' is not answered in this test' },
    on: () => () => undefined,
    gatewayUrl: async () => 'http://127.0.0.1:8080',
  };`;
const REPORT_VIOLATIONS = `
  document.addEventListener('securitypolicyviolation', (e) => window.reportViolation(e.violatedDirective + ' ' + e.blockedURI));`;
const TRY_INLINE_SCRIPT = `(async () => {
  const s = document.createElement('script');
  s.textContent = 'window.inlineRan = true';
  document.body.appendChild(s);
  await new Promise((r) => setTimeout(r, 50));
  return window.inlineRan === true;
})()`;

describe('console under the window’s CSP (Chromium)', () => {
  it('renders the real console build with no CSP violation, and refuses inline script', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
    await page.addInitScript({ content: REPORT_VIOLATIONS });
    await page.addInitScript({ content: FAKE_BRIDGE });
    const response = await page.goto(`${origin}/`);
    expect(response?.headers()['content-security-policy']).toMatch(/default-src 'none'/);

    // Signed in through the bridge: the shell shows the owner, not the login page.
    await page.getByText('Owner', { exact: false }).first().waitFor({ timeout: 15_000 });
    expect(await page.locator('#root *').count()).toBeGreaterThan(10);
    expect(violations).toEqual([]);

    const ran = await page.evaluate<boolean>(TRY_INLINE_SCRIPT);
    expect(ran).toBe(false);
    await expect.poll(() => violations.some((v) => v.startsWith('script-src'))).toBe(true);
    await page.close();
  }, 60_000);
});
