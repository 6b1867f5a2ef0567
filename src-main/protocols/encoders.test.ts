import { describe, expect, it } from 'vitest';
import type { WireProtocol } from './adapter';
import type { IRStreamEvent } from './ir';
import { adapters } from './registry';
import { encodeSseFrame } from './sse';
import { ToolNameMap } from './tool-names';
import { decodeAll, parseSse, summarize } from './transcript-replay';

const names = () => new ToolNameMap((n) => n);
const USAGE = { inTotal: 10, cacheRead: 4, cacheWrite: 0, outTotal: 3, reasoning: 0 };
const encode = (target: WireProtocol, events: IRStreamEvent[], includeUsage = true) => {
  const enc = adapters[target].createEncoder({ model: 'client-model', toolNames: names(), includeUsage });
  return events.flatMap((e) => enc.push(e)).map(encodeSseFrame).join('');
};

/** Text after tool calls, interleaved parallel fragments: each encoder must stay valid for its SDK. */
const TRICKY: IRStreamEvent[] = [
  { type: 'start', id: 'x', model: 'upstream-model' },
  { type: 'text', text: 'Before. ' },
  { type: 'tool_call_start', index: 0, id: 'call_a', name: 'a' },
  { type: 'tool_call_delta', index: 0, arguments: '{"x"' },
  { type: 'tool_call_start', index: 1, id: 'call_b', name: 'b' },
  { type: 'tool_call_delta', index: 1, arguments: '{"y":2}' },
  { type: 'tool_call_delta', index: 0, arguments: ':1}' },
  { type: 'text', text: 'After.' },
  { type: 'usage', usage: USAGE },
  { type: 'finish', reason: 'tool_calls' },
  { type: 'end' },
];

describe('stream encoders', () => {
  for (const target of ['openai-chat', 'openai-responses', 'anthropic', 'gemini'] as WireProtocol[]) {
    it(`${target}: keeps all text and both calls whole when fragments interleave`, () => {
      const back = summarize(decodeAll(target, parseSse(encode(target, TRICKY))).events);
      expect(back.text).toBe('Before. After.');
      expect(back.toolCalls.map((c) => [c.name, JSON.parse(c.arguments) as unknown])).toEqual([
        ['a', { x: 1 }],
        ['b', { y: 2 }],
      ]);
      expect(back.finish).toBe('tool_calls');
      expect(back.ended).toBe(true);
    });
  }

  it('Chat: the usage chunk only when the client asked, always before [DONE]; the client model echoed', () => {
    const events: IRStreamEvent[] = [{ type: 'start', id: 'x', model: 'up' }, { type: 'text', text: 'hi' }, { type: 'finish', reason: 'stop' }, { type: 'usage', usage: USAGE }, { type: 'end' }];
    const withUsage = encode('openai-chat', events, true);
    expect(withUsage).toMatch(/"choices":\[\],"usage":\{"prompt_tokens":10.*\n\ndata: \[DONE\]\n\n$/s);
    expect(withUsage).not.toContain('"model":"up"');
    expect(encode('openai-chat', events, false)).not.toContain('prompt_tokens');
  });

  it('Anthropic: block indices rise across text and tool blocks; full usage in message_delta', () => {
    const frames = parseSse(encode('anthropic', TRICKY)).map((f) => JSON.parse(f.data) as { type: string; index?: number; usage?: Record<string, number> });
    const starts = frames.filter((f) => f.type === 'content_block_start').map((f) => f.index);
    expect(starts).toEqual([0, 1, 2, 3]);
    expect(frames.find((f) => f.type === 'message_delta')?.usage).toEqual({ input_tokens: 6, cache_creation_input_tokens: 0, cache_read_input_tokens: 4, output_tokens: 3 });
  });

  it('Responses: sequence numbers rise by one; every item added is done', () => {
    const frames = parseSse(encode('openai-responses', TRICKY)).map((f) => JSON.parse(f.data) as { type: string; sequence_number: number });
    expect(frames.map((f) => f.sequence_number)).toEqual(frames.map((_, i) => i));
    const added = frames.filter((f) => f.type === 'response.output_item.added').length;
    expect(frames.filter((f) => f.type === 'response.output_item.done').length).toBe(added);
    expect(added).toBe(4);
  });
});
