import { describe, expect, it } from 'vitest';
import { emptyResponseError } from './errors';
import type { IRStreamEvent } from './ir';
import { isSemanticEvent, SemanticObserver } from './semantic';
import { ZERO_USAGE } from './usage';

describe('semantic content', () => {
  it('counts only real text and tool calls', () => {
    const not: IRStreamEvent[] = [
      { type: 'start', id: 'x', model: 'm' },
      { type: 'text', text: ' \n\t' },
      { type: 'reasoning', text: 'thinking…' },
      { type: 'usage', usage: ZERO_USAGE },
      { type: 'tool_call_delta', index: 0, arguments: ' ' },
      { type: 'finish', reason: 'stop' },
      { type: 'end' },
      { type: 'error', error: emptyResponseError() },
    ];
    expect(not.filter(isSemanticEvent)).toEqual([]);
    expect(isSemanticEvent({ type: 'text', text: ' a' })).toBe(true);
    expect(isSemanticEvent({ type: 'tool_call_start', index: 0, id: 'c', name: 'f' })).toBe(true);
  });

  it('reports the first semantic event exactly once', () => {
    const o = new SemanticObserver();
    expect(o.observe({ type: 'text', text: ' ' })).toBe(false);
    expect(o.hasContent).toBe(false);
    expect(o.observe({ type: 'text', text: 'Hi' })).toBe(true);
    expect(o.observe({ type: 'text', text: 'there' })).toBe(false);
    expect(o.hasContent).toBe(true);
  });
});
