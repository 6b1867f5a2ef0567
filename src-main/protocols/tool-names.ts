import { createHash } from 'node:crypto';

/**
 * Tool ids and names that one provider mints may break another's character rules
 * (PROTOCOLS.md §8.9). Sanitizing is deterministic, so the same id maps to the same value in the
 * call and in its result, and a short hash keeps two different originals from colliding.
 */

const shortHash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 8);

function sanitize(value: string, allowed: RegExp, max: number): string {
  const cleaned = value.replace(allowed, '_');
  if (cleaned === value && value.length > 0 && value.length <= max) return value;
  const suffix = `_${shortHash(value)}`;
  return (cleaned || 'x').slice(0, max - suffix.length) + suffix;
}

/** Anthropic `tool_use.id` / `tool_result.tool_use_id`: ^[a-zA-Z0-9_-]+$ */
export function sanitizeAnthropicToolId(id: string): string {
  return sanitize(id, /[^a-zA-Z0-9_-]/g, 200);
}

/** Maps tool names sent upstream back to the names the client declared. */
export class ToolNameMap {
  private readonly back = new Map<string, string>();

  constructor(private readonly rule: (name: string) => string) {}

  /** The name to send upstream; remembers how to map it back. */
  toUpstream(name: string): string {
    const out = this.rule(name);
    this.back.set(out, name);
    return out;
  }

  /** The client's name for a name the upstream used. */
  toClient(name: string): string {
    return this.back.get(name) ?? name;
  }
}

/** Anthropic tool names: ^[a-zA-Z0-9_-]{1,128}$ (MCP-style dotted names fail). */
export const anthropicToolName = (name: string) => sanitize(name, /[^a-zA-Z0-9_-]/g, 128);

/** Gemini names: start with a letter or underscore; a-zA-Z0-9_.:- ; at most 128 characters. */
export const geminiToolName = (name: string) => {
  const s = sanitize(name, /[^a-zA-Z0-9_.:-]/g, 128);
  return /^[a-zA-Z_]/.test(s) ? s : sanitize(`_${name}`, /[^a-zA-Z0-9_.:-]/g, 128);
};

/** OpenAI function names: a-zA-Z0-9_- , at most 64 characters. */
export const openaiToolName = (name: string) => sanitize(name, /[^a-zA-Z0-9_-]/g, 64);
