import { accountOps } from '../../../src-shared/api/ops/accounts';
import { toMicro } from '../../../src-shared/points';
import {
  createUser,
  grantPoints,
  login,
  randomInviteCode,
  register,
  setUserEnabled,
} from '../../accounts/accounts-service';
import { hashPassword, verifyPassword } from '../../accounts/password';
import { ApiError, notFound } from '../errors';
import type { HandlerMap } from '../handler';
import { inviteRecord, userRecord } from '../records';

export const accountHandlers: HandlerMap<typeof accountOps> = {
  'auth.register': async (input, { core }) => {
    const { token, user } = await register(core, input);
    return { token, user: userRecord(user) };
  },
  'auth.login': async (input, { core }) => {
    const { token, user } = await login(core, input.email, input.password);
    return { token, user: userRecord(user) };
  },
  'auth.logout': (_input, { core, identity }) => {
    if (identity.sessionId !== null) core.stores.sessions.delete(identity.sessionId);
    return { ok: true };
  },
  'me.get': (_input, { core, identity }) => userRecord(core.stores.users.get(identity.userId)!),
  'me.update': async (input, { core, identity }) => {
    const user = core.stores.users.get(identity.userId)!;
    let password_hash: string | undefined;
    if (input.password !== undefined) {
      if (!(await verifyPassword(input.old_password ?? '', user.password_hash))) {
        throw new ApiError(400, 'the old password is wrong', 'bad_old_password');
      }
      password_hash = await hashPassword(input.password);
    }
    core.stores.users.update(user.id, {
      ...(input.display_name !== undefined && { display_name: input.display_name }),
      ...(input.anonymous_leaderboard !== undefined && { anonymous_leaderboard: input.anonymous_leaderboard ? 1 : 0 }),
      ...(password_hash !== undefined && { password_hash }),
    });
    core.events.publish(['me'], { userIds: [user.id] });
    // A name or anonymity change shows on everyone's leaderboards and in the admins' user list.
    core.events.publish(['leaderboards'], 'all');
    core.events.publish(['users'], 'admins');
    return userRecord(core.stores.users.get(user.id)!);
  },
  'users.list': (_input, { core }) => core.stores.users.list().map(userRecord),
  'users.create': async (input, { core, identity }) => {
    const user = await createUser(core, {
      email: input.email,
      password: input.password,
      display_name: input.display_name,
      role: input.role,
      balance_points: input.points_balance,
      grantedBy: identity.userId,
      memo: 'starting balance set by admin',
    });
    return userRecord(user);
  },
  'users.update': (input, { core, identity }) => {
    const user = core.stores.users.get(input.id);
    if (!user) throw notFound('user');
    if (input.role === 'member' && user.role === 'admin' && user.enabled === 1 && core.stores.users.enabledAdminCount() <= 1) {
      throw new ApiError(409, 'the last enabled admin cannot be demoted', 'last_admin');
    }
    core.stores.users.update(user.id, {
      ...(input.display_name !== undefined && { display_name: input.display_name }),
      ...(input.role !== undefined && { role: input.role }),
    });
    const memo = input.memo ?? 'admin adjustment';
    if (input.points_balance !== undefined) {
      grantPoints(core, identity.userId, user.id, toMicro(input.points_balance) - core.stores.users.get(user.id)!.balance_micro, memo);
    }
    if (input.points_delta !== undefined) grantPoints(core, identity.userId, user.id, toMicro(input.points_delta), memo);
    core.events.publish(['users', 'me', 'economy'], { userIds: [user.id] });
    return userRecord(core.stores.users.get(user.id)!);
  },
  'users.setEnabled': (input, { core }) => userRecord(setUserEnabled(core, input.id, input.enabled)),
  'users.resetPassword': async (input, { core }) => {
    if (!core.stores.users.get(input.id)) throw notFound('user');
    core.stores.users.update(input.id, { password_hash: await hashPassword(input.password) });
    // A reset password ends every open session of that user.
    core.stores.sessions.deleteAllForUser(input.id);
    return { ok: true };
  },
  'inviteCodes.list': (_input, { core }) => core.stores.invites.list().map(inviteRecord),
  'inviteCodes.create': (input, { core, identity }) => {
    const code = input.code ?? randomInviteCode();
    if (core.stores.invites.getByCode(code)) throw new ApiError(409, 'this invite code exists', 'code_taken');
    const id = core.stores.invites.insert(code, input.max_uses ?? null, input.expires_at ? Date.parse(input.expires_at) : null, identity.userId);
    core.events.publish(['settings'], 'admins');
    return inviteRecord(core.stores.invites.get(id)!);
  },
  'inviteCodes.update': (input, { core }) => {
    if (!core.stores.invites.get(input.id)) throw notFound('invite code');
    core.stores.invites.update(input.id, {
      ...(input.max_uses !== undefined && { max_uses: input.max_uses }),
      ...(input.enabled !== undefined && { enabled: input.enabled ? 1 : 0 }),
      ...(input.expires_at !== undefined && { expires_at: input.expires_at === null ? null : Date.parse(input.expires_at) }),
    });
    core.events.publish(['settings'], 'admins');
    return inviteRecord(core.stores.invites.get(input.id)!);
  },
  'inviteCodes.delete': (input, { core }) => {
    if (!core.stores.invites.delete(input.id)) throw notFound('invite code');
    core.events.publish(['settings'], 'admins');
    return { ok: true };
  },
};
