import type { IRMessage, IRPart } from './ir';

/** Plain text of the text parts, joined without separators (they were one string upstream). */
export function textOf(parts: readonly IRPart[]): string {
  return parts.map((p) => (p.type === 'text' ? p.text : '')).join('');
}

/** The name of the tool call `callId` in the history (tool results in Chat/Responses lack it). */
export function toolNameFor(messages: readonly IRMessage[], callId: string): string | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    for (const p of messages[i]?.parts ?? []) if (p.type === 'tool_call' && p.id === callId) return p.name;
  }
  return undefined;
}

/** Joins consecutive messages with the same role (Anthropic and Gemini want alternating turns). */
export function mergeConsecutive<T extends { role: string; parts: unknown[] }>(list: T[]): T[] {
  const out: T[] = [];
  for (const m of list) {
    const last = out.at(-1);
    if (last && last.role === m.role) last.parts.push(...m.parts);
    else out.push({ ...m, parts: [...m.parts] });
  }
  return out;
}

let seq = 0;
/** Fresh ids for responses the gateway renders itself. */
export function newId(prefix: string): string {
  seq = (seq + 1) % 1_000_000;
  return `${prefix}${Date.now().toString(36)}${seq.toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Anthropic and Gemini reject a tool call whose result does not follow it, and a result that
 * answers no call (PROTOCOLS.md §8.3, §8.4) — common after a client trimmed its history. Missing
 * results become explicit error results; orphan results become plain user text.
 */
export function repairToolPairs(messages: readonly IRMessage[]): IRMessage[] {
  const out: IRMessage[] = [];
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i];
    if (!m) continue;
    if (m.role === 'tool') {
      const prev = [...out].reverse().find((x) => x.role !== 'tool');
      const calls = new Set(prev?.role === 'assistant' ? prev.parts.flatMap((p) => (p.type === 'tool_call' ? [p.id] : [])) : []);
      const kept: IRPart[] = [];
      const orphans: IRPart[] = [];
      for (const p of m.parts) {
        if (p.type === 'tool_result' && calls.has(p.callId)) kept.push(p);
        else if (p.type === 'tool_result') orphans.push({ type: 'text', text: `Tool result (${p.name ?? p.callId}): ${textOf(p.content)}` });
      }
      if (kept.length) out.push({ role: 'tool', parts: kept });
      if (orphans.length) out.push({ role: 'user', parts: orphans });
      continue;
    }
    out.push(m);
    if (m.role !== 'assistant') continue;
    const callIds = m.parts.flatMap((p) => (p.type === 'tool_call' ? [p.id] : []));
    if (!callIds.length) continue;
    const answered = new Set<string>();
    for (let j = i + 1; j < messages.length && messages[j]?.role === 'tool'; j++) {
      for (const p of messages[j]?.parts ?? []) if (p.type === 'tool_result') answered.add(p.callId);
    }
    const missing = callIds.filter((id) => !answered.has(id));
    if (missing.length) {
      // Placed with the real results (merged into one turn by the builders).
      out.push({ role: 'tool', parts: missing.map((callId) => ({ type: 'tool_result', callId, content: [{ type: 'text', text: 'No result was recorded for this call.' }], isError: true })) });
    }
  }
  return out;
}
