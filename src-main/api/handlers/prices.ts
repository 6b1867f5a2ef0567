import { priceOps, type PriceRecord, type PriceTier } from '../../../src-shared/api/ops/prices';
import { fromMicro, toMicro } from '../../../src-shared/points';
import type { CoreServices } from '../../core/services';
import type { PriceDbRow, PriceFields } from '../../store/prices-store';
import { ApiError, forbidden, notFound } from '../errors';
import type { HandlerMap, Identity } from '../handler';
import { iso } from '../records';

function priceRecord(r: PriceDbRow): PriceRecord {
  return {
    id: r.id,
    channel_id: r.channel_id,
    model_pattern: r.model_pattern,
    input_price_per_1m: fromMicro(r.input_micro),
    output_price_per_1m: fromMicro(r.output_micro),
    cache_price_per_1m: fromMicro(r.cache_micro),
    cache_write_price_per_1m: r.cache_write_micro === null ? null : fromMicro(r.cache_write_micro),
    preset: r.preset === 1,
    created_at: iso(r.created_at),
    updated_at: iso(r.updated_at),
  };
}

/** Global prices are the admin's; a channel's prices are its owner's (and the admin's). */
function assertMayWrite(core: CoreServices, identity: Identity, channelId: number | null): void {
  if (channelId === null) {
    if (identity.role !== 'admin') throw forbidden('only admins set global prices');
    return;
  }
  const channel = core.stores.channels.get(channelId);
  if (!channel || (identity.role !== 'admin' && channel.owner_id !== identity.userId)) throw notFound('channel');
}

function assertFree(core: CoreServices, fields: PriceFields, exceptId: number | null): void {
  const clash = core.economy.pricing.findByScope(fields.channel_id, fields.model_pattern);
  if (clash && clash.id !== exceptId) throw new ApiError(409, 'this scope already has a price for that pattern', 'duplicate_price');
}

const TIER_WORDS: Record<PriceTier, string> = {
  'channel-model': 'a price set on this channel for a pattern matching the model',
  'channel-default': "this channel's default price (no pattern on the channel matches the model)",
  'global-model': 'a global price for a pattern matching the model (the channel has no price of its own for it)',
  'global-default': 'the global default price (no pattern matches the model)',
  fallback: 'the runtime fallback rates from Settings (no price row applies)',
};

const micro = (points: number) => toMicro(points);
const microOrNull = (points: number | null) => (points === null ? null : toMicro(points));

export const priceHandlers: HandlerMap<typeof priceOps> = {
  'prices.list': (_input, { core }) => core.economy.pricing.list().map(priceRecord),
  'prices.create': (input, { core, identity }) => {
    assertMayWrite(core, identity, input.channel_id);
    const fields: PriceFields = {
      channel_id: input.channel_id,
      model_pattern: input.model_pattern,
      input_micro: micro(input.input_price_per_1m),
      output_micro: micro(input.output_price_per_1m),
      cache_micro: micro(input.cache_price_per_1m),
      cache_write_micro: microOrNull(input.cache_write_price_per_1m),
    };
    assertFree(core, fields, null);
    const row = core.economy.pricing.create(fields, identity.userId);
    core.events.publish(['prices'], 'all');
    return priceRecord(row);
  },
  'prices.update': (input, { core, identity }) => {
    const existing = core.economy.pricing.get(input.id);
    if (!existing) throw notFound('price');
    assertMayWrite(core, identity, existing.channel_id);
    const fields: PriceFields = {
      channel_id: input.channel_id !== undefined ? input.channel_id : existing.channel_id,
      model_pattern: input.model_pattern ?? existing.model_pattern,
      input_micro: input.input_price_per_1m !== undefined ? micro(input.input_price_per_1m) : existing.input_micro,
      output_micro: input.output_price_per_1m !== undefined ? micro(input.output_price_per_1m) : existing.output_micro,
      cache_micro: input.cache_price_per_1m !== undefined ? micro(input.cache_price_per_1m) : existing.cache_micro,
      cache_write_micro: input.cache_write_price_per_1m !== undefined ? microOrNull(input.cache_write_price_per_1m) : existing.cache_write_micro,
    };
    if (fields.channel_id !== existing.channel_id) assertMayWrite(core, identity, fields.channel_id);
    assertFree(core, fields, existing.id);
    const row = core.economy.pricing.update(existing.id, fields);
    core.events.publish(['prices'], 'all');
    return priceRecord(row);
  },
  'prices.lookup': (input, { core }) => {
    // The same resolver settlement uses, so the console's answer cannot drift from the ledger.
    const r = core.economy.pricing.resolve(input.channel_id ?? null, input.model);
    return {
      model: input.model,
      channel_id: input.channel_id ?? null,
      tier: r.tier,
      price_id: r.priceId,
      source: r.source,
      input_price_per_1m: fromMicro(r.tariff.inputMicro),
      output_price_per_1m: fromMicro(r.tariff.outputMicro),
      cache_price_per_1m: fromMicro(r.tariff.cacheMicro),
      cache_write_price_per_1m: fromMicro(r.tariff.cacheWriteMicro),
      why: `Priced by ${TIER_WORDS[r.tier]}. Order: channel pattern, channel default, global pattern, global default, fallback; among matching patterns the most specific wins (exact name, then the longest glob, then regular expressions).`,
    };
  },
  'prices.delete': (input, { core, identity }) => {
    const existing = core.economy.pricing.get(input.id);
    if (!existing) throw notFound('price');
    assertMayWrite(core, identity, existing.channel_id);
    core.economy.pricing.delete(existing.id);
    core.events.publish(['prices'], 'all');
    return { ok: true as const };
  },
};
