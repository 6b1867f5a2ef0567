import { useState } from 'react';
import type { InviteCodeRecord } from '../../../src-shared/api/ops/accounts';
import { useOp, useOpMutation } from '../../api/hooks';
import { formatTime } from '../../lib/format';
import { Badge, Button, Card, copyText, EmptyState, ErrorNotice, Loading, Table, TextInput, toast, type Column } from '../../ui';

export function InviteCodesCard() {
  const codes = useOp('inviteCodes.list', {});
  const create = useOpMutation('inviteCodes.create');
  const update = useOpMutation('inviteCodes.update');
  const remove = useOpMutation('inviteCodes.delete');
  const [code, setCode] = useState('');
  const [maxUses, setMaxUses] = useState('');

  const columns: Column<InviteCodeRecord>[] = [
    { key: 'code', header: 'Code', render: (c) => <code>{c.code}</code> },
    { key: 'uses', header: 'Used', numeric: true, render: (c) => `${c.used_count} / ${c.max_uses ?? '∞'}` },
    { key: 'status', header: 'Status', render: (c) => (c.enabled ? <Badge tone="ok">open</Badge> : <Badge>closed</Badge>) },
    { key: 'expires', header: 'Expires', render: (c) => formatTime(c.expires_at) },
    {
      key: 'actions',
      header: '',
      render: (c) => (
        <div className="row" style={{ flexWrap: 'nowrap' }}>
          <Button small onClick={() => void copyText(c.code)}>Copy</Button>
          <Button small onClick={() => update.mutate({ id: c.id, enabled: !c.enabled }, { onError: toast.error })}>{c.enabled ? 'Close' : 'Open'}</Button>
          <Button small variant="danger" onClick={() => remove.mutate({ id: c.id }, { onError: toast.error })}>Delete</Button>
        </div>
      ),
    },
  ];

  return (
    <Card
      title="Invite codes"
      actions={
        <>
          <TextInput name="invite-code" placeholder="code (empty: random)" value={code} onChange={(e) => setCode(e.target.value)} style={{ width: 180 }} />
          <TextInput name="invite-max" placeholder="max uses" inputMode="numeric" value={maxUses} onChange={(e) => setMaxUses(e.target.value)} style={{ width: 100 }} />
          <Button
            variant="primary"
            busy={create.isPending}
            onClick={() =>
              create.mutate(
                { code: code || undefined, max_uses: maxUses ? Number(maxUses) : null },
                { onSuccess: (c) => { toast.success(`Invite ${c.code} created`); setCode(''); setMaxUses(''); }, onError: toast.error },
              )
            }
          >
            Add code
          </Button>
        </>
      }
    >
      {codes.isPending ? (
        <Loading />
      ) : codes.error ? (
        <ErrorNotice error={codes.error} />
      ) : (
        <Table rows={codes.data} columns={columns} rowKey={(c) => c.id} empty={<EmptyState title="No invite codes">Whether registration needs one is set in Settings.</EmptyState>} />
      )}
    </Card>
  );
}
