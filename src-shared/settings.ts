import { z } from 'zod';

/**
 * Runtime settings (`/api/settings`, `/api/runtime-settings`). Each entry: schema with default,
 * whether members may read it, and whether it only applies at the next start (sized at boot).
 * Request-time settings are read on every use and apply immediately.
 */
export interface SettingSpec<S extends z.ZodType = z.ZodType> {
  schema: S;
  group: 'invitation' | 'economy' | 'routing' | 'pricing' | 'surge' | 'capacity' | 'defaults';
  label: string;
  memberVisible: boolean;
  restartRequired: boolean;
}

function spec<S extends z.ZodType>(s: SettingSpec<S>): SettingSpec<S> {
  return s;
}

/** Points and factors are exact to 6 decimals (micro-points; settlement works in parts per million). */
const SixDecimals = (n: number) => Math.abs(n * 1e6 - Math.round(n * 1e6)) < 1e-6;
const PointsAmount = z.number().min(0).max(1e9).refine(SixDecimals, 'at most 6 decimal places');
const PricePer1M = z.number().min(0).max(1e6).refine(SixDecimals, 'at most 6 decimal places');
const Multiplier = z.number().min(0).max(10).refine(SixDecimals, 'at most 6 decimal places');
const Ratio = z.number().min(0).max(10);
/** Empty, or an IANA zone name the runtime knows (Intl keeps src-shared free of libraries). */
const TimeZone = z.string().trim().max(64).refine((v) => v === '' || isKnownTimeZone(v), 'not a known IANA time zone');

export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const SETTINGS = {
  invite_required: spec({ schema: z.boolean().default(false), group: 'invitation', label: 'Registration needs an invite code', memberVisible: true, restartRequired: false }),
  invite_code_default: spec({ schema: z.string().max(100).default(''), group: 'invitation', label: 'Default invite code (empty: none)', memberVisible: false, restartRequired: false }),
  registration_enabled: spec({ schema: z.boolean().default(true), group: 'invitation', label: 'Allow self-registration', memberVisible: true, restartRequired: false }),
  seed_balance_points: spec({ schema: PointsAmount.default(10), group: 'economy', label: 'Points granted to each new member', memberVisible: true, restartRequired: false }),
  provider_share: spec({ schema: z.number().min(0).max(1).refine(SixDecimals, 'at most 6 decimal places').default(0.7), group: 'economy', label: 'Share of each charge credited to the channel owner', memberVisible: true, restartRequired: false }),
  settlement_round_digits: spec({ schema: z.number().int().min(0).max(6).default(6), group: 'economy', label: 'Decimal places kept when settling', memberVisible: true, restartRequired: false }),
  fallback_input_price_per_1m: spec({ schema: PricePer1M.default(1), group: 'pricing', label: 'Fallback input price (points / 1M tokens)', memberVisible: true, restartRequired: false }),
  fallback_output_price_per_1m: spec({ schema: PricePer1M.default(4), group: 'pricing', label: 'Fallback output price (points / 1M tokens)', memberVisible: true, restartRequired: false }),
  fallback_cache_price_per_1m: spec({ schema: PricePer1M.default(0.1), group: 'pricing', label: 'Fallback cached-input price (points / 1M tokens)', memberVisible: true, restartRequired: false }),
  session_ttl_hours: spec({ schema: z.number().int().min(1).max(24 * 365).default(24 * 30), group: 'defaults', label: 'Console session lifetime (hours)', memberVisible: false, restartRequired: false }),
  anthropic_default_max_tokens: spec({ schema: z.number().int().min(1).max(1_000_000).default(8192), group: 'defaults', label: 'max_tokens sent to Anthropic when the client sets none', memberVisible: false, restartRequired: false }),
  request_body_limit_mb: spec({ schema: z.number().min(1).max(200).default(32), group: 'capacity', label: 'Largest gateway request body (MB)', memberVisible: false, restartRequired: true }),
  upstream_timeout_seconds: spec({ schema: z.number().int().min(5).max(3600).default(600), group: 'routing', label: 'Upstream request timeout (s)', memberVisible: false, restartRequired: false }),
  // --- economy, surge, routing, capacity and defaults (issue 5) ---
  red_packet_max_parts: spec({ schema: z.number().int().min(1).max(10_000).default(100), group: 'economy', label: 'Most parts one red packet may be split into', memberVisible: true, restartRequired: false }),
  red_packet_default_expiry_hours: spec({ schema: z.number().min(0).max(24 * 30).default(24), group: 'economy', label: 'Red packet lifetime when the creator sets none (hours; 0: never expires)', memberVisible: true, restartRequired: false }),
  leaderboard_timezone: spec({ schema: TimeZone.default(''), group: 'economy', label: 'Leaderboard day/month time zone (empty: TOKENALTAR_LEADERBOARD_TIMEZONE or the machine zone)', memberVisible: true, restartRequired: false }),
  leaderboard_size: spec({ schema: z.number().int().min(1).max(100).default(20), group: 'economy', label: 'Rows per leaderboard', memberVisible: true, restartRequired: false }),
  fallback_cache_write_price_per_1m: spec({ schema: PricePer1M.nullable().default(null), group: 'pricing', label: 'Fallback cache-write price (points / 1M tokens; empty: the input price)', memberVisible: true, restartRequired: false }),
  surge_enabled: spec({ schema: z.boolean().default(true), group: 'surge', label: 'Apply surge multipliers', memberVisible: true, restartRequired: false }),
  surge_idle_below: spec({ schema: Ratio.default(0.2), group: 'surge', label: 'Idle while demand / supply is below this', memberVisible: true, restartRequired: false }),
  surge_peak_above: spec({ schema: Ratio.default(0.8), group: 'surge', label: 'Peak while demand / supply is above this', memberVisible: true, restartRequired: false }),
  surge_idle_multiplier: spec({ schema: Multiplier.default(1), group: 'surge', label: 'Price multiplier while idle', memberVisible: true, restartRequired: false }),
  surge_normal_multiplier: spec({ schema: Multiplier.default(1), group: 'surge', label: 'Price multiplier in normal load', memberVisible: true, restartRequired: false }),
  surge_peak_multiplier: spec({ schema: Multiplier.default(1.5), group: 'surge', label: 'Price multiplier at peak', memberVisible: true, restartRequired: false }),
  routing_max_attempts: spec({ schema: z.number().int().min(1).max(10).default(3), group: 'routing', label: 'Channels tried per request before giving up', memberVisible: false, restartRequired: false }),
  routing_retry_cooldown_seconds: spec({ schema: z.number().int().min(0).max(86_400).default(60), group: 'routing', label: 'Cooldown of a channel after a retryable failure (s; Retry-After wins when longer)', memberVisible: false, restartRequired: false }),
  route_weight_mode: spec({ schema: z.enum(['weight', 'weight_x_remaining']).default('weight_x_remaining'), group: 'routing', label: 'Route weight: the channel weight alone, or weight × unused share of the primary window', memberVisible: false, restartRequired: false }),
  routing_first_token_timeout_seconds: spec({ schema: z.number().min(0.1).max(3600).default(60), group: 'routing', label: 'Time an upstream attempt may take to its first token before the next channel is tried (s)', memberVisible: false, restartRequired: false }),
  routing_default_max_output_tokens: spec({ schema: z.number().int().min(1).max(1_000_000).default(4096), group: 'routing', label: 'Output tokens reserved when the client sets no max (reservation only)', memberVisible: false, restartRequired: false }),
  fire_sale_weight_factor: spec({ schema: z.number().min(0).max(1000).default(2), group: 'routing', label: 'Route weight multiplier of a channel in fire sale (same pool)', memberVisible: false, restartRequired: false }),
  gateway_queue_capacity: spec({ schema: z.number().int().min(1).max(100_000).default(256), group: 'capacity', label: 'Gateway requests in flight at once (applies at next start)', memberVisible: false, restartRequired: true }),
  affinity_cache_capacity: spec({ schema: z.number().int().min(16).max(1_000_000).default(10_000), group: 'capacity', label: 'Affinity bindings kept in memory (applies at next start)', memberVisible: false, restartRequired: true }),
  default_key_spend_limit_points: spec({ schema: PointsAmount.default(0), group: 'defaults', label: 'Spend limit of a new API key (points; 0: none)', memberVisible: true, restartRequired: false }),
  default_key_expiry_days: spec({ schema: z.number().int().min(0).max(3650).default(0), group: 'defaults', label: 'Lifetime of a new API key (days; 0: never expires)', memberVisible: true, restartRequired: false }),
  default_channel_weight: spec({ schema: z.number().min(0).max(1000).default(1), group: 'defaults', label: 'Route weight of a new channel', memberVisible: true, restartRequired: false }),
  default_channel_enabled: spec({ schema: z.boolean().default(true), group: 'defaults', label: 'New channels start enabled', memberVisible: true, restartRequired: false }),
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingsValues = { [K in SettingKey]: z.output<(typeof SETTINGS)[K]['schema']> };

export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

export function defaultSettings(): SettingsValues {
  const out: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) out[key] = SETTINGS[key].schema.parse(undefined);
  return out as SettingsValues;
}

/** Rules that involve two settings at once; an update that breaks one is refused whole. */
export function crossCheckSettings(v: SettingsValues): string[] {
  const errors: string[] = [];
  if (v.surge_idle_below > v.surge_peak_above) errors.push('surge_idle_below must not exceed surge_peak_above');
  return errors;
}
