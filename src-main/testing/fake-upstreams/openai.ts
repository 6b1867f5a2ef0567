import { inspectChat, renderChatJson, renderChatStream } from './openai-chat';
import { inspectResponses, renderResponsesJson, renderResponsesStream, renderResponsesStreamError } from './openai-responses';
import { headerValue, sseFrame, type ProtocolFake } from './protocol-fake';

/** Error `type` per status, as OpenAI sends it (PROTOCOLS.md §1.4). */
function errorType(status: number): string {
  if (status === 429) return 'rate_limit_exceeded';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

function errorBody(status: number, message: string, code?: string) {
  return { error: { message, type: errorType(status), param: null, code: code ?? (status === 401 ? 'invalid_api_key' : null) } };
}

/** An OpenAI upstream: Chat Completions and Responses, Bearer auth. */
export const openaiFake: ProtocolFake = {
  streamContentType: () => 'text/event-stream; charset=utf-8',
  route(method, path) {
    if (method === 'POST' && (path === '/v1/chat/completions' || path === '/v1/responses')) return 'generate';
    if (method === 'GET' && path === '/v1/models') return 'models';
    return null;
  },
  authorized: (req, apiKey) => headerValue(req.headers, 'authorization') === `Bearer ${apiKey}`,
  inspect: (req) => (new URL(req.url, 'http://fake').pathname === '/v1/responses' ? inspectResponses(req) : inspectChat(req)),
  renderJson: (b, req, text) => (req.endpoint === 'responses' ? renderResponsesJson(b, req, text) : renderChatJson(b, req, text)),
  renderStream: (b, req, text) => (req.endpoint === 'responses' ? renderResponsesStream(b, req, text) : renderChatStream(b, req, text)),
  renderError: errorBody,
  renderStreamError: (req, status, message) =>
    req.endpoint === 'responses' ? renderResponsesStreamError(req, status, message) : sseFrame(errorBody(status, message)),
  models: () => ({
    object: 'list',
    data: [
      { id: 'gpt-fake-1', object: 'model', created: 1700000000, owned_by: 'fake' },
      { id: 'gpt-fake-mini', object: 'model', created: 1700000000, owned_by: 'fake' },
    ],
  }),
  countTokens: () => ({}),
};
