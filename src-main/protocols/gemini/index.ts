import type { ProtocolAdapter } from '../adapter';
import { renderGeminiError } from './errors';
import { buildGeminiRequest, parseGeminiRequest } from './request';
import { parseGeminiResponse, renderGeminiResponse } from './response';
import { GeminiStreamDecoder, GeminiStreamEncoder } from './stream';

export const geminiAdapter: ProtocolAdapter = {
  protocol: 'gemini',
  parseRequest: parseGeminiRequest,
  buildRequest: buildGeminiRequest,
  parseResponse: parseGeminiResponse,
  renderResponse: renderGeminiResponse,
  createDecoder: (names) => new GeminiStreamDecoder(names),
  createEncoder: (opts) => new GeminiStreamEncoder(opts),
  renderError: renderGeminiError,
};
