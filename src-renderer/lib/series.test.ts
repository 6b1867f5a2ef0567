import { describe, expect, it } from 'vitest';
import { hourlyBuckets } from './series';

describe('hourlyBuckets', () => {
  const now = Date.parse('2026-11-26T15:20:00Z');
  it('makes 24 hourly buckets ending with the current hour and counts rows into them', () => {
    const rows = [
      { created_at: '2026-11-26T15:05:00Z', input_tokens: 10, output_tokens: 5 },
      { created_at: '2026-11-26T15:19:59Z', input_tokens: 1, output_tokens: 1 },
      { created_at: '2026-11-25T16:00:00Z', input_tokens: 7, output_tokens: 3 },
      // older than 24 h: left out
      { created_at: '2026-11-25T15:59:59Z', input_tokens: 100, output_tokens: 100 },
    ];
    const b = hourlyBuckets(rows, now);
    expect(b).toHaveLength(24);
    expect(b[23]).toMatchObject({ start: Date.parse('2026-11-26T15:00:00Z'), requests: 2, inputTokens: 11, outputTokens: 6 });
    expect(b[0]).toMatchObject({ start: Date.parse('2026-11-25T16:00:00Z'), requests: 1, inputTokens: 7 });
    expect(b.reduce((n, x) => n + x.requests, 0)).toBe(3);
  });
});
