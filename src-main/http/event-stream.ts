import { PassThrough } from 'node:stream';
import type Router from '@koa/router';
import type { CoreServices } from '../core/services';
import { ApiError } from '../api/errors';
import { sessionIdentity } from './console-routes';

/**
 * `GET /api/events`: Server-Sent Events of `{topics: [...]}` invalidations the caller may see.
 * EventSource cannot set headers, so the session token may also come as `?token=`.
 */
export function mountEventStream(router: Router, core: CoreServices): void {
  router.get('/api/events', (ctx) => {
    if (!ctx.get('authorization') && typeof ctx.query.token === 'string') {
      ctx.request.headers.authorization = `Bearer ${ctx.query.token}`;
    }
    const identity = sessionIdentity(core, ctx);
    if (!identity) throw new ApiError(401, 'sign in first', 'unauthenticated');
    const stream = new PassThrough();
    ctx.req.socket.setTimeout(0);
    ctx.req.socket.setNoDelay(true);
    ctx.set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache, no-transform', 'X-Accel-Buffering': 'no' });
    ctx.status = 200;
    ctx.body = stream;
    stream.write(': connected\n\nretry: 2000\n\n');
    const unsubscribe = core.events.subscribe({
      userId: identity.userId,
      isAdmin: identity.role === 'admin',
      send: (topics) => stream.write(`data: ${JSON.stringify({ topics })}\n\n`),
    });
    // A comment every 25 s keeps proxies and idle timeouts from closing the stream.
    const heartbeat = setInterval(() => stream.write(': ping\n\n'), 25_000);
    const close = (): void => {
      clearInterval(heartbeat);
      unsubscribe();
      stream.end();
    };
    ctx.req.on('close', close);
    stream.on('error', close);
  });
}
