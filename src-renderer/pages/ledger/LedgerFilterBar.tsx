import { useState } from 'react';
import { useOp } from '../../api/hooks';
import { Button, Card, Field, Select, TextInput } from '../../ui';

export interface LedgerFilterState {
  from?: string;
  to?: string;
  model?: string;
  key?: number;
  channel?: number;
  user?: number;
  status?: 'ok' | 'error';
}

const toIso = (local: string): string | undefined => (local ? new Date(local).toISOString() : undefined);

/** Edits filters locally and applies them on "Apply", so typing does not refetch every keystroke. */
export function LedgerFilterBar({ admin, value, onChange }: { admin: boolean; value: LedgerFilterState; onChange: (f: LedgerFilterState) => void }) {
  const keys = useOp('apiKeys.list', {});
  const channels = useOp('channels.list', {});
  const users = useOp('users.list', {}, { enabled: admin });
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [model, setModel] = useState(value.model ?? '');
  const [key, setKey] = useState('');
  const [channel, setChannel] = useState('');
  const [user, setUser] = useState('');
  const [status, setStatus] = useState<'' | 'ok' | 'error'>('');

  const apply = () =>
    onChange({
      from: toIso(from),
      to: toIso(to),
      model: model.trim() || undefined,
      key: key ? Number(key) : undefined,
      channel: channel ? Number(channel) : undefined,
      user: user ? Number(user) : undefined,
      status: status || undefined,
    });
  const any = (label: string) => ({ value: '', label });

  return (
    <Card>
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
        data-testid="ledger-filters"
      >
        <Field label="From">
          <TextInput type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
        </Field>
        <Field label="To">
          <TextInput type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
        </Field>
        <Field label="Model">
          <TextInput name="filter-model" value={model} onChange={(e) => setModel(e.target.value)} placeholder="exact name" />
        </Field>
        <Field label="Key">
          <Select value={key} onChange={setKey} options={[any('any key'), ...(keys.data ?? []).map((k) => ({ value: String(k.id), label: k.name }))]} />
        </Field>
        <Field label="Channel">
          <Select value={channel} onChange={setChannel} options={[any('any channel'), ...(channels.data ?? []).map((c) => ({ value: String(c.id), label: c.name }))]} />
        </Field>
        {admin ? (
          <Field label="User">
            <Select value={user} onChange={setUser} options={[any('anyone'), ...(users.data ?? []).map((u) => ({ value: String(u.id), label: u.email }))]} />
          </Field>
        ) : null}
        <Field label="Status">
          <Select<'' | 'ok' | 'error'> value={status} onChange={setStatus} options={[{ value: '', label: 'any' }, { value: 'ok', label: 'ok' }, { value: 'error', label: 'error' }]} />
        </Field>
        <div className="row" style={{ alignSelf: 'end' }}>
          <Button type="submit" variant="primary" data-testid="ledger-apply">
            Apply
          </Button>
        </div>
      </form>
    </Card>
  );
}
