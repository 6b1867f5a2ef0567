import crypto from 'node:crypto';
import type { Context } from 'koa';
import { matchesAny } from '../../src-shared/model-pattern';
import type { CoreServices } from '../core/services';
import { countTextTokens } from '../routing/input-estimate';
import type { GatewayKey } from '../store/api-keys-store';
import { authenticateClientKey, extractClientKey } from './client-key';
import type { ChannelPool } from './channel-pool';
import { forwardAttempt, newObservation } from './forward';
import { routeWithRetries } from './retry-loop';
import { GatewayError } from './gateway-error';
import { ClientRequest } from './client-request';
import type { WireProtocol } from '../protocols/adapter';
import { upstreamProtocolFor } from '../protocols/registry';
import type { StreamFormat } from '../protocols/sse';
import { BodyTooLargeError, readRawBody } from '../http/read-body';

export type ClientProtocol = WireProtocol;

export interface GatewayDeps {
  core: CoreServices;
  pool: ChannelPool;
}

/** What the URL says for protocols that put model and streaming there (Gemini). */
export interface RouteLine {
  model?: string;
  stream?: boolean;
  format?: StreamFormat;
}

async function parseRequest(ctx: Context, core: CoreServices, protocol: ClientProtocol, line: RouteLine): Promise<ClientRequest> {
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
  const model = line.model ?? body.model;
  if (typeof model !== 'string' || !model.trim()) {
    throw new GatewayError(400, 'You must provide a model parameter.', 'invalid_request_error', 'missing_model');
  }
  const stream = line.stream ?? body.stream === true;
  return new ClientRequest(protocol, raw, body, model, stream, line.format ?? 'sse', ctx.headers);
}

function checkKeyAllows(key: GatewayKey, allowed: readonly string[], model: string): void {
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

/** The gateway's request path: authenticate, choose a channel, forward, settle. */
export async function relay(ctx: Context, deps: GatewayDeps, protocol: ClientProtocol, line: RouteLine = {}): Promise<void> {
  const { core, pool } = deps;
  const startedAt = Date.now();
  const requestId = `req_${crypto.randomBytes(12).toString('hex')}`;
  ctx.set('x-request-id', requestId);
  ctx.state.clientProtocol = protocol;
  const key = authenticateClientKey(core, extractClientKey(ctx));
  const req = await parseRequest(ctx, core, protocol, line);
  const allowedModels = JSON.parse(key.allowed_models) as string[];
  checkKeyAllows(key, allowedModels, req.model);

  const allowedChannels = key.channel_scope === 'all' ? null : new Set(core.stores.apiKeys.explicitChannelIds(key.id));

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
        scope: { allowedModels, allowedChannelIds: allowedChannels },
        route: protocol,
        upstreamProtocol: (channel) => upstreamProtocolFor(protocol, channel.provider),
        model: req.model,
        stream: req.stream,
        body: req.json,
        headers: ctx.headers,
        clientIp: ctx.ip || null,
        // Every channel type can serve every client protocol: conversion covers the rest.
        candidates: all,
        res: ctx.res,
        clientSignal: abort.signal,
      },
      (channel, signal, settle) => {
        // A fresh observation per attempt: a failed attempt's partial state must not leak into the next.
        const observation = newObservation();
        const upstream = upstreamProtocolFor(protocol, channel.provider);
        const done = forwardAttempt({ core, channel, request: req, upstream, observation, res: ctx.res, requestId, signal, startedAt, settle });
        return {
          done,
          usage: () => ({
            usage: observation.usage,
            // Tokenizing the whole reply costs ~0.1 ms per 1k tokens: only when the upstream reported no usage.
            get outputTokensEstimate() {
              return countTextTokens(observation.outputText);
            },
            reasoningTokens: observation.reasoningTokens,
          }),
        };
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
