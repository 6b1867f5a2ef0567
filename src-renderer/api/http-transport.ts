import { createParser } from 'eventsource-parser';
import { contract, type Contract, type OpName } from '../../src-shared/api/contract';
import type { OpOutput, OpRawInput } from '../../src-shared/api/define';
import { TOPICS, type Topic, type TopicEvent } from '../../src-shared/events';
import { ApiError, type TopicListener, type Transport } from './transport';

type Json = Record<string, unknown>;

/** Splits an op's input into the URL (path params, query for GET/DELETE) and a JSON body. */
export function buildRequest(
  method: string,
  pathTemplate: string,
  input: Json,
): { url: string; body: string | undefined } {
  const rest: Json = { ...input };
  const path = pathTemplate.replace(/:([A-Za-z_]+)/g, (_m, name: string) => {
    const value = rest[name];
    delete rest[name];
    if (value === undefined || value === null) throw new ApiError(400, `missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
  if (method === 'GET' || method === 'DELETE') {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(rest)) {
      if (v === undefined || v === null || v === '') continue;
      qs.set(k, Array.isArray(v) ? v.join(',') : String(v));
    }
    const q = qs.toString();
    return { url: q ? `${path}?${q}` : path, body: undefined };
  }
  return { url: path, body: JSON.stringify(rest) };
}

function isTopicEvent(v: unknown): v is TopicEvent {
  if (typeof v !== 'object' || v === null) return false;
  const topics = (v as { topics?: unknown }).topics;
  return Array.isArray(topics) && topics.every((t) => (TOPICS as readonly string[]).includes(String(t)));
}

/** Talks to the gateway's console routes; the session token is read at call time. */
export class HttpTransport implements Transport {
  readonly kind = 'http' as const;

  constructor(
    private readonly getToken: () => string | null,
    private readonly origin: string = window.location.origin,
  ) {}

  private headers(): Record<string, string> {
    const token = this.getToken();
    return token ? { authorization: `Bearer ${token}` } : {};
  }

  async call<N extends OpName>(op: N, input: OpRawInput<Contract[N]>): Promise<OpOutput<Contract[N]>> {
    const def = contract[op];
    const { url, body } = buildRequest(def.method, def.path, (input ?? {}) as Json);
    const headers = this.headers();
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(this.origin + url, { method: def.method, headers, body });
    } catch {
      throw new ApiError(0, 'cannot reach the server');
    }
    const raw = 'raw' in def && def.raw === true;
    if (!res.ok) {
      let message = `${res.status} ${res.statusText}`;
      let code: string | undefined;
      try {
        const err = (await res.json()) as { error?: unknown; code?: unknown };
        if (typeof err.error === 'string') message = err.error;
        if (typeof err.code === 'string') code = err.code;
      } catch {
        /* non-JSON error body: keep the status line */
      }
      throw new ApiError(res.status, message, code);
    }
    if (raw) {
      // Same shape the handler returns over IPC: `{contentType, body, filename?}`.
      const disposition = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '');
      const file = { contentType: res.headers.get('content-type') ?? 'text/plain', body: await res.text(), filename: disposition?.[1] };
      return file as OpOutput<Contract[N]>;
    }
    return (await res.json()) as OpOutput<Contract[N]>;
  }

  /** SSE over fetch (EventSource cannot send the Authorization header); reconnects with backoff. */
  subscribe(listener: TopicListener): () => void {
    let stopped = false;
    let controller: AbortController | null = null;
    let attempt = 0;
    let everConnected = false;

    const run = async (): Promise<void> => {
      while (!stopped) {
        if (!this.getToken()) return;
        controller = new AbortController();
        listener.onStatus('connecting', false);
        try {
          const res = await fetch(`${this.origin}/api/events`, {
            headers: { ...this.headers(), accept: 'text/event-stream' },
            signal: controller.signal,
          });
          // A revoked or expired session will not come back by retrying; the next call signs out.
          if (res.status === 401) {
            listener.onStatus('offline', false);
            return;
          }
          if (!res.ok || !res.body) throw new Error(`events: ${res.status}`);
          listener.onStatus('live', everConnected);
          everConnected = true;
          attempt = 0;
          const parser = createParser({
            onEvent: (msg) => {
              try {
                const data: unknown = JSON.parse(msg.data);
                if (isTopicEvent(data)) listener.onTopics({ topics: data.topics as Topic[] });
              } catch {
                /* keep-alive or malformed line: ignore */
              }
            },
          });
          const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            parser.feed(value);
          }
        } catch {
          if (stopped) return;
        }
        if (stopped) return;
        listener.onStatus('offline', false);
        attempt += 1;
        await new Promise((r) => setTimeout(r, Math.min(500 * 2 ** attempt, 10_000)));
      }
    };
    void run();
    return () => {
      stopped = true;
      controller?.abort();
    };
  }

  async gatewayUrl(): Promise<string> {
    return this.origin;
  }
}
