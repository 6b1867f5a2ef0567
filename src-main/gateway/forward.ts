import type { ServerResponse } from 'node:http';
import type { Dispatcher } from 'undici';
import type { CoreServices } from '../core/services';
import type { PoolChannel } from './channel-pool';
import { GatewayError } from './gateway-error';
import type { PassthroughObserver } from './openai-passthrough';
import { parseSseFrame, SseFrameSplitter } from './sse-frames';
import { callUpstream } from './upstream-client';

/** One upstream attempt for a same-protocol request, relayed to the client as it arrives. */
export interface Attempt {
  core: CoreServices;
  channel: PoolChannel;
  /** Path under the channel's base URL, e.g. `/chat/completions`. */
  upstreamPath: string;
  body: Buffer;
  stream: boolean;
  observer: PassthroughObserver;
  res: ServerResponse;
  requestId: string;
  signal: AbortSignal;
  startedAt: number;
  /** Runs once the usage is known and before the last frame/byte reaches the client. */
  settle: (r: { status: number; ttftMs: number | null }) => void;
}

export type AttemptOutcome =
  /** The client got a complete answer (or the upstream's own error, passed through). */
  | { kind: 'relayed'; status: number; semantic: boolean; ttftMs: number | null }
  /** Nothing reached the client yet: the caller may try another channel or report the error. */
  | { kind: 'failed-before-content'; error: GatewayError; retryAfterMs: number | null }
  /** The stream broke after content was forwarded: it was ended with an error event. */
  | { kind: 'failed-after-content'; error: GatewayError; ttftMs: number | null };

const RETRYABLE = (status: number) => status === 408 || status === 429 || status >= 500;

function upstreamHeaders(core: CoreServices, channel: PoolChannel): Record<string, string> {
  const secret = channel.secretId === null ? '' : core.secrets.get(channel.secretId);
  return { authorization: `Bearer ${secret}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
}

function retryAfterMs(headers: Dispatcher.ResponseData['headers']): number | null {
  const v = headers['retry-after'];
  const s = Array.isArray(v) ? v[0] : v;
  if (!s) return null;
  const secs = Number(s);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(s);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : null;
}

async function write(res: ServerResponse, chunk: string | Buffer): Promise<void> {
  // Respect backpressure: a slow client slows the upstream read instead of growing memory.
  if (!res.write(chunk)) await new Promise<void>((resolve) => res.once('drain', resolve));
}

export async function forwardAttempt(a: Attempt): Promise<AttemptOutcome> {
  let upstream: Dispatcher.ResponseData;
  try {
    upstream = await callUpstream({
      url: a.channel.baseUrl + a.upstreamPath,
      headers: upstreamHeaders(a.core, a.channel),
      body: a.body,
      signal: a.signal,
    });
  } catch (err) {
    if (a.signal.aborted) throw err;
    // Never echo the upstream URL's query or headers: they may carry the secret.
    return { kind: 'failed-before-content', error: new GatewayError(502, `upstream connection failed (${(err as { code?: string }).code ?? 'error'})`, 'server_error', 'upstream_unreachable', true), retryAfterMs: null };
  }

  const status = upstream.statusCode;
  if (status < 200 || status >= 300) {
    const text = await upstream.body.text().catch(() => '');
    if (RETRYABLE(status)) {
      return { kind: 'failed-before-content', error: new GatewayError(status, upstreamMessage(text, status), undefined, 'upstream_error', true), retryAfterMs: retryAfterMs(upstream.headers) };
    }
    // Same protocol: the upstream's own 4xx body is already in the client's error shape.
    a.settle({ status, ttftMs: null });
    a.res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': a.requestId });
    a.res.end(text);
    return { kind: 'relayed', status, semantic: false, ttftMs: null };
  }

  if (!a.stream) {
    const raw = Buffer.from(await upstream.body.arrayBuffer());
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch {
      return { kind: 'failed-before-content', error: new GatewayError(502, 'upstream sent a body that is not JSON', 'server_error', 'bad_upstream_response', true), retryAfterMs: null };
    }
    const { semantic } = a.observer.observeBody(parsed);
    if (!semantic) {
      return { kind: 'failed-before-content', error: new GatewayError(502, 'upstream returned an empty reply', 'server_error', 'empty_reply', true), retryAfterMs: null };
    }
    const ttftMs = Date.now() - a.startedAt;
    a.settle({ status, ttftMs });
    a.res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': a.requestId });
    a.res.end(raw);
    return { kind: 'relayed', status, semantic, ttftMs };
  }

  return relayStream(a, upstream);
}

async function relayStream(a: Attempt, upstream: Dispatcher.ResponseData): Promise<AttemptOutcome> {
  const splitter = new SseFrameSplitter();
  // Frames before the first semantic content are held back, so a failure there can still be
  // retried on another channel without the client seeing a half-started stream.
  let held: string[] = [];
  let headersSent = false;
  let contentSent = false;
  let ttftMs: number | null = null;
  let settled = false;
  const sendHeaders = () => {
    if (headersSent) return;
    headersSent = true;
    a.res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-request-id': a.requestId });
    a.res.flushHeaders();
  };
  const settleOnce = () => {
    if (settled) return;
    settled = true;
    a.settle({ status: 200, ttftMs });
  };
  const handleFrame = async (raw: string): Promise<boolean> => {
    const frame = parseSseFrame(raw);
    const { forward, terminal, semantic } = a.observer.observeFrame(frame);
    if (semantic && !contentSent) {
      contentSent = true;
      ttftMs = Date.now() - a.startedAt;
      sendHeaders();
      for (const h of held) await write(a.res, h);
      held = [];
    }
    if (terminal) {
      if (!contentSent) return false;
      settleOnce();
    }
    if (!forward) return terminal;
    if (contentSent) await write(a.res, raw);
    else held.push(raw);
    return terminal;
  };

  try {
    upstream.body.setEncoding('utf8');
    let terminalSeen = false;
    for await (const chunk of upstream.body as AsyncIterable<string>) {
      for (const raw of splitter.push(chunk)) {
        if (await handleFrame(raw)) terminalSeen = true;
      }
    }
    const rest = splitter.flush();
    if (rest.trim()) await handleFrame(rest + '\n\n');
    if (!contentSent) {
      return { kind: 'failed-before-content', error: new GatewayError(502, 'upstream stream ended without content', 'server_error', 'empty_reply', true), retryAfterMs: null };
    }
    if (!terminalSeen) settleOnce();
    a.res.end();
    return { kind: 'relayed', status: 200, semantic: true, ttftMs };
  } catch (err) {
    if (a.signal.aborted) throw err;
    const error = new GatewayError(502, 'upstream stream broke', 'server_error', 'upstream_stream_error', true);
    if (!contentSent) return { kind: 'failed-before-content', error, retryAfterMs: null };
    settleOnce();
    // Never a clean end that looks complete: an in-stream error the SDK surfaces as a failure.
    await write(a.res, `data: ${JSON.stringify({ error: { message: error.message, type: error.type, param: null, code: error.code } })}\n\n`).catch(() => {});
    a.res.end();
    return { kind: 'failed-after-content', error, ttftMs };
  }
}

function upstreamMessage(text: string, status: number): string {
  try {
    const j = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    const m = typeof j.error === 'string' ? j.error : j.error?.message ?? j.message;
    if (typeof m === 'string' && m) return `upstream error ${status}: ${m.slice(0, 300)}`;
  } catch {
    // not JSON
  }
  return `upstream error ${status}`;
}
