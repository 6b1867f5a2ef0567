import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { splitRedPacket, type RandomInt } from './red-packet-split';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('splitRedPacket', () => {
  it('splits evenly with the remainder spread one micro-point at a time', () => {
    expect(splitRedPacket(10, 3, 'even')).toEqual([4, 3, 3]);
    expect(splitRedPacket(9, 3, 'even')).toEqual([3, 3, 3]);
    expect(splitRedPacket(5, 5, 'lucky')).toEqual([1, 1, 1, 1, 1]);
  });

  it('uses the injected draw for lucky splits', () => {
    const draws = [3, 5]; // cut points for total 10, 3 parts: Floyd picks from 1..8, 1..9
    const rnd: RandomInt = () => draws.shift()!;
    expect(splitRedPacket(10, 3, 'lucky', rnd)).toEqual([3, 2, 5]);
  });

  it('resolves Floyd collisions by taking the upper bound', () => {
    const draws = [4, 4];
    const rnd: RandomInt = () => draws.shift()!;
    // second draw repeats 4 → takes j = 9; cuts {4, 9} → [4, 5, 1]
    expect(splitRedPacket(10, 3, 'lucky', rnd)).toEqual([4, 5, 1]);
  });

  it('rejects totals below one micro-point per part and bad part counts', () => {
    expect(() => splitRedPacket(2, 3, 'even')).toThrow(RangeError);
    expect(() => splitRedPacket(10, 0, 'lucky')).toThrow(RangeError);
    expect(() => splitRedPacket(10.5, 2, 'even')).toThrow(RangeError);
  });

  it('always sums exactly with every part at least 1 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 1e12 }), fc.constantFrom('even', 'lucky' as const), (parts, extra, mode) => {
        const total = parts + extra;
        const out = splitRedPacket(total, parts, mode);
        expect(out).toHaveLength(parts);
        expect(sum(out)).toBe(total);
        for (const x of out) expect(Number.isSafeInteger(x) && x >= 1).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('lucky splits are not all even (the draw really varies)', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) seen.add(splitRedPacket(1_000_000, 4, 'lucky').join(','));
    expect(seen.size).toBeGreaterThan(1);
  });
});
