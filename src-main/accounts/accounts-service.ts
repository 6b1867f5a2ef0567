import crypto from 'node:crypto';
import { toMicro } from '../../src-shared/points';
import { ApiError } from '../api/errors';
import type { CoreServices } from '../core/services';
import type { UserRow } from '../store/users-store';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from './password';
import { hashToken, newSessionToken } from './tokens';

/** Creates a user; a starting balance is recorded as a grant so points stay accountable. */
export async function createUser(
  core: CoreServices,
  u: { email: string; password: string; display_name?: string; role: 'admin' | 'member'; balance_points?: number; grantedBy?: number | null; memo?: string },
): Promise<UserRow> {
  if (core.stores.users.getByEmail(u.email)) throw new ApiError(409, 'an account with this email exists', 'email_taken');
  const password_hash = await hashPassword(u.password);
  const balance = toMicro(u.balance_points ?? 0);
  const id = core.db.transaction(() => {
    const id = core.stores.users.insert({
      email: u.email,
      password_hash,
      display_name: u.display_name ?? u.email.split('@')[0]!,
      role: u.role,
      balance_micro: balance,
    });
    if (balance > 0) recordGrant(core, u.grantedBy ?? null, id, balance, u.memo ?? 'starting balance');
    return id;
  })();
  core.events.publish(['users'], 'admins');
  return core.stores.users.get(id)!;
}

const insertGrantSql = 'INSERT INTO admin_grants (created_at, admin_id, user_id, delta_micro, memo) VALUES (?, ?, ?, ?, ?)';
export function recordGrant(core: CoreServices, adminId: number | null, userId: number, deltaMicro: number, memo: string): void {
  core.db.prepare(insertGrantSql).run(Date.now(), adminId, userId, deltaMicro, memo);
}

/** Grants (or removes, when negative) points in one transaction with its ledger entry. */
export function grantPoints(core: CoreServices, adminId: number | null, userId: number, deltaMicro: number, memo: string): void {
  if (deltaMicro === 0) return;
  core.db.transaction(() => {
    const user = core.stores.users.get(userId);
    if (!user) throw new ApiError(404, 'user not found', 'not_found');
    if (user.balance_micro + deltaMicro < 0) throw new ApiError(400, 'balance cannot go below zero', 'insufficient_points');
    core.stores.users.adjustBalance(userId, deltaMicro);
    recordGrant(core, adminId, userId, deltaMicro, memo);
  })();
}

export async function register(
  core: CoreServices,
  input: { email: string; password: string; display_name?: string; invite_code?: string },
): Promise<{ token: string; user: UserRow }> {
  const s = core.settings;
  if (!s.get('registration_enabled')) throw new ApiError(403, 'registration is closed', 'registration_closed');
  const code = input.invite_code?.trim() || '';
  if (s.get('invite_required')) {
    if (!code) throw new ApiError(400, 'an invite code is required', 'invite_required');
    const isDefault = s.get('invite_code_default') !== '' && code === s.get('invite_code_default');
    if (!isDefault && !core.stores.invites.consume(code)) {
      throw new ApiError(400, 'invalid, used up or expired invite code', 'invalid_invite');
    }
  }
  const user = await createUser(core, {
    email: input.email,
    password: input.password,
    display_name: input.display_name,
    role: 'member',
    balance_points: s.get('seed_balance_points'),
    memo: 'seed balance for new member',
  });
  return { token: startSession(core, user.id), user };
}

export async function login(core: CoreServices, email: string, password: string): Promise<{ token: string; user: UserRow }> {
  const user = core.stores.users.getByEmail(email);
  // Spend the KDF time even for unknown emails so timing does not reveal accounts.
  const ok = await verifyPassword(password, user?.password_hash ?? (await DUMMY_HASH_PROMISE));
  if (!user || !ok) throw new ApiError(401, 'wrong email or password', 'bad_credentials');
  if (user.enabled !== 1) throw new ApiError(403, 'this account is suspended', 'suspended');
  return { token: startSession(core, user.id), user };
}

export function startSession(core: CoreServices, userId: number): string {
  const token = newSessionToken();
  core.stores.sessions.insert(hashToken(token), userId, core.settings.get('session_ttl_hours') * 3_600_000);
  return token;
}

/** Disabling ends sessions and disables keys and channels; the ledger stays. */
export function setUserEnabled(core: CoreServices, userId: number, enabled: boolean): UserRow {
  core.db.transaction(() => {
    const user = core.stores.users.get(userId);
    if (!user) throw new ApiError(404, 'user not found', 'not_found');
    if (!enabled && user.role === 'admin' && user.enabled === 1 && core.stores.users.enabledAdminCount() <= 1) {
      throw new ApiError(409, 'the last enabled admin cannot be disabled', 'last_admin');
    }
    core.stores.users.update(userId, { enabled: enabled ? 1 : 0 });
    if (!enabled) {
      core.stores.sessions.deleteAllForUser(userId);
      core.stores.apiKeys.disableAllForUser(userId);
      core.stores.channels.disableAllForOwner(userId);
    }
  })();
  core.events.publish(['users', 'keys', 'channels'], 'all');
  return core.stores.users.get(userId)!;
}

/** First admin from the environment, only while no admin exists. */
export async function bootstrapAdmin(core: CoreServices): Promise<UserRow | null> {
  const { adminEmail, adminPassword } = core.config;
  if (!adminEmail || !adminPassword) return null;
  const hasAdmin = core.db.prepare("SELECT 1 FROM users WHERE role = 'admin' LIMIT 1").get();
  if (hasAdmin) return null;
  const existing = core.stores.users.getByEmail(adminEmail.toLowerCase());
  if (existing) {
    core.stores.users.update(existing.id, { role: 'admin', enabled: 1 });
    return core.stores.users.get(existing.id)!;
  }
  return createUser(core, { email: adminEmail.toLowerCase(), password: adminPassword, role: 'admin', display_name: 'Owner' });
}

export function randomInviteCode(): string {
  return crypto.randomBytes(6).toString('base64url');
}
