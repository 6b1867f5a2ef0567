import { useState } from 'react';
import type { SettingEntry } from '../../../src-shared/api/ops/settings';
import type { SettingSpec } from '../../../src-shared/settings';
import { useOp, useOpMutation } from '../../api/hooks';
import { Badge, Button, Card, Checkbox, ErrorNotice, Loading, PageHead, Select, TextInput, toast } from '../../ui';
import { fieldKind, isSettingKey, parseSettingInput } from './setting-fields';
import { SystemCard } from './SystemCard';

type Group = SettingSpec['group'];
const GROUPS: { id: Group; title: string; about: string }[] = [
  { id: 'invitation', title: 'Invitation', about: 'Who may create an account.' },
  { id: 'economy', title: 'Economy', about: 'Seed balance, provider share, red packets and leaderboards.' },
  { id: 'pricing', title: 'Pricing fallback', about: 'Used when no price row matches a model.' },
  { id: 'surge', title: 'Surge', about: 'Price multipliers by how busy the pool is.' },
  { id: 'routing', title: 'Routing, retry and cooldown', about: 'How channels are tried and rested after failures.' },
  { id: 'capacity', title: 'Capacities', about: 'Sized at start: changes apply at the next start.' },
  { id: 'defaults', title: 'Defaults', about: 'Starting values for new keys and channels, and request defaults.' },
];

type Draft = Record<string, string | boolean>;

const show = (v: unknown): string | boolean => (typeof v === 'boolean' ? v : v === null || v === undefined ? '' : String(v));

function SettingControl({ entry, value, onChange }: { entry: SettingEntry; value: string | boolean; onChange: (v: string | boolean) => void }) {
  const f = fieldKind(entry.key);
  switch (f.kind) {
    case 'boolean':
      return <Checkbox label={value === true ? 'On' : 'Off'} aria-label={entry.label} checked={value === true} onChange={onChange} name={`setting-${entry.key}`} />;
    case 'enum':
      return <Select value={String(value)} options={f.options} onChange={onChange} name={`setting-${entry.key}`} id={`setting-${entry.key}`} />;
    case 'number':
      return <TextInput id={`setting-${entry.key}`} name={`setting-${entry.key}`} inputMode="decimal" value={String(value)} placeholder={f.nullable ? 'empty' : undefined} onChange={(e) => onChange(e.target.value)} />;
    case 'text':
      return <TextInput id={`setting-${entry.key}`} name={`setting-${entry.key}`} value={String(value)} onChange={(e) => onChange(e.target.value)} />;
    default: {
      const never: never = f;
      return never;
    }
  }
}

function GroupCard({ group, entries }: { group: (typeof GROUPS)[number]; entries: SettingEntry[] }) {
  const save = useOpMutation('settings.update');
  const [draft, setDraft] = useState<Draft>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const valueOf = (e: SettingEntry) => (e.key in draft ? draft[e.key]! : show(e.value));
  const dirty = entries.filter((e) => e.key in draft && draft[e.key] !== show(e.value));

  const submit = () => {
    const items: { key: string; value: unknown }[] = [];
    const errs: Record<string, string> = {};
    for (const e of dirty) {
      const r = parseSettingInput(e.key, draft[e.key]!);
      if ('error' in r) errs[e.key] = r.error;
      else items.push({ key: e.key, value: r.value });
    }
    setErrors(errs);
    if (Object.keys(errs).length || items.length === 0) return;
    save.mutate(
      { items },
      {
        onSuccess: () => {
          setDraft({});
          const restart = dirty.some((e) => e.restart_required);
          toast.success(restart ? 'Saved. Some changes apply at the next start.' : 'Saved. In effect now.');
        },
        onError: toast.error,
      },
    );
  };

  return (
    <Card
      title={group.title}
      testId={`settings-${group.id}`}
      actions={
        <Button variant="primary" small disabled={dirty.length === 0} busy={save.isPending} onClick={submit} data-testid={`save-settings-${group.id}`}>
          Save{dirty.length ? ` (${dirty.length})` : ''}
        </Button>
      }
    >
      <p className="muted">{group.about}</p>
      <div className="settings-list">
        {entries.map((e) => {
          const kind = fieldKind(e.key).kind;
          const pendingRestart = e.restart_required && e.active_value !== undefined && JSON.stringify(e.active_value) !== JSON.stringify(e.value);
          return (
            <div key={e.key} className="settings-row" data-setting={e.key}>
              <div>
                <div className="settings-label">{kind === 'boolean' ? e.label : <label htmlFor={`setting-${e.key}`}>{e.label}</label>}</div>
                <div className="row field-hint" style={{ gap: 4 }}>
                  {e.restart_required ? <Badge tone="warn">needs restart</Badge> : null}
                  {pendingRestart ? <span>running with {String(e.active_value)}</span> : null}
                  {e.member_visible ? null : <Badge>admin only</Badge>}
                  <span>default {e.default === null || e.default === '' ? 'empty' : String(e.default)}</span>
                </div>
              </div>
              <div>
                <SettingControl entry={e} value={valueOf(e)} onChange={(v) => setDraft({ ...draft, [e.key]: v })} />
                {errors[e.key] ? <div className="field-error">{errors[e.key]}</div> : null}
              </div>
            </div>
          );
        })}
      </div>
    </Card>
  );
}

export function SettingsPage() {
  const settings = useOp('settings.list', {});
  if (settings.isPending) return <Loading />;
  if (settings.error) return <ErrorNotice error={settings.error} />;
  const known = settings.data.filter((e) => isSettingKey(e.key));
  return (
    <>
      <PageHead title="Settings" subtitle="Most settings apply to the next request. Those marked “needs restart” apply at the next start." />
      <SystemCard />
      {GROUPS.map((g) => {
        const entries = known.filter((e) => e.group === g.id);
        return entries.length ? <GroupCard key={g.id} group={g} entries={entries} /> : null;
      })}
    </>
  );
}
