import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type Koa from 'koa';

/** dist-renderer/ at the project root (two levels above src-main/http and dist-main/http). */
export function defaultConsoleDir(): string {
  return process.env.TOKENALTAR_CONSOLE_DIR ?? fileURLToPath(new URL('../../dist-renderer/', import.meta.url));
}

/** Paths the console must never answer: the API, the gateway and liveness keep their own 404s. */
const RESERVED = /^\/(api|v1|v1beta|healthz)(\/|$)/;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Vite names everything under /assets/ by content hash: safe to cache forever. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current hashes, so the browser must revalidate it every time. */
const REVALIDATE = 'no-cache';

function fileIn(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const full = path.resolve(root, '.' + path.posix.normalize(decoded));
  if (full !== root && !full.startsWith(root + path.sep)) return null;
  try {
    return fs.statSync(full).isFile() ? full : null;
  } catch {
    return null;
  }
}

/**
 * Serves the built console (dist-renderer/) with an SPA fallback: a GET for a page route gets
 * index.html; a missing file with an extension (a stale asset) gets a real 404, not HTML.
 * Mount after the API and gateway routes; it only answers what they left unanswered.
 */
export function staticConsole(distDir: string): Koa.Middleware {
  const root = path.resolve(distDir);
  const indexFile = path.join(root, 'index.html');
  return async (ctx, next) => {
    await next();
    if (ctx.body !== undefined || ctx.status !== 404) return;
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return;
    if (RESERVED.test(ctx.path)) return;
    let file = ctx.path === '/' ? null : fileIn(root, ctx.path);
    if (!file) {
      if (path.posix.extname(ctx.path) !== '') return;
      if (!fs.existsSync(indexFile)) return;
      file = indexFile;
    }
    const ext = path.extname(file).toLowerCase();
    ctx.status = 200;
    ctx.type = CONTENT_TYPES[ext] ?? 'application/octet-stream';
    ctx.set('Cache-Control', file.startsWith(path.join(root, 'assets') + path.sep) ? IMMUTABLE : REVALIDATE);
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.length = fs.statSync(file).size;
    ctx.body = ctx.method === 'HEAD' ? null : fs.createReadStream(file);
  };
}
