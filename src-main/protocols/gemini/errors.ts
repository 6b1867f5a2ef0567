import type { GatewayError } from '../errors';
import type { JsonObject } from '../json';

/** Google error shape `{error:{code, message, status}}` (PROTOCOLS.md §4.4). */
const RPC_STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  413: 'INVALID_ARGUMENT',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  502: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

export function renderGeminiError(err: GatewayError): { status: number; body: JsonObject } {
  const status = err.status === 529 ? 503 : err.status === 402 ? 429 : err.status;
  return { status, body: { error: { code: status, message: err.message, status: RPC_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'INVALID_ARGUMENT') } } };
}
