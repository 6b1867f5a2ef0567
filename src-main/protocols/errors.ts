import { obj, str } from './json';

/**
 * One error type for every failure on the way to or from an upstream (STYLE.md rule 9). Each
 * protocol renders it in its own shape (`<protocol>/errors.ts`); `retryable` tells the retry
 * loop whether another attempt (same or other channel) may succeed (PROTOCOLS.md §7).
 */
export type GatewayErrorKind =
  | 'invalid_request'
  | 'authentication'
  | 'permission'
  | 'not_found'
  | 'too_large'
  | 'rate_limit'
  | 'quota'
  | 'server'
  | 'overloaded'
  | 'timeout'
  /** Connection refused/reset, DNS failure, TLS error: no HTTP answer at all. */
  | 'unreachable'
  /** The upstream finished without any text or tool call. */
  | 'empty'
  /** The upstream rejected the channel's own key: the channel is broken, not the request. */
  | 'upstream_auth';

/**
 * The constructor keeps the foundation's signature (gateway code builds these too); `kind`
 * is derived from the status, type and code so each protocol can pick its own error type.
 */
export class GatewayError extends Error {
  /** Upstream's Retry-After, when it sent one. */
  retryAfterMs?: number;
  /** Status the upstream answered, when there was one. */
  upstreamStatus?: number;

  constructor(
    readonly status: number,
    message: string,
    readonly type: string = errorTypeFor(status),
    readonly code: string | null = null,
    /** Whether another attempt (this or another channel) may succeed. */
    readonly retryable = false,
  ) {
    super(redactSecrets(message));
    this.name = 'GatewayError';
  }

  get kind(): GatewayErrorKind {
    switch (this.code) {
      case 'empty_reply':
        return 'empty';
      case 'upstream_unreachable':
        return 'unreachable';
      case 'upstream_timeout':
        return 'timeout';
      case 'upstream_auth':
        return 'upstream_auth';
      default:
        break;
    }
    if (this.type === 'insufficient_quota' || this.type === 'billing_error') return 'quota';
    return kindForStatus(this.status);
  }
}

/** The foundation's OpenAI-flavoured `type` per status. */
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

export function kindForStatus(status: number): GatewayErrorKind {
  if (status === 400 || status === 422) return 'invalid_request';
  if (status === 401) return 'authentication';
  if (status === 402) return 'quota';
  if (status === 403) return 'permission';
  if (status === 404) return 'not_found';
  if (status === 408 || status === 504) return 'timeout';
  if (status === 413) return 'too_large';
  if (status === 429) return 'rate_limit';
  if (status === 503 || status === 529) return 'overloaded';
  return 'server';
}

/** 408, 409, 429 and 5xx (529 included) may succeed on another attempt (PROTOCOLS.md §7). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * Keys never reach logs or error text: provider messages sometimes echo them
 * ("Incorrect API key provided: sk-...") and Gemini URLs carry `?key=`.
 */
export function redactSecrets(text: string): string {
  return text
    .replace(/\b(sk|ak|rk)-[A-Za-z0-9_*.-]{6,}/g, '$1-***')
    .replace(/\bAIza[0-9A-Za-z_-]{10,}/g, 'AIza***')
    .replace(/([?&]key=)[^&\s"']+/gi, '$1***');
}

function parseRetryAfter(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const secs = Number(value);
  if (Number.isFinite(secs) && secs >= 0) return Math.round(secs * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

/**
 * Reads an upstream's HTTP error, whatever its protocol: OpenAI and Gemini put `message` under
 * `error`; Anthropic nests `{type:"error", error:{type, message}}`.
 */
export function errorFromUpstream(status: number, bodyText: string, retryAfter: string | undefined): GatewayError {
  let message = `upstream error ${status}`;
  let code: string | undefined;
  try {
    const body = obj(JSON.parse(bodyText));
    const e = obj(body?.error);
    const m = str(e?.message) ?? str(body?.error) ?? str(body?.message);
    if (m) message = `upstream error ${status}: ${m.slice(0, 300)}`;
    code = str(obj(e?.details)?.error_code) ?? str(e?.code) ?? str(e?.type) ?? str(e?.status);
  } catch {
    // not JSON: keep the status line only
  }
  const withMeta = (err: GatewayError) => {
    err.upstreamStatus = status;
    const after = parseRetryAfter(retryAfter);
    if (after !== undefined) err.retryAfterMs = after;
    return err;
  };
  // Spend caps do not reset on retry (PROTOCOLS.md §7).
  if (code === 'insufficient_quota' || code === 'enforced_spend_limit_reached' || code === 'billing_error' || status === 402) {
    return withMeta(new GatewayError(status === 402 ? 402 : 429, message, 'insufficient_quota', code ?? 'insufficient_quota', false));
  }
  // The channel's own key was refused: the caller did nothing wrong, another channel may work.
  if (status === 401 || status === 403) {
    return withMeta(new GatewayError(502, `upstream rejected the channel credentials (${status})`, 'server_error', 'upstream_auth', true));
  }
  return withMeta(new GatewayError(status, message, errorTypeFor(status), 'upstream_error', isRetryableStatus(status)));
}

/** In-stream error payloads (`{error:{...}}`, Anthropic `error` event, Responses `error`). */
export function errorFromStreamPayload(payload: unknown): GatewayError {
  const p = obj(payload);
  const e = obj(p?.error) ?? p;
  const message = str(e?.message) ?? 'upstream failed mid-stream';
  const type = str(e?.type) ?? str(e?.code) ?? str(e?.status);
  const status =
    type === 'overloaded_error' || type === 'UNAVAILABLE' ? 529
    : type === 'rate_limit_error' || type === 'rate_limit_exceeded' || type === 'RESOURCE_EXHAUSTED' ? 429
    : type === 'invalid_request_error' || type === 'INVALID_ARGUMENT' ? 400
    : typeof e?.code === 'number' ? e.code
    : 500;
  return new GatewayError(status, message, errorTypeFor(status), 'upstream_stream_error', isRetryableStatus(status));
}

export function connectionError(cause: unknown): GatewayError {
  const code = (cause as { code?: unknown } | null)?.code;
  // Never echo the upstream URL or headers: they may carry the secret.
  return new GatewayError(502, `upstream connection failed (${typeof code === 'string' ? code : 'error'})`, 'server_error', 'upstream_unreachable', true);
}

export function brokenStreamError(what: string): GatewayError {
  return new GatewayError(502, `upstream stream ${what}`, 'server_error', 'upstream_stream_error', true);
}

export function emptyResponseError(): GatewayError {
  return new GatewayError(502, 'upstream returned an empty reply', 'server_error', 'empty_reply', true);
}

export function invalidRequest(message: string, code = 'invalid_request'): GatewayError {
  return new GatewayError(400, message, 'invalid_request_error', code, false);
}
