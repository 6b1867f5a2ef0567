import type { ChannelRecord } from '../../../src-shared/api/ops/channels';
import type { HealthWindowRecord, HealthWindowStatus } from '../../../src-shared/api/ops/routing';
import { useOp } from '../../api/hooks';
import { formatMs, formatNumber, formatTime } from '../../lib/format';
import { Badge, Card, EmptyState, ErrorNotice, Loading, PageHead, StatusStrip, type StripTone } from '../../ui';

const TONE: Record<HealthWindowStatus, StripTone> = { 'no-data': 'none', available: 'ok', degraded: 'warn', down: 'bad' };

function windowTitle(w: HealthWindowRecord): string {
  const time = `${new Date(w.start).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}–${new Date(w.end).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`;
  if (w.samples === 0) return `${time}: no requests`;
  return `${time}: ${w.samples} requests — ${w.available} ok, ${w.empty} empty, ${w.degraded} degraded, ${w.down} down; TTFT ${formatMs(w.avg_ttft_ms)}`;
}

/** TTFT over the day, weighted by each window's successful samples (the API averages per window). */
function dayTtft(windows: HealthWindowRecord[]): number | null {
  let sum = 0;
  let n = 0;
  for (const w of windows) {
    if (w.avg_ttft_ms === null || w.available === 0) continue;
    sum += w.avg_ttft_ms * w.available;
    n += w.available;
  }
  return n ? sum / n : null;
}

function ChannelHealth({ channel }: { channel: ChannelRecord }) {
  const health = useOp('channels.health', { id: channel.id });
  const windows = health.data?.windows ?? [];
  const totals = windows.reduce((t, w) => ({ samples: t.samples + w.samples, available: t.available + w.available, empty: t.empty + w.empty, degraded: t.degraded + w.degraded, down: t.down + w.down }), { samples: 0, available: 0, empty: 0, degraded: 0, down: 0 });
  const cooling = health.data?.cooldown_until && new Date(health.data.cooldown_until) > new Date();
  return (
    <div className="stack" style={{ gap: 6, padding: '12px 0', borderBottom: '1px solid var(--border)' }} data-testid={`health-${channel.name}`}>
      <div className="spread">
        <div className="row">
          <strong>{channel.name}</strong>
          <span className="muted">{channel.provider}</span>
          {channel.enabled ? null : <Badge>disabled</Badge>}
          {cooling ? <Badge tone="bad">cooling down until {formatTime(health.data?.cooldown_until)}</Badge> : null}
        </div>
        <div className="row muted" style={{ fontSize: 12.5 }}>
          <span>{formatNumber(totals.samples)} {totals.samples === 1 ? "request" : "requests"}</span>
          <span>· {formatNumber(totals.available)} ok</span>
          <span>· {formatNumber(totals.empty)} empty</span>
          <span>· {formatNumber(totals.degraded)} degraded</span>
          <span>· {formatNumber(totals.down)} down</span>
          <span>· TTFT {formatMs(dayTtft(windows))}</span>
        </div>
      </div>
      {health.isPending ? <Loading /> : health.error ? <ErrorNotice error={health.error} /> : <StatusStrip label={`${channel.name}: last 24 hours in 30-minute windows`} cells={windows.map((w) => ({ tone: TONE[w.status], title: windowTitle(w) }))} />}
    </div>
  );
}

export function HealthPage() {
  const channels = useOp('channels.list', {});
  return (
    <>
      <PageHead title="Health" subtitle="Every real request is a sample. 48 half-hour windows over the last 24 hours; gray means no traffic." />
      <Card>
        <div className="row muted" style={{ fontSize: 12.5, marginBottom: 4 }}>
          <span className="row" style={{ gap: 4 }}><span className="strip-cell strip-ok" style={{ width: 10, height: 10, display: 'inline-block' }} /> available</span>
          <span className="row" style={{ gap: 4 }}><span className="strip-cell strip-warn" style={{ width: 10, height: 10, display: 'inline-block' }} /> degraded</span>
          <span className="row" style={{ gap: 4 }}><span className="strip-cell strip-bad" style={{ width: 10, height: 10, display: 'inline-block' }} /> down</span>
          <span className="row" style={{ gap: 4 }}><span className="strip-cell" style={{ width: 10, height: 10, display: 'inline-block' }} /> no data</span>
          <span>· oldest on the left, now on the right</span>
        </div>
        {channels.isPending ? (
          <Loading />
        ) : channels.error ? (
          <ErrorNotice error={channels.error} />
        ) : channels.data.length === 0 ? (
          <EmptyState title="No channels to watch yet" />
        ) : (
          channels.data.map((c) => <ChannelHealth key={c.id} channel={c} />)
        )}
      </Card>
    </>
  );
}
