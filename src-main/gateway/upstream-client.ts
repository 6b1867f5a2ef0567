import { Agent, request, type Dispatcher } from 'undici';

/**
 * One pooled HTTP agent for all upstream calls. undici's `request` (not `fetch`) because it costs
 * several times less CPU per call, and a relay spends most of its time here.
 */
const agent = new Agent({
  keepAliveTimeout: 30_000,
  keepAliveMaxTimeout: 600_000,
  connections: 256,
  pipelining: 1,
  // Streams may pause for a long time between frames (reasoning models): no body timeout.
  bodyTimeout: 0,
  headersTimeout: 0,
});

export interface UpstreamCall {
  url: string;
  method?: 'POST' | 'GET';
  headers: Record<string, string>;
  body?: Buffer | string;
  signal: AbortSignal;
}

export function callUpstream(call: UpstreamCall): Promise<Dispatcher.ResponseData> {
  return request(call.url, {
    method: call.method ?? 'POST',
    headers: call.headers,
    body: call.body,
    signal: call.signal,
    dispatcher: agent,
  });
}

export async function closeUpstreamAgent(): Promise<void> {
  await agent.close();
}
