import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_ENTRY_URL, isConsoleUrl, resolveConsoleFile, serveConsoleRequest } from './app-protocol';
import { CONSOLE_CSP } from './content-security';

let root: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ta-renderer-'));
  fs.mkdirSync(path.join(root, 'assets'));
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><script type="module" src="/assets/app.js"></script>');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'assets', 'app.css'), 'body{}');
  fs.writeFileSync(path.join(os.tmpdir(), 'ta-outside-secret.txt'), 'outside');
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const get = (url: string, method = 'GET'): Promise<Response> => serveConsoleRequest(new Request(url, { method }), root);

describe('app:// console protocol', () => {
  it('serves index.html at the entry URL with the strict CSP', async () => {
    const res = await get(CONSOLE_ENTRY_URL);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('/assets/app.js');
  });

  it('serves assets with their content type', async () => {
    const js = await get('app://console/assets/app.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log(1)');
    expect((await get('app://console/assets/app.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers client-side routes with index.html, but a missing asset with 404', async () => {
    const route = await get('app://console/channels/3');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<!doctype html>');
    expect((await get('app://console/assets/missing.js')).status).toBe(404);
  });

  it('never reads outside the renderer directory', async () => {
    for (const url of [
      'app://console/../ta-outside-secret.txt',
      'app://console/%2e%2e/ta-outside-secret.txt',
      'app://console/assets/..%2f..%2fta-outside-secret.txt',
      'app://console/..%5cta-outside-secret.txt',
    ]) {
      const res = await get(url);
      expect(await res.text(), url).not.toBe('outside');
    }
    expect(resolveConsoleFile('app://console/assets/..%2f..%2fx', root)).toBeNull();
  });

  it('belongs to one origin only and serves only reads', async () => {
    expect(isConsoleUrl('app://console/x')).toBe(true);
    expect(isConsoleUrl('app://other/x')).toBe(false);
    expect(isConsoleUrl('http://console/x')).toBe(false);
    expect(isConsoleUrl('not a url')).toBe(false);
    expect((await get('app://other/index.html')).status).toBe(404);
    expect((await get('app://console/index.html', 'POST')).status).toBe(405);
    const head = await get('app://console/', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('explains a missing build instead of showing a blank window', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'ta-empty-'));
    const res = await serveConsoleRequest(new Request('app://console/'), empty);
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/build:renderer/);
    fs.rmSync(empty, { recursive: true, force: true });
  });
});
