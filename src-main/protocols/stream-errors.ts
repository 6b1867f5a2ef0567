import type { WireProtocol } from './adapter';
import { anthropicErrorType } from './anthropic/errors';
import type { GatewayError } from './errors';
import { renderGeminiError } from './gemini/errors';
import { renderChatError } from './openai-chat/errors';
import type { OutFrame } from './sse';

/**
 * How each protocol says "failed" after the 200 went out (PROTOCOLS.md §6.4): never a clean end
 * that looks complete. Used by the encoders and by same-protocol relays whose upstream broke off.
 */
export function streamErrorFrames(protocol: WireProtocol, err: GatewayError, sequenceNumber?: number): OutFrame[] {
  switch (protocol) {
    case 'openai-chat':
      // The Node SDK raises on a data payload with an `error` key.
      return [{ data: renderChatError(err).body }];
    case 'openai-responses': {
      const error = renderChatError(err).body.error as Record<string, unknown>;
      // The documented standalone `error` event; the nested `error` makes the official SDK raise.
      return [{ event: 'error', data: { type: 'error', ...(sequenceNumber !== undefined ? { sequence_number: sequenceNumber } : {}), code: error.code ?? 'server_error', message: err.message, param: null, error } }];
    }
    case 'anthropic':
      return [{ event: 'error', data: { type: 'error', error: { type: anthropicErrorType(err), message: err.message } } }];
    case 'gemini':
      return [{ data: renderGeminiError(err).body }];
    default: {
      const never: never = protocol;
      return never;
    }
  }
}
