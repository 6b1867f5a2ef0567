import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';

/**
 * Input-size estimate taken before a request is forwarded, so the reservation covers it.
 * Text is counted with the o200k_base BPE (gpt-tokenizer); other families tokenize differently,
 * which is why upstream-reported usage always wins at settlement and this is only the fallback.
 *
 * Image rule: every image (or inline/file attachment) counts IMAGE_TOKENS = 1600 tokens, the
 * ceiling of Anthropic's (w·h/750, ~1.15 MP max) and above OpenAI high-detail 1024² (765) and
 * a Gemini tile (258): reservations should err large, and pixels are not decoded here.
 */
export const IMAGE_TOKENS = 1600;
/** Bound the synchronous BPE work on huge bodies; the rest is counted at 3 chars per token. */
const EXACT_CHAR_LIMIT = 400_000;
const CHARS_PER_TOKEN_BEYOND_LIMIT = 3;
/** Chat framing per message (role markers, separators) and the reply priming. */
const PER_MESSAGE_TOKENS = 4;
const PRIMING_TOKENS = 3;
export const TOKENIZER_NAME = 'o200k_base (gpt-tokenizer)';

export interface InputEstimate {
  inputTokens: number;
  textTokens: number;
  images: number;
  /** For the ledger's tokenizer note. */
  note: string;
}

/** Keys whose string values are identifiers, encodings or routing hints, not prompt text. */
const NOT_TEXT = new Set([
  'model', 'role', 'type', 'id', 'call_id', 'tool_call_id', 'tool_use_id', 'signature', 'thoughtSignature',
  'thought_signature', 'encrypted_content', 'url', 'data', 'media_type', 'mime_type', 'mimeType', 'prompt_cache_key',
  'user', 'safety_identifier', 'service_tier', 'metadata', 'cachedContent', 'cached_content', 'previous_response_id',
  'stream', 'stream_options', 'reasoning_effort', 'detail', 'file_id', 'fileUri', 'file_uri',
]);
/** Tool declarations count as their JSON text (names, descriptions and schema alike). */
const AS_JSON = new Set(['tools', 'functions', 'functionDeclarations', 'function_declarations', 'response_format', 'responseSchema', 'response_schema']);
const IMAGE_TYPES = new Set(['image_url', 'input_image', 'image', 'input_file', 'document', 'file']);
const ATTACHMENT_KEYS = new Set(['inlineData', 'inline_data', 'fileData', 'file_data']);

interface Tally {
  text: string[];
  images: number;
  messages: number;
}

function walk(value: unknown, key: string | null, t: Tally): void {
  if (typeof value === 'string') {
    if (key === null || !NOT_TEXT.has(key)) t.text.push(value);
    return;
  }
  if (Array.isArray(value)) {
    for (const v of value) walk(v, key, t);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const obj = value as Record<string, unknown>;
  if (typeof obj.type === 'string' && IMAGE_TYPES.has(obj.type)) {
    t.images += 1;
    return;
  }
  if (typeof obj.role === 'string') t.messages += 1;
  for (const [k, v] of Object.entries(obj)) {
    if (ATTACHMENT_KEYS.has(k)) t.images += 1;
    else if (AS_JSON.has(k)) t.text.push(JSON.stringify(v));
    else if (!NOT_TEXT.has(k)) walk(v, k, t);
  }
}

export function countTextTokens(text: string): number {
  const exact = text.length > EXACT_CHAR_LIMIT ? text.slice(0, EXACT_CHAR_LIMIT) : text;
  // Prompt text may legitimately contain "<|endoftext|>": count it as text, never throw.
  const tokens = countTokens(exact, { disallowedSpecial: new Set() });
  return tokens + Math.ceil((text.length - exact.length) / CHARS_PER_TOKEN_BEYOND_LIMIT);
}

/** Estimates input tokens of any gateway request body (OpenAI Chat/Responses, Anthropic, Gemini). */
export function estimateInput(body: unknown): InputEstimate {
  const t: Tally = { text: [], images: 0, messages: 0 };
  walk(body, null, t);
  const joined = t.text.join('\n');
  const textTokens = countTextTokens(joined) + t.messages * PER_MESSAGE_TOKENS + PRIMING_TOKENS;
  const inputTokens = textTokens + t.images * IMAGE_TOKENS;
  const truncated = joined.length > EXACT_CHAR_LIMIT ? `, beyond ${EXACT_CHAR_LIMIT} chars ${CHARS_PER_TOKEN_BEYOND_LIMIT} chars/token` : '';
  const imagePart = t.images > 0 ? ` + ${t.images} image(s) × ${IMAGE_TOKENS}` : '';
  return { inputTokens, textTokens, images: t.images, note: `estimate: ${TOKENIZER_NAME} ${textTokens} text tokens${truncated}${imagePart}` };
}

function positiveInt(v: unknown): number | null {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : null;
}

/** The client's own output cap in any of the four protocols, or null when it set none. */
export function requestedMaxOutput(body: unknown): number | null {
  if (body === null || typeof body !== 'object') return null;
  const b = body as Record<string, unknown>;
  const direct = positiveInt(b.max_completion_tokens) ?? positiveInt(b.max_tokens) ?? positiveInt(b.max_output_tokens);
  if (direct !== null) return direct;
  const gen = (b.generationConfig ?? b.generation_config) as Record<string, unknown> | undefined;
  if (gen && typeof gen === 'object') return positiveInt(gen.maxOutputTokens) ?? positiveInt(gen.max_output_tokens);
  return null;
}
