import { useState } from 'react';
import { AFFINITY_CONTEXT_NAMES, AFFINITY_KEY_SOURCES, AFFINITY_ROUTES, type AffinityRuleRecord } from '../../../src-shared/api/ops/routing';
import { useOp, useOpMutation } from '../../api/hooks';
import { Badge, Button, Card, Checkbox, confirmAction, Dialog, EmptyState, ErrorNotice, Field, Loading, PageHead, Select, Table, TextInput, toast, type Column } from '../../ui';

type Route = (typeof AFFINITY_ROUTES)[number];
type KeySource = (typeof AFFINITY_KEY_SOURCES)[number];

interface RuleDraft {
  name: string;
  enabled: boolean;
  model_pattern: string;
  routes: Route[];
  key_source: KeySource;
  key_name: string;
  ttl_seconds: string;
  switch_on_success: boolean;
  stay_pinned_on_failure: boolean;
  include_model_in_key: boolean;
}

const blank: RuleDraft = {
  name: '',
  enabled: true,
  model_pattern: '',
  routes: ['*'],
  key_source: 'json',
  key_name: '',
  ttl_seconds: '3600',
  switch_on_success: true,
  stay_pinned_on_failure: true,
  include_model_in_key: false,
};
const fromRule = (r: AffinityRuleRecord): RuleDraft => ({ ...r, routes: r.routes as Route[], ttl_seconds: String(r.ttl_seconds) });

const SOURCE_HINT: Record<KeySource, string> = {
  json: 'A path into the request body, e.g. metadata.user_id or prompt_cache_key.',
  header: 'A request header name, e.g. x-session-id.',
  context: `One of: ${AFFINITY_CONTEXT_NAMES.join(', ')}.`,
};

export function AffinityPage() {
  const rules = useOp('affinity.list', {});
  const create = useOpMutation('affinity.create');
  const update = useOpMutation('affinity.update');
  const remove = useOpMutation('affinity.delete');
  const [editing, setEditing] = useState<{ id: number | null } | null>(null);
  const [draft, setDraft] = useState<RuleDraft>(blank);
  const set = (p: Partial<RuleDraft>) => setDraft({ ...draft, ...p });

  const save = () => {
    const body = { ...draft, ttl_seconds: Number(draft.ttl_seconds) };
    const done = { onSuccess: () => { toast.success('Rule saved'); setEditing(null); }, onError: toast.error };
    if (editing?.id) update.mutate({ id: editing.id, ...body }, done);
    else create.mutate(body, done);
  };

  const columns: Column<AffinityRuleRecord>[] = [
    { key: 'name', header: 'Rule', render: (r) => <span className="row" style={{ gap: 6 }}><strong>{r.name}</strong>{r.builtin ? <Badge>preset</Badge> : null}</span> },
    { key: 'model', header: 'Models', render: (r) => <code>{r.model_pattern}</code> },
    { key: 'routes', header: 'Routes', render: (r) => r.routes.join(', ') },
    { key: 'key', header: 'Session key', render: (r) => <span><span className="muted">{r.key_source}:</span> <code>{r.key_name}</code></span> },
    { key: 'ttl', header: 'TTL', numeric: true, render: (r) => `${r.ttl_seconds} s` },
    {
      key: 'policy',
      header: 'Policy',
      render: (r) => (
        <div className="row" style={{ gap: 4 }}>
          {r.switch_on_success ? <span title="After a successful fallback the session is bound to the new channel"><Badge>rebind</Badge></span> : null}
          {r.stay_pinned_on_failure ? <span title="Cache-local traffic stays on the bound channel when it fails"><Badge>pinned</Badge></span> : null}
          {r.include_model_in_key ? <span title="The model name is part of the session key"><Badge>per model</Badge></span> : null}
        </div>
      ),
    },
    { key: 'bindings', header: 'Bindings', numeric: true, render: (r) => r.bindings },
    {
      key: 'enabled',
      header: 'On',
      render: (r) => <Checkbox label="" aria-label={`Enable ${r.name}`} checked={r.enabled} onChange={(enabled) => update.mutate({ id: r.id, enabled }, { onError: toast.error })} />,
    },
    {
      key: 'actions',
      header: '',
      render: (r) => (
        <div className="row" style={{ flexWrap: 'nowrap' }}>
          <Button small onClick={() => { setDraft(fromRule(r)); setEditing({ id: r.id }); }}>Edit</Button>
          <Button
            small
            variant="danger"
            onClick={() => void confirmAction({ title: `Delete ${r.name}?`, body: 'Its live bindings are dropped.', confirmLabel: 'Delete', danger: true }).then((ok) => ok && remove.mutate({ id: r.id }, { onError: toast.error }))}
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
        title="Affinity"
        subtitle="Keep a conversation on the channel that already holds its prompt cache: a request field names the session, bound to the channel that served it for a while."
        actions={<Button variant="primary" onClick={() => { setDraft(blank); setEditing({ id: null }); }} data-testid="new-rule">New rule</Button>}
      />
      <Card>
        {rules.isPending ? <Loading /> : rules.error ? <ErrorNotice error={rules.error} /> : <Table rows={rules.data} columns={columns} rowKey={(r) => r.id} testId="affinity-table" empty={<EmptyState title="No affinity rules: every request is routed by weight alone" />} />}
      </Card>
      <Dialog
        open={editing !== null}
        title={editing?.id ? 'Edit rule' : 'New affinity rule'}
        onClose={() => setEditing(null)}
        testId="rule-dialog"
        footer={
          <>
            <Button onClick={() => setEditing(null)}>Cancel</Button>
            <Button variant="primary" busy={create.isPending || update.isPending} onClick={save}>Save</Button>
          </>
        }
      >
        <div className="form-grid">
          <Field label="Name"><TextInput value={draft.name} onChange={(e) => set({ name: e.target.value })} /></Field>
          <Field label="Model pattern"><TextInput value={draft.model_pattern} placeholder="claude-* or /^claude-.*$/" onChange={(e) => set({ model_pattern: e.target.value })} /></Field>
          <Field label="Key source"><Select<KeySource> value={draft.key_source} options={AFFINITY_KEY_SOURCES} onChange={(key_source) => set({ key_source })} /></Field>
          <Field label="Key name" hint={SOURCE_HINT[draft.key_source]}><TextInput value={draft.key_name} onChange={(e) => set({ key_name: e.target.value })} /></Field>
          <Field label="Binding lifetime (s)"><TextInput inputMode="numeric" value={draft.ttl_seconds} onChange={(e) => set({ ttl_seconds: e.target.value })} /></Field>
        </div>
        <Field label="Routes">
          <div className="row">
            {AFFINITY_ROUTES.map((r) => (
              <Checkbox key={r} label={r === '*' ? 'all routes' : r} checked={draft.routes.includes(r)} onChange={(on) => set({ routes: on ? [...draft.routes, r] : draft.routes.filter((x) => x !== r) })} />
            ))}
          </div>
        </Field>
        <div className="stack" style={{ gap: 6 }}>
          <Checkbox label="Enabled" checked={draft.enabled} onChange={(enabled) => set({ enabled })} />
          <Checkbox label="After a successful fallback, bind the session to the new channel" checked={draft.switch_on_success} onChange={(switch_on_success) => set({ switch_on_success })} />
          <Checkbox label="Keep cache-local traffic pinned when the bound channel fails" checked={draft.stay_pinned_on_failure} onChange={(stay_pinned_on_failure) => set({ stay_pinned_on_failure })} />
          <Checkbox label="Include the model name in the session key" checked={draft.include_model_in_key} onChange={(include_model_in_key) => set({ include_model_in_key })} />
        </div>
      </Dialog>
    </>
  );
}
