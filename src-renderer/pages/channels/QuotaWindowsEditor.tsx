import { PERIOD_UNITS, type PeriodUnit } from '../../../src-shared/api/ops/channels';
import { Button, Field, Select, TextInput } from '../../ui';
import { newWindow, type WindowDraft } from './channel-draft';

const ZONES: readonly string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
})();

/** Any number of windows; the first is the primary one (availability, weighting, fire sale). */
export function QuotaWindowsEditor({ windows, onChange }: { windows: WindowDraft[]; onChange: (w: WindowDraft[]) => void }) {
  const patch = (i: number, p: Partial<WindowDraft>) => onChange(windows.map((w, j) => (j === i ? { ...w, ...p } : w)));
  return (
    <div className="stack" data-testid="quota-windows">
      <datalist id="tz-list">
        {ZONES.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      {windows.length === 0 ? <p className="muted">No windows: the channel is limited only by its upstream.</p> : null}
      {windows.map((w, i) => (
        <div key={i} className="card" style={{ padding: 12, boxShadow: 'none' }} data-testid={`window-${i}`}>
          <div className="spread" style={{ marginBottom: 8 }}>
            <strong>{i === 0 ? 'Primary window' : `Window ${i + 1}`}</strong>
            <Button small variant="danger" onClick={() => onChange(windows.filter((_, j) => j !== i))}>
              Remove
            </Button>
          </div>
          <div className="form-grid">
            <Field label="Name">
              <TextInput value={w.name} onChange={(e) => patch(i, { name: e.target.value })} />
            </Field>
            <Field label="Limit (points)">
              <TextInput name={`window-${i}-limit`} inputMode="decimal" value={w.limit_points} onChange={(e) => patch(i, { limit_points: e.target.value })} />
            </Field>
            <Field label="Every">
              <div className="row" style={{ flexWrap: 'nowrap' }}>
                <TextInput type="number" min={1} value={w.period_count} onChange={(e) => patch(i, { period_count: Number(e.target.value) })} style={{ width: 70 }} />
                <Select<PeriodUnit> value={w.period_unit} options={PERIOD_UNITS} onChange={(u) => patch(i, { period_unit: u })} />
              </div>
            </Field>
            <Field label="Starting at (local time in zone)">
              <TextInput type="datetime-local" value={w.anchor_local} onChange={(e) => patch(i, { anchor_local: e.target.value })} />
            </Field>
            <Field label="Time zone">
              <TextInput list="tz-list" value={w.timezone} onChange={(e) => patch(i, { timezone: e.target.value })} />
            </Field>
          </div>
        </div>
      ))}
      <div>
        <Button small onClick={() => onChange([...windows, newWindow()])} data-testid="add-window">
          Add window
        </Button>
      </div>
    </div>
  );
}
