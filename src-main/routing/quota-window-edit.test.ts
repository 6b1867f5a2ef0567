import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelRecord } from '../../src-shared/api/ops/channels';
import { startTestCore, type TestCore } from '../testing/harness';

describe('quota windows through the channel API', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await startTestCore();
  });
  afterAll(async () => {
    await t?.close();
  });

  const window = (over: Record<string, unknown> = {}) => ({ name: 'monthly', limit_points: 50, period_unit: 'month', period_count: 1, anchor_at: '2026-01-03T01:00:00Z', timezone: 'Asia/Shanghai', ...over });

  it('shows the current period, keeps used amounts across an edit of the limit, resets them when the shape changes', async () => {
    const c = await t.api<ChannelRecord>('POST', '/api/channels', { name: 'c', provider: 'openai', api_key_secret: 'sk-x', models: ['gpt-5.1'], quota_windows: [window({ used_points: 12.5 }), window({ name: 'daily', limit_points: 5, period_unit: 'day' })] }, t.adminToken);
    const w = c.quota_windows[0]!;
    expect(w.used_points).toBe(12.5);
    // "Resets on the 3rd at 09:00 Asia/Shanghai": the period in force starts on a 3rd at 01:00 UTC.
    expect(w.current_start).toMatch(/-03T01:00:00\.000Z$/);
    expect(Date.parse(w.current_end!)).toBeGreaterThan(Date.now());
    expect(c.fire_sale_active).toBe(false);

    const raised = await t.api<ChannelRecord>('PATCH', `/api/channels/${c.id}`, { quota_windows: [window({ limit_points: 80 }), window({ name: 'daily', limit_points: 6, period_unit: 'day' })] }, t.adminToken);
    expect(raised.quota_windows.map((x) => [x.limit_points, x.used_points])).toEqual([[80, 12.5], [6, 0]]);

    const reshaped = await t.api<ChannelRecord>('PATCH', `/api/channels/${c.id}`, { quota_windows: [window({ limit_points: 80, timezone: 'Europe/London' }), window({ name: 'daily', limit_points: 6, period_unit: 'day' })] }, t.adminToken);
    expect(reshaped.quota_windows[0]!.used_points).toBe(0);
  });

  it('counts usage from an ended period as zero', async () => {
    const c = await t.api<ChannelRecord>('POST', '/api/channels', { name: 'old', provider: 'openai', api_key_secret: 'sk-x', models: ['gpt-5.1'], quota_windows: [window({ used_points: 7, period_unit: 'minute' })] }, t.adminToken);
    // Pretend the amount was recorded in an earlier minute.
    t.core.services.db.prepare('UPDATE channel_quota_windows SET period_start = period_start - 120000 WHERE channel_id = ?').run(c.id);
    const list = await t.api<ChannelRecord[]>('GET', '/api/channels', undefined, t.adminToken);
    expect(list.find((x) => x.id === c.id)!.quota_windows[0]!.used_points).toBe(0);
  });

  it('turns the fire sale on near the primary reset while enough is unused', async () => {
    const c = await t.api<ChannelRecord>('POST', '/api/channels', {
      name: 'sale', provider: 'openai', api_key_secret: 'sk-x', models: ['gpt-5.1'],
      quota_windows: [window({ limit_points: 100, used_points: 10 })],
      fire_sale: { days_before: 31, remaining_pct: 50, discount: 0.5 },
    }, t.adminToken);
    expect(c.fire_sale_active).toBe(true);
    const spent = await t.api<ChannelRecord>('PATCH', `/api/channels/${c.id}`, { quota_windows: [window({ limit_points: 100, used_points: 60 })] }, t.adminToken);
    expect(spent.fire_sale_active).toBe(false);
  });
});
