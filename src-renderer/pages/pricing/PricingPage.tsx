import { useState } from 'react';
import type { PriceRecord } from '../../../src-shared/api/ops/prices';
import { useOp, useOpMutation } from '../../api/hooks';
import { formatPoints } from '../../lib/format';
import { isAdmin, useSession } from '../../state/session';
import { Badge, Button, Card, confirmAction, Dialog, EmptyState, ErrorNotice, Field, Loading, PageHead, Select, Table, TextInput, toast, type Column } from '../../ui';
import { PriceLookupCard } from './PriceLookupCard';

interface PriceDraft {
  channel: string;
  model_pattern: string;
  input: string;
  output: string;
  cache: string;
  cache_write: string;
}
const blank: PriceDraft = { channel: '', model_pattern: '', input: '', output: '', cache: '0', cache_write: '' };
const fromRecord = (p: PriceRecord): PriceDraft => ({
  channel: p.channel_id === null ? '' : String(p.channel_id),
  model_pattern: p.model_pattern,
  input: String(p.input_price_per_1m),
  output: String(p.output_price_per_1m),
  cache: String(p.cache_price_per_1m),
  cache_write: p.cache_write_price_per_1m === null ? '' : String(p.cache_write_price_per_1m),
});

export function PricingPage() {
  const user = useSession((s) => s.user);
  const admin = isAdmin(user);
  const prices = useOp('prices.list', {});
  const channels = useOp('channels.list', {});
  const create = useOpMutation('prices.create');
  const update = useOpMutation('prices.update');
  const remove = useOpMutation('prices.delete');
  const [editing, setEditing] = useState<{ id: number | null } | null>(null);
  const [draft, setDraft] = useState<PriceDraft>(blank);
  const channelName = new Map((channels.data ?? []).map((c) => [c.id, c.name]));
  const ownChannels = (channels.data ?? []).filter((c) => admin || c.owner_id === user?.id);
  const canEdit = (p: PriceRecord) => admin || (p.channel_id !== null && ownChannels.some((c) => c.id === p.channel_id));

  const save = () => {
    const body = {
      channel_id: draft.channel ? Number(draft.channel) : null,
      model_pattern: draft.model_pattern.trim(),
      input_price_per_1m: Number(draft.input),
      output_price_per_1m: Number(draft.output),
      cache_price_per_1m: Number(draft.cache || 0),
      cache_write_price_per_1m: draft.cache_write.trim() === '' ? null : Number(draft.cache_write),
    };
    const done = { onSuccess: () => { toast.success('Price saved'); setEditing(null); }, onError: toast.error };
    if (editing?.id) update.mutate({ id: editing.id, ...body }, done);
    else create.mutate(body, done);
  };

  const columns: Column<PriceRecord>[] = [
    { key: 'scope', header: 'Scope', render: (p) => (p.channel_id === null ? <Badge tone="accent">global</Badge> : channelName.get(p.channel_id) ?? `channel ${p.channel_id}`) },
    { key: 'pattern', header: 'Model pattern', render: (p) => <code>{p.model_pattern}</code> },
    { key: 'in', header: 'Input / 1M', numeric: true, render: (p) => formatPoints(p.input_price_per_1m) },
    { key: 'out', header: 'Output / 1M', numeric: true, render: (p) => formatPoints(p.output_price_per_1m) },
    { key: 'cache', header: 'Cached / 1M', numeric: true, render: (p) => formatPoints(p.cache_price_per_1m) },
    { key: 'cw', header: 'Cache write / 1M', numeric: true, render: (p) => (p.cache_write_price_per_1m === null ? <span className="muted">= input</span> : formatPoints(p.cache_write_price_per_1m)) },
    { key: 'preset', header: '', render: (p) => (p.preset ? <Badge>preset</Badge> : null) },
    {
      key: 'actions',
      header: '',
      render: (p) =>
        canEdit(p) ? (
          <div className="row" style={{ flexWrap: 'nowrap' }}>
            <Button small onClick={() => { setDraft(fromRecord(p)); setEditing({ id: p.id }); }}>
              Edit
            </Button>
            <Button
              small
              variant="danger"
              onClick={() =>
                void confirmAction({ title: `Delete the price for ${p.model_pattern}?`, body: 'Requests fall through to the next price in the order.', confirmLabel: 'Delete', danger: true }).then(
                  (ok) => ok && remove.mutate({ id: p.id }, { onError: toast.error }),
                )
              }
            >
              Delete
            </Button>
          </div>
        ) : null,
    },
  ];

  const set = (p: Partial<PriceDraft>) => setDraft({ ...draft, ...p });
  return (
    <>
      <PageHead
        title="Pricing"
        subtitle={
          <>
            Points per million tokens. A channel&apos;s own prices beat global ones; <code>default</code> is a scope&apos;s catch-all.
          </>
        }
        actions={
          admin || ownChannels.length ? (
            <Button variant="primary" onClick={() => { setDraft({ ...blank, channel: admin ? '' : String(ownChannels[0]?.id ?? '') }); setEditing({ id: null }); }} data-testid="new-price">
              New price
            </Button>
          ) : null
        }
      />
      {prices.data && channels.data ? <PriceLookupCard prices={prices.data} channels={channels.data} /> : null}
      <Card title="Price list">
        {prices.isPending ? (
          <Loading />
        ) : prices.error ? (
          <ErrorNotice error={prices.error} />
        ) : (
          <Table rows={prices.data} columns={columns} rowKey={(p) => p.id} testId="prices-table" empty={<EmptyState title="No prices: every model uses the fallback rates" />} />
        )}
      </Card>
      <Dialog
        open={editing !== null}
        title={editing?.id ? 'Edit price' : 'New price'}
        onClose={() => setEditing(null)}
        testId="price-dialog"
        footer={
          <>
            <Button onClick={() => setEditing(null)}>Cancel</Button>
            <Button variant="primary" busy={create.isPending || update.isPending} onClick={save} data-testid="save-price">
              Save
            </Button>
          </>
        }
      >
        <div className="form-grid">
          <Field label="Scope">
            <Select
              value={draft.channel}
              onChange={(channel) => set({ channel })}
              options={[...(admin ? [{ value: '', label: 'global' }] : []), ...ownChannels.map((c) => ({ value: String(c.id), label: c.name }))]}
            />
          </Field>
          <Field label="Model pattern" hint="Exact name, * glob, /regex/, or default.">
            <TextInput name="price-pattern" value={draft.model_pattern} onChange={(e) => set({ model_pattern: e.target.value })} />
          </Field>
          <Field label="Input / 1M">
            <TextInput name="price-input" inputMode="decimal" value={draft.input} onChange={(e) => set({ input: e.target.value })} />
          </Field>
          <Field label="Output / 1M">
            <TextInput name="price-output" inputMode="decimal" value={draft.output} onChange={(e) => set({ output: e.target.value })} />
          </Field>
          <Field label="Cached input / 1M">
            <TextInput inputMode="decimal" value={draft.cache} onChange={(e) => set({ cache: e.target.value })} />
          </Field>
          <Field label="Cache write / 1M" hint="Empty: the input price.">
            <TextInput inputMode="decimal" value={draft.cache_write} onChange={(e) => set({ cache_write: e.target.value })} />
          </Field>
        </div>
      </Dialog>
    </>
  );
}
