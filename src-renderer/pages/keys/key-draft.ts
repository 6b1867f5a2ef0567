import type { ApiKeyRecord } from '../../../src-shared/api/ops/keys';

/** A key as the form edits it (pure: shared by the form and its tests). */
export interface KeyDraft {
  name: string;
  allowed_models: string[];
  spend_limit_points: number | null;
  expires_at: string | null;
  allowed_channel_ids: number[] | null;
}

/** New keys start from the admin's defaults (Settings: key spend limit and lifetime; 0 = none). */
export interface KeyDefaults {
  spendLimitPoints?: number;
  expiryDays?: number;
}

export function draftFrom(record: ApiKeyRecord | null, defaults: KeyDefaults = {}, now = Date.now()): KeyDraft {
  if (record) {
    return {
      name: record.name,
      allowed_models: record.allowed_models,
      spend_limit_points: record.spend_limit_points,
      expires_at: record.expires_at,
      allowed_channel_ids: record.covers_all_channels ? null : record.allowed_channel_ids,
    };
  }
  const days = defaults.expiryDays ?? 0;
  const limit = defaults.spendLimitPoints ?? 0;
  return {
    name: '',
    allowed_models: [],
    spend_limit_points: limit > 0 ? limit : null,
    expires_at: days > 0 ? new Date(now + days * 86_400_000).toISOString() : null,
    allowed_channel_ids: null,
  };
}
