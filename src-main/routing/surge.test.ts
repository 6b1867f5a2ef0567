import { describe, expect, it } from 'vitest';
import type { RoutableChannel } from './eligibility';
import { surgeState } from './surge';

const NOW = Date.parse('2026-06-10T00:00:00Z');
// A 10-day window anchored 2026-06-01: 240 h left at NOW... minus 9 days used = 24 h left.
const spec = { periodUnit: 'day' as const, periodCount: 10, anchorAt: Date.parse('2026-06-01T00:00:00Z'), timezone: 'UTC' };
const channel = (id: number, limit: number, used: number, over: Partial<RoutableChannel> = {}): RoutableChannel => ({
  id, enabled: true, models: ['*'], weight: 1, cooldownUntil: null, fireSale: null, windows: [{ spec, limitMicro: limit, usedMicro: used }], ...over,
});
const settings = { surge_enabled: true, surge_idle_below: 0.2, surge_peak_above: 0.8, surge_idle_multiplier: 0.5, surge_normal_multiplier: 1, surge_peak_multiplier: 2 };

describe('surge', () => {
  it('divides settled demand by the remaining primary-window rate', () => {
    // 24 h left, 2400 remaining -> supply 100/h.
    const chans = [channel(1, 3000, 600)];
    expect(surgeState(10, chans, NOW, settings)).toMatchObject({ level: 'idle', multiplier: 0.5, supplyMicroPerHour: 100, ratio: 0.1 });
    expect(surgeState(50, chans, NOW, settings)).toMatchObject({ level: 'normal', multiplier: 1 });
    expect(surgeState(90, chans, NOW, settings)).toMatchObject({ level: 'peak', multiplier: 2 });
  });

  it('leaves out disabled, cooling and window-less channels, and is neutral with nothing to measure', () => {
    const chans = [channel(1, 2400, 0), channel(2, 1e9, 0, { enabled: false }), channel(3, 1e9, 0, { cooldownUntil: NOW + 1 }), channel(4, 0, 0, { windows: [] })];
    expect(surgeState(0, chans, NOW, settings).supplyMicroPerHour).toBe(100);
    expect(surgeState(1e9, [channel(4, 0, 0, { windows: [] })], NOW, settings)).toMatchObject({ level: 'normal', ratio: null });
    expect(surgeState(1, [channel(1, 100, 100)], NOW, settings).level).toBe('peak');
    expect(surgeState(90, [channel(1, 3000, 600)], NOW, { ...settings, surge_enabled: false })).toMatchObject({ level: 'peak', multiplier: 1 });
  });
});
