import { describe, expect, it } from 'vitest';
import { formatMicro, fromMicro, toMicro } from './points';

describe('points', () => {
  it('converts decimals to integer micro-points exactly', () => {
    expect(toMicro(0.0035)).toBe(3500);
    expect(toMicro(0.1 + 0.2)).toBe(300_000);
    expect(toMicro('12.5')).toBe(12_500_000);
    expect(toMicro('-0.000001')).toBe(-1);
    expect(toMicro(50)).toBe(50_000_000);
  });
  it('rejects more than six decimals and junk', () => {
    expect(() => toMicro('0.0000001')).toThrow(/decimal places/);
    expect(() => toMicro(0.0000001)).toThrow(/decimal places/);
    expect(() => toMicro('1e3')).toThrow();
    expect(() => toMicro(Number.NaN)).toThrow();
  });
  it('formats without float noise', () => {
    expect(formatMicro(3500)).toBe('0.0035');
    expect(formatMicro(12_500_000)).toBe('12.5');
    expect(formatMicro(-1)).toBe('-0.000001');
    expect(fromMicro(2500)).toBe(0.0025);
  });
});
