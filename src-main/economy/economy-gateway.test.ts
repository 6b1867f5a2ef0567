import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../testing/fake-upstreams';
import { startTestCore, type TestCore } from '../testing/harness';

interface Row {
  model: string;
  input_tokens: number;
  cached_tokens: number;
  output_tokens: number;
  cost_micro: number;
  provider_micro: number;
  system_micro: number;
  surge_multiplier: number;
  fire_sale_factor: number;
  provider_share: number;
  price_source: string;
  formula: string;
}

/**
 * The hand-worked example end to end: a real OpenAI SDK request through the gateway to a
 * fake upstream reporting 1500 prompt tokens (500 cached) and 1000 output, on a channel priced
 * 5 / 30 / 0.5 per 1M, idle surge 0.5, fire sale 0.2, share 0.7, 4 digits → 0.0035 / 0.0025.
 */
describe('settlement through the gateway', () => {
  let t: TestCore;
  let upstream: FakeUpstream;
  let client: OpenAI;
  let channelId: number;
  let providerId: number;
  let memberId: number;
  let providerToken: string;

  const lastRow = () => t.core.services.db.prepare('SELECT * FROM ledger ORDER BY id DESC LIMIT 1').get() as Row;
  const balance = (id: number) => t.core.services.stores.users.get(id)!.balance_micro;
  const unexplained = () => {
    const x = t.core.services.economy.balances.totals();
    return x.balances + x.packets + x.reservations + x.system - x.grants;
  };

  beforeAll(async () => {
    t = await startTestCore({
      settings: { settlement_round_digits: 4, provider_share: 0.7, surge_idle_multiplier: 0.5, surge_idle_below: 0.2 },
    });
    upstream = await startFakeUpstream({ protocol: 'openai', apiKey: 'sk-up-1' });
    const provider = await t.createMember('provider@example.test', 0);
    providerId = provider.id;
    providerToken = provider.token;
    const channel = await t.api<{ id: number }>(
      'POST',
      '/api/channels',
      {
        name: 'sale',
        provider: 'openai',
        base_url: upstream.url + '/v1',
        api_key_secret: 'sk-up-1',
        models: ['gpt-5.1', 'house-model'],
        // A huge, almost unused month: surge idle; the sale window covers the whole period.
        quota_windows: [{ name: 'month', limit_points: 1_000_000, period_unit: 'month', anchor_at: '2026-01-01T00:00:00Z', timezone: 'UTC' }],
        fire_sale: { days_before: 366, remaining_pct: 0, discount: 0.2 },
      },
      provider.token,
    );
    channelId = channel.id;
    const member = await t.createMember('member@example.test', 50);
    memberId = member.id;
    const key = await t.api<{ token: string }>('POST', '/api/api-keys', { name: 'k' }, member.token);
    client = new OpenAI({ apiKey: key.token, baseURL: `${t.url}/v1`, maxRetries: 0 });
  });
  afterAll(async () => {
    await t?.close();
    await upstream?.close();
  });

  it('charges the hand-worked example exactly and keeps the books balanced', async () => {
    await t.api('POST', '/api/prices', { channel_id: channelId, model_pattern: 'house-*', input_price_per_1m: 5, output_price_per_1m: 30, cache_price_per_1m: 0.5 }, providerToken);
    const before = { member: balance(memberId), provider: balance(providerId), system: t.core.services.stores.ledger.systemBalanceMicro() };
    upstream.script({ text: 'ok', usage: { input: 1500, cached: 500, output: 1000 } });
    await client.chat.completions.create({ model: 'house-model', messages: [{ role: 'user', content: 'hi' }] });
    const row = lastRow();
    expect(row).toMatchObject({
      input_tokens: 1000,
      cached_tokens: 500,
      output_tokens: 1000,
      surge_multiplier: 0.5,
      fire_sale_factor: 0.2,
      provider_share: 0.7,
      cost_micro: 3500,
      provider_micro: 2500,
      system_micro: 1000,
      price_source: `channel ${channelId} "house-*"`,
    });
    expect(row.formula).toContain('rounded to 4 decimals = 0.0035');
    expect(balance(memberId)).toBe(before.member - 3500);
    expect(balance(providerId)).toBe(before.provider + 2500);
    expect(t.core.services.stores.ledger.systemBalanceMicro()).toBe(before.system + 1000);
    expect(unexplained()).toBe(0);
  });

  it('follows the resolution order as prices are added and removed', async () => {
    const ask = async () => {
      upstream.script({ text: 'ok', usage: { input: 1_000_000, output: 0 } });
      await client.chat.completions.create({ model: 'gpt-5.1', messages: [{ role: 'user', content: 'x' }] });
      return lastRow();
    };
    // Global preset gpt-5* (1.25 per 1M input) × 0.5 × 0.2 = 0.125 points.
    expect(await ask()).toMatchObject({ price_source: 'global "gpt-5*"', cost_micro: 125_000 });
    // Channel default beats a global pattern.
    const chDefault = await t.api<{ id: number }>('POST', '/api/prices', { channel_id: channelId, model_pattern: 'default', input_price_per_1m: 2, output_price_per_1m: 2 }, providerToken);
    expect(await ask()).toMatchObject({ price_source: `channel ${channelId} "default"`, cost_micro: 200_000 });
    // Channel pattern beats the channel default.
    const chModel = await t.api<{ id: number }>('POST', '/api/prices', { channel_id: channelId, model_pattern: '/^gpt-5\\.1$/', input_price_per_1m: 3, output_price_per_1m: 3 }, providerToken);
    expect(await ask()).toMatchObject({ price_source: `channel ${channelId} "/^gpt-5\\.1$/"`, cost_micro: 300_000 });
    await t.api('DELETE', `/api/prices/${chModel.id}`, undefined, providerToken);
    await t.api('DELETE', `/api/prices/${chDefault.id}`, undefined, providerToken);
    // Without any matching global pattern: global default, then the runtime fallback.
    const presets = await t.api<{ id: number; model_pattern: string }[]>('GET', '/api/prices', undefined, t.adminToken);
    for (const p of presets.filter((p) => p.model_pattern.startsWith('gpt-5'))) await t.api('DELETE', `/api/prices/${p.id}`, undefined, t.adminToken);
    const gDefault = await t.api<{ id: number }>('POST', '/api/prices', { channel_id: null, model_pattern: 'default', input_price_per_1m: 4, output_price_per_1m: 4 }, t.adminToken);
    expect(await ask()).toMatchObject({ price_source: 'global "default"', cost_micro: 400_000 });
    await t.api('DELETE', `/api/prices/${gDefault.id}`, undefined, t.adminToken);
    await t.api('POST', '/api/settings', [{ key: 'fallback_input_price_per_1m', value: 7 }], t.adminToken);
    expect(await ask()).toMatchObject({ price_source: 'fallback', cost_micro: 700_000 });
    expect(unexplained()).toBe(0);
  });
});
