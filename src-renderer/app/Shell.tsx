import { useEffect, useState } from 'react';
import { NavLink, Navigate, Outlet, useLocation } from 'react-router';
import { useOp } from '../api/hooks';
import { api } from '../api/client';
import { useLiveUpdates } from '../api/live';
import { formatPoints } from '../lib/format';
import { isAdmin, useSession } from '../state/session';
import { useTheme, type ThemeChoice } from '../state/theme';
import { Badge, Button, ErrorBoundary, Select } from '../ui';
import { AccountDialog } from './AccountDialog';
import { NAV, type NavItem } from './nav';

const SECTIONS: NavItem['section'][] = ['Pool', 'Points', 'Help', 'Admin'];

function LiveBadge() {
  const live = useSession((s) => s.live);
  const tone = live === 'live' ? 'ok' : live === 'connecting' ? 'warn' : 'bad';
  return (
    <span data-testid="live-status" data-status={live}>
      <Badge tone={tone}>
        <span className={`dot dot-${tone}`} /> {live === 'live' ? 'Live' : live === 'connecting' ? 'Connecting' : 'Offline'}
      </Badge>
    </span>
  );
}

function Sidebar({ admin }: { admin: boolean }) {
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand">
        <span className="brand-mark">TA</span> TokenAltar
      </div>
      {SECTIONS.map((section) => {
        const items = NAV.filter((n) => n.section === section && (admin || !n.adminOnly));
        if (items.length === 0) return null;
        return (
          <div key={section}>
            <div className="nav-section">{section}</div>
            {items.map((n) => (
              <NavLink key={n.path} to={n.path} end={n.path === '/'} className={({ isActive }) => `nav-link${isActive ? ' active' : ''}`}>
                <span aria-hidden="true">{n.icon}</span>
                {n.label}
              </NavLink>
            ))}
          </div>
        );
      })}
    </nav>
  );
}

function TopBar() {
  const user = useSession((s) => s.user);
  const signOut = useSession((s) => s.signOut);
  const { choice, setChoice } = useTheme();
  const [accountOpen, setAccountOpen] = useState(false);
  const logout = async () => {
    try {
      await api.call('auth.logout', {});
    } finally {
      signOut();
    }
  };
  return (
    <header className="topbar">
      <div className="row">
        <LiveBadge />
      </div>
      <div className="row">
        <span className="muted">Balance</span>
        <strong data-testid="balance">{formatPoints(user?.points_balance)}</strong>
        <span className="muted">·</span>
        <button type="button" className="btn btn-ghost btn-sm" onClick={() => setAccountOpen(true)} title="Your account">
          <span data-testid="whoami">{user?.display_name || user?.email}</span>
        </button>
        {user?.role === 'admin' ? <Badge tone="accent">admin</Badge> : null}
        <Select<ThemeChoice>
          aria-label="Theme"
          value={choice}
          onChange={setChoice}
          options={[
            { value: 'system', label: 'System theme' },
            { value: 'light', label: 'Light' },
            { value: 'dark', label: 'Dark' },
          ]}
          style={{ width: 'auto' }}
        />
        {api.kind === 'http' ? (
          <Button small onClick={() => void logout()}>
            Sign out
          </Button>
        ) : null}
      </div>
      {accountOpen ? <AccountDialog open onClose={() => setAccountOpen(false)} /> : null}
    </header>
  );
}

/** Keeps the signed-in user (balance, role) fresh: `me.get` refetches on its topics. */
function useMeSync(enabled: boolean): void {
  const me = useOp('me.get', {}, { enabled });
  const setUser = useSession((s) => s.setUser);
  useEffect(() => {
    if (me.data) setUser(me.data);
  }, [me.data, setUser]);
}

/** The signed-in frame: sidebar, top bar, and the page; admin pages redirect members away. */
export function Shell() {
  useLiveUpdates();
  const user = useSession((s) => s.user);
  useMeSync(user !== null);
  const location = useLocation();
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  const admin = isAdmin(user);
  const page = NAV.find((n) => n.path === location.pathname);
  if (page?.adminOnly && !admin) return <Navigate to="/" replace />;
  return (
    <div className="shell">
      <Sidebar admin={admin} />
      <div className="main">
        <TopBar />
        <main className="content">
          <ErrorBoundary resetKey={location.pathname}>
            <Outlet />
          </ErrorBoundary>
        </main>
      </div>
    </div>
  );
}
