import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseFlags } from './flags';

/**
 * A lean OpenAI Chat Completions upstream for the benchmark: the real wire format (JSON body,
 * SSE chunks with `stream_options.include_usage`, `[DONE]`), but none of the test fake's request
 * recording or scripting, so its own cost stays small and flat over a long soak.
 *
 * Pacing: streams send headers at once, the first content after `--ttft-ms`, then one chunk
 * every `--chunk-ms`. A model named `bench-delay-<ms>` delays the whole answer (overload test).
 */
const flags = parseFlags(process.argv.slice(2), { 'ttft-ms': 20, 'chunk-ms': 5, chunks: 20 });
const ttftMs = flags['ttft-ms'];
const chunkMs = flags['chunk-ms'];
const chunkCount = flags.chunks;

const USAGE = { prompt_tokens: 42, completion_tokens: 24, total_tokens: 66, prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 } };
const ANSWER = 'The quick brown fox jumps over the lazy dog. Benchmarks measure what the gateway adds.';
const usageJson = JSON.stringify(USAGE);
let counter = 0;

interface ChatRequest {
  model: string;
  stream: boolean;
  includeUsage: boolean;
}

function readRequest(req: IncomingMessage): Promise<ChatRequest> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', reject);
    req.on('end', () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { model?: unknown; stream?: unknown; stream_options?: { include_usage?: unknown } };
        resolve({ model: typeof body.model === 'string' ? body.model : 'unknown', stream: body.stream === true, includeUsage: body.stream_options?.include_usage === true });
      } catch (err) {
        reject(err as Error);
      }
    });
  });
}

function completionJson(model: string): string {
  const id = `chatcmpl-bench${++counter}`;
  const created = Math.floor(Date.now() / 1000);
  return `{"id":"${id}","object":"chat.completion","created":${created},"model":${JSON.stringify(model)},"choices":[{"index":0,"message":{"role":"assistant","content":${JSON.stringify(ANSWER)},"refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],"usage":${usageJson},"service_tier":"default","system_fingerprint":"fp_bench"}`;
}

function streamChunk(id: string, created: number, model: string, choices: string, withUsage: boolean, usage = 'null'): string {
  return `data: {"id":"${id}","object":"chat.completion.chunk","created":${created},"model":${JSON.stringify(model)},"system_fingerprint":"fp_bench","choices":${choices}${withUsage ? `,"usage":${usage}` : ''}}\n\n`;
}

const delta = (d: string, finish: string | null = null) => `[{"index":0,"delta":${d},"logprobs":null,"finish_reason":${finish === null ? 'null' : `"${finish}"`}}]`;
const words = ANSWER.split(' ');

function streamAnswer(res: ServerResponse, r: ChatRequest, extraDelay: number): void {
  const id = `chatcmpl-bench${++counter}`;
  const created = Math.floor(Date.now() / 1000);
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  res.flushHeaders();
  let sent = 0;
  const next = () => {
    if (res.destroyed) return;
    if (sent === 0) res.write(streamChunk(id, created, r.model, delta('{"role":"assistant","content":"","refusal":null}'), r.includeUsage));
    const piece = (sent === 0 ? '' : ' ') + words[sent % words.length];
    res.write(streamChunk(id, created, r.model, delta(`{"content":${JSON.stringify(piece)}}`), r.includeUsage));
    sent++;
    if (sent < chunkCount) {
      setTimeout(next, chunkMs);
      return;
    }
    res.write(streamChunk(id, created, r.model, delta('{}', 'stop'), r.includeUsage));
    if (r.includeUsage) res.write(streamChunk(id, created, r.model, '[]', true, usageJson));
    res.end('data: [DONE]\n\n');
  };
  setTimeout(next, ttftMs + extraDelay);
}

const server = createServer((req, res) => {
  if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":{"message":"not found","type":"invalid_request_error","param":null,"code":null}}');
    return;
  }
  readRequest(req).then(
    (r) => {
      const m = /^bench-delay-(\d+)$/.exec(r.model);
      const extraDelay = m ? Number(m[1]) : 0;
      if (r.stream) return streamAnswer(res, r, extraDelay);
      const send = () => {
        const body = completionJson(r.model);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      };
      if (extraDelay > 0) setTimeout(send, extraDelay);
      else send();
    },
    () => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end('{"error":{"message":"We could not parse the JSON body of your request.","type":"invalid_request_error","param":null,"code":null}}');
    },
  );
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  console.log(`BENCH_READY ${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
