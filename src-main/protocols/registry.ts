import type { ProtocolAdapter, WireProtocol } from './adapter';
import { anthropicAdapter } from './anthropic';
import { geminiAdapter } from './gemini';
import { openaiChatAdapter } from './openai-chat';
import { openaiResponsesAdapter } from './openai-responses';

/** The one registry of wire protocols; the gateway never branches on a provider name (STYLE.md 8). */
export const adapters: Record<WireProtocol, ProtocolAdapter> = {
  'openai-chat': openaiChatAdapter,
  'openai-responses': openaiResponsesAdapter,
  anthropic: anthropicAdapter,
  gemini: geminiAdapter,
};

export type ChannelProvider = 'openai' | 'openai-compatible' | 'anthropic' | 'gemini';

/**
 * Which protocol to speak to a channel for a given client protocol: `openai` channels take Chat
 * and Responses natively; `openai-compatible` ones only Chat (issue 3, point 3).
 */
export function upstreamProtocolFor(client: WireProtocol, provider: ChannelProvider): WireProtocol {
  switch (provider) {
    case 'openai':
      return client === 'openai-responses' ? 'openai-responses' : 'openai-chat';
    case 'openai-compatible':
      return 'openai-chat';
    case 'anthropic':
      return 'anthropic';
    case 'gemini':
      return 'gemini';
    default: {
      const never: never = provider;
      return never;
    }
  }
}
