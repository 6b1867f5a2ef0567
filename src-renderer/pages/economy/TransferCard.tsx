import { useState } from 'react';
import type { TransferRecord } from '../../../src-shared/api/ops/economy';
import { useOp, useOpMutation } from '../../api/hooks';
import { formatPoints, formatTime } from '../../lib/format';
import { Button, Card, EmptyState, ErrorNotice, Field, Loading, Table, TextInput, toast, type Column } from '../../ui';

const TRANSFER_COLUMNS: Column<TransferRecord>[] = [
  { key: 'when', header: 'When', render: (t) => formatTime(t.created_at) },
  { key: 'who', header: 'With', render: (t) => (t.direction === 'out' ? `to ${t.to_name}` : `from ${t.from_name}`) },
  {
    key: 'points',
    header: 'Points',
    numeric: true,
    render: (t) => <span style={{ color: t.direction === 'in' ? 'var(--ok)' : undefined }}>{`${t.direction === 'in' ? '+' : '−'}${formatPoints(t.points)}`}</span>,
  },
  { key: 'memo', header: 'Memo', render: (t) => t.memo || <span className="muted">—</span> },
];

export function TransferCard() {
  const send = useOpMutation('transfers.create');
  const [email, setEmail] = useState('');
  const [points, setPoints] = useState('');
  const [memo, setMemo] = useState('');

  return (
    <Card title="Send points" testId="transfer-card">
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          send.mutate(
            { to_email: email, points, memo },
            {
              onSuccess: (t) => {
                toast.success(`Sent ${formatPoints(t.points)} to ${t.to_name}`);
                setPoints('');
                setMemo('');
              },
              onError: toast.error,
            },
          );
        }}
      >
        <div className="form-grid">
          <Field label="To (email)">
            <TextInput name="transfer-email" type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
          </Field>
          <Field label="Points">
            <TextInput name="transfer-points" inputMode="decimal" required value={points} onChange={(e) => setPoints(e.target.value)} />
          </Field>
          <Field label="Memo">
            <TextInput name="transfer-memo" value={memo} onChange={(e) => setMemo(e.target.value)} />
          </Field>
        </div>
        <div>
          <Button type="submit" variant="primary" busy={send.isPending}>
            Send
          </Button>
        </div>
      </form>
    </Card>
  );
}

export function TransfersHistoryCard() {
  const transfers = useOp('transfers.list', {});
  return (
    <Card title="Transfers">
      {transfers.isPending ? (
        <Loading />
      ) : transfers.error ? (
        <ErrorNotice error={transfers.error} />
      ) : (
        <Table rows={transfers.data} columns={TRANSFER_COLUMNS} rowKey={(t) => t.id} testId="transfers-table" empty={<EmptyState title="No transfers yet" />} />
      )}
    </Card>
  );
}
