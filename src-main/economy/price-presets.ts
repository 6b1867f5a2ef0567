/**
 * Built-in global prices, seeded once into an empty price table and editable afterwards.
 * Points per 1M tokens at 1 point ≈ 1 USD, from the providers' public list prices (2025-26).
 * Globs rank by literal length (price-resolution.ts `specificity`), so `gpt-5*-codex-mini*`
 * wins over `gpt-5*-codex*`, which wins over `gpt-5*`.
 */
export interface PricePreset {
  model_pattern: string;
  input_price_per_1m: number;
  output_price_per_1m: number;
  cache_price_per_1m: number;
  /** Null: cache writes cost the input rate (OpenAI and Gemini bill no separate write). */
  cache_write_price_per_1m: number | null;
}

const p = (
  model_pattern: string,
  input: number,
  output: number,
  cache: number,
  cacheWrite: number | null = null,
): PricePreset => ({
  model_pattern,
  input_price_per_1m: input,
  output_price_per_1m: output,
  cache_price_per_1m: cache,
  cache_write_price_per_1m: cacheWrite,
});

export const PRICE_PRESETS: readonly PricePreset[] = [
  // OpenAI GPT-5.x family
  p('gpt-5*', 1.25, 10, 0.125),
  p('gpt-5.2*', 1.75, 14, 0.175),
  p('gpt-5*-mini*', 0.25, 2, 0.025),
  p('gpt-5*-nano*', 0.05, 0.4, 0.005),
  p('gpt-5*-pro*', 15, 120, 15),
  // GPT-5.x-codex
  p('gpt-5*-codex*', 1.25, 10, 0.125),
  p('gpt-5*-codex-mini*', 0.25, 2, 0.025),
  // Anthropic Claude 4.x: cache reads at 0.1× input, 5-minute cache writes at 1.25× input.
  p('claude-opus-4*', 15, 75, 1.5, 18.75),
  p('claude-opus-4-5*', 5, 25, 0.5, 6.25),
  p('claude-sonnet-4*', 3, 15, 0.3, 3.75),
  p('claude-haiku-4*', 1, 5, 0.1, 1.25),
];
