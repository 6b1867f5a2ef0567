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
