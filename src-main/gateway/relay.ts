import crypto from 'node:crypto';
import type { Context } from 'koa';
import { matchesAny } from '../../src-shared/model-pattern';
import type { CoreServices } from '../core/services';
import { countTextTokens } from '../routing/input-estimate';
import type { GatewayKey } from '../store/api-keys-store';
import { authenticateClientKey, extractClientKey } from './client-key';
import type { ChannelPool, PoolChannel } from './channel-pool';
import { forwardAttempt } from './forward';
import { routeWithRetries } from './retry-loop';
import { GatewayError } from './gateway-error';
import { ChatPassthrough, ResponsesPassthrough, type PassthroughObserver } from './openai-passthrough';
import { BodyTooLargeError, readRawBody } from '../http/read-body';

export type ClientProtocol = 'openai-chat' | 'openai-responses';

export interface GatewayDeps {
  core: CoreServices;
  pool: ChannelPool;
}

interface ParsedRequest {
  raw: Buffer;
  json: Record<string, unknown>;
  model: string;
  stream: boolean;
}

const UPSTREAM_PATH: Record<ClientProtocol, string> = {
  'openai-chat': '/chat/completions',
  'openai-responses': '/responses',
};

/** Which channel providers speak a client protocol natively (conversion adds more). */
function servesNatively(channel: PoolChannel, protocol: ClientProtocol): boolean {
  if (protocol === 'openai-chat') return channel.provider === 'openai' || channel.provider === 'openai-compatible';
  return channel.provider === 'openai';
}

async function parseRequest(ctx: Context, core: CoreServices): Promise<ParsedRequest> {
  const limit = core.settings.bootValues.request_body_limit_mb * 1024 * 1024;
  let raw: Buffer;
  try {
    raw = await readRawBody(ctx.req, limit);
  } catch (err) {
    if (err instanceof BodyTooLargeError) throw new GatewayError(413, `Request body exceeds ${core.settings.bootValues.request_body_limit_mb} MB.`, 'invalid_request_error', 'request_too_large');
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new GatewayError(400, 'We could not parse the JSON body of your request.', 'invalid_request_error', 'invalid_json');
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new GatewayError(400, 'The request body must be a JSON object.', 'invalid_request_error', 'invalid_json');
  }
  const body = json as Record<string, unknown>;
  if (typeof body.model !== 'string' || !body.model.trim()) {
    throw new GatewayError(400, 'You must provide a model parameter.', 'invalid_request_error', 'missing_model');
  }
  return { raw, json: body, model: body.model, stream: body.stream === true };
}

function checkKeyAllows(key: GatewayKey, model: string): void {
  const allowed = JSON.parse(key.allowed_models) as string[];
  if (allowed.length > 0 && !matchesAny(allowed, model)) {
    throw new GatewayError(403, `This API key may not use the model '${model}'.`, 'permission_error', 'model_not_allowed');
  }
  if (key.spend_limit_micro !== null && key.spent_micro >= key.spend_limit_micro) {
    throw new GatewayError(402, 'This API key has reached its spend limit.', 'insufficient_quota', 'spend_limit_reached');
  }
  if (key.user_balance_micro <= 0) {
    throw new GatewayError(402, 'Your TokenAltar points balance is exhausted.', 'insufficient_quota', 'insufficient_points');
  }
}

/**
 * Stream bodies are relayed as sent, except that we ask the upstream for the final usage chunk
 * (`stream_options.include_usage`) when the client did not: settlement needs it.
 */
function upstreamBody(req: ParsedRequest, protocol: ClientProtocol): { body: Buffer; clientWantsUsage: boolean } {
  if (protocol !== 'openai-chat' || !req.stream) return { body: req.raw, clientWantsUsage: true };
  const so = req.json.stream_options as Record<string, unknown> | undefined;
  if (so && so.include_usage === true) return { body: req.raw, clientWantsUsage: true };
  const body = { ...req.json, stream_options: { ...(so ?? {}), include_usage: true } };
  return { body: Buffer.from(JSON.stringify(body)), clientWantsUsage: false };
}

/** The gateway's request path: authenticate, choose a channel, forward, settle. */
export async function relay(ctx: Context, deps: GatewayDeps, protocol: ClientProtocol): Promise<void> {
  const { core, pool } = deps;
  const startedAt = Date.now();
  const requestId = `req_${crypto.randomBytes(12).toString('hex')}`;
  ctx.set('x-request-id', requestId);
  const key = authenticateClientKey(core, extractClientKey(ctx));
  const req = await parseRequest(ctx, core);
  checkKeyAllows(key, req.model);

  const allowedChannels = key.channel_scope === 'all' ? null : new Set(core.stores.apiKeys.explicitChannelIds(key.id));
  const { body, clientWantsUsage } = upstreamBody(req, protocol);

  const abort = new AbortController();
  const onClose = () => {
    if (!ctx.res.writableFinished) abort.abort();
  };
  ctx.res.once('close', onClose);
  ctx.respond = false;
  try {
    const all = pool.all();
    await routeWithRetries(
      core,
      all,
      {
        requestId,
        startedAt,
        key,
        scope: { allowedModels: JSON.parse(key.allowed_models) as string[], allowedChannelIds: allowedChannels },
        route: protocol,
        upstreamProtocol: () => protocol,
        model: req.model,
        stream: req.stream,
        body: req.json,
        headers: ctx.headers,
        clientIp: ctx.ip || null,
        candidates: all.filter((c) => servesNatively(c, protocol)),
        res: ctx.res,
        clientSignal: abort.signal,
      },
      (channel, signal, settle) => {
        // A fresh observer per attempt: a failed attempt's partial state must not leak into the next.
        const observer: PassthroughObserver = protocol === 'openai-chat' ? new ChatPassthrough(clientWantsUsage) : new ResponsesPassthrough();
        const done = forwardAttempt({ core, channel, upstreamPath: UPSTREAM_PATH[protocol], body, stream: req.stream, observer, res: ctx.res, requestId, signal, startedAt, settle });
        return { done, usage: () => ({ usage: observer.usage, outputTokensEstimate: countTextTokens(observer.outputText), reasoningTokens: observer.reasoningTokens }) };
      },
    );
  } catch (err) {
    // Nothing was written yet: let the error middleware render it in the client's protocol.
    if (!ctx.res.headersSent) ctx.respond = true;
    throw err;
  } finally {
    ctx.res.off('close', onClose);
  }
}
