import { describe, expect, it } from 'vitest';
import type { ChannelRecord } from '../../../src-shared/api/ops/channels';
import { anchorToLocal, draftFromChannel, localToAnchor, payloadFromDraft } from './channel-draft';

const record: ChannelRecord = {
  id: 3,
  owner_id: 1,
  name: 'team-openai',
  provider: 'openai',
  base_url: 'https://api.openai.com/v1',
  has_secret: true,
  secret_hint: 'sk-p…9f2c',
  models: ['gpt-4o*', '/^o[0-9]$/'],
  enabled: true,
  weight: 2,
  quota_windows: [
    { name: '5h', limit_points: 50, used_points: 12.5, period_unit: 'hour', period_count: 5, anchor_at: '2026-03-01T01:00:00Z', timezone: 'Asia/Shanghai' },
  ],
  fire_sale: { days_before: 2, remaining_pct: 40, discount: 0.5 },
  cooldown_until: null,
  created_at: '2026-03-01T00:00:00Z',
  updated_at: '2026-03-01T00:00:00Z',
};

describe('channel draft', () => {
  it('shows a window anchor as wall-clock time in its own zone and converts it back exactly', () => {
    expect(anchorToLocal('2026-03-01T01:00:00Z', 'Asia/Shanghai')).toBe('2026-03-01T09:00');
    expect(localToAnchor('2026-03-01T09:00', 'Asia/Shanghai')).toBe('2026-03-01T01:00:00Z');
    // New York is UTC-5 in winter and UTC-4 after the March DST change.
    expect(localToAnchor('2026-01-10T00:00', 'America/New_York')).toBe('2026-01-10T05:00:00Z');
    expect(localToAnchor('2026-07-10T00:00', 'America/New_York')).toBe('2026-07-10T04:00:00Z');
    expect(localToAnchor('2026-07-10T00:00', 'Not/AZone')).toBeNull();
  });

  it('round-trips a record without sending the secret or used points', () => {
    const result = payloadFromDraft(draftFromChannel(record), false);
    if (!('payload' in result)) throw new Error(result.errors.join('; '));
    expect(result.payload.api_key_secret).toBeUndefined();
    expect(result.payload.models).toEqual(['gpt-4o*', '/^o[0-9]$/']);
    expect(result.payload.quota_windows).toEqual([
      { name: '5h', limit_points: 50, period_unit: 'hour', period_count: 5, anchor_at: '2026-03-01T01:00:00Z', timezone: 'Asia/Shanghai' },
    ]);
    expect(result.payload.fire_sale).toEqual({ days_before: 2, remaining_pct: 40, discount: 0.5 });
  });

  it('lists every problem of a bad draft in plain words', () => {
    const draft = { ...draftFromChannel(null), fire_sale: { days_before: 1, remaining_pct: 150, discount: 0 } };
    const result = payloadFromDraft(draft, true);
    expect('errors' in result && result.errors).toEqual([
      'Give the channel a name.',
      'A new channel needs its upstream API key.',
      'List at least one model (a name, a * glob, or /regex/).',
      'Fire sale: the price factor must be above 0 and at most 1.',
      'Fire sale: the unused share must be between 0 and 100 %.',
      'Fire sale needs a quota window: it is timed by the primary window.',
    ]);
  });

  it('starts a new channel from the admin defaults', () => {
    expect(draftFromChannel(null, { weight: 3, enabled: false })).toMatchObject({ weight: '3', enabled: false, windows: [], fire_sale: null });
  });
});
