import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, startTestCore, type TestCore } from '../../testing/harness';

interface User {
  id: number;
  email: string;
  role: string;
  enabled: boolean;
  points_balance: number;
}

describe('accounts over the console API', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await startTestCore();
  });
  afterAll(() => t.close());

  it('created the first admin from the environment, once', async () => {
    const me = await t.api<User>('GET', '/api/me', undefined, t.adminToken);
    expect(me).toMatchObject({ email: ADMIN_EMAIL, role: 'admin', enabled: true });
    const stored = t.core.services.db.prepare('SELECT password_hash FROM users WHERE email = ?').get(ADMIN_EMAIL) as { password_hash: string };
    // A slow KDF with its parameters recorded, never the password itself.
    expect(stored.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(stored.password_hash).not.toContain('owner-password-1');
  });

  it('registers members with the seed balance, logs in and out', async () => {
    const reg = await t.api<{ token: string; user: User }>('POST', '/api/auth/register', { email: 'New@Example.test', password: 'password-123' });
    expect(reg.token).toMatch(/^ta-/);
    expect(reg.user).toMatchObject({ email: 'new@example.test', role: 'member', points_balance: 10 });
    const grant = t.core.services.db.prepare('SELECT delta_micro FROM admin_grants WHERE user_id = ?').get(reg.user.id);
    expect(grant).toEqual({ delta_micro: 10_000_000 });
    await expect(t.api('POST', '/api/auth/register', { email: 'new@example.test', password: 'password-123' })).rejects.toThrow(/409/);
    await expect(t.api('POST', '/api/auth/login', { email: 'new@example.test', password: 'wrong-password' })).rejects.toThrow(/401/);
    const login = await t.api<{ token: string }>('POST', '/api/auth/login', { email: 'new@example.test', password: 'password-123' });
    await t.api('POST', '/api/auth/logout', {}, login.token);
    expect((await t.apiRaw('GET', '/api/me', undefined, login.token)).status).toBe(401);
  });

  it('honours invite_required with admin codes and their use limits', async () => {
    t.core.services.settings.update([{ key: 'invite_required', value: true }]);
    try {
      expect((await t.apiRaw('POST', '/api/auth/register', { email: 'a1@example.test', password: 'password-123' })).status).toBe(400);
      const code = await t.api<{ code: string; id: number }>('POST', '/api/invite-codes', { code: 'JOIN-US', max_uses: 1 }, t.adminToken);
      await t.api('POST', '/api/auth/register', { email: 'a1@example.test', password: 'password-123', invite_code: code.code });
      const again = await t.apiRaw('POST', '/api/auth/register', { email: 'a2@example.test', password: 'password-123', invite_code: code.code });
      expect(again.status).toBe(400);
      expect(again.body).toMatchObject({ code: 'invalid_invite' });
      const codes = await t.api<{ used_count: number }[]>('GET', '/api/invite-codes', undefined, t.adminToken);
      expect(codes[0]!.used_count).toBe(1);
    } finally {
      t.core.services.settings.update([{ key: 'invite_required', value: false }]);
    }
  });

  it('changes own password only with the old one; PATCH /api/me', async () => {
    const m = await t.createMember('pw@example.test');
    expect((await t.apiRaw('PATCH', '/api/me', { password: 'new-password-1' }, m.token)).status).toBe(400);
    expect((await t.apiRaw('PATCH', '/api/me', { password: 'new-password-1', old_password: 'bad' }, m.token)).status).toBe(400);
    const me = await t.api<User & { display_name: string; anonymous_leaderboard: boolean }>('PATCH', '/api/me', { password: 'new-password-1', old_password: 'member-password-1', display_name: 'PW', anonymous_leaderboard: true }, m.token);
    expect(me).toMatchObject({ display_name: 'PW', anonymous_leaderboard: true });
    await t.api('POST', '/api/auth/login', { email: 'pw@example.test', password: 'new-password-1' });
  });

  it('keeps admin operations behind the server-side role check', async () => {
    const m = await t.createMember('nosy@example.test');
    for (const [method, path] of [['GET', '/api/users'], ['POST', '/api/users'], ['GET', '/api/invite-codes'], ['POST', `/api/users/1/enabled`]] as const) {
      const r = await t.apiRaw(method, path, method === 'POST' ? { enabled: false } : undefined, m.token);
      expect(r.status, `${method} ${path}`).toBe(403);
    }
    expect((await t.apiRaw('GET', '/api/users')).status).toBe(401);
  });

  it('suspending a user ends their sessions and disables their keys and channels; the ledger stays', async () => {
    const m = await t.createMember('suspend@example.test');
    await t.api('POST', '/api/api-keys', { name: 'k' }, m.token);
    await t.api('POST', '/api/channels', { name: 'c', provider: 'openai', api_key_secret: 'sk-x-123456789', models: ['gpt-x'] }, m.token);
    await t.api('POST', `/api/users/${m.id}/enabled`, { enabled: false }, t.adminToken);
    expect((await t.apiRaw('GET', '/api/me', undefined, m.token)).status).toBe(401);
    expect((await t.apiRaw('POST', '/api/auth/login', { email: 'suspend@example.test', password: 'member-password-1' })).status).toBe(403);
    const db = t.core.services.db;
    expect(db.prepare('SELECT enabled FROM api_keys WHERE user_id = ?').all(m.id)).toEqual([{ enabled: 0 }]);
    expect(db.prepare('SELECT enabled FROM channels WHERE owner_id = ?').all(m.id)).toEqual([{ enabled: 0 }]);
  });

  it('protects the last enabled admin', async () => {
    const r = await t.apiRaw('POST', '/api/users/1/enabled', { enabled: false }, t.adminToken);
    expect(r).toMatchObject({ status: 409, body: { code: 'last_admin' } });
    const d = await t.apiRaw('PATCH', '/api/users/1', { role: 'member' }, t.adminToken);
    expect(d.status).toBe(409);
  });

  it('admin grants are ledgered and never drive a balance negative; password reset ends sessions', async () => {
    const m = await t.createMember('grant@example.test', 5);
    const u = await t.api<User>('PATCH', `/api/users/${m.id}`, { points_delta: 2.5, memo: 'thanks' }, t.adminToken);
    expect(u.points_balance).toBe(7.5);
    expect((await t.apiRaw('PATCH', `/api/users/${m.id}`, { points_delta: -100 }, t.adminToken)).status).toBe(400);
    const grants = t.core.services.db.prepare('SELECT delta_micro, memo FROM admin_grants WHERE user_id = ? ORDER BY id').all(m.id);
    expect(grants).toEqual([
      { delta_micro: 5_000_000, memo: 'starting balance set by admin' },
      { delta_micro: 2_500_000, memo: 'thanks' },
    ]);
    await t.api('POST', `/api/users/${m.id}/password`, { password: 'reset-password-1' }, t.adminToken);
    expect((await t.apiRaw('GET', '/api/me', undefined, m.token)).status).toBe(401);
  });

  it('rejects malformed input with 400 and a message naming the field', async () => {
    const r = await t.apiRaw('POST', '/api/auth/register', { email: 'not-an-email', password: 'x' });
    expect(r.status).toBe(400);
    expect((r.body as { error: string }).error).toMatch(/email/);
    const bad = await fetch(`${t.url}/api/auth/login`, { method: 'POST', body: '{oops', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
  });
});
