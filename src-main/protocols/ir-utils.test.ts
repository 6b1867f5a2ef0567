import { describe, expect, it } from 'vitest';
import { adapters } from './registry';
import type { IRMessage } from './ir';
import { repairToolPairs } from './ir-utils';
import { ToolNameMap } from './tool-names';

const call = (id: string, name = 'f') => ({ type: 'tool_call' as const, id, name, arguments: '{}' });
const result = (callId: string, text: string) => ({ type: 'tool_result' as const, callId, content: [{ type: 'text' as const, text }] });

describe('tool call/result pairing after a client trimmed its history', () => {
  const history: IRMessage[] = [
    { role: 'user', parts: [{ type: 'text', text: 'go' }] },
    { role: 'assistant', parts: [call('c1'), call('c2')] },
    { role: 'tool', parts: [result('c1', 'one'), result('gone', 'orphan output')] },
    { role: 'user', parts: [{ type: 'text', text: 'next' }] },
  ];

  it('adds an error result for an unanswered call and turns an orphan result into text', () => {
    expect(repairToolPairs(history)).toEqual([
      history[0],
      history[1],
      { role: 'tool', parts: [{ type: 'tool_result', callId: 'c2', content: [{ type: 'text', text: 'No result was recorded for this call.' }], isError: true }] },
      { role: 'tool', parts: [result('c1', 'one')] },
      { role: 'user', parts: [{ type: 'text', text: 'Tool result (gone): orphan output' }] },
      history[3],
    ]);
  });

  it('gives Anthropic every tool_result right after its tool_use, and Gemini as many responses as calls', () => {
    const ir = { model: 'm', system: [], messages: history, tools: [], stream: false };
    const opts = { upstreamModel: 'm', defaultMaxTokens: 100, toolNames: new ToolNameMap((n) => n) };
    const a = adapters.anthropic.buildRequest(ir, opts) as { messages: { role: string; content: { type: string; tool_use_id?: string }[] }[] };
    expect(a.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(a.messages[2]!.content.filter((b) => b.type === 'tool_result').map((b) => b.tool_use_id).sort()).toEqual(['c1', 'c2']);
    const g = adapters.gemini.buildRequest(ir, opts) as { contents: { role: string; parts: Record<string, unknown>[] }[] };
    expect(g.contents.map((c) => c.role)).toEqual(['user', 'model', 'user']);
    expect(g.contents[2]!.parts.filter((p) => p.functionResponse)).toHaveLength(2);
  });
});
