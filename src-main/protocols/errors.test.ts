import { describe, expect, it } from 'vitest';
import { adapters } from './registry';
import { errorFromStreamPayload, errorFromUpstream, GatewayError, redactSecrets } from './errors';
import { streamErrorFrames } from './stream-errors';

describe('GatewayError', () => {
  it('classifies upstream failures: retryable, quota, channel credentials', () => {
    const rl = errorFromUpstream(429, '{"error":{"message":"slow down","type":"rate_limit_error"}}', '7');
    expect(rl).toMatchObject({ status: 429, retryable: true, retryAfterMs: 7000, kind: 'rate_limit' });
    expect(errorFromUpstream(429, '{"error":{"message":"no money","code":"insufficient_quota"}}', undefined)).toMatchObject({ retryable: false, kind: 'quota' });
    expect(errorFromUpstream(529, '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}', undefined)).toMatchObject({ status: 529, retryable: true, kind: 'overloaded' });
    expect(errorFromUpstream(400, '{"error":{"code":400,"message":"bad","status":"INVALID_ARGUMENT"}}', undefined)).toMatchObject({ status: 400, retryable: false });
    const auth = errorFromUpstream(401, '{"error":{"message":"Incorrect API key provided: sk-proj-abcdef123456"}}', undefined);
    expect(auth).toMatchObject({ status: 502, retryable: true, kind: 'upstream_auth' });
    expect(auth.message).not.toContain('sk-proj');
    expect(errorFromStreamPayload({ type: 'error', error: { type: 'overloaded_error', message: 'x' } })).toMatchObject({ status: 529, retryable: true });
  });

  it('never carries a key in its message', () => {
    expect(redactSecrets('bad key sk-abcdefghijkl and AIzaSyABCDEFGHIJKLMNOP at https://h/v1beta/x?key=AIzaXYZ&alt=sse')).toBe('bad key sk-*** and AIza*** at https://h/v1beta/x?key=***&alt=sse');
    expect(new GatewayError(500, 'upstream said sk-live-1234567890').message).toBe('upstream said sk-***');
  });

  it('renders in each protocol\'s own shape and status', () => {
    const err = new GatewayError(529, 'Overloaded', 'server_error', 'upstream_error', true);
    expect(adapters['openai-chat'].renderError(err)).toEqual({ status: 503, body: { error: { message: 'Overloaded', type: 'server_error', param: null, code: 'upstream_error' } } });
    expect(adapters.anthropic.renderError(err)).toMatchObject({ status: 529, body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } });
    expect(adapters.gemini.renderError(err)).toEqual({ status: 503, body: { error: { code: 503, message: 'Overloaded', status: 'UNAVAILABLE' } } });
    expect(streamErrorFrames('anthropic', err)).toEqual([{ event: 'error', data: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } }]);
    expect(streamErrorFrames('openai-responses', err, 9)[0]).toMatchObject({ event: 'error', data: { type: 'error', sequence_number: 9, message: 'Overloaded' } });
  });
});
