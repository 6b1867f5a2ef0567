import { useState } from 'react';
import type { ChannelRecord } from '../../../src-shared/api/ops/channels';
import { useOp, useOpMutation } from '../../api/hooks';
import { useRuntimeSettings } from '../../api/runtime-settings';
import { formatPoints, formatTime } from '../../lib/format';
import { isAdmin, useSession } from '../../state/session';
import { Badge, Button, Card, Checkbox, confirmAction, Dialog, EmptyState, ErrorNotice, Loading, PageHead, Table, toast, type Column } from '../../ui';
import { ChannelForm } from './ChannelForm';
import { draftFromChannel, payloadFromDraft, PROVIDER_LABELS, type ChannelDraft } from './channel-draft';
import { ChannelTestButton } from './ChannelTestButton';

function WindowBar({ c }: { c: ChannelRecord }) {
  const w = c.quota_windows[0];
  if (!w) return <span className="muted">unlimited</span>;
  const pct = w.limit_points > 0 ? Math.min(100, (w.used_points / w.limit_points) * 100) : 100;
  const tone = pct >= 100 ? 'bad' : pct >= 80 ? 'warn' : '';
  return (
    <div title={`${w.name}: ${formatPoints(w.used_points)} of ${formatPoints(w.limit_points)} used, every ${w.period_count} ${w.period_unit} (${w.timezone})`}>
      <div className={`bar ${tone}`}>
        <i style={{ width: `${pct}%` }} />
      </div>
      <div className="muted" style={{ fontSize: 12 }}>
        {formatPoints(w.used_points)} / {formatPoints(w.limit_points)}
        {c.quota_windows.length > 1 ? ` · +${c.quota_windows.length - 1} more` : ''}
      </div>
    </div>
  );
}

function Coverage({ models }: { models: string[] }) {
  const shown = models.slice(0, 3);
  return (
    <div className="row" style={{ gap: 4 }} title={models.join('\n')}>
      {shown.map((m) => (
        <code key={m} className="badge">
          {m}
        </code>
      ))}
      {models.length > shown.length ? <span className="muted">+{models.length - shown.length}</span> : null}
    </div>
  );
}

type Editing = { channel: ChannelRecord | null } | null;

export function ChannelsPage() {
  const admin = isAdmin(useSession((s) => s.user));
  const channels = useOp('channels.list', {});
  const create = useOpMutation('channels.create');
  const update = useOpMutation('channels.update');
  const setEnabled = useOpMutation('channels.setEnabled');
  const copy = useOpMutation('channels.copy');
  const remove = useOpMutation('channels.delete');
  const batch = useOpMutation('channels.batchEnabled');
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [editing, setEditing] = useState<Editing>(null);
  const [draft, setDraft] = useState<ChannelDraft>(draftFromChannel(null));
  const [errors, setErrors] = useState<string[]>([]);

  const defaults = useRuntimeSettings();
  const open = (channel: ChannelRecord | null) => {
    setDraft(draftFromChannel(channel, { weight: defaults.default_channel_weight, enabled: defaults.default_channel_enabled }));
    setErrors([]);
    setEditing({ channel });
  };

  const save = async () => {
    const creating = editing?.channel == null;
    const result = payloadFromDraft(draft, creating);
    if ('errors' in result) {
      setErrors(result.errors);
      return;
    }
    try {
      if (editing?.channel) {
        await update.mutateAsync({ id: editing.channel.id, ...result.payload });
        toast.success('Channel saved');
      } else {
        const { api_key_secret, ...rest } = result.payload;
        await create.mutateAsync({ ...rest, api_key_secret: api_key_secret ?? '' });
        toast.success('Channel created');
      }
      setEditing(null);
    } catch (err) {
      setErrors([err instanceof Error ? err.message : String(err)]);
    }
  };

  const rows = channels.data ?? [];
  const toggleSelect = (id: number, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  };
  const runBatch = (enabled: boolean) =>
    batch.mutate(
      { ids: [...selected], enabled },
      { onSuccess: (r) => { toast.success(`${r.updated} channel(s) ${enabled ? 'enabled' : 'disabled'}`); setSelected(new Set()); }, onError: toast.error },
    );

  const columns: Column<ChannelRecord>[] = [
    {
      key: 'select',
      header: <Checkbox label="" aria-label="Select all" checked={rows.length > 0 && selected.size === rows.length} onChange={(on) => setSelected(on ? new Set(rows.map((r) => r.id)) : new Set())} />,
      render: (c) => <Checkbox label="" aria-label={`Select ${c.name}`} checked={selected.has(c.id)} onChange={(on) => toggleSelect(c.id, on)} />,
    },
    {
      key: 'name',
      header: 'Channel',
      render: (c) => (
        <div>
          <strong>{c.name}</strong>
          <div className="muted" style={{ fontSize: 12 }}>
            {PROVIDER_LABELS[c.provider]} · {c.secret_hint ?? 'no key'}
            {admin && c.owner_email ? ` · ${c.owner_email}` : ''}
          </div>
        </div>
      ),
    },
    { key: 'models', header: 'Coverage', render: (c) => <Coverage models={c.models} /> },
    { key: 'window', header: 'Primary window', render: (c) => <WindowBar c={c} /> },
    { key: 'weight', header: 'Weight', numeric: true, render: (c) => c.weight },
    {
      key: 'state',
      header: 'State',
      render: (c) => (
        <div className="row" style={{ gap: 4 }}>
          {c.enabled ? <Badge tone="ok">enabled</Badge> : <Badge>disabled</Badge>}
          {c.fire_sale_active ? <Badge tone="warn">fire sale ×{c.fire_sale?.discount}</Badge> : c.fire_sale ? <Badge>fire sale set</Badge> : null}
          {c.cooldown_until && new Date(c.cooldown_until) > new Date() ? <Badge tone="bad">cooling until {formatTime(c.cooldown_until)}</Badge> : null}
        </div>
      ),
    },
    {
      key: 'actions',
      header: '',
      render: (c) => (
        // Wraps rather than overflow the table on narrower windows (the Delete button was cut off).
        <div className="row" style={{ flexWrap: 'wrap', justifyContent: 'flex-end', minWidth: 220 }}>
          <Button small onClick={() => setEnabled.mutate({ id: c.id, enabled: !c.enabled }, { onError: toast.error })}>
            {c.enabled ? 'Disable' : 'Enable'}
          </Button>
          <Button small onClick={() => open(c)}>
            Edit
          </Button>
          <ChannelTestButton channel={c} />
          <Button small onClick={() => copy.mutate({ id: c.id }, { onSuccess: (n) => toast.success(`Cloned as ${n.name} (disabled until reviewed)`), onError: toast.error })}>
            Clone
          </Button>
          <Button
            small
            variant="danger"
            onClick={() =>
              void confirmAction({ title: `Delete ${c.name}?`, body: 'Its stored upstream key is destroyed; ledger rows stay.', confirmLabel: 'Delete', danger: true }).then(
                (ok) => ok && remove.mutate({ id: c.id }, { onSuccess: () => toast.success('Channel deleted'), onError: toast.error }),
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
        title="Channels"
        subtitle={admin ? 'Every upstream account in the pool.' : 'Your upstream accounts shared with the pool. You earn points when they serve requests.'}
        actions={
          <>
            {selected.size > 0 ? (
              <>
                <span className="muted">{selected.size} selected</span>
                <Button onClick={() => runBatch(true)} data-testid="batch-enable">Enable</Button>
                <Button onClick={() => runBatch(false)} data-testid="batch-disable">Disable</Button>
              </>
            ) : null}
            <Button variant="primary" onClick={() => open(null)} data-testid="new-channel">
              New channel
            </Button>
          </>
        }
      />
      <Card>
        {channels.isPending ? (
          <Loading />
        ) : channels.error ? (
          <ErrorNotice error={channels.error} />
        ) : (
          <Table
            rows={rows}
            columns={columns}
            rowKey={(c) => c.id}
            testId="channels-table"
            empty={<EmptyState title="No channels yet" action={<Button variant="primary" onClick={() => open(null)}>Add a channel</Button>}>A channel is one upstream account (OpenAI, Anthropic, Gemini or compatible) shared with the pool.</EmptyState>}
          />
        )}
      </Card>
      <Dialog
        open={editing !== null}
        title={editing?.channel ? `Edit ${editing.channel.name}` : 'New channel'}
        onClose={() => setEditing(null)}
        testId="channel-dialog"
        footer={
          <>
            <Button onClick={() => setEditing(null)}>Cancel</Button>
            <Button variant="primary" busy={create.isPending || update.isPending} onClick={() => void save()} data-testid="save-channel">
              {editing?.channel ? 'Save' : 'Create channel'}
            </Button>
          </>
        }
      >
        {editing ? <ChannelForm draft={draft} onChange={setDraft} existing={editing.channel} /> : null}
        {errors.length ? (
          <div className="notice notice-bad" role="alert" data-testid="channel-errors">
            {errors.map((e) => (
              <div key={e}>{e}</div>
            ))}
          </div>
        ) : null}
      </Dialog>
    </>
  );
}
