import { useState } from 'react';
import type { LeaderboardEntry, LeaderboardPeriod } from '../../../src-shared/api/ops/economy';
import { useOp } from '../../api/hooks';
import { formatNumber, formatPoints } from '../../lib/format';
import { Badge, Card, EmptyState, ErrorNotice, Loading, PageHead, Table, Tabs, type Column } from '../../ui';

function board(format: (n: number) => string, unit: string): Column<LeaderboardEntry>[] {
  return [
    { key: 'rank', header: '#', render: (e) => <strong>{e.rank}</strong> },
    {
      key: 'who',
      header: 'Member',
      render: (e) => (
        <span className="row" style={{ gap: 6 }}>
          {e.anonymous ? <span className="muted">{e.display_name}</span> : e.display_name}
          {e.is_me ? <Badge tone="accent">you</Badge> : null}
        </span>
      ),
    },
    { key: 'value', header: unit, numeric: true, render: (e) => format(e.value) },
  ];
}

export function LeaderboardsPage() {
  const [period, setPeriod] = useState<LeaderboardPeriod>('day');
  const lb = useOp('leaderboards.get', { period }, { keepPrevious: true });
  return (
    <>
      <PageHead title="Leaderboards" subtitle="Successful requests only. Members who chose anonymity are masked." />
      <Tabs<LeaderboardPeriod>
        tabs={[
          { id: 'day', label: 'Today' },
          { id: 'month', label: 'This month' },
        ]}
        value={period}
        onChange={setPeriod}
      />
      {lb.isPending ? (
        <Loading />
      ) : lb.error ? (
        <ErrorNotice error={lb.error} />
      ) : (
        <>
          <p className="muted">
            {lb.data.label} in {lb.data.timezone}
          </p>
          <div className="grid-2">
            <Card title="Top providers (tokens served)" testId="lb-providers-card">
              <Table rows={lb.data.providers} columns={board(formatNumber, 'Tokens')} rowKey={(e) => `${e.rank}-${e.display_name}`} testId="lb-providers" empty={<EmptyState title="Nobody has served tokens yet" />} />
            </Card>
            <Card title="Top consumers (points spent)" testId="lb-consumers-card">
              <Table rows={lb.data.consumers} columns={board(formatPoints, 'Points')} rowKey={(e) => `${e.rank}-${e.display_name}`} testId="lb-consumers" empty={<EmptyState title="Nobody has spent points yet" />} />
            </Card>
          </div>
        </>
      )}
    </>
  );
}
