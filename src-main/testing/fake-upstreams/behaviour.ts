/**
 * What a fake upstream does for one request. Tests script these per request; anything not set
 * falls back to a short text reply with small usage numbers.
 */

/** Usage in canonical form; each fake renders it in its own protocol's inclusive/exclusive shape. */
export interface FakeUsage {
  /** Total prompt tokens, cached ones included. */
  input: number;
  output: number;
  cached?: number;
  cacheWrite?: number;
  /** Part of `output` that was reasoning. */
  reasoning?: number;
}

export interface FakeToolCall {
  /** Omitted: the fake mints one (Gemini fakes can be told to send none at all). */
  id?: string;
  name: string;
  /** JSON text of the arguments. */
  arguments: string;
  /** How many pieces the argument string is streamed in (protocols that stream arguments). */
  fragments?: number;
}

export type FakeFailure =
  /** Answer with this HTTP status in the provider's own error shape. */
  | { kind: 'status'; status: number; retryAfterSeconds?: number; message?: string; code?: string }
  /** Destroy the socket before any response headers. */
  | { kind: 'reset' }
  /** Accept the request and never answer (until the server is closed). */
  | { kind: 'hang' }
  /** Stream: send frames up to and including the first content frame, then cut the connection. */
  | { kind: 'drop-after-first-token' }
  /** Stream: send the first content frame, then the protocol's in-stream error event and end. */
  | { kind: 'error-after-first-token'; status?: number; message?: string }
  /** Stream: 200 and the opening frame (no content), then the in-stream error event (e.g. Anthropic overloaded). */
  | { kind: 'error-before-content'; status?: number; message?: string };

export interface FakeBehaviour {
  /** Reply text; split into `chunks` when streaming (default: words). Empty string = no content. */
  text?: string;
  /** Explicit stream chunks (overrides how `text` is split). */
  chunks?: string[];
  toolCalls?: FakeToolCall[];
  usage?: FakeUsage;
  /** Append a line per received image to the reply: `image:<mime>:<sha256-12>` or `image-url:<url>`. */
  echoImages?: boolean;
  /** Finish reason in the fake's own protocol vocabulary; default derived from content. */
  finish?: string;
  failure?: FakeFailure;
  /** Delay before the response headers (and first frame). */
  ttftMs?: number;
  /** Delay between stream frames. */
  chunkDelayMs?: number;
  /** Gemini: send function calls without `id` (older models). */
  omitCallIds?: boolean;
  /** Gemini: put this thoughtSignature on every functionCall part. */
  thoughtSignature?: string;
  /** OpenAI Chat stream: send usage on the final chunk even when include_usage was not asked. */
  forceStreamUsage?: boolean;
  /** OpenAI Chat stream: never send usage, even when asked (some compatible servers). */
  omitStreamUsage?: boolean;
}

export const DEFAULT_BEHAVIOUR: FakeBehaviour = { text: 'Hello from the fake upstream.' };

export function defaultUsage(b: FakeBehaviour): FakeUsage {
  return b.usage ?? { input: 12, output: 7 };
}

/** Splits text into stream pieces: explicit chunks, else word-sized pieces keeping whitespace. */
export function textChunks(b: FakeBehaviour, text: string): string[] {
  if (b.chunks) return b.chunks;
  if (text === '') return [];
  return text.match(/\S+\s*|\s+/g) ?? [text];
}

/** Splits a tool argument string into n roughly equal fragments (at least one). */
export function argumentFragments(call: FakeToolCall): string[] {
  const n = Math.max(1, call.fragments ?? 3);
  const s = call.arguments;
  if (s.length === 0) return [''];
  const size = Math.ceil(s.length / n);
  const out: string[] = [];
  for (let i = 0; i < s.length; i += size) out.push(s.slice(i, i + size));
  return out;
}
