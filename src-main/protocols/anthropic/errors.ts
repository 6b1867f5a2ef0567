import type { GatewayError } from '../errors';
import type { JsonObject } from '../json';
import { newId } from '../ir-utils';

/** Anthropic error shape `{type:"error", error:{type, message}}` (PROTOCOLS.md §3.4). */
export function anthropicErrorType(err: GatewayError): string {
  switch (err.kind) {
    case 'invalid_request':
      return 'invalid_request_error';
    case 'authentication':
      return 'authentication_error';
    case 'permission':
      return 'permission_error';
    case 'not_found':
      return 'not_found_error';
    case 'too_large':
      return 'request_too_large';
    case 'rate_limit':
      return 'rate_limit_error';
    case 'quota':
      return 'billing_error';
    case 'overloaded':
      return 'overloaded_error';
    case 'timeout':
      return 'timeout_error';
    case 'server':
    case 'unreachable':
    case 'empty':
    case 'upstream_auth':
      return 'api_error';
    default: {
      const never: never = err.kind;
      return never;
    }
  }
}

export function renderAnthropicError(err: GatewayError): { status: number; body: JsonObject } {
  const status = err.kind === 'overloaded' ? 529 : err.status;
  return { status, body: { type: 'error', error: { type: anthropicErrorType(err), message: err.message }, request_id: newId('req_') } };
}
