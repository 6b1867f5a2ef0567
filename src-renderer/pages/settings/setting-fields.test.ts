import { describe, expect, it } from 'vitest';
import { fieldKind, parseSettingInput } from './setting-fields';

describe('setting fields', () => {
  it('derives the editor from the shared schema', () => {
    expect(fieldKind('invite_required')).toEqual({ kind: 'boolean' });
    expect(fieldKind('seed_balance_points')).toEqual({ kind: 'number', nullable: false });
    expect(fieldKind('fallback_cache_write_price_per_1m')).toEqual({ kind: 'number', nullable: true });
    expect(fieldKind('route_weight_mode')).toEqual({ kind: 'enum', options: ['weight', 'weight_x_remaining'] });
    expect(fieldKind('invite_code_default')).toEqual({ kind: 'text' });
  });

  it('validates with the same rules as the server', () => {
    expect(parseSettingInput('seed_balance_points', '12.5')).toEqual({ value: 12.5 });
    expect(parseSettingInput('seed_balance_points', '1.1234567')).toEqual({ error: 'at most 6 decimal places' });
    expect(parseSettingInput('provider_share', '')).toEqual({ error: 'enter a number' });
    expect(parseSettingInput('fallback_cache_write_price_per_1m', '')).toEqual({ value: null });
    expect('error' in parseSettingInput('leaderboard_timezone', 'Mars/Olympus')).toBe(true);
    expect(parseSettingInput('leaderboard_timezone', 'Europe/Paris')).toEqual({ value: 'Europe/Paris' });
  });
});
