import { describe, expect, it } from 'vitest';
import { anthropicToolName, geminiToolName, sanitizeAnthropicToolId, ToolNameMap } from './tool-names';

describe('tool ids and names across providers (PROTOCOLS.md §8.9)', () => {
  it('keeps valid values and rewrites invalid ones deterministically, without collisions', () => {
    expect(sanitizeAnthropicToolId('toolu_01AbC-9')).toBe('toolu_01AbC-9');
    const a = sanitizeAnthropicToolId('functions.Bash:0');
    expect(a).toMatch(/^functions_Bash_0_[0-9a-f]{8}$/);
    expect(sanitizeAnthropicToolId('functions.Bash:0')).toBe(a);
    expect(sanitizeAnthropicToolId('functions_Bash_0')).not.toBe(a);
    expect(anthropicToolName('x'.repeat(200))).toHaveLength(128);
    expect(geminiToolName('9lives')).toMatch(/^_/);
    expect(geminiToolName('mcp.fs:read')).toBe('mcp.fs:read');
  });

  it('maps a rewritten name back to what the client declared', () => {
    const names = new ToolNameMap(anthropicToolName);
    const up = names.toUpstream('mcp.github.create_issue');
    expect(up).not.toContain('.');
    expect(names.toClient(up)).toBe('mcp.github.create_issue');
    expect(names.toClient('unknown')).toBe('unknown');
  });
});
