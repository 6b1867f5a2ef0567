/**
 * Points are stored and moved as integers of a fixed sub-unit ("micro-points") so that
 * sums are exact; the API shows and accepts decimal numbers.
 */
export const MICRO_PER_POINT = 1_000_000;
export const POINT_DECIMALS = 6;

/** Decimal points (number or string) -> integer micro-points; rejects more than 6 decimals. */
export function toMicro(points: number | string): number {
  if (typeof points === 'number') {
    if (!Number.isFinite(points)) throw new RangeError(`not a finite number: ${points}`);
    const scaled = points * MICRO_PER_POINT;
    const micro = Math.round(scaled);
    // JSON numbers are binary floats: accept float noise, reject a real 7th decimal.
    if (Math.abs(scaled - micro) > 1e-6 * Math.max(1, Math.abs(scaled)) * 1e-3) {
      throw new RangeError(`at most ${POINT_DECIMALS} decimal places: ${points}`);
    }
    if (!Number.isSafeInteger(micro)) throw new RangeError(`out of range: ${points}`);
    return micro;
  }
  const text = points.trim();
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new RangeError(`not a decimal number: ${text}`);
  const [, sign, whole = '0', fracRaw = ''] = m;
  if (fracRaw.replace(/0+$/, '').length > POINT_DECIMALS) {
    throw new RangeError(`at most ${POINT_DECIMALS} decimal places: ${text}`);
  }
  const frac = (fracRaw + '000000').slice(0, POINT_DECIMALS);
  const micro = Number(whole) * MICRO_PER_POINT + Number(frac);
  if (!Number.isSafeInteger(micro)) throw new RangeError(`out of range: ${text}`);
  return sign ? -micro : micro;
}

/** Integer micro-points -> decimal points for JSON output. */
export function fromMicro(micro: number): number {
  return micro / MICRO_PER_POINT;
}

/** Integer micro-points -> exact decimal string (no float noise), e.g. 3500 -> "0.0035". */
export function formatMicro(micro: number): string {
  const neg = micro < 0;
  const abs = Math.abs(micro);
  const whole = Math.floor(abs / MICRO_PER_POINT);
  const frac = String(abs % MICRO_PER_POINT).padStart(POINT_DECIMALS, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${whole}${frac ? '.' + frac : ''}`;
}
