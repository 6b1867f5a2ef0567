import { useState } from 'react';
import { useOp } from '../../api/hooks';
import { Checkbox, Field, TextInput } from '../../ui';
import type { KeyDraft } from './key-draft';

const splitList = (text: string): string[] =>
  text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** `datetime-local` works in local time; the API takes RFC 3339 UTC. */
const toLocalInput = (iso: string | null): string => {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

export function KeyForm({ draft, onChange }: { draft: KeyDraft; onChange: (d: KeyDraft) => void }) {
  const channels = useOp('channels.list', {});
  const [modelsText, setModelsText] = useState(draft.allowed_models.join(', '));
  const [limitText, setLimitText] = useState(draft.spend_limit_points === null ? '' : String(draft.spend_limit_points));
  const set = (patch: Partial<KeyDraft>) => onChange({ ...draft, ...patch });
  const allChannels = draft.allowed_channel_ids === null;
  return (
    <div className="stack" data-testid="key-form">
      <Field label="Name">
        <TextInput name="key-name" required value={draft.name} onChange={(e) => set({ name: e.target.value })} placeholder="laptop, ci, claude-code…" />
      </Field>
      <Field label="Allowed models" hint="Empty = every model. Exact names, * globs or /regex/, comma separated.">
        <TextInput
          name="key-models"
          value={modelsText}
          onChange={(e) => {
            setModelsText(e.target.value);
            set({ allowed_models: splitList(e.target.value) });
          }}
          placeholder="gpt-4o*, claude-*"
        />
      </Field>
      <div className="form-grid">
        <Field label="Spend limit (points)" hint="Empty = no limit.">
          <TextInput
            name="key-limit"
            inputMode="decimal"
            value={limitText}
            onChange={(e) => {
              setLimitText(e.target.value);
              const n = Number(e.target.value);
              set({ spend_limit_points: e.target.value.trim() === '' || !Number.isFinite(n) ? null : n });
            }}
          />
        </Field>
        <Field label="Expires" hint="Empty = never.">
          <TextInput
            type="datetime-local"
            name="key-expires"
            value={toLocalInput(draft.expires_at)}
            onChange={(e) => set({ expires_at: e.target.value ? new Date(e.target.value).toISOString() : null })}
          />
        </Field>
      </div>
      <Field label="Channels">
        <div className="stack" style={{ gap: 6 }}>
          <Checkbox label="The whole pool, including channels added later" checked={allChannels} onChange={(v) => set({ allowed_channel_ids: v ? null : [] })} />
          {!allChannels
            ? (channels.data ?? []).map((c) => (
                <Checkbox
                  key={c.id}
                  label={`${c.name} (${c.provider})`}
                  checked={draft.allowed_channel_ids?.includes(c.id) ?? false}
                  onChange={(v) => {
                    const ids = new Set(draft.allowed_channel_ids ?? []);
                    if (v) ids.add(c.id);
                    else ids.delete(c.id);
                    set({ allowed_channel_ids: [...ids] });
                  }}
                />
              ))
            : null}
        </div>
      </Field>
    </div>
  );
}
