import type { GatewayError } from './errors';
import type { IRRequest, IRResponse, IRStreamEvent } from './ir';
import type { JsonObject } from './json';
import type { OutFrame, UpstreamEvent } from './sse';
import type { ToolNameMap } from './tool-names';

/** The four wire protocols a client or an upstream may speak. */
export type WireProtocol = 'openai-chat' | 'openai-responses' | 'anthropic' | 'gemini';

/** What the client's request line says beyond its body (Gemini puts model and streaming in the URL). */
export interface RequestLine {
  model?: string;
  stream?: boolean;
}

export interface BuildOptions {
  /** The model name the upstream knows. */
  upstreamModel: string;
  /** Anthropic requires max_tokens; used when the client set none (setting anthropic_default_max_tokens). */
  defaultMaxTokens: number;
  /** Tool names rewritten for the upstream; decoders use it to map names back. */
  toolNames: ToolNameMap;
  /** OpenAI-compatible servers know `max_tokens`; OpenAI's own API prefers `max_completion_tokens`. */
  openaiCompatible?: boolean;
}

/** Per-response settings for rendering toward the client. */
export interface RenderOptions {
  /** The model name the client asked for (echoed back, never the upstream's alias). */
  model: string;
  toolNames: ToolNameMap;
  /** OpenAI Chat clients only: send the usage chunk. */
  includeUsage?: boolean;
}

/** Fed one parsed upstream SSE event at a time; emits IR events. */
export interface StreamDecoder {
  push(e: UpstreamEvent): IRStreamEvent[];
  /** The upstream closed the connection: `end` if the stream was complete, else an `error` event. */
  finish(): IRStreamEvent[];
}

/** Turns IR events into the client protocol's frames (serialised by sse.ts). */
export interface StreamEncoder {
  push(e: IRStreamEvent): OutFrame[];
}

export interface ProtocolAdapter {
  readonly protocol: WireProtocol;
  parseRequest(body: unknown, line: RequestLine): IRRequest;
  buildRequest(ir: IRRequest, opts: BuildOptions): JsonObject;
  parseResponse(body: unknown, names: ToolNameMap): IRResponse;
  renderResponse(r: IRResponse, opts: RenderOptions): JsonObject;
  createDecoder(names: ToolNameMap): StreamDecoder;
  createEncoder(opts: RenderOptions): StreamEncoder;
  /** HTTP error body in this protocol's shape, with the status to answer. */
  renderError(err: GatewayError): { status: number; body: JsonObject };
}
