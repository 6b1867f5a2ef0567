import { describe, expect, it } from 'vitest';
import { draftFrom } from './key-draft';

describe('draftFrom (new key)', () => {
  const now = Date.parse('2026-11-26T12:00:00Z');

  it('starts from the admin defaults: spend limit and lifetime', () => {
    expect(draftFrom(null, { spendLimitPoints: 25, expiryDays: 30 }, now)).toMatchObject({
      spend_limit_points: 25,
      expires_at: '2026-12-26T12:00:00.000Z',
      allowed_channel_ids: null,
    });
  });

  it('treats 0 as "none", as the settings do', () => {
    expect(draftFrom(null, { spendLimitPoints: 0, expiryDays: 0 }, now)).toMatchObject({ spend_limit_points: null, expires_at: null });
  });
});
