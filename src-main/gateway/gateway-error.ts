/**
 * A failure the gateway reports to a client. There is one error type for the whole gateway
 * (src-main/protocols/errors.ts); each client protocol renders it in its own shape.
 */
import type { WireProtocol } from '../protocols/adapter';
import { GatewayError } from '../protocols/errors';
import { adapters } from '../protocols/registry';

export { GatewayError, errorTypeFor } from '../protocols/errors';

export function renderOpenAIError(err: GatewayError): { error: { message: string; type: string; param: null; code: string | null } } {
  return { error: { message: err.message, type: err.type, param: null, code: err.code } };
}

/** The client's protocol for error rendering: set by the route, else guessed from the path. */
export function protocolForPath(path: string): WireProtocol {
  if (path.startsWith('/v1beta')) return 'gemini';
  if (path.startsWith('/v1/messages')) return 'anthropic';
  if (path.startsWith('/v1/responses')) return 'openai-responses';
  return 'openai-chat';
}

/** Status and body of a gateway failure in the caller's own protocol shape. */
export function renderClientError(err: GatewayError, protocol: WireProtocol): { status: number; body: unknown } {
  return adapters[protocol].renderError(err);
}
