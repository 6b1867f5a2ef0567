import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import Router from '@koa/router';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticConsole } from './static-console';

let dir: string;
let server: http.Server;
let base: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'static-console-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
  fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'favicon.svg'), '<svg/>');
  fs.writeFileSync(path.join(os.tmpdir(), 'outside-secret.txt'), 'nope');
  const app = new Koa();
  const router = new Router();
  router.get('/api/me', (ctx) => {
    ctx.body = { me: true };
  });
  app.use(staticConsole(dir));
  app.use(router.routes());
  server = http.createServer(app.callback());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('staticConsole', () => {
  it('serves hashed assets as immutable and index.html as must-revalidate', async () => {
    const asset = await fetch(`${base}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const index = await fetch(`${base}/`);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(await index.text()).toContain('id="root"');
    const icon = await fetch(`${base}/favicon.svg`);
    expect(icon.headers.get('cache-control')).toBe('no-cache');
  });

  it('falls back to index.html for page routes', async () => {
    const res = await fetch(`${base}/channels/12`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('cache-control')).toBe('no-cache');
  });

  it('never shadows the API, the gateway or healthz', async () => {
    expect(await (await fetch(`${base}/api/me`)).json()).toEqual({ me: true });
    for (const p of ['/api/nope', '/v1/chat', '/v1', '/v1beta/models', '/healthz']) {
      const res = await fetch(base + p);
      expect(res.status, p).toBe(404);
      expect(res.headers.get('content-type') ?? '', p).not.toContain('text/html');
    }
  });

  it('answers a missing asset with 404, not HTML, and refuses to leave the folder', async () => {
    expect((await fetch(`${base}/assets/index-old999.js`)).status).toBe(404);
    expect((await fetch(`${base}/%2e%2e/outside-secret.txt`)).status).toBe(404);
    expect((await fetch(`${base}/..%2foutside-secret.txt`)).status).toBe(404);
  });

  it('does not answer writes', async () => {
    expect((await fetch(`${base}/channels`, { method: 'POST' })).status).toBe(404);
  });
});
