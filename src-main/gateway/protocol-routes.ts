import type Router from '@koa/router';
import type { Context } from 'koa';
import { matchesAny } from '../../src-shared/model-pattern';
import type { CoreServices } from '../core/services';
import { readRawBody } from '../http/read-body';
import { GatewayError } from '../protocols/errors';
import type { WireProtocol } from '../protocols/adapter';
import { estimateInput } from '../routing/input-estimate';
import type { ChannelPool } from './channel-pool';
import { authenticateClientKey, extractClientKey } from './client-key';
import { anthropicModelList, channelsForKey, geminiModelList, modelsForKey, openaiModelList } from './model-list';
import { relay } from './relay';
import { callUpstream } from './upstream-client';
import { upstreamHeaders } from './upstream-request';

/**
 * The routes beyond OpenAI's: Anthropic Messages, Gemini generate/stream, the model lists each
 * SDK asks for, and token counting (issue 3 point 1).
 */
export function mountProtocolRoutes(router: Router, core: CoreServices, pool: ChannelPool): void {
  const deps = { core, pool };
  router.post('/v1/messages', (ctx) => relay(ctx, deps, 'anthropic'));
  router.post('/v1/messages/count_tokens', (ctx) => countTokens(ctx, core, pool, 'anthropic'));

  // One segment `{model}:{method}`: Koa's router cannot split on the colon itself.
  router.post('/v1beta/models/:modelAction', async (ctx) => {
    ctx.state.clientProtocol = 'gemini';
    const m = /^(.+):(generateContent|streamGenerateContent|countTokens)$/.exec(ctx.params.modelAction ?? '');
    if (!m?.[1]) throw new GatewayError(404, `Unknown route: ${ctx.method} ${ctx.path}`, 'invalid_request_error', 'unknown_url');
    const model = decodeURIComponent(m[1]);
    if (m[2] === 'countTokens') return countTokens(ctx, core, pool, 'gemini', model);
    const stream = m[2] === 'streamGenerateContent';
    return relay(ctx, deps, 'gemini', { model, stream, format: stream && ctx.query.alt !== 'sse' ? 'json-array' : 'sse' });
  });

  router.get('/v1beta/models', (ctx) => {
    ctx.state.clientProtocol = 'gemini';
    const key = authenticateClientKey(core, extractClientKey(ctx));
    ctx.body = geminiModelList(modelsForKey(core, pool, key));
  });

  // models.get, which the Gemini SDK and CLI use to check a model before talking to it.
  router.get('/v1beta/models/:model', (ctx) => {
    ctx.state.clientProtocol = 'gemini';
    const key = authenticateClientKey(core, extractClientKey(ctx));
    const model = ctx.params.model ?? '';
    const found = geminiModelList(modelsForKey(core, pool, key).filter((m) => m === model)).models[0];
    if (!found) throw new GatewayError(404, `models/${model} is not found or not available to this key.`, 'not_found_error', 'model_not_found');
    ctx.body = found;
  });
}

/** GET /v1/models: Anthropic's shape when the caller is an Anthropic client, else OpenAI's. */
export function listModels(ctx: Context, core: CoreServices, pool: ChannelPool): void {
  const anthropic = isAnthropicCaller(ctx);
  if (anthropic) ctx.state.clientProtocol = 'anthropic';
  const key = authenticateClientKey(core, extractClientKey(ctx));
  const ids = modelsForKey(core, pool, key);
  ctx.body = anthropic ? anthropicModelList(ids) : openaiModelList(ids);
}

/** GET /v1/models/{id} (models.retrieve in both SDKs), same shape rule. */
export function getModel(ctx: Context, core: CoreServices, pool: ChannelPool): void {
  const anthropic = isAnthropicCaller(ctx);
  if (anthropic) ctx.state.clientProtocol = 'anthropic';
  const key = authenticateClientKey(core, extractClientKey(ctx));
  const id = ctx.params.id ?? '';
  const ids = modelsForKey(core, pool, key).filter((m) => m === id);
  if (!ids.length) throw new GatewayError(404, `The model '${id}' does not exist or is not available to this key.`, 'not_found_error', 'model_not_found');
  ctx.body = anthropic ? anthropicModelList(ids).data[0] : openaiModelList(ids).data[0];
}

const isAnthropicCaller = (ctx: Context) => ctx.get('anthropic-version') !== '' || (ctx.get('x-api-key') !== '' && ctx.get('authorization') === '');

const COUNT_PATH: Partial<Record<WireProtocol, (model: string) => string>> = {
  anthropic: () => '/v1/messages/count_tokens',
  gemini: (model) => `/v1beta/models/${encodeURIComponent(model)}:countTokens`,
};

/**
 * Token counting: passed through to a channel of the same protocol that serves the model,
 * else estimated locally and marked so (header and body).
 */
async function countTokens(ctx: Context, core: CoreServices, pool: ChannelPool, protocol: 'anthropic' | 'gemini', urlModel?: string): Promise<void> {
  ctx.state.clientProtocol = protocol;
  const key = authenticateClientKey(core, extractClientKey(ctx));
  const raw = await readRawBody(ctx.req, core.settings.bootValues.request_body_limit_mb * 1024 * 1024);
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new GatewayError(400, 'We could not parse the JSON body of your request.', 'invalid_request_error', 'invalid_json');
  }
  const model = urlModel ?? (typeof body.model === 'string' ? body.model : '');
  const allowedModels = JSON.parse(key.allowed_models) as string[];
  if (allowedModels.length > 0 && !matchesAny(allowedModels, model)) {
    throw new GatewayError(403, `This API key may not use the model '${model}'.`, 'permission_error', 'model_not_allowed');
  }
  const channel = channelsForKey(core, pool, key).find((c) => c.provider === protocol && matchesAny(c.models, model));
  const path = COUNT_PATH[protocol];
  if (channel && path) {
    try {
      const secret = channel.secretId === null ? '' : core.secrets.get(channel.secretId);
      const up = await callUpstream({ url: channel.baseUrl + path(model), headers: upstreamHeaders(protocol, secret, null), body: raw, signal: AbortSignal.timeout(30_000) });
      const text = await up.body.text();
      if (up.statusCode >= 200 && up.statusCode < 300) {
        ctx.status = 200;
        ctx.type = 'application/json';
        ctx.body = text;
        return;
      }
    } catch {
      // fall through to the local estimate
    }
  }
  const tokens = estimateInput(body).inputTokens;
  ctx.set('x-tokenaltar-token-count', 'estimate');
  ctx.body = protocol === 'anthropic' ? { input_tokens: tokens, estimated: true } : { totalTokens: tokens, estimated: true };
}
