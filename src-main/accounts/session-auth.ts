import type { Identity } from '../api/handler';
import type { CoreServices } from '../core/services';
import { hashToken } from './tokens';

/** `ta-` console session -> identity; null when unknown, expired or the user is suspended. */
export function authenticateSession(core: CoreServices, token: string): Identity | null {
  if (!token.startsWith('ta-')) return null;
  const session = core.stores.sessions.findByHash(hashToken(token));
  const now = Date.now();
  if (!session || session.expires_at <= now) return null;
  const user = core.stores.users.get(session.user_id);
  if (!user || user.enabled !== 1) return null;
  // Touch at most once a minute: a write per console call would be wasted I/O.
  if (now - session.last_seen_at > 60_000) core.stores.sessions.touch(session.id, now);
  return { userId: user.id, role: user.role, sessionId: session.id, via: 'http' };
}
