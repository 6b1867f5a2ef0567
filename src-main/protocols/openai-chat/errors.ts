import type { GatewayError } from '../errors';
import type { JsonObject } from '../json';

/** OpenAI error shape `{error:{message,type,param,code}}` (PROTOCOLS.md §1.4); Responses uses it too. */
export function renderChatError(err: GatewayError): { status: number; body: JsonObject } {
  // 529 is Anthropic's; OpenAI clients know 503 for "overloaded".
  const status = err.status === 529 ? 503 : err.status;
  return { status, body: { error: { message: err.message, type: err.type, param: null, code: err.code } } };
}
