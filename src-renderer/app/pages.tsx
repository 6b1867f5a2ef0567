import type { ReactElement } from 'react';
import { NotAvailable, PageHead } from '../ui';
import { GuidePage } from '../pages/guide/GuidePage';
import { KeysPage } from '../pages/keys/KeysPage';
import { ChannelsPage } from '../pages/channels/ChannelsPage';
import { UsersPage } from '../pages/users/UsersPage';
import { HealthPage } from '../pages/health/HealthPage';
import { AffinityPage } from '../pages/affinity/AffinityPage';
import { DashboardPage } from '../pages/dashboard/DashboardPage';
import { EconomyPage } from '../pages/economy/EconomyPage';
import { LeaderboardsPage } from '../pages/leaderboards/LeaderboardsPage';
import { LedgerPage } from '../pages/ledger/LedgerPage';
import { PricingPage } from '../pages/pricing/PricingPage';
import { SettingsPage } from '../pages/settings/SettingsPage';
import { NAV } from './nav';

/** Page elements by route path; every NAV entry must have one. */
const ELEMENTS: Record<string, ReactElement> = {
  '/keys': <KeysPage />,
  '/guide': <GuidePage />,
  '/channels': <ChannelsPage />,
  '/users': <UsersPage />,
  '/health': <HealthPage />,
  '/affinity': <AffinityPage />,
  '/': <DashboardPage />,
  '/economy': <EconomyPage />,
  '/leaderboards': <LeaderboardsPage />,
  '/ledger': <LedgerPage />,
  '/pricing': <PricingPage />,
  '/settings': <SettingsPage />,
};

function Pending({ title }: { title: string }) {
  return (
    <>
      <PageHead title={title} />
      <NotAvailable what={title} />
    </>
  );
}

export const PAGES = NAV.map((n) => ({ path: n.path, element: ELEMENTS[n.path] ?? <Pending title={n.label} /> }));
