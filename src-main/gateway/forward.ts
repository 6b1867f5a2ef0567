import type { ServerResponse } from 'node:http';
import type { Dispatcher } from 'undici';
import type { CoreServices } from '../core/services';
import type { ProtocolAdapter, StreamDecoder, StreamEncoder, WireProtocol } from '../protocols/adapter';
import { brokenStreamError, connectionError, emptyResponseError, errorFromStreamPayload, errorFromUpstream, GatewayError } from '../protocols/errors';
import type { IRResponse, IRStreamEvent } from '../protocols/ir';
import { adapters } from '../protocols/registry';
import { isSemanticEvent } from '../protocols/semantic';
import { FrameWriter } from '../protocols/sse';
import { streamErrorFrames } from '../protocols/stream-errors';
import type { CanonicalUsage } from '../protocols/usage';
import type { PoolChannel } from './channel-pool';
import type { ClientRequest } from './client-request';
import { parseSseFrame, SseFrameSplitter } from './sse-frames';
import { callUpstream } from './upstream-client';
import { buildUpstreamRequest, type UpstreamRequest } from './upstream-request';

/** What an attempt has seen so far, for settlement (also of a half-finished stream). */
export interface AttemptObservation {
  usage: CanonicalUsage | null;
  reasoningTokens: number;
  /** Visible output text, for a local estimate when the upstream reports no usage. */
  outputText: string;
}

/** One upstream attempt: any client protocol to any channel, relayed to the client as it arrives. */
export interface Attempt {
  core: CoreServices;
  channel: PoolChannel;
  request: ClientRequest;
  /** The protocol spoken to this channel (registry.upstreamProtocolFor). */
  upstream: WireProtocol;
  observation: AttemptObservation;
  res: ServerResponse;
  requestId: string;
  signal: AbortSignal;
  startedAt: number;
  /** Runs once the usage is known and before the last frame/byte reaches the client. */
  /** Resolves once the settlement is committed; the last byte goes out only after it. */
  settle: (r: { status: number; ttftMs: number | null }) => Promise<void>;
}

export type AttemptOutcome =
  /** The client got a complete answer (or a non-retryable upstream error, in its own shape). */
  | { kind: 'relayed'; status: number; semantic: boolean; ttftMs: number | null }
  /** Nothing reached the client yet: the caller may try another channel or report the error. */
  | { kind: 'failed-before-content'; error: GatewayError; retryAfterMs: number | null }
  /** The stream broke after content was forwarded: it was ended with the protocol's error event. */
  | { kind: 'failed-after-content'; error: GatewayError; ttftMs: number | null };

export function newObservation(): AttemptObservation {
  return { usage: null, reasoningTokens: 0, outputText: '' };
}

async function write(res: ServerResponse, chunk: string | Buffer): Promise<void> {
  if (chunk.length === 0) return;
  // Respect backpressure: a slow client slows the upstream read instead of growing memory.
  if (!res.write(chunk)) await new Promise<void>((resolve) => res.once('drain', resolve));
}

const beforeContent = (error: GatewayError): AttemptOutcome => ({ kind: 'failed-before-content', error, retryAfterMs: error.retryAfterMs ?? null });

/** A failure the client must see (not worth another channel): answered in the client's shape. */
async function answerError(a: Attempt, err: GatewayError, passthroughBody?: string): Promise<AttemptOutcome> {
  const rendered = adapters[a.request.protocol].renderError(err);
  const status = passthroughBody !== undefined ? (err.upstreamStatus ?? rendered.status) : rendered.status;
  await a.settle({ status, ttftMs: null });
  a.res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': a.requestId });
  // Same protocol: the upstream's own error body is already in the client's shape.
  a.res.end(passthroughBody ?? JSON.stringify(rendered.body));
  return { kind: 'relayed', status, semantic: false, ttftMs: null };
}

export async function forwardAttempt(a: Attempt): Promise<AttemptOutcome> {
  // Errors here (an image URL we refuse to fetch) are the client's: thrown, rendered by the route.
  const up = await buildUpstreamRequest(a.core, a.channel, a.request, a.upstream, a.signal);
  let upstream: Dispatcher.ResponseData;
  try {
    upstream = await callUpstream({ url: up.url, headers: up.headers, body: up.body, signal: a.signal });
  } catch (err) {
    if (a.signal.aborted) throw err;
    return beforeContent(connectionError(err));
  }
  const status = upstream.statusCode;
  if (status < 200 || status >= 300) {
    const text = await upstream.body.text().catch(() => '');
    const retryAfter = upstream.headers['retry-after'];
    const err = errorFromUpstream(status, text, Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
    if (err.retryable) return beforeContent(err);
    return answerError(a, err, up.passthrough && err.code === 'upstream_error' ? text : undefined);
  }
  if (a.request.stream && String(upstream.headers['content-type'] ?? '').includes('application/json')) {
    // Some compatible servers answer a stream request with a JSON error and status 200.
    const text = await upstream.body.text().catch(() => '');
    const err = /"error"/.test(text) ? errorFromStreamPayload(safeJson(text)) : emptyResponseError();
    return err.retryable ? beforeContent(err) : answerError(a, err);
  }
  return a.request.stream ? relayStream(a, up, upstream) : relayBody(a, up, upstream);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return {};
  }
}

function observeResponse(o: AttemptObservation, r: IRResponse): boolean {
  let semantic = false;
  for (const p of r.parts) {
    if (p.type === 'text') {
      o.outputText += p.text;
      if (p.text.trim() !== '') semantic = true;
    } else if (p.type === 'tool_call') {
      o.outputText += p.arguments;
      semantic = true;
    }
  }
  if (r.usage) {
    o.usage = r.usage;
    o.reasoningTokens = r.usage.reasoning;
  }
  return semantic;
}

async function relayBody(a: Attempt, up: UpstreamRequest, upstream: Dispatcher.ResponseData): Promise<AttemptOutcome> {
  const raw = Buffer.from(await upstream.body.arrayBuffer());
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    return beforeContent(new GatewayError(502, 'upstream sent a body that is not JSON', 'server_error', 'bad_upstream_response', true));
  }
  const ir = adapters[a.upstream].parseResponse(parsed, up.names);
  if (!observeResponse(a.observation, ir)) return beforeContent(emptyResponseError());
  const ttftMs = Date.now() - a.startedAt;
  const body = up.passthrough ? raw : JSON.stringify(adapters[a.request.protocol].renderResponse(ir, { model: a.request.model, toolNames: up.names }));
  await a.settle({ status: 200, ttftMs });
  a.res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': a.requestId });
  a.res.end(body);
  return { kind: 'relayed', status: 200, semantic: true, ttftMs };
}

/**
 * Relays a stream frame by frame. Same protocol and SSE: the upstream's frames go out as
 * received. Otherwise each upstream event goes through the IR to the client's encoder. Frames
 * before the first semantic content are held back (headers too), so a failure there can still
 * be retried on another channel without the client seeing a half-started stream.
 */
class StreamRelay {
  private readonly decoder: StreamDecoder;
  private readonly encoder: StreamEncoder | null;
  private readonly writer: FrameWriter;
  private readonly client: ProtocolAdapter;
  private held: string[] = [];
  contentSent = false;
  ttftMs: number | null = null;
  private settled = false;
  ended = false;

  constructor(
    private readonly a: Attempt,
    private readonly up: UpstreamRequest,
  ) {
    this.decoder = adapters[a.upstream].createDecoder(up.names);
    this.client = adapters[a.request.protocol];
    const raw = up.passthrough && a.request.format === 'sse';
    this.encoder = up.passthrough ? null : this.client.createEncoder({ model: a.request.model, toolNames: up.names, includeUsage: a.request.ir().includeUsage ?? false });
    this.writer = new FrameWriter(raw ? 'sse' : a.request.format);
  }

  async settleOnce(): Promise<void> {
    if (this.settled) return;
    this.settled = true;
    await this.a.settle({ status: 200, ttftMs: this.ttftMs });
  }

  private async emit(out: string) {
    if (this.contentSent) await write(this.a.res, out);
    else if (out) this.held.push(out);
  }

  private async startContent() {
    this.contentSent = true;
    this.ttftMs = Date.now() - this.a.startedAt;
    this.a.res.writeHead(200, { 'content-type': this.writer.contentType, 'cache-control': 'no-cache', connection: 'keep-alive', 'x-request-id': this.a.requestId });
    this.a.res.flushHeaders();
    for (const h of this.held) await write(this.a.res, h);
    this.held = [];
  }

  private observe(e: IRStreamEvent) {
    const o = this.a.observation;
    if (e.type === 'text') o.outputText += e.text;
    else if (e.type === 'tool_call_delta') o.outputText += e.arguments;
    else if (e.type === 'usage') {
      o.usage = e.usage;
      o.reasoningTokens = e.usage.reasoning;
    }
  }

  /** Output for these events: the raw frame (passthrough) or the client encoder's frames. */
  private render(events: IRStreamEvent[], raw: string | null, data: string | null): string {
    if (this.encoder) return events.flatMap((e) => this.encoder?.push(e) ?? []).map((f) => this.writer.write(f)).join('');
    if (raw === null) return '';
    if (this.up.hideUsageChunk && events.length > 0 && events.every((e) => e.type === 'usage' || e.type === 'start')) return '';
    if (this.writer.format === 'sse') return raw;
    // Gemini JSON-array clients: the same payloads, re-framed as array elements.
    try {
      return data ? this.writer.write({ data: JSON.parse(data) as unknown }) : '';
    } catch {
      return '';
    }
  }

  /** Handles one upstream frame's events (raw is null when the events come from the stream's end). */
  async handle(events: IRStreamEvent[], raw: string | null, data: string | null): Promise<AttemptOutcome | null> {
    const error = events.find((e): e is Extract<IRStreamEvent, { type: 'error' }> => e.type === 'error');
    const ok = error ? events.slice(0, events.indexOf(error)) : events;
    ok.forEach((e) => this.observe(e));
    const semantic = ok.some(isSemanticEvent);
    const end = ok.some((e) => e.type === 'end');
    if (error) {
      if (!this.contentSent) {
        // An error before content: retryable ones go to the next channel, others to the client.
        return error.error.retryable ? beforeContent(error.error) : answerError(this.a, error.error);
      }
      await this.emit(this.render(ok, null, null));
      await this.settleOnce();
      // The upstream's own error frame (same protocol), or this protocol's error event.
      const frames = raw !== null && !this.encoder && this.writer.format === 'sse' ? raw : streamErrorFrames(this.a.request.protocol, error.error).map((f) => this.writer.write(f)).join('');
      await write(this.a.res, frames + this.writer.end());
      this.a.res.end();
      return { kind: 'failed-after-content', error: error.error, ttftMs: this.ttftMs };
    }
    if (end && !this.contentSent && !semantic) return beforeContent(emptyResponseError());
    const out = this.render(ok, raw, data);
    if (semantic && !this.contentSent) await this.startContent();
    if (end) {
      this.ended = true;
      await this.settleOnce();
      await write(this.a.res, out + this.writer.end());
      this.a.res.end();
      return { kind: 'relayed', status: 200, semantic: true, ttftMs: this.ttftMs };
    }
    await this.emit(out);
    return null;
  }

  async feedFrame(raw: string): Promise<AttemptOutcome | null> {
    const frame = parseSseFrame(raw);
    if (frame.data === '' && frame.event === null) return null; // comments and keep-alives
    const events = this.decoder.push(frame.event === null ? { data: frame.data } : { event: frame.event, data: frame.data });
    return this.handle(events, raw, frame.data);
  }

  finish(): Promise<AttemptOutcome | null> {
    return this.handle(this.decoder.finish(), null, null);
  }

  /** The connection broke (reset, parse failure): same handling as an error event. */
  broken(): Promise<AttemptOutcome | null> {
    return this.handle([{ type: 'error', error: brokenStreamError('broke') }], null, null);
  }
}

async function relayStream(a: Attempt, up: UpstreamRequest, upstream: Dispatcher.ResponseData): Promise<AttemptOutcome> {
  const relay = new StreamRelay(a, up);
  const splitter = new SseFrameSplitter();
  try {
    upstream.body.setEncoding('utf8');
    for await (const chunk of upstream.body as AsyncIterable<string>) {
      for (const raw of splitter.push(chunk)) {
        const outcome = await relay.feedFrame(raw);
        if (outcome) {
          upstream.body.destroy();
          return outcome;
        }
      }
    }
    const rest = splitter.flush();
    if (rest.trim()) {
      const outcome = await relay.feedFrame(`${rest}\n\n`);
      if (outcome) return outcome;
    }
    const outcome = await relay.finish();
    if (outcome) return outcome;
    // finish() always yields `end` or `error`; reaching here means the decoder had ended quietly.
    return beforeContent(emptyResponseError());
  } catch (err) {
    if (a.signal.aborted) throw err;
    const outcome = await relay.broken();
    return outcome ?? beforeContent(brokenStreamError('broke'));
  }
}
