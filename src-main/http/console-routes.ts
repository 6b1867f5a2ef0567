import type Router from '@koa/router';
import type { Context } from 'koa';
import { contract, type OpName } from '../../src-shared/api/contract';
import { authenticateSession } from '../accounts/session-auth';
import type { ApiDispatcher } from '../api/dispatch';
import { ApiError } from '../api/errors';
import type { Identity } from '../api/handler';
import type { CoreServices } from '../core/services';
import { BodyTooLargeError, readRawBody } from './read-body';

const CONSOLE_BODY_LIMIT = 2 * 1024 * 1024;

/** `Authorization: Bearer ta-...` -> identity. `sk-` gateway keys are never accepted here. */
export function sessionIdentity(core: CoreServices, ctx: Context): Identity | null {
  const m = /^Bearer\s+(\S+)$/i.exec(ctx.get('authorization'));
  return m ? authenticateSession(core, m[1]!) : null;
}

async function readJson(ctx: Context): Promise<Record<string, unknown>> {
  if (ctx.method === 'GET' || ctx.method === 'DELETE') return {};
  let raw: Buffer;
  try {
    raw = await readRawBody(ctx.req, CONSOLE_BODY_LIMIT);
  } catch (err) {
    if (err instanceof BodyTooLargeError) throw new ApiError(413, err.message, 'too_large');
    throw err;
  }
  if (raw.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new ApiError(400, 'the body is not valid JSON', 'invalid_json');
  }
  // A few operations take a list (`POST /api/settings` takes `[{key, value}]`): it arrives as `items`.
  if (Array.isArray(parsed)) return { items: parsed };
  if (parsed === null || typeof parsed !== 'object') {
    throw new ApiError(400, 'the body must be a JSON object or array', 'invalid_json');
  }
  return parsed as Record<string, unknown>;
}

/** Mounts every contract operation as a REST route; all of them go through the dispatcher. */
export function mountConsoleRoutes(router: Router, core: CoreServices, dispatcher: ApiDispatcher): void {
  for (const name of Object.keys(contract) as OpName[]) {
    const def = contract[name];
    const method = def.method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete';
    router[method](def.path, async (ctx) => {
      const identity = sessionIdentity(core, ctx);
      const body = await readJson(ctx);
      // Path params win over query and body, so a body cannot retarget `:id`.
      const input = { ...ctx.query, ...body, ...ctx.params };
      const result = await dispatcher.dispatch(name, input, identity);
      if (def.raw && result && typeof result === 'object' && 'contentType' in result && 'body' in result) {
        const r = result as { contentType: string; body: string; filename?: string };
        ctx.type = r.contentType;
        if (r.filename) ctx.attachment(r.filename);
        ctx.body = r.body;
        return;
      }
      ctx.set('Cache-Control', 'no-store');
      ctx.body = result;
    });
  }
}
