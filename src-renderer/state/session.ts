import { create } from 'zustand';
import type { UserRecord } from '../../src-shared/api/ops/accounts';
import type { LiveStatus } from '../api/transport';

const TOKEN_KEY = 'tokenaltar.session';

interface SessionState {
  token: string | null;
  user: UserRecord | null;
  /** False until the first `me.get` settles, so the shell doesn't flash the login page. */
  resolved: boolean;
  live: LiveStatus;
  signIn(token: string | null, user: UserRecord): void;
  setUser(user: UserRecord): void;
  signOut(): void;
  markResolved(): void;
  setLive(status: LiveStatus): void;
}

function readToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export const useSession = create<SessionState>((set) => ({
  token: readToken(),
  user: null,
  resolved: false,
  live: 'connecting',
  signIn(token, user) {
    if (token) localStorage.setItem(TOKEN_KEY, token);
    set({ token, user, resolved: true });
  },
  setUser(user) {
    set({ user });
  },
  signOut() {
    localStorage.removeItem(TOKEN_KEY);
    set({ token: null, user: null, resolved: true });
  },
  markResolved() {
    set({ resolved: true });
  },
  setLive(live) {
    set({ live });
  },
}));

export const isAdmin = (user: UserRecord | null): boolean => user?.role === 'admin';
