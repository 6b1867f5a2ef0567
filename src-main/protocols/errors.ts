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

export interface GatewayErrorOptions {
  kind?: GatewayErrorKind;
  retryable?: boolean;
  retryAfterMs?: number;
  /** Status the upstream answered, when there was one. */
  upstreamStatus?: number;
  code?: string;
}

export class GatewayError extends Error {
  readonly kind: GatewayErrorKind;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly upstreamStatus?: number;
  readonly code?: string;

  constructor(
    readonly status: number,
    message: string,
    opts: GatewayErrorOptions = {},
  ) {
    super(redactSecrets(message));
    this.name = 'GatewayError';
    this.kind = opts.kind ?? kindForStatus(status);
    this.retryable = opts.retryable ?? isRetryableStatus(status);
    if (opts.retryAfterMs !== undefined) this.retryAfterMs = opts.retryAfterMs;
    if (opts.upstreamStatus !== undefined) this.upstreamStatus = opts.upstreamStatus;
    if (opts.code !== undefined) this.code = opts.code;
  }
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
export function errorFromUpstream(status: number, bodyText: string, headers: { get(name: string): string | null | undefined }): GatewayError {
  let message = `Upstream answered ${status}`;
  let code: string | undefined;
  try {
    const body = obj(JSON.parse(bodyText));
    const e = obj(body?.error);
    message = str(e?.message) ?? str(body?.message) ?? message;
    code = str(e?.code) ?? str(e?.type) ?? str(e?.status);
    const details = obj(e?.details);
    code = str(details?.error_code) ?? code;
  } catch {
    if (bodyText.trim()) message = `${message}: ${bodyText.slice(0, 200)}`;
  }
  const retryAfterMs = parseRetryAfter(headers.get('retry-after') ?? undefined);
  const opts: GatewayErrorOptions = { upstreamStatus: status };
  if (code !== undefined) opts.code = code;
  if (retryAfterMs !== undefined) opts.retryAfterMs = retryAfterMs;
  // Spend caps do not reset on retry (PROTOCOLS.md §7: insufficient_quota, enforced_spend_limit_reached).
  if (code === 'insufficient_quota' || code === 'enforced_spend_limit_reached' || code === 'billing_error') {
    return new GatewayError(status === 402 ? 402 : 429, message, { ...opts, kind: 'quota', retryable: false });
  }
  // The channel's own key was refused: the caller did nothing wrong, another channel may work.
  if (status === 401 || status === 403) {
    return new GatewayError(502, `Upstream rejected the channel credentials (${status})`, { ...opts, kind: 'upstream_auth', retryable: true });
  }
  return new GatewayError(status, message, opts);
}

/** In-stream error payloads (`{error:{...}}`, Anthropic `error` event, Responses `error`). */
export function errorFromStreamPayload(payload: unknown): GatewayError {
  const p = obj(payload);
  const e = obj(p?.error) ?? p;
  const message = str(e?.message) ?? 'Upstream failed mid-stream';
  const type = str(e?.type) ?? str(e?.code) ?? str(e?.status);
  const status =
    type === 'overloaded_error' || type === 'UNAVAILABLE' ? 529
    : type === 'rate_limit_error' || type === 'rate_limit_exceeded' || type === 'RESOURCE_EXHAUSTED' ? 429
    : type === 'invalid_request_error' || type === 'INVALID_ARGUMENT' ? 400
    : typeof e?.code === 'number' ? e.code
    : 500;
  return new GatewayError(status, message, type !== undefined ? { code: type } : {});
}

export function connectionError(cause: unknown): GatewayError {
  const message = cause instanceof Error ? cause.message : String(cause);
  return new GatewayError(502, `Upstream connection failed: ${message}`, { kind: 'unreachable', retryable: true });
}

export function timeoutError(what: string): GatewayError {
  return new GatewayError(504, `Upstream timed out (${what})`, { kind: 'timeout', retryable: true });
}

export function emptyResponseError(): GatewayError {
  return new GatewayError(502, 'Upstream returned no content', { kind: 'empty', retryable: true });
}

export function invalidRequest(message: string): GatewayError {
  return new GatewayError(400, message, { kind: 'invalid_request', retryable: false });
}
