import { describe, expect, it } from 'vitest';
import { compilePattern, isLiteralPattern, isValidPattern, matchesAny } from './model-pattern';

describe('model patterns', () => {
  it('matches exact names, globs and /regex/', () => {
    expect(compilePattern('gpt-5.1')('gpt-5.1')).toBe(true);
    expect(compilePattern('gpt-5.1')('gpt-5.10')).toBe(false);
    expect(compilePattern('gpt-5*')('gpt-5.1-codex')).toBe(true);
    expect(compilePattern('claude-*-4*')('claude-sonnet-4-5')).toBe(true);
    expect(compilePattern('gpt-5.*')('gpt-5x1')).toBe(false); // dots in globs are literal
    expect(compilePattern('/^gpt-5\\.[0-9]+$/')('gpt-5.2')).toBe(true);
    expect(compilePattern('/^GPT/i')('gpt-5')).toBe(true);
  });
  it('compiles once per pattern', () => {
    expect(compilePattern('x-*')).toBe(compilePattern('x-*'));
  });
  it('validates and classifies', () => {
    expect(isValidPattern('/[/')).toBe(false);
    expect(isValidPattern('  ')).toBe(false);
    expect(isLiteralPattern('gpt-5.1')).toBe(true);
    expect(isLiteralPattern('gpt-*')).toBe(false);
    expect(matchesAny([], 'x')).toBe(false);
    expect(matchesAny(['a', 'b*'], 'bc')).toBe(true);
  });
});
