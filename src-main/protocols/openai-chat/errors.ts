import type { GatewayError } from '../errors';
import type { JsonObject } from '../json';

/** OpenAI error shape `{error:{message,type,param,code}}` (PROTOCOLS.md §1.4); Responses uses it too. */
export function renderChatError(err: GatewayError): { status: number; body: JsonObject } {
  // 529 is Anthropic's; OpenAI clients know 503 for "overloaded".
  const status = err.status === 529 ? 503 : err.status;
  const type =
    err.kind === 'rate_limit' ? 'rate_limit_exceeded'
    : err.kind === 'quota' ? 'insufficient_quota'
    : err.kind === 'authentication' ? 'invalid_request_error'
    : status >= 500 ? 'server_error'
    : 'invalid_request_error';
  const code = err.kind === 'quota' ? 'insufficient_quota' : err.kind === 'authentication' ? 'invalid_api_key' : (err.code ?? null);
  return { status, body: { error: { message: err.message, type, param: null, code } } };
}
