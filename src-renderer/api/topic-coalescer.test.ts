import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Topic } from '../../src-shared/events';
import { TopicCoalescer } from './topic-coalescer';

describe('TopicCoalescer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('flushes the first push at once, then merges a burst into one trailing flush', () => {
    const flushes: Topic[][] = [];
    const c = new TopicCoalescer((t) => flushes.push(t.sort()), 500);
    c.push(['ledger']);
    expect(flushes).toEqual([['ledger']]);
    c.push(['channels']);
    vi.advanceTimersByTime(100);
    c.push(['ledger', 'leaderboards']);
    c.push(['channels']);
    expect(flushes).toHaveLength(1);
    vi.advanceTimersByTime(399);
    expect(flushes).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(flushes).toEqual([['ledger'], ['channels', 'leaderboards', 'ledger']]);
  });

  it('bounds a sustained stream to one flush per interval, none lost', () => {
    const flushes: Topic[][] = [];
    const c = new TopicCoalescer((t) => flushes.push(t), 500);
    for (let ms = 0; ms < 2_000; ms += 10) {
      c.push(['ledger']);
      vi.advanceTimersByTime(10);
    }
    vi.advanceTimersByTime(500);
    expect(flushes.length).toBeGreaterThanOrEqual(4);
    expect(flushes.length).toBeLessThanOrEqual(5);
  });

  it('drops nothing after a quiet period and nothing after dispose', () => {
    const flushes: Topic[][] = [];
    const c = new TopicCoalescer((t) => flushes.push(t), 500);
    c.push(['me']);
    vi.advanceTimersByTime(5_000);
    c.push(['economy']);
    expect(flushes).toEqual([['me'], ['economy']]);
    c.push(['users']);
    c.dispose();
    vi.advanceTimersByTime(1_000);
    expect(flushes).toHaveLength(2);
  });
});
