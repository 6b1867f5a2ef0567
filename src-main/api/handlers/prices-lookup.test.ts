import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../../testing/harness';

interface Lookup {
  tier: string;
  price_id: number | null;
  input_price_per_1m: number;
  output_price_per_1m: number;
  why: string;
}

describe('prices.lookup: the server explains a price with the resolver that settles', () => {
  let t: TestCore;
  let member: { token: string };
  let channelId: number;
  beforeAll(async () => {
    t = await startTestCore();
    member = await t.createMember('lookup@example.test');
    channelId = (await t.api<{ id: number }>('POST', '/api/channels', { name: 'c', provider: 'openai', api_key_secret: 'sk-abc-123456789', models: ['*'] }, member.token)).id;
  });
  afterAll(() => t.close());

  const lookup = (q: string) => t.api<Lookup>('GET', `/api/prices/lookup?${q}`, undefined, member.token);

  it('walks the resolution order: channel pattern, channel default, global pattern, global default, fallback', async () => {
    const fallback = await lookup('model=totally-unknown-model');
    expect(fallback.tier).toBe('fallback');
    expect(fallback.input_price_per_1m).toBe(1);
    await t.api('POST', '/api/prices', { model_pattern: 'default', input_price_per_1m: 2, output_price_per_1m: 8 }, t.adminToken);
    expect((await lookup('model=totally-unknown-model')).tier).toBe('global-default');
    await t.api('POST', '/api/prices', { model_pattern: 'totally-*', input_price_per_1m: 3, output_price_per_1m: 9 }, t.adminToken);
    expect((await lookup(`model=totally-unknown-model&channel_id=${channelId}`)).tier).toBe('global-model');
    await t.api('POST', '/api/prices', { channel_id: channelId, model_pattern: 'default', input_price_per_1m: 4, output_price_per_1m: 10 }, member.token);
    expect((await lookup(`model=totally-unknown-model&channel_id=${channelId}`)).tier).toBe('channel-default');
    await t.api('POST', '/api/prices', { channel_id: channelId, model_pattern: 'totally-unknown-model', input_price_per_1m: 5, output_price_per_1m: 11 }, member.token);
    const exact = await lookup(`model=totally-unknown-model&channel_id=${channelId}`);
    expect(exact).toMatchObject({ tier: 'channel-model', input_price_per_1m: 5, output_price_per_1m: 11 });
    expect(exact.why).toMatch(/on this channel/);
    // Without a channel, only global prices apply.
    expect((await lookup('model=totally-unknown-model')).input_price_per_1m).toBe(3);
  });

  it('needs a session and a model', async () => {
    expect((await t.apiRaw('GET', '/api/prices/lookup?model=x')).status).toBe(401);
    expect((await t.apiRaw('GET', '/api/prices/lookup', undefined, member.token)).status).toBe(400);
  });
});
