import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toMicro } from '../../src-shared/points';
import { computeSettlement, type Tariff } from './settlement-formula';

const tariff = (input: number, output: number, cache: number, cacheWrite = input): Tariff => ({
  inputMicro: toMicro(input),
  outputMicro: toMicro(output),
  cacheMicro: toMicro(cache),
  cacheWriteMicro: toMicro(cacheWrite),
});

describe('computeSettlement', () => {
  it('matches the issue example worked by hand (1000 uncached input + 500 cached + 1000 output)', () => {
    // By hand: 1000×5/1M = 0.005; 500×0.5/1M = 0.00025; 1000×30/1M = 0.03 → 0.03525
    // × surge 0.5 = 0.017625 × fire-sale 0.2 = 0.003525 → 4 decimals, half-up → 0.0035.
    // Provider: 0.0035 × 0.7 = 0.00245 → 0.0025 (half-up); system keeps 0.0010.
    const s = computeSettlement(
      { input: 1000, cached: 500, cacheWrite: 0, output: 1000 },
      tariff(5, 30, 0.5),
      { surgeMultiplier: 0.5, fireSaleFactor: 0.2, providerShare: 0.7, roundDigits: 4 },
    );
    expect(s.exactPoints).toBe('0.003525');
    expect(s.costMicro).toBe(3500);
    expect(s.providerMicro).toBe(2500);
    expect(s.systemMicro).toBe(1000);
    expect(s.formula).toBe(
      '(1000 input × 5 + 500 cached × 0.5 + 1000 output × 30) / 1M = 0.03525 points; ' +
        '× surge 0.5 × fire-sale 0.2 = 0.003525; rounded to 4 decimals = 0.0035; ' +
        'provider 70% = 0.0025; system 0.001',
    );
  });

  it('would give 0.0033 if the 500 cached tokens were part of the 1000 input (why "input" means uncached)', () => {
    // 500×5 + 500×0.5 + 1000×30 = 32750 /1M = 0.03275 × 0.1 = 0.003275 → 0.0033 ≠ 0.0035.
    const s = computeSettlement(
      { input: 500, cached: 500, cacheWrite: 0, output: 1000 },
      tariff(5, 30, 0.5),
      { surgeMultiplier: 0.5, fireSaleFactor: 0.2, providerShare: 0.7, roundDigits: 4 },
    );
    expect(s.costMicro).toBe(3300);
  });

  it('leaves the fire-sale factor out when the channel is not in a sale', () => {
    const s = computeSettlement(
      { input: 1_000_000, cached: 0, cacheWrite: 0, output: 0 },
      tariff(2, 8, 0.2),
      { surgeMultiplier: 1.5, fireSaleFactor: null, providerShare: 0.5, roundDigits: 6 },
    );
    expect(s.costMicro).toBe(3_000_000);
    expect(s.fireSaleFactor).toBe(1);
    expect(s.providerMicro).toBe(1_500_000);
    expect(s.formula).not.toContain('fire-sale');
  });

  it('charges cache writes at their own rate', () => {
    // Anthropic-style: 2000 written to cache at 3.75, 100 uncached input at 3, 50 output at 15.
    const s = computeSettlement(
      { input: 100, cached: 0, cacheWrite: 2000, output: 50 },
      tariff(3, 15, 0.3, 3.75),
      { surgeMultiplier: 1, fireSaleFactor: null, providerShare: 0, roundDigits: 6 },
    );
    // 100×3 + 2000×3.75 + 50×15 = 300 + 7500 + 750 = 8550 / 1M points = 0.00855
    expect(s.costMicro).toBe(8550);
    expect(s.providerMicro).toBe(0);
    expect(s.systemMicro).toBe(8550);
  });

  it('stays exact where a float product would pass 2^53', () => {
    // 9e9 tokens × 999 999.999999 points/1M: the intermediate is ~9e21 — BigInt keeps every digit.
    const s = computeSettlement(
      { input: 9_000_000_000, cached: 0, cacheWrite: 0, output: 0 },
      { inputMicro: 999_999_999_999, outputMicro: 0, cacheMicro: 0, cacheWriteMicro: 0 },
      { surgeMultiplier: 1, fireSaleFactor: null, providerShare: 1, roundDigits: 6 },
    );
    expect(s.costMicro).toBe(8_999_999_999_991_000);
    expect(s.providerMicro).toBe(s.costMicro);
  });

  it('rounds half away from zero at every digit setting', () => {
    const one = (digits: number) =>
      computeSettlement(
        { input: 0, cached: 0, cacheWrite: 0, output: 1 },
        { inputMicro: 0, outputMicro: 1_500_000_000, cacheMicro: 0, cacheWriteMicro: 0 }, // 1500 points/1M
        { surgeMultiplier: 1, fireSaleFactor: null, providerShare: 0.5, roundDigits: digits },
      ).costMicro;
    expect(one(6)).toBe(1500); // 0.0015 exactly
    expect(one(3)).toBe(2000); // 0.0015 → 0.002
    expect(one(2)).toBe(0); // 0.0015 → 0.00
    expect(one(0)).toBe(0);
  });

  it('rejects out-of-range input', () => {
    const ok = { surgeMultiplier: 1, fireSaleFactor: null, providerShare: 0.5, roundDigits: 6 };
    const t = { input: 1, cached: 0, cacheWrite: 0, output: 0 };
    expect(() => computeSettlement({ ...t, input: -1 }, tariff(1, 1, 1), ok)).toThrow(RangeError);
    expect(() => computeSettlement(t, tariff(1, 1, 1), { ...ok, roundDigits: 7 })).toThrow(RangeError);
    expect(() => computeSettlement(t, tariff(1, 1, 1), { ...ok, providerShare: 1.2 })).toThrow(RangeError);
    expect(() => computeSettlement(t, tariff(1, 1, 1), { ...ok, surgeMultiplier: -0.1 })).toThrow(RangeError);
  });

  it('always splits the cost exactly into provider + system, both on the rounding grid', () => {
    fc.assert(
      fc.property(
        fc.record({
          input: fc.nat(5_000_000),
          cached: fc.nat(5_000_000),
          cacheWrite: fc.nat(1_000_000),
          output: fc.nat(1_000_000),
        }),
        fc.record({
          inputMicro: fc.nat(100_000_000),
          outputMicro: fc.nat(200_000_000),
          cacheMicro: fc.nat(10_000_000),
          cacheWriteMicro: fc.nat(100_000_000),
        }),
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.option(fc.integer({ min: 0, max: 1_000_000 })),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 6 }),
        (tokens, t, surgePpm, firePpm, sharePpm, digits) => {
          const s = computeSettlement(tokens, t, {
            surgeMultiplier: surgePpm / 1e6,
            fireSaleFactor: firePpm === null ? null : firePpm / 1e6,
            providerShare: sharePpm / 1e6,
            roundDigits: digits,
          });
          const unit = 10 ** (6 - digits);
          expect(s.providerMicro + s.systemMicro).toBe(s.costMicro);
          expect(s.costMicro % unit).toBe(0);
          expect(s.providerMicro % unit).toBe(0);
          expect(s.providerMicro).toBeGreaterThanOrEqual(0);
          expect(s.systemMicro).toBeGreaterThanOrEqual(0);
          // The rounded cost is within half a unit of the exact charge.
          expect(Math.abs(s.costMicro - Number(s.exactPoints) * 1e6)).toBeLessThanOrEqual(unit / 2 + 1e-6 * s.costMicro + 1e-6);
        },
      ),
      { numRuns: 300 },
    );
  });
});
