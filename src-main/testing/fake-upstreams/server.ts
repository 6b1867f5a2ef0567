import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { DEFAULT_BEHAVIOUR, type FakeBehaviour } from './behaviour';
import { parseJson, type ProtocolFake, type RecordedRequest } from './protocol-fake';

export interface FakeUpstream {
  /** Base URL, e.g. http://127.0.0.1:PORT (no trailing slash, no /v1). */
  url: string;
  /** Every request received, in arrival order (auth failures included). */
  requests: RecordedRequest[];
  /** Queue behaviours: the next requests consume them in order; then the default applies. */
  script(...behaviours: FakeBehaviour[]): void;
  /** Behaviour for requests when the queue is empty. */
  setDefault(b: FakeBehaviour): void;
  /** Resolves when at least n requests have arrived. */
  waitForRequests(n: number): Promise<void>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function serveFake(fake: ProtocolFake, apiKey: string): Promise<FakeUpstream> {
  const requests: RecordedRequest[] = [];
  const queue: FakeBehaviour[] = [];
  let fallback: FakeBehaviour = DEFAULT_BEHAVIOUR;
  const sockets = new Set<Socket>();
  const waiters: { n: number; resolve: () => void }[] = [];

  const record = (r: RecordedRequest) => {
    requests.push(r);
    for (const w of waiters.splice(0)) {
      if (requests.length >= w.n) w.resolve();
      else waiters.push(w);
    }
  };

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => res.destroy());
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      body,
      json: parseJson(body),
    };
    record(recorded);
    const path = new URL(recorded.url, 'http://fake').pathname;

    const sendJson = (status: number, value: unknown, extra: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...extra });
      res.end(JSON.stringify(value));
    };

    if (!fake.authorized(recorded, apiKey)) {
      sendJson(401, fake.renderError(401, 'Invalid API key provided.'));
      return;
    }
    const kind = fake.route(recorded.method, path);
    if (kind === null) {
      sendJson(404, fake.renderError(404, `No route for ${recorded.method} ${path}`));
      return;
    }
    if (kind === 'models') return sendJson(200, fake.models());
    if (kind === 'count-tokens') return sendJson(200, fake.countTokens(recorded));

    const b = queue.shift() ?? fallback;
    const gen = fake.inspect(recorded);
    if (b.ttftMs) await sleep(b.ttftMs);
    const f = b.failure;
    if (f?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (f?.kind === 'hang') return;
    if (f?.kind === 'status') {
      const extra: Record<string, string> = {};
      if (f.retryAfterSeconds !== undefined) extra['retry-after'] = String(f.retryAfterSeconds);
      sendJson(f.status, fake.renderError(f.status, f.message ?? `Fake failure ${f.status}`, f.code), extra);
      return;
    }

    let text = b.text ?? (b.toolCalls?.length ? '' : DEFAULT_BEHAVIOUR.text ?? '');
    if (b.echoImages && gen.images.length) text = [text, ...gen.images].filter((s) => s !== '').join('\n');

    if (!gen.stream) {
      sendJson(200, fake.renderJson(b, gen, text));
      return;
    }
    res.writeHead(200, { 'content-type': fake.streamContentType(gen), 'cache-control': 'no-cache' });
    res.flushHeaders();
    const frames = fake.renderStream(b, gen, text);
    if (f?.kind === 'error-before-content') {
      const opening = frames[0];
      if (opening && !opening.content) res.write(opening.text);
      res.write(fake.renderStreamError(gen, f.status ?? 529, f.message ?? 'Fake failure before content'));
      res.end(fake.streamTrailer?.(gen) ?? '');
      return;
    }
    let sentContent = false;
    for (const [i, frame] of frames.entries()) {
      if (res.destroyed) return;
      if (i > 0 && b.chunkDelayMs) await sleep(b.chunkDelayMs);
      res.write(frame.text);
      sentContent ||= frame.content;
      if (sentContent && f?.kind === 'drop-after-first-token') {
        // Give the frame a moment to leave before cutting, so the client sees the token first.
        await sleep(20);
        res.destroy();
        return;
      }
      if (sentContent && f?.kind === 'error-after-first-token') {
        res.write(fake.renderStreamError(gen, f.status ?? 500, f.message ?? 'Fake failure mid-stream'));
        res.end(fake.streamTrailer?.(gen) ?? '');
        return;
      }
    }
    res.end();
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (...bs) => void queue.push(...bs),
    setDefault: (b) => {
      fallback = b;
    },
    waitForRequests: (n) =>
      requests.length >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve })),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
