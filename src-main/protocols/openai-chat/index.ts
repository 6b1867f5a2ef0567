import type { ProtocolAdapter } from '../adapter';
import { renderChatError } from './errors';
import { buildChatRequest, parseChatRequest } from './request';
import { parseChatResponse, renderChatResponse } from './response';
import { ChatStreamDecoder, ChatStreamEncoder } from './stream';

export const openaiChatAdapter: ProtocolAdapter = {
  protocol: 'openai-chat',
  parseRequest: parseChatRequest,
  buildRequest: buildChatRequest,
  parseResponse: parseChatResponse,
  renderResponse: renderChatResponse,
  createDecoder: (names) => new ChatStreamDecoder(names),
  createEncoder: (opts) => new ChatStreamEncoder(opts),
  renderError: renderChatError,
};
