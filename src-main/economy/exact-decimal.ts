/**
 * Exact decimal helpers for settlement. Every amount is a BigInt scaled by a power of ten, so
 * products of token counts, prices and factors never lose a digit (they can pass 2^53).
 */

/** Factors (surge, fire-sale, provider share) are kept to 6 decimals: 0.5 -> 500000n. */
export const FACTOR_SCALE = 1_000_000n;
export const FACTOR_DECIMALS = 6;

/** A non-negative decimal factor -> parts per million (exact to 6 decimals; float noise rounded). */
export function factorToPpm(factor: number): bigint {
  if (!Number.isFinite(factor) || factor < 0) throw new RangeError(`factor must be a finite number >= 0: ${factor}`);
  const scaled = Math.round(factor * 1e6);
  if (!Number.isSafeInteger(scaled)) throw new RangeError(`factor out of range: ${factor}`);
  return BigInt(scaled);
}

/** `numerator / 10^scale` rounded half away from zero to a whole number. */
export function roundHalfUp(numerator: bigint, divisor: bigint): bigint {
  if (divisor <= 0n) throw new RangeError('divisor must be positive');
  const neg = numerator < 0n;
  const abs = neg ? -numerator : numerator;
  const q = abs / divisor;
  const r = abs % divisor;
  const rounded = r * 2n >= divisor ? q + 1n : q;
  return neg ? -rounded : rounded;
}

/** Exact decimal text of `value / 10^scale`, trailing zeros trimmed: (3525n, 6) -> "0.003525". */
export function formatScaled(value: bigint, scale: number): string {
  const neg = value < 0n;
  const digits = (neg ? -value : value).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const frac = scale > 0 ? digits.slice(digits.length - scale).replace(/0+$/, '') : '';
  return `${neg ? '-' : ''}${whole}${frac ? '.' + frac : ''}`;
}

export function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}
