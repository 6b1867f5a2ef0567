import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { CONSOLE_SECURITY_HEADERS } from './content-security';

/**
 * The console is loaded from the built files in dist-renderer/ through a privileged custom
 * scheme, never from the LAN HTTP server (issue 7): the window keeps working while the gateway is
 * paused or rebinding, and nothing a LAN peer can reach is ever loaded with the owner's IPC
 * rights. A standard + secure scheme gives the page a real origin (`app://console`), so
 * Vite's absolute `/assets/...` URLs and the CSP's 'self' mean exactly these files.
 *
 * This module is plain Node (Request/Response are globals in Node 20), so it is tested for real.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'console';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const CONSOLE_ENTRY_URL = `${APP_ORIGIN}/`;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** True when a URL belongs to the console's own origin (used to vet navigation and IPC senders). */
export function isConsoleUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * Maps an `app://console/...` URL to a file under `root`, or null when it is not ours or would
 * escape `root` (`..`, encoded slashes, absolute paths).
 */
export function resolveConsoleFile(url: string, root: string): string | null {
  if (!isConsoleUrl(url)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  const resolvedRoot = path.resolve(root);
  const file = path.resolve(resolvedRoot, relative);
  if (file !== resolvedRoot && !file.startsWith(resolvedRoot + path.sep)) return null;
  return file;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

function textResponse(status: number, body: string): Response {
  return new Response(body, {
    status,
    headers: { ...CONSOLE_SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/**
 * Answers one `app://` request. Paths without a file extension that do not exist fall back to
 * index.html so client-side routes (`/channels/3`) survive a reload; missing assets are 404.
 */
export async function serveConsoleRequest(request: Request, root: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'method not allowed');
  const file = resolveConsoleFile(request.url, root);
  if (file === null) return textResponse(404, 'not found');

  let target = file;
  if (!(await isFile(target))) {
    const entry = path.resolve(root, 'index.html');
    if (target !== entry && path.extname(target) !== '') return textResponse(404, 'not found');
    target = entry;
    if (!(await isFile(target))) {
      return textResponse(503, 'The console has not been built: run `npm run build:renderer`.');
    }
  }
  const contentType = CONTENT_TYPES[path.extname(target).toLowerCase()] ?? 'application/octet-stream';
  const body = request.method === 'HEAD' ? null : await readFile(target);
  return new Response(body, {
    status: 200,
    headers: { ...CONSOLE_SECURITY_HEADERS, 'Content-Type': contentType, 'Cache-Control': 'no-cache' },
  });
}
