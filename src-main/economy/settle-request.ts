import type { CoreServices } from '../core/services';
import type { LedgerInsert, LedgerRow } from '../store/ledger-store';
import { computeSettlement, type Tariff } from './settlement-formula';
import { tokensFromUsage, type CanonicalUsage } from './tokens-from-usage';

export interface RequestOutcome {
  requestId: string;
  userId: number;
  apiKeyId: number;
  channelId: number;
  providerUserId: number;
  route: string;
  upstreamProtocol: string;
  model: string;
  stream: boolean;
  status: 'ok' | 'error';
  httpStatus: number | null;
  /** What the upstream reported; null when it reported nothing (then `estimate` is billed). */
  usage: CanonicalUsage | null;
  estimate: CanonicalUsage;
  reasoningTokens: number;
  tokenizerNote: string;
  durationMs: number;
  ttftMs: number | null;
  error: string | null;
  /** The surge multiplier quoted when the request was routed (default 1). */
  surgeMultiplier?: number;
  /** The channel's fire-sale discount when its sale was in force at routing time; else null. */
  fireSaleFactor?: number | null;
}

/** The tariff in force for this request (price resolution plugs in here). */
export type TariffResolver = (core: CoreServices, channelId: number, model: string) => { tariff: Tariff; source: string };

/** Prices as configured: channel pattern, channel default, global pattern, global default, fallback. */
export const priceTariff: TariffResolver = (core, channelId, model) => {
  const r = core.economy.pricing.resolve(channelId, model);
  return { tariff: r.tariff, source: r.source };
};

/**
 * Settles one finished request in ONE transaction: debit the member (and the key's spend),
 * credit the channel owner their share and the system account the rest, write the ledger row.
 * Failed requests write an `error` row that moves no points. The formula is settlement-formula.ts;
 * cost = provider + system exactly, so points are conserved.
 */
export function settleRequest(core: CoreServices, o: RequestOutcome, resolveTariff: TariffResolver = priceTariff): LedgerRow {
  const usage = o.usage ?? o.estimate;
  const tokens = tokensFromUsage(usage);
  const { tariff, source } = resolveTariff(core, o.channelId, o.model);
  const s = computeSettlement(tokens, tariff, {
    surgeMultiplier: o.surgeMultiplier ?? 1,
    fireSaleFactor: o.fireSaleFactor ?? null,
    providerShare: core.settings.get('provider_share'),
    roundDigits: core.settings.get('settlement_round_digits'),
  });
  const charge = o.status === 'ok';
  return core.db.transaction((): LedgerRow => {
    let cost = charge ? s.costMicro : 0;
    let provider = charge ? s.providerMicro : 0;
    let formula = s.formula;
    const balance = core.stores.users.get(o.userId)?.balance_micro ?? 0;
    if (cost > balance) {
      // The member was checked before forwarding, but concurrent requests may have spent it since:
      // never lose the settlement, take what is there and say so.
      // Keep the provider's proportion exactly (BigInt: cost × provider can pass 2^53).
      provider = cost === 0 ? 0 : Number((BigInt(balance) * BigInt(provider)) / BigInt(cost));
      cost = balance;
      formula += ` (capped at the member's remaining balance)`;
    }
    const system = cost - provider;
    if (cost > 0) {
      core.stores.users.adjustBalance(o.userId, -cost);
      if (provider > 0) core.stores.users.adjustBalance(o.providerUserId, provider);
      if (system !== 0) core.stores.ledger.creditSystem(system);
    }
    core.stores.apiKeys.addSpent(o.apiKeyId, cost);
    const row: LedgerInsert = {
      request_id: o.requestId,
      created_at: Date.now(),
      user_id: o.userId,
      api_key_id: o.apiKeyId,
      channel_id: o.channelId,
      provider_user_id: o.providerUserId,
      route: o.route,
      upstream_protocol: o.upstreamProtocol,
      model: o.model,
      stream: o.stream ? 1 : 0,
      status: o.status,
      http_status: o.httpStatus,
      input_tokens: tokens.input,
      cached_tokens: tokens.cached,
      cache_write_tokens: tokens.cacheWrite,
      output_tokens: tokens.output,
      reasoning_tokens: o.reasoningTokens,
      usage_source: o.usage ? 'upstream' : 'estimate',
      tokenizer_note: o.tokenizerNote,
      input_price_micro: tariff.inputMicro,
      output_price_micro: tariff.outputMicro,
      cache_price_micro: tariff.cacheMicro,
      cache_write_price_micro: tariff.cacheWriteMicro,
      price_source: source,
      surge_multiplier: s.surgeMultiplier,
      fire_sale_factor: s.fireSaleFactor,
      provider_share: s.providerShare,
      cost_micro: cost,
      provider_micro: provider,
      system_micro: system,
      formula: charge ? formula : 'request failed: nothing charged',
      duration_ms: o.durationMs,
      ttft_ms: o.ttftMs,
      error: o.error,
    };
    const id = core.stores.ledger.insert(row);
    return { ...row, id };
  })();
}
