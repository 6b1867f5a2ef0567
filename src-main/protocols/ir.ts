/**
 * The internal representation every protocol converts through (docs/ARCHITECTURE.md "Protocol
 * adapters"). Same-protocol traffic never touches it. Only what can cross protocols lives here:
 * provider-only fields are dropped on conversion, never an error (issue 3, point 7).
 */
import type { GatewayError } from './errors';
import type { CanonicalUsage } from './usage';

export type IRImageSource = { kind: 'base64'; mediaType: string; data: string } | { kind: 'url'; url: string };

export interface IRText {
  type: 'text';
  text: string;
}
export interface IRImage {
  type: 'image';
  source: IRImageSource;
  detail?: string;
}
export interface IRToolCall {
  type: 'tool_call';
  id: string;
  name: string;
  /** JSON text of the arguments (may be invalid JSON when an upstream produced it so). */
  arguments: string;
  /** Gemini thought signature that must travel back with this call in later turns. */
  thoughtSignature?: string;
}
export interface IRToolResult {
  type: 'tool_result';
  callId: string;
  /** The called tool's name when known (Gemini needs it; found from the call when absent). */
  name?: string;
  content: (IRText | IRImage)[];
  isError?: boolean;
}
export interface IRReasoning {
  type: 'reasoning';
  text: string;
}

export type IRPart = IRText | IRImage | IRToolCall | IRToolResult | IRReasoning;

/** `tool` messages hold only tool results; builders merge or split them as the target needs. */
export interface IRMessage {
  role: 'user' | 'assistant' | 'tool';
  parts: IRPart[];
}

export interface IRTool {
  name: string;
  description?: string;
  /** JSON Schema of the arguments object. */
  parameters: Record<string, unknown>;
}

export type IRToolChoice =
  | { type: 'auto' | 'none' | 'required'; allowed?: string[] }
  | { type: 'tool'; name: string };

export type IRResponseFormat =
  | { type: 'json_object' }
  | { type: 'json_schema'; name: string; schema: Record<string, unknown>; strict?: boolean };

export interface IRRequest {
  model: string;
  /** System and developer text, in order, wherever it appeared. */
  system: string[];
  messages: IRMessage[];
  tools: IRTool[];
  toolChoice?: IRToolChoice;
  parallelToolCalls?: boolean;
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  stop?: string[];
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  responseFormat?: IRResponseFormat;
  /** Reasoning effort or budget, when the client asked for one. */
  reasoning?: { effort?: 'minimal' | 'low' | 'medium' | 'high'; budgetTokens?: number };
  stream: boolean;
  /** OpenAI Chat clients: whether they asked for the usage chunk. */
  includeUsage?: boolean;
}

export type IRFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'other';

export interface IRResponse {
  id: string;
  model: string;
  parts: (IRText | IRToolCall | IRReasoning)[];
  finish: IRFinishReason;
  /** The stop sequence that ended the turn, when the upstream says. */
  stopSequence?: string;
  usage?: CanonicalUsage;
}

/** Events a stream decoder emits and a stream encoder consumes, one upstream frame at a time. */
export type IRStreamEvent =
  | { type: 'start'; id: string; model: string }
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string }
  /** `index` counts tool calls in this response from 0 (never a provider's block index). */
  | { type: 'tool_call_start'; index: number; id: string; name: string; thoughtSignature?: string }
  | { type: 'tool_call_delta'; index: number; arguments: string }
  /** Latest cumulative usage: consumers keep the last one, never add them up. */
  | { type: 'usage'; usage: CanonicalUsage }
  | { type: 'finish'; reason: IRFinishReason; stopSequence?: string }
  /** The upstream signalled a complete end of the stream. */
  | { type: 'end' }
  /** The upstream failed inside the stream, or the stream broke off before its end. */
  | { type: 'error'; error: GatewayError };
