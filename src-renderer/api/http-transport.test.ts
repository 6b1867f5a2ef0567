import { describe, expect, it } from 'vitest';
import { buildRequest } from './http-transport';

describe('buildRequest', () => {
  it('moves path params into the path and the rest into a JSON body', () => {
    expect(buildRequest('POST', '/api/api-keys/:id/enabled', { id: 7, enabled: false })).toEqual({
      url: '/api/api-keys/7/enabled',
      body: '{"enabled":false}',
    });
  });

  it('puts GET input in the query string and skips empty values', () => {
    const { url, body } = buildRequest('GET', '/api/ledger', { page: 2, model: 'gpt 4', key: '', channel: undefined });
    expect(url).toBe('/api/ledger?page=2&model=gpt+4');
    expect(body).toBeUndefined();
  });

  it('refuses to build a path with a missing parameter', () => {
    expect(() => buildRequest('DELETE', '/api/channels/:id', {})).toThrow(/missing path parameter id/);
  });
});
