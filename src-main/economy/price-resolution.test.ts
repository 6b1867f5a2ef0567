import { describe, expect, it } from 'vitest';
import { toMicro } from '../../src-shared/points';
import { isValidPattern } from '../../src-shared/model-pattern';
import { resolvePrice, specificity, type FallbackRates, type PriceRow } from './price-resolution';
import { PRICE_PRESETS } from './price-presets';

const fallback: FallbackRates = { inputMicro: toMicro(1), outputMicro: toMicro(4), cacheMicro: toMicro(0.1) };
let nextId = 1;
const row = (channelId: number | null, modelPattern: string, input: number, cacheWrite: number | null = null): PriceRow => ({
  id: nextId++,
  channelId,
  modelPattern,
  inputMicro: toMicro(input),
  outputMicro: toMicro(input * 2),
  cacheMicro: toMicro(input / 10),
  cacheWriteMicro: cacheWrite === null ? null : toMicro(cacheWrite),
});

describe('resolvePrice', () => {
  const rows: PriceRow[] = [
    row(null, 'default', 3),
    row(null, 'claude-*', 4),
    row(7, 'default', 5),
    row(7, 'claude-sonnet-*', 6),
    row(9, 'gpt-*', 8),
  ];

  it('walks channel pattern, channel default, global pattern, global default, fallback in order', () => {
    expect(resolvePrice(rows, 7, 'claude-sonnet-4-5', fallback)).toMatchObject({ tier: 'channel-model', tariff: { inputMicro: 6_000_000 } });
    expect(resolvePrice(rows, 7, 'claude-haiku-4-5', fallback)).toMatchObject({ tier: 'channel-default', tariff: { inputMicro: 5_000_000 } });
    expect(resolvePrice(rows, 9, 'claude-haiku-4-5', fallback)).toMatchObject({ tier: 'global-model', tariff: { inputMicro: 4_000_000 } });
    expect(resolvePrice(rows, 9, 'gemini-2.5-pro', fallback)).toMatchObject({ tier: 'global-default', tariff: { inputMicro: 3_000_000 } });
    expect(resolvePrice(rows.filter((r) => r.modelPattern !== 'default'), 9, 'gemini-2.5-pro', fallback)).toMatchObject({
      tier: 'fallback',
      priceId: null,
      tariff: { inputMicro: 1_000_000, outputMicro: 4_000_000, cacheMicro: 100_000, cacheWriteMicro: 1_000_000 },
    });
  });

  it('ignores other channels’ rows and handles a request with no channel', () => {
    expect(resolvePrice(rows, 8, 'gpt-5', fallback).tier).toBe('global-default');
    expect(resolvePrice(rows, null, 'claude-x', fallback).tier).toBe('global-model');
  });

  it('prefers exact over glob over regex, longer globs over shorter, then the lowest id', () => {
    const r = [row(null, '/^gpt-5.*$/', 1), row(null, 'gpt-*', 2), row(null, 'gpt-5*', 3), row(null, 'gpt-5.1', 4), row(null, 'gpt-5*', 5)];
    expect(resolvePrice(r, null, 'gpt-5.1', fallback).tariff.inputMicro).toBe(4_000_000);
    expect(resolvePrice(r, null, 'gpt-5.2', fallback).tariff.inputMicro).toBe(3_000_000);
    expect(resolvePrice(r, null, 'gpt-4o', fallback).tariff.inputMicro).toBe(2_000_000);
    expect(resolvePrice([r[0]!], null, 'gpt-5o', fallback).tariff.inputMicro).toBe(1_000_000);
    expect(specificity('gpt-5.1')).toBeGreaterThan(specificity('gpt-5*'));
    expect(specificity('gpt-5*')).toBeGreaterThan(specificity('/gpt-5.1/'));
  });

  it('charges cache writes at the input rate unless the row names a write rate', () => {
    const r = [row(null, 'a', 2), row(null, 'b', 2, 2.5)];
    expect(resolvePrice(r, null, 'a', fallback).tariff.cacheWriteMicro).toBe(2_000_000);
    expect(resolvePrice(r, null, 'b', fallback).tariff.cacheWriteMicro).toBe(2_500_000);
  });

  it('names the source for the ledger', () => {
    expect(resolvePrice(rows, 7, 'claude-sonnet-4', fallback).source).toBe('channel 7 "claude-sonnet-*"');
    expect(resolvePrice(rows, 9, 'x', fallback).source).toBe('global "default"');
  });
});

describe('PRICE_PRESETS', () => {
  const presetRows: PriceRow[] = PRICE_PRESETS.map((p, i) => ({
    id: i + 1,
    channelId: null,
    modelPattern: p.model_pattern,
    inputMicro: toMicro(p.input_price_per_1m),
    outputMicro: toMicro(p.output_price_per_1m),
    cacheMicro: toMicro(p.cache_price_per_1m),
    cacheWriteMicro: p.cache_write_price_per_1m === null ? null : toMicro(p.cache_write_price_per_1m),
  }));
  const inputOf = (model: string) => resolvePrice(presetRows, null, model, fallback);

  it('are valid patterns', () => {
    for (const p of PRICE_PRESETS) expect(isValidPattern(p.model_pattern), p.model_pattern).toBe(true);
  });

  it.each([
    ['gpt-5', 1.25, 10],
    ['gpt-5.1', 1.25, 10],
    ['gpt-5.2', 1.75, 14],
    ['gpt-5-mini', 0.25, 2],
    ['gpt-5-nano', 0.05, 0.4],
    ['gpt-5-pro', 15, 120],
    ['gpt-5-codex', 1.25, 10],
    ['gpt-5.1-codex', 1.25, 10],
    ['gpt-5.1-codex-mini', 0.25, 2],
    ['claude-opus-4-1-20250805', 15, 75],
    ['claude-opus-4-5-20251101', 5, 25],
    ['claude-sonnet-4-5-20250929', 3, 15],
    ['claude-haiku-4-5-20251001', 1, 5],
  ])('price %s at %s in / %s out per 1M', (model, input, output) => {
    const r = inputOf(model);
    expect(r.tier).toBe('global-model');
    expect(r.tariff.inputMicro).toBe(toMicro(input));
    expect(r.tariff.outputMicro).toBe(toMicro(output));
  });

  it('leave models outside the families to the fallback', () => {
    expect(inputOf('gemini-2.5-pro').tier).toBe('fallback');
  });
});
