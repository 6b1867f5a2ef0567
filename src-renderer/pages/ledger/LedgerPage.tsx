import { useState } from 'react';
import type { LedgerRecord } from '../../../src-shared/api/ops/ledger';
import { api } from '../../api/client';
import { useOp } from '../../api/hooks';
import { formatMs, formatNumber, formatPoints, formatTime } from '../../lib/format';
import { isAdmin, useSession } from '../../state/session';
import { Badge, Button, Card, EmptyState, ErrorNotice, Loading, PageHead, Table, toast, type Column } from '../../ui';
import { LedgerDetails } from './LedgerDetails';
import { LedgerFilterBar, type LedgerFilterState } from './LedgerFilterBar';

const PAGE_SIZE = 50;

function download(filename: string, contentType: string, body: string): void {
  const url = URL.createObjectURL(new Blob([body], { type: contentType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  URL.revokeObjectURL(url);
}

export function LedgerPage() {
  const admin = isAdmin(useSession((s) => s.user));
  const [filters, setFilters] = useState<LedgerFilterState>({});
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<LedgerRecord | null>(null);
  const [exporting, setExporting] = useState(false);
  const ledger = useOp('ledger.list', { ...filters, page, page_size: PAGE_SIZE }, { keepPrevious: true });

  const exportCsv = async () => {
    setExporting(true);
    try {
      const file = await api.call('ledger.export', { ...filters });
      download(file.filename ?? 'ledger.csv', file.contentType, file.body);
    } catch (err) {
      toast.error(err);
    } finally {
      setExporting(false);
    }
  };

  const columns: Column<LedgerRecord>[] = [
    { key: 'time', header: 'Time', render: (r) => formatTime(r.created_at) },
    ...(admin ? [{ key: 'user', header: 'User', render: (r: LedgerRecord) => r.user_email ?? r.user_id }] : []),
    { key: 'model', header: 'Model', render: (r) => <code>{r.model}</code> },
    { key: 'channel', header: 'Channel', render: (r) => r.channel_name ?? '—' },
    {
      key: 'tokens',
      header: 'Tokens in / cached / out',
      numeric: true,
      render: (r) => (
        <span title={r.usage_source === 'estimate' ? 'estimated: the upstream reported no usage' : 'as reported by the upstream'}>
          {formatNumber(r.input_tokens)} / {formatNumber(r.cached_tokens)} / {formatNumber(r.output_tokens)}
          {r.usage_source === 'estimate' ? ' ≈' : ''}
        </span>
      ),
    },
    {
      key: 'points',
      header: 'Points',
      numeric: true,
      render: (r) => (r.relation === 'provider' ? <span style={{ color: 'var(--ok)' }}>+{formatPoints(r.provider_points)}</span> : formatPoints(r.cost_points)),
    },
    { key: 'ttft', header: 'TTFT', numeric: true, render: (r) => formatMs(r.ttft_ms) },
    { key: 'status', header: 'Status', render: (r) => (r.status === 'ok' ? <Badge tone="ok">ok</Badge> : <Badge tone="bad">{r.http_status ?? 'error'}</Badge>) },
    {
      key: 'formula',
      header: '',
      render: (r) => (
        <Button small onClick={() => setOpen(r)}>
          Formula
        </Button>
      ),
    },
  ];

  const data = ledger.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  return (
    <>
      <PageHead
        title="Ledger"
        subtitle={admin ? 'Every request in the pool, with its tokens and how its points were worked out.' : 'Your requests, and requests your channels served.'}
        actions={
          <Button onClick={() => void exportCsv()} busy={exporting} data-testid="ledger-export">
            Export CSV
          </Button>
        }
      />
      <LedgerFilterBar
        admin={admin}
        value={filters}
        onChange={(f) => {
          setFilters(f);
          setPage(1);
        }}
      />
      <Card>
        {ledger.isPending ? (
          <Loading />
        ) : ledger.error ? (
          <ErrorNotice error={ledger.error} />
        ) : data ? (
          <div className="stack">
            <Table rows={data.items} columns={columns} rowKey={(r) => r.id} testId="ledger-table" empty={<EmptyState title="No requests yet">Requests made with your keys appear here as they settle.</EmptyState>} />
            <div className="spread">
              <span className="muted" data-testid="ledger-total">
                {formatNumber(data.total)} row{data.total === 1 ? '' : 's'}
              </span>
              <div className="row">
                <Button small disabled={page <= 1} onClick={() => setPage(page - 1)}>
                  Previous
                </Button>
                <span className="muted">
                  Page {page} of {pages}
                </span>
                <Button small disabled={page >= pages} onClick={() => setPage(page + 1)}>
                  Next
                </Button>
              </div>
            </div>
          </div>
        ) : null}
      </Card>
      <LedgerDetails row={open} onClose={() => setOpen(null)} />
    </>
  );
}
