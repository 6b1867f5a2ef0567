import { toMicro } from '../../src-shared/points';
import type { RuntimeSettings } from '../settings/runtime-settings';
import type { PriceDbRow, PriceFields, PricesStore } from '../store/prices-store';
import { PRICE_PRESETS } from './price-presets';
import { resolvePrice, type PriceRow, type ResolvedPrice } from './price-resolution';

/** Bump when the preset list changes in a way existing installs should receive. */
export const PRICE_PRESET_SEED = 'price_presets_v1';

/**
 * Prices for the gateway and the console. The gateway resolves a tariff on every request, so
 * the (small) price table is held in memory and reloaded after each write through this service.
 */
export class PricingService {
  private cache: PriceRow[] | null = null;

  constructor(
    private readonly store: PricesStore,
    private readonly settings: RuntimeSettings,
  ) {}

  /** Seeds the built-in global presets the first time this database sees them. */
  seedPresets(): number {
    const rows: PriceFields[] = PRICE_PRESETS.map((p) => ({
      channel_id: null,
      model_pattern: p.model_pattern,
      input_micro: toMicro(p.input_price_per_1m),
      output_micro: toMicro(p.output_price_per_1m),
      cache_micro: toMicro(p.cache_price_per_1m),
      cache_write_micro: p.cache_write_price_per_1m === null ? null : toMicro(p.cache_write_price_per_1m),
    }));
    const n = this.store.seedOnce(PRICE_PRESET_SEED, rows);
    if (n > 0) this.invalidate();
    return n;
  }

  resolve(channelId: number | null, model: string): ResolvedPrice {
    const s = this.settings;
    const cacheWrite = s.get('fallback_cache_write_price_per_1m');
    const resolved = resolvePrice(this.rows(), channelId, model, {
      inputMicro: toMicro(s.get('fallback_input_price_per_1m')),
      outputMicro: toMicro(s.get('fallback_output_price_per_1m')),
      cacheMicro: toMicro(s.get('fallback_cache_price_per_1m')),
    });
    if (resolved.tier === 'fallback' && cacheWrite !== null) resolved.tariff.cacheWriteMicro = toMicro(cacheWrite);
    return resolved;
  }

  list(): PriceDbRow[] {
    return this.store.list();
  }
  get(id: number): PriceDbRow | undefined {
    return this.store.get(id);
  }
  findByScope(channelId: number | null, pattern: string): PriceDbRow | undefined {
    return this.store.findByScope(channelId, pattern);
  }
  create(fields: PriceFields, createdBy: number): PriceDbRow {
    const id = this.store.insert(fields, createdBy);
    this.invalidate();
    return this.store.get(id)!;
  }
  update(id: number, fields: PriceFields): PriceDbRow {
    this.store.update(id, fields);
    this.invalidate();
    return this.store.get(id)!;
  }
  delete(id: number): boolean {
    const ok = this.store.delete(id);
    this.invalidate();
    return ok;
  }
  /** Call after anything else changes the table (a channel deletion cascades its prices). */
  invalidate(): void {
    this.cache = null;
  }

  private rows(): PriceRow[] {
    if (!this.cache) {
      this.cache = this.store.list().map((r) => ({
        id: r.id,
        channelId: r.channel_id,
        modelPattern: r.model_pattern,
        inputMicro: r.input_micro,
        outputMicro: r.output_micro,
        cacheMicro: r.cache_micro,
        cacheWriteMicro: r.cache_write_micro,
      }));
    }
    return this.cache;
  }
}
