import { formatMicro, POINT_DECIMALS } from '../../src-shared/points';
import { FACTOR_DECIMALS, FACTOR_SCALE, factorToPpm, formatScaled, pow10, roundHalfUp } from './exact-decimal';

/**
 * The settlement formula (MISSION.md "Pricing and settlement", issue 5):
 *
 *   exact  = (input × in_price + cached × cache_price + cache_write × cache_write_price
 *             + output × out_price) / 1M  × surge  × fire_sale
 *   cost   = exact rounded half-up to `settlement_round_digits` decimals of a point
 *   provider = cost × provider_share, rounded the same way
 *   system   = cost − provider          (so cost = provider + system exactly)
 *
 * `input` is the UNCACHED input: cached tokens are split out of the upstream's prompt count
 * before this runs and are charged once, at the cache rate. All arithmetic is BigInt.
 */
export interface TokenCounts {
  /** Uncached input tokens (prompt tokens minus cache hits minus cache writes). */
  input: number;
  /** Cache-hit input tokens, charged at the cache rate. */
  cached: number;
  /** Tokens written to a prompt cache (Anthropic cache_creation), charged at the cache-write rate. */
  cacheWrite: number;
  /** Output tokens, reasoning included. */
  output: number;
}

/** Micro-points per 1M tokens. */
export interface Tariff {
  inputMicro: number;
  outputMicro: number;
  cacheMicro: number;
  cacheWriteMicro: number;
}

export interface SettlementFactors {
  surgeMultiplier: number;
  /** The channel's fire-sale discount while its sale is in force; null when it is not. */
  fireSaleFactor: number | null;
  providerShare: number;
  /** 0..6 decimal places of a point kept in the result. */
  roundDigits: number;
}

export interface Settlement {
  costMicro: number;
  providerMicro: number;
  systemMicro: number;
  /** The unrounded charge as an exact decimal string of points. */
  exactPoints: string;
  /** Factors as applied (fire sale 1 when not in force), for the ledger columns. */
  surgeMultiplier: number;
  fireSaleFactor: number;
  providerShare: number;
  formula: string;
}

const PER_TOKENS = 1_000_000n;

export function computeSettlement(tokens: TokenCounts, tariff: Tariff, factors: SettlementFactors): Settlement {
  for (const [name, n] of Object.entries(tokens)) {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} tokens must be a non-negative integer: ${n}`);
  }
  for (const [name, p] of Object.entries(tariff)) {
    if (!Number.isSafeInteger(p) || p < 0) throw new RangeError(`${name} must be a non-negative integer: ${p}`);
  }
  const digits = factors.roundDigits;
  if (!Number.isInteger(digits) || digits < 0 || digits > POINT_DECIMALS) {
    throw new RangeError(`roundDigits must be an integer 0..${POINT_DECIMALS}: ${digits}`);
  }
  const share = factorToPpm(factors.providerShare);
  if (share > FACTOR_SCALE) throw new RangeError(`provider share above 1: ${factors.providerShare}`);
  const surge = factorToPpm(factors.surgeMultiplier);
  const fire = factors.fireSaleFactor === null ? FACTOR_SCALE : factorToPpm(factors.fireSaleFactor);

  // Σ tokens × micro-points-per-1M: the base charge in micro-points, scaled by 1M.
  const base =
    BigInt(tokens.input) * BigInt(tariff.inputMicro) +
    BigInt(tokens.cached) * BigInt(tariff.cacheMicro) +
    BigInt(tokens.cacheWrite) * BigInt(tariff.cacheWriteMicro) +
    BigInt(tokens.output) * BigInt(tariff.outputMicro);
  // exact micro-points = base × surge × fire / (1M × 10^6 × 10^6)
  const exactNumerator = base * surge * fire;
  const exactDenominator = PER_TOKENS * FACTOR_SCALE * FACTOR_SCALE;
  const unit = pow10(POINT_DECIMALS - digits); // micro-points per last kept decimal
  const costMicro = roundHalfUp(exactNumerator, exactDenominator * unit) * unit;
  const providerMicro = roundHalfUp(costMicro * share, FACTOR_SCALE * unit) * unit;
  const systemMicro = costMicro - providerMicro;

  // exact points = exactNumerator / (exactDenominator × 10^6), a terminating decimal.
  const exactScale = 6 + 2 * FACTOR_DECIMALS + POINT_DECIMALS;
  const exactPoints = formatScaled(exactNumerator, exactScale);
  const basePoints = formatScaled(base, 6 + POINT_DECIMALS);

  const result: Settlement = {
    costMicro: toSafe(costMicro),
    providerMicro: toSafe(providerMicro),
    systemMicro: toSafe(systemMicro),
    exactPoints,
    surgeMultiplier: Number(surge) / 1e6,
    fireSaleFactor: Number(fire) / 1e6,
    providerShare: Number(share) / 1e6,
    formula: '',
  };
  result.formula = describe(tokens, tariff, factors.fireSaleFactor !== null, basePoints, result, digits);
  return result;
}

function toSafe(v: bigint): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new RangeError(`settlement out of range: ${v}`);
  return n;
}

/** The readable formula kept on the ledger row, e.g.
 *  "(1000 input × 5 + 500 cached × 0.5 + 1000 output × 30) / 1M = 0.03525 points; × surge 0.5
 *   × fire-sale 0.2 = 0.003525; rounded to 4 decimals = 0.0035; provider 70% = 0.0025; system 0.001" */
function describe(
  tokens: TokenCounts,
  tariff: Tariff,
  inFireSale: boolean,
  basePoints: string,
  s: Settlement,
  digits: number,
): string {
  const terms: string[] = [];
  const term = (n: number, label: string, priceMicro: number) => {
    if (n > 0) terms.push(`${n} ${label} × ${formatMicro(priceMicro)}`);
  };
  term(tokens.input, 'input', tariff.inputMicro);
  term(tokens.cached, 'cached', tariff.cacheMicro);
  term(tokens.cacheWrite, 'cache-write', tariff.cacheWriteMicro);
  term(tokens.output, 'output', tariff.outputMicro);
  const head = terms.length > 0 ? `(${terms.join(' + ')}) / 1M = ${basePoints}` : `0 tokens = 0`;
  const factorText = [`× surge ${s.surgeMultiplier}`];
  if (inFireSale) factorText.push(`× fire-sale ${s.fireSaleFactor}`);
  const sharePct = formatScaled(BigInt(Math.round(s.providerShare * 1e6)) * 100n, 6);
  return (
    `${head} points; ${factorText.join(' ')} = ${s.exactPoints}; ` +
    `rounded to ${digits} decimals = ${formatMicro(s.costMicro)}; ` +
    `provider ${sharePct}% = ${formatMicro(s.providerMicro)}; system ${formatMicro(s.systemMicro)}`
  );
}
