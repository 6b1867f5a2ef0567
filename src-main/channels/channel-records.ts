import type { ChannelRecord, FireSale, QuotaWindow } from '../../src-shared/api/ops/channels';
import { fromMicro } from '../../src-shared/points';
import { iso, isoOrNull } from '../api/records';
import { fireSaleActive } from '../routing/fire-sale';
import { liveWindow } from '../routing/live-channels';
import { currentPeriod } from '../routing/period-cache';
import type { ChannelRow, QuotaWindowRow } from '../store/channels-store';

/** Used amounts are per period: what an earlier period used shows as 0 once it has ended. */
export function quotaWindowRecord(w: QuotaWindowRow, now = Date.now()): QuotaWindow {
  const live = liveWindow(w, now);
  const period = currentPeriod(live.spec, now);
  return {
    name: w.name,
    limit_points: fromMicro(w.limit_micro),
    used_points: fromMicro(live.usedMicro),
    period_unit: w.period_unit,
    period_count: w.period_count,
    anchor_at: iso(w.anchor_at),
    timezone: w.timezone,
    current_start: iso(period.start),
    current_end: iso(period.end),
  };
}

/** The API view of a channel: the upstream secret is reduced to `has_secret` + a masked hint. */
export function channelRecord(c: ChannelRow, windows: QuotaWindowRow[], ownerEmail?: string): ChannelRecord {
  return {
    id: c.id,
    owner_id: c.owner_id,
    ...(ownerEmail !== undefined && { owner_email: ownerEmail }),
    name: c.name,
    provider: c.provider,
    base_url: c.base_url,
    has_secret: c.secret_id !== null,
    secret_hint: c.secret_hint,
    models: JSON.parse(c.models) as string[],
    enabled: c.enabled === 1,
    weight: c.weight,
    quota_windows: windows.map((w) => quotaWindowRecord(w)),
    fire_sale: c.fire_sale === null ? null : (JSON.parse(c.fire_sale) as FireSale),
    first_token_timeout_seconds: c.first_token_timeout_ms === null ? null : c.first_token_timeout_ms / 1000,
    fire_sale_active: fireSaleActive(c.fire_sale === null ? null : (JSON.parse(c.fire_sale) as FireSale), windows[0] && liveWindow(windows[0], Date.now()), Date.now()),
    cooldown_until: c.cooldown_until !== null && c.cooldown_until > Date.now() ? isoOrNull(c.cooldown_until) : null,
    created_at: iso(c.created_at),
    updated_at: iso(c.updated_at),
  };
}
