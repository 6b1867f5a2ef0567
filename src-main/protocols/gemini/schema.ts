import { isObject, type JsonObject } from '../json';

/**
 * Gemini `parameters` take an OpenAPI subset and reject `$schema`, `additionalProperties`,
 * `const`, `exclusiveMinimum`, `propertyNames`, type arrays... (PROTOCOLS.md §8.8). This keeps
 * only the keys Gemini knows, inlines local `$ref`s, and rewrites what has a near equivalent.
 */
const KEEP = new Set([
  'type', 'format', 'title', 'description', 'nullable', 'enum', 'maxItems', 'minItems', 'properties', 'required',
  'minProperties', 'maxProperties', 'minLength', 'maxLength', 'pattern', 'example', 'anyOf', 'propertyOrdering',
  'default', 'items', 'minimum', 'maximum',
]);
/** Gemini accepts only these string formats. */
const STRING_FORMATS = new Set(['enum', 'date-time']);

function resolveRef(ref: string, root: JsonObject): JsonObject | undefined {
  const m = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref);
  if (!m || !m[1] || !m[2]) return undefined;
  const defs = root[m[1]];
  const target = isObject(defs) ? defs[m[2]] : undefined;
  return isObject(target) ? target : undefined;
}

function trim(node: unknown, root: JsonObject, depth: number): JsonObject {
  if (!isObject(node) || depth > 24) return { type: 'object' };
  let s: JsonObject = node;
  if (typeof s.$ref === 'string') s = { ...(resolveRef(s.$ref, root) ?? { type: 'object' }), ...(typeof s.description === 'string' ? { description: s.description } : {}) };
  const out: JsonObject = {};
  // type: ["string","null"] -> type "string", nullable true
  if (Array.isArray(s.type)) {
    const types = s.type.filter((t): t is string => typeof t === 'string');
    const nonNull = types.filter((t) => t !== 'null');
    if (nonNull[0]) out.type = nonNull[0];
    if (types.includes('null')) out.nullable = true;
  } else if (typeof s.type === 'string') out.type = s.type;
  if ('const' in s && !('enum' in s)) out.enum = [s.const];
  if (s.oneOf !== undefined && s.anyOf === undefined) s = { ...s, anyOf: s.oneOf };
  for (const [k, v] of Object.entries(s)) {
    if (!KEEP.has(k) || k === 'type' || out[k] !== undefined) continue;
    if (k === 'properties' && isObject(v)) {
      out.properties = Object.fromEntries(Object.entries(v).map(([name, sub]) => [name, trim(sub, root, depth + 1)]));
    } else if (k === 'items') {
      out.items = trim(Array.isArray(v) ? v[0] : v, root, depth + 1);
    } else if (k === 'anyOf' && Array.isArray(v)) {
      const branches = v.filter((b) => !(isObject(b) && b.type === 'null'));
      if (branches.length !== v.length) out.nullable = true;
      if (branches.length === 1) Object.assign(out, trim(branches[0], root, depth + 1));
      else if (branches.length) out.anyOf = branches.map((b) => trim(b, root, depth + 1));
    } else if (k === 'enum' && Array.isArray(v)) {
      out.enum = v.map((x) => String(x)); // Gemini enums are strings
      if (!out.type) out.type = 'string';
    } else if (k === 'format') {
      if (out.type !== 'string' || (typeof v === 'string' && STRING_FORMATS.has(v))) out.format = v;
    } else {
      out[k] = v;
    }
  }
  if (Array.isArray(out.required) && isObject(out.properties)) {
    const props = out.properties;
    out.required = out.required.filter((r) => typeof r === 'string' && r in props);
  }
  if (out.enum && out.type !== 'string') out.type = 'string';
  return out;
}

export function toGeminiSchema(schema: JsonObject): JsonObject {
  return trim(schema, schema, 0);
}

/** Gemini client schemas may spell types in capitals ("OBJECT"); JSON Schema wants lower case. */
export function fromGeminiSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(fromGeminiSchema);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'type' && typeof v === 'string') out.type = v.toLowerCase();
    else if (k === 'nullable') continue;
    else if (k === 'properties' && isObject(v)) out.properties = Object.fromEntries(Object.entries(v).map(([n, s]) => [n, fromGeminiSchema(s)]));
    else if (k === 'items' || k === 'anyOf') out[k] = fromGeminiSchema(v);
    else out[k] = v;
  }
  return out;
}
