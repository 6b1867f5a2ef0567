import { createHash } from 'node:crypto';
import { compilePattern } from '../../src-shared/model-pattern';

/** Where a rule finds the session/cache key of a request. */
export type AffinityKeySource =
  | { kind: 'json'; path: string }
  | { kind: 'header'; name: string }
  | { kind: 'context'; name: AffinityContextField };

export const AFFINITY_CONTEXT_FIELDS = ['api_key_id', 'user_id', 'client_ip'] as const;
export type AffinityContextField = (typeof AFFINITY_CONTEXT_FIELDS)[number];

export interface AffinityRule {
  id: number;
  name: string;
  enabled: boolean;
  modelPattern: string;
  /** Client route names (`openai-chat`, `openai-responses`, `anthropic`, `gemini`) or `*`. */
  routes: readonly string[];
  keySource: AffinityKeySource;
  ttlSeconds: number;
  /** After a fallback channel served the request, bind the key to it. */
  switchOnSuccess: boolean;
  /** Keep the binding when the bound channel fails (the next request tries it first again). */
  stayPinnedOnFailure: boolean;
  includeModelInKey: boolean;
}

export interface AffinityRequest {
  route: string;
  model: string;
  body: unknown;
  /** Lower-cased header names. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  context: Readonly<Record<AffinityContextField, string | number | null>>;
}

/** The first enabled rule (in id order) whose route and model pattern fit the request. */
export function ruleFor(rules: readonly AffinityRule[], route: string, model: string): AffinityRule | undefined {
  return rules.find((r) => r.enabled && (r.routes.includes('*') || r.routes.includes(route)) && compilePattern(r.modelPattern)(model));
}

/** `a.b[0].c` -> ['a', 'b', 0, 'c']. */
export function parseJsonPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.replace(/^\$\.?/, '').split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m || part === '') throw new SyntaxError(`bad JSON path segment: ${part}`);
    if (m[1]) out.push(m[1]);
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  if (out.length === 0) throw new SyntaxError('empty JSON path');
  return out;
}

function atPath(body: unknown, path: readonly (string | number)[]): unknown {
  let cur: unknown = body;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

function scalar(v: unknown): string | null {
  if (typeof v === 'string') return v.length > 0 ? v : null;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

/** The raw key value the rule names, or null when the request does not carry one. */
export function extractKeyValue(source: AffinityKeySource, req: AffinityRequest): string | null {
  switch (source.kind) {
    case 'json':
      return scalar(atPath(req.body, parseJsonPath(source.path)));
    case 'header': {
      const h = req.headers[source.name.toLowerCase()];
      return scalar(Array.isArray(h) ? h[0] : h);
    }
    case 'context':
      return scalar(req.context[source.name]);
  }
}

/**
 * The binding key: rule, optionally model, and a digest of the value, so cache keys and user ids
 * are never stored verbatim.
 */
export function bindingKey(rule: AffinityRule, req: AffinityRequest): string | null {
  const value = extractKeyValue(rule.keySource, req);
  if (value === null) return null;
  const digest = createHash('sha256').update(value).digest('base64url').slice(0, 32);
  return `${rule.id}:${rule.includeModelInKey ? req.model : '*'}:${digest}`;
}
