import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { afterAll, describe, expect, it } from 'vitest';
import type { SurgeRecord } from '../../src-shared/api/ops/routing';
import { startFakeUpstream, type FakeUpstream } from '../testing/fake-upstreams';
import { startTestCore, type TestCore } from '../testing/harness';

describe('surge state from the ledger', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ta-surge-'));
  let upstream: FakeUpstream;
  let t: TestCore | undefined;
  afterAll(async () => {
    await t?.close();
    await upstream?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('goes from idle to peak with settled demand, and is the same after a restart', async () => {
    // Any demand at all against this supply counts as peak.
    t = await startTestCore({ keepDataDir: dataDir, settings: { surge_idle_below: 0.000001, surge_peak_above: 0.000002 } });
    upstream = await startFakeUpstream({ protocol: 'openai', apiKey: 'sk-up' });
    upstream.setDefault({ text: 'ok', usage: { input: 1000, output: 1000 } });
    await t.api('POST', '/api/channels', {
      name: 'c', provider: 'openai', base_url: upstream.url + '/v1', api_key_secret: 'sk-up', models: ['house-model'],
      quota_windows: [{ name: 'daily', limit_points: 50, period_unit: 'day', anchor_at: '2026-01-01T00:00:00Z', timezone: 'UTC' }],
    }, t.adminToken);
    const member = await t.createMember('surge@example.test', 100);
    const key = await t.api<{ token: string }>('POST', '/api/api-keys', { name: 'k' }, member.token);

    const idle = await t.api<SurgeRecord>('GET', '/api/surge', undefined, member.token);
    expect(idle).toMatchObject({ level: 'idle', multiplier: 1, demand_points_per_hour: 0, enabled: true });
    expect(idle.supply_points_per_hour).toBeGreaterThan(0);

    const client = new OpenAI({ apiKey: key.token, baseURL: `${t.url}/v1`, maxRetries: 0 });
    for (let i = 0; i < 3; i++) await client.chat.completions.create({ model: 'house-model', max_tokens: 2000, messages: [{ role: 'user', content: 'x' }] });
    const charged = (t.core.services.db.prepare("SELECT SUM(cost_micro) AS c FROM ledger WHERE status = 'ok'").get() as { c: number }).c;
    expect(charged).toBeGreaterThan(0);
    await t.close();

    t = await startTestCore({ keepDataDir: dataDir });
    const after = await t.api<SurgeRecord>('GET', '/api/surge', undefined, t.adminToken);
    expect(after).toMatchObject({ level: 'peak', multiplier: 1.5, demand_points_per_hour: charged / 1_000_000 });
  });
});
