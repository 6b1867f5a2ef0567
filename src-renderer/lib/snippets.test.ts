import { describe, expect, it } from 'vitest';
import { connectionSnippets } from './snippets';

describe('connectionSnippets', () => {
  const snippets = connectionSnippets('http://192.168.1.5:8080/', 'sk-ta-abc');

  it('covers the three SDKs and the three CLIs', () => {
    expect(snippets.map((s) => s.id)).toEqual(['openai', 'anthropic', 'gemini', 'claude-code', 'codex', 'gemini-cli']);
  });

  it('gives each SDK the base URL its own client expects (no doubled /v1)', () => {
    const code = (id: string) => snippets.find((s) => s.id === id)?.code ?? '';
    expect(code('openai')).toContain('base_url="http://192.168.1.5:8080/v1"');
    expect(code('anthropic')).toContain('base_url="http://192.168.1.5:8080"');
    expect(code('gemini')).toContain("baseUrl: 'http://192.168.1.5:8080'");
    expect(code('codex')).toContain('base_url = "http://192.168.1.5:8080/v1"');
    expect(code('claude-code')).toContain('ANTHROPIC_BASE_URL="http://192.168.1.5:8080"');
    for (const s of snippets) expect(s.code).not.toContain('//v1');
    for (const s of snippets) expect(s.code).toContain('sk-ta-abc');
  });
});
