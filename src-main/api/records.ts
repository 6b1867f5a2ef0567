import type { UserRecord, InviteCodeRecord } from '../../src-shared/api/ops/accounts';
import { fromMicro } from '../../src-shared/points';
import type { InviteRow } from '../store/invites-store';
import type { UserRow } from '../store/users-store';

/** DB rows -> API records (RFC 3339 times, decimal points). Secrets never pass through here. */
export const iso = (ms: number): string => new Date(ms).toISOString();
export const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

export function userRecord(u: UserRow): UserRecord {
  return {
    id: u.id,
    email: u.email,
    display_name: u.display_name,
    role: u.role,
    enabled: u.enabled === 1,
    points_balance: fromMicro(u.balance_micro),
    anonymous_leaderboard: u.anonymous_leaderboard === 1,
    created_at: iso(u.created_at),
  };
}

export function inviteRecord(r: InviteRow): InviteCodeRecord {
  return {
    id: r.id,
    code: r.code,
    max_uses: r.max_uses,
    used_count: r.used_count,
    enabled: r.enabled === 1,
    expires_at: isoOrNull(r.expires_at),
    created_at: iso(r.created_at),
  };
}
