import { describe, expect, it } from 'vitest';
import { bindingKey, extractKeyValue, parseJsonPath, ruleFor, type AffinityRequest, type AffinityRule } from './affinity-key';
import { LruCache } from './lru';

const rule = (over: Partial<AffinityRule> = {}): AffinityRule => ({
  id: 1,
  name: 'Claude Messages',
  enabled: true,
  modelPattern: '/^claude-.*$/',
  routes: ['anthropic'],
  keySource: { kind: 'json', path: 'metadata.user_id' },
  ttlSeconds: 3600,
  switchOnSuccess: true,
  stayPinnedOnFailure: true,
  includeModelInKey: false,
  ...over,
});
const req = (over: Partial<AffinityRequest> = {}): AffinityRequest => ({
  route: 'anthropic',
  model: 'claude-sonnet-4-5',
  body: { metadata: { user_id: 'session-42' }, messages: [{ role: 'user', content: 'hi' }] },
  headers: { 'x-session-id': 'hdr-7' },
  context: { api_key_id: 9, user_id: 3, client_ip: '10.0.0.5' },
  ...over,
});

describe('affinity keys', () => {
  it('finds the first enabled rule for route and model', () => {
    const rules = [rule({ id: 1, enabled: false }), rule({ id: 2 }), rule({ id: 3 })];
    expect(ruleFor(rules, 'anthropic', 'claude-opus-4')?.id).toBe(2);
    expect(ruleFor(rules, 'openai-chat', 'claude-opus-4')).toBeUndefined();
    expect(ruleFor([rule({ routes: ['*'] })], 'gemini', 'claude-x')?.id).toBe(1);
    expect(ruleFor(rules, 'anthropic', 'gpt-5')).toBeUndefined();
  });

  it('reads JSON paths, headers and context', () => {
    expect(parseJsonPath('$.messages[0].content')).toEqual(['messages', 0, 'content']);
    expect(extractKeyValue({ kind: 'json', path: 'metadata.user_id' }, req())).toBe('session-42');
    expect(extractKeyValue({ kind: 'json', path: 'messages[0].content' }, req())).toBe('hi');
    expect(extractKeyValue({ kind: 'json', path: 'messages[3].content' }, req())).toBeNull();
    expect(extractKeyValue({ kind: 'json', path: 'metadata' }, req())).toBeNull();
    expect(extractKeyValue({ kind: 'header', name: 'X-Session-Id' }, req())).toBe('hdr-7');
    expect(extractKeyValue({ kind: 'context', name: 'api_key_id' }, req())).toBe('9');
    expect(() => parseJsonPath('a.b]')).toThrow(SyntaxError);
    expect(() => parseJsonPath('a..b')).toThrow(SyntaxError);
  });

  it('keys bindings by rule, optionally model, and a digest of the value', () => {
    const a = bindingKey(rule(), req())!;
    expect(a).not.toContain('session-42');
    expect(bindingKey(rule(), req({ model: 'claude-opus-4' }))).toBe(a);
    const withModel = rule({ includeModelInKey: true });
    expect(bindingKey(withModel, req({ model: 'claude-opus-4' }))).not.toBe(bindingKey(withModel, req()));
    expect(bindingKey(rule({ id: 2 }), req())).not.toBe(a);
    expect(bindingKey(rule(), req({ body: {} }))).toBeNull();
  });
});

describe('LRU', () => {
  it('evicts the least recently used entry', () => {
    const lru = new LruCache<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1);
    lru.set('c', 3);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe(1);
    expect(lru.get('c')).toBe(3);
    expect(lru.size).toBe(2);
    expect(() => new LruCache(0)).toThrow(RangeError);
  });
});
