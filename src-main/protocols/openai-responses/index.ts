import type { ProtocolAdapter } from '../adapter';
import { renderChatError } from '../openai-chat/errors';
import { buildResponsesRequest, parseResponsesRequest } from './request';
import { parseResponsesResponse, renderResponsesResponse } from './response';
import { ResponsesStreamDecoder, ResponsesStreamEncoder } from './stream';

export const openaiResponsesAdapter: ProtocolAdapter = {
  protocol: 'openai-responses',
  parseRequest: parseResponsesRequest,
  buildRequest: buildResponsesRequest,
  parseResponse: parseResponsesResponse,
  renderResponse: renderResponsesResponse,
  createDecoder: (names) => new ResponsesStreamDecoder(names),
  createEncoder: (opts) => new ResponsesStreamEncoder(opts),
  // HTTP errors use the same shape as Chat (PROTOCOLS.md §2.4).
  renderError: renderChatError,
};
