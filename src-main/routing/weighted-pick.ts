/** A number in [0, 1); tests inject a seeded one so choices are reproducible. */
export type RandomSource = () => number;

export interface Weighted<T> {
  item: T;
  weight: number;
}

/**
 * Picks one item with probability proportional to its weight. Zero-weight items are chosen only
 * when every weight is zero (then uniformly), so a weight-0 channel is a last resort, not dead.
 */
export function pickWeighted<T>(items: readonly Weighted<T>[], random: RandomSource): T | undefined {
  if (items.length === 0) return undefined;
  const total = items.reduce((sum, it) => sum + Math.max(0, it.weight), 0);
  if (total <= 0) return items[Math.min(items.length - 1, Math.floor(random() * items.length))]!.item;
  let point = random() * total;
  for (const it of items) {
    const w = Math.max(0, it.weight);
    if (point < w) return it.item;
    point -= w;
  }
  // Float rounding can leave point == total; the last positive-weight item owns that edge.
  for (let i = items.length - 1; i >= 0; i--) if (items[i]!.weight > 0) return items[i]!.item;
  return undefined;
}

/** Deterministic PRNG (mulberry32) for tests and reproducible benchmarks. */
export function seededRandom(seed: number): RandomSource {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
