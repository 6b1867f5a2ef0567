export interface NavItem {
  path: string;
  label: string;
  icon: string;
  adminOnly?: boolean;
  section: 'Pool' | 'Points' | 'Help' | 'Admin';
}

/** Every console page once: the sidebar and the router both read this list. */
export const NAV: readonly NavItem[] = [
  { path: '/', label: 'Dashboard', icon: '◧', section: 'Pool' },
  { path: '/keys', label: 'API Keys', icon: '◇', section: 'Pool' },
  { path: '/channels', label: 'Channels', icon: '⇄', section: 'Pool' },
  { path: '/health', label: 'Health', icon: '♥', section: 'Pool' },
  { path: '/pricing', label: 'Pricing', icon: '¤', section: 'Pool' },
  { path: '/economy', label: 'Economy', icon: '✦', section: 'Points' },
  { path: '/leaderboards', label: 'Leaderboards', icon: '≡', section: 'Points' },
  { path: '/ledger', label: 'Ledger', icon: '▤', section: 'Points' },
  { path: '/guide', label: 'Guide', icon: '?', section: 'Help' },
  { path: '/users', label: 'Users', icon: '☺', adminOnly: true, section: 'Admin' },
  { path: '/affinity', label: 'Affinity', icon: '⚲', adminOnly: true, section: 'Admin' },
  { path: '/settings', label: 'Settings', icon: '⚙', adminOnly: true, section: 'Admin' },
];
