import type { ServerResponse } from 'node:http';
import type { CoreServices } from '../core/services';
import { classifyAttempt } from '../health/health-windows';
import { priceTariff, settleRequest, type TariffResolver } from '../economy/settle-request';
import type { CanonicalUsage } from '../economy/tokens-from-usage';
import type { AffinityRequest } from '../routing/affinity-key';
import type { AffinityDecision } from '../routing/affinity-service';
import type { KeyScope, Rejection } from '../routing/eligibility';
import { estimateInput, requestedMaxOutput, type InputEstimate } from '../routing/input-estimate';
import { reservationMicro } from '../routing/reservation-amount';
import { selectChannel } from '../routing/select-channel';
import type { GatewayKey } from '../store/api-keys-store';
import type { PoolChannel } from './channel-pool';
import type { AttemptOutcome } from './forward';
import { GatewayError } from './gateway-error';

/** What an attempt has observed so far, for settlement (also of a half-finished stream). */
export interface AttemptUsage {
  usage: CanonicalUsage | null;
  /** Output tokens counted locally, used when the upstream reported no usage. */
  outputTokensEstimate: number;
  reasoningTokens: number;
}

/** Starts one upstream attempt on a channel (forward.ts does the wire work). */
export type StartAttempt = (
  channel: PoolChannel,
  signal: AbortSignal,
  settle: (r: { status: number; ttftMs: number | null }) => Promise<void>,
) => { done: Promise<AttemptOutcome>; usage: () => AttemptUsage };

export interface RoutedRequest {
  requestId: string;
  startedAt: number;
  key: GatewayKey;
  scope: KeyScope;
  /** Client route name: openai-chat, openai-responses, anthropic, gemini. */
  route: string;
  upstreamProtocol: (channel: PoolChannel) => string;
  model: string;
  stream: boolean;
  body: Record<string, unknown>;
  headers: AffinityRequest['headers'];
  clientIp: string | null;
  /** Channels able to serve this route (protocol capability already applied). */
  candidates: PoolChannel[];
  res: ServerResponse;
  /** Aborted when the client goes away. */
  clientSignal: AbortSignal;
  tariff?: TariffResolver;
}

const REFUSAL_ERRORS = {
  balance: () => new GatewayError(402, 'Your TokenAltar points balance cannot cover this request.', 'insufficient_quota', 'insufficient_points'),
  'key-spend': () => new GatewayError(402, 'This API key has reached its spend limit.', 'insufficient_quota', 'spend_limit_reached'),
} as const;

function noChannelError(model: string, rejected: Map<number, Rejection>): GatewayError {
  const reasons = new Set(rejected.values());
  if (reasons.has('quota') || reasons.has('cooling')) {
    return new GatewayError(429, `Every channel for '${model}' is cooling down or out of quota right now; try again later.`, 'rate_limit_error', 'no_capacity');
  }
  return new GatewayError(503, `No channel is available for the model '${model}' right now.`, 'server_error', 'no_channel_available');
}

/**
 * The gateway's routing loop: choose, reserve, forward, then settle — or, when the attempt failed
 * before any semantic content reached the client, release, cool the channel down and try the
 * next one, up to `routing_max_attempts`. Once content flowed nothing is replayed.
 */
export async function routeWithRetries(core: CoreServices, pool: readonly PoolChannel[], req: RoutedRequest, start: StartAttempt): Promise<void> {
  const { routing, settings } = core;
  const tariffOf = req.tariff ?? priceTariff;
  const estimate: InputEstimate = estimateInput(req.body);
  const maxOutput = requestedMaxOutput(req.body) ?? settings.get('routing_default_max_output_tokens');
  const surge = routing.surge(pool, req.startedAt);
  const roundDigits = settings.get('settlement_round_digits');
  const holdCache = new Map<number, number>();
  const holdFor = (channelId: number) => {
    let v = holdCache.get(channelId);
    if (v === undefined) {
      v = reservationMicro(tariffOf(core, channelId, req.model).tariff, estimate.inputTokens, maxOutput, surge.multiplier, roundDigits);
      holdCache.set(channelId, v);
    }
    return v;
  };
  const affinity: AffinityDecision | null = routing.affinity.decide(
    { route: req.route, model: req.model, body: req.body, headers: req.headers, context: { api_key_id: req.key.id, user_id: req.key.user_id, client_ip: req.clientIp } },
    req.startedAt,
  );

  const tried = new Set<number>();
  const maxAttempts = settings.get('routing_max_attempts');
  let attempts = 0;
  let lastError: GatewayError | null = null;
  let lastChannel: PoolChannel | null = null;
  let lastRejected = new Map<number, Rejection>();
  let lastRefusal: 'balance' | 'key-spend' | null = null;

  while (attempts < maxAttempts) {
    if (req.clientSignal.aborted) return;
    const now = Date.now();
    const sel = selectChannel(
      routing.live(req.candidates, now),
      { key: req.scope, model: req.model, now, reserveMicro: (c) => holdFor(c.id), exclude: tried },
      { boundChannelId: affinity?.boundChannelId ?? null, fireSaleWeightFactor: settings.get('fire_sale_weight_factor'), weightMode: settings.get('route_weight_mode'), random: Math.random },
    );
    if (!sel.ok) {
      lastRejected = sel.rejected;
      break;
    }
    const channel = sel.channel as PoolChannel;
    tried.add(channel.id);
    // Group-committed with other requests of this turn; awaited before anything is forwarded.
    const hold = await core.commits.run(() => routing.reservations.reserve({
      requestId: req.requestId,
      userId: req.key.user_id,
      apiKeyId: req.key.id,
      channelId: channel.id,
      model: req.model,
      amountMicro: holdFor(channel.id),
      inputTokens: estimate.inputTokens,
      maxOutputTokens: maxOutput,
      tokenizerNote: estimate.note,
      now,
    }));
    if (!hold.ok) {
      // Not an upstream attempt: another request took the window since the snapshot, or this
      // channel's price is more than the member/key can hold (a cheaper channel may still fit).
      if (hold.refusal !== 'quota') lastRefusal = hold.refusal;
      continue;
    }
    attempts += 1;
    lastChannel = channel;
    const factors: PriceFactors = { surgeMultiplier: surge.multiplier, fireSaleFactor: sel.fireSale ? (channel.fireSale?.discount ?? null) : null };
    const result = await runAttempt(core, req, channel, hold.id, estimate, start, tariffOf, factors);
    if (result.kind === 'done') {
      if (affinity && result.served) routing.affinity.served(affinity, channel.id, Date.now());
      return;
    }
    lastError = result.error;
    if (affinity && channel.id === affinity.boundChannelId) routing.affinity.boundFailed(affinity);
    const cooldownMs = Math.max(settings.get('routing_retry_cooldown_seconds') * 1000, result.retryAfterMs ?? 0);
    if (cooldownMs > 0) {
      routing.cooldowns.coolDown(channel.id, Date.now() + cooldownMs);
      core.events.publish(['channels', 'health'], 'all');
    }
    core.log.warn({ request: req.requestId, channel: channel.id, attempt: attempts, status: result.error.status, code: result.error.code }, 'upstream attempt failed before content; trying the next channel');
  }

  if (lastChannel && lastError) {
    settleRequest(core, ledgerOutcome(req, lastChannel, estimate, null, 'error', lastError.status, null, lastError.message), tariffOf);
    core.events.publish(['ledger'], { userIds: [req.key.user_id] });
    throw lastError;
  }
  if (lastRefusal) throw REFUSAL_ERRORS[lastRefusal]();
  throw noChannelError(req.model, lastRejected);
}

type AttemptResult = { kind: 'done'; served: boolean } | { kind: 'retry'; error: GatewayError; retryAfterMs: number | null };

/** Surge and fire-sale as quoted when the channel was chosen; settlement charges by them. */
interface PriceFactors {
  surgeMultiplier: number;
  fireSaleFactor: number | null;
}
const NO_FACTORS: PriceFactors = { surgeMultiplier: 1, fireSaleFactor: null };

function ledgerOutcome(req: RoutedRequest, channel: PoolChannel, estimate: InputEstimate, u: AttemptUsage | null, status: 'ok' | 'error', httpStatus: number | null, ttftMs: number | null, error: string | null, factors: PriceFactors = NO_FACTORS) {
  return {
    ...factors,
    requestId: req.requestId,
    userId: req.key.user_id,
    apiKeyId: req.key.id,
    channelId: channel.id,
    providerUserId: channel.ownerId,
    route: req.route,
    upstreamProtocol: req.upstreamProtocol(channel),
    model: req.model,
    stream: req.stream,
    status,
    httpStatus,
    usage: u?.usage ?? null,
    // Read lazily: the estimate is only billed (and only worth tokenizing) without upstream usage.
    estimate: { inTotal: estimate.inputTokens, cacheRead: 0, cacheWrite: 0, outTotal: u?.usage ? 0 : (u?.outputTokensEstimate ?? 0) },
    reasoningTokens: u?.reasoningTokens ?? 0,
    tokenizerNote: u?.usage ? 'usage reported by upstream' : estimate.note,
    durationMs: Date.now() - req.startedAt,
    ttftMs,
    error,
  };
}

/** One attempt on one channel with its reservation: settle, release, time out, record health. */
async function runAttempt(
  core: CoreServices,
  req: RoutedRequest,
  channel: PoolChannel,
  reservationId: number,
  estimate: InputEstimate,
  start: StartAttempt,
  tariffOf: TariffResolver,
  factors: PriceFactors,
): Promise<AttemptResult> {
  const { routing, settings } = core;
  const attemptStart = Date.now();
  const controller = new AbortController();
  const onClientAbort = () => controller.abort();
  req.clientSignal.addEventListener('abort', onClientAbort, { once: true });
  let timedOut = false;
  // Streams must show a first token in time; a non-stream reply arrives whole, so it gets the
  // overall upstream timeout instead. Either way the timer only fires while nothing was sent.
  const limitMs = req.stream ? (channel.firstTokenTimeoutMs ?? settings.get('routing_first_token_timeout_seconds') * 1000) : settings.get('upstream_timeout_seconds') * 1000;
  const timer = setTimeout(() => {
    if (req.res.headersSent) return;
    timedOut = true;
    controller.abort();
  }, limitMs);

  let settled = false;
  let handle: ReturnType<StartAttempt> | null = null;
  const settle = async (status: number, ttftMs: number | null, error: string | null, okStatus: boolean): Promise<void> => {
    if (settled) return;
    settled = true;
    const usage = handle?.usage() ?? null;
    const outcome = ledgerOutcome(req, channel, estimate, usage, okStatus ? 'ok' : 'error', status, ttftMs, error, factors);
    try {
      // Committed (with this turn's other settlements) before the caller sends the last byte.
      await core.commits.run(() =>
        routing.reservations.settle(reservationId, Date.now(), () => {
          const row = settleRequest(core, outcome, tariffOf);
          return { result: row, chargedMicro: row.cost_micro };
        }),
      );
    } catch (err) {
      // The settlement rolled back whole; never leave its holds blocking the member and the windows.
      routing.reservations.release(reservationId);
      core.log.error({ err, request: req.requestId, channel: channel.id }, 'settlement failed; reservation released');
      throw err;
    }
    core.events.publish(['ledger', 'me'], { userIds: [req.key.user_id, channel.ownerId] });
    // Leaderboards and pool capacity (window usage on every dashboard) are everyone's view;
    // consoles coalesce bursts of these (src-renderer/api/topic-coalescer.ts).
    core.events.publish(['leaderboards', 'channels'], 'all');
  };
  const record = (status: ReturnType<typeof classifyAttempt>, httpStatus: number | null, ttftMs: number | null, error: string | null) =>
    routing.health.record({ channel_id: channel.id, at: Date.now(), status, http_status: httpStatus, ttft_ms: ttftMs, total_ms: Date.now() - attemptStart, source: 'gateway', error });

  try {
    handle = start(channel, controller.signal, ({ status, ttftMs }) => settle(status, ttftMs, status < 400 ? null : `upstream status ${status}`, status < 400));
    let outcome: AttemptOutcome;
    try {
      outcome = await handle.done;
    } catch (err) {
      if (req.clientSignal.aborted) {
        // The client went away: bill what was produced so far (the local estimate if need be).
        await settle(499, null, 'client disconnected', true);
        if (!req.res.writableEnded) req.res.destroy();
        return { kind: 'done', served: false };
      }
      if (!timedOut) throw err;
      const what = req.stream ? 'first token' : 'reply';
      outcome = { kind: 'failed-before-content', error: new GatewayError(504, `upstream sent no ${what} within ${limitMs / 1000} s`, 'server_error', 'upstream_timeout', true), retryAfterMs: null };
    }
    if (outcome.kind === 'relayed') {
      if (!settled) await settle(outcome.status, outcome.ttftMs, null, outcome.status < 400);
      record(classifyAttempt({ httpStatus: outcome.status, contentSent: outcome.semantic, empty: false, brokeAfterContent: false }), outcome.status, outcome.ttftMs, null);
      return { kind: 'done', served: outcome.status < 400 };
    }
    if (outcome.kind === 'failed-after-content') {
      if (!settled) await settle(502, outcome.ttftMs, outcome.error.message, true);
      record('degraded', 200, outcome.ttftMs, outcome.error.message);
      return { kind: 'done', served: false };
    }
    routing.reservations.release(reservationId);
    const empty = outcome.error.code === 'empty_reply';
    const httpStatus = outcome.error.code === 'upstream_unreachable' || outcome.error.code === 'upstream_timeout' ? null : outcome.error.status;
    record(empty ? 'empty' : 'down', empty ? 200 : httpStatus, null, outcome.error.message);
    return { kind: 'retry', error: outcome.error, retryAfterMs: outcome.retryAfterMs };
  } catch (err) {
    // Unexpected failure inside the attempt: never leave the holds behind.
    if (!settled) routing.reservations.release(reservationId);
    throw err;
  } finally {
    clearTimeout(timer);
    req.clientSignal.removeEventListener('abort', onClientAbort);
  }
}
