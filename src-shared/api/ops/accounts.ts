import { z } from 'zod';
import { op } from '../define';
import { Email, Id, NonNegativePoints, Password, Points } from '../common';

export type Role = 'admin' | 'member';

export interface UserRecord {
  id: number;
  email: string;
  display_name: string;
  role: Role;
  enabled: boolean;
  points_balance: number;
  anonymous_leaderboard: boolean;
  created_at: string;
}
export interface AuthResult {
  token: string;
  user: UserRecord;
}
export interface InviteCodeRecord {
  id: number;
  code: string;
  max_uses: number | null;
  used_count: number;
  enabled: boolean;
  expires_at: string | null;
  created_at: string;
}

export const accountOps = {
  'auth.register': op<AuthResult>()({
    method: 'POST',
    path: '/api/auth/register',
    access: 'public',
    input: z.object({
      email: Email,
      password: Password,
      display_name: z.string().trim().min(1).max(80).optional(),
      invite_code: z.string().trim().max(100).optional(),
    }),
  }),
  'auth.login': op<AuthResult>()({
    method: 'POST',
    path: '/api/auth/login',
    access: 'public',
    input: z.object({ email: Email, password: z.string().min(1).max(200) }),
  }),
  'auth.logout': op<{ ok: true }>()({
    method: 'POST',
    path: '/api/auth/logout',
    access: 'session',
    input: z.object({}),
  }),
  'me.get': op<UserRecord>()({ method: 'GET', path: '/api/me', access: 'session', input: z.object({}) }),
  'me.update': op<UserRecord>()({
    method: 'PATCH',
    path: '/api/me',
    access: 'session',
    input: z
      .object({
        display_name: z.string().trim().min(1).max(80).optional(),
        anonymous_leaderboard: z.boolean().optional(),
        password: Password.optional(),
        old_password: z.string().max(200).optional(),
      })
      .refine((v) => v.password === undefined || v.old_password !== undefined, {
        message: 'old_password is required to change the password',
        path: ['old_password'],
      }),
  }),
  'users.list': op<UserRecord[]>()({ method: 'GET', path: '/api/users', access: 'admin', input: z.object({}) }),
  'users.create': op<UserRecord>()({
    method: 'POST',
    path: '/api/users',
    access: 'admin',
    input: z.object({
      email: Email,
      password: Password,
      display_name: z.string().trim().min(1).max(80).optional(),
      role: z.enum(['admin', 'member']).default('member'),
      points_balance: NonNegativePoints.optional(),
    }),
  }),
  'users.update': op<UserRecord>()({
    method: 'PATCH',
    path: '/api/users/:id',
    access: 'admin',
    input: z.object({
      id: Id,
      display_name: z.string().trim().min(1).max(80).optional(),
      role: z.enum(['admin', 'member']).optional(),
      /** Sets the balance; the difference is ledgered as an admin grant. */
      points_balance: NonNegativePoints.optional(),
      /** Adds (or with a negative number removes) points; ledgered as an admin grant. */
      points_delta: Points.optional(),
      memo: z.string().max(200).optional(),
    }),
  }),
  'users.setEnabled': op<UserRecord>()({
    method: 'POST',
    path: '/api/users/:id/enabled',
    access: 'admin',
    input: z.object({ id: Id, enabled: z.boolean() }),
  }),
  'users.resetPassword': op<{ ok: true }>()({
    method: 'POST',
    path: '/api/users/:id/password',
    access: 'admin',
    input: z.object({ id: Id, password: Password }),
  }),
  'inviteCodes.list': op<InviteCodeRecord[]>()({
    method: 'GET',
    path: '/api/invite-codes',
    access: 'admin',
    input: z.object({}),
  }),
  'inviteCodes.create': op<InviteCodeRecord>()({
    method: 'POST',
    path: '/api/invite-codes',
    access: 'admin',
    input: z.object({
      code: z.string().trim().min(4).max(100).optional(),
      max_uses: z.number().int().positive().nullable().optional(),
      expires_at: z.iso.datetime({ offset: true }).nullable().optional(),
    }),
  }),
  'inviteCodes.update': op<InviteCodeRecord>()({
    method: 'PATCH',
    path: '/api/invite-codes/:id',
    access: 'admin',
    input: z.object({
      id: Id,
      max_uses: z.number().int().positive().nullable().optional(),
      enabled: z.boolean().optional(),
      expires_at: z.iso.datetime({ offset: true }).nullable().optional(),
    }),
  }),
  'inviteCodes.delete': op<{ ok: true }>()({
    method: 'DELETE',
    path: '/api/invite-codes/:id',
    access: 'admin',
    input: z.object({ id: Id }),
  }),
};
