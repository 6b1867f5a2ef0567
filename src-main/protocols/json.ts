/** Small readers for untrusted JSON: they never throw, they return undefined for the wrong type. */

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
export function obj(v: unknown): JsonObject | undefined {
  return isObject(v) ? v : undefined;
}
/** One SSE event's `data` as a JSON object; anything else (not JSON, not an object) is undefined. */
export function parseObject(text: string): JsonObject | undefined {
  try {
    return obj(JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}
export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
export function bool(v: unknown): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}
/** A string or string[] as a list (stop sequences). */
export function strList(v: unknown): string[] | undefined {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) {
    const out = v.filter((x): x is string => typeof x === 'string');
    return out.length ? out : undefined;
  }
  return undefined;
}
/** Reads one of two spellings (Gemini accepts camelCase and snake_case, PROTOCOLS.md §8.16). */
export function field(o: JsonObject | undefined, camel: string, snake: string): unknown {
  if (!o) return undefined;
  return o[camel] ?? o[snake];
}
export function parseJsonObject(text: string): JsonObject {
  try {
    const v = JSON.parse(text) as unknown;
    return isObject(v) ? v : { value: v };
  } catch {
    return text.trim() === '' ? {} : { raw: text };
  }
}
/** Drops keys whose value is undefined, so built bodies carry only what was set. */
export function compact<T extends JsonObject>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}
