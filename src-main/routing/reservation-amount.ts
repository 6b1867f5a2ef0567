import { computeSettlement, type Tariff } from '../economy/settlement-formula';

/** Other model families tokenize the same text into more tokens than o200k: hold a margin. */
export const INPUT_ESTIMATE_MARGIN = 1.2;

/**
 * Points to hold for one attempt: the settlement formula applied to the input estimate plus the
 * whole output budget, with the same rounding as settlement. The formula is monotonic in tokens,
 * so a charge for real usage within those bounds can never exceed the hold. Input is held at the
 * dearest input-side rate (a cache write may cost more than plain input). A fire-sale discount
 * only lowers a charge, so it is left out; surge is never taken below 1 for the same reason.
 */
export function reservationMicro(tariff: Tariff, inputTokens: number, maxOutputTokens: number, surgeMultiplier: number, roundDigits: number): number {
  const inputRate = Math.max(tariff.inputMicro, tariff.cacheMicro, tariff.cacheWriteMicro);
  const held = Math.ceil(inputTokens * INPUT_ESTIMATE_MARGIN);
  return computeSettlement({ input: held, cached: 0, cacheWrite: 0, output: maxOutputTokens }, { ...tariff, inputMicro: inputRate }, {
    surgeMultiplier: Math.max(1, surgeMultiplier),
    fireSaleFactor: null,
    providerShare: 0,
    roundDigits,
  }).costMicro;
}
