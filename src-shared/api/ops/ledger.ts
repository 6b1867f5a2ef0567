import { z } from 'zod';
import { op } from '../define';
import { Id, PageQuery, Timestamp, type Page } from '../common';

export interface LedgerRecord {
  id: number;
  request_id: string;
  created_at: string;
  user_id: number;
  user_email?: string;
  api_key_id: number | null;
  channel_id: number | null;
  channel_name: string | null;
  provider_user_id: number | null;
  route: string;
  upstream_protocol: string | null;
  model: string;
  stream: boolean;
  status: 'ok' | 'error';
  http_status: number | null;
  input_tokens: number;
  cached_tokens: number;
  cache_write_tokens: number;
  output_tokens: number;
  reasoning_tokens: number;
  usage_source: 'upstream' | 'estimate';
  tokenizer_note: string | null;
  input_price_per_1m: number;
  output_price_per_1m: number;
  cache_price_per_1m: number;
  cache_write_price_per_1m: number;
  price_source: string | null;
  surge_multiplier: number;
  fire_sale_factor: number;
  provider_share: number;
  cost_points: number;
  provider_points: number;
  system_points: number;
  formula: string;
  duration_ms: number | null;
  ttft_ms: number | null;
  error: string | null;
  /** The caller's role on this row: consumer (paid), provider (earned from their channel), or both. */
  relation: 'consumer' | 'provider' | 'both' | 'admin';
}

export interface DashboardChannel {
  id: number;
  name: string;
  provider: string;
  enabled: boolean;
  /** Primary window: limit, used and what is left, in points (null without a window). */
  limit_points: number | null;
  used_points: number | null;
  remaining_points: number | null;
  fire_sale_active: boolean;
}
export interface SurgeState {
  level: 'idle' | 'normal' | 'peak';
  multiplier: number;
  /** Demand / supply ratio behind the level (null when the routing engine does not report one). */
  ratio: number | null;
  enabled: boolean;
}
export interface Dashboard {
  points_balance: number;
  /** Points the caller spent today and this month (leaderboard zone), successful requests. */
  spend_today_points: number;
  spend_month_points: number;
  earned_today_points: number;
  requests_today: number;
  enabled_channels: number;
  total_channels: number;
  capacity_remaining_points: number;
  capacity_limit_points: number;
  channels: DashboardChannel[];
  surge: SurgeState;
  /** Admin only: the system account's balance. */
  system_points?: number;
  /** Admin only: where every point sits; balanced when balances + reservations + packets + system = grants. */
  books?: { balances_points: number; reservations_points: number; red_packets_points: number; system_points: number; grants_points: number; balanced: boolean };
  timezone: string;
}

export const LedgerFilters = PageQuery.extend({
  from: Timestamp.optional(),
  to: Timestamp.optional(),
  model: z.string().trim().min(1).max(200).optional(),
  key: z.coerce.number().int().positive().optional(),
  channel: z.coerce.number().int().positive().optional(),
  /** Admin only: one member's rows. */
  user: Id.optional(),
  status: z.enum(['ok', 'error']).optional(),
});

export interface RawBody {
  contentType: string;
  body: string;
  filename?: string;
}

export const ledgerOps = {
  'ledger.list': op<Page<LedgerRecord>>()({ method: 'GET', path: '/api/ledger', access: 'session', input: LedgerFilters }),
  'ledger.export': op<RawBody>()({
    method: 'GET',
    path: '/api/ledger/export',
    access: 'session',
    input: LedgerFilters.extend({ page_size: z.coerce.number().int().min(1).max(100_000).default(100_000) }),
    raw: true,
  }),
  'dashboard.get': op<Dashboard>()({ method: 'GET', path: '/api/dashboard', access: 'session', input: z.object({}) }),
};
