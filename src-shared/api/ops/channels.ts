import { z } from 'zod';
import { op } from '../define';
import { Id, ModelPattern, NonNegativePoints } from '../common';

export const PROVIDERS = ['openai', 'openai-compatible', 'anthropic', 'gemini'] as const;
export type Provider = (typeof PROVIDERS)[number];
export const PERIOD_UNITS = ['minute', 'hour', 'day', 'week', 'month', 'year'] as const;
export type PeriodUnit = (typeof PERIOD_UNITS)[number];

export interface QuotaWindow {
  name: string;
  limit_points: number;
  used_points: number;
  period_unit: PeriodUnit;
  period_count: number;
  anchor_at: string;
  timezone: string;
  /** Start and end of the period in force now (RFC 3339, UTC). */
  current_start?: string;
  current_end?: string;
}
export interface FireSale {
  /** Fire sale starts this many days before the primary window resets... */
  days_before: number;
  /** ...and only while at least this share (0-100) of the primary window is unused. */
  remaining_pct: number;
  /** Price multiplier during the sale (0.2 = pay 20%); also multiplies the route weight's pull. */
  discount: number;
}
export interface ChannelRecord {
  id: number;
  owner_id: number;
  owner_email?: string;
  name: string;
  provider: Provider;
  base_url: string;
  has_secret: boolean;
  /** Masked hint of the upstream key, e.g. `sk-p…9f2c`. Never the secret itself. */
  secret_hint: string | null;
  models: string[];
  enabled: boolean;
  weight: number;
  quota_windows: QuotaWindow[];
  fire_sale: FireSale | null;
  /** First-token timeout of this channel (s); null: the runtime default. */
  first_token_timeout_seconds?: number | null;
  /** True while the fire sale is in force. */
  fire_sale_active?: boolean;
  cooldown_until: string | null;
  created_at: string;
  updated_at: string;
}
export interface ChannelTestResult {
  ok: boolean;
  status: number | null;
  latency_ms: number;
  ttft_ms: number | null;
  model: string;
  message: string;
}

export const QuotaWindowInput = z.object({
  name: z.string().trim().min(1).max(60).default('window'),
  limit_points: NonNegativePoints,
  used_points: NonNegativePoints.optional(),
  period_unit: z.enum(PERIOD_UNITS),
  period_count: z.number().int().min(1).max(1000).default(1),
  anchor_at: z.iso.datetime({ offset: true }),
  timezone: z.string().refine(isIanaZone, 'not an IANA time zone').default('UTC'),
});
export const FireSaleInput = z.object({
  days_before: z.number().min(0).max(366),
  remaining_pct: z.number().min(0).max(100),
  discount: z.number().gt(0).max(1),
});

function isIanaZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const ChannelFields = {
  name: z.string().trim().min(1).max(80),
  provider: z.enum(PROVIDERS),
  base_url: z.url({ protocol: /^https?$/ }).max(500),
  api_key_secret: z.string().min(1).max(4000),
  models: z.array(ModelPattern).min(1).max(500),
  enabled: z.boolean(),
  weight: z.number().min(0).max(1_000_000),
  quota_windows: z.array(QuotaWindowInput).max(20),
  fire_sale: FireSaleInput.nullable(),
  first_token_timeout_seconds: z.number().min(0.1).max(3600).nullable(),
};

export const channelOps = {
  'channels.list': op<ChannelRecord[]>()({ method: 'GET', path: '/api/channels', access: 'session', input: z.object({}) }),
  'channels.create': op<ChannelRecord>()({
    method: 'POST',
    path: '/api/channels',
    access: 'session',
    input: z.object({
      name: ChannelFields.name,
      provider: ChannelFields.provider,
      base_url: ChannelFields.base_url.optional(),
      api_key_secret: ChannelFields.api_key_secret,
      models: ChannelFields.models,
      // Left out: the `default_channel_enabled` / `default_channel_weight` settings.
      enabled: ChannelFields.enabled.optional(),
      weight: ChannelFields.weight.optional(),
      quota_windows: ChannelFields.quota_windows.default([]),
      fire_sale: ChannelFields.fire_sale.default(null),
      first_token_timeout_seconds: ChannelFields.first_token_timeout_seconds.default(null),
    }),
  }),
  'channels.update': op<ChannelRecord>()({
    method: 'PATCH',
    path: '/api/channels/:id',
    access: 'session',
    input: z.object({
      id: Id,
      name: ChannelFields.name.optional(),
      provider: ChannelFields.provider.optional(),
      base_url: ChannelFields.base_url.optional(),
      api_key_secret: ChannelFields.api_key_secret.optional(),
      models: ChannelFields.models.optional(),
      enabled: ChannelFields.enabled.optional(),
      weight: ChannelFields.weight.optional(),
      quota_windows: ChannelFields.quota_windows.optional(),
      fire_sale: ChannelFields.fire_sale.optional(),
      first_token_timeout_seconds: ChannelFields.first_token_timeout_seconds.optional(),
    }),
  }),
  'channels.delete': op<{ ok: true }>()({ method: 'DELETE', path: '/api/channels/:id', access: 'session', input: z.object({ id: Id }) }),
  'channels.setEnabled': op<ChannelRecord>()({
    method: 'POST',
    path: '/api/channels/:id/enabled',
    access: 'session',
    input: z.object({ id: Id, enabled: z.boolean() }),
  }),
  'channels.copy': op<ChannelRecord>()({
    method: 'POST',
    path: '/api/channels/:id/copy',
    access: 'session',
    input: z.object({ id: Id, name: ChannelFields.name.optional() }),
  }),
  'channels.batchEnabled': op<{ updated: number }>()({
    method: 'POST',
    path: '/api/channels/batch-enabled',
    access: 'session',
    input: z.object({ ids: z.array(Id).min(1).max(500), enabled: z.boolean() }),
  }),
};
