import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../testing/harness';

/** The invitation and seed-balance settings as registration applies them, over HTTP. */
describe('invitation and seed balance settings', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await startTestCore({ settings: { invite_required: true, invite_code_default: 'TEAM-CODE', seed_balance_points: 3.25 } });
  });
  afterAll(async () => t?.close());

  const register = (email: string, invite_code?: string) => t.apiRaw('POST', '/api/auth/register', { email, password: 'password-1234', ...(invite_code && { invite_code }) });

  it('accepts the default invite code any number of times and refuses others', async () => {
    expect((await register('a@example.test', 'TEAM-CODE')).status).toBe(200);
    expect((await register('b@example.test', 'TEAM-CODE')).status).toBe(200);
    expect((await register('c@example.test')).body).toMatchObject({ code: 'invite_required' });
    expect((await register('c@example.test', 'team-code')).body).toMatchObject({ code: 'invalid_invite' });
  });

  it('seeds new members with seed_balance_points as a ledgered grant, keeping the books balanced', async () => {
    const r = await register('d@example.test', 'TEAM-CODE');
    const user = (r.body as { user: { id: number; points_balance: number } }).user;
    expect(user.points_balance).toBe(3.25);
    const grant = t.core.services.db.prepare('SELECT delta_micro, memo FROM admin_grants WHERE user_id = ?').get(user.id) as { delta_micro: number; memo: string };
    expect(grant.delta_micro).toBe(3_250_000);
    const x = t.core.services.economy.balances.totals();
    expect(x.balances + x.reservations + x.packets + x.system).toBe(x.grants);
  });

  it('closes registration when registration_enabled is off', async () => {
    await t.api('POST', '/api/settings', [{ key: 'registration_enabled', value: false }], t.adminToken);
    expect((await register('e@example.test', 'TEAM-CODE')).status).toBe(403);
  });
});
