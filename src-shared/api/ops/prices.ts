import { z } from 'zod';
import { op } from '../define';
import { Id, ModelPattern } from '../common';

export interface PriceRecord {
  id: number;
  /** null: a global price. */
  channel_id: number | null;
  /** A model pattern, or `default` for the scope's default. */
  model_pattern: string;
  input_price_per_1m: number;
  output_price_per_1m: number;
  cache_price_per_1m: number;
  /** null: cache writes cost the input price. */
  cache_write_price_per_1m: number | null;
  /** Seeded from the built-in presets (still editable). */
  preset: boolean;
  created_at: string;
  updated_at: string;
}

export type PriceTier = 'channel-model' | 'channel-default' | 'global-model' | 'global-default' | 'fallback';

/** The server's answer to "what does model X cost on channel Y, and why". */
export interface PriceLookup {
  model: string;
  channel_id: number | null;
  tier: PriceTier;
  price_id: number | null;
  source: string;
  input_price_per_1m: number;
  output_price_per_1m: number;
  cache_price_per_1m: number;
  cache_write_price_per_1m: number;
  why: string;
}

/** Points per 1M tokens, at most 6 decimals (exact micro-points). */
const PricePer1M = z
  .number()
  .min(0)
  .max(1_000_000)
  .refine((n) => Math.abs(n * 1e6 - Math.round(n * 1e6)) < 1e-6, 'at most 6 decimal places');

const PriceFields = {
  channel_id: Id.nullable(),
  model_pattern: ModelPattern,
  input_price_per_1m: PricePer1M,
  output_price_per_1m: PricePer1M,
  cache_price_per_1m: PricePer1M,
  cache_write_price_per_1m: PricePer1M.nullable(),
};

export const priceOps = {
  'prices.list': op<PriceRecord[]>()({ method: 'GET', path: '/api/prices', access: 'session', input: z.object({}) }),
  'prices.create': op<PriceRecord>()({
    method: 'POST',
    path: '/api/prices',
    access: 'session',
    input: z.object({
      channel_id: PriceFields.channel_id.default(null),
      model_pattern: PriceFields.model_pattern,
      input_price_per_1m: PriceFields.input_price_per_1m,
      output_price_per_1m: PriceFields.output_price_per_1m,
      cache_price_per_1m: PriceFields.cache_price_per_1m.default(0),
      cache_write_price_per_1m: PriceFields.cache_write_price_per_1m.default(null),
    }),
  }),
  'prices.update': op<PriceRecord>()({
    method: 'PATCH',
    path: '/api/prices/:id',
    access: 'session',
    input: z.object({
      id: Id,
      channel_id: PriceFields.channel_id.optional(),
      model_pattern: PriceFields.model_pattern.optional(),
      input_price_per_1m: PriceFields.input_price_per_1m.optional(),
      output_price_per_1m: PriceFields.output_price_per_1m.optional(),
      cache_price_per_1m: PriceFields.cache_price_per_1m.optional(),
      cache_write_price_per_1m: PriceFields.cache_write_price_per_1m.optional(),
    }),
  }),
  'prices.lookup': op<PriceLookup>()({
    method: 'GET',
    path: '/api/prices/lookup',
    access: 'session',
    input: z.object({ model: z.string().trim().min(1).max(200), channel_id: Id.optional() }),
  }),
  'prices.delete': op<{ ok: true }>()({ method: 'DELETE', path: '/api/prices/:id', access: 'session', input: z.object({ id: Id }) }),
};
