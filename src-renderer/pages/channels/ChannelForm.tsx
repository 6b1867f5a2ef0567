import { PROVIDERS, type ChannelRecord, type Provider } from '../../../src-shared/api/ops/channels';
import { Checkbox, Field, Select, TextArea, TextInput } from '../../ui';
import { BASE_URL_HINTS, PROVIDER_LABELS, type ChannelDraft } from './channel-draft';
import { QuotaWindowsEditor } from './QuotaWindowsEditor';

export function ChannelForm({ draft, onChange, existing }: { draft: ChannelDraft; onChange: (d: ChannelDraft) => void; existing: ChannelRecord | null }) {
  const set = (p: Partial<ChannelDraft>) => onChange({ ...draft, ...p });
  const fire = draft.fire_sale;
  return (
    <div className="stack" data-testid="channel-form">
      <div className="form-grid">
        <Field label="Name">
          <TextInput name="channel-name" value={draft.name} onChange={(e) => set({ name: e.target.value })} />
        </Field>
        <Field label="Provider">
          <Select<Provider> name="channel-provider" value={draft.provider} options={PROVIDERS.map((p) => ({ value: p, label: PROVIDER_LABELS[p] }))} onChange={(provider) => set({ provider })} />
        </Field>
      </div>
      <Field label="Base URL" hint="The API root exactly as the provider's own SDK takes it. Empty: the provider's default.">
        <TextInput name="channel-base-url" value={draft.base_url} placeholder={BASE_URL_HINTS[draft.provider]} onChange={(e) => set({ base_url: e.target.value })} />
      </Field>
      <Field
        label="Upstream API key"
        hint={existing?.has_secret ? `A key is stored (${existing.secret_hint ?? 'hidden'}). Leave empty to keep it; it can never be read back.` : 'Stored encrypted; never shown again.'}
      >
        <TextInput name="channel-secret" type="password" autoComplete="off" value={draft.api_key_secret} onChange={(e) => set({ api_key_secret: e.target.value })} placeholder={existing?.has_secret ? '•••••••• (unchanged)' : 'sk-…'} />
      </Field>
      <Field label="Models covered" hint="One per line: exact names, * globs, or /regular expressions/.">
        <TextArea name="channel-models" value={draft.models} onChange={(e) => set({ models: e.target.value })} placeholder={'gpt-4o-mini\nclaude-*\n/^gemini-2\\.5-.*$/'} />
      </Field>
      <div className="form-grid">
        <Field label="Route weight" hint="Share of traffic among eligible channels.">
          <TextInput name="channel-weight" inputMode="decimal" value={draft.weight} onChange={(e) => set({ weight: e.target.value })} />
        </Field>
        <Field label="Status">
          <Checkbox label="Enabled" checked={draft.enabled} onChange={(enabled) => set({ enabled })} />
        </Field>
      </div>
      <h3>Quota windows</h3>
      <QuotaWindowsEditor windows={draft.windows} onChange={(windows) => set({ windows })} />
      <h3>Fire sale</h3>
      <Checkbox
        label="Discount unused inventory shortly before the primary window resets"
        checked={fire !== null}
        onChange={(on) => set({ fire_sale: on ? { days_before: 1, remaining_pct: 50, discount: 0.5 } : null })}
      />
      {fire ? (
        <div className="form-grid">
          <Field label="Days before reset">
            <TextInput type="number" min={0} step="0.5" value={fire.days_before} onChange={(e) => set({ fire_sale: { ...fire, days_before: Number(e.target.value) } })} />
          </Field>
          <Field label="While unused share is at least (%)">
            <TextInput type="number" min={0} max={100} value={fire.remaining_pct} onChange={(e) => set({ fire_sale: { ...fire, remaining_pct: Number(e.target.value) } })} />
          </Field>
          <Field label="Price factor" hint="0.5 = half price; also boosts the route weight.">
            <TextInput name="fire-discount" type="number" min={0.01} max={1} step="0.05" value={fire.discount} onChange={(e) => set({ fire_sale: { ...fire, discount: Number(e.target.value) } })} />
          </Field>
        </div>
      ) : null}
    </div>
  );
}
