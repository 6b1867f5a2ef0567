import type { CoreServices } from '../core/services';
import type { WireProtocol } from '../protocols/adapter';
import type { JsonObject } from '../protocols/json';
import { adapters } from '../protocols/registry';
import { anthropicToolName, geminiToolName, openaiToolName, ToolNameMap } from '../protocols/tool-names';
import type { PoolChannel } from './channel-pool';
import type { ClientRequest } from './client-request';
import { inlineRemoteImages } from './remote-images';

/** What one attempt sends upstream, and what the reply decoding needs to know. */
export interface UpstreamRequest {
  url: string;
  headers: Record<string, string>;
  body: Buffer;
  /** Same protocol: body relayed unchanged, frames relayed as received. */
  passthrough: boolean;
  /** Tool names rewritten for the upstream, mapped back in replies. */
  names: ToolNameMap;
  /** We added `include_usage` for accounting: hide the usage-only chunk from this client. */
  hideUsageChunk: boolean;
}

const NAME_RULES: Record<WireProtocol, (n: string) => string> = {
  'openai-chat': openaiToolName,
  'openai-responses': openaiToolName,
  anthropic: anthropicToolName,
  gemini: geminiToolName,
};

export function upstreamUrl(baseUrl: string, protocol: WireProtocol, model: string, stream: boolean): string {
  switch (protocol) {
    case 'openai-chat':
      return `${baseUrl}/chat/completions`;
    case 'openai-responses':
      return `${baseUrl}/responses`;
    case 'anthropic':
      return `${baseUrl}/v1/messages`;
    case 'gemini':
      // Always SSE upstream; Gemini clients that want the JSON-array form get it re-framed.
      return `${baseUrl}/v1beta/models/${encodeURIComponent(model)}:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`;
    default: {
      const never: never = protocol;
      return never;
    }
  }
}

/** Upstream auth per channel type (issue 3 point 2); the client's own key never travels on. */
export function upstreamHeaders(protocol: WireProtocol, secret: string, client: ClientRequest | null): Record<string, string> {
  const base = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
  switch (protocol) {
    case 'openai-chat':
    case 'openai-responses':
      return { ...base, authorization: `Bearer ${secret}` };
    case 'anthropic': {
      const fromClient = client?.protocol === 'anthropic';
      const beta = fromClient ? client.header('anthropic-beta') : undefined;
      return { ...base, 'x-api-key': secret, 'anthropic-version': (fromClient && client.header('anthropic-version')) || '2023-06-01', ...(beta ? { 'anthropic-beta': beta } : {}) };
    }
    case 'gemini':
      return { ...base, 'x-goog-api-key': secret };
    default: {
      const never: never = protocol;
      return never;
    }
  }
}

export async function buildUpstreamRequest(core: CoreServices, channel: PoolChannel, req: ClientRequest, upstream: WireProtocol, signal: AbortSignal): Promise<UpstreamRequest> {
  const secret = channel.secretId === null ? '' : core.secrets.get(channel.secretId);
  const headers = upstreamHeaders(upstream, secret, req);
  const url = upstreamUrl(channel.baseUrl, upstream, req.model, req.stream);
  const names = new ToolNameMap(NAME_RULES[upstream]);
  if (upstream === req.protocol) {
    // Chat streams carry usage only when asked; we ask on the client's behalf (PROTOCOLS.md §6.3).
    const so = req.json.stream_options as JsonObject | undefined;
    if (upstream === 'openai-chat' && req.stream && so?.include_usage !== true) {
      const body = Buffer.from(JSON.stringify({ ...req.json, stream_options: { ...(so ?? {}), include_usage: true } }));
      return { url, headers, body, passthrough: true, names, hideUsageChunk: true };
    }
    return { url, headers, body: req.raw, passthrough: true, names, hideUsageChunk: false };
  }
  const ir = req.ir();
  if (upstream === 'gemini') {
    const owner = core.stores.users.get(channel.ownerId);
    await inlineRemoteImages(ir, owner?.role === 'admin', signal);
  }
  const body = adapters[upstream].buildRequest(ir, {
    upstreamModel: req.model,
    defaultMaxTokens: core.settings.get('anthropic_default_max_tokens'),
    toolNames: names,
    openaiCompatible: channel.provider === 'openai-compatible',
  });
  return { url, headers, body: Buffer.from(JSON.stringify(body)), passthrough: false, names, hideUsageChunk: false };
}
