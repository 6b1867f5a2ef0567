import crypto from 'node:crypto';
import { createUser } from '../accounts/accounts-service';
import type { Identity } from '../api/handler';
import type { CoreServices } from '../core/services';

/** Email of the owner account created on a first desktop start; the owner may change it. */
export const DESKTOP_OWNER_EMAIL = 'owner@tokenaltar.local';

/**
 * The desktop window acts as the owner: the earliest enabled admin, with no password (issue 7:
 * whoever can open the app on this computer owns it). On a first start with no admin (and no
 * TOKENALTAR_ADMIN_EMAIL), an owner account is created with a random password nobody knows; the
 * owner sets a real one from the console (Users) before signing in from another machine.
 */
export async function ensureDesktopOwner(core: CoreServices): Promise<number> {
  const existing = findOwner(core);
  if (existing !== null) return existing;
  const user = await createUser(core, {
    email: DESKTOP_OWNER_EMAIL,
    password: crypto.randomBytes(24).toString('base64url'),
    display_name: 'Owner',
    role: 'admin',
  });
  core.log.info({ userId: user.id }, 'created the desktop owner account');
  return user.id;
}

function findOwner(core: CoreServices): number | null {
  const owner = core.stores.users.list().find((u) => u.role === 'admin' && u.enabled === 1);
  return owner ? owner.id : null;
}

/**
 * Identity of the window for each IPC call. Re-checked per call (one indexed lookup) so an owner
 * who was demoted or disabled from the console stops being used; the next admin takes over.
 */
export function ownerIdentitySource(core: CoreServices, ownerId: number): () => Identity {
  let current = ownerId;
  return () => {
    const row = core.stores.users.get(current);
    if (!row || row.role !== 'admin' || row.enabled !== 1) {
      const next = findOwner(core);
      if (next === null) throw new Error('no enabled admin left to act as the desktop owner');
      current = next;
    }
    return { userId: current, role: 'admin', sessionId: null, via: 'ipc' };
  };
}
