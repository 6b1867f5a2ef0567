/**
 * One pattern language for channel coverage, key allow-lists, prices and affinity rules:
 * an exact name, a `*` glob, or a regular expression between slashes (`/^gpt-5\.[0-9]+$/i`).
 */
export type ModelMatcher = (model: string) => boolean;

const cache = new Map<string, ModelMatcher>();

export function isValidPattern(pattern: string): boolean {
  try {
    compilePattern(pattern);
    return true;
  } catch {
    return false;
  }
}

/** Compiled once per distinct pattern string (the cache makes per-request calls cheap). */
export function compilePattern(pattern: string): ModelMatcher {
  const hit = cache.get(pattern);
  if (hit) return hit;
  const matcher = build(pattern);
  if (cache.size > 10_000) cache.clear();
  cache.set(pattern, matcher);
  return matcher;
}

function build(pattern: string): ModelMatcher {
  const p = pattern.trim();
  if (p.length === 0) throw new SyntaxError('empty model pattern');
  const rx = /^\/(.+)\/([imsu]*)$/.exec(p);
  if (rx) {
    const re = new RegExp(rx[1]!, rx[2]);
    return (m) => re.test(m);
  }
  if (p.includes('*')) {
    const re = new RegExp('^' + p.split('*').map(escapeRegex).join('.*') + '$');
    return (m) => re.test(m);
  }
  return (m) => m === p;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function matchesAny(patterns: readonly string[], model: string): boolean {
  for (const p of patterns) if (compilePattern(p)(model)) return true;
  return false;
}

/** A pattern is "literal" when it names exactly one model (used to list models). */
export function isLiteralPattern(pattern: string): boolean {
  const p = pattern.trim();
  return !p.includes('*') && !/^\/.+\/[imsu]*$/.test(p);
}
