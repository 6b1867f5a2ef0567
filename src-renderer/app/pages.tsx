import type { ReactElement } from 'react';
import { NotAvailable, PageHead } from '../ui';
import { GuidePage } from '../pages/guide/GuidePage';
import { KeysPage } from '../pages/keys/KeysPage';
import { ChannelsPage } from '../pages/channels/ChannelsPage';
import { UsersPage } from '../pages/users/UsersPage';
import { HealthPage } from '../pages/health/HealthPage';
import { AffinityPage } from '../pages/affinity/AffinityPage';
import { NAV } from './nav';

/** Page elements by route path; every NAV entry must have one. */
const ELEMENTS: Record<string, ReactElement> = {
  '/keys': <KeysPage />,
  '/guide': <GuidePage />,
  '/channels': <ChannelsPage />,
  '/users': <UsersPage />,
  '/health': <HealthPage />,
  '/affinity': <AffinityPage />,
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
