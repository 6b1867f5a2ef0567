import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { EligibilityQuery, RoutableChannel } from './eligibility';
import { filterEligible } from './eligibility';
import { fireSaleActive } from './fire-sale';
import { effectiveWeight, selectChannel } from './select-channel';
import { pickWeighted, seededRandom } from './weighted-pick';

const NOW = DateTime.fromISO('2026-03-20T12:00:00Z').toMillis();
const monthly = { periodUnit: 'month' as const, periodCount: 1, anchorAt: DateTime.fromISO('2026-01-01T00:00:00Z').toMillis(), timezone: 'UTC' };

function channel(id: number, over: Partial<RoutableChannel> = {}): RoutableChannel {
  return { id, enabled: true, models: ['gpt-*'], weight: 1, cooldownUntil: null, windows: [], fireSale: null, ...over };
}
function query(over: Partial<EligibilityQuery> = {}): EligibilityQuery {
  return { key: { allowedModels: [], allowedChannelIds: null }, model: 'gpt-5', now: NOW, reserveMicro: () => 100, ...over };
}

describe('eligibility', () => {
  it('rejects each channel for the first rule it breaks', () => {
    const chans = [
      channel(1),
      channel(2, { models: ['claude-*'] }),
      channel(3, { enabled: false }),
      channel(4, { cooldownUntil: NOW + 1 }),
      channel(5, { cooldownUntil: NOW }),
      channel(6, { windows: [{ spec: monthly, limitMicro: 1000, usedMicro: 901 }] }),
      channel(7, { windows: [{ spec: monthly, limitMicro: 1000, usedMicro: 900 }, { spec: monthly, limitMicro: 50, usedMicro: 0 }] }),
      channel(8, { windows: [{ spec: monthly, limitMicro: 1000, usedMicro: 900 }] }),
      channel(9),
      channel(10),
    ];
    const r = filterEligible(chans, query({ key: { allowedModels: [], allowedChannelIds: new Set([1, 2, 3, 4, 5, 6, 7, 8, 9]) }, exclude: new Set([9]) }));
    expect(r.eligible.map((c) => c.id)).toEqual([1, 5, 8]);
    expect(Object.fromEntries(r.rejected)).toEqual({ 2: 'model', 3: 'disabled', 4: 'cooling', 6: 'quota', 7: 'quota', 9: 'tried', 10: 'key-channel' });
  });

  it('applies the key model allow-list in the same pattern language', () => {
    const q = query({ key: { allowedModels: ['/^gpt-4/'], allowedChannelIds: null } });
    expect(filterEligible([channel(1)], q).rejected.get(1)).toBe('key-model');
    expect(filterEligible([channel(1)], { ...q, model: 'gpt-4o' }).eligible).toHaveLength(1);
  });

  it('asks each channel for its own reservation size', () => {
    const chans = [channel(1, { windows: [{ spec: monthly, limitMicro: 500, usedMicro: 0 }] }), channel(2, { windows: [{ spec: monthly, limitMicro: 500, usedMicro: 0 }] })];
    const r = filterEligible(chans, query({ reserveMicro: (c) => (c.id === 1 ? 600 : 400) }));
    expect(r.eligible.map((c) => c.id)).toEqual([2]);
  });
});

describe('fire sale', () => {
  const sale = { days_before: 3, remaining_pct: 40, discount: 0.5 };
  it('is in force only near the primary reset with enough left', () => {
    const primary = { spec: monthly, limitMicro: 1000, usedMicro: 500 };
    expect(fireSaleActive(sale, primary, DateTime.fromISO('2026-03-28T23:59:59Z').toMillis())).toBe(false);
    expect(fireSaleActive(sale, primary, DateTime.fromISO('2026-03-29T00:00:00Z').toMillis())).toBe(true);
    expect(fireSaleActive(sale, { ...primary, usedMicro: 601 }, DateTime.fromISO('2026-03-30T00:00:00Z').toMillis())).toBe(false);
    expect(fireSaleActive(sale, undefined, NOW)).toBe(false);
    expect(fireSaleActive(null, primary, NOW)).toBe(false);
  });
});

describe('weighted selection', () => {
  function counts(chans: RoutableChannel[], n: number, seed: number, factor = 2): Map<number, number> {
    const random = seededRandom(seed);
    const out = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const s = selectChannel(chans, query(), { boundChannelId: null, fireSaleWeightFactor: factor, random });
      if (!s.ok) throw new Error('no channel');
      out.set(s.channel.id, (out.get(s.channel.id) ?? 0) + 1);
    }
    return out;
  }

  it('spreads picks in proportion to route weight', () => {
    const c = counts([channel(1, { weight: 1 }), channel(2, { weight: 3 })], 20_000, 7);
    expect(c.get(2)! / 20_000).toBeGreaterThan(0.73);
    expect(c.get(2)! / 20_000).toBeLessThan(0.77);
  });

  it('multiplies a fire-sale channel weight by the factor, in the same pool', () => {
    const sale = { days_before: 30, remaining_pct: 0, discount: 0.5 };
    const onSale = channel(2, { fireSale: sale, windows: [{ spec: monthly, limitMicro: 10_000, usedMicro: 0 }] });
    const c = counts([channel(1), onSale], 20_000, 11, 3);
    expect(c.get(2)! / 20_000).toBeGreaterThan(0.73);
    expect(c.get(2)! / 20_000).toBeLessThan(0.77);
    expect(c.get(1)).toBeGreaterThan(0);
  });

  it('can scale weight by the unused share of the primary window', () => {
    const half = channel(1, { windows: [{ spec: monthly, limitMicro: 1000, usedMicro: 500 }] });
    const full = channel(2, { windows: [{ spec: monthly, limitMicro: 1000, usedMicro: 0 }] });
    const random = seededRandom(5);
    let twos = 0;
    for (let i = 0; i < 9000; i++) {
      const s = selectChannel([half, full], query(), { boundChannelId: null, fireSaleWeightFactor: 1, weightMode: 'weight_x_remaining', random });
      if (s.ok && s.channel.id === 2) twos++;
    }
    expect(twos / 9000).toBeGreaterThan(0.64);
    expect(twos / 9000).toBeLessThan(0.69);
    expect(effectiveWeight(channel(3, { weight: 2 }), NOW, 1, 'weight_x_remaining')).toBe(2);
  });

  it('pins to the bound channel while eligible and falls back to the pool when it is not', () => {
    const random = seededRandom(1);
    const chans = [channel(1), channel(2), channel(3)];
    for (let i = 0; i < 50; i++) {
      const s = selectChannel(chans, query(), { boundChannelId: 3, fireSaleWeightFactor: 1, random });
      expect(s.ok && s.channel.id === 3 && s.pinned).toBe(true);
    }
    const s = selectChannel(chans, query({ exclude: new Set([3]) }), { boundChannelId: 3, fireSaleWeightFactor: 1, random });
    expect(s.ok && s.channel.id !== 3 && !s.pinned).toBe(true);
  });

  it('reports why nothing is eligible', () => {
    const s = selectChannel([channel(1, { enabled: false })], query(), { boundChannelId: null, fireSaleWeightFactor: 1, random: seededRandom(1) });
    expect(s.ok).toBe(false);
    if (!s.ok) expect(s.rejected.get(1)).toBe('disabled');
  });

  it('never picks a zero-weight item while a positive one exists, and always picks something', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 5 }), { minLength: 1, maxLength: 8 }), fc.double({ min: 0, max: 0.9999999, noNaN: true }), (weights, r) => {
        const items = weights.map((weight, item) => ({ item, weight }));
        const picked = pickWeighted(items, () => r);
        expect(picked).toBeDefined();
        if (weights.some((w) => w > 0)) expect(weights[picked!]).toBeGreaterThan(0);
      }),
    );
  });
});
