/**
 * A failure the gateway reports to a client. Each client protocol renders it in its own error
 * shape (OpenAI `{error:{message,type,param,code}}` here; other protocols in src-main/protocols).
 */
export class GatewayError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: string = errorTypeFor(status),
    readonly code: string | null = null,
    /** Whether another channel may succeed (routing retries only these). */
    readonly retryable = false,
  ) {
    super(message);
  }
}

export function errorTypeFor(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 402) return 'insufficient_quota';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 413) return 'request_too_large';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

export function renderOpenAIError(err: GatewayError): { error: { message: string; type: string; param: null; code: string | null } } {
  return { error: { message: err.message, type: err.type, param: null, code: err.code } };
}
