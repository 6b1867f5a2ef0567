import { randomInt as cryptoRandomInt } from 'node:crypto';

export type RedPacketMode = 'even' | 'lucky';

/** Inclusive integer draw; injectable so tests can replay a split. */
export type RandomInt = (min: number, max: number) => number;

const defaultRandomInt: RandomInt = (min, max) => cryptoRandomInt(min, max + 1);

/** crypto.randomInt's range limit (2^48); totals above it are split in even mode only. */
export const MAX_LUCKY_TOTAL_MICRO = 2 ** 48 - 1;

/**
 * Splits `totalMicro` into `parts` amounts, each at least 1 micro-point, summing exactly.
 * Even: the remainder of the division goes one micro-point each to the first parts.
 * Lucky: parts-1 distinct cut points drawn uniformly from 1..total-1 (Floyd's sampling, O(parts)),
 * so every composition of the total into `parts` positive amounts is equally likely.
 * The split is drawn once at creation and stored; claims take the next unclaimed part.
 */
export function splitRedPacket(totalMicro: number, parts: number, mode: RedPacketMode, randomInt: RandomInt = defaultRandomInt): number[] {
  if (!Number.isSafeInteger(parts) || parts < 1) throw new RangeError(`parts must be a positive integer: ${parts}`);
  if (!Number.isSafeInteger(totalMicro) || totalMicro < parts) {
    throw new RangeError(`total must be an integer of at least one micro-point per part: ${totalMicro} < ${parts}`);
  }
  switch (mode) {
    case 'even': {
      const base = Math.floor(totalMicro / parts);
      const extra = totalMicro - base * parts;
      return Array.from({ length: parts }, (_, i) => base + (i < extra ? 1 : 0));
    }
    case 'lucky': {
      if (totalMicro > MAX_LUCKY_TOTAL_MICRO) throw new RangeError(`lucky packets hold at most ${MAX_LUCKY_TOTAL_MICRO} micro-points`);
      const cuts = sampleDistinct(totalMicro - 1, parts - 1, randomInt);
      cuts.sort((a, b) => a - b);
      const out: number[] = [];
      let prev = 0;
      for (const c of cuts) {
        out.push(c - prev);
        prev = c;
      }
      out.push(totalMicro - prev);
      return out;
    }
    default: {
      const never: never = mode;
      throw new RangeError(`unknown mode ${String(never)}`);
    }
  }
}

/** Floyd's algorithm: k distinct integers from 1..n without rejection loops. */
function sampleDistinct(n: number, k: number, randomInt: RandomInt): number[] {
  const chosen = new Set<number>();
  for (let j = n - k + 1; j <= n; j++) {
    const t = randomInt(1, j);
    chosen.add(chosen.has(t) ? j : t);
  }
  return [...chosen];
}
