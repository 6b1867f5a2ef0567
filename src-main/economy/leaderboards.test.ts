import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { economyFixture, type EconomyFixture } from './economy-test-support';

/** Leaderboard windows at zone midnights, on real ledger rows (issue 5 "Tests that must exist"). */
describe('LeaderboardService windows', () => {
  let f: EconomyFixture;
  let ana: number;
  let bo: number;
  let add: (at: number, user: number, provider: number, costMicro: number, tokens: number, status?: 'ok' | 'error') => void;

  beforeEach(() => {
    f = economyFixture({ zone: 'Asia/Shanghai' });
    ana = f.member('ana', 0);
    bo = f.member('bo', 0);
    const ins = f.db.prepare(
      `INSERT INTO ledger (request_id, created_at, user_id, provider_user_id, route, model, status, input_tokens, output_tokens, cost_micro, provider_micro, system_micro)
       VALUES (?, ?, ?, ?, 'openai-chat', 'm', ?, ?, 0, ?, 0, ?)`,
    );
    let n = 0;
    add = (at, user, provider, cost, tokens, status = 'ok') => ins.run(`r${n++}`, at, user, provider, status, tokens, cost, cost);
  });
  afterEach(() => f.close());

  // Midnight of 26 Nov 2026 in Shanghai (UTC+8) is 25 Nov 16:00 UTC.
  const midnight = Date.UTC(2026, 10, 25, 16);

  it('counts a row at local midnight in the new day and one a millisecond earlier in the old', () => {
    add(midnight - 1, ana, bo, 1_000, 10);
    add(midnight, ana, bo, 2_000, 20);
    add(midnight + 86_400_000 - 1, ana, bo, 4_000, 40);
    add(midnight + 86_400_000, ana, bo, 8_000, 80);
    const today = f.economy.leaderboards.get('day', ana, midnight + 5 * 3_600_000);
    expect(today).toMatchObject({ label: '2026-11-26', timezone: 'Asia/Shanghai', start: '2026-11-25T16:00:00.000Z', end: '2026-11-26T16:00:00.000Z' });
    expect(today.consumers).toEqual([expect.objectContaining({ user_id: ana, value: 0.006, is_me: true })]);
    expect(today.providers).toEqual([expect.objectContaining({ user_id: bo, value: 60 })]);
    const yesterday = f.economy.leaderboards.get('day', ana, midnight - 1);
    expect(yesterday.consumers[0]!.value).toBe(0.001);
  });

  it('bounds the month at the zone’s first midnight and skips failed rows', () => {
    const dec1 = Date.UTC(2026, 10, 30, 16); // 1 Dec 00:00 in Shanghai
    add(dec1 - 1, ana, bo, 1_000, 1);
    add(dec1, bo, ana, 5_000, 5);
    add(dec1 + 1, ana, bo, 7_000, 7, 'error');
    const nov = f.economy.leaderboards.get('month', bo, dec1 - 1);
    expect(nov.label).toBe('2026-11');
    expect(nov.consumers.map((e) => [e.user_id, e.value])).toEqual([[ana, 0.001]]);
    const dec = f.economy.leaderboards.get('month', bo, dec1);
    expect(dec.label).toBe('2026-12');
    expect(dec.consumers.map((e) => [e.user_id, e.value])).toEqual([[bo, 0.005]]);
    expect(dec.providers.map((e) => [e.user_id, e.value])).toEqual([[ana, 5]]);
  });

  it('follows the leaderboard_timezone setting over the environment zone', () => {
    add(midnight, ana, bo, 1_000, 1); // 26 Nov 00:00 Shanghai = 25 Nov 11:00 New York
    expect(f.economy.leaderboards.get('day', ana, midnight).label).toBe('2026-11-26');
    f.settings.update([{ key: 'leaderboard_timezone', value: 'America/New_York' }]);
    const ny = f.economy.leaderboards.get('day', ana, midnight);
    expect(ny).toMatchObject({ label: '2026-11-25', timezone: 'America/New_York' });
    expect(ny.consumers[0]!.value).toBe(0.001);
  });

  it('masks anonymous members for others but not for themselves', () => {
    add(midnight, ana, bo, 1_000, 10);
    f.users.update(ana, { anonymous_leaderboard: 1 });
    f.users.update(bo, { anonymous_leaderboard: 1 });
    const seenByBo = f.economy.leaderboards.get('day', bo, midnight);
    expect(seenByBo.consumers[0]).toMatchObject({ user_id: null, display_name: 'Anonymous member', anonymous: true, is_me: false });
    expect(seenByBo.providers[0]).toMatchObject({ user_id: bo, display_name: 'bo', is_me: true });
  });
});
