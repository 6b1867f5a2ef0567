import { useState } from 'react';
import type { RedPacketMode, RedPacketRecord } from '../../../src-shared/api/ops/economy';
import { useOp, useOpMutation } from '../../api/hooks';
import { formatPoints, formatTime } from '../../lib/format';
import { Badge, Button, Card, EmptyState, ErrorNotice, Field, Loading, Select, Table, TextInput, toast, type Column } from '../../ui';

function CreatePacket() {
  const create = useOpMutation('redPackets.create');
  const [phrase, setPhrase] = useState('');
  const [total, setTotal] = useState('');
  const [parts, setParts] = useState('5');
  const [mode, setMode] = useState<RedPacketMode>('lucky');
  const [memo, setMemo] = useState('');
  return (
    <form
      className="stack"
      data-testid="red-packet-create"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate(
          { phrase, total_points: total, total_parts: Number(parts), mode, memo },
          {
            onSuccess: () => {
              toast.success(`Red packet "${phrase}" is live`);
              setPhrase('');
              setTotal('');
              setMemo('');
            },
            onError: toast.error,
          },
        );
      }}
    >
      <div className="form-grid">
        <Field label="Phrase" hint="Whoever knows it can claim one part.">
          <TextInput name="packet-phrase" required value={phrase} onChange={(e) => setPhrase(e.target.value)} />
        </Field>
        <Field label="Total points">
          <TextInput name="packet-total" inputMode="decimal" required value={total} onChange={(e) => setTotal(e.target.value)} />
        </Field>
        <Field label="Parts">
          <TextInput name="packet-parts" type="number" min={1} required value={parts} onChange={(e) => setParts(e.target.value)} />
        </Field>
        <Field label="Split">
          <Select<RedPacketMode> value={mode} onChange={setMode} options={[{ value: 'lucky', label: 'lucky (random)' }, { value: 'even', label: 'even' }]} />
        </Field>
        <Field label="Memo">
          <TextInput value={memo} onChange={(e) => setMemo(e.target.value)} />
        </Field>
      </div>
      <div>
        <Button type="submit" variant="primary" busy={create.isPending}>
          Create red packet
        </Button>
      </div>
    </form>
  );
}

function ClaimPacket() {
  const claim = useOpMutation('redPackets.claim');
  const [phrase, setPhrase] = useState('');
  const [result, setResult] = useState<string | null>(null);
  return (
    <form
      className="row"
      data-testid="red-packet-claim"
      onSubmit={(e) => {
        e.preventDefault();
        setResult(null);
        claim.mutate(
          { phrase },
          {
            onSuccess: (r) => {
              setResult(`You got ${formatPoints(r.points)} points from ${r.packet.creator_name}.`);
              setPhrase('');
            },
            onError: (err) => setResult(err.message),
          },
        );
      }}
    >
      <TextInput name="claim-phrase" placeholder="phrase" required value={phrase} onChange={(e) => setPhrase(e.target.value)} style={{ width: 240 }} />
      <Button type="submit" busy={claim.isPending}>
        Claim
      </Button>
      {result ? (
        <span data-testid="claim-result" className={claim.isError ? 'field-error' : undefined}>
          {result}
        </span>
      ) : null}
    </form>
  );
}

export function ClaimPacketCard() {
  return (
    <Card title="Claim a red packet">
      <ClaimPacket />
    </Card>
  );
}

export function CreatePacketCard() {
  return (
    <Card title="Create a red packet">
      <CreatePacket />
    </Card>
  );
}

export function RedPacketsCard() {
  const packets = useOp('redPackets.list', {});
  const columns: Column<RedPacketRecord>[] = [
    { key: 'when', header: 'Created', render: (p) => formatTime(p.created_at) },
    { key: 'by', header: 'By', render: (p) => p.creator_name },
    { key: 'phrase', header: 'Phrase', render: (p) => (p.phrase ? <code>{p.phrase}</code> : <span className="muted">hidden</span>) },
    { key: 'parts', header: 'Claimed', numeric: true, render: (p) => `${p.claimed_parts} / ${p.total_parts}` },
    { key: 'points', header: 'Points', numeric: true, render: (p) => `${formatPoints(p.claimed_points)} / ${formatPoints(p.total_points)}` },
    { key: 'mode', header: 'Split', render: (p) => p.mode },
    {
      key: 'status',
      header: 'Status',
      render: (p) => (
        <div className="row" style={{ gap: 4 }}>
          <Badge tone={p.status === 'live' ? 'ok' : undefined}>{p.status}</Badge>
          {p.claimed_by_me ? <Badge tone="accent">claimed</Badge> : null}
        </div>
      ),
    },
    {
      key: 'claims',
      header: 'Who',
      render: (p) => (p.claims.length ? p.claims.map((c) => `${c.display_name} ${formatPoints(c.points)}`).join(', ') : <span className="muted">—</span>),
    },
  ];
  return (
    <Card title="Red packets" testId="red-packets-card">
      <div className="stack">
        {packets.isPending ? (
          <Loading />
        ) : packets.error ? (
          <ErrorNotice error={packets.error} />
        ) : (
          <Table rows={packets.data} columns={columns} rowKey={(p) => p.id} testId="red-packets-table" empty={<EmptyState title="No red packets yet" />} />
        )}
      </div>
    </Card>
  );
}
