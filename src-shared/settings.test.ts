import { describe, expect, it } from 'vitest';
import { SETTINGS, SETTING_KEYS, crossCheckSettings, defaultSettings } from './settings';

describe('runtime settings schema', () => {
  it('gives every key a default that passes its own schema and the cross checks', () => {
    const d = defaultSettings();
    for (const key of SETTING_KEYS) expect(SETTINGS[key].schema.safeParse(d[key]).success, key).toBe(true);
    expect(crossCheckSettings(d)).toEqual([]);
  });

  it('says which settings are startup-sized', () => {
    const restart = SETTING_KEYS.filter((k) => SETTINGS[k].restartRequired);
    expect(restart).toEqual(expect.arrayContaining(['gateway_queue_capacity', 'affinity_cache_capacity', 'request_body_limit_mb']));
    for (const k of restart) expect(SETTINGS[k].group).toBe('capacity');
  });

  it.each([
    ['provider_share', 1.5],
    ['provider_share', 0.1234567],
    ['settlement_round_digits', 7],
    ['surge_peak_multiplier', -1],
    ['routing_max_attempts', 0],
    ['routing_retry_cooldown_seconds', 1.5],
    ['route_weight_mode', 'random'],
    ['leaderboard_timezone', 'Mars/Olympus'],
    ['fallback_input_price_per_1m', 0.0000001],
    ['seed_balance_points', -1],
    ['red_packet_max_parts', 0],
  ] as const)('rejects %s = %s', (key, value) => {
    expect(SETTINGS[key].schema.safeParse(value).success).toBe(false);
  });

  it.each([
    ['provider_share', 0.65],
    ['leaderboard_timezone', 'Asia/Shanghai'],
    ['leaderboard_timezone', ''],
    ['fallback_cache_write_price_per_1m', null],
    ['surge_idle_multiplier', 0.5],
  ] as const)('accepts %s = %s', (key, value) => {
    expect(SETTINGS[key].schema.safeParse(value).success).toBe(true);
  });

  it('refuses an idle threshold above the peak threshold', () => {
    expect(crossCheckSettings({ ...defaultSettings(), surge_idle_below: 0.9, surge_peak_above: 0.5 })).toHaveLength(1);
  });
});
