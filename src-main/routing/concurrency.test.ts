import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../testing/fake-upstreams';
import { startTestCore, type TestCore } from '../testing/harness';

/**
 * 200 simultaneous requests against tight bounds: a member balance, a key spend limit and small
 * quota windows on three channels. Whatever interleaving happens, no bound may be passed and every
 * point that left a member must be in the ledger.
 */
describe('concurrency: 200 simultaneous requests never overrun a bound', () => {
  let t: TestCore;
  let upstream: FakeUpstream;
  const members: { id: number; client: OpenAI; keyId: number }[] = [];
  const anchor = '2026-01-01T00:00:00Z';

  beforeAll(async () => {
    t = await startTestCore({ settings: { routing_max_attempts: 3, surge_enabled: false } });
    upstream = await startFakeUpstream({ protocol: 'openai', apiKey: 'sk-up' });
    // Slow enough that the requests overlap while holding their reservations.
    upstream.setDefault({ text: 'ok then', usage: { input: 20, output: 900 }, ttftMs: 150 });
    const channel = (name: string, windows: { limit_points: number; period_unit: string }[]) =>
      t.api('POST', '/api/channels', {
        name,
        provider: 'openai',
        base_url: upstream.url + '/v1',
        api_key_secret: 'sk-up',
        models: ['gpt-5.1'],
        quota_windows: windows.map((w, i) => ({ name: `w${i}`, ...w, period_count: 1, anchor_at: anchor, timezone: 'UTC' })),
      }, t.adminToken);
    await channel('c1', [{ limit_points: 0.15, period_unit: 'day' }]);
    await channel('c2', [{ limit_points: 0.2, period_unit: 'month' }, { limit_points: 0.12, period_unit: 'hour' }]);
    await channel('c3', [{ limit_points: 0.1, period_unit: 'minute' }]);
    const plan = [
      { email: 'tight-balance@example.test', points: 0.03, spend: undefined },
      { email: 'tight-key@example.test', points: 100, spend: 0.02 },
      { email: 'free1@example.test', points: 100, spend: undefined },
      { email: 'free2@example.test', points: 100, spend: undefined },
    ];
    for (const p of plan) {
      const m = await t.createMember(p.email, p.points);
      const key = await t.api<{ token: string; record: { id: number } }>('POST', '/api/api-keys', { name: 'k', ...(p.spend !== undefined && { spend_limit_points: p.spend }) }, m.token);
      members.push({ id: m.id, keyId: key.record.id, client: new OpenAI({ apiKey: key.token, baseURL: `${t.url}/v1`, maxRetries: 0 }) });
    }
  });
  afterAll(async () => {
    await t?.close();
    await upstream?.close();
  });

  it('keeps every window, balance and key limit within bounds and accounts for every point', async () => {
    const db = t.core.services.db;
    const balances = () => new Map((db.prepare('SELECT id, balance_micro FROM users').all() as { id: number; balance_micro: number }[]).map((r) => [r.id, r.balance_micro]));
    const before = balances();
    const systemBefore = t.core.services.stores.ledger.systemBalanceMicro();

    const N = 200;
    const results = await Promise.allSettled(
      Array.from({ length: N }, (_, i) => {
        const m = members[i % members.length]!;
        return m.client.chat.completions.create({ model: 'gpt-5.1', max_tokens: 1000, stream: i % 2 === 0, messages: [{ role: 'user', content: `request ${i}` }] }).then(async (r) => {
          if (!('choices' in r)) for await (const _chunk of r) void _chunk;
        });
      }),
    );
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    const byStatus = new Map<string, number>();
    for (const r of refused) {
      const e = r.reason as { status?: number; code?: string };
      const k = `${e.status ?? '?'} ${e.code ?? ''}`;
      byStatus.set(k, (byStatus.get(k) ?? 0) + 1);
    }

    const windows = db.prepare('SELECT channel_id, position, limit_micro, used_micro FROM channel_quota_windows ORDER BY channel_id, position').all() as { channel_id: number; position: number; limit_micro: number; used_micro: number }[];
    const keys = db.prepare('SELECT id, spend_limit_micro, spent_micro FROM api_keys').all() as { id: number; spend_limit_micro: number | null; spent_micro: number }[];
    const ledgerOk = db.prepare("SELECT user_id, SUM(cost_micro) AS cost, SUM(provider_micro) AS provider, SUM(system_micro) AS system, COUNT(*) AS n FROM ledger WHERE status = 'ok' GROUP BY user_id").all() as { user_id: number; cost: number; provider: number; system: number; n: number }[];
    const after = balances();

    // The numbers for the closing note.
    console.log(
      JSON.stringify({
        requests: N,
        succeeded: ok,
        refused: Object.fromEntries(byStatus),
        windows: windows.map((w) => `${w.channel_id}/${w.position}: ${w.used_micro}/${w.limit_micro}`),
        keys: keys.map((k) => `${k.id}: ${k.spent_micro}/${k.spend_limit_micro ?? '∞'}`),
        balances: members.map((m) => `${m.id}: ${before.get(m.id)} -> ${after.get(m.id)}`),
      }),
    );

    expect(ok).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0); // the bounds did bind
    for (const r of refused) expect([402, 429]).toContain((r.reason as { status: number }).status);
    for (const w of windows) expect(w.used_micro).toBeLessThanOrEqual(w.limit_micro);
    for (const k of keys) if (k.spend_limit_micro !== null) expect(k.spent_micro).toBeLessThanOrEqual(k.spend_limit_micro);
    for (const [, b] of after) expect(b).toBeGreaterThanOrEqual(0);
    expect((db.prepare('SELECT COUNT(*) AS n FROM reservations').get() as { n: number }).n).toBe(0);
    // Every point that left a member is a ledger charge; provider + system got exactly that.
    let providerTotal = 0;
    for (const m of members) {
      const row = ledgerOk.find((r) => r.user_id === m.id);
      expect(before.get(m.id)! - after.get(m.id)!).toBe(row?.cost ?? 0);
      providerTotal += row?.provider ?? 0;
    }
    expect(ledgerOk.reduce((n, r) => n + r.n, 0)).toBe(ok);
    const systemGain = t.core.services.stores.ledger.systemBalanceMicro() - systemBefore;
    expect(providerTotal + systemGain).toBe(ledgerOk.reduce((n, r) => n + r.cost, 0));
  }, 60_000);
});
