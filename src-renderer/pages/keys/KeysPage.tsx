import { useState } from 'react';
import type { ApiKeyRecord, ApiKeyWithToken } from '../../../src-shared/api/ops/keys';
import { useOp, useOpMutation } from '../../api/hooks';
import { useRuntimeSettings } from '../../api/runtime-settings';
import { formatPoints, formatTime } from '../../lib/format';
import { Badge, Button, Card, Checkbox, confirmAction, copyText, Dialog, EmptyState, ErrorNotice, Loading, PageHead, Table, toast, type Column } from '../../ui';
import { draftFrom, type KeyDraft } from './key-draft';
import { KeyForm } from './KeyForm';
import { KeySnippets } from './KeySnippets';

type Editing = { mode: 'create' } | { mode: 'edit'; record: ApiKeyRecord } | null;

function TokenReveal({ issued, onClose }: { issued: ApiKeyWithToken | null; onClose: () => void }) {
  return (
    <Dialog open={issued !== null} title="Your new key" onClose={onClose} testId="token-dialog" footer={<Button variant="primary" onClick={onClose}>Done</Button>}>
      {issued ? (
        <>
          <div className="notice notice-warn">This is the only time the full key is shown. Copy it now; later you will only see its prefix.</div>
          <div className="row" style={{ flexWrap: 'nowrap' }}>
            <code className="secret" data-testid="new-token" style={{ flex: 1 }}>
              {issued.token}
            </code>
            <Button onClick={() => void copyText(issued.token)}>Copy</Button>
          </div>
          <h3>Connect a client</h3>
          <KeySnippets token={issued.token} />
        </>
      ) : null}
    </Dialog>
  );
}

export function KeysPage() {
  const keys = useOp('apiKeys.list', {});
  const create = useOpMutation('apiKeys.create');
  const update = useOpMutation('apiKeys.update');
  const setEnabled = useOpMutation('apiKeys.setEnabled');
  const rotate = useOpMutation('apiKeys.rotate');
  const remove = useOpMutation('apiKeys.delete');
  const batchDelete = useOpMutation('apiKeys.batchDelete');
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const rows = keys.data ?? [];
  const toggle = (id: number, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  };
  const deleteSelected = () =>
    void confirmAction({ title: `Delete ${selected.size} key(s)?`, body: 'Clients using them stop working.', confirmLabel: 'Delete', danger: true }).then(
      (ok) =>
        ok &&
        batchDelete.mutate(
          { ids: [...selected] },
          { onSuccess: (r) => { toast.success(`${r.deleted} key(s) deleted`); setSelected(new Set()); }, onError: toast.error },
        ),
    );
  const [editing, setEditing] = useState<Editing>(null);
  const [draft, setDraft] = useState<KeyDraft>(draftFrom(null));
  const [issued, setIssued] = useState<ApiKeyWithToken | null>(null);

  const defaults = useRuntimeSettings();
  const open = (e: Editing) => {
    setDraft(draftFrom(e && e.mode === 'edit' ? e.record : null, { spendLimitPoints: defaults.default_key_spend_limit_points, expiryDays: defaults.default_key_expiry_days }));
    setEditing(e);
  };

  const save = async () => {
    try {
      if (editing?.mode === 'edit') {
        await update.mutateAsync({ id: editing.record.id, ...draft });
        toast.success('Key updated');
      } else {
        setIssued(await create.mutateAsync({ ...draft, name: draft.name || 'default' }));
      }
      setEditing(null);
    } catch (err) {
      toast.error(err);
    }
  };

  const columns: Column<ApiKeyRecord>[] = [
    {
      key: 'select',
      header: <Checkbox label="" aria-label="Select all keys" checked={rows.length > 0 && selected.size === rows.length} onChange={(on) => setSelected(on ? new Set(rows.map((k) => k.id)) : new Set())} />,
      render: (k) => <Checkbox label="" aria-label={`Select ${k.name}`} checked={selected.has(k.id)} onChange={(on) => toggle(k.id, on)} />,
    },
    { key: 'name', header: 'Name', render: (k) => <strong>{k.name}</strong> },
    { key: 'prefix', header: 'Key', render: (k) => <code>{k.prefix}</code> },
    {
      key: 'enabled',
      header: 'Enabled',
      render: (k) => (
        <Checkbox label="" aria-label={`Enable ${k.name}`} checked={k.enabled} onChange={(v) => setEnabled.mutate({ id: k.id, enabled: v }, { onError: toast.error })} />
      ),
    },
    { key: 'models', header: 'Models', render: (k) => (k.allowed_models.length ? k.allowed_models.join(', ') : <span className="muted">all</span>) },
    { key: 'channels', header: 'Channels', render: (k) => (k.covers_all_channels ? <span className="muted">whole pool</span> : `${k.allowed_channel_ids.length} selected`) },
    {
      key: 'spent',
      header: 'Spent / limit',
      numeric: true,
      render: (k) => `${formatPoints(k.spent_points)} / ${k.spend_limit_points === null ? '∞' : formatPoints(k.spend_limit_points)}`,
    },
    {
      key: 'expires',
      header: 'Expires',
      render: (k) => (k.expires_at && new Date(k.expires_at) < new Date() ? <Badge tone="bad">expired</Badge> : formatTime(k.expires_at)),
    },
    { key: 'used', header: 'Last used', render: (k) => formatTime(k.last_used_at) },
    {
      key: 'actions',
      header: '',
      render: (k) => (
        <div className="row" style={{ flexWrap: 'nowrap' }}>
          <Button small onClick={() => open({ mode: 'edit', record: k })}>
            Edit
          </Button>
          <Button
            small
            onClick={() =>
              void confirmAction({ title: `Rotate ${k.name}?`, body: 'The old token stops working at once.', confirmLabel: 'Rotate' }).then(
                (ok) => ok && rotate.mutate({ id: k.id }, { onSuccess: setIssued, onError: toast.error }),
              )
            }
          >
            Rotate
          </Button>
          <Button
            small
            variant="danger"
            onClick={() =>
              void confirmAction({ title: `Delete ${k.name}?`, body: 'Clients using this key stop working.', confirmLabel: 'Delete', danger: true }).then(
                (ok) => ok && remove.mutate({ id: k.id }, { onSuccess: () => toast.success('Key deleted'), onError: toast.error }),
              )
            }
          >
            Delete
          </Button>
        </div>
      ),
    },
  ];

  return (
    <>
      <PageHead
        title="API Keys"
        subtitle="Keys for your SDKs and tools. Each request is charged to the key's owner."
        actions={
          <>
            {selected.size > 0 ? (
              <Button variant="danger" onClick={deleteSelected} data-testid="delete-selected-keys">
                Delete {selected.size} selected
              </Button>
            ) : null}
            <Button variant="primary" onClick={() => open({ mode: 'create' })} data-testid="new-key">
              New key
            </Button>
          </>
        }
      />
      <Card>
        {keys.isPending ? (
          <Loading />
        ) : keys.error ? (
          <ErrorNotice error={keys.error} />
        ) : (
          <Table
            rows={keys.data}
            columns={columns}
            rowKey={(k) => k.id}
            testId="keys-table"
            empty={
              <EmptyState title="No keys yet" action={<Button variant="primary" onClick={() => open({ mode: 'create' })}>Create your first key</Button>}>
                A key lets an SDK or CLI use the pool through this gateway.
              </EmptyState>
            }
          />
        )}
      </Card>
      <Dialog
        open={editing !== null}
        title={editing?.mode === 'edit' ? `Edit ${editing.record.name}` : 'New API key'}
        onClose={() => setEditing(null)}
        testId="key-dialog"
        footer={
          <>
            <Button onClick={() => setEditing(null)}>Cancel</Button>
            <Button variant="primary" busy={create.isPending || update.isPending} onClick={() => void save()} data-testid="save-key">
              {editing?.mode === 'edit' ? 'Save' : 'Create key'}
            </Button>
          </>
        }
      >
        {editing ? <KeyForm draft={draft} onChange={setDraft} /> : null}
      </Dialog>
      <TokenReveal issued={issued} onClose={() => setIssued(null)} />
    </>
  );
}
