import { DateTime } from 'luxon';
import type { ChannelRecord, FireSale, PeriodUnit, Provider, QuotaWindow } from '../../../src-shared/api/ops/channels';

/** A quota window as the editor holds it: the anchor is wall-clock time in the window's zone. */
export interface WindowDraft {
  name: string;
  limit_points: string;
  period_unit: PeriodUnit;
  period_count: number;
  /** `yyyy-MM-ddTHH:mm` in `timezone` (what a datetime-local input shows). */
  anchor_local: string;
  timezone: string;
}

export interface ChannelDraft {
  name: string;
  provider: Provider;
  base_url: string;
  /** Empty keeps the stored secret; secrets are write-only. */
  api_key_secret: string;
  models: string;
  enabled: boolean;
  weight: string;
  windows: WindowDraft[];
  fire_sale: FireSale | null;
}

export const PROVIDER_LABELS: Record<Provider, string> = {
  openai: 'OpenAI',
  'openai-compatible': 'OpenAI-compatible',
  anthropic: 'Anthropic',
  gemini: 'Gemini',
};

export const BASE_URL_HINTS: Record<Provider, string> = {
  openai: 'https://api.openai.com/v1',
  'openai-compatible': 'https://your-provider.example/v1',
  anthropic: 'https://api.anthropic.com',
  gemini: 'https://generativelanguage.googleapis.com',
};

export function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** RFC 3339 instant -> wall-clock `yyyy-MM-ddTHH:mm` in `zone`. */
export function anchorToLocal(iso: string, zone: string): string {
  const dt = DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone);
  return dt.isValid ? dt.toFormat("yyyy-MM-dd'T'HH:mm") : '';
}

/** Wall-clock time in `zone` -> RFC 3339 UTC instant; null when either is invalid. */
export function localToAnchor(local: string, zone: string): string | null {
  const dt = DateTime.fromISO(local, { zone });
  return dt.isValid ? dt.toUTC().toISO({ suppressMilliseconds: true }) : null;
}

export function newWindow(): WindowDraft {
  const zone = localZone();
  return {
    name: 'primary',
    limit_points: '100',
    period_unit: 'day',
    period_count: 1,
    anchor_local: DateTime.now().setZone(zone).startOf('day').toFormat("yyyy-MM-dd'T'HH:mm"),
    timezone: zone,
  };
}

function windowDraft(w: QuotaWindow): WindowDraft {
  return {
    name: w.name,
    limit_points: String(w.limit_points),
    period_unit: w.period_unit,
    period_count: w.period_count,
    anchor_local: anchorToLocal(w.anchor_at, w.timezone),
    timezone: w.timezone,
  };
}

/** New channels start from the admin's defaults (Settings: channel weight, start enabled). */
export function draftFromChannel(c: ChannelRecord | null, defaults: { weight?: number; enabled?: boolean } = {}): ChannelDraft {
  if (!c) return { ...emptyDraft(), weight: String(defaults.weight ?? 1), enabled: defaults.enabled ?? true };
  return {
    name: c.name,
    provider: c.provider,
    base_url: c.base_url,
    api_key_secret: '',
    models: c.models.join('\n'),
    enabled: c.enabled,
    weight: String(c.weight),
    windows: c.quota_windows.map(windowDraft),
    fire_sale: c.fire_sale,
  };
}

function emptyDraft(): ChannelDraft {
  return { name: '', provider: 'openai', base_url: '', api_key_secret: '', models: '', enabled: true, weight: '1', windows: [], fire_sale: null };
}

export interface ChannelPayload {
  name: string;
  provider: Provider;
  base_url?: string;
  api_key_secret?: string;
  models: string[];
  enabled: boolean;
  weight: number;
  quota_windows: {
    name: string;
    limit_points: number;
    period_unit: PeriodUnit;
    period_count: number;
    anchor_at: string;
    timezone: string;
  }[];
  fire_sale: FireSale | null;
}

/**
 * Draft -> API input, or a list of problems in plain words. `used_points` is never sent, so
 * the server keeps a window's usage when only its limit or name changes.
 */
export function payloadFromDraft(d: ChannelDraft, creating: boolean): { payload: ChannelPayload } | { errors: string[] } {
  const errors: string[] = [];
  if (!d.name.trim()) errors.push('Give the channel a name.');
  if (creating && !d.api_key_secret.trim()) errors.push('A new channel needs its upstream API key.');
  const models = d.models
    .split(/[\n,]/)
    .map((m) => m.trim())
    .filter(Boolean);
  if (models.length === 0) errors.push('List at least one model (a name, a * glob, or /regex/).');
  const weight = Number(d.weight);
  if (!Number.isFinite(weight) || weight < 0) errors.push('Weight must be a number of 0 or more.');
  const quota_windows: ChannelPayload['quota_windows'] = [];
  d.windows.forEach((w, i) => {
    const label = `Window ${i + 1}`;
    const limit = Number(w.limit_points);
    if (w.limit_points.trim() === '' || !Number.isFinite(limit) || limit < 0) errors.push(`${label}: the limit must be a number of points.`);
    const anchor = localToAnchor(w.anchor_local, w.timezone);
    if (!anchor) errors.push(`${label}: the anchor time or the time zone is not valid.`);
    if (!Number.isInteger(w.period_count) || w.period_count < 1) errors.push(`${label}: the period count must be a whole number of 1 or more.`);
    if (anchor) {
      quota_windows.push({ name: w.name.trim() || 'window', limit_points: limit, period_unit: w.period_unit, period_count: w.period_count, anchor_at: anchor, timezone: w.timezone });
    }
  });
  if (d.fire_sale) {
    const f = d.fire_sale;
    if (!(f.discount > 0 && f.discount <= 1)) errors.push('Fire sale: the price factor must be above 0 and at most 1.');
    if (!(f.remaining_pct >= 0 && f.remaining_pct <= 100)) errors.push('Fire sale: the unused share must be between 0 and 100 %.');
    if (!(f.days_before >= 0)) errors.push('Fire sale: days before reset must be 0 or more.');
    if (d.windows.length === 0) errors.push('Fire sale needs a quota window: it is timed by the primary window.');
  }
  if (errors.length) return { errors };
  return {
    payload: {
      name: d.name.trim(),
      provider: d.provider,
      ...(d.base_url.trim() ? { base_url: d.base_url.trim() } : {}),
      ...(d.api_key_secret.trim() ? { api_key_secret: d.api_key_secret.trim() } : {}),
      models,
      enabled: d.enabled,
      weight,
      quota_windows,
      fire_sale: d.fire_sale,
    },
  };
}
