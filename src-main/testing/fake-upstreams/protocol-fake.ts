import type { IncomingHttpHeaders } from 'node:http';
import type { FakeBehaviour } from './behaviour';

/** One request as the fake received it: exact bytes, for byte-identical passthrough assertions. */
export interface RecordedRequest {
  method: string;
  /** Path plus query string, exactly as received. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

/** What a protocol fake needs to know about a generation request. */
export interface GenerationRequest {
  /** Which generation endpoint was hit (a fake may serve several, e.g. Chat and Responses). */
  endpoint: string;
  model: string;
  stream: boolean;
  /** OpenAI Chat: stream_options.include_usage. */
  includeUsage: boolean;
  /** Gemini: streaming with ?alt=sse (SSE) vs. a streamed JSON array. */
  sse: boolean;
  /** One description per image found in the request, in order. */
  images: string[];
}

/** One piece of a streamed response; `content` marks frames carrying text or a tool call. */
export interface StreamFrame {
  text: string;
  content: boolean;
}

export type RouteKind = 'generate' | 'models' | 'count-tokens';

export interface ProtocolFake {
  readonly streamContentType: (req: GenerationRequest) => string;
  route(method: string, path: string): RouteKind | null;
  authorized(req: RecordedRequest, apiKey: string): boolean;
  inspect(req: RecordedRequest): GenerationRequest;
  renderJson(b: FakeBehaviour, req: GenerationRequest, text: string): unknown;
  renderStream(b: FakeBehaviour, req: GenerationRequest, text: string): StreamFrame[];
  /** Body of an HTTP error in the provider's own shape. */
  renderError(status: number, message: string, code?: string): unknown;
  /** The provider's in-stream error frame (sent after a 200 has gone out). */
  renderStreamError(req: GenerationRequest, status: number, message: string): string;
  /** Appended after an in-stream error so the stream ends well-formed (Gemini's JSON array). */
  streamTrailer?(req: GenerationRequest): string;
  models(): unknown;
  countTokens(req: RecordedRequest): unknown;
}

export function sseFrame(data: unknown, event?: string): string {
  const payload = typeof data === 'string' ? data : JSON.stringify(data);
  return `${event ? `event: ${event}\n` : ''}data: ${payload}\n\n`;
}

export function parseJson(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function headerValue(h: IncomingHttpHeaders, name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
}
