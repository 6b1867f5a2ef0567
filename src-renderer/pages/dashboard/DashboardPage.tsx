import { useMemo } from 'react';
import type { DashboardChannel } from '../../../src-shared/api/ops/ledger';
import { useOp } from '../../api/hooks';
import { formatNumber, formatPoints } from '../../lib/format';
import { hourlyBuckets } from '../../lib/series';
import { isAdmin, useSession } from '../../state/session';
import { Badge, BarChart, Card, EmptyState, ErrorNotice, Loading, PageHead, Stat, Table, type Column } from '../../ui';

/** Rows the charts are drawn from: the newest ledger rows, up to the API's page limit. */
const CHART_ROWS = 500;

function CapacityBar({ c }: { c: DashboardChannel }) {
  if (c.limit_points === null || c.used_points === null) return <span className="muted">no window</span>;
  const pct = c.limit_points > 0 ? Math.min(100, (c.used_points / c.limit_points) * 100) : 100;
  return (
    <div>
      <div className={`bar ${pct >= 100 ? 'bad' : pct >= 80 ? 'warn' : ''}`}>
        <i style={{ width: `${pct}%` }} />
      </div>
      <span className="muted" style={{ fontSize: 12 }}>
        {formatPoints(c.remaining_points)} left of {formatPoints(c.limit_points)}
      </span>
    </div>
  );
}

function ActivityCharts() {
  const since = useMemo(() => new Date(Date.now() - 24 * 3_600_000).toISOString(), []);
  const ledger = useOp('ledger.list', { from: since, page_size: CHART_ROWS, status: 'ok' });
  if (ledger.isPending) return <Loading />;
  if (ledger.error) return <ErrorNotice error={ledger.error} />;
  if (ledger.data.items.length === 0) {
    return (
      <Card title="Activity, last 24 h" testId="chart-requests">
        <EmptyState title="No requests in the last 24 hours">Charts of requests and tokens per hour appear with the first request.</EmptyState>
      </Card>
    );
  }
  const buckets = hourlyBuckets(ledger.data.items, Date.now());
  const truncated = ledger.data.total > ledger.data.items.length;
  return (
    <div className="grid-2">
      <Card title="Requests, last 24 h" testId="chart-requests">
        <BarChart label="Requests per hour" legend={['requests']} format={formatNumber} points={buckets.map((b) => ({ label: b.label, values: [b.requests] }))} />
      </Card>
      <Card title="Tokens, last 24 h">
        <BarChart label="Tokens per hour" legend={['input', 'output']} format={formatNumber} points={buckets.map((b) => ({ label: b.label, values: [b.inputTokens, b.outputTokens] }))} />
        {truncated ? <p className="muted">Drawn from the newest {CHART_ROWS} of {formatNumber(ledger.data.total)} requests.</p> : null}
      </Card>
    </div>
  );
}

export function DashboardPage() {
  const admin = isAdmin(useSession((s) => s.user));
  const dash = useOp('dashboard.get', {});
  if (dash.isPending) return <Loading />;
  if (dash.error) return <ErrorNotice error={dash.error} />;
  const d = dash.data;
  const surgeTone = d.surge.level === 'peak' ? 'bad' : d.surge.level === 'idle' ? 'ok' : 'accent';
  const columns: Column<DashboardChannel>[] = [
    { key: 'name', header: 'Channel', render: (c) => <strong>{c.name}</strong> },
    { key: 'provider', header: 'Provider', render: (c) => c.provider },
    { key: 'state', header: 'State', render: (c) => (c.enabled ? <Badge tone="ok">enabled</Badge> : <Badge>disabled</Badge>) },
    { key: 'capacity', header: 'Primary window', render: (c) => <CapacityBar c={c} /> },
    { key: 'sale', header: '', render: (c) => (c.fire_sale_active ? <Badge tone="warn">fire sale</Badge> : null) },
  ];
  return (
    <>
      <PageHead title="Dashboard" subtitle={`Live view of the pool. Days count in ${d.timezone}.`} />
      <div className="grid">
        <Stat label="Your points" value={formatPoints(d.points_balance)} testId="dash-balance" />
        <Stat label="Spent today" value={formatPoints(d.spend_today_points)} hint={`${formatPoints(d.spend_month_points)} this month`} testId="dash-spend-today" />
        <Stat label="Earned today" value={formatPoints(d.earned_today_points)} hint="from your channels" />
        <Stat label="Requests today" value={formatNumber(d.requests_today)} testId="dash-requests-today" />
        <Stat label="Channels enabled" value={`${d.enabled_channels} / ${d.total_channels}`} />
        <Stat label="Capacity left" value={formatPoints(d.capacity_remaining_points)} hint={`of ${formatPoints(d.capacity_limit_points)} in primary windows`} />
        <Stat
          label="Surge"
          value={
            <span className="row">
              <Badge tone={surgeTone}>{d.surge.level}</Badge> ×{d.surge.multiplier}
            </span>
          }
          hint={d.surge.enabled ? (d.surge.ratio !== null ? `demand / supply ${d.surge.ratio.toFixed(2)}` : undefined) : 'surge pricing is off'}
          testId="dash-surge"
        />
        {admin && d.system_points !== undefined ? <Stat label="System account" value={formatPoints(d.system_points)} hint="the pool's share of charges" /> : null}
      </div>
      <ActivityCharts />
      <Card title="Capacity per channel">
        <Table rows={d.channels} columns={columns} rowKey={(c) => c.id} testId="dash-channels" empty={<p className="muted">No channels you can see yet.</p>} />
      </Card>
    </>
  );
}
