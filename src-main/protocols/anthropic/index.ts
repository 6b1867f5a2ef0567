import type { ProtocolAdapter } from '../adapter';
import { renderAnthropicError } from './errors';
import { buildAnthropicRequest, parseAnthropicRequest } from './request';
import { parseAnthropicResponse, renderAnthropicResponse } from './response';
import { AnthropicStreamDecoder, AnthropicStreamEncoder } from './stream';

export const anthropicAdapter: ProtocolAdapter = {
  protocol: 'anthropic',
  parseRequest: parseAnthropicRequest,
  buildRequest: buildAnthropicRequest,
  parseResponse: parseAnthropicResponse,
  renderResponse: renderAnthropicResponse,
  createDecoder: (names) => new AnthropicStreamDecoder(names),
  createEncoder: (opts) => new AnthropicStreamEncoder(opts),
  renderError: renderAnthropicError,
};
