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

const PointsAmount = z.number().min(0).max(1e9);
const PricePer1M = z.number().min(0).max(1e6);

export const SETTINGS = {
  invite_required: spec({ schema: z.boolean().default(false), group: 'invitation', label: 'Registration needs an invite code', memberVisible: true, restartRequired: false }),
  invite_code_default: spec({ schema: z.string().max(100).default(''), group: 'invitation', label: 'Default invite code (empty: none)', memberVisible: false, restartRequired: false }),
  registration_enabled: spec({ schema: z.boolean().default(true), group: 'invitation', label: 'Allow self-registration', memberVisible: true, restartRequired: false }),
  seed_balance_points: spec({ schema: PointsAmount.default(10), group: 'economy', label: 'Points granted to each new member', memberVisible: true, restartRequired: false }),
  provider_share: spec({ schema: z.number().min(0).max(1).default(0.7), group: 'economy', label: 'Share of each charge credited to the channel owner', memberVisible: true, restartRequired: false }),
  settlement_round_digits: spec({ schema: z.number().int().min(0).max(6).default(6), group: 'economy', label: 'Decimal places kept when settling', memberVisible: true, restartRequired: false }),
  fallback_input_price_per_1m: spec({ schema: PricePer1M.default(1), group: 'pricing', label: 'Fallback input price (points / 1M tokens)', memberVisible: true, restartRequired: false }),
  fallback_output_price_per_1m: spec({ schema: PricePer1M.default(4), group: 'pricing', label: 'Fallback output price (points / 1M tokens)', memberVisible: true, restartRequired: false }),
  fallback_cache_price_per_1m: spec({ schema: PricePer1M.default(0.1), group: 'pricing', label: 'Fallback cached-input price (points / 1M tokens)', memberVisible: true, restartRequired: false }),
  session_ttl_hours: spec({ schema: z.number().int().min(1).max(24 * 365).default(24 * 30), group: 'defaults', label: 'Console session lifetime (hours)', memberVisible: false, restartRequired: false }),
  anthropic_default_max_tokens: spec({ schema: z.number().int().min(1).max(1_000_000).default(8192), group: 'defaults', label: 'max_tokens sent to Anthropic when the client sets none', memberVisible: false, restartRequired: false }),
  request_body_limit_mb: spec({ schema: z.number().min(1).max(200).default(32), group: 'capacity', label: 'Largest gateway request body (MB)', memberVisible: false, restartRequired: true }),
  upstream_timeout_seconds: spec({ schema: z.number().int().min(5).max(3600).default(600), group: 'routing', label: 'Upstream request timeout (s)', memberVisible: false, restartRequired: false }),
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingsValues = { [K in SettingKey]: z.output<(typeof SETTINGS)[K]['schema']> };

export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

export function defaultSettings(): SettingsValues {
  const out: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) out[key] = SETTINGS[key].schema.parse(undefined);
  return out as SettingsValues;
}
